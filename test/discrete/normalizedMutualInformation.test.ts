import { describe, expect, it } from 'vitest';
import type { NormalizedMutualInformationOptions } from '../../src/discrete/index.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { entropyFromSamples, mutualInformationFromSamples, normalizedMutualInformation } = discrete;

type Labels = ArrayLike<number | string>;
const METHODS = ['arithmetic', 'geometric', 'min', 'max'] as const;

describe('reference', () => {
  // sklearn.metrics.normalized_mutual_info_score, each average_method: formula-exact from integer
  // counts, so 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation rounding floor for
  // independent labelings, whose NMI is 0.
  for (const c of discreteCases('normalizedMutualInformation')) {
    it(c.name, () => {
      const [x, y] = c.args as [Labels, Labels];
      expectClose(
        normalizedMutualInformation(x, y, c.options as NormalizedMutualInformationOptions),
        c.expected,
        1e-12,
      );
    });
  }
});

describe('behaviour', () => {
  const x = [0, 0, 1, 1, 2, 2, 0, 1];
  const y = ['a', 'b', 'b', 'b', 'a', 'a', 'a', 'c'];

  it('is I / mean(H(X), H(Y)) with the chosen mean; arithmetic is the default', () => {
    const mi = mutualInformationFromSamples(x, y);
    const hx = entropyFromSamples(x);
    const hy = entropyFromSamples(y);
    const means = {
      arithmetic: (hx + hy) / 2,
      geometric: Math.sqrt(hx * hy),
      min: Math.min(hx, hy),
      max: Math.max(hx, hy),
    };
    for (const m of METHODS) {
      expectClose(normalizedMutualInformation(x, y, { averageMethod: m }), mi / means[m], 1e-14);
    }
    expect(normalizedMutualInformation(x, y)).toBe(
      normalizedMutualInformation(x, y, { averageMethod: 'arithmetic' }),
    );
  });

  it('has no unit: the same value whatever logarithm the entropies use', () => {
    const bits =
      mutualInformationFromSamples(x, y, { base: 'bits' }) /
      ((entropyFromSamples(x, { base: 'bits' }) + entropyFromSamples(y, { base: 'bits' })) / 2);
    expectClose(normalizedMutualInformation(x, y), bits, 1e-14);
  });

  it('is 1 for labelings equal up to renaming, in every average', () => {
    const renamed = x.map((v) => ['p', 'q', 'r'][v] as string);
    for (const m of METHODS)
      expect(normalizedMutualInformation(x, renamed, { averageMethod: m })).toBe(1);
  });

  it('is 1 when both labelings have a single class (the trivial partitions agree)', () => {
    for (const m of METHODS) {
      expect(normalizedMutualInformation(['a', 'a', 'a'], [7, 7, 7], { averageMethod: m })).toBe(1);
    }
    expect(normalizedMutualInformation([1], ['1'])).toBe(1);
  });

  it('is 0 when one labeling has a single class, or when they are independent', () => {
    for (const m of METHODS) {
      expect(normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3], { averageMethod: m })).toBe(0);
      expect(normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1], { averageMethod: m })).toBe(0);
    }
  });

  it("is symmetric, in [0, 1], and treats 1 and '1' as different labels", () => {
    for (const m of METHODS) {
      const v = normalizedMutualInformation(x, y, { averageMethod: m });
      expect(normalizedMutualInformation(y, x, { averageMethod: m })).toBe(v);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(normalizedMutualInformation([1, '1', 1, '1'], [0, 1, 0, 1])).toBe(1);
    expect(normalizedMutualInformation([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0);
  });

  it('reads typed arrays of numeric labels', () => {
    const yn = [0, 1, 1, 1, 0, 0, 0, 2];
    expect(normalizedMutualInformation(Float64Array.from(x), Uint16Array.from(yn))).toBe(
      normalizedMutualInformation(x, yn),
    );
  });

  describe('bad input', () => {
    it('rejects labels of different lengths, naming both', () => {
      expectInfoboundError(
        () => normalizedMutualInformation([0, 1, 1], [0, 1]),
        'SHAPE_MISMATCH',
        'xLabels has 3 samples but yLabels has 2',
      );
    });

    it('rejects empty samples', () => {
      expectInfoboundError(() => normalizedMutualInformation([], []), 'TOO_FEW_SAMPLES', 'xLabels');
    });

    it.each([Number.NaN, Number.NEGATIVE_INFINITY])('rejects the numeric label %s', (v) => {
      expectInfoboundError(
        () => normalizedMutualInformation([0, 1], [1, v]),
        'NON_FINITE',
        'yLabels[1]',
      );
    });

    it.each([{}, null, undefined, true, [0]])('rejects the label %s', (v) => {
      expectInfoboundError(
        () => normalizedMutualInformation([v, 1] as never, [0, 1]),
        'INVALID_ARGUMENT',
        'xLabels[0]',
      );
    });

    it.each(['mean', 'Arithmetic', 'harmonic', 0])('rejects averageMethod %s', (averageMethod) => {
      expectInfoboundError(
        () =>
          normalizedMutualInformation(x, y, {
            averageMethod,
          } as NormalizedMutualInformationOptions),
        'INVALID_OPTION',
        'averageMethod is',
      );
    });
  });
});
