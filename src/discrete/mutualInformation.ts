import { type ProbabilityTable, toDistribution } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { clamp, type DiscreteOptions, marginal } from './shared.js';

/**
 * Mutual information I(X; Y) of a joint table with rows = X and columns = Y.
 *
 * `I(X; Y) = Σ_{x,y} p(x, y) · log(p(x, y) / (p(x) p(y))) = H(X) − H(X | Y) = KL(p_XY ‖ p_X ⊗ p_Y)`.
 *
 * Symmetric; 0 exactly when X and Y are independent. Computed term by term and clamped at 0
 * (rounding can leave −1e-17 on an independent table). Units: nats unless `base`.
 * Cost: O(|X|·|Y|).
 *
 * Reference: THEORY.md, App. A.1 (Def. A.5); Cover & Thomas (2006), eq. 2.28.
 *
 * @param pxy - Joint probabilities `pxy[x][y]` (2-D table).
 * @returns I(X;Y) in [0, min(H(X), H(Y))].
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.mutualInformation([[0.5, 0], [0, 0.5]], { base: 'bits' }); // 1
 * discrete.mutualInformation([[0.25, 0.25], [0.25, 0.25]]); // 0
 * ```
 * @public
 */
export function mutualInformation(pxy: ProbabilityTable, options: DiscreteOptions = {}): number {
  const { data, shape } = toDistribution(pxy, 'pxy', options, 2);
  const ny = shape[1] as number;
  const px = marginal(data, shape, [0]);
  const py = marginal(data, shape, [1]);
  const acc = newSum();
  for (let i = 0; i < data.length; i++) {
    const p = data[i] as number;
    if (p > 0) {
      const x = Math.floor(i / ny);
      // Divide in two steps: p(x)·p(y) can underflow when both are near 1e-300, p/p(x) cannot.
      // The second quotient overflows if p(y) is subnormal; then take the logs apart.
      const a = p / (px[x] as number);
      const b = py[i - x * ny] as number;
      const r = a / b;
      addTo(acc, p * (Number.isFinite(r) ? Math.log(r) : Math.log(a) - Math.log(b)));
    }
  }
  return fromNats(clamp(total(acc), 0), options.base);
}
