import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { entropy, jointEntropy } = discrete;

describe('reference', () => {
  // scipy.stats.entropy of the flattened table: a closed form, so 1e-12 relative (STYLE.md),
  // plus expectClose's 1e-15 summation rounding floor for the zero-entropy tables.
  for (const c of discreteCases('jointEntropy')) {
    it(c.name, () => {
      expectClose(jointEntropy(c.args[0] as ProbabilityTable, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const pxy = [
    [0.1, 0.2, 0.05],
    [0.25, 0, 0.4],
  ];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(jointEntropy(pxy, { base: 'bits' })).toBe(jointEntropy(pxy) / Math.LN2);
    expect(jointEntropy(pxy, { base: 2 })).toBe(jointEntropy(pxy, { base: 'bits' }));
    expect(jointEntropy(pxy, { base: 10 })).toBe(jointEntropy(pxy) / Math.log(10));
    expect(
      jointEntropy(
        [
          [0.25, 0.25],
          [0.25, 0.25],
        ],
        { base: 'bits' },
      ),
    ).toBe(2);
  });

  it('is the entropy of the table read as one distribution over its cells', () => {
    expect(jointEntropy(pxy)).toBe(entropy(pxy.flat()));
  });

  it('does not depend on the order of the variables (transpose)', () => {
    const t = [0, 1, 2].map((j) => pxy.map((row) => row[j] as number));
    expectClose(jointEntropy(t), jointEntropy(pxy), 1e-15);
  });

  it('accepts any rank, including 3-D and 4-D tables', () => {
    const p3 = [
      [
        [0.125, 0.125],
        [0.125, 0.125],
      ],
      [
        [0.125, 0.125],
        [0.125, 0.125],
      ],
    ];
    expectClose(jointEntropy(p3, { base: 'bits' }), 3, 1e-15);
    const half = p3.map((m) => m.map((r) => r.map((v) => v / 2)));
    expectClose(jointEntropy([half, half], { base: 'bits' }), 4, 1e-15);
  });

  it('normalize divides a table of counts by its total', () => {
    expect(
      jointEntropy(
        [
          [2, 4, 1],
          [5, 0, 8],
        ],
        { normalize: true },
      ),
    ).toBe(jointEntropy([[2, 4, 1, 5, 0, 8]], { normalize: true }));
  });

  it('tolerance decides how far from 1 the total may be', () => {
    const off = [
      [0.25, 0.25],
      [0.25, 0.2501],
    ];
    expectInfoboundError(() => jointEntropy(off), 'NOT_A_DISTRIBUTION', 'pxy sums to');
    expect(Number.isFinite(jointEntropy(off, { tolerance: 1e-3 }))).toBe(true);
  });

  it('reads an ml-matrix Matrix, Float64Array rows, and an array of Matrix slices (3-D)', () => {
    expect(jointEntropy(new Matrix(pxy))).toBe(jointEntropy(pxy));
    expect(jointEntropy(pxy.map((r) => Float64Array.from(r)))).toBe(jointEntropy(pxy));
    const slices = [new Matrix([[0.125, 0.125]]), new Matrix([[0.25, 0.5]])];
    expect(jointEntropy(slices)).toBe(jointEntropy([[[0.125, 0.125]], [[0.25, 0.5]]]));
  });

  describe('bad input', () => {
    it.each([
      [-0.1, 'pxy[1][1] is -0.1'],
      [Number.NaN, 'pxy[1][1] is NaN'],
      [Number.POSITIVE_INFINITY, 'pxy[1][1] is Infinity'],
    ])('rejects the entry %s, naming its index', (v, message) => {
      const bad = [
        [0.25, 0.25],
        [0.5, v],
      ];
      expectInfoboundError(() => jointEntropy(bad), 'NOT_A_DISTRIBUTION', message);
    });

    it('rejects a table not summing to 1', () => {
      expectInfoboundError(
        () =>
          jointEntropy([
            [0.25, 0.25],
            [0.25, 0],
          ]),
        'NOT_A_DISTRIBUTION',
        'pxy sums to 0.75',
      );
    });

    it('rejects empty tables', () => {
      expectInfoboundError(() => jointEntropy([]), 'NOT_A_DISTRIBUTION', 'pxy is empty');
      expectInfoboundError(() => jointEntropy([[], []]), 'NOT_A_DISTRIBUTION', 'pxy is empty');
    });

    it('rejects ragged tables, naming the row', () => {
      expectInfoboundError(
        () =>
          jointEntropy([
            [0.25, 0.25],
            [0.25, 0.125, 0.125],
          ]),
        'SHAPE_MISMATCH',
        'pxy[1] has length 3',
      );
      expectInfoboundError(
        () =>
          jointEntropy([
            [[0.25], [0.25]],
            [[0.25], [0.125, 0.125]],
          ]),
        'SHAPE_MISMATCH',
        'pxy[1][1] has length 2',
      );
    });

    it('rejects non-numeric entries and non-table arguments', () => {
      expectInfoboundError(
        () => jointEntropy([[0.5, 'x']] as never),
        'INVALID_ARGUMENT',
        'pxy[0][1]',
      );
      expectInfoboundError(() => jointEntropy(null as never), 'INVALID_ARGUMENT', 'pxy is null');
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => jointEntropy(pxy, { base: base as Base }),
        'INVALID_OPTION',
        'base',
      );
    });
  });
});
