import * as fc from 'fast-check';
import {
  dobrushinCoefficient,
  gibbsAlgorithm,
  type LearningProblem,
  layeredAlgorithm,
  noisyErmAlgorithm,
} from '../bounds/index.js';
import { InfoboundError } from '../core/errors.js';
import { channel, pmf } from './arbitraries.js';

/** Options shared by the algorithm-specific learning-problem generators. @public */
export interface AlgorithmProblemOptions {
  /** Fewest values of Z (default 2). */
  minOutcomes?: number;
  /** Most values of Z (default 3). */
  maxOutcomes?: number;
  /** Most training samples n, drawn from 1..maxSamples (default 3); maxOutcomes^maxSamples ≤ 4096. */
  maxSamples?: number;
  /** Fewest hypotheses (default 1). */
  minHypotheses?: number;
  /** Most hypotheses (default 3). */
  maxHypotheses?: number;
  /** C > 0: losses are in [0, C], so (C/2)-sub-Gaussian (default 1). */
  lossBound?: number;
}

/** A learning problem whose algorithm is the Gibbs algorithm, with its parameters. @public */
export interface GibbsLearningProblem extends LearningProblem {
  /** β: the inverse temperature the algorithm was built with. */
  beta: number;
  /** π: its prior over the hypotheses. */
  prior: number[];
  /** C: the loss is in [0, C]. */
  lossBound: number;
}

/** A learning problem whose algorithm is noisy ERM, with its noise level. @public */
export interface NoisyErmLearningProblem extends LearningProblem {
  /** ρ: each sample is replaced by a uniform draw with probability ρ before ERM. */
  flip: number;
  /** C: the loss is in [0, C]. */
  lossBound: number;
}

/** A learning problem whose learner sees the data through L layers, with the layers. @public */
export interface LayeredLearningProblem extends LearningProblem {
  /** The layers K_1 … K_L (per-sample channels), as passed to `bounds.layeredAlgorithm`. */
  layers: number[][][];
  /** The learner on the features: one row per code of (T_1 … T_n), as passed to `bounds.layeredAlgorithm`. */
  learner: number[][];
  /** The Dobrushin coefficient of each layer (`bounds.dobrushinCoefficient`): a valid η_k. */
  contraction: number[];
  /** C: the loss is in [0, C]. */
  lossBound: number;
}

/** Grid of the losses and layer weights: 2^20 steps, exact in binary. */
const GRID = 2 ** 20;

function sizeOption(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new InfoboundError('INVALID_OPTION', `${name} is ${value}: expected an integer ≥ ${min}`);
  }
  return value;
}

interface Sizes {
  minOutcomes: number;
  maxOutcomes: number;
  maxSamples: number;
  minHypotheses: number;
  maxHypotheses: number;
  lossBound: number;
}

function sizes(options: AlgorithmProblemOptions): Sizes {
  const minOutcomes = sizeOption(options.minOutcomes ?? 2, 'minOutcomes', 1);
  const maxOutcomes = sizeOption(options.maxOutcomes ?? 3, 'maxOutcomes', minOutcomes);
  const maxSamples = sizeOption(options.maxSamples ?? 3, 'maxSamples', 1);
  const minHypotheses = sizeOption(options.minHypotheses ?? 1, 'minHypotheses', 1);
  const maxHypotheses = sizeOption(options.maxHypotheses ?? 3, 'maxHypotheses', minHypotheses);
  const lossBound = options.lossBound ?? 1;
  if (typeof lossBound !== 'number' || !Number.isFinite(lossBound) || lossBound <= 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `lossBound is ${lossBound}: expected a finite number > 0`,
    );
  }
  if (maxOutcomes ** maxSamples > 4096) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `maxOutcomes^maxSamples is ${maxOutcomes}^${maxSamples}: at most 4096 training sets`,
    );
  }
  return { minOutcomes, maxOutcomes, maxSamples, minHypotheses, maxHypotheses, lossBound };
}

/**
 * A loss vector in [0, C]: each entry 0 or C (half the time), or on the grid C·k/2^20, so that
 * 0-1-like losses are common and fast-check shrinks a failing loss to exact, readable values.
 */
function lossRow(outcomes: number, C: number): fc.Arbitrary<number[]> {
  const entry = fc.oneof(
    fc.constantFrom(0, C),
    fc.integer({ min: 0, max: GRID }).map((k) => (k / GRID) * C),
  );
  return fc.array(entry, { minLength: outcomes, maxLength: outcomes });
}

/** |Z|, n, |W|, μ and a loss table in [0, C]. */
function base(s: Sizes, mu: { zeros?: boolean; extremes?: boolean } = {}) {
  return fc
    .record({
      kz: fc.integer({ min: s.minOutcomes, max: s.maxOutcomes }),
      n: fc.integer({ min: 1, max: s.maxSamples }),
      kw: fc.integer({ min: s.minHypotheses, max: s.maxHypotheses }),
    })
    .chain(({ kz, n, kw }) =>
      fc.record({
        kz: fc.constant(kz),
        n: fc.constant(n),
        kw: fc.constant(kw),
        distribution: pmf({ ...mu, minLength: kz, maxLength: kz }),
        loss: fc.array(lossRow(kz, s.lossBound), { minLength: kw, maxLength: kw }),
      }),
    );
}

