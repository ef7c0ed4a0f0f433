import { formatValue, InfoboundError } from '../core/errors.js';
import { type SyntheticDataModel, syntheticAlphabet } from './model.js';

/** Options of the model builders. @public */
export interface ModelBuilderOptions {
  /** Distribution of S_anchor (k states). The prompt is p = S_anchor (φ_T invertible, App. C) and e_p = p. */
  anchor: readonly number[];
  /** Distribution of the model factor e_M (m states), independent of the prompt. */
  modelFactor: readonly number[];
  /**
   * h(e_p) = hScale · e_p, g(e_M) = e_M (default hScale = m: M(p) = m·e_p + e_M determines both
   * factors; hScale = 1 makes them collide additively, so M(p) loses information about them).
   */
  hScale?: number;
  /** Additive curation noise: probabilities of ε = 0, 1, 2, … (default [1]: no noise). */
  noise?: readonly number[];
  /**
   * W | S_gen: `'identity'` (default: W = S_gen, a learner that memorises its data), or a function of
   * the value of S_gen returning a distribution over W's states, or a matrix indexed as
   * {@link syntheticAlphabet}.
   */
  trainGen?: 'identity' | SyntheticDataModel['trainGen'];
  /** W' | S_anchor: `'identity'` (default: W' = S_anchor) or a channel. */
  trainAnchor?: 'identity' | SyntheticDataModel['trainAnchor'];
}

const identity = (k: number) =>
  Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));

/**
 * A synthetic-data model with independent factors (the paper's reading of Def. 4.1): p = S_anchor,
 * e_p = p, e_M independent of everything, M(p) = hScale·e_p + e_M, S_gen = M(p) + ε with ε
 * independent additive noise, and by default W = S_gen, W' = S_anchor.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * const m = bounds.independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5] });
 * bounds.evaluateModel(m).terms.hModelOutput; // 1.3862943611198906 (= log 4: M(p) determines both bits)
 * ```
 * @public
 */
export function independentFactorsModel(options: ModelBuilderOptions): SyntheticDataModel {
  const { anchor, modelFactor } = options;
  if (!Array.isArray(anchor) || !Array.isArray(modelFactor)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `anchor and modelFactor must be distributions (arrays), got ${formatValue(anchor)} and ${formatValue(modelFactor)}`,
    );
  }
  const k = anchor.length;
  const m = modelFactor.length;
  const hScale = options.hScale ?? m;
  if (typeof hScale !== 'number' || !Number.isFinite(hScale)) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `hScale is ${formatValue(hScale)}: expected a finite number`,
    );
  }
  const noise = options.noise ?? [1];
  if (!Array.isArray(noise)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `noise is ${formatValue(noise)}: expected the probabilities of ε = 0, 1, 2, …`,
    );
  }
  const h = Array.from({ length: k }, (_, i) => hScale * i);
  const g = Array.from({ length: m }, (_, i) => i);
  const noiseSpec = { offsets: noise.map((_, i) => i), probabilities: [...noise] };
  const synthetic = syntheticAlphabet({ h, g, noise: noiseSpec });
  const trainGen =
    options.trainGen === undefined || options.trainGen === 'identity'
      ? identity(synthetic.length)
      : options.trainGen;
  const trainAnchor =
    options.trainAnchor === undefined || options.trainAnchor === 'identity'
      ? identity(k)
      : options.trainAnchor;
  return {
    anchor: [...anchor],
    prompt: identity(k),
    promptFactor: identity(k),
    modelFactor: [...modelFactor],
    h,
    g,
    noise: noiseSpec,
    trainGen,
    trainAnchor,
  };
}

/**
 * {@link independentFactorsModel} with deterministic curation: S_gen = M(p) (ε = 0).
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * const m = bounds.deterministicCurationModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5] });
 * const { terms } = bounds.evaluateModel(m);
 * terms.hGen === terms.hModelOutput; // true (S_gen = M(p))
 * ```
 * @public
 */
export function deterministicCurationModel(
  options: Omit<ModelBuilderOptions, 'noise'>,
): SyntheticDataModel {
  return independentFactorsModel({ ...options, noise: [1] });
}

/**
 * {@link independentFactorsModel} with additive curation noise ε ∼ `noise` on 0, 1, 2, …
 * (required). Noise that spreads M(p) adds entropy: H(S_gen) can exceed H(M(p)), the case where the
 * paper's eq. (17)/(30) fails.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * // h(e_p) and g(e_M) collide (hScale = 1), and noise ε ∈ {0, 1} spreads M(p) further.
 * const m = bounds.additiveNoiseModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5], hScale: 1, noise: [0.5, 0.5] });
 * const e = bounds.evaluateModel(m);
 * e.terms.hGen > e.terms.hModelOutput; // true
 * e.steps.eq30.holds; // false
 * ```
 * @public
 */
export function additiveNoiseModel(
  options: ModelBuilderOptions & { noise: readonly number[] },
): SyntheticDataModel {
  return independentFactorsModel(options);
}
