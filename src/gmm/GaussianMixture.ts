import { formatValue, InfoboundError } from '../core/errors.js';
import { type MatrixLike, oneOf, type SampleInput, toSamples } from '../core/input.js';
import { sum } from '../core/numerics.js';
import { integerOption, nonNegativeOption } from '../core/options.js';
import { checkSeed, createRandom, type Random } from '../core/random.js';
import {
  COVARIANCE_TYPES,
  type CovarianceType,
  cloneState,
  covarianceFactor,
  covarianceLength,
  covarianceShape,
  createWorkspace,
  emptyState,
  eStep,
  logDensity,
  type MixtureState,
  mStep,
  parameterCount,
  precisionCholesky,
  responsibilities,
  weightedLogProb,
} from './em.js';
import { INIT_METHODS, type InitMethod, initialResponsibilities } from './init.js';
import {
  type Covariances,
  checkCovarianceShape,
  expectShape,
  type NumericArray,
  type ParsedArray,
  readArray,
  readCovariances,
  readWeights,
  toNested,
} from './parameters.js';

/**
 * The covariances (or precision Cholesky factors) of a mixture as nested arrays, shaped as
 * scikit-learn's: full k × d × d, diag k × d, spherical k, tied d × d.
 * @public
 */
export type CovariancesOf<T extends CovarianceType> = T extends 'full'
  ? number[][][]
  : T extends 'spherical'
    ? number[]
    : number[][];

/** What {@link GaussianMixtureOptions.onNonConvergence} is told about an initialisation that did not converge. @public */
export interface NonConvergenceReport {
  /** Which initialisation (0-based, < nInit). */
  init: number;
  /** Iterations run (= maxIter). */
  nIter: number;
  /** Its final per-sample mean log-likelihood lower bound. */
  lowerBound: number;
  /** The change of the lower bound in the last iteration, |change| ≥ tol. */
  change: number;
  tol: number;
}

/** Options of {@link GaussianMixture}. @public */
export interface GaussianMixtureOptions<T extends CovarianceType = CovarianceType> {
  /** Number of components k ≥ 1 (fit needs at least k samples). */
  nComponents: number;
  /**
   * `'full'` (default): each component its own covariance matrix; `'diag'`: its own diagonal
   * covariance; `'spherical'`: its own single variance; `'tied'`: one full covariance shared by all.
   */
  covarianceType?: T;
  /**
   * How the initial responsibilities are drawn (then one M-step gives the initial parameters):
   * `'kmeans++'` (default; k-means++ seeds, every sample to its nearest seed), `'kmeans'` (the same
   * seeds, then Lloyd's k-means), `'random'` (uniform random responsibilities).
   */
  init?: InitMethod;
  /** Number of initialisations (default 1); the one with the best final lower bound is kept. */
  nInit?: number;
  /** Maximum EM iterations per initialisation (default 100; 0 keeps the initial parameters). */
  maxIter?: number;
  /** Convergence threshold on the change of the per-sample mean log-likelihood (default 1e-3; 0 never converges). */
  tol?: number;
  /** Added to the diagonal of every covariance in every M-step (default 1e-6, ≥ 0). */
  regCovar?: number;
  /** Seed of the initialisation (default 0): the same seed gives bit-identical fits. */
  seed?: number;
  /** Initial weights (k numbers summing to 1), instead of the initialisation's. */
  weightsInit?: ArrayLike<number>;
  /** Initial means (k × d), instead of the initialisation's. */
  meansInit?: NumericArray | MatrixLike;
  /**
   * Initial precisions (inverse covariances), shaped as the covariances of `covarianceType`;
   * symmetric positive definite. Exclusive with `covariancesInit`.
   */
  precisionsInit?: NumericArray | MatrixLike;
  /** Initial covariances, shaped by `covarianceType`; symmetric positive definite. Exclusive with `precisionsInit`. */
  covariancesInit?: NumericArray | MatrixLike;
  /** Called once for every initialisation that ran maxIter iterations without converging. */
  onNonConvergence?: (report: NonConvergenceReport) => void;
}

