import { assertSameLength, oneOf, type SampleInput, toSamples } from '../core/input.js';
import { subMatrix } from '../core/linalg.js';
import { fromNats } from '../core/units.js';
import type { GaussianSampleOptions } from './entropyFromSamples.js';
import { logDetEstimate, scatter } from './scatter.js';

/**
 * Mutual information of paired samples under a jointly Gaussian model.
 *
 * `Î(X; Y) = ½ [ log det Σ̂_XX + log det Σ̂_YY − log det Σ̂_(X,Y) ]` from the sample covariance of
 * the stacked samples [X Y]; with `correction: 'ahmed-gokhale'` each log-determinant is replaced
 * by its unbiased Wishart estimate, which removes most of the upward bias of the plug-in MI at
 * small n.
 *
 * Measures linear (correlational) dependence only: for jointly Gaussian data it is the MI; for
 * other data it is the MI of the Gaussian with the same covariance, which can miss nonlinear
 * dependence entirely (use the kNN estimators for that). Not clamped with a correction (an
 * unbiased estimate of 0 is sometimes negative); clamped at 0 without. Units: nats unless
 * `base`. Cost: O(n (d_x + d_y)² + (d_x + d_y)³).
 *
 * @param X - n × d_x samples.
 * @param Y - n × d_y samples, paired with X by row.
 * @example
 * ```ts
 * import { gaussian } from 'infobound';
 * gaussian.mutualInformationFromSamples([1, 2, 3, 4, 5], [1.1, 1.9, 3.2, 3.9, 5.1]); // 2.4704242283540454
 * ```
 * @public
 */
export function mutualInformationFromSamples(
  X: SampleInput,
  Y: SampleInput,
  options: GaussianSampleOptions = {},
): number {
  const correction = oneOf(options.correction, ['none', 'ahmed-gokhale'], 'none', 'correction');
  const x = toSamples(X, 'X', 2);
  const y = toSamples(Y, 'Y', 2);
  assertSameLength(x.n, y.n, 'X', 'Y');
  const n = x.n;
  const d = x.d + y.d;
  const joint = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    joint.set(x.data.subarray(i * x.d, (i + 1) * x.d), i * d);
    joint.set(y.data.subarray(i * y.d, (i + 1) * y.d), i * d + x.d);
  }
  const a = scatter({ data: joint, n, d });
  const xs = Array.from({ length: x.d }, (_, i) => i);
  const ys = Array.from({ length: y.d }, (_, i) => x.d + i);
  const ldx = logDetEstimate(subMatrix(a, d, xs), x.d, n, correction, 'X');
  const ldy = logDetEstimate(subMatrix(a, d, ys), y.d, n, correction, 'Y');
  const ldxy = logDetEstimate(a, d, n, correction, '[X Y]');
  const mi = 0.5 * (ldx + ldy - ldxy);
  return fromNats(correction === 'none' ? Math.max(0, mi) : mi, options.base);
}
