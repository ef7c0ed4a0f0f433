/** Validation of the simulation's options, once, at the boundary. */
export { integerOption, positiveOption } from '../core/options.js';

/**
 * A power of two that brings the largest |v| near 1 when it is beyond 1e±150, else 1: squares of
 * such values would overflow or underflow. Multiplying by a power of two is exact. @internal
 */
export function safeScale(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] as number));
  if (!(m > 1e150 || (m > 0 && m < 1e-150)) || !Number.isFinite(m)) return 1;
  return 2 ** -Math.floor(Math.log2(m));
}

/**
 * Mean and sample standard deviation (divisor n − 1, two-pass) of values (n ≥ 2). Values beyond
 * 1e±150 are scaled by a power of two first, so the squares never overflow: finite values always
 * give a finite std. @internal
 */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  const c = safeScale(values);
  let s = 0;
  for (const v of values) s += v * c;
  const mean = s / n;
  let ss = 0;
  for (const v of values) ss += (v * c - mean) ** 2;
  return { mean: mean / c, std: Math.sqrt(ss / (n - 1)) / c };
}
