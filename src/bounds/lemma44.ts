import { type BoundResult, count, depthFactor, info, positive, xuRaginsky } from './shared.js';

/** Inputs of {@link lemma44}. @public */
export interface Lemma44Input {
  /** σ: the loss is σ-sub-Gaussian (a loss in [a, b] is (b − a)/2-sub-Gaussian). */
  sigma: number;
  /** n: the number of training samples. */
  n: number;
  /** I(S; W): mutual information between the training set and the learned parameters (nats). */
  mutualInformation: number;
  /** L: number of contraction layers (default 0). */
  layers?: number;
  /** η: the contraction factor, 0 < η ≤ 1 (default 1). */
  eta?: number;
}

/**
 * Lemma 4.4 (eq. 4; Zhang et al. 2018): information-theoretic bound on the expected
 * generalization gap of a network with L contraction layers:
 * `E[R(W) − R_S(W)] ≤ exp(−(L/2)·log(1/η))·sqrt(2σ²·I(S; W)/n)`.
 *
 * With L = 0 (or η = 1) it is the Xu–Raginsky bound (eq. 12), which holds for any algorithm with a
 * σ-sub-Gaussian loss; the depth factor η^{L/2} is Zhang et al.'s strengthening under their
 * contraction assumption. I(S; W) in nats.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.lemma44({ sigma: 0.5, n: 100, mutualInformation: 2 }).value; // 0.1
 * ```
 * @public
 */
export function lemma44(input: Lemma44Input): BoundResult<{
  sigma: number;
  n: number;
  mutualInformation: number;
  layers: number;
  eta: number;
  depthFactor: number;
  xuRaginsky: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const sigma = positive(rec, 'sigma');
  const n = count(rec, 'n');
  const mutualInformation = info(rec, 'mutualInformation');
  const { layers, eta, factor } = depthFactor(rec);
  const xr = xuRaginsky(sigma, mutualInformation, n, 'mutualInformation');
  return {
    value: factor * xr,
    terms: { sigma, n, mutualInformation, layers, eta, depthFactor: factor, xuRaginsky: xr },
    reference: 'Gan & Liu, Lemma 4.4, eq. (4) (Zhang et al. 2018); eq. (12) when L = 0',
  };
}
