import type { ProbabilityTable } from '../core/input.js';
import { fromNats } from '../core/units.js';
import { klOfNormalized } from './klDivergence.js';
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
  const m = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) m[i] = ((a[i] as number) + (b[i] as number)) / 2;
  const js = (klOfNormalized(a, m) + klOfNormalized(b, m)) / 2;
  return fromNats(clamp(js, 0, Math.LN2), options.base);
}
