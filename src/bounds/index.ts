/**
 * The paper's results as calculators (one per lemma and theorem, each returning its value, its
 * terms and its reference), the term helpers, and exact evaluation on discrete synthetic-data
 * models.
 * @packageDocumentation
 */
export {
  dobrushinCoefficient,
  type GibbsAlgorithmOptions,
  gibbsAlgorithm,
  type LayeredAlgorithmOptions,
  layeredAlgorithm,
  type NoisyErmAlgorithmOptions,
  noisyErmAlgorithm,
} from './algorithms.js';
export {
  additiveNoiseModel,
  deterministicCurationModel,
  independentFactorsModel,
  type ModelBuilderOptions,
} from './builders.js';
export { evaluateFactors, type FactorEvaluation } from './factors.js';
export {
  type Estimate,
  estimateSyntheticDataTerms,
  type SyntheticDataTerms,
  type SyntheticDataTermsOptions,
} from './fromData.js';
export { ggmi, ggmi as generalizationGain } from './ggmi.js';
export {
  evaluateLearningProblem,
  type LearningEvaluation,
  type LearningProblem,
} from './learning.js';
export { type Lemma31Input, lemma31, lemma31 as distributionShiftBound } from './lemma31.js';
export {
  type Lemma44Input,
  lemma44,
  lemma44 as informationGeneralizationBound,
} from './lemma44.js';
export { type Lemma45Input, lemma45, lemma45 as informationFlowBound } from './lemma45.js';
export { type Lemma46Input, lemma46, lemma46 as syntheticGeneralizationBound } from './lemma46.js';
export { type Lemma48Input, lemma48, lemma48 as anchorPostTrainingBound } from './lemma48.js';
export {
  type Claim,
  evaluateModel,
  type ModelEvaluation,
  type ModelTerms,
  type SyntheticDataModel,
  syntheticAlphabet,
} from './model.js';
export type { BoundResult } from './shared.js';
export {
  alpha,
  compressionBottleneck,
  deltaEpsilon,
  deltaEpsilonP,
  entropyDifference,
  epsilonWp,
  informationGain,
  promptEfficiency,
} from './terms.js';
export {
  type Theorem47Input,
  theorem47,
  theorem47 as syntheticPostTrainingBound,
} from './theorem47.js';
export { ggmiUpperBound, type Theorem410Input, theorem410 } from './theorem410.js';