/** Parameters of a mixture for {@link GaussianMixture.fromParameters}. @public */
export interface MixtureParameters<T extends CovarianceType = CovarianceType> {
  /** k mixing weights: non-negative, summing to 1 (within 1e-6; rescaled to exactly 1). */
  weights: ArrayLike<number>;
  /** k × d means. */
  means: NumericArray | MatrixLike;
  /** Covariances shaped by `covarianceType` (full k × d × d, diag k × d, spherical k, tied d × d). */
  covariances: NumericArray | MatrixLike;
  /** Default `'full'`. */
  covarianceType?: T;
}

/** The serialised form of a {@link GaussianMixture} ({@link GaussianMixture.toJSON}). @public */
export interface GaussianMixtureJSON {
  type: 'GaussianMixture';
  version: 1;
  covarianceType: CovarianceType;
  nComponents: number;
  nFeatures: number;
  weights: number[];
  means: number[][];
  covariances: CovariancesOf<CovarianceType>;
  precisionsCholesky: CovariancesOf<CovarianceType>;
  converged: boolean;
  nIter: number;
  /** null for −Infinity (a model from {@link GaussianMixture.fromParameters}, never fitted). */
  lowerBound: number | null;
  lowerBounds: number[];
  emptyComponents: number[];
  options: {
    init: InitMethod;
    nInit: number;
    maxIter: number;
    tol: number;
    regCovar: number;
    seed: number;
  };
}

/** What a fit leaves. */
interface Fitted {
  readonly state: MixtureState;
  readonly converged: boolean;
  readonly nIter: number;
  readonly lowerBound: number;
  readonly lowerBounds: readonly number[];
  readonly emptyComponents: readonly number[];
}

const FITTED = new WeakMap<object, Fitted>();

/**
 * The parameters of a fitted mixture, for the divergences. Throws INVALID_ARGUMENT for anything
 * but a fitted {@link GaussianMixture}. @internal
 */
