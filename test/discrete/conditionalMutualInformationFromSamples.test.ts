import { describe, expect, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const {
  conditionalMutualInformation,
  conditionalMutualInformationFromSamples,
  mutualInformationFromSamples,
} = discrete;

type Labels = ArrayLike<number | string>;

describe('reference', () => {
  // Σ_z (N_z/N)·sklearn.metrics.mutual_info_score(x[z], y[z]) (checked against the entropy
  // identity on the contingency table in generate.py): formula-exact from integer counts, so
  // 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation rounding floor for the cases
  // where X and Y are independent given Z (CMI 0).
  for (const c of discreteCases('conditionalMutualInformationFromSamples')) {
    it(c.name, () => {
      const [x, y, z] = c.args as [Labels, Labels, Labels];
      expectClose(conditionalMutualInformationFromSamples(x, y, z, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const x = [0, 0, 1, 1, 0, 1, 1, 0];
  const y = ['a', 'b', 'a', 'b', 'a', 'a', 'b', 'b'];
  const z = [0, 0, 0, 0, 1, 1, 1, 2];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    const cmi = conditionalMutualInformationFromSamples(x, y, z);
    expect(conditionalMutualInformationFromSamples(x, y, z, { base: 'bits' })).toBe(cmi / Math.LN2);
    expect(conditionalMutualInformationFromSamples(x, y, z, { base: 2 })).toBe(cmi / Math.LN2);
    expect(conditionalMutualInformationFromSamples(x, y, z, { base: 10 })).toBe(cmi / Math.log(10));
  });

  it('is 1 bit when Z = X xor Y for independent fair bits', () => {
    const xs = [0, 0, 1, 1];
    const ys = [0, 1, 0, 1];
    const zs = xs.map((v, i) => v ^ (ys[i] as number));
    expect(conditionalMutualInformationFromSamples(xs, ys, zs, { base: 'bits' })).toBe(1);
    expect(mutualInformationFromSamples(xs, ys)).toBe(0);
  });

  it('is I(X;Y) when Z is constant, and 0 when Z = X', () => {
    expectClose(
      conditionalMutualInformationFromSamples(
        x,
        y,
        x.map(() => 'z'),
      ),
      mutualInformationFromSamples(x, y),
      1e-12,
    );
    expect(conditionalMutualInformationFromSamples(x, y, x)).toBe(0);
  });

  it('is the CMI of the 3-D contingency table, indexed [x][y][z]', () => {
    // Counts n[x][y][z] of the samples above.
    const counts = [
      [
        [1, 1, 0],
        [1, 0, 1],
      ],
      [
        [1, 1, 0],
        [1, 1, 0],
      ],
    ];
    expectClose(
      conditionalMutualInformationFromSamples(x, y, z),
      conditionalMutualInformation(counts, { normalize: true }),
      1e-12,
    );
  });

  it("is symmetric in X and Y and treats 1 and '1' as different labels", () => {
    expectClose(
      conditionalMutualInformationFromSamples(y, x, z),
      conditionalMutualInformationFromSamples(x, y, z),
      1e-12,
    );
    const zs = [0, 0, 0, 0];
    expect(conditionalMutualInformationFromSamples([1, '1', 1, '1'], [0, 1, 0, 1], zs)).toBe(
      Math.LN2,
    );
    expect(conditionalMutualInformationFromSamples([1, 1, 1, 1], [0, 1, 0, 1], zs)).toBe(0);
  });

  it('reads typed arrays of numeric labels', () => {
    const yn = y.map((v) => (v === 'a' ? 0 : 1));
    expect(
      conditionalMutualInformationFromSamples(
        Int32Array.from(x),
        Float64Array.from(yn),
        Uint8Array.from(z),
      ),
    ).toBe(conditionalMutualInformationFromSamples(x, yn, z));
  });

  describe('bad input', () => {
    it('rejects labels of different lengths, naming the pair', () => {
      expectInfoboundError(
        () => conditionalMutualInformationFromSamples([0, 1], [0, 1, 1], [0, 0]),
        'SHAPE_MISMATCH',
        'xLabels has 2 samples but yLabels has 3',
      );
      expectInfoboundError(
        () => conditionalMutualInformationFromSamples([0, 1], [0, 1], [0]),
        'SHAPE_MISMATCH',
        'xLabels has 2 samples but zLabels has 1',
      );
    });

    it('rejects empty samples', () => {
      expectInfoboundError(
        () => conditionalMutualInformationFromSamples([], [], []),
        'TOO_FEW_SAMPLES',
        'xLabels has 0 labels',
      );
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY])(
      'rejects the numeric label %s in each argument',
      (v) => {
        expectInfoboundError(
          () => conditionalMutualInformationFromSamples([v], [0], [0]),
          'NON_FINITE',
          'xLabels[0]',
        );
        expectInfoboundError(
          () => conditionalMutualInformationFromSamples([0], [v], [0]),
          'NON_FINITE',
          'yLabels[0]',
        );
        expectInfoboundError(
          () => conditionalMutualInformationFromSamples([0, 1], [0, 1], [1, v]),
          'NON_FINITE',
          'zLabels[1]',
        );
      },
    );

    it.each([{}, null, undefined, true, [0]])('rejects the label %s', (v) => {
      expectInfoboundError(
        () => conditionalMutualInformationFromSamples([0, 1], [0, 1], [v, 0] as never),
        'INVALID_ARGUMENT',
        'zLabels[0]',
      );
    });

    it('rejects a non-array argument', () => {
      expectInfoboundError(
        () => conditionalMutualInformationFromSamples([0], [0], 0 as never),
        'INVALID_ARGUMENT',
        'zLabels is 0',
      );
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => conditionalMutualInformationFromSamples(x, y, z, { base: base as Base }),
        'INVALID_OPTION',
        'base is',
      );
    });
  });
});
