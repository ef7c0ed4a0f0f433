/**
 * Discrete information measures: exact values from probability tables, and plug-in estimates
 * from samples of labels.
 * @packageDocumentation
 */
export { conditionalEntropy } from './conditionalEntropy.js';
export { conditionalMutualInformation } from './conditionalMutualInformation.js';
export { conditionalMutualInformationFromSamples } from './conditionalMutualInformationFromSamples.js';
export { crossEntropy } from './crossEntropy.js';
export { entropy } from './entropy.js';
export { type EntropyFromSamplesOptions, entropyFromSamples } from './entropyFromSamples.js';
export { jointEntropy } from './jointEntropy.js';
export { jsDivergence } from './jsDivergence.js';
export { klDivergence } from './klDivergence.js';
export { mutualInformation } from './mutualInformation.js';
export { mutualInformationFromSamples } from './mutualInformationFromSamples.js';
export {
  type NormalizedMutualInformationOptions,
  normalizedMutualInformation,
} from './normalizedMutualInformation.js';
export { type SemanticEntropyOptions, semanticEntropy } from './semanticEntropy.js';
export type { DiscreteOptions, DistributionPairOptions } from './shared.js';
export { tvDistance } from './tvDistance.js';
