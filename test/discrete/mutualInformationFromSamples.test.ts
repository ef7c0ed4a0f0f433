import { describe, expect, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { mutualInformation, mutualInformationFromSamples } = discrete;

type Labels = ArrayLike<number | string>;

describe('reference', () => {
  // sklearn.metrics.mutual_info_score (checked against scipy.stats.entropy of the contingency
  // table in generate.py): formula-exact from integer counts, so 1e-12 relative (STYLE.md), plus
  // expectClose's 1e-15 summation rounding floor for independent labelings, whose MI is 0.
  for (const c of discreteCases('mutualInformationFromSamples')) {
    it(c.name, () => {
      const [x, y] = c.args as [Labels, Labels];
      expectClose(mutualInformationFromSamples(x, y, c.options), c.expected, 1e-12);
    });
  }
});

describe('behaviour', () => {
  const x = [0, 0, 1, 1, 2, 2, 0, 1];
  const y = ['a', 'b', 'b', 'b', 'a', 'a', 'a', 'b'];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    const mi = mutualInformationFromSamples(x, y);
    expect(mutualInformationFromSamples(x, y, { base: 'bits' })).toBe(mi / Math.LN2);
    expect(mutualInformationFromSamples(x, y, { base: 2 })).toBe(mi / Math.LN2);
    expect(mutualInformationFromSamples(x, y, { base: 10 })).toBe(mi / Math.log(10));
    expect(mutualInformationFromSamples([0, 0, 1, 1], ['a', 'a', 'b', 'b'], { base: 'bits' })).toBe(
      1,
    );
  });

  it('is the MI of the contingency table (the empirical joint)', () => {
    // Two routes to one value through different roundings: 1e-12 plus the rounding floor.
    const counts = [
      [2, 1],
      [0, 3],
      [2, 0],
    ];
    expectClose(
      mutualInformationFromSamples(x, y),
      mutualInformation(counts, { normalize: true }),
      1e-12,
    );
  });

  it('is symmetric, 0 for independent designs and for a constant labeling', () => {
    expect(mutualInformationFromSamples(y, x)).toBe(mutualInformationFromSamples(x, y));
    expect(mutualInformationFromSamples([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    expect(mutualInformationFromSamples([5, 5, 5], ['a', 'b', 'c'])).toBe(0);
    expect(mutualInformationFromSamples([1], [2])).toBe(0);
  });

  it("treats 1 and '1' as different labels", () => {
    expect(mutualInformationFromSamples([1, '1', 1, '1'], [0, 1, 0, 1])).toBe(Math.LN2);
    expect(mutualInformationFromSamples([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0);
  });

  it('does not depend on the names of the labels; reads typed arrays', () => {
    const renamed = x.map((v) => ['u', 'v', 'w'][v] as string);
    expect(mutualInformationFromSamples(renamed, y)).toBe(mutualInformationFromSamples(x, y));
    const yn = y.map((v) => (v === 'a' ? 0 : 1));
    expect(mutualInformationFromSamples(Float64Array.from(x), Int8Array.from(yn))).toBe(
      mutualInformationFromSamples(x, yn),
    );
  });

  describe('bad input', () => {
    it('rejects labels of different lengths, naming both', () => {
      const err = expectInfoboundError(
        () => mutualInformationFromSamples([0, 1, 0], [0, 1]),
        'SHAPE_MISMATCH',
        'xLabels has 3 samples but yLabels has 2',
      );
      expect(err.message).toContain('paired');
    });

    it('rejects empty samples', () => {
      expectInfoboundError(
        () => mutualInformationFromSamples([], []),
        'TOO_FEW_SAMPLES',
        'xLabels',
      );
      expectInfoboundError(
        () => mutualInformationFromSamples([1], []),
        'TOO_FEW_SAMPLES',
        'yLabels',
      );
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
      'rejects the numeric label %s, naming the argument and index',
      (v) => {
        expectInfoboundError(
          () => mutualInformationFromSamples([0, v], [0, 1]),
          'NON_FINITE',
          'xLabels[1]',
        );
        expectInfoboundError(
          () => mutualInformationFromSamples([0, 1], [v, 1]),
          'NON_FINITE',
          'yLabels[0]',
        );
      },
    );

    it.each([{}, null, undefined, false, ['a']])('rejects the label %s', (v) => {
      expectInfoboundError(
        () => mutualInformationFromSamples([0, 1, 2], [0, 1, v] as never),
        'INVALID_ARGUMENT',
        'yLabels[2]',
      );
    });

    it('rejects a non-array argument', () => {
      expectInfoboundError(
        () => mutualInformationFromSamples('abc' as never, [1, 2, 3]),
        'INVALID_ARGUMENT',
        'xLabels is "abc"',
      );
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => mutualInformationFromSamples(x, y, { base: base as Base }),
        'INVALID_OPTION',
        'base is',
      );
    });
  });
});
