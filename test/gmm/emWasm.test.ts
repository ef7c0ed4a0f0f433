/**
 * The WebAssembly SIMD kernels of the diag/spherical EM iteration (src/gmm/wasm/eStepBlock.wat:
 * the E-step block and the M-step's two passes) against the JavaScript path: bit for bit,
 * responsibilities, lower bound, transposed responsibilities, the fused first M-step pass and the
 * M-step's results (means, covariances, weights, precisions), including exponentials that underflow
 * to subnormals and to 0, samples far from every component, and k larger than the block.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  type CovarianceType,
  createWorkspace,
  emptyState,
  eStep,
  eStepKernel,
  type MixtureState,
  mStep,
  precisionCholesky,
  setEStepKernel,
} from '../../src/gmm/em.js';
import { createWasmEStepBlock } from '../../src/gmm/wasm/eStepBlock.js';

function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let t = 0; t < a.length; t++) if (!Object.is(a[t], b[t])) return t;
  return a.length === b.length ? -1 : a.length;
}

const kernel = eStepKernel();

interface Run {
  bound: number;
  resp: Float64Array;
  rt: Float64Array;
  counts: Float64Array;
  sums: Float64Array;
  next: MixtureState;
}

/** One E-step, then the M-step on it, with the given kernel (null: JavaScript). */
function run(useKernel: boolean, s: MixtureState, X: Float64Array, n: number): Run {
  setEStepKernel(useKernel ? kernel : null);
  try {
    const { k, d, covarianceType: type } = s;
    const ws = createWorkspace(type, k, d);
    const resp = new Float64Array(n * k);
    const bound = eStep(s, X, n, resp, ws);
    const out = {
      bound,
      resp,
      rt: ws.rt.slice(0, n * k),
      counts: ws.fusedCounts.slice(),
      sums: ws.fusedSums.slice(),
      next: emptyState(type, k, d),
    };
    for (const key of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const)
      out.next[key].set(s[key]);
    mStep(out.next, X, n, resp, 1e-6, ws);
    return out;
  } finally {
    setEStepKernel(undefined);
  }
}

function expectSame(a: Run, b: Run): void {
  expect(Object.is(a.bound, b.bound), `bounds ${a.bound} ${b.bound}`).toBe(true);
  expect(firstDifference(a.resp, b.resp)).toBe(-1);
  expect(firstDifference(a.rt, b.rt)).toBe(-1);
  expect(firstDifference(a.counts, b.counts)).toBe(-1);
  expect(firstDifference(a.sums, b.sums)).toBe(-1);
  for (const key of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const)
    expect(firstDifference(a.next[key], b.next[key]), key).toBe(-1);
}

/** A mixture with random parameters: means in [0, spread)^d, standard deviations in [lo, hi). */
function randomState(
  type: CovarianceType,
  k: number,
  d: number,
  seed: number,
  spread: number,
  lo: number,
  hi: number,
): MixtureState {
  const rng = createRandom(seed);
  const s = emptyState(type, k, d);
  let w = 0;
  for (let j = 0; j < k; j++) {
    s.weights[j] = 0.1 + rng.uniform();
    w += s.weights[j]!;
  }
  for (let j = 0; j < k; j++) s.weights[j] = s.weights[j]! / w;
  for (let i = 0; i < k * d; i++) s.means[i] = spread * rng.uniform();
  for (let i = 0; i < s.covariances.length; i++) {
    const sd = lo + (hi - lo) * rng.uniform();
    s.covariances[i] = sd * sd;
  }
  precisionCholesky(s);
  return s;
}

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
          const s = randomState(type, k, d, 7 * d + k, 8, 0.3, 3);
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
      const rng = createRandom(5);
      const d = 3;
      const k = 6;
      const n = 517;
      const s = randomState(type, k, d, 11, 40, 0.5, 1.5);
      const X = Float64Array.from({ length: n * d }, () => 45 * rng.uniform() - 2);
      const js = run(false, s, X, n);
      const wasm = run(true, s, X, n);
      let subnormal = 0;
      let zero = 0;
      for (const r of js.resp) {
        if (r === 0) zero++;
        else if (r < 2.2250738585072014e-308) subnormal++;
      }
      expect(zero).toBeGreaterThan(0);
      expect(subnormal).toBeGreaterThan(0);
      expectSame(wasm, js);
    });
  }

  it('throws the same error for a sample far from every component', () => {
    const d = 2;
    const k = 3;
    const n = 300;
    const s = randomState('diag', k, d, 3, 5, 1, 2);
    const X = Float64Array.from({ length: n * d }, (_, i) => (i === 2 * 200 ? 1e300 : i % 5));
    const message = (useKernel: boolean): string => {
      try {
        run(useKernel, s, X, n);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(true)).toMatch(/X\[200\]/);
    expect(message(true)).toBe(message(false));
  });

  it('gives the same results after a larger mixture has grown its memory', () => {
    const rng = createRandom(9);
    const small = randomState('diag', 4, 3, 1, 5, 0.5, 2);
    const X = Float64Array.from({ length: 200 * 3 }, () => 5 * rng.uniform());
    const before = run(true, small, X, 200);
    const big = randomState('diag', 200, 64, 2, 5, 0.5, 2);
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
