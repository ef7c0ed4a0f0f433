import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  assertSameLength,
  checkDistribution,
  DEFAULT_SUM_TOLERANCE,
  oneOf,
  toDistribution,
  toLabels,
  toSamples,
} from '../../src/core/input.js';
import { sum } from '../../src/core/numerics.js';
import { pmf, probabilityTable } from '../../src/testing/arbitraries.js';
import { EPS, expectInfoboundError } from './helpers.js';

describe('toSamples (behaviour)', () => {
  const rows = [
    [1, 2],
    [3, 4],
    [5, 6],
  ];
  const expected = Float64Array.of(1, 2, 3, 4, 5, 6);

  it('reads number[][] row-major with the right shape', () => {
    const s = toSamples(rows, 'X');
    expect(s.n).toBe(3);
    expect(s.d).toBe(2);
    expect(s.data).toBeInstanceOf(Float64Array);
    expect(s.data).toEqual(expected);
  });

  it('reads an ml-matrix Matrix the same way', () => {
    const s = toSamples(new Matrix(rows), 'X');
    expect([s.n, s.d]).toEqual([3, 2]);
    expect(s.data).toEqual(expected);
  });

  it('reads an array of Float64Array rows the same way', () => {
    const s = toSamples(
      rows.map((r) => Float64Array.from(r)),
      'X',
    );
    expect([s.n, s.d]).toEqual([3, 2]);
    expect(s.data).toEqual(expected);
  });

  it('reads a 1-D number[] or Float64Array as one column', () => {
    for (const x of [[1, 2, 3], Float64Array.of(1, 2, 3)]) {
      const s = toSamples(x, 'x');
      expect([s.n, s.d]).toEqual([3, 1]);
      expect(s.data).toEqual(Float64Array.of(1, 2, 3));
    }
  });

  it('gives identical data for every accepted form of the same matrix (property)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }))
      .chain(([n, d]) =>
        fc.array(fc.array(finite, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      );
    fc.assert(
      fc.property(matrix, (m) => {
        const a = toSamples(m, 'X');
        const b = toSamples(new Matrix(m), 'X');
        const c = toSamples(
          m.map((r) => Float64Array.from(r)),
          'X',
        );
        expect([a.n, a.d]).toEqual([m.length, m[0]!.length]);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        // Row-major: X[i][j] at i·d + j, bit for bit (toEqual tells -0 from 0).
        for (let i = 0; i < a.n; i++) {
          for (let j = 0; j < a.d; j++) expect(a.data[i * a.d + j]).toBe(m[i]![j]);
        }
      }),
    );
  });

  it('copies: later changes to the input do not reach the result', () => {
    const x = [
      [1, 2],
      [3, 4],
    ];
    const s = toSamples(x, 'X');
    x[0]![0] = 99;
    expect(s.data[0]).toBe(1);
  });

  it('rejects ragged rows with SHAPE_MISMATCH naming the row', () => {
    expectInfoboundError(() => toSamples([[1, 2], [3, 4], [5]], 'X'), 'SHAPE_MISMATCH', [
      'X[2]',
      'has 1 values',
      'X[0] has 2',
    ]);
    expectInfoboundError(() => toSamples([[1, 2], 3], 'X'), 'SHAPE_MISMATCH', 'X[1] is 3');
    expectInfoboundError(() => toSamples([[1, 2], 'ab'], 'X'), 'SHAPE_MISMATCH', 'X[1] is "ab"');
  });

  it('rejects NaN and ±Infinity with NON_FINITE naming the cell', () => {
    expectInfoboundError(
      () =>
        toSamples(
          [
            [1, 2],
            [3, 4],
            [5, Number.NaN],
          ],
          'X',
        ),
      'NON_FINITE',
      'X[2][1] is NaN',
    );
    expectInfoboundError(
      () => toSamples([[Number.POSITIVE_INFINITY]], 'X'),
      'NON_FINITE',
      'X[0][0] is Infinity',
    );
    expectInfoboundError(
      () => toSamples([1, 2, Number.NEGATIVE_INFINITY], 'x'),
      'NON_FINITE',
      'x[2] is -Infinity',
    );
    expectInfoboundError(
      () =>
        toSamples(
          new Matrix([
            [1, 2],
            [Number.NaN, 4],
          ]),
          'X',
        ),
      'NON_FINITE',
      'X[1][0] is NaN',
    );
    expectInfoboundError(
      () => toSamples([Float64Array.of(1, Number.NaN)], 'X'),
      'NON_FINITE',
      'X[0][1] is NaN',
    );
  });

  it('rejects values that are not numbers with INVALID_ARGUMENT', () => {
    expectInfoboundError(() => toSamples([[1, '2']], 'X'), 'INVALID_ARGUMENT', 'X[0][1] is "2"');
    expectInfoboundError(() => toSamples([1, null], 'x'), 'INVALID_ARGUMENT', 'x[1] is null');
    expectInfoboundError(() => toSamples([[true]], 'X'), 'INVALID_ARGUMENT', 'X[0][0] is');
    expectInfoboundError(() => toSamples(['a', 'b'], 'x'), 'INVALID_ARGUMENT', 'x[0] is "a"');
    const badMatrix = { rows: 1, columns: 1, get: () => '1' };
    expectInfoboundError(() => toSamples(badMatrix, 'X'), 'INVALID_ARGUMENT', 'X[0][0] is "1"');
    for (const x of [42, 'abc', null, undefined, {}]) {
      expectInfoboundError(() => toSamples(x, 'X'), 'INVALID_ARGUMENT', 'X is');
    }
  });

  it('rejects too few rows with TOO_FEW_SAMPLES', () => {
    expectInfoboundError(() => toSamples([], 'X'), 'TOO_FEW_SAMPLES', 'X has 0 rows');
    expectInfoboundError(() => toSamples([[1], [2]], 'X', 3), 'TOO_FEW_SAMPLES', [
      'X has 2 rows',
      'at least 3',
    ]);
    expect(toSamples([[1], [2], [3]], 'X', 3).n).toBe(3);
  });

  it('rejects rows of zero columns with SHAPE_MISMATCH', () => {
    expectInfoboundError(() => toSamples([[], []], 'X'), 'SHAPE_MISMATCH', 'length 0');
    expectInfoboundError(
      () => toSamples({ rows: 2, columns: 0, get: () => 0 }, 'X'),
      'SHAPE_MISMATCH',
      'length 0',
    );
  });
});

describe('toDistribution (behaviour)', () => {
  it('reads nested tables of depth 1, 2 and 3 row-major with their shape', () => {
    const v = toDistribution([0.2, 0.3, 0.5], 'p');
    expect(v.shape).toEqual([3]);
    expect(v.data).toEqual(Float64Array.of(0.2, 0.3, 0.5));

    const m = toDistribution(
      [
        [0.1, 0.2, 0.05],
        [0.3, 0.25, 0.1],
      ],
      'p',
    );
    expect(m.shape).toEqual([2, 3]);
    expectArrayClose(m.data, [0.1, 0.2, 0.05, 0.3, 0.25, 0.1]);

    const t = toDistribution(
      [
        [
          [0.05, 0.1],
          [0.15, 0.2],
        ],
        [
          [0.01, 0.09],
          [0.3, 0.1],
        ],
      ],
      'p',
    );
    expect(t.shape).toEqual([2, 2, 2]);
    expectArrayClose(t.data, [0.05, 0.1, 0.15, 0.2, 0.01, 0.09, 0.3, 0.1]);
  });

  it('reads a Matrix, an array of Matrices, and Float64Arrays', () => {
    const rows = [
      [0.1, 0.2],
      [0.3, 0.4],
    ];
    const m = toDistribution(new Matrix(rows), 'p');
    expect(m.shape).toEqual([2, 2]);
    expectArrayClose(m.data, [0.1, 0.2, 0.3, 0.4]);

    const half = rows.map((r) => r.map((v) => v / 2));
    const t = toDistribution([new Matrix(half), new Matrix(half)], 'p');
    expect(t.shape).toEqual([2, 2, 2]);
    expectArrayClose(t.data, [0.05, 0.1, 0.15, 0.2, 0.05, 0.1, 0.15, 0.2]);

    const f = toDistribution([Float64Array.of(0.5, 0), Float64Array.of(0.25, 0.25)], 'p');
    expect(f.shape).toEqual([2, 2]);
    expect(f.data).toEqual(Float64Array.of(0.5, 0, 0.25, 0.25));
  });

  it('checks the rank when one is required', () => {
    expectInfoboundError(
      () => toDistribution([0.5, 0.5], 'p', {}, 2),
      'SHAPE_MISMATCH',
      'p has 1 dimension: expected a 2-D table',
    );
    expect(toDistribution([[0.5, 0.5]], 'p', {}, 2).shape).toEqual([1, 2]);
  });

  it('has default tolerance 1e-6 on the sum', () => {
    expect(DEFAULT_SUM_TOLERANCE).toBe(1e-6);
    // 1 + 5e-7 is inside the default tolerance, 1 + 2e-6 outside it.
    const ok = toDistribution([0.5, 0.5 + 5e-7], 'p');
    expectSumsToOne(ok.data);
    expectInfoboundError(() => toDistribution([0.5, 0.5 + 2e-6], 'p'), 'NOT_A_DISTRIBUTION', [
      // 0.5 + 2e-6 rounds, so the exact sum printed is 1.0000019999999998.
      'p sums to 1.0000019',
      'not 1',
      'tolerance 0.000001',
      'normalize: true',
    ]);
    expectInfoboundError(() => toDistribution([0.5, 0.5 - 2e-6], 'p'), 'NOT_A_DISTRIBUTION');
  });

  it('uses a given tolerance, down to 0', () => {
    expectSumsToOne(toDistribution([0.5, 0.5005], 'p', { tolerance: 1e-3 }).data);
    expectInfoboundError(
      () => toDistribution([0.5, 0.5005], 'p', { tolerance: 1e-4 }),
      'NOT_A_DISTRIBUTION',
    );
    // 0.5 + (0.5 + 2^-53·2) sums to 1 + 2^-52 exactly: rejected at tolerance 0, fine by default.
    const p = [0.5, 0.5 + EPS];
    expectInfoboundError(() => toDistribution(p, 'p', { tolerance: 0 }), 'NOT_A_DISTRIBUTION');
    expectSumsToOne(toDistribution(p, 'p').data);
    expect(toDistribution([0.25, 0.75], 'p', { tolerance: 0 }).data).toEqual(
      Float64Array.of(0.25, 0.75),
    );
  });

  it('rejects invalid tolerance and normalize options with INVALID_OPTION', () => {
    for (const tolerance of [-1, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      expectInfoboundError(
        () => toDistribution([1], 'p', { tolerance: tolerance as number }),
        'INVALID_OPTION',
        'tolerance is',
      );
    }
    expectInfoboundError(
      () => toDistribution([1], 'p', { normalize: 'yes' as unknown as boolean }),
      'INVALID_OPTION',
      'normalize is "yes"',
    );
  });

  it('normalizes non-negative weights when asked', () => {
    const t = toDistribution(
      [
        [1, 2],
        [3, 4],
      ],
      'counts',
      { normalize: true },
    );
    expect(t.shape).toEqual([2, 2]);
    // Each entry is one division by the exact sum 10: correctly rounded, so equal to the literal.
    expect(t.data).toEqual(Float64Array.of(0.1, 0.2, 0.3, 0.4));
    expectInfoboundError(() => toDistribution([1, 2, 3], 'counts'), 'NOT_A_DISTRIBUTION', [
      'counts sums to 6',
      'normalize: true',
    ]);
    expectInfoboundError(
      () => toDistribution([0, 0], 'w', { normalize: true }),
      'NOT_A_DISTRIBUTION',
      'w sums to 0',
    );
    // The sum overflows. (The message prints the sum as NaN rather than Infinity: see the
    // overflow test in numerics.test.ts.)
    expectInfoboundError(
      () => toDistribution([1e308, 1e308], 'w', { normalize: true }),
      'NOT_A_DISTRIBUTION',
      ['w sums to', 'positive, finite sum'],
    );
    expectInfoboundError(
      () => toDistribution([2, -1], 'w', { normalize: true }),
      'NOT_A_DISTRIBUTION',
      'w[1] is -1',
    );
  });

  it('does not modify its input', () => {
    const x = Float64Array.of(1, 3);
    const t = toDistribution(x, 'w', { normalize: true });
    expect(x).toEqual(Float64Array.of(1, 3));
    expect(t.data).toEqual(Float64Array.of(0.25, 0.75));
  });

  it('returns a table that sums to 1 (property, src/testing generators)', () => {
    // Each entry is p_i / s rounded once (relative error ≤ ε/2), and sum() is compensated, so the
    // total is 1 to within 2ε.
    fc.assert(
      fc.property(pmf({ maxLength: 12 }), (p) => {
        expectSumsToOne(toDistribution(p, 'p').data);
      }),
    );
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
          .chain((shape) => probabilityTable(shape).map((t) => ({ shape, t }))),
        ({ shape, t }) => {
          const out = toDistribution(t, 'p');
          expect(out.shape).toEqual(shape);
          expectSumsToOne(out.data);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 10 }),
        (w) => {
          fc.pre(w.some((v) => v > 0));
          const out = toDistribution(w, 'w', { normalize: true });
          expectSumsToOne(out.data);
        },
      ),
    );
  });

  it('rejects negative and non-finite entries, naming the cell', () => {
    expectInfoboundError(
      () =>
        toDistribution(
          [
            [0.6, 0.6],
            [-0.2, 0],
          ],
          'p',
        ),
      'NOT_A_DISTRIBUTION',
      'p[1][0] is -0.2: probabilities must be ≥ 0',
    );
    expectInfoboundError(
      () => toDistribution([0.5, 0.6, -0.1], 'q'),
      'NOT_A_DISTRIBUTION',
      'q[2] is -0.1',
    );
    expectInfoboundError(
      () =>
        toDistribution(
          [
            [[0.5], [0.5]],
            [[0], [Number.NaN]],
          ],
          'p',
        ),
      'NOT_A_DISTRIBUTION',
      'p[1][1][0] is NaN',
    );
    expectInfoboundError(
      () => toDistribution([Number.POSITIVE_INFINITY, 0], 'p', { normalize: true }),
      'NOT_A_DISTRIBUTION',
      'p[0] is Infinity',
    );
  });

  it('rejects ragged tables with SHAPE_MISMATCH naming the row', () => {
    expectInfoboundError(() => toDistribution([[0.5, 0.25], [0.25]], 'p'), 'SHAPE_MISMATCH', [
      'p[1] has length 1',
      'should have length 2',
    ]);
    expectInfoboundError(
      () =>
        toDistribution(
          [
            [
              [0.25, 0.25],
              [0.25, 0.25],
            ],
            [[0], [0]],
          ],
          'p',
        ),
      'SHAPE_MISMATCH',
      'p[1][0] has length 1',
    );
    expectInfoboundError(() => toDistribution([[0.5], 0.5], 'p'), 'SHAPE_MISMATCH', 'p[1] is 0.5');
    expectInfoboundError(() => toDistribution([[0.5], [[0.5]]], 'p'), 'SHAPE_MISMATCH', 'p[1][0]');
    expectInfoboundError(
      () => toDistribution([new Matrix([[0.5]]), new Matrix([[0.25, 0.25]])], 'p'),
      'SHAPE_MISMATCH',
      'p[1]',
    );
  });

  it('rejects non-numbers, non-arrays and empty tables', () => {
    expectInfoboundError(
      () => toDistribution([0.5, '0.5'], 'p'),
      'INVALID_ARGUMENT',
      'p[1] is "0.5"',
    );
    for (const x of [0.5, 'abc', null, undefined]) {
      expectInfoboundError(() => toDistribution(x, 'p'), 'INVALID_ARGUMENT', 'p is');
    }
    expectInfoboundError(() => toDistribution([], 'p'), 'NOT_A_DISTRIBUTION', 'p is empty');
    expectInfoboundError(() => toDistribution([[]], 'p'), 'NOT_A_DISTRIBUTION', 'p is empty');
  });
});

