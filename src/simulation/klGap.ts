/**
 * The paper's GMM experiment (Gan & Liu, Sec. 4.4 and App. B): the KL Gap between a mixture fitted
 * to the anchor data alone and one fitted to synthetic data from a generator that knows the
 * anchor components' sample moments, the unsampled part of the truth, and some irrelevant noise.
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf } from '../core/input.js';
import { checkSeed, createRandom, seedState } from '../core/random.js';
import type { MixtureState } from '../gmm/em.js';
import { fittedState, GaussianMixture, sampleState } from '../gmm/GaussianMixture.js';
import { type Component, randomComponents, sampleMoments } from './groundTruth.js';
import { histogramResampleKls, meanAndStandardError, monteCarloKlTerms } from './klEstimators.js';
import { integerOption, meanAndStd, positiveOption } from './options.js';
import { deriveSeed } from './seeds.js';
import { resampleKernel, samplerModel } from './wasm/resample.js';

/**
 * How each KL(· ‖ G) is estimated: `'monte-carlo'` (exact log-densities), `'histogram'` (the
 * published protocol, per-histogram bin edges), `'histogram-shared'` (the same with both
 * histograms on shared edges). See {@link klGap}.
 * @public
 */
export type KlEstimator = 'monte-carlo' | 'histogram' | 'histogram-shared';

const ESTIMATORS: readonly KlEstimator[] = ['monte-carlo', 'histogram', 'histogram-shared'];

/** Options of {@link klGap}. @public */
export interface KlGapOptions {
  /** Anchor components of the truth G (the ones the anchor data is drawn from), ≥ 1. */
  K: number;
  /** Unsampled components of G, which the generator knows exactly, ≥ 0. */
  J: number;
  /** Task-irrelevant random components of the generator, ≥ 0. */
  L: number;
  /** Dimension d (default 2; the histogram estimators need bins^d ≤ 10⁷ cells). */
  dim?: number;
  /** Anchor points drawn from each of G's first K components (default 50, ≥ 2). */
  anchorPerComponent?: number;
  /** Synthetic points drawn from the generator M (default 200, ≥ K + J + L). */
  nSynthetic?: number;
  /** Outer loop: independent draws of G, data and fits (default 100, ≥ 2). */
  repetitions?: number;
  /** Inner loop: fresh KL estimates averaged per repetition (default 100, ≥ 1). */
  resamples?: number;
  /** Draws from each model per KL estimate (default 1000, ≥ 2). */
  resampleSize?: number;
  /** Default `'monte-carlo'`. */
  klEstimator?: KlEstimator;
  /** Seed of everything (default 0): the same seed gives bit-identical results. */
  seed?: number;
  /** Component means are uniform in [0, meanRange)^d (default 10). */
  meanRange?: number;
  /** The ridge c of the random covariances A·Aᵀ/d + c·I (default 0.1, > 0). */
  covarianceFloor?: number;
  /** Histogram estimators: bins per axis (default 50). */
  bins?: number;
  /** Histogram estimators: densities are clipped below at this value (default 1e-10). */
  densityFloor?: number;
  /** Initialisations of each EM fit (default 1, as scikit-learn's default the authors used). */
  nInit?: number;
}

/** The result of {@link klGap}. @public */
export interface KlGapResult {
  /** Mean of `values`, in nats. */
  mean: number;
  /** Sample standard deviation of `values` (divisor repetitions − 1), in nats. */
  std: number;
  /** The KL Gap of each repetition (averaged over its resamples), in nats. */
  values: number[];
  /** KL(G_anchor ‖ G) of each repetition. */
  klAnchor: number[];
  /** KL(G_gen ‖ G) of each repetition. */
  klGen: number[];
  /**
   * `'monte-carlo'` only: the Monte Carlo standard error of each repetition's gap,
   * √(se_anchor² + se_gen²) over its resamples × resampleSize draws (the two are independent).
   */
  standardErrors?: number[];
}

/** Options after validation and defaults. @internal */
export interface ResolvedKlGapOptions {
  K: number;
  J: number;
  L: number;
  dim: number;
  anchorPerComponent: number;
  nSynthetic: number;
  repetitions: number;
  resamples: number;
  resampleSize: number;
  klEstimator: KlEstimator;
  seed: number;
  meanRange: number;
  covarianceFloor: number;
  bins: number;
  densityFloor: number;
  nInit: number;
}

