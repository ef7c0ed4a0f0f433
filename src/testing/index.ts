/**
 * fast-check arbitraries for property-testing information theory: the generators infobound's own
 * property tests use, exported so users can attack their own claims with them: pmfs (with zeros,
 * near-degenerate and subnormal entries), pmf pairs and triples, joint tables, channels, Markov
 * chains, permutations, functions on outcomes, units (arbitraries.ts); label samples (samples.ts);
 * discrete synthetic-data models, bounded losses, finite learning problems, and the pinned
 * counterexamples to steps of the paper (models.ts); learning problems solved by the Gibbs
 * algorithm, by noisy ERM, or through layers, and distribution shifts (learning.ts); Gaussian
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
  logBase,
  type MarkovChain,
  type MarkovChainOptions,
  markovChain,
  type PmfOptions,
  type PmfWithMap,
  permutation,
  pmf,
  pmfPair,
  pmfPairWithSubnormals,
  pmfTriple,
  pmfWithMap,
  pmfWithSubnormals,
  probabilityTable,
  tableWithSubnormals,
} from './arbitraries.js';
export {
  type AlgorithmProblemOptions,
  type GibbsLearningProblem,
  gibbsLearningProblem,
  type LayeredLearningProblem,
  type LayeredProblemOptions,
  layeredLearningProblem,
  type NoisyErmLearningProblem,
  noisyErmLearningProblem,
  type ShiftedLearningProblem,
  withDistributionShift,
} from './learning.js';
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
export { type LabelTriple, type LabelTriplesOptions, labelTriples } from './samples.js';