describe('checkDistribution (behaviour)', () => {
  it('scales in place and returns its argument', () => {
    const data = Float64Array.of(2, 6);
    const out = checkDistribution(data, [2], 'w', { normalize: true });
    expect(out).toBe(data);
    expect(data).toEqual(Float64Array.of(0.25, 0.75));
  });
});

describe('toLabels (behaviour)', () => {
  it('codes labels densely in order of first appearance', () => {
    const l = toLabels(['b', 'a', 'b', 'c', 'a'], 'y');
    expect(l.codes).toBeInstanceOf(Int32Array);
    expect(Array.from(l.codes)).toEqual([0, 1, 0, 2, 1]);
    expect(l.nClasses).toBe(3);
    const m = toLabels(Float64Array.of(7, -3, 7, 0.5), 'y');
    expect(Array.from(m.codes)).toEqual([0, 1, 0, 2]);
    expect(m.nClasses).toBe(3);
  });

  it('keeps 1 and "1" apart, and treats 0 and -0 as one label', () => {
    const l = toLabels([1, '1', 1, '1', 2], 'y');
    expect(Array.from(l.codes)).toEqual([0, 1, 0, 1, 2]);
    expect(l.nClasses).toBe(3);
    expect(Array.from(toLabels([0, -0], 'y').codes)).toEqual([0, 0]);
  });

  it('agrees with a reference encoding (property)', () => {
    const label = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b', '1', '2'));
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 30 }), (y) => {
        const keys = y.map((v) => `${typeof v}:${v}`);
        const order = [...new Set(keys)];
        const l = toLabels(y, 'y');
        expect(Array.from(l.codes)).toEqual(keys.map((k) => order.indexOf(k)));
        expect(l.nClasses).toBe(order.length);
      }),
    );
  });

  it('rejects non-finite numeric labels with NON_FINITE', () => {
    expectInfoboundError(() => toLabels([1, Number.NaN], 'y'), 'NON_FINITE', 'y[1] is NaN');
    expectInfoboundError(
      () => toLabels([Number.NEGATIVE_INFINITY], 'y'),
      'NON_FINITE',
      'y[0] is -Infinity',
    );
  });

  it('rejects labels that are neither numbers nor strings with INVALID_ARGUMENT', () => {
    expectInfoboundError(() => toLabels(['a', {}], 'y'), 'INVALID_ARGUMENT', 'y[1] is');
    expectInfoboundError(() => toLabels([null], 'y'), 'INVALID_ARGUMENT', 'y[0] is null');
    expectInfoboundError(() => toLabels([[1]], 'y'), 'INVALID_ARGUMENT', 'y[0] is an array');
    for (const x of [42, 'abc', null, undefined]) {
      expectInfoboundError(() => toLabels(x, 'y'), 'INVALID_ARGUMENT', 'y is');
    }
  });

  it('rejects too few labels with TOO_FEW_SAMPLES', () => {
    expectInfoboundError(() => toLabels([], 'y'), 'TOO_FEW_SAMPLES', 'y has 0 labels');
    expectInfoboundError(() => toLabels([1, 2], 'y', 3), 'TOO_FEW_SAMPLES', [
      'y has 2 labels',
      'at least 3',
    ]);
  });
});

