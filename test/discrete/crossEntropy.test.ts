import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { crossEntropy, entropy, klDivergence } = discrete;

describe('reference', () => {
  // −Σ scipy.special.xlogy(p, q) (checked against scipy.stats.entropy(p) + entropy(p, q) in
  // generate.py): a closed form, so 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation
  // rounding floor for H(p, p) = 0 of a point mass. Infinity must be matched exactly.
  for (const c of discreteCases('crossEntropy')) {
    it(c.name, () => {
      const [p, q] = c.args as [ProbabilityTable, ProbabilityTable];
      expectClose(crossEntropy(p, q, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const p = [0.1, 0.2, 0.3, 0.4];
  const q = [0.4, 0.3, 0.2, 0.1];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(crossEntropy(p, q, { base: 'bits' })).toBe(crossEntropy(p, q) / Math.LN2);
    expect(crossEntropy(p, q, { base: 2 })).toBe(crossEntropy(p, q, { base: 'bits' }));
    expect(crossEntropy(p, q, { base: 10 })).toBe(crossEntropy(p, q) / Math.log(10));
    expect(crossEntropy([0.5, 0.5], [0.5, 0.5], { base: 'bits' })).toBe(1);
  });

  it('is H(p) + KL(p‖q), and H(p) when q = p', () => {
    // Three sums of O(1) terms: 1e-12 relative plus the rounding floor.
    expectClose(crossEntropy(p, q), entropy(p) + klDivergence(p, q), 1e-12);
    expectClose(crossEntropy(p, p), entropy(p), 1e-12);
  });

  it('is +Infinity where q(x) = 0 < p(x), and skips outcomes with p(x) = 0', () => {
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Number.POSITIVE_INFINITY);
    expect(crossEntropy([0.5, 0.5], [1, 0], { base: 'bits' })).toBe(Number.POSITIVE_INFINITY);
    expect(crossEntropy([1, 0], [1, 0])).toBe(0);
    expectClose(crossEntropy([0, 1], [0.5, 0.5]), Math.LN2, 1e-15);
  });

  it('stays finite with q near 1e-300 (and subnormal)', () => {
    expectClose(crossEntropy([0.5, 0.5], [1e-300, 1]), -0.5 * Math.log(1e-300), 1e-15);
    expectClose(crossEntropy([0.5, 0.5], [1e-309, 1]), -0.5 * Math.log(1e-309), 1e-15);
  });

  it('compares tables of any shape, including ml-matrix Matrix and Float64Array', () => {
    const a = [
      [0.1, 0.2],
      [0.3, 0.4],
    ];
    const b = [
      [0.4, 0.3],
      [0.2, 0.1],
    ];
    expect(crossEntropy(a, b)).toBe(crossEntropy(p, q));
    expect(crossEntropy(new Matrix(a), new Matrix(b))).toBe(crossEntropy(p, q));
    expect(crossEntropy(Float64Array.from(p), Float64Array.from(q))).toBe(crossEntropy(p, q));
  });

  it('normalize scales both arguments; tolerance bounds the sums', () => {
    expect(crossEntropy([1, 2, 3, 4], [4, 3, 2, 1], { normalize: true })).toBe(crossEntropy(p, q));
    expectInfoboundError(() => crossEntropy([1, 2, 3, 4], q), 'NOT_A_DISTRIBUTION', 'p sums to 10');
    const qOff = [0.4, 0.3, 0.2, 0.1001];
    expectInfoboundError(() => crossEntropy(p, qOff), 'NOT_A_DISTRIBUTION', 'q sums to');
    expect(crossEntropy(p, qOff, { tolerance: 1e-3 })).toBeGreaterThan(0);
    expectInfoboundError(
      () => crossEntropy(p, q, { tolerance: Number.NaN }),
      'INVALID_OPTION',
      'tolerance is NaN',
    );
  });

  describe('bad input', () => {
    it.each([
      [-0.1, 'p[1] is -0.1'],
      [Number.NaN, 'p[1] is NaN'],
      [Number.POSITIVE_INFINITY, 'p[1] is Infinity'],
    ])('rejects %s in p, naming it', (v, message) => {
      expectInfoboundError(
        () => crossEntropy([0.5, v, 0.5], [0.2, 0.3, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it.each([
      [-0.1, 'q[0] is -0.1'],
      [Number.NaN, 'q[0] is NaN'],
      [Number.POSITIVE_INFINITY, 'q[0] is Infinity'],
    ])('rejects %s in q, naming it', (v, message) => {
      expectInfoboundError(
        () => crossEntropy([0.2, 0.3, 0.5], [v, 0.5, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it('rejects empty input and p, q over different outcomes', () => {
      expectInfoboundError(() => crossEntropy([], [1]), 'NOT_A_DISTRIBUTION', 'p is empty');
      expectInfoboundError(
        () => crossEntropy([1], [0.5, 0.5]),
        'SHAPE_MISMATCH',
        'p has shape [1] but q has shape [2]',
      );
    });

    it('rejects ragged tables and non-numeric entries', () => {
      expectInfoboundError(
        () => crossEntropy([[0.5, 0.5]], [[0.5], [0.5, 0]]),
        'SHAPE_MISMATCH',
        'q[1] has length 2',
      );
      expectInfoboundError(() => crossEntropy(['a'] as never, [1]), 'INVALID_ARGUMENT', 'p[0]');
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => crossEntropy(p, q, { base: base as Base }),
        'INVALID_OPTION',
        'base',
      );
    });

    // Regression: the early return for q(x) = 0 < p(x) skipped the check of `base`, so an invalid
    // base was accepted silently whenever the result was infinite.
    it('rejects an invalid base also when the result is Infinity', () => {
      expectInfoboundError(
        () => crossEntropy([1, 0], [0, 1], { base: 'foo' as Base }),
        'INVALID_OPTION',
        'base',
      );
    });
  });
});