/** Validates the options of {@link klGap} (INVALID_OPTION / INVALID_ARGUMENT). @internal */
export function resolveKlGapOptions(options: KlGapOptions): ResolvedKlGapOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `options is ${formatValue(options)}: expected { K, J, L, ... }`,
    );
  }
  const K = integerOption(options.K, 'K', 1);
  const J = integerOption(options.J, 'J', 0);
  const L = integerOption(options.L, 'L', 0);
  const dim = integerOption(options.dim, 'dim', 1, 2);
  const klEstimator = oneOf<KlEstimator>(
    options.klEstimator,
    ESTIMATORS,
    'monte-carlo',
    'klEstimator',
  );
  const bins = integerOption(options.bins, 'bins', 1, 50);
  if (klEstimator !== 'monte-carlo' && bins ** dim > 1e7) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `bins is ${bins} and dim is ${dim}: the histogram estimators need bins^dim ≤ 1e7 cells (here ${bins ** dim})`,
    );
  }
  const nSynthetic = integerOption(options.nSynthetic, 'nSynthetic', 1, 200);
  if (nSynthetic < K + J + L) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `nSynthetic is ${nSynthetic}: fitting K + J + L = ${K + J + L} components needs at least that many synthetic points`,
    );
  }
  return {
    K,
    J,
    L,
    dim,
    anchorPerComponent: integerOption(options.anchorPerComponent, 'anchorPerComponent', 2, 50),
    nSynthetic,
    repetitions: integerOption(options.repetitions, 'repetitions', 2, 100),
    resamples: integerOption(options.resamples, 'resamples', 1, 100),
    resampleSize: integerOption(options.resampleSize, 'resampleSize', 2, 1000),
    klEstimator,
    seed: options.seed === undefined ? 0 : checkSeed(options.seed),
    meanRange: positiveOption(options.meanRange, 'meanRange', 10),
    covarianceFloor: positiveOption(options.covarianceFloor, 'covarianceFloor', 0.1),
    bins,
    densityFloor: positiveOption(options.densityFloor, 'densityFloor', 1e-10),
    nInit: integerOption(options.nInit, 'nInit', 1, 1),
  };
}

/** The sub-steps of a repetition, each with its own derived seed. */
const STEP = {
  truth: 0,
  anchorData: 1,
  irrelevant: 2,
  synthetic: 3,
  anchorFit: 4,
  genFit: 5,
  resample: 6,
} as const;

/** Which model a resample draws from (the last coordinate of its seed path). */
const DRAW = { truth: 0, anchor: 1, gen: 2 } as const;

/** The ridge the authors add to the anchor components' sample covariances in M. */
const ANCHOR_RIDGE = 1e-6;

/** Everything one repetition builds, for the tests and the figures. @internal */
export interface Repetition {
  gap: number;
  klAnchor: number;
  klGen: number;
  standardError?: number;
  /** The truth G (K + J components). */
  truth: GaussianMixture;
  /** The generator M (K + J + L components). */
  generator: GaussianMixture;
  /** K-component fit to the anchor data. */
  anchorFit: GaussianMixture;
  /** (K + J + L)-component fit to the synthetic data. */
  genFit: GaussianMixture;
  /** Anchor data, K·anchorPerComponent × d (component c's rows at c·anchorPerComponent). */
  anchorData: Float64Array;
  /** Synthetic data, nSynthetic × d. */
  synthetic: Float64Array;
}

function equalMixture(components: readonly Component[]): GaussianMixture {
  const k = components.length;
  return GaussianMixture.fromParameters({
    weights: new Array<number>(k).fill(1 / k),
    means: components.map((c) => Array.from(c.mean)),
    covariances: components.map((c) => {
      const d = c.mean.length;
      return Array.from({ length: d }, (_, a) => Array.from(c.cov.subarray(a * d, (a + 1) * d)));
    }),
  });
}

function rowsOf(X: Float64Array, n: number, d: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => X.subarray(i * d, (i + 1) * d));
}

