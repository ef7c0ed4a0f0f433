import { InfoboundError } from '../core/errors.js';
import { type BoundResult, info, num } from './shared.js';

/**
 * Information gain (Def. 4.2, eq. 2): `ΔI = H(M(p)) − I(h(e_p); M(p))`, the information the
 * model M adds beyond what the prompt factor determines. ≥ 0, since I(h(e_p); M(p)) ≤ H(M(p)).
 *
 * @param input.hModelOutput - H(M(p)).
 * @param input.miPromptFactorOutput - I(h(e_p); M(p)).
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.informationGain({ hModelOutput: 2, miPromptFactorOutput: 0.5 }).value; // 1.5
 * ```
 * @public
 */
export function informationGain(input: {
  hModelOutput: number;
  miPromptFactorOutput: number;
}): BoundResult<{
  hModelOutput: number;
  miPromptFactorOutput: number;
}> {
  const hModelOutput = info(input, 'hModelOutput');
  const miPromptFactorOutput = info(input, 'miPromptFactorOutput');
  if (miPromptFactorOutput > hModelOutput * (1 + 1e-12) + 1e-15) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `miPromptFactorOutput is ${miPromptFactorOutput} > hModelOutput = ${hModelOutput}: I(h(e_p); M(p)) ≤ H(M(p)) always`,
    );
  }
  return {
    value: hModelOutput - miPromptFactorOutput,
    terms: { hModelOutput, miPromptFactorOutput },
    reference: 'Gan & Liu, Definition 4.2, eq. (2)',
  };
}

/**
 * Compression bottleneck (Def. 4.3, eq. 3): `B_syn = I(e_p; W) + I(e_M; W)`.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.compressionBottleneck({ miPromptFactorW: 0.2, miModelFactorW: 0.3 }).value; // 0.5
 * ```
 * @public
 */
export function compressionBottleneck(input: {
  miPromptFactorW: number;
  miModelFactorW: number;
}): BoundResult<{
  miPromptFactorW: number;
  miModelFactorW: number;
}> {
  const miPromptFactorW = info(input, 'miPromptFactorW');
  const miModelFactorW = info(input, 'miModelFactorW');
  return {
    value: miPromptFactorW + miModelFactorW,
    terms: { miPromptFactorW, miModelFactorW },
    reference: 'Gan & Liu, Definition 4.3, eq. (3)',
  };
}

/**
 * Entropy difference `ΔH = H(S_anchor) − H(S_gen)` (Theorem 4.10). Can be negative.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.entropyDifference({ hAnchor: 1, hGen: 1.5 }).value; // -0.5
 * ```
 * @public
 */
export function entropyDifference(input: {
  hAnchor: number;
  hGen: number;
}): BoundResult<{ hAnchor: number; hGen: number }> {
  const hAnchor = info(input, 'hAnchor');
  const hGen = info(input, 'hGen');
  return {
    value: hAnchor - hGen,
    terms: { hAnchor, hGen },
    reference: 'Gan & Liu, Theorem 4.10 (ΔH)',
  };
}

/**
 * `ε_{W,p} = H(S_anchor | W) − H(S_anchor | M(p))` (Theorem 4.10). Can be negative.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.epsilonWp({ hAnchorGivenW: 0.5, hAnchorGivenModelOutput: 0.25 }).value; // 0.25
 * ```
 * @public
 */
export function epsilonWp(input: {
  hAnchorGivenW: number;
  hAnchorGivenModelOutput: number;
}): BoundResult<{
  hAnchorGivenW: number;
  hAnchorGivenModelOutput: number;
}> {
  const hAnchorGivenW = info(input, 'hAnchorGivenW');
  const hAnchorGivenModelOutput = info(input, 'hAnchorGivenModelOutput');
  return {
    value: hAnchorGivenW - hAnchorGivenModelOutput,
    terms: { hAnchorGivenW, hAnchorGivenModelOutput },
    reference: 'Gan & Liu, Theorem 4.10 (ε_{W,p})',
  };
}

/**
 * Information lost to curation noise, `δ_ε = I(M(p); W) − I(S_gen; W)` (App. E, eq. 19). ≥ 0
 * when M(p) → S_gen → W is a Markov chain (data processing), which the paper assumes.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.deltaEpsilon({ miModelOutputW: 1, miGenW: 0.75 }).value; // 0.25
 * ```
 * @public
 */
