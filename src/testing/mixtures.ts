import * as fc from 'fast-check';
import { GaussianMixture } from '../gmm/GaussianMixture.js';

/** Options of {@link gaussianMixture}. @public */
export interface GaussianMixtureArbitraryOptions {
  /** Dimension d (default 2). */
  dim?: number;
  /** Fewest components (default 1). */
  minComponents?: number;
  /** Most components (default 4). */
  maxComponents?: number;
  /** Means are uniform in [−meanRange, meanRange]^d (default 4). */
  meanRange?: number;
}

/**
 * Random full-covariance Gaussian mixtures in d dimensions: k components (uniform in
 * [minComponents, maxComponents]), weights ∝ uniform(0.05, 1), means uniform in
 * [−meanRange, meanRange]^d, covariances A·Aᵀ + 0.1·I with A's entries uniform in [−1.5, 1.5] —
 * symmetric positive definite with every eigenvalue ≥ 0.1, so every density is well defined.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { gmm } from 'infobound';
 * import { gaussianMixture } from 'infobound/testing';
 * fc.assert(fc.property(gaussianMixture({ dim: 2 }), (p) => gmm.klDivergence(p, p, { method: 'variational' }).value === 0));
 * ```
 * @public
 */
export function gaussianMixture(
  options: GaussianMixtureArbitraryOptions = {},
): fc.Arbitrary<GaussianMixture<'full'>> {
  const { dim: d = 2, minComponents = 1, maxComponents = 4, meanRange = 4 } = options;
  const coord = fc.double({ min: -meanRange, max: meanRange, noNaN: true });
  return fc.integer({ min: minComponents, max: maxComponents }).chain((k) =>
    fc
      .record({
        w: fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
        means: fc.array(fc.array(coord, { minLength: d, maxLength: d }), {
          minLength: k,
          maxLength: k,
        }),
        a: fc.array(
          fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), {
            minLength: d * d,
            maxLength: d * d,
          }),
          { minLength: k, maxLength: k },
        ),
      })
      .map(({ w, means, a }) => {
        const s = w.reduce((x, y) => x + y, 0);
        const covariances = a.map((flatA) =>
          Array.from({ length: d }, (_, i) =>
            Array.from({ length: d }, (_, j) => {
              let v = i === j ? 0.1 : 0;
              for (let t = 0; t < d; t++)
                v += (flatA[i * d + t] as number) * (flatA[j * d + t] as number);
              return v;
            }),
          ),
        );
        return GaussianMixture.fromParameters({ weights: w.map((x) => x / s), means, covariances });
      }),
  );
}

/**
 * Pairs of random mixtures in the same dimension d ∈ [1, maxDim] (default 3), for divergence
 * properties (KL ≥ 0, TV ∈ [0, 1], …).
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { gmm } from 'infobound';
 * import { gaussianMixturePair } from 'infobound/testing';
 * fc.assert(fc.property(gaussianMixturePair(), ([p, q]) => {
 *   const tv = gmm.tvDistance(p, q, { samples: 200, seed: 1 }).value;
 *   return tv >= 0 && tv <= 1;
 * }), { numRuns: 20 });
 * ```
 * @public
 */
export function gaussianMixturePair(
  options: { maxDim?: number } & Omit<GaussianMixtureArbitraryOptions, 'dim'> = {},
): fc.Arbitrary<[GaussianMixture<'full'>, GaussianMixture<'full'>]> {
  const { maxDim = 3, ...rest } = options;
  return fc
    .integer({ min: 1, max: maxDim })
    .chain((d) =>
      fc.tuple(gaussianMixture({ ...rest, dim: d }), gaussianMixture({ ...rest, dim: d })),
    );
}
