/**
 * The learning-problem generators of `infobound/testing` (src/testing/learning.ts) checked
 * themselves: every problem is accepted by bounds.evaluateLearningProblem, has the sizes its
 * options promise, losses in [0, C], and the algorithm it names (rebuilt from the parameters it
 * carries); the shift adds two pmfs over the values of Z; bad options are rejected.
 * Properties: NUM_RUNS (1000), 20000 with INFOBOUND_LONG; fixed seeds.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dobrushinCoefficient,
  evaluateLearningProblem,
  gibbsAlgorithm,
  type LearningProblem,
  layeredAlgorithm,
  noisyErmAlgorithm,
} from '../../src/bounds/index.js';
import {
  type AlgorithmProblemOptions,
  gibbsLearningProblem,
  layeredLearningProblem,
  learningProblem,
  noisyErmLearningProblem,
  withDistributionShift,
} from '../../src/testing/index.js';
import { expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;
// Rows are normalised pmfs of ≤ 3 weights: within ~1e-15 of summing to 1 (see arbitraries.test.ts).
const SUM_TOL = 1e-12;

const check = <T>(arb: fc.Arbitrary<T>, seed: number, predicate: (value: T) => void) =>
  fc.assert(fc.property(arb, predicate), { numRuns: NUM_RUNS, seed });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const isPmf = (xs: readonly number[]) =>
  xs.every((v) => v >= 0) && Math.abs(sum(xs) - 1) <= SUM_TOL;

/** Options with every size in range and a loss bound C in [0.01, 100]. */
const options: fc.Arbitrary<Required<AlgorithmProblemOptions>> = fc
  .record({
    minOutcomes: fc.integer({ min: 1, max: 3 }),
    dz: fc.integer({ min: 0, max: 1 }),
    maxSamples: fc.integer({ min: 1, max: 3 }),
    minHypotheses: fc.integer({ min: 1, max: 3 }),
    dw: fc.integer({ min: 0, max: 1 }),
    lossBound: fc.double({ min: 0.01, max: 100, noNaN: true }),
  })
  .map(({ dz, dw, ...o }) => ({
    ...o,
    maxOutcomes: o.minOutcomes + dz,
    maxHypotheses: o.minHypotheses + dw,
  }));

/** The promises every generated problem keeps. */
function expectShape(o: Required<AlgorithmProblemOptions>, p: LearningProblem) {
  const kz = p.distribution.length;
  const kw = p.loss.length;
  expect(kz >= o.minOutcomes && kz <= o.maxOutcomes).toBe(true);
  expect(p.n >= 1 && p.n <= o.maxSamples).toBe(true);
  expect(kw >= o.minHypotheses && kw <= o.maxHypotheses).toBe(true);
  expect(isPmf(p.distribution)).toBe(true);
  expect(p.algorithm.length).toBe(kz ** p.n);
  for (const row of p.algorithm) expect(row.length === kw && isPmf(row)).toBe(true);
  for (const row of p.loss) {
    expect(row.length === kz && row.every((v) => v >= 0 && v <= o.lossBound)).toBe(true);
  }
  expect(evaluateLearningProblem(p).trainingSets).toBe(kz ** p.n);
}

describe('gibbsLearningProblem', () => {
  it('property: the shape its options promise; the algorithm is gibbsAlgorithm(β, π); β·C ∈ [0, 20]', () => {
    const arb = options.chain((o) => gibbsLearningProblem(o).map((p) => ({ o, p })));
    check(arb, 9401, ({ o, p }) => {
      expectShape(o, p);
      expect(p.lossBound).toBe(o.lossBound);
      expect(p.beta * p.lossBound >= 0 && p.beta * p.lossBound <= 20 * (1 + 1e-15)).toBe(true);
      expect(isPmf(p.prior) && p.prior.length === p.loss.length).toBe(true);
      const { beta, prior, loss, n } = p;
      expect(gibbsAlgorithm({ outcomes: p.distribution.length, n, loss, beta, prior })).toEqual(
        p.algorithm,
      );
    });
  });
});

