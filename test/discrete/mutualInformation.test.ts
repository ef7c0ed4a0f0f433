import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { conditionalEntropy, entropy, mutualInformation } = discrete;

describe('reference', () => {
  // scipy.stats.entropy(p_XY, p_X ⊗ p_Y) (checked against H(X) + H(Y) − H(X,Y) in generate.py): a
  // closed form, so 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation rounding floor
  // for the independent tables, whose MI is 0.
  for (const c of discreteCases('mutualInformation')) {
    it(c.name, () => {
      expectClose(mutualInformation(c.args[0] as ProbabilityTable, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const pxy = [
    [0.1, 0.2, 0.05],
    [0.25, 0, 0.15],
    [0.05, 0.1, 0.1],
  ];
  const px = [0.35, 0.4, 0.25];
  const transpose = (t: number[][]) =>
    (t[0] as number[]).map((_, j) => t.map((r) => r[j] as number));

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(mutualInformation(pxy, { base: 'bits' })).toBe(mutualInformation(pxy) / Math.LN2);
    expect(mutualInformation(pxy, { base: 2 })).toBe(mutualInformation(pxy, { base: 'bits' }));
    expect(mutualInformation(pxy, { base: 10 })).toBe(mutualInformation(pxy) / Math.log(10));
    expect(
      mutualInformation(
        [
          [0.5, 0],
          [0, 0.5],
        ],
        { base: 'bits' },
      ),
    ).toBe(1);
  });

  it('is symmetric (transpose) and equals H(X) − H(X|Y)', () => {
    expectClose(mutualInformation(transpose(pxy)), mutualInformation(pxy), 1e-12);
    // A difference of O(1) entropies: 1e-12 relative plus the rounding floor.
    expectClose(mutualInformation(pxy), entropy(px) - conditionalEntropy(pxy), 1e-12);
  });

  it('is 0 for a product table (never negative, though rounding could make it −1e-17)', () => {
    const py = [0.1, 0.6, 0.3];
    const indep = px.map((a) => py.map((b) => a * b));
    const mi = mutualInformation(indep);
    expect(mi).toBeGreaterThanOrEqual(0);
    expectClose(mi, 0, 0);
  });

  it('is log k for a k×k diagonal (a copy) and 0 for a single row or column', () => {
    const diag = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 0.25 : 0)));
    expectClose(mutualInformation(diag), Math.log(4), 1e-15);
    expect(mutualInformation([[0.2, 0.3, 0.5]])).toBe(0);
    expect(mutualInformation([[0.2], [0.3], [0.5]])).toBe(0);
  });

  it('normalize divides counts by their total; tolerance bounds the sum', () => {
    expect(
      mutualInformation(
        [
          [1, 3],
          [3, 1],
        ],
        { normalize: true },
      ),
    ).toBe(
      mutualInformation([
        [0.125, 0.375],
        [0.375, 0.125],
      ]),
    );
    const off = [
      [0.5, 0],
      [0, 0.5001],
    ];
    expectInfoboundError(() => mutualInformation(off), 'NOT_A_DISTRIBUTION', 'pxy sums to');
    expect(mutualInformation(off, { tolerance: 1e-3 })).toBeGreaterThan(0);
  });

  it('reads an ml-matrix Matrix and Float64Array rows', () => {
    expect(mutualInformation(new Matrix(pxy))).toBe(mutualInformation(pxy));
    expect(mutualInformation(pxy.map((r) => Float64Array.from(r)))).toBe(mutualInformation(pxy));
  });

  it('stays finite with probabilities near 1e-300', () => {
    expectClose(
      mutualInformation([
        [1e-300, 0],
        [0, 1],
      ]),
      0,
      0,
    );
  });

  // Regression: with a subnormal marginal, p / p(x) / p(y) overflowed to Infinity and the
  // compensated sum turned Infinity + 0 into NaN. True value: H(X) = 1e-309·ln(1e309) ≈ 7e-307.
  it('stays finite (≈ 0) with a subnormal cell p = 1e-309', () => {
    const mi = mutualInformation([
      [1e-309, 0],
      [0, 1],
    ]);
    expectClose(mi, 0, 0);
  });

  describe('bad input', () => {
    it.each([
      [-0.05, 'pxy[0][2] is -0.05'],
      [Number.NaN, 'pxy[0][2] is NaN'],
      [Number.NEGATIVE_INFINITY, 'pxy[0][2] is -Infinity'],
    ])('rejects the entry %s, naming its index', (v, message) => {
      const bad = pxy.map((r) => [...r]);
      (bad[0] as number[])[2] = v;
      expectInfoboundError(() => mutualInformation(bad), 'NOT_A_DISTRIBUTION', message);
    });

    it('rejects a table not summing to 1', () => {
      expectInfoboundError(
        () =>
          mutualInformation([
            [0.5, 0.5],
            [0.5, 0.5],
          ]),
        'NOT_A_DISTRIBUTION',
        'pxy sums to 2',
      );
    });

    it('requires a 2-D table', () => {
      expectInfoboundError(
        () => mutualInformation([0.5, 0.5]),
        'SHAPE_MISMATCH',
        'pxy has 1 dimension',
      );
      expectInfoboundError(() => mutualInformation([]), 'SHAPE_MISMATCH', 'pxy has 1 dimension');
      expectInfoboundError(
        () => mutualInformation([[[1]]]),
        'SHAPE_MISMATCH',
        'expected a 2-D table',
      );
    });

    it('rejects empty and ragged tables', () => {
      expectInfoboundError(() => mutualInformation([[]]), 'NOT_A_DISTRIBUTION', 'pxy is empty');
      expectInfoboundError(
        () => mutualInformation([[0.25], [0.25, 0.5]]),
        'SHAPE_MISMATCH',
        'pxy[1] has length 2',
      );
      expectInfoboundError(
        () => mutualInformation([[0.5, 0.25], 0.25] as never),
        'SHAPE_MISMATCH',
        'pxy[1] is 0.25',
      );
    });

    it('rejects non-numeric entries', () => {
      expectInfoboundError(
        () => mutualInformation([[0.5, '0.5']] as never),
        'INVALID_ARGUMENT',
        'pxy[0][1]',
      );
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => mutualInformation(pxy, { base: base as Base }),
        'INVALID_OPTION',
        'base',
      );
    });
  });
});
