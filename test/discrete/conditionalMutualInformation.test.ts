import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { ProbabilityTable } from '../../src/core/input.js';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { conditionalMutualInformation, mutualInformation } = discrete;

describe('reference', () => {
  // Σ_z p(z)·scipy.stats.entropy(p_XY|z, p_X|z ⊗ p_Y|z) (checked against
  // H(X,Z) + H(Y,Z) − H(X,Y,Z) − H(Z) in generate.py): a closed form, so 1e-12 relative
  // (STYLE.md), plus expectClose's 1e-15 summation rounding floor for the Markov-chain tables,
  // whose CMI is 0.
  for (const c of discreteCases('conditionalMutualInformation')) {
    it(c.name, () => {
      expectClose(
        conditionalMutualInformation(c.args[0] as ProbabilityTable, c.options),
        c.expected,
        1e-12,
      );
    });
  }
});

describe('behaviour', () => {
  // X, Y fair independent bits, Z = X xor Y.
  const xor = [
    [
      [0.25, 0],
      [0, 0.25],
    ],
    [
      [0, 0.25],
      [0.25, 0],
    ],
  ];
  const p = [
    [
      [0.05, 0.1],
      [0.1, 0.05],
    ],
    [
      [0.2, 0.05],
      [0.15, 0.3],
    ],
  ];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(conditionalMutualInformation(xor, { base: 'bits' })).toBe(1);
    expect(conditionalMutualInformation(p, { base: 'bits' })).toBe(
      conditionalMutualInformation(p) / Math.LN2,
    );
    expect(conditionalMutualInformation(p, { base: 2 })).toBe(
      conditionalMutualInformation(p, { base: 'bits' }),
    );
    expect(conditionalMutualInformation(p, { base: 10 })).toBe(
      conditionalMutualInformation(p) / Math.log(10),
    );
  });

  it('indexes the table pxyz[x][y][z]: with one value of Z it is I(X;Y)', () => {
    const pxy = [
      [0.1, 0.3],
      [0.4, 0.2],
    ];
    const asXYZ = pxy.map((r) => r.map((v) => [v]));
    expectClose(conditionalMutualInformation(asXYZ), mutualInformation(pxy), 1e-15);
  });

  it('is symmetric in X and Y', () => {
    const swapped = [0, 1].map((y) => [0, 1].map((x) => p[x]![y]!));
    expectClose(conditionalMutualInformation(swapped), conditionalMutualInformation(p), 1e-12);
  });

  it('is 0 on a Markov chain X → Z → Y', () => {
    const px = [0.3, 0.7];
    const pzx = [
      [0.9, 0.1],
      [0.2, 0.8],
    ];
    const pyz = [
      [0.6, 0.4],
      [0.25, 0.75],
    ];
    const t = [0, 1].map((x) =>
      [0, 1].map((y) => [0, 1].map((z) => px[x]! * pzx[x]![z]! * pyz[z]![y]!)),
    );
    const cmi = conditionalMutualInformation(t);
    expect(cmi).toBeGreaterThanOrEqual(0);
    expectClose(cmi, 0, 0);
  });

  it('normalize divides counts by their total; tolerance bounds the sum', () => {
    const counts = xor.map((m) => m.map((r) => r.map((v) => v * 40)));
    expect(conditionalMutualInformation(counts, { normalize: true })).toBe(
      conditionalMutualInformation(xor),
    );
    expectInfoboundError(
      () => conditionalMutualInformation(counts),
      'NOT_A_DISTRIBUTION',
      'normalize',
    );
    const off = xor.map((m) => m.map((r) => r.map((v) => v * 1.001)));
    expectInfoboundError(
      () => conditionalMutualInformation(off),
      'NOT_A_DISTRIBUTION',
      'pxyz sums to',
    );
    expectClose(conditionalMutualInformation(off, { tolerance: 0.01 }), Math.LN2, 1e-15);
  });

  it('reads an array of ml-matrix Matrix slices and Float64Array rows', () => {
    expect(conditionalMutualInformation(p.map((m) => new Matrix(m)))).toBe(
      conditionalMutualInformation(p),
    );
    expect(conditionalMutualInformation(p.map((m) => m.map((r) => Float64Array.from(r))))).toBe(
      conditionalMutualInformation(p),
    );
  });

  it('stays finite with probabilities near 1e-300', () => {
    const t = [
      [
        [1e-300, 0],
        [1, 0],
      ],
      [
        [0, 0],
        [0, 0],
      ],
    ];
    expectClose(conditionalMutualInformation(t), 0, 0);
  });

  // Regression: p(z)/p(y,z) overflowed to Infinity when p(y,z) was subnormal, and the compensated
  // sum turned Infinity + 0 into NaN. X is constant here, so the true value is exactly 0.
  it('stays finite (0) with a subnormal cell p = 1e-309', () => {
    const t = [
      [
        [1e-309, 0],
        [1, 0],
      ],
      [
        [0, 0],
        [0, 0],
      ],
    ];
    expectClose(conditionalMutualInformation(t), 0, 0);
  });

  describe('bad input', () => {
    it.each([
      [-0.05, 'pxyz[1][0][1] is -0.05'],
      [Number.NaN, 'pxyz[1][0][1] is NaN'],
      [Number.POSITIVE_INFINITY, 'pxyz[1][0][1] is Infinity'],
    ])('rejects the entry %s, naming its index', (v, message) => {
      const bad = p.map((m) => m.map((r) => [...r]));
      bad[1]![0]![1] = v;
      expectInfoboundError(() => conditionalMutualInformation(bad), 'NOT_A_DISTRIBUTION', message);
    });

    it('rejects a table not summing to 1', () => {
      expectInfoboundError(
        () => conditionalMutualInformation([[[0.5, 0.25]]]),
        'NOT_A_DISTRIBUTION',
        'pxyz sums to 0.75',
      );
    });

    it('requires a 3-D table', () => {
      expectInfoboundError(
        () =>
          conditionalMutualInformation([
            [0.5, 0],
            [0, 0.5],
          ]),
        'SHAPE_MISMATCH',
        'pxyz has 2 dimensions',
      );
      expectInfoboundError(
        () => conditionalMutualInformation([1]),
        'SHAPE_MISMATCH',
        'pxyz has 1 dimension',
      );
      expectInfoboundError(
        () => conditionalMutualInformation(new Matrix([[1]])),
        'SHAPE_MISMATCH',
        'expected a 3-D table',
      );
    });

    it('rejects empty and ragged tables', () => {
      expectInfoboundError(
        () => conditionalMutualInformation([[[]]]),
        'NOT_A_DISTRIBUTION',
        'pxyz is empty',
      );
      expectInfoboundError(
        () =>
          conditionalMutualInformation([
            [[0.25, 0.25], [0.25]],
            [
              [0.25, 0],
              [0, 0],
            ],
          ]),
        'SHAPE_MISMATCH',
        'pxyz[0][1] has length 1',
      );
      expectInfoboundError(
        () => conditionalMutualInformation([[[0.5], [0.5]], [[0]]]),
        'SHAPE_MISMATCH',
        'pxyz[1] has length 1',
      );
    });

    it('rejects non-numeric entries', () => {
      expectInfoboundError(
        () => conditionalMutualInformation([[[0.5, undefined]], [[0.5, 0]]] as never),
        'INVALID_ARGUMENT',
        'pxyz[0][0][1]',
      );
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => conditionalMutualInformation(p, { base: base as Base }),
        'INVALID_OPTION',
        'base',
      );
    });
  });
});
