/** Validation of the simulation's options, once, at the boundary. */
import { formatValue, InfoboundError } from '../core/errors.js';

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

/** Mean and sample standard deviation (divisor n − 1, two-pass) of values (n ≥ 2). @internal */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  let s = 0;
  for (const v of values) s += v;
  const mean = s / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}
