import { formatValue, InfoboundError } from '../core/errors.js';
import { toLabels } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { type BaseOptions, fromNats } from '../core/units.js';
import { entropyOfNormalized } from './entropy.js';

/** Options of {@link semanticEntropy}. @public */
export interface SemanticEntropyOptions extends BaseOptions {
  /**
   * Per-sample probabilities (or likelihoods, any positive scale) of the generations, e.g. the
   * model's sequence probabilities p(s | x). When given, each cluster's probability is the sum of
   * its members' probabilities, normalised over the sample (Farquhar et al.'s estimator); when
   * omitted, the cluster frequencies are used (their "discrete" variant).
   */
  probabilities?: ArrayLike<number>;
}

/**
 * Semantic entropy of a set of generations, from their meaning clusters: the entropy of the
 * distribution over clusters.
 *
 * `SE = −Σ_c P(c) log P(c)`, with P(c) = (number of generations in c)/N, or, with `probabilities`,
 * P(c) = Σ_{s ∈ c} p(s) / Σ_s p(s).
 *
 * The clustering (bidirectional entailment in Farquhar et al.; any semantic grouping here) is the
 * caller's: pass one label per generation. It is a plug-in estimate, biased low when clusters are
 * many and generations few (see `entropyFromSamples` with Miller–Madow for the frequency form).
 * Units: nats unless `base`. Cost: O(N).
 *
 * Reference: Farquhar, Kossen, Kuhn & Gal (2024), "Detecting hallucinations in large language
 * models using semantic entropy", Nature 630; used by Gan & Liu, App. G, to estimate H(S_gen).
 *
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.semanticEntropy(['a', 'a', 'b', 'c'], { base: 'bits' }); // 1.5
 * discrete.semanticEntropy(['a', 'b'], { probabilities: [0.3, 0.1] }); // 0.5623351446188084
 * ```
 * @public
 */
export function semanticEntropy(
  clusters: ArrayLike<number | string>,
  options: SemanticEntropyOptions = {},
): number {
  const labels = toLabels(clusters, 'clusters');
  const n = labels.codes.length;
  const mass = new Float64Array(labels.nClasses);
  const probs = options.probabilities;
  if (probs === undefined) {
    for (let i = 0; i < n; i++) mass[labels.codes[i] as number]++;
  } else {
    if (typeof probs !== 'object' || probs === null || typeof probs.length !== 'number') {
      throw new InfoboundError(
        'INVALID_OPTION',
        `probabilities is ${formatValue(probs)}: expected one number per generation`,
      );
    }
    if (probs.length !== n) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `probabilities has ${probs.length} entries but clusters has ${n}: one per generation`,
      );
    }
    for (let i = 0; i < n; i++) {
      const p = probs[i];
      if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) {
        throw new InfoboundError(
          'NOT_A_DISTRIBUTION',
          `probabilities[${i}] is ${formatValue(p)}: probabilities must be finite and ≥ 0`,
        );
      }
      mass[labels.codes[i] as number] = (mass[labels.codes[i] as number] as number) + p;
    }
  }
  const acc = newSum();
  for (let c = 0; c < mass.length; c++) addTo(acc, mass[c] as number);
  const s = total(acc);
  if (!(s > 0)) {
    throw new InfoboundError(
      'NOT_A_DISTRIBUTION',
      'probabilities sum to 0: at least one generation needs positive probability',
    );
  }
  for (let c = 0; c < mass.length; c++) mass[c] = (mass[c] as number) / s;
  return fromNats(entropyOfNormalized(mass), options.base);
}
