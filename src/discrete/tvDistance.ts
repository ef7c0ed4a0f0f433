import type { ProbabilityTable } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { clamp, type DistributionPairOptions, distributionPair } from './shared.js';

/**
 * Total variation distance between two distributions.
 *
 * `D_TV(p, q) = ½ Σ_x |p(x) − q(x)| = sup_A |p(A) − q(A)|`.
 *
 * A probability, not an information quantity: no unit, no `base`. In [0, 1]. Cost: O(size).
 *
 * Reference: THEORY.md, App. A.1 (Def. A.4); Lemma 3.1 uses it.
 *
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.tvDistance([0.5, 0.5], [0.9, 0.1]); // 0.4
 * ```
 * @public
 */
export function tvDistance(
  p: ProbabilityTable,
  q: ProbabilityTable,
  options: DistributionPairOptions = {},
): number {
  const [a, b] = distributionPair(p, q, options);
  const acc = newSum();
  for (let i = 0; i < a.length; i++) addTo(acc, Math.abs((a[i] as number) - (b[i] as number)));
  return clamp(total(acc) / 2, 0, 1);
}
