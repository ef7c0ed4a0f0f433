import * as fc from 'fast-check';
import {
  additiveNoiseModel,
  type LearningProblem,
  type SyntheticDataModel,
  syntheticAlphabet,
} from '../bounds/index.js';
import { InfoboundError } from '../core/errors.js';
import { channel, pmf } from './arbitraries.js';
import type { LayeredLearningProblem } from './learning.js';

/** A 0/1 channel: a random function of the input, as rows. */
const deterministicChannel = (inputs: number, outputs: number) =>
  fc
    .array(fc.integer({ min: 0, max: outputs - 1 }), { minLength: inputs, maxLength: inputs })
    .map((f) => f.map((j) => Array.from({ length: outputs }, (_, o) => (o === j ? 1 : 0))));
const anyChannel = (inputs: number, outputs: number) =>
  fc.oneof(channel({ inputs, outputs }), deterministicChannel(inputs, outputs));
const dist = (k: number) => pmf({ minLength: k, maxLength: k });

function sizeOption(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InfoboundError('INVALID_OPTION', `${name} is ${value}: expected an integer ≥ ${min}`);
  }
  return value;
}

/** Options of {@link syntheticDataModel}. @public */
export interface SyntheticDataModelOptions {
  /** Fewest states of every variable (S_anchor, p, e_p, e_M, ε, W, W′) (default 1). */
  minStates?: number;
  /** Most states of every variable (default 3). Cost grows as the product of the seven sizes. */
  maxStates?: number;
  /** h(e_p) and g(e_M) are integers in [0, maxValue] (default 3); ε's offsets are in [−1, 2]. */
  maxValue?: number;
  /**
   * `true`: the prompt map S_anchor → p and the prompt factor p → e_p are both 0/1 channels, so
   * e_p is a function of S_anchor (what eq. 31 needs); `false`: both are random channels (rows from
   * {@link pmf}); unset (default): each is either, at random.
   */
  deterministicPrompt?: boolean;
  /**
   * `true`: e_M is a channel p → e_M; `false`: e_M is independent of everything (the paper's
   * reading of Def. 4.1); unset (default): either, at random.
   */
  promptDependentFactor?: boolean;
  /**
   * `true`: additive curation noise ε (integer offsets in [−1, 2], random pmf); `false`: none,
   * S_gen = M(p); unset (default): either, at random.
   */
  noise?: boolean;
}

/**
 * Random discrete synthetic-data models for `bounds.evaluateModel`: a random anchor pmf,
 * prompt and prompt-factor channels, e_M independent or prompt-dependent, integer h and g, optional
 * additive noise, random training channels S_gen → W (as a matrix over `syntheticAlphabet` or as a
 * function of the value of S_gen) and S_anchor → W′. Every channel is random or deterministic
 * unless an option fixes it.
 *
 * Options: `minStates`/`maxStates` (alphabet sizes, default 1–3), `maxValue` (range of h, g,
 * default 3), `deterministicPrompt`, `promptDependentFactor`, `noise` (each: `true`, `false`, or
 * unset for both kinds).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bounds } from 'infobound';
 * import { syntheticDataModel } from 'infobound/testing';
 * // eq. (31) is data processing when e_p is a function of S_anchor:
 * fc.assert(fc.property(syntheticDataModel({ deterministicPrompt: true }), (m) =>
 *   bounds.evaluateModel(m).steps.eq31.holds));
 * ```
 * @public
 */
