/**
 * evaluateLearningProblem (src/bounds/learning.ts): E[R(W) − R_S(W)], E|R(W) − R_S(W)|, I(S; W),
 * the lautum information, and the errors against a test distribution, of a finite learning
 * problem, exactly.
 *
 * - reference: small problems derived by hand (comments);
 * - property: what holds on every problem (|E gap| ≤ E|gap| ≤ range of ℓ, I(S; W) ≤ min(H(S),
 *   log |W|), a data-ignoring learner has I = 0 and E gap = 0);
 * - finding: Theorem 4.7 (eq. 7) inherits eq. (6)'s absolute value — with D = D_M = D_gen its
 *   right-hand side is 0 while Err = 1/2;
 * - behaviour: validation.
 *
 * Tolerance: sums of ≤ 81 products of numbers ≤ 1, within ~1e-14 of exact: 1e-12 absolute.
 * Properties: NUM_RUNS (1000), 20000 with INFOBOUND_LONG, fixed seeds.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLearningProblem, evaluateModel, theorem47 } from '../../src/bounds/index.js';
import { discrete } from '../../src/index.js';
import { counterexamples, learningProblem } from '../../src/testing/index.js';
import { expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;
const TOL = 1e-12;
const LN2 = Math.log(2);

const close = (actual: number, expected: number, what = '') =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);

describe('reference: problems derived by hand', () => {
  it('Z a fair bit, n = 1, W = Z (memorise), 0-1 loss: gap ½, E|gap| ½, I = log 2', () => {
    // R(w) = ½ for both w; R_S(W) = ℓ(Z, Z) = 0 → gap = ½ on every sample. I(S; W) = H(Z) = log 2.
    const r = evaluateLearningProblem({
      distribution: [0.5, 0.5],
      n: 1,
      algorithm: [
        [1, 0],
        [0, 1],
      ],
      loss: [
        [0, 1],
        [1, 0],
      ],
    });
    expect(r.expectedGap).toBe(0.5);
    expect(r.expectedAbsGap).toBe(0.5);
    close(r.mutualInformation, LN2, 'I(S; W)');
    expect(r.risk).toEqual([0.5, 0.5]);
    expect(r.trainingSets).toBe(2);
  });

  it('n = 2, W = Z_1 (the code s = Z_1 + 2·Z_2): gap ¼, E|gap| ¼, I = log 2', () => {
    // 0-1 loss, Z fair. R(W) = ½; R_S(W) = ([Z_1 ≠ Z_1] + [Z_1 ≠ Z_2])/2 = [Z_1 ≠ Z_2]/2, so
    // gap = ½ − 0 = ½ when Z_1 = Z_2 and ½ − ½ = 0 otherwise (prob. ½ each): E gap = E|gap| = ¼.
    // W = Z_1 is a fair bit determined by S: I(S; W) = H(W) = log 2. Rows s = 0..3 are
    // (Z_1, Z_2) = (0,0), (1,0), (0,1), (1,1), so W = s mod 2.
    const r = evaluateLearningProblem({
      distribution: [0.5, 0.5],
      n: 2,
      algorithm: [0, 1, 2, 3].map((s) => (s % 2 === 0 ? [1, 0] : [0, 1])),
      loss: [
        [0, 1],
        [1, 0],
      ],
    });
    expect(r.expectedGap).toBe(0.25);
    expect(r.expectedAbsGap).toBe(0.25);
    close(r.mutualInformation, LN2, 'I(S; W)');
    expect(r.trainingSets).toBe(4);
  });

  it('counterexamples.dataIgnoringLearner: W constant, ℓ(w, z) = z: E gap = 0, E|gap| = ½, I = 0', () => {
    // R = ½; R_S = Z: gap = ½ − Z = ±½ with prob. ½ each (the finding of lemma46.test.ts).
    const r = evaluateLearningProblem(counterexamples.dataIgnoringLearner);
    expect(r.expectedGap).toBe(0);
    expect(r.expectedAbsGap).toBe(0.5);
    expect(r.mutualInformation).toBe(0);
  });
});

describe('reference: a test distribution D ≠ μ, and the lautum information', () => {
  it('the data-ignoring learner tested on D = δ₀: R_D = 0, E[R_D − R̂_S] = −½, E Err = ½', () => {
    // ℓ(w, z) = z: R_D(w) = 0; R̂_S(W) = Z, a fair bit: R_D − R̂_S = −Z.
    const r = evaluateLearningProblem({
      ...counterexamples.dataIgnoringLearner,
      testDistribution: [1, 0],
    });
    expect(r.testRisk).toEqual([0]);
    expect(r.risk).toEqual([0.5]);
    expect(r.expectedSignedError).toBe(-0.5);
    expect(r.expectedError).toBe(0.5);
    expect(r.expectedGap).toBe(0);
    // W is independent of S: L(S; W) = 0 = I(S; W).
    expect(r.lautumInformation).toBe(0);
  });

  it('the memoriser (W = Z, 0-1 loss) tested on D = δ₀: E[R_D(W)] = P(W = 1) = ½ and R̂_S = 0', () => {
    // R_D(0) = 0, R_D(1) = 1; the training loss ℓ(Z, Z) = 0. L(S; W) = ∞: P(w | s) = 0 for w ≠ s
    // while P(s)·P(w) > 0.
    const r = evaluateLearningProblem({
      distribution: [0.5, 0.5],
      n: 1,
      algorithm: [
        [1, 0],
        [0, 1],
      ],
      loss: [
        [0, 1],
        [1, 0],
      ],
      testDistribution: [1, 0],
    });
    expect(r.testRisk).toEqual([0, 1]);
    expect(r.expectedSignedError).toBe(0.5);
    expect(r.expectedError).toBe(0.5);
    expect(r.lautumInformation).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('finding: Theorem 4.7 (eq. 7) inherits the absolute value of eq. (6)', () => {
  it('D = D_M = D_gen, the data-ignoring learner: right-hand side 0, Err = ½ on every sample', () => {
    // counterexamples.dataIgnoringModel: S_gen = e_M a fair bit, n = 1, W constant; Lemma 4.5's
    // bracket is −log 2 + 0 + log 2 + 0 = 0. Take D = D_M = D_gen (both TVs 0) and ℓ(w, z) = z ∈ [0, 1]
    // (C = 1, σ = ½). Then Err(π^{S_gen}) = |R_D − R̂_S| = |½ − Z| = ½ whatever the sample, but
    // eq. (7) gives 1·(0 + 0) + sqrt(2·¼·0/1) = 0.
    const { terms } = evaluateModel(counterexamples.dataIgnoringModel);
    const bound = theorem47({
      ...terms,
      lossBound: 1,
      tvTaskModel: 0,
      tvModelGen: 0,
      sigma: 0.5,
      n: 1,
    });
    expect(bound.value).toBe(0);
    const r = evaluateLearningProblem(counterexamples.dataIgnoringLearner);
    expect(r.expectedAbsGap).toBe(0.5);
    expect(r.expectedAbsGap).toBeGreaterThan(bound.value);
  });
});

describe('property: on every learning problem', () => {
  it('|E gap| ≤ E|gap| ≤ 1 (ℓ ∈ [0, 1]); 0 ≤ I(S; W) ≤ min(n·H(Z), log |W|)', () => {
    fc.assert(
      fc.property(learningProblem(), (p) => {
        const r = evaluateLearningProblem(p);
        expect(Math.abs(r.expectedGap)).toBeLessThanOrEqual(r.expectedAbsGap + TOL);
        expect(r.expectedAbsGap).toBeLessThanOrEqual(1 + TOL);
        expect(r.mutualInformation).toBeGreaterThanOrEqual(0);
        // H(S) = n·H(Z) for i.i.d. draws; I(S; W) ≤ H(W) ≤ log |W|.
        const hS = p.n * discrete.entropy(p.distribution);
        expect(r.mutualInformation).toBeLessThanOrEqual(
          Math.min(hS, Math.log(p.loss.length)) + TOL,
        );
      }),
      { numRuns: NUM_RUNS, seed: 9201 },
    );
  });

  it('without a test distribution (or with D = μ) the errors are the gaps, and L(S; W) ≥ 0', () => {
    fc.assert(
      fc.property(learningProblem(), (p) => {
        const r = evaluateLearningProblem(p);
        expect(r.expectedSignedError).toBe(r.expectedGap);
        expect(r.expectedError).toBe(r.expectedAbsGap);
        expect(r.testRisk).toEqual(r.risk);
        expect(r.lautumInformation).toBeGreaterThanOrEqual(0);
        const same = evaluateLearningProblem({ ...p, testDistribution: p.distribution });
        expect(same.expectedError).toBe(r.expectedAbsGap);
        expect(same.expectedSignedError).toBe(r.expectedGap);
      }),
      { numRuns: NUM_RUNS, seed: 9203 },
    );
  });

  it('a learner that ignores its data (every row of P(W | S) the same): I = 0 and E gap = 0', () => {
    // E[R_S(w)] = R(w) for a fixed w, so with W independent of S the expected gap vanishes.
    fc.assert(
      fc.property(learningProblem(), (p) => {
        const row = p.algorithm[0] as number[];
        const r = evaluateLearningProblem({ ...p, algorithm: p.algorithm.map(() => row) });
        expect(r.mutualInformation).toBeLessThanOrEqual(TOL);
        close(r.expectedGap, 0, 'E gap');
      }),
      { numRuns: NUM_RUNS, seed: 9202 },
    );
  });
});

describe('behaviour: validation', () => {
  const valid = {
    distribution: [0.5, 0.5],
    n: 1,
    algorithm: [[1], [1]],
    loss: [[0, 1]],
  };

  it('each malformed part is named, with the right code', () => {
    expectInfoboundError(
      () => evaluateLearningProblem(null as unknown as typeof valid),
      'INVALID_ARGUMENT',
      'problem is null',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, distribution: [0.5, 0.6] }),
      'NOT_A_DISTRIBUTION',
      'distribution sums to',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, n: 0 }),
      'INVALID_ARGUMENT',
      'n is 0',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, n: 1.5 }),
      'INVALID_ARGUMENT',
      'n is 1.5',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, n: 17 }),
      'INVALID_ARGUMENT',
      '131072 training sets',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, algorithm: [[1]] }),
      'SHAPE_MISMATCH',
      'algorithm must have 2 rows',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, algorithm: [[1], [0.5, 0.5]] }),
      'SHAPE_MISMATCH',
      'algorithm[1] has 2 hypotheses',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, algorithm: [[1], [0.5]] }),
      'NOT_A_DISTRIBUTION',
      'algorithm[1] sums to 0.5',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, loss: [] }),
      'SHAPE_MISMATCH',
      'loss must have 1 rows',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, loss: [[0]] }),
      'SHAPE_MISMATCH',
      'loss[0] must list 2 numbers',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, loss: [[0, Number.NaN]] }),
      'NON_FINITE',
      'loss[0][1] is NaN',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, testDistribution: [1] }),
      'SHAPE_MISMATCH',
      'testDistribution has 1 values but distribution has 2',
    );
    expectInfoboundError(
      () => evaluateLearningProblem({ ...valid, testDistribution: [0.5, 0.6] }),
      'NOT_A_DISTRIBUTION',
      'testDistribution',
    );
  });
});
