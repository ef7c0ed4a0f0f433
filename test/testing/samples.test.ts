/**
 * labelTriples (src/testing/samples.ts): N paired label samples of a noisy chain X → Y → Z, with
 * the sizes and codes its options promise; rate-0 draws are deterministic relations. Behaviour
 * tests and one property over the options (NUM_RUNS, 20000 with INFOBOUND_LONG; fixed seed).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discrete } from '../../src/index.js';
import { labelTriples } from '../../src/testing/index.js';
import { expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;

describe('labelTriples', () => {
  it('property: N ∈ [1, maxSamples] samples of three columns, every label in 0..states−1', () => {
    const options = fc.record({
      maxSamples: fc.integer({ min: 1, max: 40 }),
      states: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(
        options.chain((o) => fc.tuple(fc.constant(o), labelTriples(o))),
        ([o, { x, y, z }]) => {
          expect(x.length >= 1 && x.length <= o.maxSamples).toBe(true);
          expect(y.length).toBe(x.length);
          expect(z.length).toBe(x.length);
          for (const v of [...x, ...y, ...z]) {
            expect(Number.isInteger(v) && v >= 0 && v < o.states).toBe(true);
          }
        },
      ),
      { numRuns: NUM_RUNS, seed: 0x5a01 },
    );
  });

  it('the defaults (N ≤ 300, 5 labels) include deterministic relations (NMI = 1) and independent noise', () => {
    const draws = fc.sample(labelTriples(), { numRuns: 300, seed: 0x5a02 });
    expect(draws.every(({ x }) => x.length <= 300 && x.every((v) => v < 5))).toBe(true);
    // Some draws have Y a function of X with two or more classes: NMI(X, Y) = 1 exactly then iff
    // the map is injective on the values taken, so test the weaker, always-true consequence:
    // Ĥ(Y | X) = 0, i.e. Î(X; Y) = Ĥ(Y).
    const functional = draws.filter(
      ({ x, y }) =>
        Math.abs(discrete.mutualInformationFromSamples(x, y) - discrete.entropyFromSamples(y)) <
          1e-12 && discrete.entropyFromSamples(y) > 0,
    );
    expect(functional.length).toBeGreaterThan(20);
  });

  it('invalid options are INVALID_OPTION', () => {
    expectInfoboundError(
      () => labelTriples({ maxSamples: 0 }),
      'INVALID_OPTION',
      'maxSamples is 0',
    );
    expectInfoboundError(() => labelTriples({ states: 1.5 }), 'INVALID_OPTION', 'states is 1.5');
  });
});
