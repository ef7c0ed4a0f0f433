/**
 * The model generators of `infobound/testing` (src/testing/models.ts) checked themselves: every
 * synthetic-data model is accepted by bounds.evaluateModel and has the shape its options promise,
 * every loss vector is in its range, every learning problem is accepted by
 * bounds.evaluateLearningProblem with the promised sizes; the defaults produce every kind of
 * model; bad options are rejected. Properties run NUM_RUNS (1000) cases, 20000 with
 * INFOBOUND_LONG, each with a fixed seed.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dobrushinCoefficient,
  evaluateLearningProblem,
  evaluateModel,
  layeredAlgorithm,
  type SyntheticDataModel,
  syntheticAlphabet,
} from '../../src/bounds/index.js';
import {
  boundedLoss,
  counterexamples,
  type LearningProblemOptions,
  learningProblem,
  type SyntheticDataModelOptions,
  syntheticDataModel,
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
const is01 = (c: readonly (readonly number[])[]) =>
  c.every((row) => row.every((v) => v === 0 || v === 1) && sum(row) === 1);
const isChannel = (x: SyntheticDataModel['modelFactor']) => Array.isArray(x[0]);

/** Options with each flag true, false or unset, and sizes 1..4. */
const modelOptions: fc.Arbitrary<SyntheticDataModelOptions> = fc
  .record({
    minStates: fc.integer({ min: 1, max: 2 }),
    extra: fc.integer({ min: 0, max: 1 }),
    maxValue: fc.integer({ min: 0, max: 4 }),
    deterministicPrompt: fc.option(fc.boolean(), { nil: undefined }),
    promptDependentFactor: fc.option(fc.boolean(), { nil: undefined }),
    noise: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ extra, minStates, ...flags }) => {
    const out: SyntheticDataModelOptions = { minStates, maxStates: minStates + extra };
    out.maxValue = flags.maxValue;
    if (flags.deterministicPrompt !== undefined)
      out.deterministicPrompt = flags.deterministicPrompt;
    if (flags.promptDependentFactor !== undefined)
      out.promptDependentFactor = flags.promptDependentFactor;
    if (flags.noise !== undefined) out.noise = flags.noise;
    return out;
  });

describe('syntheticDataModel', () => {
  it('property: every model evaluates, with the sizes, values and kinds its options promise', () => {
    const arb = modelOptions.chain((o) => syntheticDataModel(o).map((m) => ({ o, m })));
    check(arb, 9101, ({ o, m }) => {
      const e = evaluateModel(m);
      expect(e.alphabets.synthetic).toEqual(syntheticAlphabet(m));
      const lo = o.minStates as number;
      const hi = o.maxStates as number;
      const inRange = (k: number) => k >= lo && k <= hi;
      const nP = (m.prompt[0] as number[]).length;
      expect(inRange(m.anchor.length) && inRange(nP) && inRange(m.h.length)).toBe(true);
      expect(inRange(m.g.length) && inRange((m.trainAnchor[0] as number[]).length)).toBe(true);
      for (const v of [...m.h, ...m.g]) {
        expect(Number.isInteger(v) && v >= 0 && v <= (o.maxValue as number)).toBe(true);
      }
      expect(isPmf(m.anchor)).toBe(true);
      for (const row of [...m.prompt, ...m.promptFactor, ...m.trainAnchor]) {
        expect(isPmf(row)).toBe(true);
      }
      if (o.deterministicPrompt === true) expect(is01(m.prompt) && is01(m.promptFactor)).toBe(true);
      if (o.promptDependentFactor === true) expect(isChannel(m.modelFactor)).toBe(true);
      if (o.promptDependentFactor === false) expect(isChannel(m.modelFactor)).toBe(false);
      if (o.noise === false) expect(m.noise).toBeUndefined();
      if (o.noise === true) {
        expect(m.noise?.offsets.every((v) => Number.isInteger(v) && v >= -1 && v <= 2)).toBe(true);
        expect(isPmf(m.noise?.probabilities as number[])).toBe(true);
      }
    });
  });

  it('the defaults draw every kind: random and 0/1 prompt maps, e_M independent and a channel, noise and none, trainGen matrix and function', () => {
    const models = fc.sample(syntheticDataModel(), { seed: 9102, numRuns: 1000 });
    const kinds = (f: (m: SyntheticDataModel) => boolean) =>
      new Set(models.map(f)).size === 2 ? 'both' : 'one';
    expect(kinds((m) => is01(m.prompt))).toBe('both');
    expect(kinds((m) => isChannel(m.modelFactor))).toBe('both');
    expect(kinds((m) => m.noise === undefined)).toBe('both');
    expect(kinds((m) => typeof m.trainGen === 'function')).toBe('both');
    // Exact zeros and one-state alphabets occur (the degenerate cases the engine must survive).
    expect(models.some((m) => m.anchor.length === 1)).toBe(true);
    expect(models.some((m) => m.anchor.includes(0) && m.anchor.length > 1)).toBe(true);
  });

  it('invalid sizes are INVALID_OPTION', () => {
    expectInfoboundError(() => syntheticDataModel({ minStates: 0 }), 'INVALID_OPTION', 'minStates');
    expectInfoboundError(
      () => syntheticDataModel({ minStates: 3, maxStates: 2 }),
      'INVALID_OPTION',
      'maxStates is 2',
    );
    expectInfoboundError(() => syntheticDataModel({ maxValue: -1 }), 'INVALID_OPTION', 'maxValue');
  });
});

