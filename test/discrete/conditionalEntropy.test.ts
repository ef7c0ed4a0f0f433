import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { conditionalEntropy, entropy, jointEntropy } = discrete;

describe('reference', () => {
  // Σ_y p(y)·scipy.stats.entropy(p[:, y]) (checked against H(X,Y) − H(Y) in generate.py): a closed
  // form, so 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation rounding floor for the
  // tables where Y determines X and H(X|Y) = 0.
  for (const c of discreteCases('conditionalEntropy')) {
    it(c.name, () => {
      expectClose(conditionalEntropy(c.args[0] as ProbabilityTable, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const pxy = [
    [0.1, 0.2, 0.05],
    [0.25, 0, 0.15],
    [0.05, 0.1, 0.1],
  ];
  const py = [0.4, 0.3, 0.3];
  const transpose = (t: number[][]) =>
    (t[0] as number[]).map((_, j) => t.map((r) => r[j] as number));

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(conditionalEntropy(pxy, { base: 'bits' })).toBe(conditionalEntropy(pxy) / Math.LN2);
    expect(conditionalEntropy(pxy, { base: 2 })).toBe(conditionalEntropy(pxy, { base: 'bits' }));
    expect(conditionalEntropy(pxy, { base: 10 })).toBe(conditionalEntropy(pxy) / Math.log(10));
  });

  it('rows are X, columns are Y: H(X|Y) = H(X,Y) − H(Y), and the transpose gives H(Y|X)', () => {
    // The identity is a difference of O(1) entropies: 1e-12 relative plus the rounding floor.
    expectClose(conditionalEntropy(pxy), jointEntropy(pxy) - entropy(py), 1e-12);
    const px = pxy.map((r) => r.reduce((a, b) => a + b, 0));
    expectClose(conditionalEntropy(transpose(pxy)), jointEntropy(pxy) - entropy(px), 1e-12);
  });

  it('is 0 when Y determines X and H(X) when they are independent', () => {
    expect(
      conditionalEntropy([
        [0.5, 0, 0],
        [0, 0.3, 0.2],
      ]),
    ).toBe(0);
    const px = [0.2, 0.8];
    const indep = px.map((a) => py.map((b) => a * b));
    expectClose(conditionalEntropy(indep), entropy(px), 1e-12);
  });

  it('ignores columns with p(y) = 0', () => {
    expect(
      conditionalEntropy([
        [0.25, 0],
        [0.75, 0],
      ]),
    ).toBe(entropy([0.25, 0.75]));
  });

  it('normalize divides counts by their total; tolerance bounds the sum', () => {
    expect(
      conditionalEntropy(
        [
          [1, 3],
          [3, 1],
        ],
        { normalize: true },
      ),
    ).toBe(
      conditionalEntropy([
        [0.125, 0.375],
        [0.375, 0.125],
      ]),
    );
    const off = [
      [0.25, 0.25],
      [0.25, 0.26],
    ];
    expectInfoboundError(() => conditionalEntropy(off), 'NOT_A_DISTRIBUTION', 'pxy sums to');
    expect(conditionalEntropy(off, { tolerance: 0.02 })).toBeGreaterThan(0);
  });

  it('reads an ml-matrix Matrix and Float64Array rows', () => {
    expect(conditionalEntropy(new Matrix(pxy))).toBe(conditionalEntropy(pxy));
    expect(conditionalEntropy(pxy.map((r) => Float64Array.from(r)))).toBe(conditionalEntropy(pxy));
  });

  describe('bad input', () => {
    it.each([
      [-0.05, 'pxy[2][1] is -0.05'],
      [Number.NaN, 'pxy[2][1] is NaN'],
      [Number.POSITIVE_INFINITY, 'pxy[2][1] is Infinity'],
    ])('rejects the entry %s, naming its index', (v, message) => {
      const bad = pxy.map((r) => [...r]);
      (bad[2] as number[])[1] = v;
      expectInfoboundError(() => conditionalEntropy(bad), 'NOT_A_DISTRIBUTION', message);
    });

    it('rejects a table not summing to 1', () => {
      expectInfoboundError(
        () => conditionalEntropy([[0.25, 0.25]]),
        'NOT_A_DISTRIBUTION',
        'pxy sums to 0.5',
      );
    });

    it('requires a 2-D table', () => {
      expectInfoboundError(
        () => conditionalEntropy([0.5, 0.5]),
        'SHAPE_MISMATCH',
        'pxy has 1 dimension',
      );
      expectInfoboundError(
        () => conditionalEntropy([[[0.5], [0.5]]]),
        'SHAPE_MISMATCH',
        'pxy has 3 dimensions',
      );
    });

    it('rejects empty and ragged tables', () => {
      expectInfoboundError(() => conditionalEntropy([[]]), 'NOT_A_DISTRIBUTION', 'pxy is empty');
      expectInfoboundError(
        () => conditionalEntropy([[0.5, 0.25], [0.25]]),
        'SHAPE_MISMATCH',
        'pxy[1] has length 1',
      );
    });

    it('rejects non-numeric entries', () => {
      expectInfoboundError(
        () => conditionalEntropy([[0.5, {}]] as never),
        'INVALID_ARGUMENT',
        'pxy[0][1]',
      );
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => conditionalEntropy(pxy, { base: base as Base }),
        'INVALID_OPTION',
        'base',
      );
    });
  });
});
