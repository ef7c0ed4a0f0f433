/**
 * Blocked pairwise products of row-major point sets: the inner loop of every Gram matrix and of
 * the high-dimensional neighbour searches.
 *
 * Ours, not a BLAS: there is none in the browser. Two implementations of one contract:
 * WebAssembly SIMD (src/core/wasm/dotBlock.wat: f64x2, a 4 × 4 register tile on packed panels),
 * used wherever WebAssembly with SIMD runs (Node ≥ 16.4, current browsers), and a 4 × 4 register
 * tile in plain TypeScript otherwise. Measured on 256 × 256 × 768 dot products
 * (bench/kernel.ts, docs/kernel.md): WASM 16 to 22 GFlop/s, the TypeScript tile 2.2 to 4, the
 * straightforward triple loop 0.8 to 1.2. Both compute every entry as the same sequential sum, so
 * they agree bit for bit and results do not depend on which one ran.
 */
import { createWasmDotBlock, type DotBlockFn } from './wasm/dotBlock.js';

/** Squared Euclidean norm of each row. @internal */
export function rowSquaredNorms(a: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * d;
    for (let k = 0; k < d; k++) {
      const v = a[o + k] as number;
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/**
 * Blocks smaller than this stay in JavaScript, where copying into WASM memory and packing would
 * cost more than they save: copies grow as (rows of A + rows of B)·d, products as their product
 * times d. Measured: 4 × 4 blocks run 1.3 to 1.5× faster in JavaScript, 8 × 8 × 64 and
 * 32 × 32 × 16 about 2 to 3× faster in WASM, 256 × 256 blocks 4 to 10×.
 */
const WASM_MIN_PAIRS = 64;
const WASM_MIN_WORK = 4096;

/** The WASM kernel: undefined until first needed, null where it cannot run. */
let wasmDotBlock: DotBlockFn | null | undefined;

/**
 * The WebAssembly SIMD kernel, compiled on first use, or null where WebAssembly or its SIMD is
 * missing (then every block runs in JavaScript). A module-level cache: compiling once per process
 * is the point, and the kernel holds no state between calls.
 * @internal
 */
export function wasmKernel(): DotBlockFn | null {
  if (wasmDotBlock === undefined)
    wasmDotBlock =
      createWasmDotBlock(typeof WebAssembly === 'undefined' ? undefined : WebAssembly) ?? null;
  return wasmDotBlock;
}

/**
 * out[(i − i0)·(j1 − j0) + (j − j0)] = A_i · B_j for i in [i0, i1), j in [j0, j1).
 * A and B are row-major with d columns (they may be the same array). Each entry is the sequential
 * sum Σ_k A_ik B_jk, k = 0, 1, …, d − 1, whichever implementation runs (see the file comment).
 * Time O((i1 − i0)(j1 − j0)·d), memory O(1) beyond `out` (the WASM instance's fixed 6.5 MiB).
 * @internal
 */
export function dotBlock(
  A: Float64Array,
  i0: number,
  i1: number,
  B: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  const pairs = (i1 - i0) * (j1 - j0);
  if (pairs >= WASM_MIN_PAIRS && pairs * d >= WASM_MIN_WORK) {
    const wasm = wasmKernel();
    if (wasm) {
      wasm(A, i0, i1, B, j0, j1, d, out);
      return;
    }
  }
  dotBlockJs(A, i0, i1, B, j0, j1, d, out);
}

/**
 * {@link dotBlock} in plain TypeScript: a 4 × 4 register tile, the rows and columns left over
 * done one dot product at a time.
 * @internal
 */
export function dotBlockJs(
  A: Float64Array,
  i0: number,
  i1: number,
  B: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  const w = j1 - j0;
  let i = i0;
  for (; i + 3 < i1; i += 4) {
    const a0 = i * d;
    const a1 = a0 + d;
    const a2 = a1 + d;
    const a3 = a2 + d;
    let j = j0;
    for (; j + 3 < j1; j += 4) {
      const b0 = j * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      let s23 = 0;
      let s30 = 0;
      let s31 = 0;
      let s32 = 0;
      let s33 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = A[a0 + k] as number;
        const x1 = A[a1 + k] as number;
        const x2 = A[a2 + k] as number;
        const x3 = A[a3 + k] as number;
        const y0 = B[b0 + k] as number;
        const y1 = B[b1 + k] as number;
        const y2 = B[b2 + k] as number;
        const y3 = B[b3 + k] as number;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s22 += x2 * y2;
        s23 += x2 * y3;
        s30 += x3 * y0;
        s31 += x3 * y1;
        s32 += x3 * y2;
        s33 += x3 * y3;
      }
      const o0 = (i - i0) * w + (j - j0);
      const o1 = o0 + w;
      const o2 = o1 + w;
      const o3 = o2 + w;
      out[o0] = s00;
      out[o0 + 1] = s01;
      out[o0 + 2] = s02;
      out[o0 + 3] = s03;
      out[o1] = s10;
      out[o1 + 1] = s11;
      out[o1 + 2] = s12;
      out[o1 + 3] = s13;
      out[o2] = s20;
      out[o2 + 1] = s21;
      out[o2 + 2] = s22;
      out[o2 + 3] = s23;
      out[o3] = s30;
      out[o3 + 1] = s31;
      out[o3 + 2] = s32;
      out[o3 + 3] = s33;
    }
    for (; j < j1; j++)
      for (let r = i; r < i + 4; r++) out[(r - i0) * w + (j - j0)] = dot(A, r * d, B, j * d, d);
  }
  for (; i < i1; i++)
    for (let j = j0; j < j1; j++) out[(i - i0) * w + (j - j0)] = dot(A, i * d, B, j * d, d);
}

/** A_ao · B_bo over d coordinates. @internal */
export function dot(A: Float64Array, ao: number, B: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += (A[ao + k] as number) * (B[bo + k] as number);
  return s;
}

/**
 * Squared Euclidean distances of a block from dot products: ‖a‖² + ‖b‖² − 2a·b, clamped at 0
 * (cancellation can leave −1e-16 for near-identical rows). Relative error is about
 * ε·(‖a‖² + ‖b‖²)/‖a − b‖², fine for kernels of distances comparable to the data's spread, but
 * not for ranking near-duplicate neighbours: centre the data first if its mean is far from 0.
 * @internal
 */
export function squaredDistanceBlock(
  A: Float64Array,
  normsA: Float64Array,
  i0: number,
  i1: number,
  B: Float64Array,
  normsB: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
): void {
  dotBlock(A, i0, i1, B, j0, j1, d, out);
  const w = j1 - j0;
  for (let i = i0; i < i1; i++) {
    const na = normsA[i] as number;
    const o = (i - i0) * w - j0;
    for (let j = j0; j < j1; j++) {
      const v = na + (normsB[j] as number) - 2 * (out[o + j] as number);
      out[o + j] = v > 0 ? v : 0;
    }
  }
}