/**
 * Random finite learning problems solved by the Gibbs algorithm
 * `P(w | S) ∝ π(w)·exp(−β·n·R_S(w))` (`bounds.gibbsAlgorithm`): Z with a random pmf on
 * 2–3 values, n = 1–3 samples, 1–3 hypotheses, a loss table in [0, C], a random prior (zeros
 * allowed, no extreme weights) and β·C uniform in [0, 20] (so exp(−β·n·ℓ) ≥ e^−60: no underflow).
 * The problem carries β, π and C for the properties that need them.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bounds } from 'infobound';
 * import { gibbsLearningProblem } from 'infobound/testing';
 * // The Gibbs algorithm generalises on average: E[R(W) − R_S(W)] = (I + L)/(β·n) ≥ 0.
 * fc.assert(fc.property(gibbsLearningProblem(), (p) =>
 *   bounds.evaluateLearningProblem(p).expectedGap >= -1e-12));
 * ```
 * @public
 */
export function gibbsLearningProblem(
  options: AlgorithmProblemOptions = {},
): fc.Arbitrary<GibbsLearningProblem> {
  const s = sizes(options);
  return base(s).chain(({ kz, n, kw, distribution, loss }) =>
    fc
      .record({
        betaC: fc.double({ min: 0, max: 20, noNaN: true }),
        prior: pmf({ minLength: kw, maxLength: kw, extremes: false }),
      })
      .map(({ betaC, prior }) => {
        const beta = betaC / s.lossBound;
        const algorithm = gibbsAlgorithm({ outcomes: kz, n, loss, beta, prior });
        return { distribution, n, algorithm, loss, beta, prior, lossBound: s.lossBound };
      }),
  );
}

/**
 * Random finite learning problems solved by noisy ERM (`bounds.noisyErmAlgorithm`): each sample
 * replaced by a uniform draw with probability ρ, then empirical risk minimisation with random
 * tie-breaking. ρ is 0 (plain ERM), 1 (data ignored) or uniform in [0, 1]; sizes and loss as
 * {@link gibbsLearningProblem}.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bounds } from 'infobound';
 * import { noisyErmLearningProblem } from 'infobound/testing';
 * // Xu–Raginsky (eq. 12) with σ = C/2:
 * fc.assert(fc.property(noisyErmLearningProblem(), (p) => {
 *   const r = bounds.evaluateLearningProblem(p);
 *   const sigma = p.lossBound / 2;
 *   return Math.abs(r.expectedGap) <= Math.sqrt((2 * sigma ** 2 * r.mutualInformation) / p.n) + 1e-12;
 * }));
 * ```
 * @public
 */
export function noisyErmLearningProblem(
  options: AlgorithmProblemOptions = {},
): fc.Arbitrary<NoisyErmLearningProblem> {
  const s = sizes(options);
  const flip = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
  return base(s).chain(({ kz, n, distribution, loss }) =>
    flip.map((rho) => ({
      distribution,
      n,
      algorithm: noisyErmAlgorithm({ outcomes: kz, n, loss, flip: rho }),
      loss,
      flip: rho,
      lossBound: s.lossBound,
    })),
  );
}

/** Options of {@link layeredLearningProblem}. @public */
export interface LayeredProblemOptions extends AlgorithmProblemOptions {
  /** Most layers L, drawn from 1..maxLayers (default 3). */
  maxLayers?: number;
  /** Most values of each layer's output (default 3); maxFeatures^maxSamples ≤ 4096. */
  maxFeatures?: number;
}

/** A random or a 0/1 (deterministic) channel. */
const anyChannel = (inputs: number, outputs: number): fc.Arbitrary<number[][]> =>
  fc.oneof(
    channel({ inputs, outputs }),
    fc
      .array(fc.integer({ min: 0, max: outputs - 1 }), { minLength: inputs, maxLength: inputs })
      .map((f) => f.map((j) => Array.from({ length: outputs }, (_, o) => (o === j ? 1 : 0)))),
  );

/** Uniform on a grid of 2^20 + 1 points of [0, 1] (fc.double crowds towards 0 and tiny values). */
const unit = fc.integer({ min: 0, max: GRID }).map((k) => k / GRID);

/**
 * A layer: a noisy channel K = θ·A + (1 − θ)·1·νᵀ, with A a random or 0/1 channel, ν a pmf shared
 * by every row and θ uniform in [0, 1]: it keeps "a fraction θ" of the signal, and its Dobrushin
 * coefficient is θ·η(A) ≤ θ. θ = 1 and θ = 0 (a constant layer) occur in one draw in eight each.
 */
