/**
 * `logDensity` (scoreSamples, the Monte Carlo KL of gmm.klDivergence and of the simulation) on the
 * E-step's WebAssembly kernel against its JavaScript loop: the same bits for every covariance
 * type, block edges, k above the block, exponentials that underflow, and rows far from every
 * component (−∞ on both paths, no error).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  type CovarianceType,
  logDensity,
  type MixtureState,
  setEStepKernel,
} from '../../src/gmm/em.js';
import { firstDifference, kernel, randomDiagState, randomFullState } from './wasmKernels.js';

afterEach(() => setEStepKernel(undefined));

function both(s: MixtureState, X: Float64Array, n: number): [Float64Array, Float64Array] {
  const wasm = new Float64Array(n);
  const js = new Float64Array(n);
  setEStepKernel(kernel);
  logDensity(s, X, n, wasm);
  setEStepKernel(null);
  logDensity(s, X, n, js);
  return [wasm, js];
}

describe('logDensity on the WebAssembly kernel', () => {
  it('runs on this engine', () => {
    expect(kernel).not.toBeNull();
  });

  for (const type of ['full', 'tied', 'diag', 'spherical'] as CovarianceType[]) {
    it(`${type}: the same bits as JavaScript over d, k, n and underflowing exponentials`, () => {
      const rng = createRandom(31);
      for (const d of [1, 2, 3, 5, 8]) {
        for (const [k, n] of [
          [1, 1],
          [3, 127],
          [10, 1000],
          [130, 129],
        ] as const) {
          const X = Float64Array.from({ length: n * d }, () => 30 * rng.uniform() - 5);
          // Narrow components far apart: many exponentials underflow to subnormals or 0.
          const s =
            type === 'full' || type === 'tied'
              ? randomFullState(type, k, d, 13 * d + k, 20, 0.2, 0.5)
              : randomDiagState(type, k, d, 13 * d + k, 20, 0.2, 0.7);
          const [wasm, js] = both(s, X, n);
          expect(js.every(Number.isFinite)).toBe(true);
          expect(firstDifference(wasm, js), `d = ${d}, k = ${k}`).toBe(-1);
        }
      }
    });

    it(`${type}: −∞ for a row far from every component, on both paths`, () => {
      const d = 2;
      const n = 300;
      const X = Float64Array.from({ length: n * d }, (_, i) => (i === 2 * 200 ? 1e300 : i % 5));
      const s =
        type === 'full' || type === 'tied'
          ? randomFullState(type, 4, d, 3, 6, 0.5, 1)
          : randomDiagState(type, 4, d, 3, 6, 0.5, 1.5);
      const [wasm, js] = both(s, X, n);
      expect(js[200]).toBe(Number.NEGATIVE_INFINITY);
      expect(firstDifference(wasm, js)).toBe(-1);
    });
  }
});
