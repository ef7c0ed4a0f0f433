import { type Lemma31Input, lemma31 } from './lemma31.js';
import { type Lemma46Input, lemma46 } from './lemma46.js';
import type { BoundResult } from './shared.js';

/** Inputs of {@link theorem47}: those of Lemma 3.1 (without the generalization error) and Lemma 4.6. @public */
export type Theorem47Input = Omit<Lemma31Input, 'genErrorSynthetic'> & Lemma46Input;

/**
 * Theorem 4.7 (eq. 7), the synthetic-data post-training bound: Lemma 3.1 with Lemma 4.6 in place of
 * the generalization error w.r.t. the synthetic data:
 * `E Err(π^{S_gen}) ≤ C'·(D_TV(D, D_M) + D_TV(D_M, D_gen)) + η^{L/2}·sqrt(2σ²[−ΔI + B_syn + H(e_M) + δ_{ε,p}]/n)`,
 * with C' the loss's range as in {@link lemma31}.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * const shift = { lossBound: 1, tvTaskModel: 0.1, tvModelGen: 0.05 }; // Lemma 3.1's terms
 * const flow = { infoGain: 1.5, bottleneck: 0.5, hModelFactor: 1, deltaEpsP: 0.25 }; // Lemma 4.6's
 * bounds.theorem47({ ...shift, ...flow, sigma: 0.5, n: 50 }).value; // 0.2
 * ```
 * @public
 */
export function theorem47(input: Theorem47Input): BoundResult {
  const gen = lemma46(input);
  const shift = lemma31({ ...input, genErrorSynthetic: gen.value });
  return {
    value: shift.value,
    terms: { ...shift.terms, ...gen.terms, genErrorSynthetic: gen.value },
    reference: 'Gan & Liu, Theorem 4.7, eq. (7) = Lemma 3.1 + Lemma 4.6',
  };
}
