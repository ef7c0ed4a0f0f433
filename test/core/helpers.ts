/**
 * Assertions shared by the tests of src/core: error shape, closeness with a stated tolerance,
 * exact (BigInt) sums of doubles, and the sample moments the random-source tests need.
 */
import { expect } from 'vitest';
import { InfoboundError, type InfoboundErrorCode } from '../../src/core/errors.js';

/** Machine epsilon, 2^-52: the gap between 1 and the next double. */
export const EPS = Number.EPSILON;

/**
 * Runs `fn`, expects it to throw an InfoboundError with `code`, and (when given) a message that
 * contains every string in `message` (or matches the RegExp). Returns the error for further checks.
 */
export function expectInfoboundError(
  fn: () => unknown,
  code: InfoboundErrorCode,
  message?: string | RegExp | readonly string[],
): InfoboundError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected the call to throw').toBeInstanceOf(InfoboundError);
  const err = caught as InfoboundError;
  expect(err.code, err.message).toBe(code);
  if (typeof message === 'string') expect(err.message).toContain(message);
  else if (message instanceof RegExp) expect(err.message).toMatch(message);
  else if (message !== undefined) for (const m of message) expect(err.message).toContain(m);
  return err;
}

/**
 * Expects |actual − expected| ≤ max(rel·|expected|, abs). The caller states why `rel` and `abs`
 * are what they are.
 */
export function expectClose(
  actual: number,
  expected: number,
  rel: number,
  abs = 0,
  label = '',
): void {
  const tol = Math.max(rel * Math.abs(expected), abs);
  const err = Math.abs(actual - expected);
  if (!(err <= tol)) {
    expect.fail(
      `${label ? `${label}: ` : ''}expected ${actual} to be within ${tol} of ${expected} (error ${err}, ${(err / Math.abs(expected)).toExponential(2)} relative)`,
    );
  }
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** The exact value of a finite double as an integer multiple of 2^-1074. */
export function toScaledBigInt(x: number): bigint {
  if (!Number.isFinite(x)) throw new Error(`${x} is not finite`);
  F64[0] = x;
  const bits = U64[0] as bigint;
  const sign = bits >> 63n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  // Subnormals: frac · 2^-1074; normals: (2^52 + frac) · 2^(exp − 1075) = … · 2^(exp − 1) · 2^-1074.
  const mant = exp === 0 ? frac : frac | (1n << 52n);
  const shift = exp === 0 ? 0n : BigInt(exp - 1);
  return sign * (mant << shift);
}

/** The double nearest (ties to even) to N · 2^-1074. */
export function scaledBigIntToNumber(n: bigint): number {
  if (n === 0n) return 0;
  const sign = n < 0n ? -1 : 1;
  let a = n < 0n ? -n : n;
  const bitLength = a.toString(2).length;
  // A double keeps 53 significant bits, fewer in the subnormal range (where the scale 2^-1074 is
  // already the last bit).
  let shift = Math.max(0, bitLength - 53);
  if (shift > 0) {
    const sh = BigInt(shift);
    const q = a >> sh;
    const rem = a - (q << sh);
    const half = 1n << (sh - 1n);
    a = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
  } else shift = 0;
  // Number(a) ≤ 2^53 is exact; scaling by a power of two is exact unless it overflows.
  let e = shift - 1074;
  let v = Number(a);
  while (e > 0) {
    const step = Math.min(e, 1000);
    v *= 2 ** step;
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -1000);
    v *= 2 ** step;
    e -= step;
  }
  return sign * v;
}

/** The correctly rounded sum of doubles, computed exactly with BigInt. */
export function exactSum(values: ArrayLike<number>): number {
  let acc = 0n;
  for (let i = 0; i < values.length; i++) acc += toScaledBigInt(values[i] as number);
  return scaledBigIntToNumber(acc);
}

/** Sample mean, variance (divisor n), and skewness of `x`. */
export function moments(x: ArrayLike<number>): { mean: number; variance: number; skew: number } {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i] as number;
  m /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = (x[i] as number) - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return { mean: m, variance: m2, skew: m3 / m2 ** 1.5 };
}

/**
 * The standard normal CDF, Φ(z) = erfc(−z/√2)/2, with Numerical Recipes' Chebyshev `erfcc`
 * (fractional error below 1.2e-7 everywhere): ample for a Kolmogorov–Smirnov statistic whose
 * critical value is of order 1e-2.
 */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const erfcAbs =
    t *
    Math.exp(
      -ax * ax -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? erfcAbs : 2 - erfcAbs;
  return 0.5 * erfc;
}
