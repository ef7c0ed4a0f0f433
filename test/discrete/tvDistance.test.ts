import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { tvDistance } = discrete;

describe('reference', () => {
  // 0.5·np.abs(p − q).sum() of the normalised inputs: a closed form, so 1e-12 relative
  // (STYLE.md), plus expectClose's 1e-15 summation rounding floor for TV(p, p) = 0.
  for (const c of discreteCases('tvDistance')) {
    it(c.name, () => {
      const [p, q] = c.args as [ProbabilityTable, ProbabilityTable];
      expectClose(tvDistance(p, q, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const p = [0.1, 0.2, 0.3, 0.4];
  const q = [0.7, 0.1, 0.1, 0.1];

  it('is a probability, with no unit: ½ Σ |p − q| = sup_A |p(A) − q(A)|', () => {
    // A = {x : p(x) > q(x)} = outcomes 1, 2, 3.
    expectClose(tvDistance(p, q), 0.9 - 0.3, 1e-15);
    expectClose(tvDistance([0.5, 0.5], [0.9, 0.1]), 0.4, 1e-15);
  });

  it('is symmetric, 0 for p = q and 1 for disjoint supports', () => {
    expect(tvDistance(q, p)).toBe(tvDistance(p, q));
    expect(tvDistance(p, p)).toBe(0);
    expect(tvDistance([1], [1])).toBe(0);
    expect(tvDistance([1, 0], [0, 1])).toBe(1);
    expect(tvDistance([0.5, 0.5, 0], [0, 0, 1])).toBe(1);
  });

  it('compares tables of any shape, including ml-matrix Matrix and Float64Array', () => {
    const a = [
      [0.1, 0.2],
      [0.3, 0.4],
    ];
    const b = [
      [0.7, 0.1],
      [0.1, 0.1],
    ];
    expect(tvDistance(a, b)).toBe(tvDistance(p, q));
    expect(tvDistance(new Matrix(a), new Matrix(b))).toBe(tvDistance(p, q));
    expect(tvDistance(Float64Array.from(p), Float64Array.from(q))).toBe(tvDistance(p, q));
  });

  it('normalize scales both arguments; tolerance bounds the sums', () => {
    expectClose(
      tvDistance([1, 2, 3, 4], [7, 1, 1, 1], { normalize: true }),
      tvDistance(p, q),
      1e-15,
    );
    expectInfoboundError(() => tvDistance([1, 2, 3, 4], q), 'NOT_A_DISTRIBUTION', 'p sums to 10');
    const qOff = [0.7, 0.1, 0.1, 0.1001];
    expectInfoboundError(() => tvDistance(p, qOff), 'NOT_A_DISTRIBUTION', 'q sums to');
    expect(tvDistance(p, qOff, { tolerance: 1e-3 })).toBeGreaterThan(0);
    expectInfoboundError(
      () => tvDistance(p, q, { tolerance: Number.POSITIVE_INFINITY }),
      'INVALID_OPTION',
      'tolerance is Infinity',
    );
  });

  describe('bad input', () => {
    it.each([
      [-0.1, 'p[2] is -0.1'],
      [Number.NaN, 'p[2] is NaN'],
      [Number.POSITIVE_INFINITY, 'p[2] is Infinity'],
    ])('rejects %s in p, naming it', (v, message) => {
      expectInfoboundError(
        () => tvDistance([0.5, 0.5, v], [0.2, 0.3, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it.each([
      [-0.1, 'q[0] is -0.1'],
      [Number.NaN, 'q[0] is NaN'],
      [Number.NEGATIVE_INFINITY, 'q[0] is -Infinity'],
    ])('rejects %s in q, naming it', (v, message) => {
      expectInfoboundError(
        () => tvDistance([0.2, 0.3, 0.5], [v, 0.5, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it('rejects distributions not summing to 1, and empty ones', () => {
      expectInfoboundError(
        () => tvDistance([0.5, 0.5], [0.5, 0.4]),
        'NOT_A_DISTRIBUTION',
        'q sums to 0.9',
      );
      expectInfoboundError(() => tvDistance([], []), 'NOT_A_DISTRIBUTION', 'p is empty');
    });

    it('rejects p and q over different outcomes', () => {
      expectInfoboundError(
        () => tvDistance([0.5, 0.5], [1]),
        'SHAPE_MISMATCH',
        'p has shape [2] but q has shape [1]',
      );
      expectInfoboundError(
        () => tvDistance([[0.5, 0.5]], [[0.5], [0.5]]),
        'SHAPE_MISMATCH',
        'p has shape [1, 2] but q has shape [2, 1]',
      );
    });

    it('rejects ragged tables and non-numeric entries', () => {
      expectInfoboundError(
        () => tvDistance([[0.5, 0.5]], [[0.5], [0.25, 0.25]]),
        'SHAPE_MISMATCH',
        'q[1] has length 2',
      );
      expectInfoboundError(() => tvDistance([1], 'x' as never), 'INVALID_ARGUMENT', 'q is "x"');
    });
  });
});
