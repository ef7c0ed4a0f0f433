import { type ProbabilityTable, toDistribution } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { fromNats } from '../core/units.js';
import { clamp, type DiscreteOptions, marginal } from './shared.js';

/**
 * Conditional mutual information I(X; Y | Z) of a joint table `pxyz[x][y][z]`.
 *
 * `I(X; Y | Z) = Σ p(x, y, z) · log( p(z) p(x, y, z) / (p(x, z) p(y, z)) )
 *              = H(X, Z) + H(Y, Z) − H(X, Y, Z) − H(Z)`.
 *
 * Zero exactly when X and Y are independent given Z (X → Z → Y is a Markov chain). Computed term
 * by term and clamped at 0. Units: nats unless `base`. Cost: O(|X|·|Y|·|Z|).
 *
 * Reference: Cover & Thomas (2006), eq. 2.60; the chain rule I(X; Y, Z) = I(X; Z) + I(X; Y | Z).
 *
 * @param pxyz - Joint probabilities `pxyz[x][y][z]` (3-D table).
 * @returns I(X;Y|Z) ≥ 0.
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * // X, Y independent fair bits, Z = X xor Y: independent, yet fully dependent given Z.
 * const p = [[[0.25, 0], [0, 0.25]], [[0, 0.25], [0.25, 0]]];
 * discrete.conditionalMutualInformation(p, { base: 'bits' }); // 1
 * ```
 * @public
 */
export function conditionalMutualInformation(
  pxyz: ProbabilityTable,
  options: DiscreteOptions = {},
): number {
  const { data, shape } = toDistribution(pxyz, 'pxyz', options, 3);
  const ny = shape[1] as number;
  const nz = shape[2] as number;
  const pz = marginal(data, shape, [2]);
  const pxz = marginal(data, shape, [0, 2]);
  const pyz = marginal(data, shape, [1, 2]);
  const acc = newSum();
  for (let i = 0; i < data.length; i++) {
    const p = data[i] as number;
    if (p > 0) {
      const z = i % nz;
      const y = Math.floor(i / nz) % ny;
      const x = Math.floor(i / (ny * nz));
      // p(x,y,z)/p(x,z) ≤ 1 cannot overflow; p(z)/p(y,z) ≥ 1 can, when p(y,z) is subnormal, and
      // then the logs are taken apart.
      const a = p / (pxz[x * nz + z] as number);
      const pzz = pz[z] as number;
      const b = pyz[y * nz + z] as number;
      const ratio = a * (pzz / b);
      addTo(
        acc,
        p * (Number.isFinite(ratio) ? Math.log(ratio) : Math.log(a) + Math.log(pzz) - Math.log(b)),
      );
    }
  }
  return fromNats(clamp(total(acc), 0), options.base);
}