describe('boundedLoss', () => {
  it('property: ℓ ∈ [0, C] or |ℓ| ≤ C, with `outcomes` entries', () => {
    const arb = fc
      .record({
        outcomes: fc.integer({ min: 1, max: 8 }),
        C: fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        range: fc.constantFrom('zero-to-C' as const, 'absolute' as const),
      })
      .chain((o) => boundedLoss(o).map((l) => ({ o, l })));
    check(arb, 9103, ({ o, l }) => {
      expect(l.length).toBe(o.outcomes);
      const min = o.range === 'zero-to-C' ? 0 : -o.C;
      for (const v of l) expect(v >= min && v <= o.C).toBe(true);
    });
  });

  it('reaches its endpoints and, for absolute, negative values; zero-to-C is the default', () => {
    const abs = fc.sample(boundedLoss({ outcomes: 3, C: 2, range: 'absolute' }), {
      seed: 9104,
      numRuns: 1000,
    });
    const flat = abs.flat();
    expect(flat.includes(2) && flat.includes(-2) && flat.some((v) => v < 0 && v > -2)).toBe(true);
    const def = fc.sample(boundedLoss({ outcomes: 3, C: 2 }), { seed: 9104, numRuns: 1000 }).flat();
    expect(def.every((v) => v >= 0 && v <= 2) && def.includes(0) && def.includes(2)).toBe(true);
  });

  it('invalid options are INVALID_OPTION', () => {
    expectInfoboundError(() => boundedLoss({ outcomes: 0, C: 1 }), 'INVALID_OPTION', 'outcomes');
    expectInfoboundError(() => boundedLoss({ outcomes: 2, C: 0 }), 'INVALID_OPTION', 'C is 0');
    expectInfoboundError(
      () => boundedLoss({ outcomes: 2, C: Number.NaN }),
      'INVALID_OPTION',
      'C is NaN',
    );
    expectInfoboundError(
      () => boundedLoss({ outcomes: 2, C: 1, range: 'signed' as 'absolute' }),
      'INVALID_OPTION',
      'range is signed',
    );
  });
});

describe('learningProblem', () => {
  it('property: every problem evaluates; |Z|, n, |W| in range; |Z|ⁿ channel rows; loss in [0, 1]', () => {
    const options: fc.Arbitrary<Required<LearningProblemOptions>> = fc
      .record({
        minOutcomes: fc.integer({ min: 1, max: 3 }),
        dz: fc.integer({ min: 0, max: 1 }),
        maxSamples: fc.integer({ min: 1, max: 3 }),
        minHypotheses: fc.integer({ min: 1, max: 3 }),
        dw: fc.integer({ min: 0, max: 1 }),
      })
      .map(({ dz, dw, ...o }) => ({
        ...o,
        maxOutcomes: o.minOutcomes + dz,
        maxHypotheses: o.minHypotheses + dw,
      }));
    const arb = options.chain((o) => learningProblem(o).map((p) => ({ o, p })));
    check(arb, 9105, ({ o, p }) => {
      const kz = p.distribution.length;
      const kw = p.loss.length;
      expect(kz >= o.minOutcomes && kz <= o.maxOutcomes).toBe(true);
      expect(p.n >= 1 && p.n <= o.maxSamples).toBe(true);
      expect(kw >= o.minHypotheses && kw <= o.maxHypotheses).toBe(true);
      expect(p.algorithm.length).toBe(kz ** p.n);
      expect(isPmf(p.distribution)).toBe(true);
      for (const row of p.algorithm) expect(row.length === kw && isPmf(row)).toBe(true);
      for (const row of p.loss) {
        expect(row.length === kz && row.every((v) => v >= 0 && v <= 1)).toBe(true);
      }
      expect(evaluateLearningProblem(p).trainingSets).toBe(kz ** p.n);
    });
  });

  it('invalid options are INVALID_OPTION; |Z|ⁿ is capped at 4096', () => {
    expectInfoboundError(
      () => learningProblem({ minOutcomes: 3, maxOutcomes: 2 }),
      'INVALID_OPTION',
      'maxOutcomes is 2',
    );
    expectInfoboundError(
      () => learningProblem({ maxOutcomes: 5, maxSamples: 6 }),
      'INVALID_OPTION',
      '5^6',
    );
    expectInfoboundError(
      () => learningProblem({ maxHypotheses: 0 }),
      'INVALID_OPTION',
      'maxHypotheses',
    );
  });
});

describe('counterexamples', () => {
  it('every model and problem is valid input (their numbers are pinned in test/bounds)', () => {
    const { dataIgnoringLearner, noisyLayerLearner, ...models } = counterexamples;
    for (const [name, m] of Object.entries(models)) {
      expect(() => evaluateModel(m), name).not.toThrow();
    }
    expect(evaluateLearningProblem(dataIgnoringLearner).expectedAbsGap).toBe(0.5);
    // The layered one carries its layers, learner and coefficients: they rebuild its algorithm.
    const { layers, learner, contraction } = noisyLayerLearner;
    expect(layeredAlgorithm({ n: 1, layers, algorithm: learner })).toEqual(
      noisyLayerLearner.algorithm,
    );
    expect(contraction).toEqual(layers.map((k) => dobrushinCoefficient(k)));
    expect(evaluateLearningProblem(noisyLayerLearner).expectedGap).toBe(0.25);
  });
});
