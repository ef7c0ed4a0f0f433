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
  precisionCholesky,
  setEStepKernel,
} from '../../src/gmm/em.js';
import { firstDifference, kernel, randomWeightsAndMeans } from './wasmKernels.js';

afterEach(() => setEStepKernel(undefined));

/** Random covariances of `type`: A·Aᵀ·scale² + lo²·I (full, tied), scale²·u + lo² (diag, spherical). */
function randomState(
  type: CovarianceType,
  k: number,
  d: number,
  seed: number,
  spread: number,
  lo: number,
  scale: number,
): MixtureState {
  const rng = createRandom(seed);
  const s = randomWeightsAndMeans(type, k, d, rng, spread);
  if (type === 'full' || type === 'tied') {
    const A = new Float64Array(d * d);
    for (let j = 0; j < (type === 'full' ? k : 1); j++) {
      for (let i = 0; i < d * d; i++) A[i] = 2 * rng.uniform() - 1;
      for (let a = 0; a < d; a++)
        for (let e = 0; e < d; e++) {
          let v = 0;
          for (let c = 0; c < d; c++) v += A[a * d + c]! * A[e * d + c]!;
          s.covariances[j * d * d + a * d + e] = v * scale * scale + (a === e ? lo * lo : 0);
        }
    }
  } else {
    for (let i = 0; i < s.covariances.length; i++)
      s.covariances[i] = scale * scale * rng.uniform() + lo * lo;
  }
  precisionCholesky(s);
  return s;
}

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
          const s = randomState(type, k, d, 13 * d + k, 20, 0.2, 0.5);
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
      const [wasm, js] = both(randomState(type, 4, d, 3, 6, 0.5, 1), X, n);
      expect(js[200]).toBe(Number.NEGATIVE_INFINITY);
      expect(firstDifference(wasm, js)).toBe(-1);
    });
  }
});
