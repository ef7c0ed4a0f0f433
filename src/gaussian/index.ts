/**
 * Gaussian closed forms (entropy, KL divergence, mutual information from covariances) and the
 * Gaussian-model estimators from samples.
 * @packageDocumentation
 */
export { entropy } from './entropy.js';
export { entropyFromSamples, type GaussianSampleOptions } from './entropyFromSamples.js';
export { type GaussianParameters, klDivergence } from './klDivergence.js';
export { mutualInformation } from './mutualInformation.js';
export { mutualInformationFromSamples } from './mutualInformationFromSamples.js';
export type { LogDetCorrection } from './scatter.js';
