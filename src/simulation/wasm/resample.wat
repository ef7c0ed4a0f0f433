;; The resample loop of the simulation's histogram protocol (src/simulation/klGap.ts) in
;; WebAssembly: `sample`, n draws from a Gaussian mixture (sampleState of src/gmm/GaussianMixture.ts
;; with the Random of src/core/random.ts: pure-rand's xoroshiro128+, the guide-table categorical
;; and the ziggurat normal). Compiled to resample.wasm.ts by `npx tsx scripts/build-wasm.ts`; edit
;; this file, never the generated one.
;;
;; Bit-identical to the JavaScript path: the generator is pure-rand's xoroshiro128+ (24, 16, 37),
;; whose 32-bit output is the low word of s0 + s1, here on native 64-bit integers instead of
;; 32-bit halves; every floating-point value is the same IEEE operation on the same operands in
;; the same order (no FMA); the ziggurat's rare logarithms (wedge and tail, ~3% of draws) call
;; back to JavaScript's detLog.
;;
;; Memory (byte addresses): the ziggurat tables at 0 (x[0..128]), 1088 (the ratios x[i+1]/x[i]),
;; 2176 (f(x[0..128])) and r at 3264, written once by the caller; everything else is passed in.
(module
  (import "env" "memory" (memory 1))
  (import "env" "detLog" (func $detLog (param f64) (result f64)))
  (import "env" "log" (func $log (param f64) (result f64)))

  (global $s0 (mut i64) (i64.const 0))
  (global $s1 (mut i64) (i64.const 0))

  ;; pure-rand's next(): the low 32 bits of s0 + s1, then the xoroshiro128+ step.
  (func $next (result i32)
    (local $a i64) (local $b i64) (local $out i32)
    (local.set $a (global.get $s0))
    (local.set $b (global.get $s1))
    (local.set $out (i32.wrap_i64 (i64.add (local.get $a) (local.get $b))))
    (local.set $b (i64.xor (local.get $b) (local.get $a)))
    (global.set $s0
      (i64.xor
        (i64.xor (i64.rotl (local.get $a) (i64.const 24)) (local.get $b))
        (i64.shl (local.get $b) (i64.const 16))))
    (global.set $s1 (i64.rotl (local.get $b) (i64.const 37)))
    (local.get $out))

  ;; pure-rand's uniformFloat64: (next & 2^26−1)·2^−26 + (next & 2^27−1)·2^−53, first call first.
  (func $uniform (result f64)
    (f64.add
      (f64.mul (f64.convert_i32_u (i32.and (call $next) (i32.const 0x3ffffff)))
        (f64.const 0x1p-26))
      (f64.mul (f64.convert_i32_u (i32.and (call $next) (i32.const 0x7ffffff)))
        (f64.const 0x1p-53))))

  ;; Random.tail: a = −log(1 − u₁)/r, b = −log(1 − u₂) until 2b ≥ a²; ±(r + a).
  (func $tail (param $negative i32) (result f64)
    (local $a f64) (local $b f64) (local $r f64)
    (local.set $r (f64.load (i32.const 3264)))
    (loop $again
      (local.set $a
        (f64.div (f64.neg (call $detLog (f64.sub (f64.const 1) (call $uniform)))) (local.get $r)))
      (local.set $b (f64.neg (call $detLog (f64.sub (f64.const 1) (call $uniform)))))
      (br_if $again
        (f64.lt (f64.mul (f64.const 2) (local.get $b)) (f64.mul (local.get $a) (local.get $a)))))
    (local.set $a (f64.add (local.get $r) (local.get $a)))
    (select (f64.neg (local.get $a)) (local.get $a) (local.get $negative)))

  ;; slow(i, u): the rest of Random.normal after the first test failed for layer i and uniform u,
  ;; on the global state: the tail for layer 0, else the wedge test, NaN to ask for a new draw.
  (func $slow (param $i i32) (param $u f64) (result f64)
    (local $o i32) (local $x f64) (local $fhi f64)
    (if (i32.eqz (local.get $i))
      (then (return (call $tail (f64.lt (local.get $u) (f64.const 0))))))
    (local.set $o (i32.shl (local.get $i) (i32.const 3)))
    (local.set $x (f64.mul (local.get $u) (f64.load (local.get $o))))
    (local.set $fhi (f64.load offset=2184 (local.get $o)))
    (select (local.get $x) (f64.const nan)
      (f64.lt
        (call $detLog
          (f64.sub (local.get $fhi)
            (f64.mul (call $uniform)
              (f64.sub (local.get $fhi) (f64.load offset=2176 (local.get $o))))))
        (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x)))))

  ;; sample(st, n, d, k, acc, cdf, guide, g, zero, mu, fac, lab, out, z): sampleState. The generator's
  ;; 128-bit state at st (s0 then s1, little-endian 64-bit words), written back at the end; the
  ;; mixture's cumulative weights cdf (k doubles, total acc), a guide table of g buckets (i32) and zero flags
  ;; (k bytes) of Random.categorical; means mu (k × d) and lower Cholesky factors fac (k × d × d);
  ;; n labels into lab (i32), n × d draws into out, z: n × d doubles of scratch for the normals.
  ;; The draws come in the stream's order: the n labels (two outputs each), then the n × d
  ;; normals, point by point; the hot paths keep the state in locals (V8 does not inline wasm
  ;; calls), the rare ones ($slow) run on the globals.
  (func (export "sample")
    (param $st i32) (param $n i32) (param $d i32) (param $k i32) (param $acc f64)
    (param $cdf i32) (param $guide i32) (param $g i32) (param $zero i32) (param $mu i32)
    (param $fac i32)
    (param $lab i32) (param $out i32) (param $z i32)
    (local $s0 i64) (local $s1 i64) (local $x1 i32) (local $x2 i32) (local $x3 i32)
    (local $r i32) (local $a i32) (local $b i32) (local $c i32) (local $ro i32) (local $po i32)
    (local $o i32) (local $zend i32)
    (local $uu f64) (local $u f64) (local $kf f64) (local $v f64)
    (local.set $s0 (i64.load (local.get $st)))
    (local.set $s1 (i64.load offset=8 (local.get $st)))
    (local.set $kf (f64.convert_i32_s (local.get $g)))
    ;; Labels: Random.categorical's inverse-CDF search, the first a with u < cdf[a] (then past
    ;; zero-weight outcomes), whose outcome does not depend on where the search starts; it
    ;; starts from a guide table of g buckets (a power of two, so U·g is exact), 16 or more per
    ;; outcome where Random.categorical has one: a bucket then rarely holds a step of the CDF,
    ;; and the search's loops rarely run (measured: labels 16 → ~6 ns each at k = 12).
    (block $ldone
      (loop $label
        (br_if $ldone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $x1 (i32.wrap_i64 (i64.add (local.get $s0) (local.get $s1))))
        (local.set $s1 (i64.xor (local.get $s1) (local.get $s0)))
        (local.set $s0
          (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 24)) (local.get $s1))
            (i64.shl (local.get $s1) (i64.const 16))))
        (local.set $s1 (i64.rotl (local.get $s1) (i64.const 37)))
        (local.set $x2 (i32.wrap_i64 (i64.add (local.get $s0) (local.get $s1))))
        (local.set $s1 (i64.xor (local.get $s1) (local.get $s0)))
        (local.set $s0
          (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 24)) (local.get $s1))
            (i64.shl (local.get $s1) (i64.const 16))))
        (local.set $s1 (i64.rotl (local.get $s1) (i64.const 37)))
        (local.set $uu
          (f64.add
            (f64.mul (f64.convert_i32_u (i32.and (local.get $x1) (i32.const 0x3ffffff)))
              (f64.const 0x1p-26))
            (f64.mul (f64.convert_i32_u (i32.and (local.get $x2) (i32.const 0x7ffffff)))
              (f64.const 0x1p-53))))
        (local.set $u (f64.mul (local.get $uu) (local.get $acc)))
        (local.set $a
          (i32.load
            (i32.add (local.get $guide)
              (i32.shl (i32.trunc_f64_s (f64.mul (local.get $uu) (local.get $kf))) (i32.const 2)))))
        (block $down
          (loop $dloop
            (br_if $down (i32.eqz (local.get $a)))
            (br_if $down
              (i32.eqz
                (f64.lt (local.get $u)
                  (f64.load
                    (i32.add (local.get $cdf)
                      (i32.shl (i32.sub (local.get $a) (i32.const 1)) (i32.const 3)))))))
            (local.set $a (i32.sub (local.get $a) (i32.const 1)))
            (br $dloop)))
        (block $up
          (loop $uloop
            (br_if $up (i32.ge_s (local.get $a) (i32.sub (local.get $k) (i32.const 1))))
            (br_if $up
              (f64.lt (local.get $u)
                (f64.load (i32.add (local.get $cdf) (i32.shl (local.get $a) (i32.const 3))))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $uloop)))
        (block $skip
          (loop $sloop
            (br_if $skip (i32.eqz (local.get $a)))
            (br_if $skip (i32.eqz (i32.load8_u (i32.add (local.get $zero) (local.get $a)))))
            (local.set $a (i32.sub (local.get $a) (i32.const 1)))
            (br $sloop)))
        (i32.store (i32.add (local.get $lab) (i32.shl (local.get $r) (i32.const 2))) (local.get $a))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $label)))
    ;; Normals: n × d ziggurat draws into z, the fast path inline.
    (local.set $po (local.get $z))
    (local.set $zend
      (i32.add (local.get $z) (i32.shl (i32.mul (local.get $n) (local.get $d)) (i32.const 3))))
    (block $ndone
      (loop $normal
        (br_if $ndone (i32.ge_u (local.get $po) (local.get $zend)))
        (local.set $x1 (i32.wrap_i64 (i64.add (local.get $s0) (local.get $s1))))
        (local.set $s1 (i64.xor (local.get $s1) (local.get $s0)))
        (local.set $s0
          (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 24)) (local.get $s1))
            (i64.shl (local.get $s1) (i64.const 16))))
        (local.set $s1 (i64.rotl (local.get $s1) (i64.const 37)))
        (local.set $x2 (i32.wrap_i64 (i64.add (local.get $s0) (local.get $s1))))
        (local.set $s1 (i64.xor (local.get $s1) (local.get $s0)))
        (local.set $s0
          (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 24)) (local.get $s1))
            (i64.shl (local.get $s1) (i64.const 16))))
        (local.set $s1 (i64.rotl (local.get $s1) (i64.const 37)))
        (local.set $x3 (i32.wrap_i64 (i64.add (local.get $s0) (local.get $s1))))
        (local.set $s1 (i64.xor (local.get $s1) (local.get $s0)))
        (local.set $s0
          (i64.xor (i64.xor (i64.rotl (local.get $s0) (i64.const 24)) (local.get $s1))
            (i64.shl (local.get $s1) (i64.const 16))))
        (local.set $s1 (i64.rotl (local.get $s1) (i64.const 37)))
        (local.set $o (i32.shl (i32.and (local.get $x1) (i32.const 127)) (i32.const 3)))
        (local.set $u
          (f64.sub
            (f64.mul (f64.const 2)
              (f64.add
                (f64.mul (f64.convert_i32_u (i32.and (local.get $x2) (i32.const 0x3ffffff)))
                  (f64.const 0x1p-26))
                (f64.mul (f64.convert_i32_u (i32.and (local.get $x3) (i32.const 0x7ffffff)))
                  (f64.const 0x1p-53))))
            (f64.const 1)))
        (if (f64.lt (f64.abs (local.get $u)) (f64.load offset=1088 (local.get $o)))
          (then (local.set $v (f64.mul (local.get $u) (f64.load (local.get $o)))))
          (else
            (global.set $s0 (local.get $s0))
            (global.set $s1 (local.get $s1))
            (local.set $v (call $slow (i32.shr_u (local.get $o) (i32.const 3)) (local.get $u)))
            (local.set $s0 (global.get $s0))
            (local.set $s1 (global.get $s1))))
        ;; NaN: the wedge test failed, draw again.
        (br_if $normal (f64.ne (local.get $v) (local.get $v)))
        (f64.store (local.get $po) (local.get $v))
        (local.set $po (i32.add (local.get $po) (i32.const 8)))
        (br $normal)))
    ;; Points: mean + L·z row by row (v = μ_a, then v += L_ab·z_b for b ≤ a).
    (local.set $po (local.get $out))
    (local.set $r (i32.const 0))
    (block $pdone
      (loop $point
        (br_if $pdone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $c
          (i32.load (i32.add (local.get $lab) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $zend (i32.add (local.get $z) (i32.shl (i32.mul (local.get $r) (local.get $d)) (i32.const 3))))
        ;; ro walks row a of component c's factor; zend is the point's d normals.
        (local.set $ro
          (i32.add (local.get $fac)
            (i32.shl (i32.mul (local.get $c) (i32.mul (local.get $d) (local.get $d))) (i32.const 3))))
        (local.set $a (i32.const 0))
        (block $adone
          (loop $arow
            (br_if $adone (i32.ge_u (local.get $a) (local.get $d)))
            (local.set $v
              (f64.load
                (i32.add (local.get $mu)
                  (i32.shl (i32.add (i32.mul (local.get $c) (local.get $d)) (local.get $a))
                    (i32.const 3)))))
            (local.set $b (i32.const 0))
            (block $bdone
              (loop $bcol
                (br_if $bdone (i32.gt_u (local.get $b) (local.get $a)))
                (local.set $v
                  (f64.add (local.get $v)
                    (f64.mul
                      (f64.load (i32.add (local.get $ro) (i32.shl (local.get $b) (i32.const 3))))
                      (f64.load (i32.add (local.get $zend) (i32.shl (local.get $b) (i32.const 3)))))))
                (local.set $b (i32.add (local.get $b) (i32.const 1)))
                (br $bcol)))
            (f64.store (local.get $po) (local.get $v))
            (local.set $po (i32.add (local.get $po) (i32.const 8)))
            (local.set $ro (i32.add (local.get $ro) (i32.shl (local.get $d) (i32.const 3))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $arow)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $point)))
    (i64.store (local.get $st) (local.get $s0))
    (i64.store offset=8 (local.get $st) (local.get $s1)))
 
  ;; edges(x1, n1, x2, n2, d, bins, out) -> 1, or 0 where two edges coincide: histogramEdges of
  ;; klEstimators.ts over the rows of x1 and x2 (n2 = 0: x1 alone), per axis
  ;; linspace(min, max, bins + 1) as numpy computes it (e·step + min, the last edge max).
  (func (export "edges")
    (param $x1 i32) (param $n1 i32) (param $x2 i32) (param $n2 i32) (param $d i32)
    (param $bins i32) (param $out i32) (result i32)
    (local $a i32) (local $e i32) (local $p i32) (local $q i32) (local $o i32) (local $second i32)
    (local $lo f64) (local $hi f64) (local $v f64) (local $step f64)
    (block $adone
      (loop $axis
        (br_if $adone (i32.ge_u (local.get $a) (local.get $d)))
        (local.set $lo (f64.const inf))
        (local.set $hi (f64.const -inf))
        ;; The rows of x1, then those of x2; min and max by the JavaScript comparisons (the
        ;; first of equal values is kept, so the sign of a zero is the same).
        (local.set $p (i32.add (local.get $x1) (i32.shl (local.get $a) (i32.const 3))))
        (local.set $q
          (i32.add (local.get $p) (i32.shl (i32.mul (local.get $n1) (local.get $d)) (i32.const 3))))
        (local.set $second (i32.eqz (local.get $n2)))
        (loop $rows
          (block $r1done
            (loop $r1
              (br_if $r1done (i32.ge_u (local.get $p) (local.get $q)))
              (local.set $v (f64.load (local.get $p)))
              (local.set $lo
                (select (local.get $v) (local.get $lo) (f64.lt (local.get $v) (local.get $lo))))
              (local.set $hi
                (select (local.get $v) (local.get $hi) (f64.gt (local.get $v) (local.get $hi))))
              (local.set $p (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 3))))
              (br $r1)))
          (if (i32.eqz (local.get $second))
            (then
              (local.set $second (i32.const 1))
              (local.set $p (i32.add (local.get $x2) (i32.shl (local.get $a) (i32.const 3))))
              (local.set $q
                (i32.add (local.get $p)
                  (i32.shl (i32.mul (local.get $n2) (local.get $d)) (i32.const 3))))
              (br $rows))))
        (if (f64.eq (local.get $lo) (local.get $hi))
          (then
            (local.set $lo (f64.sub (local.get $lo) (f64.const 0.5)))
            (local.set $hi (f64.add (local.get $hi) (f64.const 0.5)))))
        (local.set $step
          (f64.div (f64.sub (local.get $hi) (local.get $lo)) (f64.convert_i32_s (local.get $bins))))
        (local.set $o
          (i32.add (local.get $out)
            (i32.shl (i32.mul (local.get $a) (i32.add (local.get $bins) (i32.const 1))) (i32.const 3))))
        (local.set $e (i32.const 0))
        (block $edone
          (loop $edge
            (br_if $edone (i32.ge_s (local.get $e) (local.get $bins)))
            (f64.store (i32.add (local.get $o) (i32.shl (local.get $e) (i32.const 3)))
              (f64.add (f64.mul (f64.convert_i32_s (local.get $e)) (local.get $step)) (local.get $lo)))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $edge)))
        (f64.store (i32.add (local.get $o) (i32.shl (local.get $bins) (i32.const 3))) (local.get $hi))
        (local.set $e (i32.const 0))
        (block $cdone
          (loop $check
            (br_if $cdone (i32.ge_s (local.get $e) (local.get $bins)))
            (local.set $p (i32.add (local.get $o) (i32.shl (local.get $e) (i32.const 3))))
            (if (i32.eqz (f64.gt (f64.load offset=8 (local.get $p)) (f64.load (local.get $p))))
              (then (return (i32.const 0))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $check)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $axis)))
    (i32.const 1))

  ;; histogram(x, n, d, bins, edges, sc, counts, touched, tb, density) -> m: sparseHistogram of
  ;; klEstimators.ts. The m occupied cells (ravel order index, in order of first occupation) into
  ;; touched (i32), their per-axis bins into tb (m × d i32), their densities into density;
  ;; counts is bins^d zeros of scratch, returned zeroed; sc is 3·d doubles of scratch (per axis
  ;; lo, hi, bins/(hi − lo)).
  (func (export "histogram")
    (param $x i32) (param $n i32) (param $d i32) (param $bins i32) (param $edges i32) (param $sc i32)
    (param $counts i32) (param $touched i32) (param $tb i32) (param $density i32) (result i32)
    (local $a i32) (local $i i32) (local $b i32) (local $cell i32) (local $m i32) (local $inside i32)
    (local $p i32) (local $o i32) (local $eo i32) (local $stride i32) (local $t i32)
    (local $v f64) (local $lo f64) (local $c f64) (local $fb f64)
    (local.set $stride (i32.shl (i32.add (local.get $bins) (i32.const 1)) (i32.const 3)))
    (local.set $fb (f64.convert_i32_s (local.get $bins)))
    (block $sdone
      (loop $setup
        (br_if $sdone (i32.ge_u (local.get $a) (local.get $d)))
        (local.set $o (i32.add (local.get $sc) (i32.mul (local.get $a) (i32.const 24))))
        (local.set $eo (i32.add (local.get $edges) (i32.mul (local.get $a) (local.get $stride))))
        (f64.store (local.get $o) (f64.load (local.get $eo)))
        (f64.store offset=8 (local.get $o)
          (f64.load (i32.add (local.get $eo) (i32.shl (local.get $bins) (i32.const 3)))))
        (f64.store offset=16 (local.get $o)
          (f64.div (local.get $fb)
            (f64.sub (f64.load offset=8 (local.get $o)) (f64.load (local.get $o)))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $setup)))
    (local.set $p (local.get $x))
    (block $idone
      (loop $row
        (br_if $idone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $cell (i32.const 0))
        (local.set $a (i32.const 0))
        (block $outside
          (block $adone
            (loop $axis
              (br_if $adone (i32.ge_u (local.get $a) (local.get $d)))
              (local.set $v
                (f64.load (i32.add (local.get $p) (i32.shl (local.get $a) (i32.const 3)))))
              (local.set $o (i32.add (local.get $sc) (i32.mul (local.get $a) (i32.const 24))))
              (local.set $lo (f64.load (local.get $o)))
              (br_if $outside (f64.lt (local.get $v) (local.get $lo)))
              (br_if $outside (f64.gt (local.get $v) (f64.load offset=8 (local.get $o))))
              ;; binOf: a guess from (v − lo)·scale, clamped, then exact against the edges.
              (local.set $b
                (i32.trunc_sat_f64_s
                  (f64.mul (f64.sub (local.get $v) (local.get $lo)) (f64.load offset=16 (local.get $o)))))
              (if (i32.lt_s (local.get $b) (i32.const 0))
                (then (local.set $b (i32.const 0)))
                (else
                  (if (i32.gt_s (local.get $b) (i32.sub (local.get $bins) (i32.const 1)))
                    (then (local.set $b (i32.sub (local.get $bins) (i32.const 1)))))))
              (local.set $eo (i32.add (local.get $edges) (i32.mul (local.get $a) (local.get $stride))))
              (block $down
                (loop $dl
                  (br_if $down (i32.eqz (local.get $b)))
                  (br_if $down
                    (i32.eqz
                      (f64.lt (local.get $v)
                        (f64.load (i32.add (local.get $eo) (i32.shl (local.get $b) (i32.const 3)))))))
                  (local.set $b (i32.sub (local.get $b) (i32.const 1)))
                  (br $dl)))
              (block $up
                (loop $ul
                  (br_if $up (i32.ge_s (local.get $b) (i32.sub (local.get $bins) (i32.const 1))))
                  (br_if $up
                    (i32.eqz
                      (f64.ge (local.get $v)
                        (f64.load offset=8
                          (i32.add (local.get $eo) (i32.shl (local.get $b) (i32.const 3)))))))
                  (local.set $b (i32.add (local.get $b) (i32.const 1)))
                  (br $ul)))
              (local.set $cell (i32.add (i32.mul (local.get $cell) (local.get $bins)) (local.get $b)))
              ;; The bin, kept at tb[m·d + a]: overwritten by the next row unless this row
              ;; occupies a new cell.
              (i32.store
                (i32.add (local.get $tb)
                  (i32.shl (i32.add (i32.mul (local.get $m) (local.get $d)) (local.get $a))
                    (i32.const 2)))
                (local.get $b))
              (local.set $a (i32.add (local.get $a) (i32.const 1)))
              (br $axis)))
          (local.set $inside (i32.add (local.get $inside) (i32.const 1)))
          (local.set $o (i32.add (local.get $counts) (i32.shl (local.get $cell) (i32.const 3))))
          (local.set $c (f64.load (local.get $o)))
          ;; Branch-free: the cell is written at touched[m] always, and kept (m + 1) only if it
          ;; was empty (whether a row opens a new cell is unpredictable).
          (i32.store (i32.add (local.get $touched) (i32.shl (local.get $m) (i32.const 2)))
            (local.get $cell))
          (local.set $m (i32.add (local.get $m) (f64.eq (local.get $c) (f64.const 0))))
          (f64.store (local.get $o) (f64.add (local.get $c) (f64.const 1))))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row)))
    ;; Densities: the count divided by each axis's width (first axis first), then by the count
    ;; inside, numpy's order. The JavaScript finds a cell's bins by floor division of its index
    ;; in doubles, exact here (cells ≤ 1e7 ≪ 2⁵³, so no quotient rounds across an integer):
    ;; the same bins as those kept in tb.
    (local.set $p (local.get $tb))
    (local.set $t (i32.const 0))
    (block $tdone
      (loop $dens
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $m)))
        (local.set $cell
          (i32.load (i32.add (local.get $touched) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $o (i32.add (local.get $counts) (i32.shl (local.get $cell) (i32.const 3))))
        (local.set $v (f64.load (local.get $o)))
        (f64.store (local.get $o) (f64.const 0))
        (local.set $eo (local.get $edges))
        (local.set $a (i32.const 0))
        (block $wdone
          (loop $width
            (br_if $wdone (i32.ge_u (local.get $a) (local.get $d)))
            (local.set $o (i32.add (local.get $eo) (i32.shl (i32.load (local.get $p)) (i32.const 3))))
            (local.set $v
              (f64.div (local.get $v)
                (f64.sub (f64.load offset=8 (local.get $o)) (f64.load (local.get $o)))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $eo (i32.add (local.get $eo) (local.get $stride)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $width)))
        (f64.store (i32.add (local.get $density) (i32.shl (local.get $t) (i32.const 3)))
          (f64.div (local.get $v) (f64.convert_i32_s (local.get $inside))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $dens)))
    (local.get $m))

  ;; Neumaier's compensated sum, as sparseClippedEntropy's `add`, written out where it is
  ;; used (V8 does not inline wasm calls): t = s + v; comp += (|s| ≥ |v| ? (s − t) + v : (v − t) + s);
  ;; s = t, both sides computed and one selected, the same value as the branch.

  ;; The clipped total of a sparse histogram: Σ max(density, floor) over its m cells, plus
  ;; (cells − m)·floor for the empty ones, compensated.
  (func $total (param $density i32) (param $m i32) (param $cells i32) (param $floor f64) (result f64)
    (local $i i32) (local $s f64) (local $comp f64) (local $t f64) (local $v f64)
    (block $done
      (loop $cell
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $v (f64.max (f64.load (i32.add (local.get $density) (i32.shl (local.get $i) (i32.const 3)))) (local.get $floor)))
        (local.set $t (f64.add (local.get $s) (local.get $v)))
        (local.set $comp
          (f64.add (local.get $comp)
            (select
              (f64.add (f64.sub (local.get $s) (local.get $t)) (local.get $v))
              (f64.add (f64.sub (local.get $v) (local.get $t)) (local.get $s))
              (f64.ge (f64.abs (local.get $s)) (f64.abs (local.get $v))))))
        (local.set $s (local.get $t))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $cell)))
    (local.set $v (f64.mul (f64.convert_i32_s (i32.sub (local.get $cells) (local.get $m))) (local.get $floor)))
    (local.set $t (f64.add (local.get $s) (local.get $v)))
    (local.set $comp
      (f64.add (local.get $comp)
        (select
          (f64.add (f64.sub (local.get $s) (local.get $t)) (local.get $v))
          (f64.add (f64.sub (local.get $v) (local.get $t)) (local.get $s))
          (f64.ge (f64.abs (local.get $s)) (f64.abs (local.get $v))))))
    (local.set $s (local.get $t))
    (f64.add (local.get $s) (local.get $comp)))

  ;; entropy(pi, pd, pm, qi, qd, qm, cells, floor, scratch) -> sparseClippedEntropy of the sparse
  ;; histograms (index, density, occupied count) P and Q on `cells` cells: SciPy's entropy of
  ;; the densities clipped at floor. scratch is `cells` zeros, returned zeroed.
  (func (export "entropy")
    (param $pi i32) (param $pd i32) (param $pm i32) (param $qi i32) (param $qd i32) (param $qm i32)
    (param $cells i32) (param $floor f64) (param $scratch i32) (result f64)
    (local $i i32) (local $o i32) (local $union i32)
    (local $sp f64) (local $sq f64) (local $x f64) (local $y f64)
    (local $s f64) (local $comp f64) (local $t f64) (local $v f64)
    (local.set $sp (call $total (local.get $pd) (local.get $pm) (local.get $cells) (local.get $floor)))
    (local.set $sq (call $total (local.get $qd) (local.get $qm) (local.get $cells) (local.get $floor)))
    ;; scratch[c]: q's density (0 where q is empty), then −1 once c has been summed.
    (block $qdone
      (loop $qset
        (br_if $qdone (i32.ge_u (local.get $i) (local.get $qm)))
        (f64.store
          (i32.add (local.get $scratch)
            (i32.shl (i32.load (i32.add (local.get $qi) (i32.shl (local.get $i) (i32.const 2))))
              (i32.const 3)))
          (f64.load (i32.add (local.get $qd) (i32.shl (local.get $i) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $qset)))
    (local.set $i (i32.const 0))
    (block $pdone
      (loop $pcell
        (br_if $pdone (i32.ge_u (local.get $i) (local.get $pm)))
        (local.set $o
          (i32.add (local.get $scratch)
            (i32.shl (i32.load (i32.add (local.get $pi) (i32.shl (local.get $i) (i32.const 2))))
              (i32.const 3))))
        (local.set $x
          (f64.div
            (f64.max (f64.load (i32.add (local.get $pd) (i32.shl (local.get $i) (i32.const 3))))
              (local.get $floor))
            (local.get $sp)))
        (local.set $y (f64.div (f64.max (f64.load (local.get $o)) (local.get $floor)) (local.get $sq)))
        (local.set $v (f64.mul (local.get $x) (call $log (f64.div (local.get $x) (local.get $y)))))
        (local.set $t (f64.add (local.get $s) (local.get $v)))
        (local.set $comp
          (f64.add (local.get $comp)
            (select
              (f64.add (f64.sub (local.get $s) (local.get $t)) (local.get $v))
              (f64.add (f64.sub (local.get $v) (local.get $t)) (local.get $s))
              (f64.ge (f64.abs (local.get $s)) (f64.abs (local.get $v))))))
        (local.set $s (local.get $t))
        (f64.store (local.get $o) (f64.const -1))
        (local.set $union (i32.add (local.get $union) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pcell)))
    (local.set $x (f64.div (local.get $floor) (local.get $sp)))
    (local.set $i (i32.const 0))
    (block $q2done
      (loop $qcell
        (br_if $q2done (i32.ge_u (local.get $i) (local.get $qm)))
        (local.set $o
          (i32.add (local.get $scratch)
            (i32.shl (i32.load (i32.add (local.get $qi) (i32.shl (local.get $i) (i32.const 2))))
              (i32.const 3))))
        (if (f64.ne (f64.load (local.get $o)) (f64.const -1))
          (then
            (local.set $y
              (f64.div
                (f64.max (f64.load (i32.add (local.get $qd) (i32.shl (local.get $i) (i32.const 3))))
                  (local.get $floor))
                (local.get $sq)))
            (local.set $v (f64.mul (local.get $x) (call $log (f64.div (local.get $x) (local.get $y)))))
            (local.set $t (f64.add (local.get $s) (local.get $v)))
            (local.set $comp
              (f64.add (local.get $comp)
                (select
                  (f64.add (f64.sub (local.get $s) (local.get $t)) (local.get $v))
                  (f64.add (f64.sub (local.get $v) (local.get $t)) (local.get $s))
                  (f64.ge (f64.abs (local.get $s)) (f64.abs (local.get $v))))))
            (local.set $s (local.get $t))
            (local.set $union (i32.add (local.get $union) (i32.const 1)))))
        (f64.store (local.get $o) (f64.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $qcell)))
    (local.set $i (i32.const 0))
    (block $p2done
      (loop $pclear
        (br_if $p2done (i32.ge_u (local.get $i) (local.get $pm)))
        (f64.store
          (i32.add (local.get $scratch)
            (i32.shl (i32.load (i32.add (local.get $pi) (i32.shl (local.get $i) (i32.const 2))))
              (i32.const 3)))
          (f64.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pclear)))
    ;; The cells empty in both, all with the same term.
    (local.set $v (f64.mul
        (f64.mul (f64.convert_i32_s (i32.sub (local.get $cells) (local.get $union))) (local.get $x))
        (call $log (f64.div (local.get $x) (f64.div (local.get $floor) (local.get $sq))))))
    (local.set $t (f64.add (local.get $s) (local.get $v)))
    (local.set $comp
      (f64.add (local.get $comp)
        (select
          (f64.add (f64.sub (local.get $s) (local.get $t)) (local.get $v))
          (f64.add (f64.sub (local.get $v) (local.get $t)) (local.get $s))
          (f64.ge (f64.abs (local.get $s)) (f64.abs (local.get $v))))))
    (local.set $s (local.get $t))
    (f64.add (local.get $s) (local.get $comp)))
)
