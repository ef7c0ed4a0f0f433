;; The EM iteration of src/gmm/em.ts in WebAssembly SIMD (f64x2): `block`, one block of the
;; diag/spherical E-step (eStepBlocked, two samples per vector), `fullBlock`, the same for full and
;; tied (see there), and `firstMoments`/`secondMoments`, the
;; M-step's two passes over a block for one component (two coordinates per vector). Compiled to
;; src/gmm/wasm/eStepBlock.wasm.ts by `npx tsx scripts/build-wasm.ts`; edit this file, never the
;; generated one.
;;
;; Every value is computed with the same IEEE operations in the same order as the JavaScript
;; path (separate multiply and add, no FMA), so the two agree bit for bit:
;;   sq_t   = 0 + (v₀·v₀)·f₀ + (v₁·v₁)·f₁ + …, v_a = x_ta − μ_ja, left to right over a;
;;   ℓ_jt   = c_j − 0.5·(sq_t·s_j)     (s_j = 1 for diag, an exact no-op; U_j² for spherical);
;;   mx_t   = max over j, updated where ℓ > mx (the JavaScript comparison, NaN never taken);
;;   e_jt   = expDeterministic(ℓ_jt − mx_t) (0 below −746), same table and polynomial;
;;   sum_t  = 0 + e_0t + e_1t + …;  inv_t = 1/sum_t;  r_jt = e_jt·inv_t.
;; The log of sum_t (for the lower bound) is left to JavaScript's Math.log. `fullBlock` and
;; `fullMoments` (full/tied covariances) state their own sums below; the same rule holds.
;;
;; Memory (byte addresses, all passed in): xr the block's b rows of X (row-major, d per row);
;; xt its transpose, 128 doubles per coordinate; mu, f: k × d means and factors (U² for diag, 1
;; for spherical); cs: k constants; sc: k scales; kb: k × 128 (component-major); mx, sm, iv: 128
;; each; out: b × k responsibilities, row-major; tab: 2^(i/32) heads then tails, 32 each.
;; Lanes past b (up to b rounded up to 4) compute on stale data and are never read. fullBlock
;; takes the packed factors in f (fs bytes per component) and no sc; fullMoments takes the
;; component's padded means and its dp × dp accumulator.
(module
  (import "env" "memory" (memory 1))

  ;; begin(xr, xt, b, d, mx, bp): the first half of `block` and `fullBlock`: the transpose
  ;; xt[a·128 + s] = xr[s·d + a] of the block, and mx = −∞ on its bp lanes.
  (func $begin
    (param $xr i32) (param $xt i32) (param $b i32) (param $d i32) (param $mx i32) (param $bp i32)
    (local $s i32) (local $a i32) (local $t i32) (local $p i32) (local $q i32)
    (local.set $p (local.get $xr))
    (block $tdone
      (loop $trow
        (br_if $tdone (i32.ge_u (local.get $s) (local.get $b)))
        (local.set $q (i32.add (local.get $xt) (i32.shl (local.get $s) (i32.const 3))))
        (local.set $a (i32.const 0))
        (block $adone
          (loop $acol
            (br_if $adone (i32.ge_u (local.get $a) (local.get $d)))
            (f64.store (local.get $q) (f64.load (local.get $p)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $q (i32.add (local.get $q) (i32.const 1024)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $acol)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $trow)))

    (local.set $t (i32.const 0))
    (block $mdone
      (loop $minit
        (br_if $mdone (i32.ge_u (local.get $t) (local.get $bp)))
        (v128.store (i32.add (local.get $mx) (i32.shl (local.get $t) (i32.const 3)))
          (v128.const f64x2 -inf -inf))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $minit)))
  )

  (func (export "block")
    (param $xr i32) (param $xt i32) (param $b i32) (param $k i32) (param $d i32)
    (param $mu i32) (param $f i32) (param $cs i32) (param $sc i32) (param $kb i32)
    (param $mx i32) (param $sm i32) (param $iv i32) (param $out i32) (param $tab i32)
    (local $a i32) (local $j i32) (local $t i32) (local $p i32) (local $q i32)
    (local $bp i32) (local $mo i32) (local $fo i32) (local $ro i32)
    (local $acc0 v128) (local $acc1 v128) (local $v v128) (local $w v128) (local $m v128)
    (local $pf v128) (local $cj v128) (local $sj v128)
    ;; bp: b rounded up to 4 (≤ 128).
    (local.set $bp (i32.and (i32.add (local.get $b) (i32.const 3)) (i32.const -4)))

    (call $begin (local.get $xr) (local.get $xt) (local.get $b) (local.get $d) (local.get $mx)
      (local.get $bp))

    ;; Weighted log probabilities and the row maxima, four samples (two vectors) per pass.
    (local.set $j (i32.const 0))
    (block $jdone
      (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $mo (i32.add (local.get $mu) (i32.shl (i32.mul (local.get $j) (local.get $d)) (i32.const 3))))
        (local.set $fo (i32.add (local.get $f) (i32.shl (i32.mul (local.get $j) (local.get $d)) (i32.const 3))))
        (local.set $ro (i32.add (local.get $kb) (i32.shl (local.get $j) (i32.const 10))))
        (local.set $cj (v128.load64_splat (i32.add (local.get $cs) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $sj (v128.load64_splat (i32.add (local.get $sc) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $t (i32.const 0))
        (block $tdone2
          (loop $tloop
            (br_if $tdone2 (i32.ge_u (local.get $t) (local.get $bp)))
            (local.set $acc0 (v128.const i64x2 0 0))
            (local.set $acc1 (v128.const i64x2 0 0))
            (local.set $p (i32.add (local.get $xt) (i32.shl (local.get $t) (i32.const 3))))
            (local.set $a (i32.const 0))
            (block $adone2
              (loop $aloop
                (br_if $adone2 (i32.ge_u (local.get $a) (local.get $d)))
                (local.set $q (i32.shl (local.get $a) (i32.const 3)))
                (local.set $m (v128.load64_splat (i32.add (local.get $mo) (local.get $q))))
                (local.set $pf (v128.load64_splat (i32.add (local.get $fo) (local.get $q))))
                (local.set $v (f64x2.sub (v128.load (local.get $p)) (local.get $m)))
                (local.set $w (f64x2.sub (v128.load offset=16 (local.get $p)) (local.get $m)))
                (local.set $acc0 (f64x2.add (local.get $acc0)
                  (f64x2.mul (f64x2.mul (local.get $v) (local.get $v)) (local.get $pf))))
                (local.set $acc1 (f64x2.add (local.get $acc1)
                  (f64x2.mul (f64x2.mul (local.get $w) (local.get $w)) (local.get $pf))))
                (local.set $p (i32.add (local.get $p) (i32.const 1024)))
                (local.set $a (i32.add (local.get $a) (i32.const 1)))
                (br $aloop)))
            (local.set $q (i32.shl (local.get $t) (i32.const 3)))
            (local.set $v (f64x2.sub (local.get $cj)
              (f64x2.mul (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $acc0) (local.get $sj)))))
            (local.set $w (f64x2.sub (local.get $cj)
              (f64x2.mul (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $acc1) (local.get $sj)))))
            (v128.store (i32.add (local.get $ro) (local.get $q)) (local.get $v))
            (v128.store offset=16 (i32.add (local.get $ro) (local.get $q)) (local.get $w))
            (local.set $m (v128.load (i32.add (local.get $mx) (local.get $q))))
            (v128.store (i32.add (local.get $mx) (local.get $q))
              (v128.bitselect (local.get $v) (local.get $m) (f64x2.gt (local.get $v) (local.get $m))))
            (local.set $m (v128.load offset=16 (i32.add (local.get $mx) (local.get $q))))
            (v128.store offset=16 (i32.add (local.get $mx) (local.get $q))
              (v128.bitselect (local.get $w) (local.get $m) (f64x2.gt (local.get $w) (local.get $m))))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $tloop)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))

    (call $normalise (local.get $bp) (local.get $k) (local.get $kb) (local.get $mx) (local.get $sm)
      (local.get $iv) (local.get $out) (local.get $tab))
  )

  ;; normalise(bp, k, kb, mx, sm, iv, out, tab): the second half of `block` and `fullBlock`, from
  ;; the weighted log probabilities in kb (k × 128) and their row maxima in mx.
  (func $normalise
    (param $bp i32) (param $k i32) (param $kb i32) (param $mx i32) (param $sm i32) (param $iv i32)
    (param $out i32) (param $tab i32)
    (local $s i32) (local $j i32) (local $t i32) (local $p i32) (local $q i32) (local $idx i32)
    (local $u v128) (local $kd v128) (local $r v128) (local $r2 v128) (local $ki v128) (local $h v128)
    (local $lo v128) (local $y v128) (local $e v128) (local $sum v128) (local $mxv v128) (local $mi v128)
    ;; Exponentials, their sums, inverses and the responsibilities, two samples per pass.
    (local.set $t (i32.const 0))
    (block $edone
      (loop $eloop
        (br_if $edone (i32.ge_u (local.get $t) (local.get $bp)))
        (local.set $q (i32.shl (local.get $t) (i32.const 3)))
        (local.set $mxv (v128.load (i32.add (local.get $mx) (local.get $q))))
        (local.set $sum (v128.const i64x2 0 0))
        (local.set $p (i32.add (local.get $kb) (local.get $q)))
        (local.set $j (i32.const 0))
        (block $jdone3
          (loop $jloop3
            (br_if $jdone3 (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $u (f64x2.sub (v128.load (local.get $p)) (local.get $mxv)))
            ;; kd = u·(32/ln2) + 1.5·2^52 − 1.5·2^52, rounded to an integer.
            (local.set $kd (f64x2.sub
              (f64x2.add (f64x2.mul (local.get $u) (v128.const f64x2 0x1.71547652b82fep+5 0x1.71547652b82fep+5))
                (v128.const f64x2 0x1.8p+52 0x1.8p+52))
              (v128.const f64x2 0x1.8p+52 0x1.8p+52)))
            ;; r = u − kd·hi − kd·lo.
            (local.set $r (f64x2.sub
              (f64x2.sub (local.get $u)
                (f64x2.mul (local.get $kd) (v128.const f64x2 0x1.62e42fee00000p-6 0x1.62e42fee00000p-6)))
              (f64x2.mul (local.get $kd) (v128.const f64x2 0x1.a39ef35793c76p-38 0x1.a39ef35793c76p-38))))
            ;; ki = kd as i64 (saturating: lanes below −746 or NaN are discarded below).
            (local.set $ki (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kd))))
            ;; h, lo = the table entries at ki & 31, one lane at a time.
            (local.set $idx (i32.add (local.get $tab)
              (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $ki))) (i32.const 31)) (i32.const 3))))
            (local.set $h (v128.load64_lane 0 (local.get $idx) (local.get $h)))
            (local.set $lo (v128.load64_lane offset=256 0 (local.get $idx) (local.get $lo)))
            (local.set $idx (i32.add (local.get $tab)
              (i32.shl (i32.and (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $ki))) (i32.const 31)) (i32.const 3))))
            (local.set $h (v128.load64_lane 1 (local.get $idx) (local.get $h)))
            (local.set $lo (v128.load64_lane offset=256 1 (local.get $idx) (local.get $lo)))
            ;; p = r + r²·(0.5 + r/6 + r²·(1/24 + r/120 + r²/720)); y = h + (lo + h·p).
            (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
            (local.set $y
              (f64x2.add (local.get $h)
                (f64x2.add (local.get $lo)
                  (f64x2.mul (local.get $h)
                    (f64x2.add (local.get $r)
                      (f64x2.mul (local.get $r2)
                        (f64x2.add
                          (f64x2.add (v128.const f64x2 0.5 0.5)
                            (f64x2.mul (local.get $r) (v128.const f64x2 0x1.5555555555555p-3 0x1.5555555555555p-3)))
                          (f64x2.mul (local.get $r2)
                            (f64x2.add
                              (f64x2.add (v128.const f64x2 0x1.5555555555555p-5 0x1.5555555555555p-5)
                                (f64x2.mul (local.get $r) (v128.const f64x2 0x1.1111111111111p-7 0x1.1111111111111p-7)))
                              (f64x2.mul (local.get $r2) (v128.const f64x2 0x1.6c16c16c16c17p-10 0x1.6c16c16c16c17p-10)))))))))))
            ;; m = ki >> 5. m ≥ −1022: y·2^m; below (subnormal results): y·2^(m+64)·2^−64.
            (local.set $mi (i64x2.shr_s (local.get $ki) (i32.const 5)))
            (local.set $e
              (v128.bitselect
                (f64x2.mul
                  (f64x2.mul (local.get $y)
                    (i64x2.shl (i64x2.add (local.get $mi) (v128.const i64x2 1087 1087)) (i32.const 52)))
                  (v128.const f64x2 0x1p-64 0x1p-64))
                (f64x2.mul (local.get $y)
                  (i64x2.shl (i64x2.add (local.get $mi) (v128.const i64x2 1023 1023)) (i32.const 52)))
                (i64x2.lt_s (local.get $mi) (v128.const i64x2 -1022 -1022))))
            ;; u < −746 (or −∞): exactly 0.
            (local.set $e (v128.andnot (local.get $e)
              (f64x2.lt (local.get $u) (v128.const f64x2 -746 -746))))
            (v128.store (local.get $p) (local.get $e))
            (local.set $sum (f64x2.add (local.get $sum) (local.get $e)))
            (local.set $p (i32.add (local.get $p) (i32.const 1024)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jloop3)))
        (v128.store (i32.add (local.get $sm) (local.get $q)) (local.get $sum))
        (local.set $sum (f64x2.div (v128.const f64x2 1 1) (local.get $sum)))
        (v128.store (i32.add (local.get $iv) (local.get $q)) (local.get $sum))
        ;; r_jt = e_jt·inv_t: into kb (component-major) and out (row-major, rows t and t + 1).
        (local.set $p (i32.add (local.get $kb) (local.get $q)))
        (local.set $idx (i32.add (local.get $out) (i32.shl (i32.mul (local.get $t) (local.get $k)) (i32.const 3))))
        (local.set $s (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 3))))
        (local.set $j (i32.const 0))
        (block $jdone4
          (loop $jloop4
            (br_if $jdone4 (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $e (f64x2.mul (v128.load (local.get $p)) (local.get $sum)))
            (v128.store (local.get $p) (local.get $e))
            (v128.store64_lane 0 (local.get $idx) (local.get $e))
            (v128.store64_lane 1 (local.get $s) (local.get $e))
            (local.set $p (i32.add (local.get $p) (i32.const 1024)))
            (local.set $idx (i32.add (local.get $idx) (i32.const 8)))
            (local.set $s (i32.add (local.get $s) (i32.const 8)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jloop4)))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $eloop)))
  )

  ;; fullBlock: `block` for full and tied covariances (em.ts's weightedLogProb then eStep): per
  ;; sample and component, c_a = Σ_{e ≤ a} (x_e − μ_je)·U_j,ea from 0, left to right over e, four
  ;; columns a₀ .. a₀+3 at a time (f: the factors packed as em.ts's `prepare` lays them out, fs
  ;; bytes per component, 0 for tied), sq = sq + (((c₀² + c₁²) + c₂²) + c₃²) per group, from 0;
  ;; ℓ_jt = c_j − 0.5·sq. Each lane is one sample, so every lane repeats the JavaScript scalar
  ;; operations exactly; four samples (two vectors) per pass share the factor loads. Then
  ;; `normalise`, as for diag.
  (func (export "fullBlock")
    (param $xr i32) (param $xt i32) (param $b i32) (param $k i32) (param $d i32)
    (param $mu i32) (param $f i32) (param $fs i32) (param $cs i32) (param $kb i32)
    (param $mx i32) (param $sm i32) (param $iv i32) (param $out i32) (param $tab i32)
    (local $a i32) (local $j i32) (local $t i32) (local $p i32) (local $q i32)
    (local $bp i32) (local $mo i32) (local $fo i32) (local $ro i32) (local $e i32) (local $top i32)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $e0 v128) (local $e1 v128) (local $e2 v128) (local $e3 v128)
    (local $f0 v128) (local $f1 v128) (local $f2 v128) (local $f3 v128)
    (local $v v128) (local $w v128) (local $m v128) (local $s1 v128) (local $s2 v128) (local $cj v128)
    (local.set $bp (i32.and (i32.add (local.get $b) (i32.const 3)) (i32.const -4)))

    (call $begin (local.get $xr) (local.get $xt) (local.get $b) (local.get $d) (local.get $mx)
      (local.get $bp))

    (local.set $j (i32.const 0))
    (block $jdone
      (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $k)))
        (local.set $mo (i32.add (local.get $mu) (i32.shl (i32.mul (local.get $j) (local.get $d)) (i32.const 3))))
        (local.set $fo (i32.add (local.get $f) (i32.mul (local.get $j) (local.get $fs))))
        (local.set $ro (i32.add (local.get $kb) (i32.shl (local.get $j) (i32.const 10))))
        (local.set $cj (v128.load64_splat (i32.add (local.get $cs) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $t (i32.const 0))
        (block $tdone2
          (loop $tloop
            (br_if $tdone2 (i32.ge_u (local.get $t) (local.get $bp)))
            (local.set $s1 (v128.const i64x2 0 0))
            (local.set $s2 (v128.const i64x2 0 0))
            (local.set $p (local.get $fo))
            (local.set $a (i32.const 0))
            (block $gdone
              (loop $gloop
                (br_if $gdone (i32.ge_u (local.get $a) (local.get $d)))
                (local.set $top (select (i32.add (local.get $a) (i32.const 4)) (local.get $d)
                  (i32.lt_u (i32.add (local.get $a) (i32.const 4)) (local.get $d))))
                (local.set $c0 (v128.const i64x2 0 0))
                (local.set $c1 (v128.const i64x2 0 0))
                (local.set $c2 (v128.const i64x2 0 0))
                (local.set $c3 (v128.const i64x2 0 0))
                (local.set $e0 (v128.const i64x2 0 0))
                (local.set $e1 (v128.const i64x2 0 0))
                (local.set $e2 (v128.const i64x2 0 0))
                (local.set $e3 (v128.const i64x2 0 0))
                (local.set $q (i32.add (local.get $xt) (i32.shl (local.get $t) (i32.const 3))))
                (local.set $e (i32.const 0))
                (block $edone
                  (loop $eloop
                    (br_if $edone (i32.ge_u (local.get $e) (local.get $top)))
                    (local.set $m (v128.load64_splat (i32.add (local.get $mo) (i32.shl (local.get $e) (i32.const 3)))))
                    (local.set $v (f64x2.sub (v128.load (local.get $q)) (local.get $m)))
                    (local.set $w (f64x2.sub (v128.load offset=16 (local.get $q)) (local.get $m)))
                    (local.set $f0 (v128.load64_splat (local.get $p)))
                    (local.set $f1 (v128.load64_splat offset=8 (local.get $p)))
                    (local.set $f2 (v128.load64_splat offset=16 (local.get $p)))
                    (local.set $f3 (v128.load64_splat offset=24 (local.get $p)))
                    (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $v) (local.get $f0))))
                    (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $v) (local.get $f1))))
                    (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $v) (local.get $f2))))
                    (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $v) (local.get $f3))))
                    (local.set $e0 (f64x2.add (local.get $e0) (f64x2.mul (local.get $w) (local.get $f0))))
                    (local.set $e1 (f64x2.add (local.get $e1) (f64x2.mul (local.get $w) (local.get $f1))))
                    (local.set $e2 (f64x2.add (local.get $e2) (f64x2.mul (local.get $w) (local.get $f2))))
                    (local.set $e3 (f64x2.add (local.get $e3) (f64x2.mul (local.get $w) (local.get $f3))))
                    (local.set $p (i32.add (local.get $p) (i32.const 32)))
                    (local.set $q (i32.add (local.get $q) (i32.const 1024)))
                    (local.set $e (i32.add (local.get $e) (i32.const 1)))
                    (br $eloop)))
                (local.set $s1 (f64x2.add (local.get $s1)
                  (f64x2.add (f64x2.add (f64x2.add
                    (f64x2.mul (local.get $c0) (local.get $c0)) (f64x2.mul (local.get $c1) (local.get $c1)))
                    (f64x2.mul (local.get $c2) (local.get $c2))) (f64x2.mul (local.get $c3) (local.get $c3)))))
                (local.set $s2 (f64x2.add (local.get $s2)
                  (f64x2.add (f64x2.add (f64x2.add
                    (f64x2.mul (local.get $e0) (local.get $e0)) (f64x2.mul (local.get $e1) (local.get $e1)))
                    (f64x2.mul (local.get $e2) (local.get $e2))) (f64x2.mul (local.get $e3) (local.get $e3)))))
                (local.set $a (i32.add (local.get $a) (i32.const 4)))
                (br $gloop)))
            (local.set $q (i32.shl (local.get $t) (i32.const 3)))
            (local.set $v (f64x2.sub (local.get $cj) (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $s1))))
            (local.set $w (f64x2.sub (local.get $cj) (f64x2.mul (v128.const f64x2 0.5 0.5) (local.get $s2))))
            (v128.store (i32.add (local.get $ro) (local.get $q)) (local.get $v))
            (v128.store offset=16 (i32.add (local.get $ro) (local.get $q)) (local.get $w))
            (local.set $m (v128.load (i32.add (local.get $mx) (local.get $q))))
            (v128.store (i32.add (local.get $mx) (local.get $q))
              (v128.bitselect (local.get $v) (local.get $m) (f64x2.gt (local.get $v) (local.get $m))))
            (local.set $m (v128.load offset=16 (i32.add (local.get $mx) (local.get $q))))
            (v128.store offset=16 (i32.add (local.get $mx) (local.get $q))
              (v128.bitselect (local.get $w) (local.get $m) (f64x2.gt (local.get $w) (local.get $m))))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $tloop)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))
    (call $normalise (local.get $bp) (local.get $k) (local.get $kb) (local.get $mx) (local.get $sm)
      (local.get $iv) (local.get $out) (local.get $tab))
  )

  ;; firstMoments(xr, b, d, w, mu, out): for one component, out[a] = Σ_t w_t·x_ta over the b rows of
  ;; xr (row-major, d per row; w: b weights) and out[d] = Σ_t w_t, each sum from 0, left to right
  ;; over t, coordinates two to a vector (four per pass, then two, then one): em.ts's firstMoments.
  (func (export "firstMoments")
    (param $xr i32) (param $b i32) (param $d i32) (param $w i32) (param $mu i32) (param $out i32)
    (local $a i32) (local $o i32) (local $p i32) (local $q i32) (local $end i32) (local $rs i32)
    (local $ws v128) (local $u v128) (local $m0 v128) (local $m1 v128) (local $acc0 v128) (local $acc1 v128)
    (local $s0 f64) (local $n0 f64) (local $y f64) (local $z f64)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $b) (i32.const 3))))
    (local.set $rs (i32.shl (local.get $d) (i32.const 3)))
    ;; out[d] = 0 + w_0 + w_1 + … (the component's count in the block).
    (local.set $q (local.get $w))
    (block $cdone (loop $c
      (br_if $cdone (i32.ge_u (local.get $q) (local.get $end)))
      (local.set $s0 (f64.add (local.get $s0) (f64.load (local.get $q))))
      (local.set $q (i32.add (local.get $q) (i32.const 8)))
      (br $c)))
    (f64.store (i32.add (local.get $out) (local.get $rs)) (local.get $s0))
    (block $f4done (loop $f4loop
      (br_if $f4done (i32.gt_u (i32.add (local.get $a) (i32.const 4)) (local.get $d)))
      (local.set $o (i32.shl (local.get $a) (i32.const 3)))
      (local.set $acc0 (v128.const i64x2 0 0))
      (local.set $acc1 (v128.const i64x2 0 0))
      (local.set $p (i32.add (local.get $xr) (local.get $o)))
      (local.set $q (local.get $w))
      (block $f4tdone (loop $f4t
        (br_if $f4tdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $ws (v128.load64_splat (local.get $q)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $ws) (v128.load (local.get $p)))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $ws) (v128.load offset=16 (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $f4t)))
      (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $acc0))
      (v128.store offset=16 (i32.add (local.get $out) (local.get $o)) (local.get $acc1))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br $f4loop)))
    (if (i32.le_u (i32.add (local.get $a) (i32.const 2)) (local.get $d)) (then
      (local.set $o (i32.shl (local.get $a) (i32.const 3)))
      (local.set $acc0 (v128.const i64x2 0 0))
      (local.set $p (i32.add (local.get $xr) (local.get $o)))
      (local.set $q (local.get $w))
      (block $f2tdone (loop $f2t
        (br_if $f2tdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $ws (v128.load64_splat (local.get $q)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $ws) (v128.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $f2t)))
      (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $acc0))
      (local.set $a (i32.add (local.get $a) (i32.const 2)))
    ))
    (if (i32.lt_u (local.get $a) (local.get $d)) (then
      (local.set $o (i32.shl (local.get $a) (i32.const 3)))
      (local.set $s0 (f64.const 0))
      (local.set $p (i32.add (local.get $xr) (local.get $o)))
      (local.set $q (local.get $w))
      (block $f1tdone (loop $f1t
        (br_if $f1tdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $y (f64.load (local.get $q)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $y) (f64.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $f1t)))
      (f64.store (i32.add (local.get $out) (local.get $o)) (local.get $s0))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
    ))
  )

  ;; secondMoments(xr, b, d, w, mu, out): out[a] = Σ_t (w_t·(x_ta − μ_a))·(x_ta − μ_a), from 0, left to
  ;; right over t (the diag/spherical pass 2 of em.ts's mStep); mu: d means.
  (func (export "secondMoments")
    (param $xr i32) (param $b i32) (param $d i32) (param $w i32) (param $mu i32) (param $out i32)
    (local $a i32) (local $o i32) (local $p i32) (local $q i32) (local $end i32) (local $rs i32)
    (local $ws v128) (local $u v128) (local $m0 v128) (local $m1 v128) (local $acc0 v128) (local $acc1 v128)
    (local $s0 f64) (local $n0 f64) (local $y f64) (local $z f64)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $b) (i32.const 3))))
    (local.set $rs (i32.shl (local.get $d) (i32.const 3)))
    (block $f4done (loop $f4loop
      (br_if $f4done (i32.gt_u (i32.add (local.get $a) (i32.const 4)) (local.get $d)))
      (local.set $o (i32.shl (local.get $a) (i32.const 3)))
      (local.set $m0 (v128.load (i32.add (local.get $mu) (local.get $o))))
      (local.set $m1 (v128.load offset=16 (i32.add (local.get $mu) (local.get $o))))
      (local.set $acc0 (v128.const i64x2 0 0))
      (local.set $acc1 (v128.const i64x2 0 0))
      (local.set $p (i32.add (local.get $xr) (local.get $o)))
      (local.set $q (local.get $w))
      (block $f4tdone (loop $f4t
        (br_if $f4tdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $ws (v128.load64_splat (local.get $q)))
        (local.set $u (f64x2.sub (v128.load (local.get $p)) (local.get $m0)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (f64x2.mul (local.get $ws) (local.get $u)) (local.get $u))))
        (local.set $u (f64x2.sub (v128.load offset=16 (local.get $p)) (local.get $m1)))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (f64x2.mul (local.get $ws) (local.get $u)) (local.get $u))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $f4t)))
      (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $acc0))
      (v128.store offset=16 (i32.add (local.get $out) (local.get $o)) (local.get $acc1))
      (local.set $a (i32.add (local.get $a) (i32.const 4)))
      (br $f4loop)))
    (if (i32.le_u (i32.add (local.get $a) (i32.const 2)) (local.get $d)) (then
      (local.set $o (i32.shl (local.get $a) (i32.const 3)))
      (local.set $m0 (v128.load (i32.add (local.get $mu) (local.get $o))))
      (local.set $acc0 (v128.const i64x2 0 0))
      (local.set $p (i32.add (local.get $xr) (local.get $o)))
      (local.set $q (local.get $w))
      (block $f2tdone (loop $f2t
        (br_if $f2tdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $ws (v128.load64_splat (local.get $q)))
        (local.set $u (f64x2.sub (v128.load (local.get $p)) (local.get $m0)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (f64x2.mul (local.get $ws) (local.get $u)) (local.get $u))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $f2t)))
      (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $acc0))
      (local.set $a (i32.add (local.get $a) (i32.const 2)))
    ))
    (if (i32.lt_u (local.get $a) (local.get $d)) (then
      (local.set $o (i32.shl (local.get $a) (i32.const 3)))
      (local.set $n0 (f64.load (i32.add (local.get $mu) (local.get $o))))
      (local.set $s0 (f64.const 0))
      (local.set $p (i32.add (local.get $xr) (local.get $o)))
      (local.set $q (local.get $w))
      (block $f1tdone (loop $f1t
        (br_if $f1tdone (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $y (f64.load (local.get $q)))
        (local.set $z (f64.sub (f64.load (local.get $p)) (local.get $n0)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.mul (local.get $y) (local.get $z)) (local.get $z))))
        (local.set $p (i32.add (local.get $p) (local.get $rs)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $f1t)))
      (f64.store (i32.add (local.get $out) (local.get $o)) (local.get $s0))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
    ))
  )

  ;; fullMoments(xr, b, d, w, mu, acc, dp): em.ts's full/tied M-step pass 2 over one block for one
  ;; component: for rows a = 0, 2, 4 … and columns e₀ = 0, 4, … ≤ a + 1, the 2 × 4 tile
  ;; Σ_t (w_t(x_ta − μ_a))·(x_te − μ_e), rows a, a + 1, from 0, left to right over t, then added to
  ;; acc (dp × dp, row-major). Each lane is one column of the tile, so every lane repeats the
  ;; JavaScript scalar operations exactly. mu: the component's means, padded with zeros to dp.
  ;; Entries outside the lower triangle, and rows or columns ≥ d, read past a row of xr and are
  ;; never used.
  (func (export "fullMoments")
    (param $xr i32) (param $b i32) (param $d i32) (param $w i32) (param $mu i32) (param $acc i32)
    (param $dp i32)
    (local $a i32) (local $e0 i32) (local $p i32) (local $q i32) (local $end i32) (local $rs i32)
    (local $pa i32)
    (local $mab v128) (local $n01 v128) (local $n23 v128) (local $uv v128) (local $u v128) (local $v v128)
    (local $d01 v128) (local $d23 v128) (local $a01 v128) (local $a23 v128) (local $b01 v128) (local $b23 v128)
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $b) (i32.const 3))))
    (local.set $rs (i32.shl (local.get $d) (i32.const 3)))
    (block $adone (loop $aloop
      (br_if $adone (i32.ge_u (local.get $a) (local.get $d)))
      (local.set $mab (v128.load (i32.add (local.get $mu) (i32.shl (local.get $a) (i32.const 3)))))
      (local.set $e0 (i32.const 0))
      (block $edone (loop $eloop
        (br_if $edone (i32.gt_u (local.get $e0) (i32.add (local.get $a) (i32.const 1))))
        (local.set $n01 (v128.load (i32.add (local.get $mu) (i32.shl (local.get $e0) (i32.const 3)))))
        (local.set $n23 (v128.load offset=16 (i32.add (local.get $mu) (i32.shl (local.get $e0) (i32.const 3)))))
        (local.set $a01 (v128.const i64x2 0 0))
        (local.set $a23 (v128.const i64x2 0 0))
        (local.set $b01 (v128.const i64x2 0 0))
        (local.set $b23 (v128.const i64x2 0 0))
        (local.set $p (i32.add (local.get $xr) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $q (i32.add (local.get $xr) (i32.shl (local.get $e0) (i32.const 3))))
        (local.set $pa (local.get $w))
        (block $tdone (loop $tloop
          (br_if $tdone (i32.ge_u (local.get $pa) (local.get $end)))
          ;; (u, v) = w_t·(x_ta − μ_a, x_t,a+1 − μ_a+1).
          (local.set $uv (f64x2.mul (v128.load64_splat (local.get $pa))
            (f64x2.sub (v128.load (local.get $p)) (local.get $mab))))
          (local.set $u (i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 (local.get $uv) (local.get $uv)))
          (local.set $v (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $uv) (local.get $uv)))
          (local.set $d01 (f64x2.sub (v128.load (local.get $q)) (local.get $n01)))
          (local.set $d23 (f64x2.sub (v128.load offset=16 (local.get $q)) (local.get $n23)))
          (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $u) (local.get $d01))))
          (local.set $a23 (f64x2.add (local.get $a23) (f64x2.mul (local.get $u) (local.get $d23))))
          (local.set $b01 (f64x2.add (local.get $b01) (f64x2.mul (local.get $v) (local.get $d01))))
          (local.set $b23 (f64x2.add (local.get $b23) (f64x2.mul (local.get $v) (local.get $d23))))
          (local.set $p (i32.add (local.get $p) (local.get $rs)))
          (local.set $q (i32.add (local.get $q) (local.get $rs)))
          (local.set $pa (i32.add (local.get $pa) (i32.const 8)))
          (br $tloop)))
        ;; acc[a·dp + e₀ ..] += the tile's first row; acc[(a + 1)·dp + e₀ ..] += its second.
        (local.set $p (i32.add (local.get $acc)
          (i32.shl (i32.add (i32.mul (local.get $a) (local.get $dp)) (local.get $e0)) (i32.const 3))))
        (local.set $q (i32.add (local.get $p) (i32.shl (local.get $dp) (i32.const 3))))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $a01)))
        (v128.store offset=16 (local.get $p) (f64x2.add (v128.load offset=16 (local.get $p)) (local.get $a23)))
        (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (local.get $b01)))
        (v128.store offset=16 (local.get $q) (f64x2.add (v128.load offset=16 (local.get $q)) (local.get $b23)))
        (local.set $e0 (i32.add (local.get $e0) (i32.const 4)))
        (br $eloop)))
      (local.set $a (i32.add (local.get $a) (i32.const 2)))
      (br $aloop)))
  )
)