export function syntheticDataModel(
  options: SyntheticDataModelOptions = {},
): fc.Arbitrary<SyntheticDataModel> {
  const minStates = sizeOption(options.minStates ?? 1, 'minStates', 1);
  const maxStates = sizeOption(options.maxStates ?? 3, 'maxStates', minStates);
  const maxValue = sizeOption(options.maxValue ?? 3, 'maxValue', 0);
  const { deterministicPrompt, promptDependentFactor, noise } = options;
  const states = fc.integer({ min: minStates, max: maxStates });
  const promptChannel = (inputs: number, outputs: number) =>
    deterministicPrompt === undefined
      ? anyChannel(inputs, outputs)
      : deterministicPrompt
        ? deterministicChannel(inputs, outputs)
        : channel({ inputs, outputs });
  const value = fc.integer({ min: 0, max: maxValue });
  // The structure (and so the values a seed draws) with the default options is that of the
  // generator test/bounds/model.test.ts pinned its seeds with: keep it.
  return fc
    .record({
      nA: states,
      nP: states,
      nEp: states,
      nEm: states,
      nNoise: states,
      nW: states,
      nWp: states,
      hasNoise: noise === undefined ? fc.boolean() : fc.constant(noise),
      asFunction: fc.boolean(),
    })
    .chain((n) =>
      fc
        .record({
          anchor: dist(n.nA),
          prompt: promptChannel(n.nA, n.nP),
          promptFactor: promptChannel(n.nP, n.nEp),
          modelFactor:
            promptDependentFactor === undefined
              ? fc.oneof(dist(n.nEm), anyChannel(n.nP, n.nEm))
              : promptDependentFactor
                ? anyChannel(n.nP, n.nEm)
                : dist(n.nEm),
          h: fc.array(value, { minLength: n.nEp, maxLength: n.nEp }),
          g: fc.array(value, { minLength: n.nEm, maxLength: n.nEm }),
          noise: fc.record({
            offsets: fc.array(fc.integer({ min: -1, max: 2 }), {
              minLength: n.nNoise,
              maxLength: n.nNoise,
            }),
            probabilities: dist(n.nNoise),
          }),
          trainAnchor: anyChannel(n.nA, n.nWp),
        })
        .map(({ noise: eps, ...rest }) => (n.hasNoise ? { ...rest, noise: eps } : rest))
        .chain((partial) => {
          const alphabet = syntheticAlphabet(partial);
          return anyChannel(alphabet.length, n.nW).map((matrix): SyntheticDataModel => {
            const trainGen = n.asFunction
              ? (s: number) => matrix[alphabet.indexOf(s)] as number[]
              : matrix;
            return { ...partial, trainGen };
          });
        }),
    );
}

/** Options of {@link boundedLoss}. @public */
export interface BoundedLossOptions {
  /** Number of outcomes: the length of the loss vector. */
  outcomes: number;
  /** The bound C > 0. */
  C: number;
  /** `'zero-to-C'`: ℓ ∈ [0, C]; `'absolute'`: |ℓ| ≤ C, i.e. ℓ ∈ [−C, C] (default `'zero-to-C'`). */
  range?: 'zero-to-C' | 'absolute';
}

/**
 * Loss vectors ℓ(x) over `outcomes` outcomes, bounded in [0, C] (`range: 'zero-to-C'`) or by
 * |ℓ| ≤ C (`range: 'absolute'`), endpoints included: the two readings of Lemma 3.1's "loss
 * bounded by C".
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { boundedLoss } from 'infobound/testing';
 * fc.assert(fc.property(boundedLoss({ outcomes: 4, C: 2, range: 'absolute' }), (l) =>
 *   l.every((v) => Math.abs(v) <= 2)));
 * ```
 * @public
 */
export function boundedLoss(options: BoundedLossOptions): fc.Arbitrary<number[]> {
  const { outcomes, C, range = 'zero-to-C' } = options;
  sizeOption(outcomes, 'outcomes', 1);
  if (typeof C !== 'number' || !Number.isFinite(C) || C <= 0) {
    throw new InfoboundError('INVALID_OPTION', `C is ${C}: expected a finite number > 0`);
  }
  if (range !== 'zero-to-C' && range !== 'absolute') {
    throw new InfoboundError(
      'INVALID_OPTION',
      `range is ${String(range)}: expected 'zero-to-C' or 'absolute'`,
    );
  }
  const min = range === 'zero-to-C' ? 0 : -C;
  return fc.array(fc.double({ min, max: C, noNaN: true }), {
    minLength: outcomes,
    maxLength: outcomes,
  });
}

