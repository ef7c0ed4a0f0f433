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
  sKL: number;
  sKK: number;
  sLL: number;
  rK: Float64Array;
  rL: Float64Array;
  dK: Float64Array;
  dL: Float64Array;
}

/** Default block size: two 256 × 256 blocks of doubles are 1 MiB, which stays in cache. */
export const DEFAULT_BLOCK_SIZE = 256;

/** @internal */
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
  const rK = new Float64Array(n);
  const rL = new Float64Array(n);
  const dK = new Float64Array(n);
  const dL = new Float64Array(n);
  const sKL = newSum();
  const sKK = newSum();
  const sLL = newSum();
  for (let i0 = 0; i0 < n; i0 += b) {
    const i1 = Math.min(n, i0 + b);
    for (let j0 = i0; j0 < n; j0 += b) {
      const j1 = Math.min(n, j0 + b);
      const w = j1 - j0;
      K.block(i0, i1, j0, j1, kb);
      L.block(i0, i1, j0, j1, lb);
      const twice = j0 !== i0;
      let kl = 0;
      let kk = 0;
      let ll = 0;
      for (let i = i0; i < i1; i++) {
        const o = (i - i0) * w;
        let rk = 0;
        let rl = 0;
        for (let t = 0; t < w; t++) {
          const k = kb[o + t] as number;
          const l = lb[o + t] as number;
          kl += k * l;
          kk += k * k;
          ll += l * l;
          rk += k;
          rl += l;
          if (twice) {
            rK[j0 + t] = (rK[j0 + t] as number) + k;
            rL[j0 + t] = (rL[j0 + t] as number) + l;
          }
        }
        rK[i] = (rK[i] as number) + rk;
        rL[i] = (rL[i] as number) + rl;
        if (!twice) {
          dK[i] = kb[o + (i - j0)] as number;
          dL[i] = lb[o + (i - j0)] as number;
        }
      }
      const f = twice ? 2 : 1;
      addTo(sKL, f * kl);
      addTo(sKK, f * kk);
      addTo(sLL, f * ll);
    }
  }
  return { n, sKL: total(sKL), sKK: total(sKK), sLL: total(sLL), rK, rL, dK, dL };
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
  const rk = new Float64Array(n);
  const rl = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rk[i] = (s.rK[i] as number) - (s.dK[i] as number);
    rl[i] = (s.rL[i] as number) - (s.dL[i] as number);
  }
  const tr = s.sKL - dotSum(s.dK, s.dL);
  const sk = sumOf(rk);
  const sl = sumOf(rl);
  return (tr + (sk * sl) / ((n - 1) * (n - 2)) - (2 / (n - 2)) * dotSum(rk, rl)) / (n * (n - 3));
}