export function deltaEpsilon(input: { miModelOutputW: number; miGenW: number }): BoundResult<{
  miModelOutputW: number;
  miGenW: number;
}> {
  const miModelOutputW = info(input, 'miModelOutputW');
  const miGenW = info(input, 'miGenW');
  return {
    value: miModelOutputW - miGenW,
    terms: { miModelOutputW, miGenW },
    reference: 'Gan & Liu, App. E, eq. (19)',
  };
}

/**
 * The prompting efficiency λ of Lemma E.1 (eq. 24), `H(e_p) ≤ λ·I(e_p; M(p))`: the smallest λ for
 * which it holds, `λ = H(e_p) / I(e_p; M(p))` (≥ 1 always; Infinity when I(e_p; M(p)) = 0 < H(e_p);
 * 1 when both are 0). `miEpModelOutput` is I(e_p; M(p)), of the factor itself — not
 * `informationGain`'s `miPromptFactorOutput`, which is I(h(e_p); M(p)); they differ when e_M
 * depends on the prompt.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.promptEfficiency({ hPromptFactor: 1, miEpModelOutput: 0.5 }).value; // 2
 * bounds.promptEfficiency({ hPromptFactor: 1, miEpModelOutput: 0 }).value; // Infinity
 * ```
 * @public
 */
export function promptEfficiency(input: {
  hPromptFactor: number;
  miEpModelOutput: number;
}): BoundResult<{
  hPromptFactor: number;
  miEpModelOutput: number;
}> {
  const hPromptFactor = info(input, 'hPromptFactor');
  const miEpModelOutput = info(input, 'miEpModelOutput');
  if (miEpModelOutput > hPromptFactor * (1 + 1e-12) + 1e-15) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `miEpModelOutput is ${miEpModelOutput} > hPromptFactor = ${hPromptFactor}: I(e_p; M(p)) ≤ H(e_p) always`,
    );
  }
  const value =
    miEpModelOutput > 0
      ? Math.max(1, hPromptFactor / miEpModelOutput)
      : hPromptFactor > 0
        ? Number.POSITIVE_INFINITY
        : 1;
  return {
    value,
    terms: { hPromptFactor, miEpModelOutput },
    reference: 'Gan & Liu, Lemma E.1, eq. (24)',
  };
}

/**
 * `δ_{ε,p} = (λ − 1)·I(e_p; M(p)) − δ_ε` (App. E, after eq. 29). Can be negative.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.deltaEpsilonP({ lambda: 2, miEpModelOutput: 0.5, deltaEpsilon: 0.25 }).value; // 0.25
 * ```
 * @public
 */
export function deltaEpsilonP(input: {
  lambda: number;
  miEpModelOutput: number;
  deltaEpsilon: number;
}): BoundResult<{
  lambda: number;
  miEpModelOutput: number;
  deltaEpsilon: number;
}> {
  const lambda = num(input, 'lambda');
  if (lambda < 1)
    throw new InfoboundError('INVALID_ARGUMENT', `lambda is ${lambda}: Lemma E.1 needs λ ≥ 1`);
  const miEpModelOutput = info(input, 'miEpModelOutput');
  const deltaEpsilon = num(input, 'deltaEpsilon');
  return {
    value: (lambda - 1) * miEpModelOutput - deltaEpsilon,
    terms: { lambda, miEpModelOutput, deltaEpsilon },
    reference: 'Gan & Liu, App. E, eq. (29)',
  };
}

/**
 * `α = H(S_anchor | W') / H(S_anchor | W)` (Theorem 4.10), α ≥ 0. Infinity when H(S_anchor | W) = 0
 * < H(S_anchor | W'); 1 when both are 0.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.alpha({ hAnchorGivenWPrime: 0.25, hAnchorGivenW: 0.5 }).value; // 0.5
 * bounds.alpha({ hAnchorGivenWPrime: 0, hAnchorGivenW: 0 }).value; // 1
 * ```
 * @public
 */
export function alpha(input: { hAnchorGivenWPrime: number; hAnchorGivenW: number }): BoundResult<{
  hAnchorGivenWPrime: number;
  hAnchorGivenW: number;
}> {
  const hAnchorGivenWPrime = info(input, 'hAnchorGivenWPrime');
  const hAnchorGivenW = info(input, 'hAnchorGivenW');
  const value =
    hAnchorGivenW > 0
      ? hAnchorGivenWPrime / hAnchorGivenW
      : hAnchorGivenWPrime > 0
        ? Number.POSITIVE_INFINITY
        : 1;
  return {
    value,
    terms: { hAnchorGivenWPrime, hAnchorGivenW },
    reference: 'Gan & Liu, Theorem 4.10 (α)',
  };
}
