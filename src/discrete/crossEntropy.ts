import type { ProbabilityTable } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { type DiscreteOptions, distributionPair } from './shared.js';

/**
 * Cross-entropy of q relative to p: the expected code length, under p, of a code built for q.
 *
 * `H(p, q) = −Σ_x p(x) · log q(x) = H(p) + KL(p ‖ q)`; +Infinity where q(x) = 0 < p(x).
 *
 * Units: nats unless `base`. Cost: O(size).
 *
 * Reference: Cover & Thomas (2006), §2.3 and Thm 5.4.3.
 *
 * @param p - The true distribution.
 * @param q - The model distribution, over the same outcomes (same shape).
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.crossEntropy([0.5, 0.5], [0.25, 0.75], { base: 'bits' }); // 1.207518749639422
 * ```
 * @public
 */
export function crossEntropy(
  p: ProbabilityTable,
  q: ProbabilityTable,
  options: DiscreteOptions = {},
): number {
  const [a, b] = distributionPair(p, q, options);
  const acc = newSum();
  for (let i = 0; i < a.length; i++) {
    const pi = a[i] as number;
    if (pi === 0) continue;
    const qi = b[i] as number;
    // Still through fromNats, so that an invalid `base` is reported even when the value is ∞.
    if (qi === 0) return fromNats(Number.POSITIVE_INFINITY, options.base);
    addTo(acc, -pi * Math.log(qi));
  }
  return fromNats(total(acc), options.base);
}
