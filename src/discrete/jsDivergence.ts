import type { ProbabilityTable } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { clamp, type DiscreteOptions, distributionPair } from './shared.js';

/**
 * Jensen–Shannon divergence: the symmetrised, always finite relative of KL.
 *
 * `JS(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m)`, `m = (p + q) / 2`.
 *
 * Symmetric, finite, in [0, log 2] (1 bit). This is the divergence; its square root is the
 * Jensen–Shannon *distance* (a metric) that `scipy.spatial.distance.jensenshannon` returns.
 * Units: nats unless `base`. Cost: O(size).
 *
 * Reference: Lin (1991), "Divergence measures based on the Shannon entropy", IEEE Trans. Inf.
 * Theory 37(1).
 *
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.jsDivergence([1, 0], [0, 1], { base: 'bits' }); // 1
 * ```
 * @public
 */
export function jsDivergence(
  p: ProbabilityTable,
  q: ProbabilityTable,
  options: DiscreteOptions = {},
): number {
  const [a, b] = distributionPair(p, q, options);
  // Σ ½[p log(2p/(p+q)) + q log(2q/(p+q))]: the same as ½KL(p‖m) + ½KL(q‖m), without forming
  // m = (p+q)/2, which rounds to 0 when p + q is the smallest subnormal and would make KL infinite.
  const acc = newSum();
  for (let i = 0; i < a.length; i++) {
    const pi = a[i] as number;
    const qi = b[i] as number;
    const s = pi + qi;
    if (pi > 0) addTo(acc, pi * Math.log((2 * pi) / s));
    if (qi > 0) addTo(acc, qi * Math.log((2 * qi) / s));
  }
  const js = total(acc) / 2;
  return fromNats(clamp(js, 0, Math.LN2), options.base);
}