function fitMixture(X: Float64Array, n: number, d: number, k: number, nInit: number, seed: number) {
  // scikit-learn's defaults, as the authors' script used them: full covariances, k-means
  // initialisation, 100 iterations, tol 1e-3, regCovar 1e-6.
  return new GaussianMixture({
    nComponents: k,
    covarianceType: 'full',
    init: 'kmeans',
    nInit,
    seed,
  }).fit(rowsOf(X, n, d));
}

/**
 * Runs repetition `rep` of the experiment with validated options. Depends only on
 * (options, rep): every random sub-step draws from its own seed `deriveSeed(seed, rep, step, …)`.
 * @internal
 */
export function klGapRepetition(o: ResolvedKlGapOptions, rep: number): Repetition {
  const { K, J, L, dim: d, anchorPerComponent: nA, seed } = o;
  const rng = (...path: number[]) => createRandom(deriveSeed(seed, rep, ...path));

  // Ground truth G: K anchor components, then J unsampled ones, equal weights.
  const gComponents = randomComponents(rng(STEP.truth), K + J, d, o.meanRange, o.covarianceFloor);
  const truth = equalMixture(gComponents);

  // Anchor data: nA points from each of the first K components, component by component.
  const anchorRng = rng(STEP.anchorData);
  const anchorData = new Float64Array(K * nA * d);
  const mComponents: Component[] = [];
  for (let c = 0; c < K; c++) {
    const g = gComponents[c] as Component;
    const X = anchorRng.multivariateNormal(g.mean, g.cov, nA);
    anchorData.set(X, c * nA * d);
    mComponents.push(sampleMoments(X, nA, d, ANCHOR_RIDGE));
  }
  // Generator M: the anchor groups' moments, G's unsampled part, L irrelevant components.
  for (let c = K; c < K + J; c++) mComponents.push(gComponents[c] as Component);
  mComponents.push(...randomComponents(rng(STEP.irrelevant), L, d, o.meanRange, o.covarianceFloor));
  const generator = equalMixture(mComponents);
  const synthetic = sampleState(
    fittedState(generator, 'M'),
    o.nSynthetic,
    rng(STEP.synthetic),
  ).data;

  const anchorFit = fitMixture(
    anchorData,
    K * nA,
    d,
    K,
    o.nInit,
    deriveSeed(seed, rep, STEP.anchorFit),
  );
  const genFit = fitMixture(
    synthetic,
    o.nSynthetic,
    d,
    K + J + L,
    o.nInit,
    deriveSeed(seed, rep, STEP.genFit),
  );

  const g = fittedState(truth, 'G');
  const a = fittedState(anchorFit, 'anchorFit');
  const s = fittedState(genFit, 'genFit');
  const n = o.resampleSize;
  const base = { truth, generator, anchorFit, genFit, anchorData, synthetic };

  const kernel = resampleKernel();
  const models = () => [samplerModel(g), samplerModel(a), samplerModel(s)] as const;
  /** The generator state of model m's draws in resample r (seedState, as `rng` seeds it). */
  const state = (r: number, m: number) => seedState(deriveSeed(seed, rep, STEP.resample, r, m));
  if (o.klEstimator === 'monte-carlo') {
    const tA = new Float64Array(o.resamples * n);
    const tG = new Float64Array(o.resamples * n);
    // The draws on the WebAssembly sampler where it runs (the same bits as sampleState).
    const sampler = kernel?.setup({ models: models(), n, d }) === true ? kernel : null;
    const draw = (model: MixtureState, m: number, r: number) =>
      sampler
        ? sampler.sample(m, state(r, m))
        : sampleState(model, n, rng(STEP.resample, r, m)).data;
    for (let r = 0; r < o.resamples; r++) {
      const XA = draw(a, DRAW.anchor, r);
      const XG = draw(s, DRAW.gen, r);
      monteCarloKlTerms(a, g, XA, n, tA.subarray(r * n, (r + 1) * n));
      monteCarloKlTerms(s, g, XG, n, tG.subarray(r * n, (r + 1) * n));
    }
    const ea = meanAndStandardError(tA);
    const eg = meanAndStandardError(tG);
    return {
      gap: ea.mean - eg.mean,
      klAnchor: ea.mean,
      klGen: eg.mean,
      standardError: Math.hypot(ea.standardError, eg.standardError),
      ...base,
    };
  }

  // The published protocol: per resample, one fresh sample of G shared by both KLs, and one of
  // each fitted model; the KLs averaged over resamples. Histograms are kept sparse (occupied
  // cells only; see sparseHistogram), and with per-sample edges G's histogram is built once per
  // resample for both KLs: the same numbers as the dense computation, several times faster.
  // The whole resample runs in WebAssembly where it can (src/simulation/wasm/resample.wat), with
  // the same bits as the JavaScript below.
  const shared = o.klEstimator === 'histogram-shared';
  const histogram = { bins: o.bins, floor: o.densityFloor, shared };
  const sampler = kernel?.setup({ models: models(), n, d, histogram }) === true ? kernel : null;
  let resampleKls: (r: number, out: Float64Array) => void;
  if (sampler) {
    resampleKls = (r, out) =>
      sampler.resample([state(r, DRAW.truth), state(r, DRAW.anchor), state(r, DRAW.gen)], out);
  } else {
    // Buffers reused by every resample: draws and histograms allocate nothing in the loop.
    const protocol = histogramResampleKls(n, d, o.bins, o.densityFloor, shared);
    const draws = () => ({ data: new Float64Array(n * d), labels: new Int32Array(n) });
    const [dT, dA, dG] = [draws(), draws(), draws()];
    resampleKls = (r, out) =>
      protocol(
        sampleState(g, n, rng(STEP.resample, r, DRAW.truth), dT).data,
        sampleState(a, n, rng(STEP.resample, r, DRAW.anchor), dA).data,
        sampleState(s, n, rng(STEP.resample, r, DRAW.gen), dG).data,
        out,
      );
  }
  const kls = new Float64Array(2);
  let sumA = 0;
  let sumG = 0;
  for (let r = 0; r < o.resamples; r++) {
    resampleKls(r, kls);
    sumA += kls[0] as number;
    sumG += kls[1] as number;
  }
  const klAnchor = sumA / o.resamples;
  const klGen = sumG / o.resamples;
  return { gap: klAnchor - klGen, klAnchor, klGen, ...base };
}