export function fittedState(gm: unknown, name: string): MixtureState {
  if (!(gm instanceof GaussianMixture)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${name} is ${formatValue(gm)}: expected a GaussianMixture (fitted, or from fromParameters / fromJSON)`,
    );
  }
  const f = FITTED.get(gm);
  if (f === undefined) {
    throw new InfoboundError('INVALID_ARGUMENT', `${name} is not fitted: call fit(X) first`);
  }
  return f.state;
}

/** Indices of components with less than one sample's worth of responsibility. */
function emptyOf(counts: Float64Array): number[] {
  const out: number[] = [];
  for (let j = 0; j < counts.length; j++) if ((counts[j] as number) < 1) out.push(j);
  return out;
}

/**
 * Draws n samples: labels by the weights, then μ_c + L_c z. Rows n × d, flat. With `into`
 * (data ≥ n·d, labels ≥ n) the draws are written there and no arrays are allocated. @internal
 */
export function sampleState(
  s: MixtureState,
  n: number,
  rng: Random,
  into?: { data: Float64Array; labels: Int32Array },
): { data: Float64Array; labels: Int32Array } {
  const { k, d, means } = s;
  const factors = new Float64Array(k * d * d);
  const L = new Float64Array(d * d);
  for (let j = 0; j < k; j++) {
    covarianceFactor(s, j, L);
    factors.set(L, j * d * d);
  }
  const labels = rng.categorical(s.weights, n, into?.labels);
  const data = into?.data ?? new Float64Array(n * d);
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    for (let a = 0; a < d; a++) z[a] = rng.normal();
    const fo = c * d * d;
    for (let a = 0; a < d; a++) {
      let v = means[c * d + a] as number;
      const ro = fo + a * d;
      for (let b = 0; b <= a; b++) v += (factors[ro + b] as number) * (z[b] as number);
      data[i * d + a] = v;
    }
  }
  return { data, labels };
}

/**
 * A Gaussian mixture model fitted by expectation–maximisation, with scikit-learn's
 * `GaussianMixture` semantics: from the same initial parameters and the same number of
 * iterations it reaches the same parameters (the contract is ~1e-7; measured ≤ 3e-13, see docs/gmm.md).
 *
 * Model: `p(x) = Σ_j w_j N(x; μ_j, Σ_j)`. EM alternates the E-step
 * `r_ij = w_j N(x_i; μ_j, Σ_j) / p(x_i)` (in log space, through Cholesky factors U_j of the
 * precisions, `log N = −½[d log 2π + ‖(x − μ_j)ᵀU_j‖²] + Σ log U_j,aa`) and the M-step
 * `n_j = Σ_i r_ij`, `w_j = n_j / n`, `μ_j = Σ_i r_ij x_i / n_j`,
 * `Σ_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / n_j + regCovar·I`; it stops when the per-sample mean
 * log-likelihood changes by less than `tol` (`converged`), or after `maxIter` iterations
 * (`converged = false`, reported through `onNonConvergence` too). `lowerBound` is, as in
 * scikit-learn, the mean log-likelihood computed in the last E-step.
 *
 * Degenerate data: a component no sample is responsible for keeps finite parameters (its count
 * is floored at 10ε, as scikit-learn's) and is listed in `emptyComponents`; a covariance that is
 * not positive definite (only possible with regCovar = 0, or data so large that regCovar is lost
 * to rounding) throws DEGENERATE_SAMPLES. No parameter is ever NaN.
 *
 * Cost per iteration: O(n·k·d²) (full, tied), O(n·k·d) (diag, spherical), plus O(k·d³) for the
 * Cholesky factors; memory O(n·k) for the responsibilities.
 *
 * Reference: Dempster, Laird & Rubin (1977); Bishop (2006), *Pattern Recognition and Machine
 * Learning*, §9.2; scikit-learn's `sklearn/mixture/_gaussian_mixture.py` (Pedregosa et al. 2011).
 *
 * @typeParam T - The covariance type, which fixes the shape of `covariances`.
 * @example
 * ```ts
 * import { GaussianMixture } from 'infobound';
 * const X = [[0, 0.1], [0.2, 0], [0.1, 0.3], [5, 5.2], [5.1, 4.9], [4.8, 5]];
 * const gm = new GaussianMixture({ nComponents: 2, seed: 1 }).fit(X);
 * gm.predict([[0, 0], [5, 5]]); // Int32Array(2) [ 1, 0 ]
 * gm.weights; // [ 0.5, 0.5 ]
 * gm.converged; // true
 * ```
 * @public
 */
export class GaussianMixture<T extends CovarianceType = 'full'> {
  /** Number of components k. */
  readonly nComponents: number;
  /** How the covariances are parametrised. */
  readonly covarianceType: T;
  /** Initialisation method. */
  readonly init: InitMethod;
  /** Number of initialisations. */
  readonly nInit: number;
  /** Maximum EM iterations per initialisation. */
  readonly maxIter: number;
  /** Convergence threshold on the change of the mean log-likelihood. */
  readonly tol: number;
  /** Ridge added to every covariance diagonal in every M-step. */
  readonly regCovar: number;
  /** Seed of the initialisation (and the default seed of {@link GaussianMixture.sample}). */
  readonly seed: number;
  readonly #weightsInit: Float64Array | undefined;
  readonly #meansInit: ParsedArray | undefined;
  readonly #covariancesInit: Covariances | undefined;
  readonly #covariancesInitName: string;
  readonly #onNonConvergence: ((report: NonConvergenceReport) => void) | undefined;

  /**
   * Validates the options (INVALID_OPTION for a value outside its domain; the initial
   * parameters are checked here too: NOT_A_DISTRIBUTION for weights, NOT_POSITIVE_DEFINITE for
   * non-symmetric or non-positive-definite covariances or precisions, SHAPE_MISMATCH for shapes
   * that do not agree with nComponents). Shapes that depend on d are checked by `fit`.
   */
  constructor(options: GaussianMixtureOptions<T>) {
    if (typeof options !== 'object' || options === null) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `options is ${formatValue(options)}: expected { nComponents, ... }`,
      );
    }
    if (options.nComponents === undefined) {
      throw new InfoboundError(
        'INVALID_OPTION',
        'nComponents is undefined: expected an integer ≥ 1',
      );
    }
    this.nComponents = integerOption(options.nComponents, 'nComponents', 1, 1);
    this.covarianceType = oneOf<CovarianceType>(
      options.covarianceType,
      COVARIANCE_TYPES,
      'full',
      'covarianceType',
    ) as T;
    this.init = oneOf<InitMethod>(options.init, INIT_METHODS, 'kmeans++', 'init');
    this.nInit = integerOption(options.nInit, 'nInit', 1, 1);
    this.maxIter = integerOption(options.maxIter, 'maxIter', 0, 100);
    this.tol = nonNegativeOption(options.tol, 'tol', 1e-3);
    this.regCovar = nonNegativeOption(options.regCovar, 'regCovar', 1e-6);
    this.seed = options.seed === undefined ? 0 : checkSeed(options.seed);
    const cb = options.onNonConvergence;
    if (cb !== undefined && typeof cb !== 'function') {
      throw new InfoboundError(
        'INVALID_OPTION',
        `onNonConvergence is ${formatValue(cb)}: expected a function`,
      );
    }
    this.#onNonConvergence = cb;
    const k = this.nComponents;
    this.#weightsInit =
      options.weightsInit === undefined
        ? undefined
        : readWeights(options.weightsInit, 'weightsInit', k);
    if (options.meansInit !== undefined) {
      const m = readArray(options.meansInit, 2, 'meansInit');
      if (m.shape[0] !== k) {
        throw new InfoboundError(
          'SHAPE_MISMATCH',
          `meansInit has ${m.shape[0]} rows but nComponents is ${k}: one mean per component`,
        );
      }
      this.#meansInit = m;
    } else {
      this.#meansInit = undefined;
    }
    if (options.precisionsInit !== undefined && options.covariancesInit !== undefined) {
      throw new InfoboundError(
        'INVALID_OPTION',
        'precisionsInit and covariancesInit are both given: pass one of them',
      );
    }
    const type = this.covarianceType as CovarianceType;
    if (options.precisionsInit !== undefined) {
      this.#covariancesInitName = 'precisionsInit';
      this.#covariancesInit = readCovariances(
        options.precisionsInit,
        type,
        'precisions',
        'precisionsInit',
      );
    } else if (options.covariancesInit !== undefined) {
      this.#covariancesInitName = 'covariancesInit';
      this.#covariancesInit = readCovariances(
        options.covariancesInit,
        type,
        'covariances',
        'covariancesInit',
      );
    } else {
      this.#covariancesInitName = '';
      this.#covariancesInit = undefined;
    }
    const ci = this.#covariancesInit;
    if (ci !== undefined && ci.k !== undefined && ci.k !== k) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${this.#covariancesInitName} has ${ci.k} components but nComponents is ${k}`,
      );
    }
  }

  /**
   * Fits the mixture to the rows of X by EM, `nInit` times from the chosen initialisation, and
   * keeps the fit with the highest final lower bound. Throws TOO_FEW_SAMPLES if X has fewer rows
   * than components, SHAPE_MISMATCH if initial parameters do not match X's columns, and
   * DEGENERATE_SAMPLES if a covariance stops being positive definite (see the class comment).
   * @returns this, fitted.
   */
  fit(X: SampleInput): this {
    const { data, n, d } = toSamples(X, 'X');
    const k = this.nComponents;
    const type = this.covarianceType as CovarianceType;
    if (n < k) {
      throw new InfoboundError(
        'TOO_FEW_SAMPLES',
        `X has ${n} samples but nComponents is ${k}: a mixture needs at least one sample per component`,
      );
    }
    const means = this.#meansInit;
    if (means !== undefined) expectShape(means.shape, [k, d], 'meansInit', `X with ${d} columns`);
    const ci = this.#covariancesInit;
    if (ci !== undefined) checkCovarianceShape(ci, type, k, d, this.#covariancesInitName);
    const rng = createRandom(this.seed);
    const resp = new Float64Array(n * k);
    const ws = createWorkspace(type, k, d);
    const lowerBounds: number[] = [];
    let best: Fitted | undefined;
    for (let init = 0; init < this.nInit; init++) {
      const state = this.#initialState(data, n, d, rng, resp, ws);
      let lowerBound = Number.NEGATIVE_INFINITY;
      let change = Number.POSITIVE_INFINITY;
      let converged = false;
      let nIter = 0;
      if (this.maxIter === 0) {
        lowerBound = eStep(state, data, n, resp, ws);
        const counts = ws.counts.fill(0);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < k; j++)
            counts[j] = (counts[j] as number) + (resp[i * k + j] as number);
      }
      for (let it = 1; it <= this.maxIter; it++) {
        const previous = lowerBound;
        lowerBound = eStep(state, data, n, resp, ws);
        mStep(state, data, n, resp, this.regCovar, ws, 'sum');
        nIter = it;
        change = lowerBound - previous;
        if (Math.abs(change) < this.tol) {
          converged = true;
          break;
        }
      }
      lowerBounds.push(lowerBound);
      if (!converged && this.maxIter > 0) {
        this.#onNonConvergence?.({ init, nIter, lowerBound, change, tol: this.tol });
      }
      if (best === undefined || lowerBound > best.lowerBound) {
        best = {
          state,
          converged,
          nIter,
          lowerBound,
          lowerBounds,
          emptyComponents: emptyOf(ws.counts),
        };
      }
    }
    FITTED.set(this, best as Fitted);
    return this;
  }

  #initialState(
    data: Float64Array,
    n: number,
    d: number,
    rng: Random,
    resp: Float64Array,
    ws: ReturnType<typeof createWorkspace>,
  ): MixtureState {
    const k = this.nComponents;
    const state = emptyState(this.covarianceType, k, d);
    const w = this.#weightsInit;
    const m = this.#meansInit;
    const c = this.#covariancesInit;
    // Like scikit-learn, parameters not given come from the initialisation's responsibilities
    // and one M-step (weights n_j / n); given ones replace them. With all three given, nothing is drawn.
    if (w === undefined || m === undefined || c === undefined) {
      initialResponsibilities(this.init, data, n, d, k, rng, resp);
      mStep(state, data, n, resp, this.regCovar, ws, 'n');
    }
    if (w !== undefined) state.weights.set(w);
    if (m !== undefined) state.means.set(m.data);
    if (c !== undefined) {
      state.covariances.set(c.covariances);
      state.precisionsCholesky.set(c.precisionsCholesky);
    }
    return state;
  }

  #fitted(): Fitted {
    const f = FITTED.get(this);
    if (f === undefined) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        'this GaussianMixture is not fitted: call fit(X) first (or build one with GaussianMixture.fromParameters)',
      );
    }
    return f;
  }

  #samples(X: SampleInput, name = 'X'): { data: Float64Array; n: number; state: MixtureState } {
    const state = this.#fitted().state;
    const s = toSamples(X, name);
    if (s.d !== state.d) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${name} has ${s.d} columns but the mixture has ${state.d} features`,
      );
    }
    return { data: s.data, n: s.n, state };
  }

  /** Whether the model has parameters (fitted, or built by fromParameters / fromJSON). */
  get isFitted(): boolean {
    return FITTED.has(this);
  }

  /** Number of features d seen by fit. */
  get nFeatures(): number {
    return this.#fitted().state.d;
  }

  /** Mixing weights (k), a copy. */
  get weights(): number[] {
    return Array.from(this.#fitted().state.weights);
  }

  /** Component means (k × d), a copy. */
  get means(): number[][] {
    const s = this.#fitted().state;
    return toNested(s.means, [s.k, s.d]) as number[][];
  }

  /** Covariances, shaped as scikit-learn's `covariances_` (full k×d×d, diag k×d, spherical k, tied d×d), a copy. */
  get covariances(): CovariancesOf<T> {
    const s = this.#fitted().state;
    return toNested(s.covariances, covarianceShape(s.covarianceType, s.k, s.d)) as CovariancesOf<T>;
  }

  /**
   * Cholesky factors of the precisions (scikit-learn's `precisions_cholesky_`): for full and
   * tied the upper triangular U with U·Uᵀ = Σ⁻¹; for diag and spherical 1/√σ². A copy.
   */
  get precisionsCholesky(): CovariancesOf<T> {
    const s = this.#fitted().state;
    return toNested(
      s.precisionsCholesky,
      covarianceShape(s.covarianceType, s.k, s.d),
    ) as CovariancesOf<T>;
  }

  /** Whether the kept initialisation converged (|Δ lower bound| < tol) within maxIter iterations. */
  get converged(): boolean {
    return this.#fitted().converged;
  }

  /** EM iterations run by the kept initialisation. */
  get nIter(): number {
    return this.#fitted().nIter;
  }

  /**
   * Per-sample mean log-likelihood of the training data in the last E-step of the kept
   * initialisation (scikit-learn's `lower_bound_`); −Infinity for a model never fitted.
   */
  get lowerBound(): number {
    return this.#fitted().lowerBound;
  }

  /** The final lower bound of every initialisation, in order (length nInit). */
  get lowerBounds(): number[] {
    return Array.from(this.#fitted().lowerBounds);
  }

  /**
   * Components that ended with less than one sample's worth of responsibility (Σ_i r_ij < 1) in
   * the last M-step: their parameters are not estimated from data (mean near the origin or a
   * single point, covariance ≈ regCovar·I, weight ≈ 0). Empty for a healthy fit.
   */
  get emptyComponents(): number[] {
    return Array.from(this.#fitted().emptyComponents);
  }

  /**
   * Log-density of the mixture at each row of X: `log Σ_j w_j N(x_i; μ_j, Σ_j)`, in nats.
   * O(n·k·d²). A row whose squared Mahalanobis distance overflows (beyond ~1e154) scores −Infinity.
   */
  scoreSamples(X: SampleInput): Float64Array {
    const { data, n, state } = this.#samples(X);
    const out = new Float64Array(n);
    logDensity(state, data, n, out);
    return out;
  }

  /** Mean log-density of the rows of X (scikit-learn's `score`), in nats. */
  score(X: SampleInput): number {
    return sum(this.scoreSamples(X)) / this.#samples(X).n;
  }

  /** The most probable component of each row (argmax_j of w_j N(x_i; μ_j, Σ_j); ties to the lowest j). */
  predict(X: SampleInput): Int32Array {
    const { data, n, state } = this.#samples(X);
    const k = state.k;
    const out = new Int32Array(n);
    const block = 1024;
    const buf = new Float64Array(Math.min(block, n) * k);
    const ws = createWorkspace(state.covarianceType, k, state.d);
    for (let r0 = 0; r0 < n; r0 += block) {
      const rows = Math.min(block, n - r0);
      weightedLogProb(state, data, r0, rows, buf, ws);
      for (let i = 0; i < rows; i++) {
        let bj = 0;
        let bv = buf[i * k] as number;
        for (let j = 1; j < k; j++) {
          const v = buf[i * k + j] as number;
          if (v > bv) {
            bv = v;
            bj = j;
          }
        }
        out[r0 + i] = bj;
      }
    }
    return out;
  }

  /**
   * Posterior component probabilities of each row, `r_ij = w_j N(x_i; μ_j, Σ_j) / p(x_i)`: n rows
   * of k values summing to 1. Throws DEGENERATE_SAMPLES for a row whose density underflows
   * under every component (0/0).
   */
  predictProba(X: SampleInput): Float64Array[] {
    const { data, n, state } = this.#samples(X);
    const k = state.k;
    const resp = responsibilities(state, data, n);
    return Array.from({ length: n }, (_, i) => resp.subarray(i * k, (i + 1) * k));
  }

  /**
   * Draws n samples from the mixture: component labels c_i ~ Categorical(w), then
   * x_i = μ_c + L_c z, z ~ N(0, I), L_c the Cholesky factor of Σ_c. Reproducible: the same
   * `seed` (default: the model's `seed`) gives bit-identical samples. Unlike scikit-learn, rows
   * come in draw order, not grouped by component. O(n·d² + k·d³).
   * @returns `samples` (n rows of d, views on one buffer) and their component `labels`.
   */
  sample(
    n: number,
    options: { seed?: number } = {},
  ): { samples: Float64Array[]; labels: Int32Array } {
    const state = this.#fitted().state;
    const count = integerOption(n, 'n', 1, 1);
    const seed = options.seed === undefined ? this.seed : checkSeed(options.seed);
    const { data, labels } = sampleState(state, count, createRandom(seed));
    const d = state.d;
    return {
      samples: Array.from({ length: count }, (_, i) => data.subarray(i * d, (i + 1) * d)),
      labels,
    };
  }

  /**
   * Number of free parameters p: k − 1 weights, k·d means, and k·d(d+1)/2 (full), k·d (diag),
   * k (spherical) or d(d+1)/2 (tied) covariance entries.
   */
  nParameters(): number {
    const s = this.#fitted().state;
    return parameterCount(s.covarianceType, s.k, s.d);
  }

  /** Bayesian information criterion on X: `−2·n·score(X) + p·log n` (lower is better). */
  bic(X: SampleInput): number {
    const n = this.#samples(X).n;
    return -2 * this.score(X) * n + this.nParameters() * Math.log(n);
  }

  /** Akaike information criterion on X: `−2·n·score(X) + 2p` (lower is better). */
  aic(X: SampleInput): number {
    const n = this.#samples(X).n;
    return -2 * this.score(X) * n + 2 * this.nParameters();
  }

  /**
   * A plain JSON-ready object with the options, the fitted parameters and the fit diagnostics
   * (not the initial parameters nor the callback). {@link GaussianMixture.fromJSON} restores it
   * exactly: every number round-trips bit for bit.
   */
  toJSON(): GaussianMixtureJSON {
    const f = this.#fitted();
    const s = f.state;
    const shape = covarianceShape(s.covarianceType, s.k, s.d);
    return {
      type: 'GaussianMixture',
      version: 1,
      covarianceType: s.covarianceType,
      nComponents: s.k,
      nFeatures: s.d,
      weights: Array.from(s.weights),
      means: toNested(s.means, [s.k, s.d]) as number[][],
      covariances: toNested(s.covariances, shape) as CovariancesOf<CovarianceType>,
      precisionsCholesky: toNested(s.precisionsCholesky, shape) as CovariancesOf<CovarianceType>,
      converged: f.converged,
      nIter: f.nIter,
      lowerBound: Number.isFinite(f.lowerBound) ? f.lowerBound : null,
      lowerBounds: Array.from(f.lowerBounds),
      emptyComponents: Array.from(f.emptyComponents),
      options: {
        init: this.init,
        nInit: this.nInit,
        maxIter: this.maxIter,
        tol: this.tol,
        regCovar: this.regCovar,
        seed: this.seed,
      },
    };
  }

  /**
   * Restores a model from {@link GaussianMixture.toJSON}'s output (the object, or its JSON
   * string), bit for bit. Checks the structure, shapes and finiteness, that the weights are a
   * distribution, and that the stored precision factors agree with the covariances (to 1e-8
   * relative); INVALID_ARGUMENT, SHAPE_MISMATCH, NOT_A_DISTRIBUTION or NOT_POSITIVE_DEFINITE
   * otherwise.
   */
  static fromJSON(json: GaussianMixtureJSON | string): GaussianMixture<CovarianceType> {
    const o = (typeof json === 'string' ? JSON.parse(json) : json) as GaussianMixtureJSON;
    if (typeof o !== 'object' || o === null || o.type !== 'GaussianMixture' || o.version !== 1) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `json is ${formatValue(o)}: expected the output of GaussianMixture.toJSON() (type 'GaussianMixture', version 1)`,
      );
    }
    const opts = o.options ?? ({} as GaussianMixtureJSON['options']);
    const gm = new GaussianMixture<CovarianceType>({
      nComponents: o.nComponents,
      covarianceType: o.covarianceType,
      init: opts.init,
      nInit: opts.nInit,
      maxIter: opts.maxIter,
      tol: opts.tol,
      regCovar: opts.regCovar,
      seed: opts.seed,
    });
    const type = gm.covarianceType;
    const k = gm.nComponents;
    const d = integerOption(o.nFeatures, 'json.nFeatures', 1, 1);
    const w = readArray(o.weights, 1, 'json.weights');
    expectShape(w.shape, [k], 'json.weights', `nComponents = ${k}`);
    let total = 0;
    for (let j = 0; j < k; j++) {
      const v = w.data[j] as number;
      if (v < 0) {
        throw new InfoboundError(
          'NOT_A_DISTRIBUTION',
          `json.weights[${j}] is ${v}: weights must be ≥ 0`,
        );
      }
      total += v;
    }
    if (!(Math.abs(total - 1) <= 1e-6)) {
      throw new InfoboundError('NOT_A_DISTRIBUTION', `json.weights sums to ${total}, not 1`);
    }
    const m = readArray(o.means, 2, 'json.means');
    expectShape(m.shape, [k, d], 'json.means', `nComponents = ${k}, nFeatures = ${d}`);
    const shape = covarianceShape(type, k, d);
    const c = readArray(o.covariances, shape.length, 'json.covariances');
    expectShape(c.shape, shape, 'json.covariances', `covarianceType '${type}'`);
    const p = readArray(o.precisionsCholesky, shape.length, 'json.precisionsCholesky');
    expectShape(p.shape, shape, 'json.precisionsCholesky', `covarianceType '${type}'`);
    const state: MixtureState = {
      covarianceType: type,
      k,
      d,
      weights: w.data,
      means: m.data,
      covariances: c.data,
      precisionsCholesky: p.data,
    };
    const check = cloneState(state);
    try {
      precisionCholesky(check);
    } catch {
      throw new InfoboundError(
        'NOT_POSITIVE_DEFINITE',
        'json.covariances are not all positive definite',
      );
    }
    for (let i = 0; i < covarianceLength(type, k, d); i++) {
      const a = check.precisionsCholesky[i] as number;
      const b = p.data[i] as number;
      if (Math.abs(a - b) > 1e-8 * Math.max(Math.abs(a), Math.abs(b), 1e-300) + 1e-300) {
        throw new InfoboundError(
          'INVALID_ARGUMENT',
          `json.precisionsCholesky does not match json.covariances (entry ${i}: ${b} vs ${a} computed)`,
        );
      }
    }
    const lowerBounds = readArray(o.lowerBounds ?? [], 1, 'json.lowerBounds');
    const empty = o.emptyComponents ?? [];
    const lb = o.lowerBound;
    if (lb !== null && (typeof lb !== 'number' || !Number.isFinite(lb))) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `json.lowerBound is ${formatValue(lb)}: expected a number or null`,
      );
    }
    if (typeof o.converged !== 'boolean') {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `json.converged is ${formatValue(o.converged)}: expected a boolean`,
      );
    }
    FITTED.set(gm, {
      state,
      converged: o.converged,
      nIter: integerOption(o.nIter, 'json.nIter', 0, 0),
      lowerBound: lb === null ? Number.NEGATIVE_INFINITY : lb,
      lowerBounds: Array.from(lowerBounds.data),
      emptyComponents: Array.from(empty, (j, i) =>
        integerOption(j, `json.emptyComponents[${i}]`, 0, 0),
      ),
    });
    return gm;
  }

  /**
   * A mixture with given parameters, ready to score, predict, sample and compare (no fitting).
   * Validates that `weights` is a distribution (NOT_A_DISTRIBUTION), that the shapes agree
   * (SHAPE_MISMATCH), and that every covariance is symmetric positive definite or every variance
   * positive (NOT_POSITIVE_DEFINITE, naming the component and its smallest eigenvalue).
   * The fit diagnostics are `converged = true`, `nIter = 0`, `lowerBound = −Infinity`.
   *
   * @example
   * ```ts
   * import { GaussianMixture } from 'infobound';
   * const gm = GaussianMixture.fromParameters({
   *   weights: [0.3, 0.7],
   *   means: [[0], [4]],
   *   covariances: [[[1]], [[0.5]]],
   * });
   * gm.score([[0], [4]]); // -1.5259245988429537
   * ```
   */
  static fromParameters<T extends CovarianceType = 'full'>(
    parameters: MixtureParameters<T>,
  ): GaussianMixture<T> {
    if (typeof parameters !== 'object' || parameters === null) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `parameters is ${formatValue(parameters)}: expected { weights, means, covariances, covarianceType }`,
      );
    }
    const type = oneOf<CovarianceType>(
      parameters.covarianceType,
      COVARIANCE_TYPES,
      'full',
      'covarianceType',
    );
    const weights = readWeights(parameters.weights, 'weights');
    const k = weights.length;
    const m = readArray(parameters.means, 2, 'means');
    if (m.shape[0] !== k) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `means has ${m.shape[0]} rows but weights has ${k} entries: one mean per component`,
      );
    }
    const d = m.shape[1] as number;
    if (d === 0) throw new InfoboundError('SHAPE_MISMATCH', 'means has rows of length 0');
    const c = readCovariances(parameters.covariances, type, 'covariances', 'covariances');
    checkCovarianceShape(c, type, k, d, 'covariances');
    const gm = new GaussianMixture<T>({ nComponents: k, covarianceType: type as T });
    FITTED.set(gm, {
      state: {
        covarianceType: type,
        k,
        d,
        weights,
        means: m.data,
        covariances: c.covariances,
        precisionsCholesky: c.precisionsCholesky,
      },
      converged: true,
      nIter: 0,
      lowerBound: Number.NEGATIVE_INFINITY,
      lowerBounds: [],
      emptyComponents: [],
    });
    return gm;
  }
}
