import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput, toSamples } from '../core/input.js';
import type { CovarianceType } from './em.js';
import { GaussianMixture, type GaussianMixtureOptions } from './GaussianMixture.js';

/** Options of {@link selectNComponents}: those of {@link GaussianMixture} but the per-k ones, plus the range and the criterion. @public */
export interface SelectNComponentsOptions<T extends CovarianceType = CovarianceType>
  extends Omit<
    GaussianMixtureOptions<T>,
    'nComponents' | 'weightsInit' | 'meansInit' | 'precisionsInit' | 'covariancesInit'
  > {
  /**
   * The candidate numbers of components: a list, or `{ min, max }` (both included). Default
   * 1 to min(10, n).
   */
  nComponents?: readonly number[] | { min: number; max: number };
  /** `'bic'` (default) or `'aic'`: the criterion minimised. */
  criterion?: 'bic' | 'aic';
}

/** One point of the selection curve. @public */
export interface SelectionPoint {
  nComponents: number;
  bic: number;
  aic: number;
  /** The fit's per-sample mean log-likelihood lower bound. */
  lowerBound: number;
  converged: boolean;
  nIter: number;
}

/** Result of {@link selectNComponents}. @public */
export interface ComponentSelection<T extends CovarianceType = CovarianceType> {
  /** The number of components with the lowest criterion (the smallest one on a tie). */
  nComponents: number;
  criterion: 'bic' | 'aic';
  /** The fitted model with that many components. */
  best: GaussianMixture<T>;
  /** BIC, AIC and the fit diagnostics for every candidate, in the order tried. */
  curve: SelectionPoint[];
}

function candidates(spec: SelectNComponentsOptions['nComponents'], n: number): number[] {
  let list: number[];
  if (spec === undefined) {
    list = Array.from({ length: Math.min(10, n) }, (_, i) => i + 1);
  } else if (Array.isArray(spec)) {
    list = Array.from(spec as readonly number[]);
  } else if (typeof spec === 'object' && spec !== null && 'min' in spec && 'max' in spec) {
    const { min, max } = spec as { min: unknown; max: unknown };
    if (
      typeof min !== 'number' ||
      typeof max !== 'number' ||
      !Number.isInteger(min) ||
      !Number.isInteger(max) ||
      min < 1 ||
      max < min
    ) {
      throw new InfoboundError(
        'INVALID_OPTION',
        `nComponents is { min: ${formatValue(min)}, max: ${formatValue(max)} }: expected integers 1 ≤ min ≤ max`,
      );
    }
    list = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  } else {
    throw new InfoboundError(
      'INVALID_OPTION',
      `nComponents is ${formatValue(spec)}: expected an array of integers or { min, max }`,
    );
  }
  if (list.length === 0) {
    throw new InfoboundError('INVALID_OPTION', 'nComponents is empty: give at least one candidate');
  }
  list.forEach((k, i) => {
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
      throw new InfoboundError(
        'INVALID_OPTION',
        `nComponents[${i}] is ${formatValue(k)}: expected an integer ≥ 1`,
      );
    }
    if (k > n) {
      throw new InfoboundError(
        'TOO_FEW_SAMPLES',
        `nComponents[${i}] is ${k} but X has ${n} samples: a mixture needs at least one sample per component`,
      );
    }
  });
  return list;
}

/**
 * Fits a {@link GaussianMixture} for each candidate number of components and picks the one
 * with the lowest BIC (default) or AIC on the training data.
 *
 * `BIC = −2 log L + p log n`, `AIC = −2 log L + 2p`, log L = n × the mean log-likelihood of X,
 * p the number of free parameters ({@link GaussianMixture.nParameters}). BIC is consistent for
 * the number of components of a true mixture; AIC favours more components and predictive fit.
 * Every candidate is fitted with the same options and seed. Cost: the sum of the fits.
 *
 * Reference: Schwarz (1978), "Estimating the dimension of a model"; Akaike (1974);
 * scikit-learn's "GMM model selection" example.
 *
 * @example
 * ```ts
 * import { gmm } from 'infobound';
 * const X = [0, 0.2, 0.4, 0.1, 0.3, 10, 10.2, 10.4, 10.1, 10.3];
 * gmm.selectNComponents(X, { nComponents: [1, 2, 3] }).nComponents; // 2
 * ```
 * @public
 */
export function selectNComponents<T extends CovarianceType = 'full'>(
  X: SampleInput,
  options: SelectNComponentsOptions<T> = {},
): ComponentSelection<T> {
  const criterion = oneOf(options.criterion, ['bic', 'aic'], 'bic', 'criterion');
  const s = toSamples(X, 'X');
  const rows = Array.from({ length: s.n }, (_, i) => s.data.subarray(i * s.d, (i + 1) * s.d));
  const list = candidates(options.nComponents, s.n);
  const { nComponents: _range, criterion: _criterion, ...rest } = options;
  const curve: SelectionPoint[] = [];
  let best: GaussianMixture<T> | undefined;
  let bestValue = Number.POSITIVE_INFINITY;
  let bestK = 0;
  for (const k of list) {
    const gm = new GaussianMixture<T>({ ...rest, nComponents: k } as GaussianMixtureOptions<T>).fit(
      rows,
    );
    const bic = gm.bic(rows);
    const aic = gm.aic(rows);
    curve.push({
      nComponents: k,
      bic,
      aic,
      lowerBound: gm.lowerBound,
      converged: gm.converged,
      nIter: gm.nIter,
    });
    const v = criterion === 'bic' ? bic : aic;
    if (best === undefined || v < bestValue || (v === bestValue && k < bestK)) {
      best = gm;
      bestValue = v;
      bestK = k;
    }
  }
  return { nComponents: bestK, criterion, best: best as GaussianMixture<T>, curve };
}
