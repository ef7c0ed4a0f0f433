import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { jsDivergence, klDivergence } = discrete;

describe('reference', () => {
  // scipy.spatial.distance.jensenshannon(p, q, base)**2 (SciPy returns the distance, the square
  // root): a closed form, so 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation
  // rounding floor for JS(p, p) = 0.
  for (const c of discreteCases('jsDivergence')) {
    it(c.name, () => {
      const [p, q] = c.args as [ProbabilityTable, ProbabilityTable];
      expectClose(jsDivergence(p, q, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const p = [0.1, 0.2, 0.3, 0.4];
  const q = [0.7, 0.1, 0.1, 0.1];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(jsDivergence(p, q, { base: 'bits' })).toBe(jsDivergence(p, q) / Math.LN2);
    expect(jsDivergence(p, q, { base: 2 })).toBe(jsDivergence(p, q, { base: 'bits' }));
    expect(jsDivergence(p, q, { base: 10 })).toBe(jsDivergence(p, q) / Math.log(10));
  });

  it('is ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, and symmetric', () => {
    const m = p.map((v, i) => (v + (q[i] as number)) / 2);
    expectClose(jsDivergence(p, q), (klDivergence(p, m) + klDivergence(q, m)) / 2, 1e-12);
    expect(jsDivergence(q, p)).toBe(jsDivergence(p, q));
  });

  it('is finite where KL is infinite, and exactly ln 2 (1 bit) for disjoint supports', () => {
    expect(klDivergence([1, 0], [0, 1])).toBe(Number.POSITIVE_INFINITY);
    expect(jsDivergence([1, 0], [0, 1])).toBe(Math.LN2);
    expect(jsDivergence([0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5], { base: 'bits' })).toBe(1);
  });

  it('is 0 for p = q', () => {
    expect(jsDivergence(p, p)).toBe(0);
    expect(jsDivergence([1], [1])).toBe(0);
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
    expect(jsDivergence(a, b)).toBe(jsDivergence(p, q));
    expect(jsDivergence(new Matrix(a), new Matrix(b))).toBe(jsDivergence(p, q));
    expect(jsDivergence(Float64Array.from(p), Float64Array.from(q))).toBe(jsDivergence(p, q));
  });

  it('normalize scales both arguments; tolerance bounds the sums', () => {
    expect(jsDivergence([1, 2, 3, 4], [7, 1, 1, 1], { normalize: true })).toBe(jsDivergence(p, q));
    expectInfoboundError(() => jsDivergence(p, [7, 1, 1, 1]), 'NOT_A_DISTRIBUTION', 'q sums to 10');
    const pOff = [0.1, 0.2, 0.3, 0.4001];
    expectInfoboundError(() => jsDivergence(pOff, q), 'NOT_A_DISTRIBUTION', 'p sums to');
    expect(jsDivergence(pOff, q, { tolerance: 1e-3 })).toBeGreaterThan(0);
    expectInfoboundError(
      () => jsDivergence(p, q, { normalize: 1 as never }),
      'INVALID_OPTION',
      'normalize is 1',
    );
  });

  it('stays finite with probabilities near 1e-300 and subnormal', () => {
    expectClose(jsDivergence([1, 1e-300], [1e-300, 1]), Math.LN2, 1e-12);
    expectClose(jsDivergence([1, 1e-309], [1e-309, 1]), Math.LN2, 1e-12);
  });

  describe('bad input', () => {
    it.each([
      [-0.1, 'p[1] is -0.1'],
      [Number.NaN, 'p[1] is NaN'],
      [Number.POSITIVE_INFINITY, 'p[1] is Infinity'],
    ])('rejects %s in p, naming it', (v, message) => {
      expectInfoboundError(
        () => jsDivergence([0.5, v, 0.5], [0.2, 0.3, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it.each([
      [-0.1, 'q[1] is -0.1'],
      [Number.NaN, 'q[1] is NaN'],
      [Number.NEGATIVE_INFINITY, 'q[1] is -Infinity'],
    ])('rejects %s in q, naming it', (v, message) => {
      expectInfoboundError(
        () => jsDivergence([0.2, 0.3, 0.5], [0.5, v, 0.5]),
        'NOT_A_DISTRIBUTION',
        message,
      );
    });

    it('rejects empty input and p, q over different outcomes', () => {
      expectInfoboundError(() => jsDivergence([1], []), 'NOT_A_DISTRIBUTION', 'q is empty');
      expectInfoboundError(
        () => jsDivergence([[1]], [1]),
        'SHAPE_MISMATCH',
        'p has shape [1, 1] but q has shape [1]',
      );
    });

    it('rejects ragged tables and non-numeric entries', () => {
      expectInfoboundError(
        () =>
          jsDivergence(
            [[0.5, 0.5], [0]],
            [
              [0.5, 0.5],
              [0, 0],
            ],
          ),
        'SHAPE_MISMATCH',
        'p[1] has length 1',
      );
      expectInfoboundError(() => jsDivergence([1], [true] as never), 'INVALID_ARGUMENT', 'q[0]');
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => jsDivergence(p, q, { base: base as Base }),
        'INVALID_OPTION',
        'base',
      );
    });
  });
});
