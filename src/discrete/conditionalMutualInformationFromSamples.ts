import { assertSameLength, toLabels } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { type BaseOptions, fromNats } from '../core/units.js';
import { bincount, pairCodes } from './labels.js';
import { clamp } from './shared.js';

/**
 * Plug-in conditional mutual information I(X; Y | Z) from paired samples of three discrete
 * variables.
 *
 * `Î(X; Y | Z) = Σ_{x,y,z} (n_xyz / N) · log( n_z · n_xyz / (n_xz · n_yz) )`, the CMI of the
 * empirical joint distribution.
 *
 * Biased upward like the plug-in MI (by about |Z|(|X| − 1)(|Y| − 1)/(2N) under conditional
 * independence). Clamped at 0. Units: nats unless `base`. Cost: O(N).
 *
 * Reference: Cover & Thomas (2006), eq. 2.60.
 *
 * @param xLabels - N labels of X.
 * @param yLabels - N labels of Y.
 * @param zLabels - N labels of Z, the conditioning variable.
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * const x = [0, 0, 1, 1], y = [0, 1, 0, 1];
 * const z = x.map((xi, i) => xi ^ y[i]);
 * discrete.conditionalMutualInformationFromSamples(x, y, z, { base: 'bits' }); // 1
 * ```
 * @public
 */
export function conditionalMutualInformationFromSamples(
  xLabels: ArrayLike<number | string>,
  yLabels: ArrayLike<number | string>,
  zLabels: ArrayLike<number | string>,
  options: BaseOptions = {},
): number {
  const x = toLabels(xLabels, 'xLabels');
  const y = toLabels(yLabels, 'yLabels');
  const z = toLabels(zLabels, 'zLabels');
  assertSameLength(x.codes, y.codes, 'xLabels', 'yLabels');
  assertSameLength(x.codes, z.codes, 'xLabels', 'zLabels');
  const xz = pairCodes(x, z);
  const yz = pairCodes(y, z);
  const xyz = pairCodes(xz, y);
  const cz = bincount(z.codes, z.nClasses);
  const cxz = bincount(xz.codes, xz.nClasses);
  const cyz = bincount(yz.codes, yz.nClasses);
  const cxyz = bincount(xyz.codes, xyz.nClasses);
  const n = x.codes.length;
  const acc = newSum();
  for (let c = 0; c < xyz.nClasses; c++) {
    const i = xyz.first[c] as number;
    const nxyz = cxyz[c] as number;
    const ratio =
      ((cz[z.codes[i] as number] as number) * nxyz) /
      ((cxz[xz.codes[i] as number] as number) * (cyz[yz.codes[i] as number] as number));
    addTo(acc, (nxyz / n) * Math.log(ratio));
  }
  return fromNats(clamp(total(acc), 0), options.base);
}
