/**
 * Lemma 4.4 (eq. 4; Zhang et al. 2018): E[R(W) − R_S(W)] ≤ η^{L/2}·sqrt(2σ²·I(S; W)/n); with
 * L = 0 it is the Xu–Raginsky bound (eq. 12). Closed forms, scaling laws, and the bound itself
 * checked on exact learning problems: n i.i.d. draws of a discrete Z, a randomized algorithm
 * P(W | S), a loss in [0, 1] (so σ = 1/2 by Hoeffding's lemma), every expectation and I(S; W)
 * computed exactly (src/testing learningProblem, bounds.evaluateLearningProblem).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateLearningProblem,
  informationGeneralizationBound,
  lemma44,
} from '../../src/bounds/index.js';
import { learningProblem } from '../../src/testing/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;

/**
 * Every listed field: missing or a string → INVALID_ARGUMENT, NaN or ±Infinity → NON_FINITE,
 * each time with the field's name in the message. Optional fields skip the "missing" check.
 */
function expectFieldChecks<T extends object>(
  fn: (input: T) => unknown,
  valid: T,
  fields: readonly string[],
  optional: readonly string[] = [],
): void {
  for (const f of [...fields, ...optional]) {
    if (!optional.includes(f)) {
      const without = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== f)) as T;
      expectInfoboundError(() => fn(without), 'INVALID_ARGUMENT', `${f} is undefined`);
    }
    expectInfoboundError(() => fn({ ...valid, [f]: '0.5' }), 'INVALID_ARGUMENT', `${f} is "0.5"`);
    expectInfoboundError(() => fn({ ...valid, [f]: Number.NaN }), 'NON_FINITE', `${f} is NaN`);
    expectInfoboundError(
      () => fn({ ...valid, [f]: Number.POSITIVE_INFINITY }),
      'NON_FINITE',
      `${f} is Infinity`,
    );
  }
}

describe('reference: closed forms', () => {
  it('σ = 0.5, n = 100, I = 2 → sqrt(2·0.25·2/100) = sqrt(0.01) = 0.1', () => {
    const r = lemma44({ sigma: 0.5, n: 100, mutualInformation: 2 });
    // 0.01 and its square root 0.1 are each one correctly rounded operation away: exact.
    expect(r.value).toBe(0.1);
    expect(r.terms).toEqual({
      sigma: 0.5,
      n: 100,
      mutualInformation: 2,
      layers: 0,
      eta: 1,
      depthFactor: 1,
      xuRaginsky: 0.1,
    });
    expect(r.reference).toContain('Lemma 4.4');
    expect(r.reference).toContain('eq. (4)');
    expect(r.reference).toContain('eq. (12)');
  });

  it('with L = 2 contraction layers of factor η = 0.25: η^{L/2} = 0.25, bound 0.25·0.1 = 0.025', () => {
    const r = lemma44({ sigma: 0.5, n: 100, mutualInformation: 2, layers: 2, eta: 0.25 });
    // exp(−(2/2)·log 4): two correctly rounded transcendental calls, 1e-12 relative.
    expectClose(r.terms.depthFactor, 0.25, 1e-12);
    expectClose(r.value, 0.025, 1e-12);
    expect(r.terms.layers).toBe(2);
    expect(r.terms.eta).toBe(0.25);
    expect(r.terms.xuRaginsky).toBe(0.1);
  });

  it('L = 3, η = 0.25: 4^{−3/2} = 1/8; σ = 2, n = 8, I = 1: sqrt(2·4·1/8) = 1 → 0.125', () => {
    expectClose(
      lemma44({ sigma: 2, n: 8, mutualInformation: 1, layers: 3, eta: 0.25 }).value,
      0.125,
      1e-12,
    );
  });

  it('I(S; W) = 0 gives 0: an algorithm that ignores its data does not overfit on average', () => {
    expect(lemma44({ sigma: 3, n: 1, mutualInformation: 0 }).value).toBe(0);
  });

  it('informationGeneralizationBound is the same function', () => {
    expect(informationGeneralizationBound).toBe(lemma44);
  });
});

