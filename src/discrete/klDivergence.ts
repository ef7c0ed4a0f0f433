import type { ProbabilityTable } from '../core/input.js';
import { addTo, newSum, relEntr, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { clamp, type DiscreteOptions, distributionPair } from './shared.js';

/**
 * Kullback–Leibler divergence (relative entropy) of q from p.
 *
 * `KL(p ‖ q) = Σ_x p(x) · log(p(x) / q(x))`, with `0 · log(0/q) = 0` and +Infinity where
 * `q(x) = 0 < p(x)` (p is not absolutely continuous with respect to q).
 *
 * Not symmetric. Units: nats unless `base`. Cost: O(size). Terms are summed with compensation;
 * the result is clamped at 0 (rounding can leave −1e-17 when p ≈ q; the true value is ≥ 0 by
 * Gibbs' inequality).
 *
 * Reference: THEORY.md, App. A.1 (Def. A.3); Cover & Thomas (2006), eq. 2.26. Matches
 * `scipy.stats.entropy(p, q)`.
 *
 * @param p - The distribution the expectation is taken under.
 * @param q - The reference distribution, over the same outcomes (same shape).
 * @returns KL(p‖q) in [0, +Infinity].
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.klDivergence([0.5, 0.5], [0.9, 0.1]); // 0.5108256237659907
 * discrete.klDivergence([0.5, 0.5], [1, 0]); // Infinity
 * ```
 * @public
 */
export function klDivergence(
  p: ProbabilityTable,
  q: ProbabilityTable,
  options: DiscreteOptions = {},
): number {
  const [a, b] = distributionPair(p, q, options);
  return fromNats(klOfNormalized(a, b), options.base);
}

/** KL(p‖q) in nats of validated flat distributions. @internal */
export function klOfNormalized(p: ArrayLike<number>, q: ArrayLike<number>): number {
  const acc = newSum();
  for (let i = 0; i < p.length; i++) {
    const t = relEntr(p[i] as number, q[i] as number);
    if (t === Number.POSITIVE_INFINITY) return t;
    addTo(acc, t);
  }
  return clamp(total(acc), 0);
}
