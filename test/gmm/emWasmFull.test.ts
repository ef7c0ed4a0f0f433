/**
 * The WebAssembly SIMD kernel of the full/tied E-step (`fullBlock` in src/gmm/wasm/eStepBlock.wat)
 * against the JavaScript path (weightedLogProb then eStep's loop, and the M-step's own pass 1): bit
 * for bit, responsibilities, lower bound, transposed responsibilities and the M-step's results,
 * including exponentials that underflow to subnormals and to 0, samples far from every component,
 * odd n, k larger than the block, and switching between covariance types on one instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  type CovarianceType,
  emptyState,
  precisionCholesky,
  setEStepKernel,
} from '../../src/gmm/em.js';
import {
  expectSameFarSampleError,
  expectSame as expectSameRuns,
  expectSameWhereExpUnderflows,
  kernel,
  type Run,
  randomFullState,
  run,
} from './wasmKernels.js';

// The fused first-pass sums are compared by emWasm.test.ts (diag/spherical) only.
const expectSame = (a: Run, b: Run) => expectSameRuns(a, b, false);

afterEach(() => setEStepKernel(undefined));

describe('full/tied E-step: the WebAssembly SIMD kernel', () => {
  it('is available on the Node versions we support (≥ 20), so the fast path is what runs', () => {
    expect(kernel).not.toBeNull();
  });

  for (const type of ['full', 'tied'] as CovarianceType[]) {
    it(`${type}: the same bits as JavaScript for d = 1 … 9, 16 and k = 1, 3, 10, 130 (n odd, not a multiple of the block)`, () => {
      const rng = createRandom(202);
      for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9, 16]) {
        for (const k of [1, 3, 10, 130]) {
          const n = k === 130 ? 131 : 333;
          const X = Float64Array.from({ length: n * d }, (_, i) => 4 * rng.normal() + (i % 7));
          const s = randomFullState(type, k, d, 7 * d + k, 8, 0.3, 1.5);
          const js = run(false, s, X, n);
          const wasm = run(true, s, X, n);
          expect(js.bound).not.toBeNaN();
          expectSame(wasm, js);
        }
      }
    });

    it(`${type}: the same bits for n = 1, 2, 3, 4, 127, 128, 129, 256, 258`, () => {
      const rng = createRandom(17);
      const d = 5;
      const k = 4;
      const s = randomFullState(type, k, d, 3, 6, 0.5, 1);
      for (const n of [1, 2, 3, 4, 127, 128, 129, 256, 258]) {
        const X = Float64Array.from({ length: n * d }, () => 6 * rng.uniform());
        expectSame(run(true, s, X, n), run(false, s, X, n));
      }
    });

    it(`${type}: the same bits where the exponentials underflow (subnormal results, and 0 below −746)`, () => {
      expectSameWhereExpUnderflows(randomFullState(type, 6, 3, 11, 40, 0.5, 0.3), false);
    });
  }

  it('throws the same error for a sample far from every component', () => {
    expectSameFarSampleError(randomFullState('full', 3, 2, 3, 5, 1, 1));
  });

  it('gives the same results after a larger mixture has grown its memory, and between types', () => {
    const rng = createRandom(9);
    const small = randomFullState('full', 4, 3, 1, 5, 0.5, 1);
    const X = Float64Array.from({ length: 200 * 3 }, () => 5 * rng.uniform());
    const before = run(true, small, X, 200);
    const big = randomFullState('full', 40, 48, 2, 5, 0.5, 0.3);
    const Y = Float64Array.from({ length: 150 * 48 }, () => 5 * rng.uniform());
    expectSame(run(true, big, Y, 150), run(false, big, Y, 150));
    expectSame(run(true, small, X, 200), before);
    // diag, then full again, on the same instance: each E-step runs its own kernel.
    const diag = emptyState('diag', 4, 3);
    diag.weights.fill(0.25);
    diag.means.set(small.means);
    diag.covariances.fill(1.5);
    precisionCholesky(diag);
    expectSame(run(true, diag, X, 200), run(false, diag, X, 200));
    expectSame(run(true, small, X, 200), before);
  });
});