describe('property: scaling', () => {
  const input = fc.record({
    sigma: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    n: fc.integer({ min: 1, max: 1e6 }),
    mutualInformation: fc.double({ min: 0, max: 100, noNaN: true }),
    layers: fc.integer({ min: 0, max: 20 }),
    eta: fc.double({ min: 1e-3, max: 1, noNaN: true }),
  });

  it('value = η^{L/2}·σ·sqrt(2I/n); 4× the samples halves it; the depth factor only shrinks it', () => {
    // A few roundings each (sqrt, exp, log, products): 1e-12 relative.
    fc.assert(
      fc.property(input, (x) => {
        const r = lemma44(x);
        expectClose(
          r.value,
          x.eta ** (x.layers / 2) * x.sigma * Math.sqrt((2 * x.mutualInformation) / x.n),
          1e-12,
        );
        expectClose(lemma44({ ...x, n: 4 * x.n }).value, r.value / 2, 1e-12);
        expect(r.value).toBeLessThanOrEqual(r.terms.xuRaginsky);
      }),
      { numRuns: NUM_RUNS, seed: 4402 },
    );
  });
});

describe('property: the Xu–Raginsky bound holds on exact learning problems (L = 0)', () => {
  // Z ∈ {0..kz−1} ~ μ, S = (Z_1..Z_n) i.i.d., W ~ P(W | S) any channel, ℓ(w, z) ∈ [0, 1]
  // (src/testing learningProblem), evaluated exactly by bounds.evaluateLearningProblem.
  it('|E[R(W) − R_S(W)]| ≤ sqrt(2σ²·I(S; W)/n) with σ = 1/2', () => {
    fc.assert(
      fc.property(learningProblem(), (problem) => {
        const { expectedGap, mutualInformation } = evaluateLearningProblem(problem);
        const bound = lemma44({ sigma: 0.5, n: problem.n, mutualInformation }).value;
        // The gap is a sum of ≤ 81 products of numbers ≤ 1: rounding ≤ ~1e-14; 1e-12 absolute.
        expect(Math.abs(expectedGap)).toBeLessThanOrEqual(bound + 1e-12);
      }),
      { numRuns: NUM_RUNS, seed: 4403 },
    );
  });
});

describe('behaviour: validation', () => {
  const valid = { sigma: 0.5, n: 10, mutualInformation: 1, layers: 2, eta: 0.5 };

  it('every field is finite and named; sigma, n and the MI are required', () => {
    expectFieldChecks(lemma44, valid, ['sigma', 'n', 'mutualInformation'], ['layers', 'eta']);
  });

  it('σ ≤ 0, n not a positive integer, I < 0, η ∉ (0, 1], L not an integer ≥ 0', () => {
    expectInfoboundError(() => lemma44({ ...valid, sigma: 0 }), 'INVALID_ARGUMENT', 'sigma is 0');
    expectInfoboundError(() => lemma44({ ...valid, sigma: -1 }), 'INVALID_ARGUMENT', 'sigma is -1');
    expectInfoboundError(() => lemma44({ ...valid, n: 0 }), 'INVALID_ARGUMENT', 'n is 0');
    expectInfoboundError(() => lemma44({ ...valid, n: 2.5 }), 'INVALID_ARGUMENT', 'n is 2.5');
    expectInfoboundError(() => lemma44({ ...valid, n: -4 }), 'INVALID_ARGUMENT', 'n is -4');
    expectInfoboundError(
      () => lemma44({ ...valid, mutualInformation: -0.5 }),
      'INVALID_ARGUMENT',
      'mutualInformation is -0.5',
    );
    expectInfoboundError(() => lemma44({ ...valid, eta: 0 }), 'INVALID_ARGUMENT', 'eta is 0');
    expectInfoboundError(() => lemma44({ ...valid, eta: 1.25 }), 'INVALID_ARGUMENT', 'eta is 1.25');
    expectInfoboundError(() => lemma44({ ...valid, eta: -0.5 }), 'INVALID_ARGUMENT', 'eta is -0.5');
    expectInfoboundError(
      () => lemma44({ ...valid, layers: -1 }),
      'INVALID_ARGUMENT',
      'layers is -1',
    );
    expectInfoboundError(
      () => lemma44({ ...valid, layers: 0.5 }),
      'INVALID_ARGUMENT',
      'layers is 0.5',
    );
  });

  it('η = 1 (no contraction) is allowed and leaves the Xu–Raginsky value', () => {
    expect(lemma44({ ...valid, eta: 1 }).value).toBe(
      lemma44({ sigma: 0.5, n: 10, mutualInformation: 1 }).value,
    );
  });
});