/** Options of {@link learningProblem}. @public */
export interface LearningProblemOptions {
  /** Fewest values of Z (default 2). */
  minOutcomes?: number;
  /** Most values of Z (default 3). */
  maxOutcomes?: number;
  /** Most training samples n, drawn from 1..maxSamples (default 3). maxOutcomes^maxSamples ≤ 4096. */
  maxSamples?: number;
  /** Fewest hypotheses (default 1). */
  minHypotheses?: number;
  /** Most hypotheses (default 3). */
  maxHypotheses?: number;
}

/**
 * Random finite learning problems for `bounds.evaluateLearningProblem`: Z on |Z| values
 * with a random pmf, n i.i.d. samples, any channel P(W | S) from the |Z|ⁿ training sets to a finite
 * hypothesis set (random or near-deterministic rows, from {@link channel}), and a loss table
 * `loss[w][z]` in [0, 1] (so the loss is ½-sub-Gaussian).
 *
 * Options: `minOutcomes`/`maxOutcomes` (|Z|, default 2–3), `maxSamples` (n, default 1–3),
 * `minHypotheses`/`maxHypotheses` (|W|, default 1–3).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bounds } from 'infobound';
 * import { learningProblem } from 'infobound/testing';
 * // Xu–Raginsky (eq. 12) with σ = 1/2:
 * fc.assert(fc.property(learningProblem(), (p) => {
 *   const r = bounds.evaluateLearningProblem(p);
 *   return Math.abs(r.expectedGap) <= Math.sqrt(r.mutualInformation / (2 * p.n)) + 1e-12;
 * }));
 * ```
 * @public
 */
export function learningProblem(
  options: LearningProblemOptions = {},
): fc.Arbitrary<LearningProblem> {
  const minOutcomes = sizeOption(options.minOutcomes ?? 2, 'minOutcomes', 1);
  const maxOutcomes = sizeOption(options.maxOutcomes ?? 3, 'maxOutcomes', minOutcomes);
  const maxSamples = sizeOption(options.maxSamples ?? 3, 'maxSamples', 1);
  const minHypotheses = sizeOption(options.minHypotheses ?? 1, 'minHypotheses', 1);
  const maxHypotheses = sizeOption(options.maxHypotheses ?? 3, 'maxHypotheses', minHypotheses);
  if (maxOutcomes ** maxSamples > 4096) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `maxOutcomes^maxSamples is ${maxOutcomes}^${maxSamples}: at most 4096 training sets`,
    );
  }
  // The structure with the default options is that of the generator the seeds of
  // test/bounds/lemma44.test.ts and lemma46.test.ts were pinned with: keep it.
  return fc
    .record({
      kz: fc.integer({ min: minOutcomes, max: maxOutcomes }),
      n: fc.integer({ min: 1, max: maxSamples }),
      kw: fc.integer({ min: minHypotheses, max: maxHypotheses }),
    })
    .chain(({ kz, n, kw }) =>
      fc.record({
        kz: fc.constant(kz),
        n: fc.constant(n),
        mu: pmf({ minLength: kz, maxLength: kz }),
        algorithm: channel({ inputs: kz ** n, outputs: kw }),
        loss: fc.array(boundedLoss({ outcomes: kz, C: 1 }), { minLength: kw, maxLength: kw }),
      }),
    )
    .map(({ n, mu, algorithm, loss }) => ({ distribution: mu, n, algorithm, loss }));
}

const identity = (k: number) =>
  Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));

