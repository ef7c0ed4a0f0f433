import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { SampleInput, Samples } from '../core/input.js';
import { exponentOf, ldexp } from '../core/linalg.js';
import { integerOption } from '../core/options.js';
import { dotBlock } from '../core/pairwise.js';
import { createRandom } from '../core/random.js';
import { type MedianOptions, resolveKernel, rowsGram, toKernelUnits } from './gram.js';
import type { Kernel } from './kernels.js';
import { crossMoment, pairedSamples, readMedianOptions, readSampleKernel } from './rff.js';

/** Options of {@link hsicNystrom}. @public */
export interface HsicNystromOptions {
  /** Number m of landmark rows (default 256; capped at n, where the approximation is exact). */
  rank?: number;
  /** Kernel on X (default: Gaussian with the median bandwidth); any kernel but `precomputedKernel()`. */
  kernelX?: Kernel;
  /** Kernel on Y (default: Gaussian with the median bandwidth); any kernel but `precomputedKernel()`. */
  kernelY?: Kernel;
  /** Seed of the landmark draw and of the median-heuristic subsample (default 0). */
  seed?: number;
  /** Points used by the median heuristic (default 1000; all of them below that). */
  medianSampleSize?: number;
}

/**
 * Eigenvalues below this fraction of the largest are dropped from K_mm^{-1/2}. Dropping them
 * changes K̂ = K_nm K_mm⁺ K_mn by at most that much of ‖K_mm‖ per dropped direction, while
 * keeping them would divide rounding noise (ε·‖K_mm‖ in every computed eigenpair) by √λ.
 */
const EIGEN_CUTOFF = 1e-12;

/** Rows of K_nm evaluated and projected per block. */
const ROWS_PER_BLOCK = 256;

/**
 * HSIC with Nyström low-rank approximations of both Gram matrices.
 *
 * m = min(rank, n) landmark rows are drawn without replacement (seeded; the same rows for X and
 * Y, which are paired). Each side gets the features `Φ = K_nm V Λ^{-1/2}`, with K_mm = V Λ Vᵀ
 * the eigendecomposition of the landmarks' Gram matrix (ml-matrix `EigenvalueDecomposition`),
 * so that `Φ Φᵀ = K_nm K_mm⁺ K_mn =: K̂` (Φ is K_nm K_mm^{-1/2} up to a rotation of the feature
 * space, which HSIC does not see). Then `HSIC ≈ ‖Φ̄_xᵀ Φ̄_y‖²_F / (n − 1)²` with Φ̄ the
 * column-centred features: the biased HSIC `tr(K̂ H L̂ H)/(n − 1)²` of {@link hsic}, with the same
 * kernels (bandwidths resolved on all n rows, as `hsic` does for the same `seed`).
 *
 * For stability, eigenvalues below 1e-12 × the largest are dropped (a pseudo-inverse): their
 * directions carry rounding noise, not signal. With rank ≥ n every row is a landmark, K̂ = K up to
 * those dropped directions, and the result equals `hsic` to about 1e-9 relative. Below n, the
 * error is deterministic given the landmarks and falls as the kernel's spectrum decays
 * (docs/kernel.md has measured errors). Any kernel of this family except `precomputedKernel()`.
 *
 * Cost: time O(n·m·(d + m) + m³), memory O(m² + m·d + n) beyond the input (rows are streamed in
 * blocks of 256 and their centred cross-moment merged block by block).
 *
 * Reference: Williams & Seeger (2001), "Using the Nyström method to speed up kernel machines",
 * NIPS 13; Zhang, Filippi, Gretton & Sejdinovic (2018), Statistics and Computing 28, Sec. 3.2.
 *
 * @param X - n × d_x samples.
 * @param Y - n × d_y samples paired with X by row.
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const x = Array.from({ length: 500 }, (_, i) => Math.sin(i));
 * const y = x.map((v) => v * v);
 * kernel.hsicNystrom(x, y, { rank: 4 }); // 0.029240833161847165
 * kernel.hsicNystrom(x, y, { rank: 8 }); // 0.02948290272539785
 * kernel.hsic(x, y); // 0.029483401703175746
 * ```
 * @public
 */
