import { formatValue, InfoboundError } from '../core/errors.js';
import type { SampleInput } from '../core/input.js';
import { cholesky, logDetFromCholesky, subMatrix, toCovariance } from '../core/linalg.js';
import { type BaseOptions, fromNats } from '../core/units.js';

/** Reads an index set (a number or an array of numbers) into [0, d). @internal */
export function readIndices(idx: unknown, d: number, name: string): number[] {
  const arr = typeof idx === 'number' ? [idx] : idx;
  if (!Array.isArray(arr) && !ArrayBuffer.isView(arr)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${name} is ${formatValue(idx)}: expected an index or an array of indices`,
    );
  }
  const list = Array.from(arr as ArrayLike<unknown>);
  if (list.length === 0) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} is empty: a variable needs at least one coordinate`,
    );
  }
  const seen = new Set<number>();
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= d) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `${name}[${i}] is ${formatValue(v)}: indices must be integers in [0, ${d})`,
      );
    }
    if (seen.has(v)) {
      throw new InfoboundError('INVALID_ARGUMENT', `${name}[${i}] repeats index ${v}`);
    }
    seen.add(v);
  });
  return list as number[];
}

/**
 * Mutual information between two groups of coordinates of a multivariate normal vector.
 *
 * `I(X; Y) = ½ [ log det Σ_XX + log det Σ_YY − log det Σ_(X,Y) ]`, Σ_(X,Y) the covariance of
 * the coordinates `xIdx ∪ yIdx`. For one coordinate each: `−½ log(1 − ρ²)`.
 *
 * Units: nats unless `base`. Cost: O((d_x + d_y)³).
 *
 * Reference: Cover & Thomas (2006), Example 8.5.1.
 *
 * @param cov - Covariance of the whole vector (d × d, symmetric positive definite on the coordinates used).
 * @param xIdx - Coordinates of X: an index or an array of indices.
 * @param yIdx - Coordinates of Y, disjoint from xIdx.
 * @example
 * ```ts
 * import { gaussian } from 'infobound';
 * gaussian.mutualInformation([[1, 0.8], [0.8, 1]], 0, 1); // 0.5108256237659909 (= −½ log(1 − 0.64))
 * ```
 * @public
 */
export function mutualInformation(
  cov: SampleInput,
  xIdx: number | readonly number[],
  yIdx: number | readonly number[],
  options: BaseOptions = {},
): number {
  const c = toCovariance(cov, 'cov');
  const xs = readIndices(xIdx, c.d, 'xIdx');
  const ys = readIndices(yIdx, c.d, 'yIdx');
  const overlap = xs.find((i) => ys.includes(i));
  if (overlap !== undefined) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `xIdx and yIdx share index ${overlap}: they must be disjoint`,
    );
  }
  return fromNats(miFromCovariance(c.data, c.d, xs, ys), options.base);
}

/** Gaussian MI in nats from a validated covariance and disjoint index sets. @internal */
export function miFromCovariance(a: Float64Array, d: number, xs: number[], ys: number[]): number {
  const both = [...xs, ...ys];
  const logDet = (idx: number[], name: string) =>
    logDetFromCholesky(cholesky(subMatrix(a, d, idx), idx.length, name), idx.length);
  const mi =
    0.5 *
    (logDet(xs, 'cov[xIdx, xIdx]') +
      logDet(ys, 'cov[yIdx, yIdx]') -
      logDet(both, 'cov[xIdx ∪ yIdx]'));
  return Math.max(0, mi);
}