const layerChannel = (inputs: number, outputs: number) =>
  fc
    .record({
      theta: fc.oneof(
        { weight: 6, arbitrary: unit },
        { weight: 1, arbitrary: fc.constant(1) },
        { weight: 1, arbitrary: fc.constant(0) },
      ),
      a: anyChannel(inputs, outputs),
      nu: pmf({ minLength: outputs, maxLength: outputs }),
    })
    .map(({ theta, a, nu }) =>
      a.map((row) => row.map((v, j) => theta * v + (1 - theta) * (nu[j] as number))),
    );

const features = (widths: readonly number[]) => widths[widths.length - 1] as number;

/**
 * Random finite learning problems where the learner sees its data through L layers (the
 * "contraction layers" of Lemma 4.4; `bounds.layeredAlgorithm`): each sample passes through
 * L = 1..maxLayers random channels (random or 0/1 rows, outputs of 1..maxFeatures values), and
 * the learner is a random channel from the features of the n samples to the hypotheses (random
 * or 0/1 rows). The loss is on the raw sample, in [0, C]. Each layer's Dobrushin coefficient is
 * attached as `contraction`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bounds, discrete } from 'infobound';
 * import { layeredLearningProblem } from 'infobound/testing';
 * // Strong data processing: I(S; W) ≤ n·η_1⋯η_L·H(Z).
 * fc.assert(fc.property(layeredLearningProblem(), (p) => {
 *   const eta = p.contraction.reduce((a, b) => a * b, 1);
 *   const r = bounds.evaluateLearningProblem(p);
 *   return r.mutualInformation <= p.n * eta * discrete.entropy(p.distribution) + 1e-12;
 * }));
 * ```
 * @public
 */
export function layeredLearningProblem(
  options: LayeredProblemOptions = {},
): fc.Arbitrary<LayeredLearningProblem> {
  // A single hypothesis makes W constant: default to at least two here.
  const s = sizes({ minHypotheses: 2, ...options });
  const maxLayers = sizeOption(options.maxLayers ?? 3, 'maxLayers', 1);
  const maxFeatures = sizeOption(options.maxFeatures ?? 3, 'maxFeatures', 1);
  if (maxFeatures ** s.maxSamples > 4096) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `maxFeatures^maxSamples is ${maxFeatures}^${s.maxSamples}: at most 4096 feature codes`,
    );
  }
  return base(s, { zeros: false, extremes: false }).chain(({ kz, n, kw, distribution, loss }) =>
    fc
      .array(fc.integer({ min: Math.min(2, maxFeatures), max: maxFeatures }), {
        minLength: 1,
        maxLength: maxLayers,
      })
      .chain((widths) => {
        const inputs = [kz, ...widths];
        return fc.record({
          layers: fc.tuple(...widths.map((w, k) => layerChannel(inputs[k] as number, w))),
          learner: fc.oneof(
            channel({ inputs: features(widths) ** n, outputs: kw, zeros: false, extremes: false }),
            anyChannel(features(widths) ** n, kw),
          ),
        });
      })
      .map(({ layers, learner }) => ({
        distribution,
        n,
        algorithm: layeredAlgorithm({ n, layers, algorithm: learner }),
        loss,
        layers,
        learner,
        contraction: layers.map((k) => dobrushinCoefficient(k)),
        lossBound: s.lossBound,
      })),
  );
}

/** A learning problem with a test distribution D and a model distribution D_M (Theorem 4.7). @public */
export type ShiftedLearningProblem<T extends LearningProblem> = T & {
  /** D: the task distribution the trained model is tested on. */
  testDistribution: number[];
  /** D_M: the generative model's distribution, between D and D_gen = `distribution`. */
  modelDistribution: number[];
};

/**
 * Adds a distribution shift to generated learning problems: the training data are synthetic,
 * drawn from `distribution` (D_gen), and the model is tested on a random D (`testDistribution`);
 * a random D_M (`modelDistribution`) stands between them, as in Lemma 3.1 and Theorem 4.7. Both
 * are pmfs over the values of Z (zeros and near-degenerate ones included).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bounds, discrete } from 'infobound';
 * import { learningProblem, withDistributionShift } from 'infobound/testing';
 * // |E[R_D(W) − R̂_S(W)]| ≤ C·(TV(D, D_M) + TV(D_M, D_gen)) + sqrt(2σ²·I(S; W)/n), C = 1, σ = ½.
 * fc.assert(fc.property(withDistributionShift(learningProblem()), (p) => {
 *   const r = bounds.evaluateLearningProblem(p);
 *   const tv = discrete.tvDistance(p.testDistribution, p.modelDistribution) +
 *     discrete.tvDistance(p.modelDistribution, p.distribution);
 *   return Math.abs(r.expectedSignedError) <= tv + Math.sqrt(r.mutualInformation / (2 * p.n)) + 1e-12;
 * }));
 * ```
 * @public
 */
export function withDistributionShift<T extends LearningProblem>(
  problems: fc.Arbitrary<T>,
): fc.Arbitrary<ShiftedLearningProblem<T>> {
  return problems.chain((p) => {
    const k = p.distribution.length;
    const d = pmf({ minLength: k, maxLength: k });
    return fc.tuple(d, d).map(([testDistribution, modelDistribution]) => ({
      ...p,
      testDistribution,
      modelDistribution,
    }));
  });
}
