import { type BoundResult, info, num } from './shared.js';

/** Inputs of {@link lemma45}. @public */
export interface Lemma45Input {
  /** ΔI = H(M(p)) − I(h(e_p); M(p)) (Def. 4.2). */
  infoGain: number;
  /** B_syn = I(e_p; W) + I(e_M; W) (Def. 4.3). */
  bottleneck: number;
  /** H(e_M): entropy of the model's synthetic factor. */
  hModelFactor: number;
  /** δ_{ε,p} = (λ − 1)·I(e_p; M(p)) − δ_ε (can be negative). */
  deltaEpsP: number;
}

/**
 * Lemma 4.5 (eq. 5), the information-flow bound:
 * `I(S_gen; W) ≤ −ΔI + B_syn + H(e_M) + δ_{ε,p}`.
 *
 * Assumptions (App. E): S_gen = M(p) + ε with M(p) = h(e_p) + g(e_M); the Markov chain
 * M(p) → S_gen → W; and the proof's step (23), I(h(e_p) + g(e_M); W) ≤ I(h(e_p); W) + I(g(e_M); W),
 * which is not true in general (it fails when the two factors act on W jointly, as in an XOR) —
 * see docs/theory-audit.md for what the property tests find about the final inequality. This
 * calculator evaluates the right-hand side from your terms; it does not certify the assumptions.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.lemma45({ infoGain: 1.5, bottleneck: 0.5, hModelFactor: 1, deltaEpsP: 0.25 }).value; // 0.25
 * ```
 * @public
 */
export function lemma45(input: Lemma45Input): BoundResult<{
  infoGain: number;
  bottleneck: number;
  hModelFactor: number;
  deltaEpsP: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const infoGain = info(rec, 'infoGain');
  const bottleneck = info(rec, 'bottleneck');
  const hModelFactor = info(rec, 'hModelFactor');
  const deltaEpsP = num(rec, 'deltaEpsP');
  return {
    value: -infoGain + bottleneck + hModelFactor + deltaEpsP,
    terms: { infoGain, bottleneck, hModelFactor, deltaEpsP },
    reference: 'Gan & Liu, Lemma 4.5, eq. (5); proof in App. E, eqs. (17)–(29)',
  };
}
