import { formatValue, InfoboundError } from '../core/errors.js';
import { assertSameLength, type SampleInput } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { digamma } from '../core/special.js';
import { fromNats } from '../core/units.js';
import { countWithin, selfKnn } from './neighbors.js';
import {
  assertPositiveDistances,
  extremeExponent,
  type KnnDependenceOptions,
  ordinal,
  prepare,
  readK,
  readOptions,
  readSamples,
  scaleSamples,
  stackColumns,
} from './shared.js';

/** Options of {@link mutualInformation}. @public */
export interface KsgOptions extends KnnDependenceOptions {
  /**
   * KSG variant (default 1). 1: strict counts inside the joint k-th neighbour distance; lower
   * variance. 2: non-strict counts inside per-variable distances; lower bias at larger MI.
   */
  algorithm?: 1 | 2;
}

/**
 * Mutual information between two continuous variables from paired samples, by the
 * Kraskov–Stögbauer–Grassberger (KSG) k-nearest-neighbour estimator (max-norm).
 *
 * Algorithm 1: `Î = ψ(k) + ψ(n) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩`, n_x(i) = #{j ≠ i : ‖x_j − x_i‖∞ < ε_i}
 * (strict), ε_i = max-norm distance from (x_i, y_i) to its k-th neighbour in the joint space.
 * Algorithm 2: `Î = ψ(k) − 1/k + ψ(n) − ⟨ψ(n_x) + ψ(n_y)⟩`, n_x(i) = #{j ≠ i : ‖x_j − x_i‖∞ ≤ ε_x,i},
 * ε_x,i = largest x-distance among the k joint neighbours.
 *
 * Returns the raw estimate: it is bias-corrected, so small negative values are normal for
 * independent variables (clip at 0 yourself if you must). Invariant to permuting samples jointly.
 * Depends on the relative scales of the coordinates through the max-norm (see `standardize`).
 * Tied or discrete-valued data are handled by the default seeded jitter. Units: nats unless
 * `base`. Cost: O(n log n) at low dimension, O(n² d) at high.
 *
 * Reference: Kraskov, Stögbauer & Grassberger (2004), "Estimating mutual information",
 * Phys. Rev. E 69, 066138, eqs. 8 and 9.
 *
 * @param X - n × d_x samples of X.
 * @param Y - n × d_y samples of Y, paired with X by row.
 * @example
 * ```ts
 * import { GaussianMixture, gaussian, knn } from 'infobound';
 * // Gaussian X and Y with correlation ρ = 0.9: I(X; Y) = −½ log(1 − ρ²).
 * const cov = [[1, 0.9], [0.9, 1]];
 * const xy = GaussianMixture.fromParameters({ weights: [1], means: [[0, 0]], covariances: [cov] });
 * const { samples } = xy.sample(2000, { seed: 1 });
 * const x = samples.map((r) => r[0]);
 * const y = samples.map((r) => r[1]);
 * gaussian.mutualInformation(cov, 0, 1); // 0.8303656034108257
 * // Across data sets the estimate's sd is 0.033 at n = 10³ and 0.009 at n = 10⁴ (docs/knn.md).
 * knn.mutualInformation(x, y, { k: 3 }); // 0.8420133031560981
 * ```
 * @public
 */
export function mutualInformation(
  X: SampleInput,
  Y: SampleInput,
  options: KsgOptions = {},
): number {
  const gx = readSamples(X, 'X');
  const gy = readSamples(Y, 'Y');
  assertSameLength(gx.n, gy.n, 'X', 'Y');
  const n = gx.n;
  const k = readK(options.k, n, 'X');
  const algorithm = options.algorithm === undefined ? 1 : options.algorithm;
  if (algorithm !== 1 && algorithm !== 2) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `algorithm is ${formatValue(algorithm)}: expected 1 or 2`,
    );
  }
  const { jitter, rng, search, standardize } = readOptions(options, n, gx.d + gy.d);
  // Extreme magnitudes run on every set × 2^e (exact): the estimate is scale-invariant.
  const e = extremeExponent([gx, gy], jitter, false);
  const rx = scaleSamples(gx, e);
  const ry = scaleSamples(gy, e);
  const x = prepare(rx, jitter, rng, standardize);
  const y = prepare(ry, jitter, rng, standardize);
  const joint = stackColumns(x, y);
  const knn = selfKnn(joint.data, n, joint.d, k, 'chebyshev', search, algorithm === 2);
  assertPositiveDistances(knn.kth, 'X, Y', `its ${ordinal(k)} joint neighbour`);

  const acc = newSum();
  if (algorithm === 1) {
    const nx = countWithin(x.data, n, x.d, knn.kth, true, search);
    const ny = countWithin(y.data, n, y.d, knn.kth, true, search);
    for (let i = 0; i < n; i++)
      addTo(acc, digamma((nx[i] as number) + 1) + digamma((ny[i] as number) + 1));
    return fromNats(digamma(k) + digamma(n) - total(acc) / n, options.base);
  }
  const ex = marginalRadii(x.data, x.d, knn.neighbors as Int32Array, n, k);
  const ey = marginalRadii(y.data, y.d, knn.neighbors as Int32Array, n, k);
  const nx = countWithin(x.data, n, x.d, ex, false, search);
  const ny = countWithin(y.data, n, y.d, ey, false, search);
  for (let i = 0; i < n; i++) addTo(acc, digamma(nx[i] as number) + digamma(ny[i] as number));
  return fromNats(digamma(k) - 1 / k + digamma(n) - total(acc) / n, options.base);
}

/** ε_x,i: the largest max-norm distance in one variable from i to its k joint neighbours. */
function marginalRadii(
  data: Float64Array,
  d: number,
  neighbors: Int32Array,
  n: number,
  k: number,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let m = 0; m < k; m++) {
      const j = neighbors[i * k + m] as number;
      for (let c = 0; c < d; c++) {
        const g = Math.abs((data[j * d + c] as number) - (data[i * d + c] as number));
        if (g > r) r = g;
      }
    }
    out[i] = r;
  }
  return out;
}
