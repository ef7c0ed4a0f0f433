import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { klDivergence } = discrete;

describe('reference', () => {
  // scipy.stats.entropy(p, q, base) (= Σ scipy.special.rel_entr): a closed form, so 1e-12 relative
  // (STYLE.md), plus expectClose's 1e-15 summation rounding floor for KL(p‖p) = 0. Infinity must
  // be matched exactly.
  for (const c of discreteCases('klDivergence')) {
    it(c.name, () => {
      const [p, q] = c.args as [ProbabilityTable, ProbabilityTable];
      expectClose(klDivergence(p, q, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const p = [0.1, 0.2, 0.3, 0.4];
  const q = [0.25, 0.25, 0.25, 0.25];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(klDivergence(p, q, { base: 'bits' })).toBe(klDivergence(p, q) / Math.LN2);
    expect(klDivergence(p, q, { base: 2 })).toBe(klDivergence(p, q, { base: 'bits' }));
    expect(klDivergence(p, q, { base: 10 })).toBe(klDivergence(p, q) / Math.log(10));
    expect(klDivergence(p, q, { base: 'nats' })).toBe(klDivergence(p, q));
  });

  it('is +Infinity where q(x) = 0 < p(x), in every unit', () => {
    for (const base of ['nats', 'bits', 10] as const) {
      expect(klDivergence([0.5, 0.5], [1, 0], { base })).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('takes 0 · log(0/q) = 0, also where q = 0', () => {
    expect(klDivergence([1, 0], [1, 0])).toBe(0);
    expect(klDivergence([0.5, 0, 0.5], [0.5, 0, 0.5])).toBe(0);
    expectClose(klDivergence([1, 0], [0.5, 0.5]), Math.LN2, 1e-15);
  });

  it('is 0 for p = q and not symmetric', () => {
    expect(klDivergence(p, p)).toBe(0);
    expect(klDivergence(p, q)).not.toBe(klDivergence(q, p));
  });

  it('compares tables of any shape cell by cell', () => {
    const a = [
      [0.1, 0.2],
      [0.3, 0.4],
    ];
    const b = [
      [0.25, 0.25],
      [0.25, 0.25],
    ];
    expect(klDivergence(a, b)).toBe(klDivergence(p, q));
    expect(klDivergence(new Matrix(a), new Matrix(b))).toBe(klDivergence(p, q));
    expect(klDivergence(new Matrix(a), b)).toBe(klDivergence(p, q));
  });

  it('reads Float64Array input', () => {
    expect(klDivergence(Float64Array.from(p), Float64Array.from(q))).toBe(klDivergence(p, q));
  });

  it('normalize scales both arguments', () => {
    expect(klDivergence([1, 2, 3, 4], [5, 5, 5, 5], { normalize: true })).toBe(klDivergence(p, q));
    expectInfoboundError(() => klDivergence(p, [5, 5, 5, 5]), 'NOT_A_DISTRIBUTION', 'q sums to 20');
  });

  it('tolerance bounds how far from 1 each sum may be', () => {
    const qOff = [0.25, 0.25, 0.25, 0.2501];
    expectInfoboundError(() => klDivergence(p, qOff), 'NOT_A_DISTRIBUTION', 'q sums to');
    expect(klDivergence(p, qOff, { tolerance: 1e-3 })).toBeGreaterThan(0);
    expectInfoboundError(
      () => klDivergence(p, q, { tolerance: -1 }),
      'INVALID_OPTION',
      'tolerance is -1',
    );
  });

  it('stays finite with q near 1e-300', () => {
    expectClose(
      klDivergence([0.5, 0.5], [1e-300, 1]),
      0.5 * Math.log(0.5 / 1e-300) + 0.5 * Math.log(0.5),
      1e-15,
    );
  });

  // Regression: p(x)/q(x) overflowed when q(x) was subnormal (0.5/1e-309 > Number.MAX_VALUE), so
  // the result was Infinity, the convention for q(x) = 0. q(x) > 0, so KL is finite:
  // 0.5·ln(0.5/1e-309) + 0.5·ln 0.5 ≈ 354.70. (SciPy's rel_entr still overflows here.)
  it('is finite when q(x) is subnormal but positive', () => {
    const expected = 0.5 * (Math.log(0.5) - Math.log(1e-309)) + 0.5 * Math.log(0.5);
    expectClose(klDivergence([0.5, 0.5], [1e-309, 1]), expected, 1e-12);
  });

  describe('bad input', () => {
    it.each([
      [-0.1, 'p[1] is -0.1'],
      [Number.NaN, 'p[1] is NaN'],
      [Number.POSITIVE_INFINITY, 'p[1] is Infinity'],
    ])('rejects %s in p, naming it', (v, message) => {
      expectInfoboundError(
        () => klDivergence([0.5, v, 0.5], [0.2, 0.3, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it.each([
      [-0.1, 'q[2] is -0.1'],
      [Number.NaN, 'q[2] is NaN'],
      [Number.NEGATIVE_INFINITY, 'q[2] is -Infinity'],
    ])('rejects %s in q, naming it', (v, message) => {
      expectInfoboundError(
        () => klDivergence([0.2, 0.3, 0.5], [0.5, 0.5, v]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it('rejects distributions not summing to 1', () => {
      expectInfoboundError(
        () => klDivergence([0.5, 0.6], [0.5, 0.5]),
        'NOT_A_DISTRIBUTION',
        'p sums to 1.1',
      );
    });

    it('rejects empty input', () => {
      expectInfoboundError(() => klDivergence([], []), 'NOT_A_DISTRIBUTION', 'p is empty');
      expectInfoboundError(() => klDivergence([1], []), 'NOT_A_DISTRIBUTION', 'q is empty');
    });

    it('rejects p and q over different outcomes', () => {
      expectInfoboundError(
        () => klDivergence([0.5, 0.5], [0.25, 0.25, 0.5]),
        'SHAPE_MISMATCH',
        'p has shape [2] but q has shape [3]',
      );
      expectInfoboundError(
        () =>
          klDivergence(
            [
              [0.25, 0.25],
              [0.25, 0.25],
            ],
            [0.25, 0.25, 0.25, 0.25],
          ),
        'SHAPE_MISMATCH',
        'p has shape [2, 2] but q has shape [4]',
      );
    });

    it('rejects ragged tables and non-numeric entries', () => {
      expectInfoboundError(
        () => klDivergence([[0.5], [0.25, 0.25]], [[0.5], [0.5]]),
        'SHAPE_MISMATCH',
        'p[1] has length 2',
      );
      expectInfoboundError(
        () => klDivergence([0.5, 0.5], [0.5, 'x'] as never),
        'INVALID_ARGUMENT',
        'q[1]',
      );
      expectInfoboundError(() => klDivergence([1], null as never), 'INVALID_ARGUMENT', 'q is null');
    });

    it.each([1, 0, -2, Number.NaN, 'foo'])(
      'rejects base %s, also when the result is Infinity',
      (base) => {
        expectInfoboundError(
          () => klDivergence(p, q, { base: base as Base }),
          'INVALID_OPTION',
          'base',
        );
        expectInfoboundError(
          () => klDivergence([1, 0], [0, 1], { base: base as Base }),
          'INVALID_OPTION',
          'base',
        );
      },
    );
  });
});