export function hsicNystrom(
  X: SampleInput,
  Y: SampleInput,
  options: HsicNystromOptions = {},
): number {
  const rank = integerOption(options.rank, 'rank', 1, 256);
  const kx = readSampleKernel(options.kernelX, 'kernelX', 'hsicNystrom');
  const ky = readSampleKernel(options.kernelY, 'kernelY', 'hsicNystrom');
  const median = readMedianOptions(options);
  const { x, y } = pairedSamples(X, Y, 2);
  const n = x.n;
  const m = Math.min(rank, n);
  const landmarks = createRandom(median.seed).permutation(n).subarray(0, m);
  const fx = nystromMap(x, kx, landmarks, median, 'X');
  const fy = nystromMap(y, ky, landmarks, median, 'Y');
  // A zero Gram matrix of landmarks (e.g. a linear kernel on all-zero data): K̂ = 0.
  if (fx.rank === 0 || fy.rank === 0) return 0;
  const acc = crossMoment(fx.rank, fy.rank);
  const zx = new Float64Array(fx.rank * ROWS_PER_BLOCK);
  const zy = new Float64Array(fy.rank * ROWS_PER_BLOCK);
  for (let i0 = 0; i0 < n; i0 += ROWS_PER_BLOCK) {
    const i1 = Math.min(n, i0 + ROWS_PER_BLOCK);
    fx.features(i0, i1, zx);
    fy.features(i0, i1, zy);
    acc.add(zx, zy, i1 - i0);
  }
  // Φ is built from K·2^exponent, so Φ̄_xᵀΦ̄_y carries 2^((e_x + e_y)/2) and its square 2^(e_x + e_y).
  return toKernelUnits(acc.frobenius() / ((n - 1) * (n - 1)), fx.exponent + fy.exponent, 'HSIC');
}

interface NystromMap {
  /** Number r of kept eigen-directions (the feature dimension). */
  rank: number;
  /** The features are those of the Gram matrix K·2^exponent: Φ·2^(exponent/2). */
  exponent: number;
  /** out[a·(i1 − i0) + (i − i0)] = Φ_ia for rows [i0, i1) (feature-major). */
  features(i0: number, i1: number, out: Float64Array): void;
}

function nystromMap(
  s: Samples,
  kernel: Exclude<Kernel, { type: 'precomputed' }>,
  landmarks: Int32Array,
  median: MedianOptions,
  name: string,
): NystromMap {
  const m = landmarks.length;
  const scale = resolveKernel(s, kernel, median);
  const kmm = new Float64Array(m * m);
  rowsGram(s, landmarks, kernel, scale, name).block(0, m, 0, m, kmm);
  // The eigensolver squares entries (it crashes with a TypeError above ~1e154): bring K_mm near 1
  // where its scale was not known in advance (custom kernels), and K_nm by the same factor.
  let largest = 0;
  for (const v of kmm) largest = Math.max(largest, Math.abs(v));
  const extra =
    largest > 0 && (largest < 2 ** -200 || largest >= 2 ** 200) ? -exponentOf(largest) : 0;
  if (extra !== 0) for (let t = 0; t < m * m; t++) kmm[t] = ldexp(kmm[t] as number, extra);
  const eig = new EigenvalueDecomposition(Matrix.from1DArray(m, m, kmm), {
    assumeSymmetric: true,
  });
  const lambda = eig.realEigenvalues;
  const V = eig.eigenvectorMatrix;
  let top = 0;
  for (const l of lambda) if (l > top) top = l;
  const keep: number[] = [];
  for (let a = 0; a < m; a++) if ((lambda[a] as number) > EIGEN_CUTOFF * top) keep.push(a);
  const r = keep.length;
  // T = (V_r Λ_r^{-1/2})ᵀ, r × m row-major, so that Φᵀ (r × b) = T K_bmᵀ is one dotBlock.
  const T = new Float64Array(r * m);
  for (let t = 0; t < r; t++) {
    const a = keep[t] as number;
    const f = 1 / Math.sqrt(lambda[a] as number);
    for (let j = 0; j < m; j++) T[t * m + j] = V.get(j, a) * f;
  }
  // Each block evaluates the Gram matrix of [landmarks; rows i0..i1) and reads its lower-left
  // corner K(x_i, landmark_j): memory O((m + b)·d), never a copy of all n rows.
  const rows = new Int32Array(m + ROWS_PER_BLOCK);
  rows.set(landmarks);
  const kb = new Float64Array(ROWS_PER_BLOCK * m);
  return {
    rank: r,
    exponent: scale.exponent + extra,
    features(i0, i1, out) {
      const b = i1 - i0;
      for (let i = 0; i < b; i++) rows[m + i] = i0 + i;
      rowsGram(s, rows.subarray(0, m + b), kernel, scale, name).block(m, m + b, 0, m, kb);
      if (extra !== 0) for (let t = 0; t < b * m; t++) kb[t] = ldexp(kb[t] as number, extra);
      dotBlock(T, 0, r, kb, 0, b, m, out);
    },
  };
}
