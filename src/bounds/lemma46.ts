import { type Lemma45Input, lemma45 } from './lemma45.js';
import { type BoundResult, count, depthFactor, positive, xuRaginsky } from './shared.js';

/** Inputs of {@link lemma46}. @public */
export interface Lemma46Input extends Lemma45Input {
  /** σ: the loss is σ-sub-Gaussian. */
  sigma: number;
  /** n: number of synthetic training samples. */
  n: number;
  /** L: contraction layers (default 0). */
  layers?: number;
  /** η: contraction factor, 0 < η ≤ 1 (default 1). */
  eta?: number;
}

/**
 * Lemma 4.6 (eq. 6): Lemma 4.4 with Lemma 4.5's bound in place of I(S_gen; W):
 * `E|R_{D_gen}(π^{S_gen}) − R̂_{S_gen}(π^{S_gen})| ≤ η^{L/2}·sqrt(2σ²[−ΔI + B_syn + H(e_M) + δ_{ε,p}]/n)`.
 *
 * Throws if the bracket is negative: it bounds a mutual information, so negative terms are
 * inconsistent. Inherits the assumptions of Lemmas 4.4 and 4.5.
 *
 * False as stated for the absolute value: eq. (6) bounds E|gap|, but Lemma 4.4 (Xu–Raginsky) bounds
 * only |E gap|. Exact counterexample (test/bounds/lemma46.test.ts): S_gen ∼ Bernoulli(½), n = 1,
 * W constant, ℓ(w, z) = z — the bracket is 0, so eq. (6) gives 0, while E|gap| = ½. What holds is
 * |E gap| ≤ η^{L/2}·sqrt(2σ²·I/n) (this value) and, for the absolute gap,
 * E|gap| ≤ sqrt(2σ²(I + log 2)/n) (Bu, Zou & Veeravalli 2020). This calculator returns the
 * paper's expression; read it as a bound on |E gap|.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.lemma46({ infoGain: 1.5, bottleneck: 0.5, hModelFactor: 1, deltaEpsP: 0.25, sigma: 0.5, n: 50 }).value; // 0.05
 * ```
 * @public
 */
export function lemma46(input: Lemma46Input): BoundResult<{
  infoGain: number;
  bottleneck: number;
  hModelFactor: number;
  deltaEpsP: number;
  informationFlow: number;
  sigma: number;
  n: number;
  layers: number;
  eta: number;
  depthFactor: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const flow = lemma45(input);
  const sigma = positive(rec, 'sigma');
  const n = count(rec, 'n');
  const { layers, eta, factor } = depthFactor(rec);
  const value =
    factor * xuRaginsky(sigma, flow.value, n, 'the bracket −ΔI + B_syn + H(e_M) + δ_{ε,p}');
  return {
    value,
    terms: {
      ...flow.terms,
      informationFlow: flow.value,
      sigma,
      n,
      layers,
      eta,
      depthFactor: factor,
    },
    reference: 'Gan & Liu, Lemma 4.6, eq. (6)',
  };
}
