import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { discrete } from '../../src/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const { semanticEntropy, entropy, entropyFromSamples } = discrete;

// Every expected value below is a closed form worked out by hand; the estimator sums a few
// p·log p terms of O(1), so it must agree to 1e-12 relative (STYLE.md, closed forms), plus
// expectClose's 1e-15 rounding floor where the exact value is 0.
const REL = 1e-12;

describe('reference: frequency form (no probabilities)', () => {
  it("['a', 'a', 'b', 'c'] has cluster distribution (1/2, 1/4, 1/4): 1.5 bits = 1.5 ln 2 nats", () => {
    expectClose(semanticEntropy(['a', 'a', 'b', 'c'], { base: 'bits' }), 1.5, REL);
    expectClose(semanticEntropy(['a', 'a', 'b', 'c']), 1.5 * Math.LN2, REL);
  });

  it('k equally frequent clusters give log k; one cluster gives 0', () => {
    expectClose(semanticEntropy([0, 1, 2, 3, 4, 5]), Math.log(6), REL);
    expectClose(semanticEntropy(['x', 'y', 'z', 'x', 'y', 'z']), Math.log(3), REL);
    expectClose(semanticEntropy([7, 7, 7, 7], { base: 'bits' }), 0, REL);
    expectClose(semanticEntropy(['only']), 0, REL);
  });

  it('(3/6, 2/6, 1/6): log 6 − (1/2) log 3 − (1/3) log 2', () => {
    const expected = Math.log(6) - 0.5 * Math.log(3) - Math.log(2) / 3;
    expectClose(semanticEntropy(['a', 'b', 'a', 'c', 'a', 'b']), expected, REL);
  });

  it('base 10 divides the nats by ln 10', () => {
    expectClose(
      semanticEntropy(['a', 'a', 'b', 'c'], { base: 10 }),
      (1.5 * Math.LN2) / Math.LN10,
      REL,
    );
  });

  it('equals discrete.entropyFromSamples (the plug-in) on the same labels', () => {
    const rng = createRandom(11);
    for (let t = 0; t < 20; t++) {
      const n = rng.int(1, 60);
      const k = rng.int(1, 8);
      const labels = Array.from({ length: n }, () => `c${rng.int(0, k - 1)}`);
      expectClose(semanticEntropy(labels), entropyFromSamples(labels), REL, 1e-15);
      expectClose(
        semanticEntropy(labels, { base: 'bits' }),
        entropyFromSamples(labels, { base: 'bits' }),
        REL,
        1e-15,
      );
    }
  });
});

describe('reference: probability-weighted form', () => {
  it("['a', 'b'] with p = (0.3, 0.1): P = (3/4, 1/4), H = log 4 − (3/4) log 3", () => {
    expectClose(
      semanticEntropy(['a', 'b'], { probabilities: [0.3, 0.1] }),
      Math.log(4) - 0.75 * Math.log(3),
      REL,
    );
  });

  it("members' probabilities add up within a cluster: (x: 0.1 + 0.3, y: 0.2, z: 0.4)", () => {
    // P = (0.4, 0.2, 0.4): −2·0.4 log 0.4 − 0.2 log 0.2.
    const expected = -0.8 * Math.log(0.4) - 0.2 * Math.log(0.2);
    expectClose(
      semanticEntropy(['x', 'y', 'x', 'z'], { probabilities: [0.1, 0.2, 0.3, 0.4] }),
      expected,
      REL,
    );
  });

  it('is invariant to the scale of the probabilities (likelihoods need not be normalised)', () => {
    const clusters = ['x', 'y', 'x', 'z'];
    const p = [0.1, 0.2, 0.3, 0.4];
    const base = semanticEntropy(clusters, { probabilities: p });
    expectClose(semanticEntropy(clusters, { probabilities: p.map((v) => v * 1e6) }), base, REL);
    expectClose(semanticEntropy(clusters, { probabilities: p.map((v) => v * 1e-9) }), base, REL);
  });

  it('equal probabilities give the frequency form; a zero-probability member adds no mass', () => {
    const clusters = ['a', 'a', 'b', 'c'];
    expectClose(
      semanticEntropy(clusters, { probabilities: [0.2, 0.2, 0.2, 0.2] }),
      semanticEntropy(clusters),
      REL,
    );
    // Cluster c has mass 0: P = (1/2, 1/2, 0), log 2.
    expectClose(semanticEntropy(clusters, { probabilities: [0.5, 0.5, 1, 0] }), Math.log(2), REL);
  });

  it('equals discrete.entropy of the summed, normalised cluster probabilities', () => {
    // Labels in first-appearance order and positive weights: the estimator must be the entropy
    // of the per-cluster sums divided by their total.
    const sample = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 1e-6, max: 10, noNaN: true, noDefaultInfinity: true }),
      ),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(sample, (pairs) => {
        const clusters = pairs.map(([c]) => c);
        const probabilities = pairs.map(([, p]) => p);
        const mass = new Map<number, number>();
        for (const [c, p] of pairs) mass.set(c, (mass.get(c) ?? 0) + p);
        const expected = entropy([...mass.values()], { normalize: true });
        const actual = semanticEntropy(clusters, { probabilities });
        // Both sum the same few terms in different orders: a few ulps of log(#clusters) ≤ 2.
        return Math.abs(actual - expected) <= 1e-12 * Math.max(1, expected) + 1e-15;
      }),
      { seed: 20240701, numRuns: 200 },
    );
  });

  it('does not depend on the order of the generations', () => {
    const rng = createRandom(3);
    const clusters = Array.from({ length: 30 }, () => rng.int(0, 4));
    const probabilities = Array.from({ length: 30 }, () => rng.uniform());
    const order = rng.permutation(30);
    expectClose(
      semanticEntropy(
        Array.from(order, (i) => clusters[i] as number),
        { probabilities: Array.from(order, (i) => probabilities[i] as number) },
      ),
      semanticEntropy(clusters, { probabilities }),
      REL,
    );
  });

  it('accepts a Float64Array of probabilities and numeric cluster labels', () => {
    expectClose(
      semanticEntropy([0, 1], { probabilities: Float64Array.of(0.3, 0.1) }),
      Math.log(4) - 0.75 * Math.log(3),
      REL,
    );
  });
});

