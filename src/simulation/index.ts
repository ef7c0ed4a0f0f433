/**
 * The paper's GMM experiment (Gan & Liu, Sec. 3.1, 4.4, App. B): {@link klGap}, the KL Gap
 * between a mixture fitted to anchor data and one fitted to synthetic data, and {@link figure4},
 * its sweeps over the numbers of anchor (K), unsampled (J) and task-irrelevant (L) components.
 * @packageDocumentation
 */
export {
  type Figure4Options,
  type Figure4Point,
  type Figure4Progress,
  type Figure4Result,
  figure4,
} from './figure4.js';
export {
  type KlEstimator,
  type KlGapOptions,
  type KlGapResult,
  klGap,
} from './klGap.js';
export { type Figure4Slopes, figure4Slopes, type TrendSlope } from './slopes.js';