/** The models of {@link counterexamples}. @public */
export interface Counterexamples {
  /** e_p, e_M iid fair bits, M(p) = e_p + e_M, W = M(p) mod 2: eq. (23) and Lemma 4.5 fail. */
  xorSynergy: SyntheticDataModel;
  /** S_anchor = M(p) a fair bit, S_gen = M(p) + ε, ε a fair bit, W = S_gen: eqs (17)/(30) and Theorem 4.10 fail. */
  additiveNoise: SyntheticDataModel;
  /** M(p) ≡ 0, S_gen = ε a fair bit, W = S_gen: the smallest failure of eq. (18). */
  noiseOnly: SyntheticDataModel;
  /** One anchor state, e_p a fair coin given p, no noise, W = S_gen: eq. (31) and Theorem 4.10 fail. */
  randomPromptFactor: SyntheticDataModel;
  /** e_M = p (a channel), h ≡ 0, W constant: eq. (25) fails, Lemma 4.5 holds. */
  promptDependentFactor: SyntheticDataModel;
  /** One anchor state, e_M a fair bit, S_gen = e_M, W constant: Lemma 4.5's bracket is 0 (eq. 6 claims E|gap| ≤ 0). */
  dataIgnoringModel: SyntheticDataModel;
  /** Its learning problem: Z = S_gen a fair bit, n = 1, W constant, ℓ(w, z) = z: E|gap| = ½, I(S; W) = 0. */
  dataIgnoringLearner: LearningProblem;
  /**
   * Z a fair bit, n = 1, one binary symmetric layer with crossover ¼ (Dobrushin coefficient ½), the
   * learner outputs the feature it sees, 0-1 loss: E gap = ¼ > eq. (4)'s η^{1/2}·sqrt(I/2) ≈ 0.1808
   * (L = 1, η = ½), while Xu–Raginsky's sqrt(I/2) ≈ 0.2557 holds.
   */
  noisyLayerLearner: LayeredLearningProblem;
}

/**
 * The smallest known counterexamples to steps of the paper, exactly as the tests pin them
 * (test/bounds/model.test.ts "findings", test/bounds/lemma46.test.ts,
 * test/properties/generalization.test.ts) and docs/theory-audit.md reports them: models for
 * `bounds.evaluateModel` and learning problems for `bounds.evaluateLearningProblem`. Treat them
 * as read-only.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * import { counterexamples } from 'infobound/testing';
 * bounds.evaluateModel(counterexamples.xorSynergy).results.lemma45.holds; // false
 * ```
 * @public
 */
export const counterexamples: Counterexamples = {
  xorSynergy: {
    anchor: [0.5, 0.5],
    prompt: identity(2),
    promptFactor: identity(2),
    modelFactor: [0.5, 0.5],
    h: [0, 1],
    g: [0, 1],
    trainGen: (s) => (s % 2 === 0 ? [1, 0] : [0, 1]),
    trainAnchor: identity(2),
  },
  additiveNoise: additiveNoiseModel({
    anchor: [0.5, 0.5],
    modelFactor: [1],
    noise: [0.5, 0.5],
    hScale: 1,
  }),
  noiseOnly: additiveNoiseModel({ anchor: [1], modelFactor: [1], noise: [0.5, 0.5] }),
  randomPromptFactor: {
    anchor: [1],
    prompt: [[1]],
    promptFactor: [[0.5, 0.5]],
    modelFactor: [1],
    h: [0, 1],
    g: [0],
    trainGen: identity(2),
    trainAnchor: [[1]],
  },
  promptDependentFactor: {
    anchor: [0.5, 0.5],
    prompt: identity(2),
    promptFactor: identity(2),
    modelFactor: identity(2),
    h: [0, 0],
    g: [0, 1],
    trainGen: [[1], [1]],
    trainAnchor: identity(2),
  },
  dataIgnoringModel: {
    anchor: [1],
    prompt: [[1]],
    promptFactor: [[1]],
    modelFactor: [0.5, 0.5],
    h: [0],
    g: [0, 1],
    trainGen: [[1], [1]],
    trainAnchor: [[1]],
  },
  dataIgnoringLearner: {
    distribution: [0.5, 0.5],
    n: 1,
    algorithm: [[1], [1]],
    loss: [[0, 1]],
  },
  noisyLayerLearner: {
    distribution: [0.5, 0.5],
    n: 1,
    // layeredAlgorithm({ n: 1, layers, algorithm: learner }), exactly.
    algorithm: [
      [0.75, 0.25],
      [0.25, 0.75],
    ],
    loss: [
      [0, 1],
      [1, 0],
    ],
    layers: [
      [
        [0.75, 0.25],
        [0.25, 0.75],
      ],
    ],
    learner: identity(2),
    contraction: [0.5],
    lossBound: 1,
  },
};
