import { type ProbabilityTable, toDistribution } from '../core/input.js';
import { fromNats } from '../core/units.js';
import { entropyOfNormalized } from './entropy.js';
import type { DiscreteOptions } from './shared.js';

/**
 * Joint entropy of a probability table over two or more variables.
 *
 * `H(X, Y, …) = −Σ p(x, y, …) · log p(x, y, …)`.
 *
 * The table is nested arrays (first index = first variable) or an ml-matrix `Matrix`; any number
 * of dimensions. Units: nats unless `base`. Cost: O(size).
 *
 * Reference: THEORY.md, App. A.1; Cover & Thomas (2006), eq. 2.8.
 *
 * @param pxy - Joint probabilities `pxy[x][y]…`.
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.jointEntropy([[0.25, 0.25], [0.25, 0.25]], { base: 'bits' }); // 2
 * ```
 * @public
 */
export function jointEntropy(pxy: ProbabilityTable, options: DiscreteOptions = {}): number {
  const { data } = toDistribution(pxy, 'pxy', options);
  return fromNats(entropyOfNormalized(data), options.base);
}
