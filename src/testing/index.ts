/**
 * fast-check arbitraries for property-testing information theory: the generators infobound's own
 * property tests use, exported so users can attack their own claims with them: pmfs, joint tables,
 * channels, Markov chains (arbitraries.ts); discrete synthetic-data models, bounded losses, finite
 * learning problems, and the pinned counterexamples to steps of the paper (models.ts); Gaussian
 * mixtures (mixtures.ts).
 *
 * Needs the optional peer dependency `fast-check` (≥ 4). Only at the subpath `infobound/testing`.
 * @packageDocumentation
 */
export {
  type ChannelOptions,
  channel,
  type JointTableOptions,
  jointTable,
  type MarkovChain,
  type MarkovChainOptions,
  markovChain,
  type PmfOptions,
  pmf,
  pmfPair,
  probabilityTable,
} from './arbitraries.js';
export {
  type GaussianMixtureArbitraryOptions,
  gaussianMixture,
  gaussianMixturePair,
} from './mixtures.js';
export {
  type BoundedLossOptions,
  boundedLoss,
  type Counterexamples,
  counterexamples,
  type LearningProblemOptions,
  learningProblem,
  type SyntheticDataModelOptions,
  syntheticDataModel,
} from './models.js';
