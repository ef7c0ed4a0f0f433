/**
 * Shared by the bit-identity tests of the EM WebAssembly kernels (emWasm.test.ts for
 * diag/spherical, emWasmFull.test.ts for full/tied): one E-step then one M-step with the kernel
 * or with the JavaScript path, compared with Object.is, and the parts of a random mixture every
 * covariance type shares.
 */
import { expect } from 'vitest';
import { createRandom, type Random } from '../../src/core/random.js';
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

/** The index of the first entry where a and b differ (Object.is), or −1. */
export function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let t = 0; t < a.length; t++) if (!Object.is(a[t], b[t])) return t;
  return a.length === b.length ? -1 : a.length;
}

/** The kernel the library picked on this engine. */
export const kernel = eStepKernel();

export interface Run {
  bound: number;
  resp: Float64Array;
  rt: Float64Array;
  /** The E-step's fused first M-step pass (diag/spherical), read before the M-step. */
  counts: Float64Array;
  sums: Float64Array;
  next: MixtureState;
}

/** One E-step, then the M-step on it, with the kernel (true) or the JavaScript path (false). */
export function run(useKernel: boolean, s: MixtureState, X: Float64Array, n: number): Run {
  setEStepKernel(useKernel ? kernel : null);
  try {
    const { k, d, covarianceType: type } = s;
    const ws = createWorkspace(type, k, d);
    const resp = new Float64Array(n * k);
    const bound = eStep(s, X, n, resp, ws);
    const counts = ws.fusedCounts.slice();
    const sums = ws.fusedSums.slice();
    const next = emptyState(type, k, d);
    for (const key of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const)
      next[key].set(s[key]);
    mStep(next, X, n, resp, 1e-6, ws);
    // The transposed responsibilities after the M-step, which fills them on the JavaScript
    // full/tied path (the kernels and the diag/spherical E-step fill them in the E-step).
    return { bound, resp, rt: ws.rt.slice(0, n * k), counts, sums, next };
  } finally {
    setEStepKernel(undefined);
  }
}

/** Same bits in every output; `fused` also compares the E-step's fused first-pass sums. */
export function expectSame(a: Run, b: Run, fused: boolean): void {
  expect(Object.is(a.bound, b.bound), `bounds ${a.bound} ${b.bound}`).toBe(true);
  expect(firstDifference(a.resp, b.resp)).toBe(-1);
  expect(firstDifference(a.rt, b.rt)).toBe(-1);
  if (fused) {
    expect(firstDifference(a.counts, b.counts)).toBe(-1);
    expect(firstDifference(a.sums, b.sums)).toBe(-1);
  }
  for (const key of ['weights', 'means', 'covariances', 'precisionsCholesky'] as const)
    expect(firstDifference(a.next[key], b.next[key]), key).toBe(-1);
}

/** A state with random weights (≥ 0.1 before normalising) and means in [0, spread)^d. */
export function randomWeightsAndMeans(
  type: CovarianceType,
  k: number,
  d: number,
  rng: Random,
  spread: number,
): MixtureState {
  const s = emptyState(type, k, d);
  let w = 0;
  for (let j = 0; j < k; j++) {
    s.weights[j] = 0.1 + rng.uniform();
    w += s.weights[j]!;
  }
  for (let j = 0; j < k; j++) s.weights[j] = s.weights[j]! / w;
  for (let i = 0; i < k * d; i++) s.means[i] = spread * rng.uniform();
  return s;
}

/**
 * Both paths agree where the exponentials underflow: the responsibilities of state s (narrow,
 * well separated components, 3-dimensional) on 517 points spread over [−2, 43)^3 include
 * subnormals and exact zeros.
 */
export function expectSameWhereExpUnderflows(s: MixtureState, fused: boolean): void {
  const rng = createRandom(5);
  const n = 517;
  const X = Float64Array.from({ length: n * s.d }, () => 45 * rng.uniform() - 2);
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
  expectSame(wasm, js, fused);
}

/** Both paths throw the same error, naming X[200], for a sample far from every component of s (d = 2). */
export function expectSameFarSampleError(s: MixtureState): void {
  const n = 300;
  const X = Float64Array.from({ length: n * s.d }, (_, i) => (i === 2 * 200 ? 1e300 : i % 5));
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
}

/**
 * A mixture with random parameters: means in [0, spread)^d, covariances A·Aᵀ·scale² + lo²·I with
 * A's entries uniform in [−1, 1) (correlated, symmetric positive definite).
 */
export function randomFullState(
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
  const nf = type === 'full' ? k : 1;
  const A = new Float64Array(d * d);
  for (let j = 0; j < nf; j++) {
    for (let i = 0; i < d * d; i++) A[i] = 2 * rng.uniform() - 1;
    for (let a = 0; a < d; a++) {
      for (let e = 0; e < d; e++) {
        let v = 0;
        for (let c = 0; c < d; c++) v += A[a * d + c]! * A[e * d + c]!;
        s.covariances[j * d * d + a * d + e] = v * scale * scale + (a === e ? lo * lo : 0);
      }
    }
  }
  precisionCholesky(s);
  return s;
}

/** A mixture with random parameters: means in [0, spread)^d, standard deviations in [lo, hi). */
export function randomDiagState(
  type: CovarianceType,
  k: number,
  d: number,
  seed: number,
  spread: number,
  lo: number,
  hi: number,
): MixtureState {
  const rng = createRandom(seed);
  const s = randomWeightsAndMeans(type, k, d, rng, spread);
  for (let i = 0; i < s.covariances.length; i++) {
    const sd = lo + (hi - lo) * rng.uniform();
    s.covariances[i] = sd * sd;
  }
  precisionCholesky(s);
  return s;
}