describe('errors', () => {
  it('probabilities of the wrong length: SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () => semanticEntropy(['a', 'b', 'c'], { probabilities: [0.5, 0.5] }),
      'SHAPE_MISMATCH',
      'probabilities has 2 entries',
    );
  });

  it('a negative, NaN or infinite probability: NOT_A_DISTRIBUTION naming its index', () => {
    expectInfoboundError(
      () => semanticEntropy(['a', 'b'], { probabilities: [0.5, -0.2] }),
      'NOT_A_DISTRIBUTION',
      'probabilities[1]',
    );
    expectInfoboundError(
      () => semanticEntropy(['a', 'b'], { probabilities: [Number.NaN, 0.2] }),
      'NOT_A_DISTRIBUTION',
      'probabilities[0] is NaN',
    );
    expectInfoboundError(
      () => semanticEntropy(['a', 'b'], { probabilities: [0.1, Number.POSITIVE_INFINITY] }),
      'NOT_A_DISTRIBUTION',
      'probabilities[1] is Infinity',
    );
    expectInfoboundError(
      () => semanticEntropy(['a', 'b'], { probabilities: [0.1, '0.2' as unknown as number] }),
      'NOT_A_DISTRIBUTION',
      'probabilities[1]',
    );
  });

  it('probabilities that are all 0: NOT_A_DISTRIBUTION', () => {
    expectInfoboundError(
      () => semanticEntropy(['a', 'b', 'a'], { probabilities: [0, 0, 0] }),
      'NOT_A_DISTRIBUTION',
      'sum to 0',
    );
  });

  it('probabilities that are not an array: INVALID_OPTION', () => {
    expectInfoboundError(
      () => semanticEntropy(['a'], { probabilities: 0.5 as unknown as number[] }),
      'INVALID_OPTION',
      'probabilities',
    );
  });

  it('bad labels: NON_FINITE for NaN and ±Infinity, INVALID_ARGUMENT for other types', () => {
    expectInfoboundError(() => semanticEntropy([1, Number.NaN]), 'NON_FINITE', 'clusters[1]');
    expectInfoboundError(
      () => semanticEntropy([Number.NEGATIVE_INFINITY, 2]),
      'NON_FINITE',
      'clusters[0]',
    );
    expectInfoboundError(
      () => semanticEntropy(['a', null as unknown as string]),
      'INVALID_ARGUMENT',
      'clusters[1]',
    );
    expectInfoboundError(
      () => semanticEntropy(['a', { c: 1 } as unknown as string]),
      'INVALID_ARGUMENT',
      'clusters[1]',
    );
    expectInfoboundError(
      () => semanticEntropy(42 as unknown as number[]),
      'INVALID_ARGUMENT',
      'clusters',
    );
  });

  it('no generations: TOO_FEW_SAMPLES; a bad base: INVALID_OPTION', () => {
    expectInfoboundError(() => semanticEntropy([]), 'TOO_FEW_SAMPLES', 'clusters');
    expectInfoboundError(() => semanticEntropy(['a'], { base: 1 }), 'INVALID_OPTION', 'base');
    expectInfoboundError(
      () => semanticEntropy(['a'], { base: 'decibans' as 'bits' }),
      'INVALID_OPTION',
      'base',
    );
  });
});

describe('behaviour', () => {
  it("treats 1 and '1' as different clusters", () => {
    expect(semanticEntropy([1, '1'])).toBe(semanticEntropy(['a', 'b']));
  });
});
