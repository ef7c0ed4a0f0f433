import { assertSameLength, toLabels } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { type BaseOptions, fromNats } from '../core/units.js';
import { bincount, pairCodes } from './labels.js';
import { clamp } from './shared.js';

/**
 * Plug-in mutual information between two discrete variables from paired samples.
 *
 * `Î(X; Y) = Σ_{x,y} (n_xy / N) · log( N · n_xy / (n_x · n_y) )`, the MI of the empirical joint
 * distribution (the contingency table).
 *
 * Biased upward: for independent variables E Î ≈ (|X| − 1)(|Y| − 1)/(2N) (Paninski 2003), so
 * compare against that floor or use an adjusted score when labels are many and samples few.
 * Clamped at 0. Matches `sklearn.metrics.mutual_info_score`. Units: nats unless `base`.
 * Cost: O(N) time, O(#distinct pairs) memory.
 *
 * @param xLabels - N labels of X (numbers or strings).
 * @param yLabels - N labels of Y, paired with xLabels by position.
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.mutualInformationFromSamples([0, 0, 1, 1], ['a', 'a', 'b', 'b'], { base: 'bits' }); // 1
 * ```
 * @public
 */
export function mutualInformationFromSamples(
  xLabels: ArrayLike<number | string>,
  yLabels: ArrayLike<number | string>,
  options: BaseOptions = {},
): number {
  const x = toLabels(xLabels, 'xLabels');
  const y = toLabels(yLabels, 'yLabels');
  assertSameLength(x.codes, y.codes, 'xLabels', 'yLabels');
  return fromNats(miOfLabels(x, y), options.base);
}

/** Plug-in MI (nats) of validated, equal-length label codes. @internal */
export function miOfLabels(
  x: { codes: Int32Array; nClasses: number },
  y: { codes: Int32Array; nClasses: number },
): number {
  const n = x.codes.length;
  const cx = bincount(x.codes, x.nClasses);
  const cy = bincount(y.codes, y.nClasses);
  const xy = pairCodes(x, y);
  const cxy = bincount(xy.codes, xy.nClasses);
  const acc = newSum();
  for (let c = 0; c < xy.nClasses; c++) {
    const i = xy.first[c] as number;
    const nxy = cxy[c] as number;
    // Integer products are exact below 2^53; one rounding in the division, one in the log.
    const ratio =
      (n * nxy) / ((cx[x.codes[i] as number] as number) * (cy[y.codes[i] as number] as number));
    addTo(acc, (nxy / n) * Math.log(ratio));
  }
  return clamp(total(acc), 0);
}
