import { type ProbabilityTable, toDistribution } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { clamp, type DiscreteOptions, marginal } from './shared.js';

/**
 * Conditional entropy H(X | Y) of a joint table with rows = X and columns = Y.
 *
 * `H(X | Y) = −Σ_{x,y} p(x, y) · log(p(x, y) / p(y)) = H(X, Y) − H(Y)`.
 *
 * Computed term by term (not as a difference of entropies), so it keeps full relative precision
 * when H(X | Y) ≪ H(X, Y). Units: nats unless `base`. Cost: O(|X|·|Y|).
 *
 * Reference: THEORY.md, App. A.1 (Def. A.2); Cover & Thomas (2006), eq. 2.10.
 *
 * @param pxy - Joint probabilities `pxy[x][y]`: a 2-D table, rows = X (the variable whose
 *   uncertainty is measured), columns = Y (the one conditioned on).
 * @returns H(X|Y) in [0, log |X|].
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * // Y determines X: no uncertainty left.
 * discrete.conditionalEntropy([[0.5, 0], [0, 0.5]]); // 0
 * ```
 * @public
 */
export function conditionalEntropy(pxy: ProbabilityTable, options: DiscreteOptions = {}): number {
  const { data, shape } = toDistribution(pxy, 'pxy', options, 2);
  const ny = shape[1] as number;
  const py = marginal(data, shape, [1]);
  const acc = newSum();
  for (let i = 0; i < data.length; i++) {
    const p = data[i] as number;
    if (p > 0) addTo(acc, -p * Math.log(p / (py[i % ny] as number)));
  }
  return fromNats(clamp(total(acc), 0), options.base);
}
