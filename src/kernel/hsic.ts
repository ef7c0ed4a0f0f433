import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput } from '../core/input.js';
import { checkSeed } from '../core/random.js';
import { type Gram, prepareGram, toKernelUnits } from './gram.js';
import { checkKernel, gaussianKernel, type Kernel } from './kernels.js';
import { DEFAULT_BLOCK_SIZE, type PairStats, pairStats, traceKHLH, unbiasedHsic } from './stats.js';

/** Options shared by the HSIC functions. @public */
export interface KernelOptions {
  /** Kernel on X (default: Gaussian with the median bandwidth). */
  kernelX?: Kernel;
  /** Kernel on Y (default: Gaussian with the median bandwidth). */
  kernelY?: Kernel;
  /** Seed of the median-heuristic subsample (used only when n > medianSampleSize; default 0). */
  seed?: number;
  /** Points used by the median heuristic (default 1000; all of them below that). */
  medianSampleSize?: number;
  /** Rows per Gram block (default 256): memory O(n·d + blockSize²), never n². */
  blockSize?: number;
}

/** Options of {@link hsic}. @public */
export interface HsicOptions extends KernelOptions {
  /** `'biased'` (default; Gretton et al. 2005) or `'unbiased'` (Song et al. 2012; needs n ≥ 4). */
  estimator?: 'biased' | 'unbiased';
}

/** @internal */
export interface PreparedPair {
  K: Gram;
  L: Gram;
  blockSize: number;
}

/** Validates options and binds both kernels to their samples. @internal */
export function preparePair(
  X: SampleInput,
  Y: SampleInput,
  options: KernelOptions,
  minN = 2,
): PreparedPair {
  const kx = checkKernel(options.kernelX ?? gaussianKernel(), 'kernelX');
  const ky = checkKernel(options.kernelY ?? gaussianKernel(), 'kernelY');
  const seed = options.seed === undefined ? 0 : checkSeed(options.seed);
  const sampleSize = options.medianSampleSize === undefined ? 1000 : options.medianSampleSize;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `medianSampleSize is ${formatValue(sampleSize)}: expected an integer ≥ 2`,
    );
  }
  const blockSize = options.blockSize === undefined ? DEFAULT_BLOCK_SIZE : options.blockSize;
  if (!Number.isInteger(blockSize) || blockSize < 1) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `blockSize is ${formatValue(blockSize)}: expected an integer ≥ 1`,
    );
  }
  const K = prepareGram(X, kx, 'X', { seed, sampleSize });
  const L = prepareGram(Y, ky, 'Y', { seed, sampleSize });
  if (K.n !== L.n) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `X has ${K.n} samples but Y has ${L.n}: HSIC needs paired samples (see kernel.pairedHsic for unequal sets)`,
    );
  }
  if (K.n < minN) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `X and Y have ${K.n} samples: at least ${minN} are needed`,
    );
  }
  return { K, L, blockSize };
}

/**
 * HSIC of the chosen estimator from a pass's sums, in the kernels' own units; NON_FINITE where
 * it is beyond the doubles (e.g. linear kernels on data of size ~1e80: HSIC ~ 1e320).
 * @internal
 */
export function hsicFromStats(s: PairStats, estimator: 'biased' | 'unbiased'): number {
  const v = estimator === 'biased' ? traceKHLH(s) / ((s.n - 1) * (s.n - 1)) : unbiasedHsic(s);
  return toKernelUnits(v, s.expK + s.expL, 'HSIC');
}

/**
 * Hilbert–Schmidt independence criterion between paired samples of X and Y.
 *
 * Biased (default): `HSIC_b = tr(K H L H) / (n − 1)²`, K and L the Gram matrices, H = I − 11ᵀ/n
 * (Gretton et al. 2005, the form the paper cites). Other libraries (hyppo, many papers) divide by
 * n² instead; multiply by ((n − 1)/n)² to compare. Unbiased: Song et al. (2012), eq. 5; it can be
 * negative under independence.
 *
 * HSIC ≥ 0 (biased), = 0 in the population iff X ⫫ Y for characteristic kernels (Gaussian,
 * Laplace). Not in nats: it is a squared RKHS norm whose scale depends on the kernels. Computed in
 * blocks: memory O(n·d + blockSize²), time O(n² d). Invariant to permuting samples jointly.
 *
 * Reference: Gretton, Bousquet, Smola & Schölkopf (2005), ALT; Song, Smola, Gretton, Bedo &
 * Borgwardt (2012), JMLR 13. THEORY.md App. G uses it for I(T; S_gen).
 *
 * @param X - n × d_x samples (or, with `precomputedKernel()`, the n × n Gram matrix of X).
 * @param Y - n × d_y samples paired with X by row (or its Gram matrix).
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const linear = kernel.linearKernel();
 * // (Σ(x − x̄)²)² / (n − 1)² = 25 / 9:
 * kernel.hsic([1, 2, 3, 4], [1, 2, 3, 4], { kernelX: linear, kernelY: linear }); // 2.7777777777777777
 * ```
 * @public
 */
export function hsic(X: SampleInput, Y: SampleInput, options: HsicOptions = {}): number {
  const estimator = oneOf(options.estimator, ['biased', 'unbiased'], 'biased', 'estimator');
  const p = preparePair(X, Y, options, estimator === 'unbiased' ? 4 : 2);
  return hsicFromStats(pairStats(p.K, p.L, p.blockSize), estimator);
}

/**
 * Centred kernel alignment (CKA), the normalised HSIC:
 * `CKA = HSIC_b(K, L) / sqrt(HSIC_b(K, K) · HSIC_b(L, L))` ∈ [0, 1].
 *
 * Scale-free, so it compares dependence across kernels and representations; with linear kernels it
 * is the linear CKA of Kornblith et al. (2019). 0 when either Gram matrix is constant (no
 * variation to align). Cost as {@link hsic}.
 *
 * Reference: Cortes, Mohri & Rostamizadeh (2012), JMLR 13; Kornblith, Norouzi, Lee & Hinton
 * (2019), ICML.
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * kernel.cka([1, 2, 3, 4], [2, 4, 6, 8], { kernelX: kernel.linearKernel(), kernelY: kernel.linearKernel() }); // 1
 * ```
 * @public
 */
export function cka(X: SampleInput, Y: SampleInput, options: KernelOptions = {}): number {
  const p = preparePair(X, Y, options);
  const s = pairStats(p.K, p.L, p.blockSize);
  // Three traces in the scaled units of the Gram blocks: the ratio does not see the scaling.
  const kk = traceKHLH(s, 'KK');
  const ll = traceKHLH(s, 'LL');
  if (!(kk > 0) || !(ll > 0)) return 0;
  // √(kk·ll) where the product is a normal double (the bits of before); √kk·√ll where it would
  // overflow or underflow (kernel values far from 1 with no known scale, or HKH of a Gaussian
  // kernel with a huge bandwidth, ~(d/σ)⁴).
  const kkll = kk * ll;
  const den =
    kkll >= MIN_NORMAL && kkll <= Number.MAX_VALUE
      ? Math.sqrt(kkll)
      : Math.sqrt(kk) * Math.sqrt(ll);
  const v = traceKHLH(s) / den;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** The smallest normal double, 2^-1022. */
const MIN_NORMAL = 2.2250738585072014e-308;
