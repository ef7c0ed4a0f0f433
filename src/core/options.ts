/** Readers for numeric options, shared by every family: one message format, one error code. */
import { formatValue, InfoboundError } from './errors.js';

/** An integer option ≥ min (INVALID_OPTION otherwise); `fallback` when undefined. @internal */
export function integerOption(v: unknown, name: string, min: number, fallback?: number): number {
  const x = v === undefined ? fallback : v;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is ${formatValue(x)}: expected an integer ≥ ${min}`,
    );
  }
  return x;
}

/** A finite number option > 0 (INVALID_OPTION otherwise); `fallback` when undefined. @internal */
export function positiveOption(v: unknown, name: string, fallback: number): number {
  const x = v === undefined ? fallback : v;
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is ${formatValue(x)}: expected a finite number > 0`,
    );
  }
  return x;
}

/** A finite number option ≥ 0 (INVALID_OPTION otherwise); `fallback` when undefined. @internal */
export function nonNegativeOption(v: unknown, name: string, fallback: number): number {
  const x = v === undefined ? fallback : v;
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is ${formatValue(x)}: expected a finite number ≥ 0`,
    );
  }
  return x;
}
