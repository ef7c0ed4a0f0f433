/**
 * One blocked pass over two Gram matrices K and L, accumulating everything HSIC, its unbiased
 * form, CKA and the gamma test need: Σ K∘L, Σ K∘K, Σ L∘L, row sums and diagonals. Only blocks on
 * or above the diagonal are evaluated (both kernels are symmetric); off-diagonal blocks count
 * twice. Time O(n² · kernel cost), memory O(n + b²).
 */
import { InfoboundError } from '../core/errors.js';
import { addTo, newSum, total } from '../core/numerics.js';
import type { Gram } from './gram.js';

/** @internal */
export interface PairStats {
  n: number;
  /**
   * The exponents of K and L ({@link Gram.exponent}): every sum below is in units of
   * 2^expK (K alone), 2^expL (L alone) or their products.
   */
  expK: number;
  expL: number;
  /** Σ_ij K_ij L_ij, Σ K², Σ L² over all (i, j). */
  sKL: number;
  sKK: number;
  sLL: number;
  /** Σ_{i≠j} K_ij L_ij: accumulated without the diagonal, not by subtracting it afterwards. */
  sKLoff: number;
  /** Row sums Σ_j K_ij, Σ_j L_ij. */
  rK: Float64Array;
  rL: Float64Array;
  /** Off-diagonal row sums Σ_{j≠i} K_ij, Σ_{j≠i} L_ij (accumulated directly). */
  oK: Float64Array;
  oL: Float64Array;
  /** Diagonals K_ii, L_ii. */
  dK: Float64Array;
  dL: Float64Array;
}

/** Default block size: two 256 × 256 blocks of doubles are 1 MiB, which stays in cache. */
export const DEFAULT_BLOCK_SIZE = 256;

/**
 * The pass. Off-diagonal sums are accumulated directly because the unbiased estimator needs them
 * when off-diagonal kernel values are far below the diagonal (narrow bandwidths): Σ − diag then
 * cancels catastrophically (measured: relative error 1.3e-5, and a wrong sign, before this).
 * Each row's partial sums are added to compensated totals, so the error does not grow with n².
 * @internal
 */
export function pairStats(K: Gram, L: Gram, b: number): PairStats {
  const n = K.n;
  if (L.n !== n) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `X has ${n} samples but Y has ${L.n}: HSIC needs paired samples`,
    );
  }
  const kb = new Float64Array(b * b);
  const lb = new Float64Array(b * b);
  const oK = new Float64Array(n);
  const oL = new Float64Array(n);
  const dK = new Float64Array(n);
  const dL = new Float64Array(n);
  const sKLoff = newSum();
  const sKKoff = newSum();
  const sLLoff = newSum();
  for (let i0 = 0; i0 < n; i0 += b) {
    const i1 = Math.min(n, i0 + b);
    for (let j0 = i0; j0 < n; j0 += b) {
      const j1 = Math.min(n, j0 + b);
      const w = j1 - j0;
      K.block(i0, i1, j0, j1, kb);
      L.block(i0, i1, j0, j1, lb);
      const diagonalBlock = j0 === i0;
      // Off-diagonal blocks stand for themselves and their transposes: count them twice.
      const f = diagonalBlock ? 1 : 2;
      for (let i = i0; i < i1; i++) {
        const o = (i - i0) * w;
        let kl = 0;
        let kk = 0;
        let ll = 0;
        let rk = 0;
        let rl = 0;
        for (let t = 0; t < w; t++) {
          const j = j0 + t;
          const k = kb[o + t] as number;
          const l = lb[o + t] as number;
          if (j === i) {
            dK[i] = k;
            dL[i] = l;
            continue;
          }
          kl += k * l;
          kk += k * k;
          ll += l * l;
          rk += k;
          rl += l;
          if (!diagonalBlock) {
            oK[j] = (oK[j] as number) + k;
            oL[j] = (oL[j] as number) + l;
          }
        }
        oK[i] = (oK[i] as number) + rk;
        oL[i] = (oL[i] as number) + rl;
        addTo(sKLoff, f * kl);
        addTo(sKKoff, f * kk);
        addTo(sLLoff, f * ll);
      }
    }
  }
  const off = total(sKLoff);
  const dkl = newSum();
  const dkk = newSum();
  const dll = newSum();
  const rK = new Float64Array(n);
  const rL = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = dK[i] as number;
    const l = dL[i] as number;
    addTo(dkl, k * l);
    addTo(dkk, k * k);
    addTo(dll, l * l);
    rK[i] = (oK[i] as number) + k;
    rL[i] = (oL[i] as number) + l;
  }
  const sKL = off + total(dkl);
  const sKK = total(sKKoff) + total(dkk);
  const sLL = total(sLLoff) + total(dll);
  // The Gram blocks are near 1 wherever the kernel lets us know its scale (Gram.exponent), so
  // only kernel values with no known bound (custom kernels) or astronomically many rows get here.
  if (!Number.isFinite(sKL) || !Number.isFinite(sKK) || !Number.isFinite(sLL)) {
    throw new InfoboundError(
      'NON_FINITE',
      `the sums of products of the kernel values of X and Y overflow (Σ K∘L = ${sKL}, Σ K∘K = ${sKK}, Σ L∘L = ${sLL}): rescale the data or use kernels with smaller values`,
    );
  }
  return {
    n,
    expK: K.exponent,
    expL: L.exponent,
    sKL,
    sKK,
    sLL,
    sKLoff: off,
    rK,
    rL,
    oK,
    oL,
    dK,
    dL,
  };
}

