import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian } from '../../src/index.js';
import { gaussianMixture, gaussianMixturePair } from '../../src/testing/index.js';

describe('gaussianMixture / gaussianMixturePair (behaviour)', () => {
  it('draws valid mixtures: weights a distribution, means in range, covariances SPD with λ ≥ 0.1', () => {
    fc.assert(
      fc.property(
        gaussianMixture({ dim: 3, minComponents: 2, maxComponents: 5, meanRange: 2 }),
        (p) => {
          expect(p.weights.length).toBeGreaterThanOrEqual(2);
          expect(p.weights.length).toBeLessThanOrEqual(5);
          expect(Math.abs(p.weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
          for (const m of p.means) for (const v of m) expect(Math.abs(v)).toBeLessThanOrEqual(2);
          for (const c of p.covariances as number[][][]) {
            // Finite entropy is the library's own positive-definiteness check; the 0.1·I floor
            // bounds it below by ½ log((2πe·0.1)^3).
            expect(gaussian.entropy(c)).toBeGreaterThanOrEqual(
              1.5 * Math.log(2 * Math.PI * Math.E * 0.1) - 1e-12,
            );
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('pairs share their dimension', () => {
    fc.assert(
      fc.property(gaussianMixturePair({ maxDim: 4 }), ([p, q]) => {
        expect(p.means[0]?.length).toBe(q.means[0]?.length);
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});
