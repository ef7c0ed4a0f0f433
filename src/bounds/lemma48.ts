import { InfoboundError } from '../core/errors.js';
import { type BoundResult, count, depthFactor, info, positive, xuRaginsky } from './shared.js';

/** Inputs of {@link lemma48}. @public */
export interface Lemma48Input {
  /** σ: the loss is σ-sub-Gaussian. */
  sigma: number;
  /** m: number of anchor samples. */
  m: number;
  /** I(S_anchor; W'): MI between the anchor data and the parameters trained on it. */
  miAnchorWPrime: number;
  /** L: contraction layers (default 0). */
  layers?: number;
  /** η': contraction factor of the anchor-trained network, 0 < η' ≤ 1 (default 1). */
  etaPrime?: number;
}

/**
 * Lemma 4.8 (eq. 8), the anchor-data post-training bound:
 * `E Err(π^{S_anchor}) ≤ exp(−(L/2)·log(1/η'))·sqrt(2σ²·I(S_anchor; W')/m)`.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.lemma48({ sigma: 0.5, m: 8, miAnchorWPrime: 1 }).value; // 0.25
 * ```
 * @public
 */
export function lemma48(input: Lemma48Input): BoundResult<{
  sigma: number;
  m: number;
  miAnchorWPrime: number;
  layers: number;
  etaPrime: number;
  depthFactor: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const sigma = positive(rec, 'sigma');
  const m = count(rec, 'm');
  const miAnchorWPrime = info(rec, 'miAnchorWPrime');
  if (rec.eta !== undefined) {
    throw new InfoboundError(
      'INVALID_OPTION',
      "eta was given: Lemma 4.8's contraction factor is η' of the anchor-trained network; pass etaPrime",
    );
  }
  const { layers, eta, factor } = depthFactor(rec, 'etaPrime');
  return {
    value: factor * xuRaginsky(sigma, miAnchorWPrime, m, 'miAnchorWPrime'),
    terms: { sigma, m, miAnchorWPrime, layers, etaPrime: eta, depthFactor: factor },
    reference: 'Gan & Liu, Lemma 4.8, eq. (8)',
  };
}
