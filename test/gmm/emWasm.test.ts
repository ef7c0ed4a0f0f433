/**
 * The WebAssembly SIMD kernels of the diag/spherical EM iteration (src/gmm/wasm/eStepBlock.wat:
 * the E-step block and the M-step's two passes) against the JavaScript path: bit for bit,
 * responsibilities, lower bound, transposed responsibilities, the fused first M-step pass and the
 * M-step's results (means, covariances, weights, precisions), including exponentials that underflow
 * to subnormals and to 0, samples far from every component, and k larger than the block.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { type CovarianceType, setEStepKernel } from '../../src/gmm/em.js';
import { createWasmEStepBlock } from '../../src/gmm/wasm/eStepBlock.js';
import {
  expectSameFarSampleError,
  expectSame as expectSameRuns,
  expectSameWhereExpUnderflows,
  kernel,
  type Run,
  randomDiagState,
  run,
} from './wasmKernels.js';

// The diag/spherical E-step also does the M-step's first pass: compare those sums too.
const expectSame = (a: Run, b: Run) => expectSameRuns(a, b, true);

afterEach(() => setEStepKernel(undefined));

describe('diag/spherical E-step: the WebAssembly SIMD kernel', () => {
  it('is available on the Node versions we support (≥ 20), so the fast path is what runs', () => {
    expect(kernel).not.toBeNull();
  });

  for (const type of ['diag', 'spherical'] as CovarianceType[]) {
    it(`${type}: the same bits as JavaScript for d = 1 … 9, 16 and k = 1, 3, 10, 130 (n not a multiple of the block)`, () => {
      const rng = createRandom(101);
      for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9, 16]) {
        for (const k of [1, 3, 10, 130]) {
          const n = k === 130 ? 131 : 333;
          const X = Float64Array.from({ length: n * d }, (_, i) => 4 * rng.normal() + (i % 7));
          const s = randomDiagState(type, k, d, 7 * d + k, 8, 0.3, 3);
          const js = run(false, s, X, n);
          const wasm = run(true, s, X, n);
          expect(js.bound).not.toBeNaN();
          expectSame(wasm, js);
        }
      }
    });

    it(`${type}: the same bits where the exponentials underflow (subnormal results, and 0 below −746)`, () => {
      // Narrow, well separated components: ℓ_j − max spans [−10⁴, 0], crossing −708 (subnormal
      // e^u, the two-step scaling) and −746 (exactly 0).
      expectSameWhereExpUnderflows(randomDiagState(type, 6, 3, 11, 40, 0.5, 1.5), true);
    });
  }

  it('throws the same error for a sample far from every component', () => {
    expectSameFarSampleError(randomDiagState('diag', 3, 2, 3, 5, 1, 2));
  });

  it('gives the same results after a larger mixture has grown its memory', () => {
    const rng = createRandom(9);
    const small = randomDiagState('diag', 4, 3, 1, 5, 0.5, 2);
    const X = Float64Array.from({ length: 200 * 3 }, () => 5 * rng.uniform());
    const before = run(true, small, X, 200);
    const big = randomDiagState('diag', 200, 64, 2, 5, 0.5, 2);
    const Y = Float64Array.from({ length: 150 * 64 }, () => 5 * rng.uniform());
    expectSame(run(true, big, Y, 150), run(false, big, Y, 150));
    expectSame(run(true, small, X, 200), before);
  });
});

describe('diag/spherical E-step: feature detection and fallback', () => {
  const hi = new Float64Array(32);
  const lo = new Float64Array(32);

  it('is unavailable without WebAssembly', () => {
    expect(createWasmEStepBlock(undefined, hi, lo)).toBeUndefined();
  });

  it('is unavailable when the SIMD probe does not validate (an engine without SIMD)', () => {
    const noSimd = { ...WebAssembly, validate: () => false } as unknown as typeof WebAssembly;
    expect(createWasmEStepBlock(noSimd, hi, lo)).toBeUndefined();
  });

  it('is unavailable when compilation is refused (a Content-Security-Policy without wasm-unsafe-eval)', () => {
    class Refused {
      constructor() {
        throw new Error('WebAssembly.Module(): Refused to compile');
      }
    }
    const csp = { ...WebAssembly, Module: Refused } as unknown as typeof WebAssembly;
    expect(createWasmEStepBlock(csp, hi, lo)).toBeUndefined();
  });
});
