/** Helpers shared by the discrete estimators (not public). */
import { InfoboundError } from '../core/errors.js';
import {
  type DistributionOptions,
  type ProbabilityTable,
  type Table,
  toDistribution,
} from '../core/input.js';
import type { BaseOptions } from '../core/units.js';

/** Options of every discrete measure that takes probability tables. @public */
export interface DiscreteOptions extends BaseOptions, DistributionOptions {}

/** Options of the discrete measures that carry no unit (total variation). @public */
export type DistributionPairOptions = DistributionOptions;

/**
 * Validates two distributions over the same outcomes (any table shape, equal shapes).
 * @internal
 */
export function distributionPair(
  p: ProbabilityTable,
  q: ProbabilityTable,
  options: DistributionOptions,
): [Float64Array, Float64Array] {
  const a: Table = toDistribution(p, 'p', options);
  const b: Table = toDistribution(q, 'q', options);
  const same = a.shape.length === b.shape.length && a.shape.every((s, i) => s === b.shape[i]);
  if (!same) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `p has shape [${a.shape.join(', ')}] but q has shape [${b.shape.join(', ')}]: both must be over the same outcomes`,
    );
  }
  return [a.data, b.data];
}

/**
 * Clamps a computed value into the exact range of the quantity. Sums of rounded terms can land an
 * ulp outside it (an MI of −1e-17 for an independent table); the true value cannot.
 * @internal
 */
export function clamp(value: number, lo: number, hi = Number.POSITIVE_INFINITY): number {
  return value < lo ? lo : value > hi ? hi : value;
}

/**
 * Marginal of a row-major table over the axes in `keep` (in order), as a flat row-major table.
 * @internal
 */
export function marginal(
  data: Float64Array,
  shape: readonly number[],
  keep: readonly number[],
): Float64Array {
  const outShape = keep.map((a) => shape[a] as number);
  const out = new Float64Array(outShape.reduce((x, y) => x * y, 1));
  const rank = shape.length;
  const idx = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < data.length; flat++) {
    let o = 0;
    for (let k = 0; k < keep.length; k++)
      o = o * (outShape[k] as number) + (idx[keep[k] as number] as number);
    out[o] = (out[o] as number) + (data[flat] as number);
    // Advance the multi-index in row-major order.
    for (let a = rank - 1; a >= 0; a--) {
      idx[a] = (idx[a] as number) + 1;
      if ((idx[a] as number) < (shape[a] as number)) break;
      idx[a] = 0;
    }
  }
  return out;
}
