/** Validation of the simulation's options, once, at the boundary. */
export { integerOption, positiveOption } from '../core/options.js';

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