describe('noisyErmLearningProblem', () => {
  it('property: the shape its options promise; the algorithm is noisyErmAlgorithm(ρ); ρ = 0 and 1 occur', () => {
    const arb = options.chain((o) => noisyErmLearningProblem(o).map((p) => ({ o, p })));
    check(arb, 9402, ({ o, p }) => {
      expectShape(o, p);
      expect(p.flip >= 0 && p.flip <= 1).toBe(true);
      const { flip, loss, n } = p;
      expect(noisyErmAlgorithm({ outcomes: p.distribution.length, n, loss, flip })).toEqual(
        p.algorithm,
      );
    });
    const flips = fc
      .sample(noisyErmLearningProblem(), { numRuns: 300, seed: 9403 })
      .map((p) => p.flip);
    expect(flips).toContain(0);
    expect(flips).toContain(1);
  });
});

describe('layeredLearningProblem', () => {
  it('property: 1..maxLayers layers chaining |Z| → … → |T|, the learner on |T|ⁿ codes, their Dobrushin coefficients', () => {
    const arb = fc
      .record({
        maxLayers: fc.integer({ min: 1, max: 3 }),
        maxFeatures: fc.integer({ min: 1, max: 3 }),
      })
      .chain((l) =>
        options.map((o) => ({ ...o, ...l, minHypotheses: Math.max(o.minHypotheses, 1) })),
      )
      .chain((o) => layeredLearningProblem(o).map((p) => ({ o, p })));
    check(arb, 9404, ({ o, p }) => {
      expectShape(o, p);
      expect(p.layers.length >= 1 && p.layers.length <= o.maxLayers).toBe(true);
      let inputs = p.distribution.length;
      for (const layer of p.layers) {
        expect(layer.length).toBe(inputs);
        for (const row of layer) expect(isPmf(row)).toBe(true);
        inputs = (layer[0] as number[]).length;
        expect(inputs <= o.maxFeatures).toBe(true);
      }
      expect(p.learner.length).toBe(inputs ** p.n);
      expect(p.contraction).toEqual(p.layers.map((k) => dobrushinCoefficient(k)));
      expect(layeredAlgorithm({ n: p.n, layers: p.layers, algorithm: p.learner })).toEqual(
        p.algorithm,
      );
    });
  });

  it('the defaults have at least two hypotheses and two feature values, and layers of every strength', () => {
    const draws = fc.sample(layeredLearningProblem(), { numRuns: 500, seed: 9405 });
    expect(draws.every((p) => p.loss.length >= 2)).toBe(true);
    expect(draws.every((p) => p.layers.every((k) => (k[0] as number[]).length >= 2))).toBe(true);
    const etas = draws.flatMap((p) => p.contraction);
    expect(etas).toContain(0);
    expect(etas.some((e) => e > 0 && e < 0.1)).toBe(true);
    expect(etas.some((e) => e > 0.9)).toBe(true);
  });
});

describe('withDistributionShift', () => {
  it('property: adds a test distribution D and a model distribution D_M over the values of Z', () => {
    check(withDistributionShift(learningProblem()), 9406, (p) => {
      const k = p.distribution.length;
      expect(p.testDistribution.length === k && isPmf(p.testDistribution)).toBe(true);
      expect(p.modelDistribution.length === k && isPmf(p.modelDistribution)).toBe(true);
      const r = evaluateLearningProblem(p);
      expect(r.testRisk.length).toBe(p.loss.length);
    });
  });
});

describe('invalid options are INVALID_OPTION', () => {
  it('sizes, the loss bound, and the caps on |Z|ⁿ and |T|ⁿ', () => {
    expectInfoboundError(
      () => gibbsLearningProblem({ minOutcomes: 3, maxOutcomes: 2 }),
      'INVALID_OPTION',
      'maxOutcomes is 2',
    );
    expectInfoboundError(
      () => noisyErmLearningProblem({ lossBound: 0 }),
      'INVALID_OPTION',
      'lossBound is 0',
    );
    expectInfoboundError(
      () => gibbsLearningProblem({ maxOutcomes: 5, maxSamples: 6 }),
      'INVALID_OPTION',
      '5^6',
    );
    expectInfoboundError(
      () => layeredLearningProblem({ maxLayers: 0 }),
      'INVALID_OPTION',
      'maxLayers is 0',
    );
    expectInfoboundError(
      () => layeredLearningProblem({ maxFeatures: 17, maxSamples: 3 }),
      'INVALID_OPTION',
      '17^3',
    );
  });
});
