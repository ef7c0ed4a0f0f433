import { oneOf, type SampleInput, toSamples } from '../core/input.js';
import { type BaseOptions, fromNats } from '../core/units.js';
import { gaussianEntropyNats } from './entropy.js';
import { type LogDetCorrection, logDetEstimate, scatter } from './scatter.js';

/** Options of the Gaussian estimators from samples. @public */
export interface GaussianSampleOptions extends BaseOptions {
  /**
   * `'none'` (default): plug in the maximum-likelihood covariance (divides by n); biased low by
   * about d(d + 1)/(4n) nats. `'ahmed-gokhale'`: the unbiased (UMVU) estimator of Ahmed &
   * Gokhale (1989), which replaces log det Σ̂ by its Wishart-corrected value. Needs n > d.
   */
  correction?: LogDetCorrection;
}

/**
 * Differential entropy of samples under a Gaussian model: fit N(x̄, Σ̂) and return its entropy.
 *
 * Plug-in: `ĥ = ½ [d log(2πe) + log det(A / n)]`, A the scatter matrix Σ (x_i − x̄)(x_i − x̄)ᵀ.
 * Ahmed–Gokhale: `ĥ = ½ [d log(πe) + log det A − Σ_{i=1}^{d} ψ((n − i)/2)]`, unbiased for
 * Gaussian data.
 *
 * Exact in expectation for Gaussian data only: for other distributions it is the entropy of the
 * Gaussian with the same covariance, an upper bound on the true entropy (the Gaussian maximises
 * entropy at fixed covariance). Units: nats unless `base`. Cost: O(n d² + d³).
 *
 * Reference: Ahmed & Gokhale (1989), "Entropy expressions and their estimators for multivariate
 * distributions", IEEE Trans. Inf. Theory 35(3).
 *
 * @param X - n × d samples (n > d), rows = samples.
 * @example
 * ```ts
 * import { gaussian } from 'infobound';
 * gaussian.entropyFromSamples([[0, 1], [1, 0], [2, 3], [3, 1]], { correction: 'ahmed-gokhale' }); // 3.949119198877687
 * ```
 * @public
 */
export function entropyFromSamples(X: SampleInput, options: GaussianSampleOptions = {}): number {
  const correction = oneOf(options.correction, ['none', 'ahmed-gokhale'], 'none', 'correction');
  const s = toSamples(X, 'X', 2);
  const logDet = logDetEstimate(scatter(s), s.d, s.n, correction, 'X');
  return fromNats(gaussianEntropyNats(logDet, s.d), options.base);
}