/**
 * The KL Gap of the paper's GMM simulation, `KL(G_anchor ‖ G) − KL(G_gen ‖ G)`, mean and standard
 * deviation over independent repetitions. Larger means synthetic data helps more (a larger GGMI).
 *
 * One repetition (App. B; every step from its own seed, derived from `seed`):
 * 1. Truth G: K + J equal-weight Gaussians in d dimensions, means uniform in [0, meanRange)^d,
 *    covariances `A·Aᵀ/d + c·I` with A uniform on [0, 1)^{d×d} and c = covarianceFloor: symmetric
 *    positive definite by construction. (The authors' script uses `A·Bᵀ` with A, B independent,
 *    which is not symmetric and not always positive definite.)
 * 2. Anchor data: anchorPerComponent points from each of G's first K components.
 * 3. Generator M: K + J + L equal-weight components: the sample mean and sample covariance
 *    (divisor n − 1) + 1e-6·I of each anchor group; G's J unsampled components; L random
 *    components drawn like G's.
 * 4. Synthetic data: nSynthetic points from M.
 * 5. Fits (EM, full covariances, k-means initialisation, nInit initialisations, scikit-learn's
 *    other defaults, seeded): G_anchor with K components on the anchor data, G_gen with K + J + L
 *    on the synthetic data. (Sec. 4.4 of the paper says both fits have K + J + L components; the
 *    authors' script, followed here, fits K to the anchor data.)
 * 6. The gap, each KL estimated `resamples` times from `resampleSize` fresh draws and averaged:
 *    - `'monte-carlo'` (default): `mean_i [log p(x_i) − log g(x_i)]` over x_i ~ P, with the exact
 *      log-densities of the fitted P and the true G. Unbiased for the KL between the fitted and
 *      true mixtures, with a standard error (`standardErrors`).
 *    - `'histogram'`: the published protocol, reproduced faithfully for comparison: one fresh
 *      sample of G per resample shared by both KLs; each sample binned by numpy's
 *      `histogramdd(bins=50, density=True)` with its **own** edges (linspace over its own min..max);
 *      densities clipped at 1e-10 and flattened; SciPy's `entropy(p, q)` renormalises each to sum
 *      to 1 and sums `p log(p/q)`. Flawed as a KL estimator: cell c of P and cell c of G cover
 *      different regions when the samples' ranges differ, so the number is not KL(P ‖ G) (nor
 *      consistent for it); every cell P's sample hits and G's misses adds a large
 *      p_c·log(p_c / floor′), floor′ the renormalised 1e-10; and the renormalisation treats densities as probabilities (harmless only when all
 *      cells have the same area, which the per-sample edges break between P and G).
 *    - `'histogram-shared'`: the same with both histograms on common edges spanning both samples:
 *      a plug-in KL of the binned distributions, still biased by binning, clipping and sample size.
 *
 * `std` is the sample standard deviation (divisor repetitions − 1); the authors' figure used
 * `np.std` (divisor repetitions), smaller by √((r − 1)/r), 0.5% at 100 repetitions.
 *
 * Reproducibility: bit-identical for the same options on the same engine, and independent of the
 * order in which repetitions run. With the same seed, repetition r's truth, anchor data and
 * anchor fit do not depend on L, and G's first K components do not depend on J (common random
 * numbers across a sweep).
 *
 * Complexity: per repetition, EM O(iter·n·k·d²) for the two fits, plus per resample
 * O(resampleSize·(K + J + L)·d²) for Monte Carlo, or that plus O(bins^d) for the histograms.
 * Memory O(resamples·resampleSize) (Monte Carlo terms) or O(bins^d). The histogram estimators'
 * resample loop (drawing, binning, the clipped entropies) runs in a small WebAssembly module where
 * the engine allows it, with the same bits as the JavaScript path that runs otherwise (for
 * instance under a Content-Security-Policy without 'wasm-unsafe-eval'); the full published
 * Figure 4 takes about 70 s on one thread, 36 s with infobound/node on two (docs/performance.md).
 *
 * Reference: Gan & Liu, "Towards a Theoretical Understanding of Synthetic Data in LLM
 * Post-Training: A Reverse-Bottleneck Perspective", Sec. 3.1, 4.4, App. B, Figures 2 and 4.
 *
 * @example
 * ```ts
 * import { simulation } from 'infobound';
 * const r = simulation.klGap({ K: 2, J: 2, L: 2, repetitions: 3, resamples: 2, resampleSize: 200, seed: 1 });
 * r.values.length; // 3
 * r.mean.toFixed(3); // '-4.931'
 * ```
 * @public
 */
