import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addTo, logSumExp, newSum, relEntr, sum, total, xlogx } from '../../src/core/numerics.js';
import { EPS, exactSum, expectClose, scaledBigIntToNumber, toScaledBigInt } from './helpers.js';

/** Unit roundoff u = ε/2: the largest relative error of one correctly rounded operation. */
const U = EPS / 2;

function naiveSum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

function runningSum(values: ArrayLike<number>): number {
  const acc = newSum();
  for (let i = 0; i < values.length; i++) addTo(acc, values[i] as number);
  return total(acc);
}

describe('exact-sum helper (self-check)', () => {
  it('rounds BigInt sums of doubles correctly', () => {
    expect(exactSum([0.1, 0.2])).toBe(0.1 + 0.2);
    expect(exactSum([1, 1e100, 1, -1e100])).toBe(2);
    expect(exactSum([Number.MIN_VALUE, Number.MIN_VALUE])).toBe(2 * Number.MIN_VALUE);
    expect(exactSum([Number.MAX_VALUE, -1])).toBe(Number.MAX_VALUE);
    // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: to even, 1. One more 2^-105 breaks it upward.
    expect(exactSum([1, 2 ** -53])).toBe(1);
    expect(exactSum([1, 2 ** -53, 2 ** -105])).toBe(1 + EPS);
    expect(scaledBigIntToNumber(toScaledBigInt(-0.3))).toBe(-0.3);
  });
});

describe('sum (reference: exact rational arithmetic)', () => {
  it('is exact on classic cancellation cases where naive summation fails', () => {
    const cases: [number[], number][] = [
      [[1, 1e100, 1, -1e100], 2],
      [[1e16, 1, -1e16], 1],
      [[1, 1e16, -1e16, -0.5], 0.5],
      [[2 ** 53, 1, 1, -(2 ** 53)], 2],
      [[1e300, 3, -1e300, 1e-300], 3],
    ];
    for (const [values, expected] of cases) {
      expect(sum(values), `sum(${values})`).toBe(expected);
      expect(runningSum(values), `running sum(${values})`).toBe(expected);
      expect(exactSum(values)).toBe(expected);
    }
    // The cases do discriminate: naive left-to-right summation gets the first one wrong.
    expect(naiveSum([1, 1e100, 1, -1e100])).toBe(0);
  });

  it('sums 10^6 terms of 0.1 to the correctly rounded exact result', () => {
    const n = 1_000_000;
    const values = new Float64Array(n).fill(0.1);
    // The double 0.1 is 3602879701896397 · 2^-55; 10^6 of them is 100000.0000000000055…, which
    // rounds to 100000 (the ulp there is 1.5e-11).
    const exact = scaledBigIntToNumber(toScaledBigInt(0.1) * BigInt(n));
    expect(exact).toBe(100000);
    expect(sum(values)).toBe(exact);
    expect(runningSum(values)).toBe(exact);
    // Naive summation drifts by about 1.3e-6: far outside one rounding.
    expect(Math.abs(naiveSum(values) - exact)).toBeGreaterThan(1e-7);
  });

  it('is within Neumaier’s error bound of the exact sum (property)', () => {
    // Neumaier's algorithm recovers every addition's rounding error exactly; only summing those
    // errors (each ≤ u·Σ|x|, n of them, accumulated with n roundings) and the final s + c
    // rounding are inexact: |ŝ − S| ≤ u·|S| + n²u²·Σ|x|. We test 2u·|S| + 2n²u²·Σ|x|.
    const big = fc.double({ min: -1e30, max: 1e30, noNaN: true });
    const small = fc.double({ min: -1, max: 1, noNaN: true });
    const values = fc
      .tuple(fc.array(big, { maxLength: 20 }), fc.array(small, { maxLength: 20 }))
      .chain(([b, s]) =>
        // Add the negatives of the big terms so that most of the sum cancels.
        fc.shuffledSubarray([...b, ...b.map((v) => -v), ...s], {
          minLength: b.length * 2 + s.length,
        }),
      );
    fc.assert(
      fc.property(values, (xs) => {
        const exact = exactSum(xs);
        const n = xs.length;
        const abs = naiveSum(xs.map(Math.abs));
        const bound = 2 * U * Math.abs(exact) + 2 * n * n * U * U * abs;
        expect(Math.abs(sum(xs) - exact)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 300 },
    );
  });

  it('returns 0 for an empty input', () => {
    expect(sum([])).toBe(0);
    expect(total(newSum())).toBe(0);
  });

  it('propagates ±Infinity and overflow as naive summation does', () => {
    // Finite terms whose sum overflows, and infinite terms, must give ±Infinity, not NaN (as
    // Python's math.fsum returns inf for [inf] and NumPy's sum gives inf for [1e308, 1e308]).
    const inf = Number.POSITIVE_INFINITY;
    const cases: [number[], number][] = [
      [[inf], inf],
      [[1, inf], inf],
      [[inf, 1], inf],
      [[-inf, 2], -inf],
      [[1e308, 1e308], inf],
      [[-1e308, -1e308], -inf],
    ];
    for (const [values, expected] of cases) {
      expect(naiveSum(values)).toBe(expected);
      expect(sum(values), `sum([${values}])`).toBe(expected);
      expect(runningSum(values), `running sum([${values}])`).toBe(expected);
    }
    expect(sum([inf, -inf])).toBeNaN();
  });
});

describe('newSum / addTo / total (behaviour)', () => {
  it('equals sum bit for bit (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true }), { maxLength: 50 }),
        (xs) => {
          expect(runningSum(xs)).toBe(sum(xs));
        },
      ),
    );
  });
});

