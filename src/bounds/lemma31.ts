import { formatValue, InfoboundError } from '../core/errors.js';
import { type BoundResult, num, positive, unit } from './shared.js';

/** Inputs of {@link lemma31}. @public */
export interface Lemma31Input {
  /** The loss bound C. */
  lossBound: number;
  /** D_TV(D, D_M): task divergence. */
  tvTaskModel: number;
  /** D_TV(D_M, D_gen): generation divergence. */
  tvModelGen: number;
  /** |R_{D_gen}(π^{S_gen}) − R̂_{S_gen}(π^{S_gen})|: generalization error w.r.t. the synthetic data. */
  genErrorSynthetic: number;
  /**
   * How the loss is bounded (default `'zero-to-C'`): `'zero-to-C'` for ℓ ∈ [0, C], where
   * |E_P ℓ − E_Q ℓ| ≤ C·D_TV(P, Q) and the paper's constant C is right; `'absolute'` for |ℓ| ≤ C,
   * where the range is 2C and the constant must be 2C.
   */
  loss?: 'zero-to-C' | 'absolute';
}

/**
 * Lemma 3.1 (eq. 1): the error of a model post-trained on synthetic data, split into the
 * distributions' divergence and the generalization error w.r.t. the synthetic data:
 * `Err(π^{S_gen}) ≤ C'·(D_TV(D, D_M) + D_TV(D_M, D_gen)) + |R_{D_gen} − R̂_{S_gen}|`.
 *
 * The proof (App. D) uses |E_P ℓ − E_Q ℓ| ≤ C·Σ|P − Q|; since Σ|P − Q| = 2·D_TV, the correct
 * constant is the loss's range: C' = C for losses in [0, C] (centre the loss first), C' = 2C for
 * |ℓ| ≤ C. This calculator uses that corrected constant and reports it as `effectiveConstant`.
 * Holds for any fixed π and sample (no expectation needed), by the triangle inequality.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.lemma31({ lossBound: 1, tvTaskModel: 0.1, tvModelGen: 0.05, genErrorSynthetic: 0.02 }).value; // 0.17
 * ```
 * @public
 */
export function lemma31(input: Lemma31Input): BoundResult<{
  lossBound: number;
  effectiveConstant: number;
  tvTaskModel: number;
  tvModelGen: number;
  divergence: number;
  genErrorSynthetic: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const lossBound = positive(rec, 'lossBound');
  const tvTaskModel = unit(rec, 'tvTaskModel');
  const tvModelGen = unit(rec, 'tvModelGen');
  const genErrorSynthetic = num(rec, 'genErrorSynthetic');
  if (genErrorSynthetic < 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `genErrorSynthetic is ${genErrorSynthetic}: an absolute error is ≥ 0`,
    );
  }
  const loss = input.loss ?? 'zero-to-C';
  if (loss !== 'zero-to-C' && loss !== 'absolute') {
    throw new InfoboundError(
      'INVALID_OPTION',
      `loss is ${formatValue(loss)}: expected 'zero-to-C' or 'absolute'`,
    );
  }
  const effectiveConstant = loss === 'absolute' ? 2 * lossBound : lossBound;
  const divergence = tvTaskModel + tvModelGen;
  return {
    value: effectiveConstant * divergence + genErrorSynthetic,
    terms: { lossBound, effectiveConstant, tvTaskModel, tvModelGen, divergence, genErrorSynthetic },
    reference: 'Gan & Liu, Lemma 3.1, eq. (1); constant corrected per App. D (range of the loss)',
  };
}
