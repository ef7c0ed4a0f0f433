import { InfoboundError } from '../core/errors.js';
import { type BoundResult, info, num } from './shared.js';

/** Inputs of {@link theorem410} / {@link ggmiUpperBound}. @public */
export interface Theorem410Input {
  /** ΔI (Def. 4.2). */
  infoGain: number;
  /** α = H(S_anchor | W') / H(S_anchor | W) ≥ 0. */
  alpha: number;
  /** H(S_anchor | W). */
  hAnchorGivenW: number;
  /** ΔH = H(S_anchor) − H(S_gen) (can be negative). */
  deltaH: number;
  /** H(S_gen | W). */
  hGenGivenW: number;
  /** ε_{W,p} = H(S_anchor | W) − H(S_anchor | M(p)) (can be negative). */
  epsilonWp: number;
}

/**
 * Theorem 4.10 (eq. 10), the upper bound of GGMI:
 * `GGMI ≤ ΔI − (α + 1)·H(S_anchor | W) + 2ΔH + H(S_gen | W) + ε_{W,p}`.
 *
 * Assumptions (App. F): eq. (30), H(M(p)) ≥ H(S_gen) "by the Markov chain", which fails when
 * curation noise adds entropy, and eq. (31), I(S_anchor; M(p)) ≥ I(h(e_p); M(p)), which holds by
 * data processing only when h(e_p) is a function of S_anchor (it fails when the prompt factor has
 * randomness of its own). On exact models the theorem's slack equals the sum of those two steps'
 * slacks (docs/bounds.md). This calculator evaluates the right-hand side from your terms.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.theorem410({ infoGain: 1, alpha: 1, hAnchorGivenW: 0.5, deltaH: 0.25, hGenGivenW: 0.5, epsilonWp: 0 }).value; // 1
 * ```
 * @public
 */
export function theorem410(input: Theorem410Input): BoundResult<{
  infoGain: number;
  alpha: number;
  hAnchorGivenW: number;
  deltaH: number;
  hGenGivenW: number;
  epsilonWp: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const infoGain = info(rec, 'infoGain');
  const alpha = num(rec, 'alpha');
  if (alpha < 0)
    throw new InfoboundError('INVALID_ARGUMENT', `alpha is ${alpha}: Theorem 4.10 needs α ≥ 0`);
  const hAnchorGivenW = info(rec, 'hAnchorGivenW');
  const deltaH = num(rec, 'deltaH');
  const hGenGivenW = info(rec, 'hGenGivenW');
  const epsilonWp = num(rec, 'epsilonWp');
  return {
    value: infoGain - (alpha + 1) * hAnchorGivenW + 2 * deltaH + hGenGivenW + epsilonWp,
    terms: { infoGain, alpha, hAnchorGivenW, deltaH, hGenGivenW, epsilonWp },
    reference: 'Gan & Liu, Theorem 4.10, eq. (10); proof in App. F, eqs. (30)–(37)',
  };
}

/**
 * The API name of {@link theorem410}: the upper bound of GGMI.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.ggmiUpperBound === bounds.theorem410; // true
 * ```
 * @public
 */
export const ggmiUpperBound = theorem410;
