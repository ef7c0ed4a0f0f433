import { describe, expect, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import type { EntropyFromSamplesOptions } from '../../src/discrete/index.js';
import { discrete } from '../../src/index.js';
import { discreteCases, expectClose, expectInfoboundError } from '../helpers.js';

const { entropy, entropyFromSamples } = discrete;

describe('reference', () => {
  // scipy.stats.entropy(counts, base), plus (m − 1)/(2N) nats for Miller–Madow: formula-exact
  // from integer counts, so 1e-12 relative (STYLE.md), plus expectClose's 1e-15 summation rounding
  // floor for single-class label sets, whose entropy is 0.
  for (const c of discreteCases('entropyFromSamples')) {
    it(c.name, () => {
      const labels = c.args[0] as ArrayLike<number | string>;
      expectClose(
        entropyFromSamples(labels, c.options as EntropyFromSamplesOptions),
        c.expected,
        1e-12,
      );
    });
  }
});

describe('behaviour', () => {
  const labels = ['a', 'b', 'a', 'c', 'a', 'b'];

  it('bits = nats / ln 2; base 10 divides by ln 10', () => {
    expect(entropyFromSamples(labels, { base: 'bits' })).toBe(
      entropyFromSamples(labels) / Math.LN2,
    );
    expect(entropyFromSamples(labels, { base: 2 })).toBe(
      entropyFromSamples(labels, { base: 'bits' }),
    );
    expect(entropyFromSamples(labels, { base: 10 })).toBe(
      entropyFromSamples(labels) / Math.log(10),
    );
    expect(entropyFromSamples(['a', 'b', 'a', 'b'], { base: 'bits' })).toBe(1);
  });

  it('is the entropy of the empirical distribution (plug-in)', () => {
    expect(entropyFromSamples(labels)).toBe(entropy([3, 2, 1], { normalize: true }));
    expect(entropyFromSamples(['x', 'x', 'x'])).toBe(0);
    expect(entropyFromSamples([42])).toBe(0);
  });

  it("Miller–Madow adds (m − 1)/(2N) nats, before the unit conversion; 'none' is the default", () => {
    const n = labels.length;
    const plugIn = entropyFromSamples(labels);
    expect(entropyFromSamples(labels, { correction: 'none' })).toBe(plugIn);
    expect(entropyFromSamples(labels, { correction: 'miller-madow' })).toBe(plugIn + 2 / (2 * n));
    expect(entropyFromSamples(labels, { correction: 'miller-madow', base: 'bits' })).toBe(
      (plugIn + 2 / (2 * n)) / Math.LN2,
    );
    // One class: no correction (m − 1 = 0).
    expect(entropyFromSamples([7, 7, 7], { correction: 'miller-madow' })).toBe(0);
  });

  it("treats 1 and '1' as different labels, and 0 and -0 as the same", () => {
    expect(entropyFromSamples([1, '1'])).toBe(Math.LN2);
    expect(entropyFromSamples([1, 1])).toBe(0);
    expect(entropyFromSamples([0, -0])).toBe(0);
  });

  it('does not depend on the names or order of the labels', () => {
    const renamed = labels.map((l) => ({ a: 10, b: -3.5, c: 1e9 })[l] as number);
    expect(entropyFromSamples(renamed)).toBe(entropyFromSamples(labels));
    expectClose(entropyFromSamples([...labels].reverse()), entropyFromSamples(labels), 1e-15);
  });

  it('reads typed arrays of numeric labels', () => {
    const xs = [3, 1, 3, 3, 2, 1];
    expect(entropyFromSamples(Float64Array.from(xs))).toBe(entropyFromSamples(xs));
    expect(entropyFromSamples(Int32Array.from(xs))).toBe(entropyFromSamples(xs));
  });

  describe('bad input', () => {
    it('rejects an empty sample', () => {
      expectInfoboundError(() => entropyFromSamples([]), 'TOO_FEW_SAMPLES', 'labels has 0 labels');
    });

    it.each([
      [Number.NaN, 'labels[2] is NaN'],
      [Number.POSITIVE_INFINITY, 'labels[2] is Infinity'],
      [Number.NEGATIVE_INFINITY, 'labels[2] is -Infinity'],
    ])('rejects the numeric label %s', (v, message) => {
      expectInfoboundError(() => entropyFromSamples([1, 2, v, 1]), 'NON_FINITE', message);
    });

    it.each([{}, null, undefined, true, [1], Symbol('s'), 1n])(
      'rejects the label %s (neither number nor string)',
      (v) => {
        expectInfoboundError(
          () => entropyFromSamples(['a', v] as never),
          'INVALID_ARGUMENT',
          'labels[1]',
        );
      },
    );

    it.each(['abc', 3, null, undefined, {}])('rejects %s as the label array', (x) => {
      expectInfoboundError(() => entropyFromSamples(x as never), 'INVALID_ARGUMENT', 'labels is');
    });

    it.each(['mm', 'Miller-Madow', 'jackknife', 1])('rejects correction %s', (correction) => {
      expectInfoboundError(
        () => entropyFromSamples(labels, { correction } as EntropyFromSamplesOptions),
        'INVALID_OPTION',
        'correction is',
      );
    });

    it.each([1, 0, -2, 'foo'])('rejects base %s', (base) => {
      expectInfoboundError(
        () => entropyFromSamples(labels, { base: base as Base }),
        'INVALID_OPTION',
        'base is',
      );
    });
  });
});
