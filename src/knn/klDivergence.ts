import { InfoboundError } from '../core/errors.js';
import type { SampleInput } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { crossKnn, selfKnn } from './neighbors.js';
import {
  assertPositiveDistances,
  columnSpread,
  extremeExponent,
  type KnnOptions,
  ordinal,
  prepare,
  readK,
  readOptions,
  readSamples,
  scaleSamples,
} from './shared.js';

/** The smallest normal double, 2^-1022: below it a ratio has lost bits. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Kullback–Leibler divergence KL(P ‖ Q) from samples of each, by the Wang–Kulkarni–Verdú
 * k-nearest-neighbour estimator (Euclidean).
 *
 * `KL̂ = (d/n) Σ_i log(ν_i / ρ_i) + log(m / (n − 1))`, ρ_i = distance from x_i to its k-th
 * nearest neighbour in X ∖ {x_i}, ν_i = distance from x_i to its k-th nearest neighbour in Y;
 * X has n samples from P, Y has m samples from Q.
 *
 * Consistent, but it converges slowly when P and Q are far apart or differently scaled: ν_i then
 * measures the distance to a remote cloud rather than Q's local density at x_i (docs/knn.md shows
 * measured bias). Can be negative at finite n. Units: nats unless `base`. Cost: O((n + m) log)
 * at low d.
 *
 * Reference: Wang, Kulkarni & Verdú (2009), "Divergence estimation for multidimensional densities
 * via k-nearest-neighbor distances", IEEE Trans. Inf. Theory 55(5), eq. 5.
 *
 * @param X - n × d samples from P.
 * @param Y - m × d samples from Q (same d).
 * @example
 * ```ts
 * import { GaussianMixture, knn } from 'infobound';
 * // KL(N(0, 1) ‖ N(½, 1)) = ½ · (½)² = 0.125 nats.
 * const p = GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[1]]] });
 * const q = GaussianMixture.fromParameters({ weights: [1], means: [[0.5]], covariances: [[[1]]] });
 * const x = p.sample(2000, { seed: 1 }).samples;
 * const y = q.sample(2000, { seed: 2 }).samples;
 * // Across data sets the estimate's sd is 0.048 at n = 10³ and 0.014 at n = 10⁴ (docs/knn.md).
 * knn.klDivergence(x, y, { k: 3 }); // 0.10928050263476131
 * ```
 * @public
 */
export function klDivergence(X: SampleInput, Y: SampleInput, options: KnnOptions = {}): number {
  const gx = readSamples(X, 'X');
  const gy = readSamples(Y, 'Y');
  if (gx.d !== gy.d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `X has ${gx.d} columns but Y has ${gy.d}: both must be samples in the same space`,
    );
  }
  const n = gx.n;
  const m = gy.n;
  const k = readK(options.k, n, 'X');
  if (k > m) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `k is ${k} but Y has ${m} samples: the ${ordinal(k)} neighbour in Y needs k ≤ m`,
    );
  }
  const { jitter, rng, search } = readOptions(options, Math.max(n, m), gx.d);
  // Extreme magnitudes run on X·2^e and Y·2^e (exact): the estimate is scale-invariant.
  const e = extremeExponent([gx, gy], jitter, true);
  const rx = scaleSamples(gx, e);
  const ry = scaleSamples(gy, e);
  // One shift for both sets: KL is invariant to shifting X and Y together, not separately.
  const shift = columnSpread(rx).mean;
  const x = prepare(rx, jitter, rng, false, shift);
  const y = prepare(ry, jitter, rng, false, shift);
  const rho = selfKnn(x.data, n, x.d, k, 'euclidean', search).kth;
  const nu = crossKnn(x.data, n, y.data, m, x.d, k, 'euclidean', search);
  assertPositiveDistances(rho, 'X', `its ${ordinal(k)} neighbour in X`);
  assertPositiveDistances(nu, 'X', `its ${ordinal(k)} neighbour in Y`);
  const acc = newSum();
  for (let i = 0; i < n; i++) {
    const nui = nu[i] as number;
    const rhoi = rho[i] as number;
    const r = nui / rhoi;
    // One log of the ratio where it is a normal number (more accurate, and the bits of before);
    // the logs apart where it overflows or underflows (ν ~ 1e150 against ρ ~ 1e-160).
    addTo(
      acc,
      r >= MIN_NORMAL && r <= Number.MAX_VALUE ? Math.log(r) : Math.log(nui) - Math.log(rhoi),
    );
  }
  return fromNats((x.d / n) * total(acc) + Math.log(m / (n - 1)), options.base);
}