describe('oneOf (behaviour)', () => {
  const methods = ['plugin', 'miller-madow'] as const;

  it('returns the fallback for undefined and an allowed value as given', () => {
    expect(oneOf(undefined, methods, 'plugin', 'method')).toBe('plugin');
    expect(oneOf('miller-madow', methods, 'plugin', 'method')).toBe('miller-madow');
  });

  it('rejects anything else with INVALID_OPTION listing the choices', () => {
    expectInfoboundError(
      () => oneOf('mle' as 'plugin', methods, 'plugin', 'method'),
      'INVALID_OPTION',
      `method is "mle": expected one of 'plugin', 'miller-madow'`,
    );
    expectInfoboundError(
      () => oneOf(1 as unknown as 'plugin', methods, 'plugin', 'method'),
      'INVALID_OPTION',
      'method is 1',
    );
  });
});

describe('assertSameLength (behaviour)', () => {
  it('accepts equal lengths given as arrays or numbers', () => {
    expect(() => assertSameLength([1, 2], new Float64Array(2), 'x', 'y')).not.toThrow();
    expect(() => assertSameLength(3, [1, 2, 3], 'x', 'y')).not.toThrow();
    expect(() => assertSameLength(0, 0, 'x', 'y')).not.toThrow();
  });

  it('throws SHAPE_MISMATCH naming both arguments and lengths', () => {
    expectInfoboundError(
      () => assertSameLength([1, 2, 3], [1, 2], 'x', 'y'),
      'SHAPE_MISMATCH',
      'x has 3 samples but y has 2',
    );
    expectInfoboundError(() => assertSameLength(4, [1], 'a', 'b'), 'SHAPE_MISMATCH', 'a has 4');
  });
});

/** Within 2ε of 1: see the property test above for why. */
function expectSumsToOne(data: Float64Array): void {
  const s = sum(data);
  expect(Math.abs(s - 1), `sum ${s}`).toBeLessThanOrEqual(2 * EPS);
}

/**
 * Entry-wise within 2ε relative of the literal: a table accepted within tolerance is divided by
 * its computed sum, which can differ from 1 by an ulp.
 */
function expectArrayClose(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(2 * EPS * expected[i]!);
  }
}
