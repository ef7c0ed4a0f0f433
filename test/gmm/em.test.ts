/**
 * The E/M-step functions directly (STYLE.md: the numerics live in plain functions the tests can
 * reach): each against a plain re-derivation of its formula on small inputs.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  type CovarianceType,
  choleskyInto,
  createWorkspace,
  emptyState,
  eStep,
  inverseTransposeInto,
  logDensity,
  mStep,
  parameterCount,
  precisionCholesky,
} from '../../src/gmm/em.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const rng = createRandom(2024);
const n = 60;
const d = 3;
const k = 3;
const X = Float64Array.from({ length: n * d }, () => 3 * rng.normal());
const labels = Int32Array.from({ length: n }, (_, i) => i % k);

describe('Cholesky-parametrised precisions', () => {
  it('U = (L⁻¹)ᵀ satisfies U·Uᵀ·Σ = I (1e-13)', () => {
    const S = Float64Array.from([4, 1, 0.5, 1, 3, -0.2, 0.5, -0.2, 2]);
    const L = new Float64Array(9);
    expect(choleskyInto(S, 0, 3, L)).toBe(true);
    const U = new Float64Array(9);
    inverseTransposeInto(L, 3, U, 0);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let a = 0; a < 3; a++) {
          let uu = 0;
          for (let b = 0; b < 3; b++) uu += U[i * 3 + b]! * U[a * 3 + b]!;
          v += uu * S[a * 3 + j]!;
        }
        // κ(S) < 4, entries O(1): a few ulps per product, 1e-13 is generous.
        expectClose(v, i === j ? 1 : 0, 0, 1e-13);
      }
      for (let j = 0; j < i; j++) expect(U[i * 3 + j]).toBe(0);
    }
  });

  it('choleskyInto fails (as LAPACK does) on indefinite and zero matrices', () => {
    const out = new Float64Array(4);
    expect(choleskyInto([1, 2, 2, 1], 0, 2, out)).toBe(false);
    expect(choleskyInto([0, 0, 0, 0], 0, 2, out)).toBe(false);
    expect(choleskyInto([Number.NaN, 0, 0, 1], 0, 2, out)).toBe(false);
  });

  it('precisionCholesky throws DEGENERATE_SAMPLES naming the component', () => {
    const s = emptyState('full', 2, 2);
    s.covariances.set([1, 0, 0, 1, 1, 1, 1, 1]);
    expectInfoboundError(() => precisionCholesky(s), 'DEGENERATE_SAMPLES', 'component 1');
    const t = emptyState('diag', 2, 2);
    t.covariances.set([1, 1, 0, 1]);
    expectInfoboundError(() => precisionCholesky(t), 'DEGENERATE_SAMPLES', 'component 1');
  });
});

describe('M-step against the textbook formulas (hard responsibilities)', () => {
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) resp[i * k + labels[i]!] = 1;
  const reg = 1e-3;
  // Per-cluster sums by plain loops.
  const counts = [0, 0, 0];
  const means = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++) {
    counts[labels[i]!]! += 1;
    for (let a = 0; a < d; a++) means[labels[i]!]![a]! += X[i * d + a]!;
  }
  for (let j = 0; j < k; j++) for (let a = 0; a < d; a++) means[j]![a]! /= counts[j]!;
  const cov = Array.from({ length: k }, () =>
    Array.from({ length: d }, () => new Array<number>(d).fill(0)),
  );
  for (let i = 0; i < n; i++) {
    const j = labels[i]!;
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++)
        cov[j]![a]![b]! +=
          ((X[i * d + a]! - means[j]![a]!) * (X[i * d + b]! - means[j]![b]!)) / counts[j]!;
  }

  for (const type of ['full', 'diag', 'spherical', 'tied'] as CovarianceType[]) {
    it(`${type}: weights, means, covariances + regCovar (1e-12)`, () => {
      const s = emptyState(type, k, d);
      const ws = createWorkspace(type, k, d);
      mStep(s, X, n, resp, reg, ws, 'sum');
      // Sums of 20 terms of size ~10: relative rounding ~1e-15; the 10ε floor on n_j moves
      // the means by ~1e-15 relative. 1e-12 leaves room without hiding any formula error.
      for (let j = 0; j < k; j++) {
        expectClose(s.weights[j]!, counts[j]! / n, 1e-12);
        expectClose(ws.counts[j]!, counts[j]!, 1e-15);
        for (let a = 0; a < d; a++) expectClose(s.means[j * d + a]!, means[j]![a]!, 1e-12, 1e-13);
      }
      for (let j = 0; j < k; j++) {
        for (let a = 0; a < d; a++) {
          for (let b = 0; b < d; b++) {
            const exact = cov[j]![a]![b]! + (a === b ? reg : 0);
            if (type === 'full')
              expectClose(s.covariances[j * d * d + a * d + b]!, exact, 1e-12, 1e-13);
            if (type === 'diag' && a === b) expectClose(s.covariances[j * d + a]!, exact, 1e-12);
          }
        }
        if (type === 'spherical') {
          const mean = (cov[j]![0]![0]! + cov[j]![1]![1]! + cov[j]![2]![2]!) / 3 + reg;
          expectClose(s.covariances[j]!, mean, 1e-12);
        }
      }
      if (type === 'tied') {
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++) {
            let v = a === b ? reg : 0;
            for (let j = 0; j < k; j++) v += (cov[j]![a]![b]! * counts[j]!) / n;
            expectClose(s.covariances[a * d + b]!, v, 1e-12, 1e-13);
          }
      }
    });
  }
});

describe('E-step', () => {
  for (const type of ['full', 'diag', 'spherical', 'tied'] as CovarianceType[]) {
    it(`${type}: rows sum to 1, the bound is the mean log-density, r_ij ∝ w_j N(x_i; μ_j, Σ_j)`, () => {
      const s = emptyState(type, k, d);
      const ws = createWorkspace(type, k, d);
      const resp = new Float64Array(n * k);
      for (let i = 0; i < n; i++) resp[i * k + labels[i]!] = 1;
      mStep(s, X, n, resp, 1e-6, ws);
      const bound = eStep(s, X, n, resp, ws);
      const ld = new Float64Array(n);
      logDensity(s, X, n, ld);
      expectClose(bound, ld.reduce((a, b) => a + b, 0) / n, 1e-14);
      for (let i = 0; i < n; i++) {
        let t = 0;
        for (let j = 0; j < k; j++) t += resp[i * k + j]!;
        expectClose(t, 1, 0, 4e-16);
      }
    });
  }
});

it("parameterCount is scikit-learn's _n_parameters", () => {
  // k = 3, d = 2: means 6, weights 2, covariances 9 / 6 / 3 / 3.
  expect(parameterCount('full', 3, 2)).toBe(17);
  expect(parameterCount('diag', 3, 2)).toBe(14);
  expect(parameterCount('spherical', 3, 2)).toBe(11);
  expect(parameterCount('tied', 3, 2)).toBe(11);
});
