/**
 * Gaussian mixture models: the {@link GaussianMixture} estimator (EM with scikit-learn's
 * semantics), model selection by BIC/AIC, and the KL divergence, entropy and total variation of
 * mixtures (Monte Carlo with standard errors, and deterministic approximations and bounds).
 * @packageDocumentation
 */
export {
  entropy,
  klDivergence,
  type MixtureEntropyOptions,
  type MixtureEstimate,
  type MixtureKlOptions,
  type MixtureMonteCarloOptions,
  tvDistance,
} from './divergences.js';
export type { CovarianceType } from './em.js';
export {
  type CovariancesOf,
  GaussianMixture,
  type GaussianMixtureJSON,
  type GaussianMixtureOptions,
  type MixtureParameters,
  type NonConvergenceReport,
} from './GaussianMixture.js';
export type { InitMethod } from './init.js';
export type { NumericArray } from './parameters.js';
export {
  type ComponentSelection,
  type SelectionPoint,
  type SelectNComponentsOptions,
  selectNComponents,
} from './selection.js';
