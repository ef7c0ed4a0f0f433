/**
 * Lemma 4.6 (eq. 6): E|R_{D_gen}(π^{S_gen}) − R̂_{S_gen}(π^{S_gen})| ≤ η^{L/2}·sqrt(2σ²[−ΔI + B_syn + H(e_M) + δ_{ε,p}]/n),
 * i.e. Lemma 4.4 with Lemma 4.5's right-hand side in place of I(S_gen; W).
 *
 * Besides closed forms, the composition identity and validation, this file pins a finding about
 * the statement itself: eq. (6) puts the absolute value inside the expectation, and E|gap| is not
 * bounded by sqrt(2σ²·I/n) — a learner that ignores its data (I(S; W) = 0) still has E|gap| > 0.
 * What is true is |E gap| ≤ sqrt(2σ²·I/n) (Xu–Raginsky, lemma44.test.ts) and
 * E|gap| ≤ sqrt(2σ²·(I + log 2)/n) (Donsker–Varadhan with f = λ|gap|, since
 * E e^{λ|X|} ≤ 2e^{λ²s²/2} for X s-sub-Gaussian), checked below on exact learning problems.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateLearningProblem,
  evaluateModel,
  lemma44,
  lemma45,
  lemma46,
  syntheticGeneralizationBound,
} from '../../src/bounds/index.js';
import { learningProblem } from '../../src/testing/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;
const LN2 = Math.log(2);

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
  it('bracket −1.5 + 0.5 + 1 + 0.25 = 0.25, σ = 0.5, n = 50: sqrt(2·0.25·0.25/50) = 0.05', () => {
    const input = {
      infoGain: 1.5,
      bottleneck: 0.5,
      hModelFactor: 1,
      deltaEpsP: 0.25,
      sigma: 0.5,
      n: 50,
    };
    const r = lemma46(input);
    // 2·0.25·0.25/50 = 0.0025 rounds once; its square root rounds to the double nearest 0.05.
    expect(r.value).toBe(0.05);
    expect(r.terms).toEqual({
      infoGain: 1.5,
      bottleneck: 0.5,
      hModelFactor: 1,
      deltaEpsP: 0.25,
      informationFlow: 0.25,
      sigma: 0.5,
      n: 50,
      layers: 0,
      eta: 1,
      depthFactor: 1,
    });
    expect(r.reference).toContain('Lemma 4.6');
    expect(r.reference).toContain('eq. (6)');
  });

  it('with L = 2, η = 0.25 the depth factor 0.25 scales it to 0.0125', () => {
    const r = lemma46({
      infoGain: 1.5,
      bottleneck: 0.5,
      hModelFactor: 1,
      deltaEpsP: 0.25,
      sigma: 0.5,
      n: 50,
      layers: 2,
      eta: 0.25,
    });
    expectClose(r.terms.depthFactor, 0.25, 1e-12);
    expectClose(r.value, 0.0125, 1e-12);
  });

  it('a bracket of exactly 0 gives 0', () => {
    expect(
      lemma46({ infoGain: 1, bottleneck: 0.5, hModelFactor: 0.5, deltaEpsP: 0, sigma: 1, n: 1 })
        .value,
    ).toBe(0);
  });

  it('syntheticGeneralizationBound is the same function', () => {
    expect(syntheticGeneralizationBound).toBe(lemma46);
  });
});

describe('property: composition — lemma46 = η^{L/2}·sqrt(2σ²·lemma45/n) = lemma44 at I = lemma45', () => {
  const input = fc
    .record({
      infoGain: fc.double({ min: 0, max: 5, noNaN: true }),
      bottleneck: fc.double({ min: 0, max: 5, noNaN: true }),
      hModelFactor: fc.double({ min: 0, max: 5, noNaN: true }),
      deltaEpsP: fc.double({ min: -5, max: 5, noNaN: true }),
      sigma: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      n: fc.integer({ min: 1, max: 1e6 }),
      layers: fc.integer({ min: 0, max: 20 }),
      eta: fc.double({ min: 1e-3, max: 1, noNaN: true }),
    })
    .filter((x) => -x.infoGain + x.bottleneck + x.hModelFactor + x.deltaEpsP >= 0);

  it('holds on random valid inputs', () => {
    fc.assert(
      fc.property(input, (x) => {
        const flow = lemma45(x).value;
        const r = lemma46(x);
        expect(r.terms.informationFlow).toBe(flow);
        // The same code path as lemma44: identical doubles.
        expect(r.value).toBe(
          lemma44({ sigma: x.sigma, n: x.n, mutualInformation: flow, layers: x.layers, eta: x.eta })
            .value,
        );
        // Against the formula written out: a few roundings, 1e-12 relative.
        expectClose(
          r.value,
          x.eta ** (x.layers / 2) * Math.sqrt((2 * x.sigma ** 2 * flow) / x.n),
          1e-12,
        );
      }),
      { numRuns: NUM_RUNS, seed: 4601 },
    );
  });
});

describe('finding: eq. (6) bounds E|gap|, which sqrt(2σ²·I/n) does not control', () => {
  it('an exact model with bracket 0 (so the lemma claims E|gap| ≤ 0) has E|gap| = 1/2', () => {
    // One anchor state, one prompt, e_p constant (h = 0); e_M a fair bit, g = identity, so
    // S_gen = M(p) ~ Bernoulli(1/2), n = 1 sample. The learner ignores its data: W constant.
    //   ΔI = H(M(p)) − I(h(e_p); M(p)) = log 2 − 0;  B_syn = 0;  H(e_M) = log 2;
    //   λ = 1 (H(e_p) = 0), δ_ε = 0  → δ_{ε,p} = 0;  bracket = −log 2 + 0 + log 2 + 0 = 0.
    // Loss ℓ(w, z) = z ∈ [0, 1] (σ = 1/2). R_{D_gen}(w) = 1/2, R̂_{S_gen}(w) = z, so
    //   E|R − R̂| = ½·|½ − 0| + ½·|½ − 1| = 1/2   but eq. (6) gives sqrt(2·¼·0/1) = 0.
    const e = evaluateModel({
      anchor: [1],
      prompt: [[1]],
      promptFactor: [[1]],
      modelFactor: [0.5, 0.5],
      h: [0],
      g: [0, 1],
      trainGen: [[1], [1]],
      trainAnchor: [[1]],
    });
    expect(e.terms.miGenW).toBe(0);
    expect(e.results.lemma45.holds).toBe(true); // Lemma 4.5 itself is fine here: 0 ≤ 0.
    const bound = lemma46({ ...e.terms, sigma: 0.5, n: 1 });
    expect(bound.terms.informationFlow).toBe(0);
    expect(bound.value).toBe(0);
    const expectedAbsGap = 0.5 * Math.abs(0.5 - 0) + 0.5 * Math.abs(0.5 - 1);
    expect(expectedAbsGap).toBe(0.5);
    expect(expectedAbsGap).toBeGreaterThan(bound.value);
    // The signed gap is 0 = ½·(½ − 0) + ½·(½ − 1): Xu–Raginsky (|E gap| ≤ 0) holds.
    expect(0.5 * (0.5 - 0) + 0.5 * (0.5 - 1)).toBe(0);
    // The corrected bound sqrt(2σ²(I + log 2)/n) = sqrt(log(2)/2) ≈ 0.589 ≥ 1/2 holds.
    expect(Math.sqrt(2 * 0.25 * (0 + LN2))).toBeGreaterThanOrEqual(expectedAbsGap);
  });

  it('property: E|gap| ≤ sqrt(2σ²·(I(S; W) + log 2)/n) on exact learning problems', () => {
    // As in lemma44.test.ts: Z ~ μ on kz values, S = n i.i.d. draws, any channel P(W | S),
    // ℓ ∈ [0, 1], σ = 1/2 (src/testing learningProblem, bounds.evaluateLearningProblem).
    fc.assert(
      fc.property(learningProblem(), (problem) => {
        const { expectedAbsGap, mutualInformation } = evaluateLearningProblem(problem);
        // The bound at I + log 2, through the calculator (L = 0).
        const bound = lemma44({
          sigma: 0.5,
          n: problem.n,
          mutualInformation: mutualInformation + LN2,
        }).value;
        // ≤ 81 products of numbers ≤ 1: rounding ≤ ~1e-14; 1e-12 absolute.
        expect(expectedAbsGap).toBeLessThanOrEqual(bound + 1e-12);
      }),
      { numRuns: NUM_RUNS, seed: 4602 },
    );
  });
});

describe('behaviour: validation', () => {
  const valid = {
    infoGain: 1,
    bottleneck: 0.5,
    hModelFactor: 1,
    deltaEpsP: 0.25,
    sigma: 0.5,
    n: 10,
    layers: 1,
    eta: 0.5,
  };

  it('every field is finite and named; all but L and η are required', () => {
    expectFieldChecks(
      lemma46,
      valid,
      ['infoGain', 'bottleneck', 'hModelFactor', 'deltaEpsP', 'sigma', 'n'],
      ['layers', 'eta'],
    );
  });

  it('σ ≤ 0, n not a positive integer, η ∉ (0, 1], negative entropy or MI terms', () => {
    expectInfoboundError(() => lemma46({ ...valid, sigma: 0 }), 'INVALID_ARGUMENT', 'sigma is 0');
    expectInfoboundError(() => lemma46({ ...valid, n: 0 }), 'INVALID_ARGUMENT', 'n is 0');
    expectInfoboundError(() => lemma46({ ...valid, n: 1.5 }), 'INVALID_ARGUMENT', 'n is 1.5');
    expectInfoboundError(() => lemma46({ ...valid, eta: 0 }), 'INVALID_ARGUMENT', 'eta is 0');
    expectInfoboundError(() => lemma46({ ...valid, eta: 2 }), 'INVALID_ARGUMENT', 'eta is 2');
    for (const f of ['infoGain', 'bottleneck', 'hModelFactor'] as const) {
      expectInfoboundError(
        () => lemma46({ ...valid, [f]: -0.5 }),
        'INVALID_ARGUMENT',
        `${f} is -0.5`,
      );
    }
  });

  it('throws when the bracket −ΔI + B_syn + H(e_M) + δ_{ε,p} is negative (it bounds an MI)', () => {
    // −2 + 0.5 + 1 + 0.25 = −0.25.
    expectInfoboundError(
      () => lemma46({ ...valid, infoGain: 2 }),
      'INVALID_ARGUMENT',
      'the bracket −ΔI + B_syn + H(e_M) + δ_{ε,p} is -0.25',
    );
    // A negative δ_{ε,p} alone can do it too: −1 + 0.5 + 1 − 0.75 = −0.25.
    expectInfoboundError(
      () => lemma46({ ...valid, deltaEpsP: -0.75 }),
      'INVALID_ARGUMENT',
      'bracket',
    );
  });
});
