;; C = A·Bᵀ for row-major blocks of doubles: the Gram and neighbour-search inner loop of
;; src/core/pairwise.ts, in WebAssembly SIMD (f64x2). Compiled to src/core/wasm/dotBlock.wasm.ts
;; by `npx tsx scripts/build-wasm.ts`; edit this file, never the generated one.
;;
;; Layout (GotoBLAS-style): both operands are first packed into panels of 4 rows stored k-major,
;; so that one 4 × 4 tile of C reads A's panel as 4 splatted scalars and B's panel as 2 vectors
;; per k, from two pointers with constant offsets. The tile keeps 8 f64x2 accumulators, 2 vectors
;; of B and 1 of A in registers (11 of the 16 xmm registers V8 has on x64; the 4 × 6, 6 × 4 and
;; k-unrolled variants measured slower, from spills).
;;
;; Each C entry is the sequential sum 0 + a₀b₀ + a₁b₁ + … + a_{kc−1}b_{kc−1}, one lane of one
;; accumulator, with separate multiply and add (no FMA): the same operations in the same order as
;; the scalar JavaScript path, so the two agree bit for bit. With acc = 1 the tile starts from C
;; instead of 0, which continues that sum over a later chunk of k unchanged.
(module
  (import "env" "memory" (memory 1))

  ;; pack(src, rows, kc, dst): src holds `rows` rows of kc doubles, row-major. Writes
  ;; ⌈rows/4⌉ panels: dst[(p·kc + k)·4 + r] = src[(4p + r)·kc + k], and 0 for rows past `rows`
  ;; (the padding rows' products land in C entries that are never read).
  (func (export "pack") (param $src i32) (param $rows i32) (param $kc i32) (param $dst i32)
    (local $row i32) (local $padded i32) (local $s i32) (local $t i32) (local $end i32)
    (local.set $padded (i32.and (i32.add (local.get $rows) (i32.const 3)) (i32.const -4)))
    (local.set $s (local.get $src))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $row) (local.get $padded)))
        ;; t = dst + ((row >> 2)·kc·4 + (row & 3))·8: this row's lane of its panel.
        (local.set $t
          (i32.add (local.get $dst)
            (i32.shl
              (i32.add
                (i32.shl (i32.mul (i32.shr_u (local.get $row) (i32.const 2)) (local.get $kc))
                  (i32.const 2))
                (i32.and (local.get $row) (i32.const 3)))
              (i32.const 3))))
        (local.set $end (i32.add (local.get $t) (i32.shl (local.get $kc) (i32.const 5))))
        (if (i32.lt_u (local.get $row) (local.get $rows))
          (then
            (block $copied
              (loop $copy
                (br_if $copied (i32.ge_u (local.get $t) (local.get $end)))
                (f64.store (local.get $t) (f64.load (local.get $s)))
                (local.set $s (i32.add (local.get $s) (i32.const 8)))
                (local.set $t (i32.add (local.get $t) (i32.const 32)))
                (br $copy))))
          (else
            (block $zeroed
              (loop $zero
                (br_if $zeroed (i32.ge_u (local.get $t) (local.get $end)))
                (f64.store (local.get $t) (f64.const 0))
                (local.set $t (i32.add (local.get $t) (i32.const 32)))
                (br $zero)))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows))))

  ;; kernel(ap, bp, mp, np, kc, c, ldc, acc): for the mp panels of A at ap and the np panels of B
  ;; at bp (each kc × 4, from pack), C[i][j] = Σ_k A[i][k]·B[j][k] for i < 4·mp, j < 4·np, with C
  ;; row-major at c, ldc doubles per row (ldc ≥ 4·np). acc ≠ 0: add to C instead of overwriting.
  ;; kc ≥ 1.
  (func (export "kernel")
    (param $ap i32) (param $bp i32) (param $mp i32) (param $np i32) (param $kc i32)
    (param $c i32) (param $ldc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $pa i32) (local $pb i32) (local $end i32)
    (local $panel i32) (local $rs i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local.set $panel (i32.shl (local.get $kc) (i32.const 5))) ;; bytes per panel: kc·4·8
    (local.set $rs (i32.shl (local.get $ldc) (i32.const 3))) ;; bytes per row of C
    (block $idone
      (loop $iloop
        (br_if $idone (i32.ge_u (local.get $i) (local.get $mp)))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jloop
            (br_if $jdone (i32.ge_u (local.get $j) (local.get $np)))
            ;; The tile's four rows of C: c + (4i·ldc + 4j)·8 + r·rs.
            (local.set $c0
              (i32.add (local.get $c)
                (i32.shl
                  (i32.add (i32.mul (i32.shl (local.get $i) (i32.const 2)) (local.get $ldc))
                    (i32.shl (local.get $j) (i32.const 2)))
                  (i32.const 3))))
            (local.set $c1 (i32.add (local.get $c0) (local.get $rs)))
            (local.set $c2 (i32.add (local.get $c1) (local.get $rs)))
            (local.set $c3 (i32.add (local.get $c2) (local.get $rs)))
            (if (local.get $acc)
              (then
                (local.set $s00 (v128.load (local.get $c0)))
                (local.set $s01 (v128.load offset=16 (local.get $c0)))
                (local.set $s10 (v128.load (local.get $c1)))
                (local.set $s11 (v128.load offset=16 (local.get $c1)))
                (local.set $s20 (v128.load (local.get $c2)))
                (local.set $s21 (v128.load offset=16 (local.get $c2)))
                (local.set $s30 (v128.load (local.get $c3)))
                (local.set $s31 (v128.load offset=16 (local.get $c3))))
              (else
                (local.set $s00 (v128.const i64x2 0 0))
                (local.set $s01 (v128.const i64x2 0 0))
                (local.set $s10 (v128.const i64x2 0 0))
                (local.set $s11 (v128.const i64x2 0 0))
                (local.set $s20 (v128.const i64x2 0 0))
                (local.set $s21 (v128.const i64x2 0 0))
                (local.set $s30 (v128.const i64x2 0 0))
                (local.set $s31 (v128.const i64x2 0 0))))
            (local.set $pa (i32.add (local.get $ap) (i32.mul (local.get $i) (local.get $panel))))
            (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $j) (local.get $panel))))
            (local.set $end (i32.add (local.get $pa) (local.get $panel)))
            ;; One k per iteration: B's 4 values as 2 vectors, A's 4 values splatted one at a time.
            (loop $k
              (local.set $b0 (v128.load (local.get $pb)))
              (local.set $b1 (v128.load offset=16 (local.get $pb)))
              (local.set $a (v128.load64_splat (local.get $pa)))
              (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
              (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
              (local.set $s20 (f64x2.add (local.get $s20) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $s21 (f64x2.add (local.get $s21) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
              (local.set $s30 (f64x2.add (local.get $s30) (f64x2.mul (local.get $a) (local.get $b0))))
              (local.set $s31 (f64x2.add (local.get $s31) (f64x2.mul (local.get $a) (local.get $b1))))
              (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
              (br_if $k (i32.lt_u (local.get $pa) (local.get $end))))
            (v128.store (local.get $c0) (local.get $s00))
            (v128.store offset=16 (local.get $c0) (local.get $s01))
            (v128.store (local.get $c1) (local.get $s10))
            (v128.store offset=16 (local.get $c1) (local.get $s11))
            (v128.store (local.get $c2) (local.get $s20))
            (v128.store offset=16 (local.get $c2) (local.get $s21))
            (v128.store (local.get $c3) (local.get $s30))
            (v128.store offset=16 (local.get $c3) (local.get $s31))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $jloop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iloop))))
)
