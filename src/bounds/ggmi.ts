import { type BoundResult, info } from './shared.js';

/**
 * Generalization gain via mutual information (Def. 4.9, eq. 9):
 * `GGMI = I(S_anchor; W') − I(S_gen; W)`. Positive when training on the synthetic data leaves
 * less information about the training set in the parameters than training on the anchor data.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.ggmi({ miAnchorWPrime: 1.2, miGenW: 0.7 }).value; // 0.5
 * ```
 * @public
 */
export function ggmi(input: { miAnchorWPrime: number; miGenW: number }): BoundResult<{
  miAnchorWPrime: number;
  miGenW: number;
}> {
  const rec = input as unknown as Record<string, unknown>;
  const miAnchorWPrime = info(rec, 'miAnchorWPrime');
  const miGenW = info(rec, 'miGenW');
  return {
    value: miAnchorWPrime - miGenW,
    terms: { miAnchorWPrime, miGenW },
    reference: 'Gan & Liu, Definition 4.9, eq. (9)',
  };
}
