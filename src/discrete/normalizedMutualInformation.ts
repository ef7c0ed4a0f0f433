import { assertSameLength, oneOf, toLabels } from '../core/input.js';
import { entropyOfCounts } from './entropyFromSamples.js';
import { bincount } from './labels.js';
import { miOfLabels } from './mutualInformationFromSamples.js';
import { clamp } from './shared.js';

/** Options of {@link normalizedMutualInformation}. @public */
export interface NormalizedMutualInformationOptions {
  /**
   * How the two entropies are averaged into the normaliser: `'arithmetic'` (default, as
   * scikit-learn), `'geometric'`, `'min'` or `'max'`.
   */
  averageMethod?: 'arithmetic' | 'geometric' | 'min' | 'max';
}

/**
 * Normalised mutual information between two labelings, a unit-free score in [0, 1].
 *
 * `NMI = Î(X; Y) / mean(Ĥ(X), Ĥ(Y))`, all plug-in, with the mean chosen by `averageMethod`.
 *
 * Conventions of `sklearn.metrics.normalized_mutual_info_score` (which it matches): 1 when both
 * labelings have a single class (identical trivial partitions), 0 when the MI is 0. Invariant to
 * renaming labels. No `base`: the units cancel. Cost: O(N).
 *
 * Reference: Strehl & Ghosh (2002), "Cluster ensembles", JMLR 3; Vinh, Epps & Bailey (2010), JMLR 11.
 *
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.normalizedMutualInformation([0, 0, 1, 1], ['b', 'b', 'a', 'a']); // 1
 * ```
 * @public
 */
export function normalizedMutualInformation(
  xLabels: ArrayLike<number | string>,
  yLabels: ArrayLike<number | string>,
  options: NormalizedMutualInformationOptions = {},
): number {
  const method = oneOf(
    options.averageMethod,
    ['arithmetic', 'geometric', 'min', 'max'],
    'arithmetic',
    'averageMethod',
  );
  const x = toLabels(xLabels, 'xLabels');
  const y = toLabels(yLabels, 'yLabels');
  assertSameLength(x.codes, y.codes, 'xLabels', 'yLabels');
  if (x.nClasses === 1 && y.nClasses === 1) return 1;
  const mi = miOfLabels(x, y);
  if (mi === 0) return 0;
  const n = x.codes.length;
  const hx = entropyOfCounts(bincount(x.codes, x.nClasses), n);
  const hy = entropyOfCounts(bincount(y.codes, y.nClasses), n);
  const norm =
    method === 'arithmetic'
      ? (hx + hy) / 2
      : method === 'geometric'
        ? Math.sqrt(hx * hy)
        : method === 'min'
          ? Math.min(hx, hy)
          : Math.max(hx, hy);
  return clamp(mi / norm, 0, 1);
}
