/**
 * infobound: information-theoretic estimators and the generalization bounds of Gan & Liu,
 * "Towards a Theoretical Understanding of Synthetic Data in LLM Post-Training: A
 * Reverse-Bottleneck Perspective".
 *
 * Each family is a namespace here and a subpath of its own (`infobound/discrete`, ...). The
 * fast-check arbitraries are only at `infobound/testing`, so that importing the library never
 * needs the optional peer dependency fast-check.
 * @packageDocumentation
 */
export * as bounds from './bounds/index.js';
export { InfoboundError, type InfoboundErrorCode } from './core/errors.js';
export {
  DEFAULT_SUM_TOLERANCE,
  type DistributionOptions,
  type MatrixLike,
  type ProbabilityTable,
  type SampleInput,
} from './core/input.js';
export { type Base, type BaseOptions, convertUnits } from './core/units.js';
export * as discrete from './discrete/index.js';
export * as gaussian from './gaussian/index.js';
export * as gmm from './gmm/index.js';
export { GaussianMixture } from './gmm/index.js';
export * as kernel from './kernel/index.js';
export * as knn from './knn/index.js';
export * as simulation from './simulation/index.js';
