import { InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput, toSamples } from '../core/input.js';
import { integerOption } from '../core/options.js';
import { createRandom } from '../core/random.js';
import { resolveKernel, rowsGram, toKernelUnits } from './gram.js';
import { hsicFromStats, type KernelOptions } from './hsic.js';
import { readMedianOptions, readSampleKernel } from './rff.js';
import { DEFAULT_BLOCK_SIZE, pairStats, standardError } from './stats.js';

/** Options of {@link pairedHsic}. @public */
export interface PairedHsicOptions extends KernelOptions {
  /** Number of random couplings averaged (default 20; at least 2, for a standard error). */
  repeats?: number;
  /** Rows drawn from each set per repeat (default min(n_x, n_y)). */
  size?: number;
  /**
   * `'unbiased'` (default here, unlike {@link hsic}: under a random coupling the biased form's
   * value is all bias, see {@link pairedHsic}) or `'biased'`.
   */
  estimator?: 'biased' | 'unbiased';
}

/** Result of {@link pairedHsic}. @public */
export interface PairedHsicResult {
  /** Mean of the repeats' HSIC values. */
  value: number;
  /** Standard deviation of the repeats' values / √repeats: the coupling's noise only. */
  standardError: number;
  /** HSIC of each repeat, in order. */
  values: number[];
  /** Rows per set in each repeat. */
  size: number;
  repeats: number;
}

/**
 * HSIC between two sets of different sizes and no natural pairing (THEORY.md App. G: "HSIC
 * between the synthetic data and the training set"), under a random coupling.
 *
 * Each repeat draws `size` rows without replacement from X and, independently, from Y (seeded),
 * pairs them by position and computes {@link hsic} on the pairs with the kernels of the full sets
 * (median bandwidths resolved once on all of X and all of Y). Returns the mean over `repeats`,
 * its standard error sd/√repeats, and every value.
 *
 * What this estimates: the dependence between the two sets *under a random coupling*, and a
 * random coupling makes the pairs independent by construction, whatever X and Y are. So:
 * - `'unbiased'` (the default): the expected value is exactly 0 for any two sets (every term of
 *   the U-statistic factorises when the x's and y's are drawn independently); the result is
 *   0 ± noise, and is useful as the null reference for a meaningfully paired HSIC.
 * - `'biased'`: given the drawn rows, the expected value is `tr(HKH)·tr(HLH)/(size − 1)³`
 *   (K, L the Gram matrices of the drawn rows), for Gaussian kernels ≈ (1 − k̄_X)(1 − k̄_Y)/size
 *   with k̄ the mean kernel value of each set: a positive floor that measures how spread out each
 *   set is under its kernel, and shrinks as size grows. It says nothing about how X relates to Y.
 *
 * The paper does not say how it paired the synthetic data with the training set. If the data come
 * with a pairing (each synthetic record generated from a given anchor record), use `hsic` on those
 * pairs and compare it with this function's value, the random-coupling baseline. Only the
 * coupling's randomness is in `standardError`; the sampling of the sets themselves is not.
 *
 * Cost: `repeats` × the cost of `hsic` on `size` rows, O(repeats · size² · d); memory
 * O(size·d + blockSize² + n_x + n_y) beyond the input.
 *
 * Reference: Gretton, Bousquet, Smola & Schölkopf (2005), ALT; Song et al. (2012), JMLR 13.
 *
 * @param X - n_x × d_x samples (e.g. the training set's embeddings).
 * @param Y - n_y × d_y samples (e.g. the synthetic set's embeddings); n_y may differ from n_x.
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const train = Array.from({ length: 300 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
 * const synthetic = Array.from({ length: 120 }, (_, i) => [Math.sin(2 * i), Math.cos(i)]);
 * const r = kernel.pairedHsic(train, synthetic, { repeats: 10, seed: 1 });
 * r.size; // 120
 * r.value; // -0.000325086583349103: 0 within 1.4 standard errors, as it must be
 * r.standardError; // 0.00023384191639674005
 * kernel.pairedHsic(train, synthetic, { repeats: 10, seed: 1, estimator: 'biased' }).value;
 * // 0.0010055020701691952: the biased estimator's floor, from each set's spread alone
 * ```
 * @public
 */
export function pairedHsic(
  X: SampleInput,
  Y: SampleInput,
  options: PairedHsicOptions = {},
): PairedHsicResult {
  const estimator = oneOf(options.estimator, ['biased', 'unbiased'], 'unbiased', 'estimator');
  const repeats = integerOption(options.repeats, 'repeats', 2, 20);
  const kx = readSampleKernel(options.kernelX, 'kernelX', 'pairedHsic');
  const ky = readSampleKernel(options.kernelY, 'kernelY', 'pairedHsic');
  const median = readMedianOptions(options);
  const tile = integerOption(options.blockSize, 'blockSize', 1, DEFAULT_BLOCK_SIZE);
  const x = toSamples(X, 'X');
  const y = toSamples(Y, 'Y');
  const minN = estimator === 'unbiased' ? 4 : 2;
  const largest = Math.min(x.n, y.n);
  if (largest < minN) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `X has ${x.n} samples and Y has ${y.n}: the ${estimator} HSIC needs at least ${minN} in each`,
    );
  }
  const size = integerOption(options.size, 'size', minN, largest);
  if (size > largest) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `size is ${size}: rows are drawn without replacement, so it must be ≤ min(n_x, n_y) = ${largest}`,
    );
  }
  const scaleX = resolveKernel(x, kx, median);
  const scaleY = resolveKernel(y, ky, median);
  const rng = createRandom(median.seed);
  const values: number[] = [];
  let mean = 0;
  for (let r = 0; r < repeats; r++) {
    const rx = rng.permutation(x.n).subarray(0, size);
    const ry = rng.permutation(y.n).subarray(0, size);
    const K = rowsGram(x, rx, kx, scaleX, 'X');
    const L = rowsGram(y, ry, ky, scaleY, 'Y');
    const v = hsicFromStats(pairStats(K, L, tile), estimator);
    values.push(v);
    mean += v;
  }
  mean /= repeats;
  return {
    value: toKernelUnits(mean, 0, 'the mean of the HSIC values'),
    standardError: standardError(values, mean),
    values,
    size,
    repeats,
  };
}