export function klGap(options: KlGapOptions): KlGapResult {
  const o = resolveKlGapOptions(options);
  const reps: RepetitionSummary[] = [];
  for (let rep = 0; rep < o.repetitions; rep++)
    reps.push(summarizeRepetition(klGapRepetition(o, rep)));
  return assembleKlGap(o, reps);
}

/** The numbers of one repetition, as a worker thread sends them back. @internal */
export interface RepetitionSummary {
  gap: number;
  klAnchor: number;
  klGen: number;
  standardError?: number;
}

/** The numbers of a repetition without its models and data. @internal */
export function summarizeRepetition(r: Repetition): RepetitionSummary {
  const { gap, klAnchor, klGen, standardError } = r;
  return standardError === undefined
    ? { gap, klAnchor, klGen }
    : { gap, klAnchor, klGen, standardError };
}

/**
 * {@link klGap}'s result from its repetitions' summaries, in repetition order (the sequential
 * and the worker-thread runs share it, so they give the same bits). @internal
 */
export function assembleKlGap(
  o: ResolvedKlGapOptions,
  reps: readonly RepetitionSummary[],
): KlGapResult {
  const values = reps.map((r) => r.gap);
  const { mean, std } = meanAndStd(values);
  return {
    mean,
    std,
    values,
    klAnchor: reps.map((r) => r.klAnchor),
    klGen: reps.map((r) => r.klGen),
    ...(o.klEstimator === 'monte-carlo'
      ? { standardErrors: reps.map((r) => r.standardError as number) }
      : {}),
  };
}