describe('logSumExp (behaviour)', () => {
  it('is stable for large and small inputs where the naive formula over- or underflows', () => {
    expect(logSumExp([1000, 1000])).toBe(1000 + Math.LN2);
    expect(logSumExp([-1000, -1000])).toBe(-1000 + Math.LN2);
    expect(logSumExp([1e308, 1e308])).toBe(1e308);
    expect(Math.log(Math.exp(1000) + Math.exp(1000))).toBe(Number.POSITIVE_INFINITY);
    expect(Math.log(Math.exp(-1000) + Math.exp(-1000))).toBe(Number.NEGATIVE_INFINITY);
    // exp(-800 − 0) underflows to 0 inside the sum; the true answer, log(1 + e^-800), is 0 to
    // double precision.
    expect(logSumExp([0, -800])).toBe(0);
    expect(logSumExp([-800, 0])).toBe(0);
    // 10^5 equal terms: the compensated inner sum is exactly 10^5, so one log and one addition.
    expectClose(logSumExp(new Float64Array(100_000).fill(-5)), -5 + Math.log(1e5), 2 * EPS);
  });

  it('handles -Infinity and +Infinity entries and the empty input', () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(logSumExp([])).toBe(-inf);
    expect(logSumExp([-inf, -inf])).toBe(-inf);
    expect(logSumExp([-inf, 0])).toBe(0);
    expect(logSumExp([-inf, Math.log(0.25), Math.log(0.75)])).toBeCloseTo(0, 15);
    expect(logSumExp([1, inf])).toBe(inf);
    expect(logSumExp([inf, -inf])).toBe(inf);
  });

  it('agrees with log Σ exp where that is safe (property)', () => {
    // On [-30, 30] the naive formula is accurate: Σ exp has relative error ≤ n·u, so its log has
    // absolute error ≤ n·u + u·|result|; logSumExp is better. Allow (n + 4)·ε·max(1, |result|).
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const naive = Math.log(naiveSum(xs.map(Math.exp)));
          const tol = (xs.length + 4) * EPS * Math.max(1, Math.abs(naive));
          expect(Math.abs(logSumExp(xs) - naive)).toBeLessThanOrEqual(tol);
        },
      ),
    );
  });

  it('lies between max and max + log n, and shifts with its input (property)', () => {
    // Values on a grid of 1/8 and integer shifts c keep v + c exact, so the shift changes only
    // the final addition max + log(total): within 2u of the result's magnitude.
    const grid = fc.integer({ min: -8000, max: 8000 }).map((k) => k / 8);
    fc.assert(
      fc.property(
        fc.array(grid, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: -500, max: 500 }),
        (xs, c) => {
          const m = Math.max(...xs);
          const l = logSumExp(xs);
          expect(l).toBeGreaterThanOrEqual(m);
          expect(l).toBeLessThanOrEqual(m + Math.log(xs.length) + 4 * EPS * Math.max(1, m));
          const shifted = logSumExp(xs.map((v) => v + c));
          expect(Math.abs(shifted - (l + c))).toBeLessThanOrEqual(
            2 * EPS * (Math.abs(m) + Math.abs(c) + Math.log(xs.length) + 1),
          );
        },
      ),
    );
  });
});

describe('xlogx (behaviour)', () => {
  it('follows 0 · log 0 = 0 and matches x · log x elsewhere', () => {
    expect(Object.is(xlogx(0), 0)).toBe(true);
    expect(xlogx(1)).toBe(0);
    expect(xlogx(Math.E)).toBe(Math.E);
    expect(xlogx(0.5)).toBe(-0.5 * Math.LN2);
    expect(xlogx(2)).toBe(2 * Math.LN2);
    // Tends to 0 from below as x → 0, and stays finite at the smallest subnormal.
    expect(xlogx(1e-300)).toBeLessThan(0);
    expect(xlogx(1e-300)).toBeGreaterThan(-1e-297);
    expect(Number.isFinite(xlogx(Number.MIN_VALUE))).toBe(true);
  });
});

describe('relEntr (behaviour)', () => {
  it('follows the relative-entropy conventions of scipy.special.rel_entr', () => {
    expect(relEntr(0, 0)).toBe(0);
    expect(relEntr(0, 0.3)).toBe(0);
    expect(relEntr(0.3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(relEntr(0.4, 0.4)).toBe(0);
    expect(relEntr(2, 1)).toBe(2 * Math.LN2);
    expect(relEntr(1, 2)).toBe(-Math.LN2);
  });

  it('is at least x − y (property: log t ≥ 1 − 1/t)', () => {
    // Pointwise Gibbs inequality; the computed value carries a few roundings of |x · log(x/y)|.
    const p = fc.double({ min: 1e-300, max: 1, noNaN: true });
    fc.assert(
      fc.property(p, p, (x, y) => {
        const r = relEntr(x, y);
        expect(r).toBeGreaterThanOrEqual(x - y - 4 * EPS * (Math.abs(r) + x + y));
      }),
    );
  });
});