/**
 * The standard error sd/√m of m ≥ 2 values around their mean (sample sd, divisor m − 1). Where
 * the squared deviations overflow (HSIC values of ~1e155 and up are representable, their squares
 * are not), they are taken of the deviations divided by the largest, so the result stays finite;
 * elsewhere it is the plain two-pass formula, bit for bit.
 * @internal
 */
export function standardError(values: ArrayLike<number>, mean: number): number {
  const m = values.length;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += ((values[i] as number) - mean) ** 2;
  if (ss !== Number.POSITIVE_INFINITY) return Math.sqrt(ss / (m - 1) / m);
  // Halved first: v − mean itself can overflow when both are near the top of the range.
  let top = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs((values[i] as number) / 2 - mean / 2));
  let scaled = 0;
  for (let i = 0; i < m; i++) scaled += (((values[i] as number) / 2 - mean / 2) / top) ** 2;
  return 2 * top * Math.sqrt(scaled / (m - 1) / m);
}

/** Σ_i a_i b_i, compensated. @internal */
export function dotSum(a: Float64Array, b: Float64Array): number {
  const acc = newSum();
  for (let i = 0; i < a.length; i++) addTo(acc, (a[i] as number) * (b[i] as number));
  return total(acc);
}

/** Σ_i a_i, compensated. @internal */
export function sumOf(a: Float64Array): number {
  const acc = newSum();
  for (let i = 0; i < a.length; i++) addTo(acc, a[i] as number);
  return total(acc);
}

/**
 * tr(K H L H) = Σ K∘L − (2/n) Σ_i r^K_i r^L_i + (1ᵀK1)(1ᵀL1)/n², from the pass's sums.
 * @internal
 */
export function traceKHLH(s: PairStats, which: 'KL' | 'KK' | 'LL' = 'KL'): number {
  const n = s.n;
  const [a, b, sab] =
    which === 'KL'
      ? [s.rK, s.rL, s.sKL]
      : which === 'KK'
        ? [s.rK, s.rK, s.sKK]
        : [s.rL, s.rL, s.sLL];
  return sab - (2 / n) * dotSum(a, b) + (sumOf(a) * sumOf(b)) / (n * n);
}

/**
 * Unbiased HSIC (Song et al. 2012) from the pass's sums, with K̃, L̃ the Gram matrices with their
 * diagonals set to 0:
 * [tr(K̃L̃) + (1ᵀK̃1)(1ᵀL̃1)/((n−1)(n−2)) − (2/(n−2)) 1ᵀK̃L̃1] / (n(n−3)).
 * @internal
 */
export function unbiasedHsic(s: PairStats): number {
  const n = s.n;
  const sk = sumOf(s.oK);
  const sl = sumOf(s.oL);
  return (
    (s.sKLoff + (sk * sl) / ((n - 1) * (n - 2)) - (2 / (n - 2)) * dotSum(s.oK, s.oL)) /
    (n * (n - 3))
  );
}
