/**
 * The validation helpers and the two formulas every calculator shares (src/bounds/shared.ts):
 * the depth factor η^{L/2} of Lemmas 4.4, 4.6 and 4.8, and the Xu–Raginsky term sqrt(2σ²·I/n).
 * They are internal; the calculators' own tests check that each field goes through the right one.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  count,
  depthFactor,
  info,
  num,
  positive,
  unit,
  xuRaginsky,
} from '../../src/bounds/shared.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;

describe('behaviour: field validation', () => {
  it('num: a finite number, else INVALID_ARGUMENT (missing, wrong type) or NON_FINITE', () => {
    expect(num({ x: -2.5 }, 'x')).toBe(-2.5);
    expectInfoboundError(() => num({}, 'x'), 'INVALID_ARGUMENT', 'x is undefined');
    expectInfoboundError(() => num({ x: '1' }, 'x'), 'INVALID_ARGUMENT', 'x is "1"');
    expectInfoboundError(() => num({ x: null }, 'x'), 'INVALID_ARGUMENT', 'x is null');
    expectInfoboundError(() => num({ x: Number.NaN }, 'x'), 'NON_FINITE', 'x is NaN');
    expectInfoboundError(
      () => num({ x: Number.POSITIVE_INFINITY }, 'x'),
      'NON_FINITE',
      'x is Infinity',
    );
    expectInfoboundError(
      () => num({ x: Number.NEGATIVE_INFINITY }, 'x'),
      'NON_FINITE',
      'x is -Infinity',
    );
    // A missing input object is a missing field, not a TypeError.
    expectInfoboundError(
      () => num(undefined as unknown as Record<string, unknown>, 'x'),
      'INVALID_ARGUMENT',
      'x',
    );
  });

  it('info: an entropy or MI is ≥ 0 (0 allowed)', () => {
    expect(info({ h: 0 }, 'h')).toBe(0);
    expect(info({ h: 1.5 }, 'h')).toBe(1.5);
    expectInfoboundError(() => info({ h: -1e-300 }, 'h'), 'INVALID_ARGUMENT', 'h is -1e-300');
  });

  it('positive: > 0 (0 rejected)', () => {
    expect(positive({ s: 1e-300 }, 's')).toBe(1e-300);
    expectInfoboundError(() => positive({ s: 0 }, 's'), 'INVALID_ARGUMENT', 's is 0');
    expectInfoboundError(() => positive({ s: -1 }, 's'), 'INVALID_ARGUMENT', 's is -1');
  });

  it('count: an integer ≥ 1', () => {
    expect(count({ n: 1 }, 'n')).toBe(1);
    expect(count({ n: 1e6 }, 'n')).toBe(1e6);
    expectInfoboundError(() => count({ n: 0 }, 'n'), 'INVALID_ARGUMENT', 'n is 0');
    expectInfoboundError(() => count({ n: 2.5 }, 'n'), 'INVALID_ARGUMENT', 'n is 2.5');
    expectInfoboundError(() => count({ n: -3 }, 'n'), 'INVALID_ARGUMENT', 'n is -3');
    expectInfoboundError(() => count({ n: Number.NaN }, 'n'), 'NON_FINITE', 'n is NaN');
  });

  it('unit: a total variation distance in [0, 1], both ends included', () => {
    expect(unit({ tv: 0 }, 'tv')).toBe(0);
    expect(unit({ tv: 1 }, 'tv')).toBe(1);
    expectInfoboundError(() => unit({ tv: -0.1 }, 'tv'), 'INVALID_ARGUMENT', 'tv is -0.1');
    expectInfoboundError(
      () => unit({ tv: 1.0000001 }, 'tv'),
      'INVALID_ARGUMENT',
      'tv is 1.0000001',
    );
  });
});

describe('reference: the depth factor exp(−(L/2)·log(1/η)) = η^{L/2}', () => {
  it('is 1 by default (L = 0, η = 1): the bounds reduce to Xu–Raginsky', () => {
    expect(depthFactor({})).toEqual({ layers: 0, eta: 1, factor: 1 });
    // L = 0 makes the factor 1 whatever η is; η = 1 makes it 1 whatever L is.
    expect(depthFactor({ eta: 0.3 }).factor).toBe(1);
    expect(depthFactor({ layers: 7 }).factor).toBe(1);
  });

  it('closed forms: L = 2, η = 0.25 → 0.25; L = 4, η = 0.5 → 0.25; L = 3, η = 0.25 → 0.125', () => {
    // exp(−(2/2)·log 4) = 1/4; exp(−(4/2)·log 2) = 1/4; exp(−(3/2)·log 4) = 4^{−3/2} = 1/8.
    // exp and log each round once (≤ 1 ulp), the product by L/2 is exact: 1e-12 relative is a
    // wide margin over the ~1e-16 error.
    expectClose(depthFactor({ layers: 2, eta: 0.25 }).factor, 0.25, 1e-12);
    expectClose(depthFactor({ layers: 4, eta: 0.5 }).factor, 0.25, 1e-12);
    expectClose(depthFactor({ layers: 3, eta: 0.25 }).factor, 0.125, 1e-12);
  });

  it('reads η from another key when asked (Lemma 4.8 uses etaPrime)', () => {
    expectClose(depthFactor({ layers: 2, etaPrime: 0.25 }, 'etaPrime').factor, 0.25, 1e-12);
    expect(depthFactor({ layers: 2, eta: 0.25 }, 'etaPrime').factor).toBe(1);
  });

  it('property: equals η^{L/2} for every η ∈ (0, 1] and L = 0..50', () => {
    // The exponent x = (L/2)·log(1/η) has |x| ≤ 25·log(1e6) ≈ 345 and an absolute rounding
    // error ≤ ~2 ulps of |x| ≈ 1.5e-13, which exp turns into the same relative error; ** is
    // within an ulp. So 1e-12 relative.
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 50 }),
        (eta, layers) => {
          const { factor } = depthFactor({ layers, eta });
          expectClose(factor, eta ** (layers / 2), 1e-12);
          expect(factor).toBeGreaterThan(0);
          expect(factor).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: NUM_RUNS, seed: 4401 },
    );
  });

  it('rejects η ∉ (0, 1] and L that is not an integer ≥ 0, naming the field', () => {
    expectInfoboundError(() => depthFactor({ eta: 0 }), 'INVALID_ARGUMENT', 'eta is 0');
    expectInfoboundError(() => depthFactor({ eta: -0.5 }), 'INVALID_ARGUMENT', 'eta is -0.5');
    expectInfoboundError(() => depthFactor({ eta: 1.5 }), 'INVALID_ARGUMENT', 'eta is 1.5');
    expectInfoboundError(() => depthFactor({ eta: Number.NaN }), 'NON_FINITE', 'eta is NaN');
    expectInfoboundError(
      () => depthFactor({ etaPrime: 2 }, 'etaPrime'),
      'INVALID_ARGUMENT',
      'etaPrime is 2',
    );
    expectInfoboundError(() => depthFactor({ layers: -1 }), 'INVALID_ARGUMENT', 'layers is -1');
    expectInfoboundError(() => depthFactor({ layers: 1.5 }), 'INVALID_ARGUMENT', 'layers is 1.5');
    expectInfoboundError(
      () => depthFactor({ layers: Number.POSITIVE_INFINITY }),
      'NON_FINITE',
      'layers is Infinity',
    );
  });
});

describe('reference: the Xu–Raginsky term sqrt(2σ²·I/n)', () => {
  it('closed forms: σ = 0.5, I = 2, n = 100 → 0.1; σ = 1, I = 0, n = 1 → 0', () => {
    // 2·0.25·2/100 = 0.01 and sqrt(0.01) = 0.1 (both correctly rounded to the same double).
    expect(xuRaginsky(0.5, 2, 100, 'I')).toBe(0.1);
    expect(xuRaginsky(1, 0, 1, 'I')).toBe(0);
  });

  it('extreme σ and I: the representable bound, not Infinity or 0 (regression)', () => {
    // σ²·I was formed before the square root: Infinity for σ = I = 1e150, 0 for 1e-150, NaN for
    // I = 0 with σ²  = Infinity. Now σ·(√2·√I/√n) there: four roundings, so 1e-15 relative.
    expectClose(xuRaginsky(1e150, 1e150, 1, 'I'), Math.SQRT2 * 1e225, 1e-15, 0);
    expectClose(xuRaginsky(1e-150, 1e-150, 1, 'I'), Math.SQRT2 * 1e-225, 1e-15, 0);
    expectClose(xuRaginsky(1e200, 1e-100, 4, 'I'), (Math.SQRT2 * 1e150) / 2, 1e-15, 0);
    expectClose(xuRaginsky(1e-300, 1e300, 2, 'I'), 1e-150, 1e-15, 0);
    expect(xuRaginsky(1e200, 0, 1, 'I')).toBe(0);
    // Beyond the doubles the bound itself is Infinity (σ·√(2I) ≈ 1.4e304·1.3e154).
    expect(xuRaginsky(1e304, 1e308, 1, 'I')).toBe(Number.POSITIVE_INFINITY);
  });

  it('ordinary scales keep the bits of √(2σ²·I/n)', () => {
    // Wherever 2σ², 2σ²·I and their quotient by n are normal doubles the old expression is used.
    fc.assert(
      fc.property(
        fc.double({ min: 1e-50, max: 1e50, noNaN: true }),
        fc.double({ min: 1e-50, max: 1e50, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        (sigma, info, n) => {
          expect(xuRaginsky(sigma, info, n, 'I')).toBe(Math.sqrt((2 * sigma * sigma * info) / n));
        },
      ),
      { seed: 44, numRuns: 500 },
    );
  });

  it('refuses a negative information term (it would be NaN), naming what it was', () => {
    expectInfoboundError(
      () => xuRaginsky(1, -0.25, 10, 'the bracket'),
      'INVALID_ARGUMENT',
      'the bracket is -0.25',
    );
  });
});
