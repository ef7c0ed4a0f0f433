import type { SampleInput } from '../core/input.js';
import { cholesky, logDetFromCholesky, toCovariance } from '../core/linalg.js';
import { type BaseOptions, fromNats } from '../core/units.js';

/** log(2πe), the per-dimension constant of the Gaussian entropy. */
export const LOG_2PI_E = Math.log(2 * Math.PI) + 1;

/**
 * Differential entropy of a multivariate normal distribution N(μ, Σ) (it does not depend on μ).
 *
 * `h = ½ log det(2πe Σ) = (d/2)·(1 + log 2π) + ½ log det Σ`, with log det Σ from the Cholesky
 * factor (2 Σ log L_ii).
 *
 * Differential entropy can be negative (a narrow Gaussian). Units: nats unless `base`.
 * Cost: O(d³) time, O(d²) memory.
 *
 * Reference: Cover & Thomas (2006), Thm 8.4.1.
 *
 * @param cov - The d × d covariance (symmetric positive definite), or a number: a 1-D variance.
 * @throws InfoboundError NOT_POSITIVE_DEFINITE for a non-symmetric or singular covariance.
 * @example
 * ```ts
 * import { gaussian } from 'infobound';
 * gaussian.entropy(1); // 1.4189385332046727 = ½ log(2πe)
 * gaussian.entropy([[2, 0.5], [0.5, 1]]); // 3.1176849603770567
 * ```
 * @public
 */
export function entropy(cov: SampleInput | number, options: BaseOptions = {}): number {
  const c = toCovariance(cov, 'cov');
  const L = cholesky(c.data, c.d, 'cov');
  return fromNats(gaussianEntropyNats(logDetFromCholesky(L, c.d), c.d), options.base);
}

/** h of N(·, Σ) in nats from log det Σ. @internal */
export function gaussianEntropyNats(logDet: number, d: number): number {
  return 0.5 * (d * LOG_2PI_E + logDet);
}
