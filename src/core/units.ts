import { formatValue, InfoboundError } from './errors.js';

/**
 * The unit of an information quantity: `'nats'` (base e, the default), `'bits'` (base 2), or any
 * logarithm base `b > 0`, `b ≠ 1` (for example 10 for hartleys).
 * @public
 */
export type Base = number | 'nats' | 'bits';

/** Options shared by every information quantity. @public */
export interface BaseOptions {
  /** Unit of the result; nats unless given. */
  base?: Base;
}

/**
 * The natural logarithm of a base: the divisor that turns nats into that unit.
 * Throws INVALID_OPTION for a base that is not a positive finite number other than 1.
 * @internal
 */
export function logOfBase(base: Base | undefined, argName = 'base'): number {
  if (base === undefined || base === 'nats') return 1;
  if (base === 'bits') return Math.LN2;
  if (typeof base !== 'number' || !Number.isFinite(base) || base <= 0 || base === 1) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${argName} is ${formatValue(base)}: a base must be 'nats', 'bits' or a finite number > 0 other than 1`,
    );
  }
  // Math.log(Math.E) is exactly 1 in IEEE arithmetic only by luck of rounding; treat e itself as nats.
  return base === Math.E ? 1 : Math.log(base);
}

/** Converts a value in nats to the unit of `base` (exact for nats, one division otherwise). @internal */
export function fromNats(valueNats: number, base: Base | undefined): number {
  const ln = logOfBase(base);
  return ln === 1 ? valueNats : valueNats / ln;
}

/**
 * Converts an information quantity from one unit to another:
 * `value · ln(from) / ln(to)`.
 *
 * @param value - The quantity, in the unit of `from`.
 * @param from - Its unit (`'nats'`, `'bits'` or a base).
 * @param to - The unit wanted.
 * @returns The same quantity in the unit of `to`.
 * @example
 * ```ts
 * import { convertUnits } from 'infobound';
 * convertUnits(1, 'bits', 'nats'); // 0.6931471805599453 (= ln 2)
 * convertUnits(Math.LN2, 'nats', 'bits'); // 1
 * ```
 * @public
 */
export function convertUnits(value: number, from: Base, to: Base): number {
  if (typeof value !== 'number') {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `value is ${formatValue(value)}: expected a number`,
    );
  }
  if (Number.isNaN(value)) {
    throw new InfoboundError(
      'NON_FINITE',
      'value is NaN: expected a number (±Infinity is allowed)',
    );
  }
  const lnFrom = logOfBase(from, 'from');
  const lnTo = logOfBase(to, 'to');
  if (lnFrom === lnTo) return value;
  return (value * lnFrom) / lnTo;
}
