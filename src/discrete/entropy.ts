import { type ProbabilityTable, toDistribution } from '../core/input.js';
import { addTo, newSum, total, xlogx } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import type { DiscreteOptions } from './shared.js';

/**
 * Shannon entropy of a probability distribution.
 *
 * `H(p) = −Σ_x p(x) · log p(x)`, with `0 · log 0 = 0`.
 *
 * Any table shape is accepted (a joint table gives the joint entropy). Units: nats unless
 * `base`. Cost: O(size), one pass, compensated summation.
 *
 * Reference: THEORY.md, App. A.1 (Def. A.1); Cover & Thomas (2006), eq. 2.1.
 *
 * @param p - Probabilities (finite, ≥ 0, summing to 1 within `tolerance`), or weights with
 *   `normalize: true`.
 * @returns H(p) in [0, log |support|].
 * @throws InfoboundError NOT_A_DISTRIBUTION for negative, non-finite or non-normalised input.
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.entropy([0.5, 0.5], { base: 'bits' }); // 1
 * discrete.entropy([3, 1], { normalize: true }); // 0.5623351446188083
 * ```
 * @public
 */
export function entropy(p: ProbabilityTable, options: DiscreteOptions = {}): number {
  const { data } = toDistribution(p, 'p', options);
  return fromNats(entropyOfNormalized(data), options.base);
}

/**
 * −Σ p log p of an already validated flat distribution, in nats. Each term is ≥ 0, so the sum is.
 * @internal
 */
export function entropyOfNormalized(data: ArrayLike<number>): number {
  const acc = newSum();
  for (let i = 0; i < data.length; i++) addTo(acc, -xlogx(data[i] as number));
  return total(acc);
}
