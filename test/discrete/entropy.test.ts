import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { entropy } = discrete;

describe('reference', () => {
  // scipy.stats.entropy(p, base): a closed form, so 1e-12 relative (STYLE.md), plus the 1e-15
  // summation rounding floor of expectClose for the zero-entropy (point mass) cases.
  for (const c of discreteCases('entropy')) {
    it(c.name, () => {
      expectClose(entropy(c.args[0] as ProbabilityTable, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const p = [0.1, 0.2, 0.3, 0.4];

  describe('units', () => {
    it('bits = nats / ln 2, and base 2 is bits', () => {
      expect(entropy(p, { base: 'bits' })).toBe(entropy(p) / Math.LN2);
      expect(entropy(p, { base: 2 })).toBe(entropy(p, { base: 'bits' }));
      expect(entropy([0.5, 0.5], { base: 'bits' })).toBe(1);
    });

    it("nats is the default, and base 'nats' and base e are the same", () => {
      expect(entropy(p, { base: 'nats' })).toBe(entropy(p));
      expect(entropy(p, { base: Math.E })).toBe(entropy(p));
    });

    it('any base b > 0, b ≠ 1 divides by ln b (base 10 gives hartleys, base < 1 flips the sign)', () => {
      expect(entropy(p, { base: 10 })).toBe(entropy(p) / Math.log(10));
      expect(entropy(p, { base: 0.5 })).toBe(-entropy(p, { base: 2 }));
    });
  });

  describe('conventions', () => {
    it('0 · log 0 = 0: zero-probability outcomes change nothing', () => {
      expect(entropy([1, 0, 0])).toBe(0);
      expect(entropy([0, 0.5, 0, 0.5, 0])).toBe(entropy([0.5, 0.5]));
    });

    it('a point mass of length 1 has entropy 0; the uniform over k has log k', () => {
      expect(entropy([1])).toBe(0);
      expectClose(entropy(new Array(7).fill(1 / 7)), Math.log(7), 1e-15);
    });

    it('accepts tables of any rank and reads them as one distribution over all cells', () => {
      const flat = [0.1, 0.2, 0.05, 0.15, 0.3, 0.2];
      const h = entropy(flat);
      expect(entropy([flat.slice(0, 3), flat.slice(3)])).toBe(h);
      expect(entropy([[flat.slice(0, 3)], [flat.slice(3)]])).toBe(h);
    });
  });

  describe('normalize', () => {
    it('divides weights by their sum', () => {
      expect(entropy([3, 1], { normalize: true })).toBe(entropy([0.75, 0.25]));
      expect(entropy([30, 0, 10], { normalize: true })).toBe(
        entropy([3, 0, 1], { normalize: true }),
      );
    });

    it('rejects counts without normalize, and tells the user about it', () => {
      expectInfoboundError(() => entropy([3, 1]), 'NOT_A_DISTRIBUTION', 'normalize: true');
    });

    it('rejects weights summing to 0', () => {
      expectInfoboundError(
        () => entropy([0, 0], { normalize: true }),
        'NOT_A_DISTRIBUTION',
        'p sums to 0',
      );
    });

    it('rejects weights whose sum overflows (the sum must be finite)', () => {
      expectInfoboundError(
        () => entropy([1e308, 1e308], { normalize: true }),
        'NOT_A_DISTRIBUTION',
        'p sums to Infinity',
      );
    });

    it('still rejects negative and non-finite weights', () => {
      expectInfoboundError(
        () => entropy([3, -1], { normalize: true }),
        'NOT_A_DISTRIBUTION',
        'p[1]',
      );
      expectInfoboundError(
        () => entropy([3, Number.POSITIVE_INFINITY], { normalize: true }),
        'NOT_A_DISTRIBUTION',
        'p[1]',
      );
    });

    it('must be a boolean', () => {
      expectInfoboundError(
        () => entropy(p, { normalize: 'yes' as never }),
        'INVALID_OPTION',
        'normalize',
      );
    });
  });

  describe('tolerance', () => {
    it('accepts sums within 1e-6 of 1 by default, then renormalises', () => {
      expectClose(entropy([0.5000004, 0.5000004]), Math.LN2, 1e-15);
      expectInfoboundError(() => entropy([0.5, 0.500002]), 'NOT_A_DISTRIBUTION', 'p sums to');
    });

    it('widens or narrows the accepted band', () => {
      expect(entropy([0.6, 0.6], { tolerance: 0.25 })).toBe(Math.LN2);
      expectInfoboundError(
        () => entropy([0.5, 0.5 + 2 ** -52], { tolerance: 0 }),
        'NOT_A_DISTRIBUTION',
        'tolerance 0',
      );
      expect(entropy([0.25, 0.75], { tolerance: 0 })).toBe(entropy([0.25, 0.75]));
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '1e-6'])(
      'rejects tolerance %s',
      (tolerance) => {
        expectInfoboundError(
          () => entropy(p, { tolerance: tolerance as number }),
          'INVALID_OPTION',
          'tolerance',
        );
      },
    );
  });

  describe('input types', () => {
    it('reads an ml-matrix Matrix as a 2-D table', () => {
      const t = [
        [0.1, 0.2],
        [0.3, 0.4],
      ];
      expect(entropy(new Matrix(t))).toBe(entropy(t));
    });

    it('reads Float64Array vectors and rows', () => {
      expect(entropy(Float64Array.from(p))).toBe(entropy(p));
      expect(entropy([Float64Array.from([0.1, 0.2]), Float64Array.from([0.3, 0.4])])).toBe(
        entropy(p),
      );
    });
  });

  describe('bad input', () => {
    it.each([
      [-0.2, 'p[1] is -0.2'],
      [Number.NaN, 'p[1] is NaN'],
      [Number.POSITIVE_INFINITY, 'p[1] is Infinity'],
      [Number.NEGATIVE_INFINITY, 'p[1] is -Infinity'],
    ])('rejects the entry %s, naming it', (v, message) => {
      expectInfoboundError(() => entropy([0.6, v, 0.4]), 'NOT_A_DISTRIBUTION', message);
    });

    it('names the full index of a bad entry in a table', () => {
      expectInfoboundError(
        () =>
          entropy([
            [0.5, 0.25],
            [Number.NaN, 0.25],
          ]),
        'NOT_A_DISTRIBUTION',
        'p[1][0] is NaN',
      );
    });

    it('rejects probabilities not summing to 1', () => {
      expectInfoboundError(() => entropy([0.2, 0.2]), 'NOT_A_DISTRIBUTION', 'p sums to 0.4');
    });

    it('rejects empty input', () => {
      expectInfoboundError(() => entropy([]), 'NOT_A_DISTRIBUTION', 'p is empty');
      expectInfoboundError(() => entropy([[]]), 'NOT_A_DISTRIBUTION', 'p is empty');
    });

    it('rejects ragged tables', () => {
      expectInfoboundError(
        () => entropy([[0.5, 0.25], [0.25]]),
        'SHAPE_MISMATCH',
        'p[1] has length 1',
      );
      expectInfoboundError(() => entropy([[0.5], 0.5] as never), 'SHAPE_MISMATCH', 'p[1]');
    });

    it('rejects entries that are not numbers', () => {
      expectInfoboundError(() => entropy([0.5, '0.5'] as never), 'INVALID_ARGUMENT', 'p[1]');
      expectInfoboundError(() => entropy([0.5, null] as never), 'INVALID_ARGUMENT', 'p[1]');
    });

    it.each([null, undefined, 0.5, 'abc', {}])('rejects %s as the distribution', (x) => {
      expectInfoboundError(() => entropy(x as never), 'INVALID_ARGUMENT', 'p is');
    });

    it.each([1, 0, -2, Number.NaN, Number.POSITIVE_INFINITY, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(() => entropy(p, { base: base as Base }), 'INVALID_OPTION', 'base is');
    });
  });
});
