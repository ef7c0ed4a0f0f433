import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { kernel } from '../../src/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const { hsic, hsicNystrom, gaussianKernel, laplaceKernel, linearKernel, polynomialKernel } = kernel;

/** n rows of X = (a, b) ~ N(0, I₂) and Y = a² + 0.5·ε: dependent, but uncorrelated. */
function dependent(seed: number, n: number): { X: number[][]; Y: number[][] } {
  const rng = createRandom(seed);
  const X: number[][] = [];
  const Y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    X.push([a, rng.normal()]);
    Y.push([a * a + 0.5 * rng.normal()]);
  }
  return { X, Y };
}

describe('behaviour: errors', () => {
  const { X, Y } = dependent(1, 20);

  it('rejects a rank that is not an integer ≥ 1', () => {
    expectInfoboundError(() => hsicNystrom(X, Y, { rank: 0 }), 'INVALID_OPTION', 'rank');
    expectInfoboundError(() => hsicNystrom(X, Y, { rank: 1.5 }), 'INVALID_OPTION', 'rank');
  });

  it('rejects a precomputed kernel (landmark rows need the samples) and non-kernels', () => {
    expectInfoboundError(
      () => hsicNystrom(X, Y, { kernelX: kernel.precomputedKernel() }),
      'INVALID_OPTION',
      'kernelX',
    );
    expectInfoboundError(
      () => hsicNystrom(X, Y, { kernelY: 'rbf' as unknown as kernel.Kernel }),
      'INVALID_OPTION',
      'kernelY',
    );
  });

  it('needs paired, finite samples, at least two', () => {
    expectInfoboundError(() => hsicNystrom(X.slice(2), Y), 'SHAPE_MISMATCH', 'pairedHsic');
    expectInfoboundError(() => hsicNystrom([[1, 2]], [[3]]), 'TOO_FEW_SAMPLES');
    expectInfoboundError(
      () => hsicNystrom([1, 2, 3], [1, Number.POSITIVE_INFINITY, 3]),
      'NON_FINITE',
      'Y[1]',
    );
    expectInfoboundError(() => hsicNystrom(X, Y, { seed: -0.5 }), 'INVALID_OPTION', 'seed');
  });
});

describe('behaviour: seeds and landmarks', () => {
  const { X, Y } = dependent(2, 120);

  it('the same seed gives bit-identical results; another seed other landmarks', () => {
    const a = hsicNystrom(X, Y, { rank: 20, seed: 3 });
    expect(hsicNystrom(X, Y, { rank: 20, seed: 3 })).toBe(a);
    expect(hsicNystrom(X, Y, { rank: 20, seed: 4 })).not.toBe(a);
  });

  it('a rank above n is capped at n (every row a landmark)', () => {
    expect(hsicNystrom(X, Y, { rank: 10_000 })).toBe(hsicNystrom(X, Y, { rank: 120 }));
  });

  it('accepts custom kernels and is 0 for a zero Gram matrix', () => {
    const cosine = kernel.customKernel((a, b) => Math.cos((a[0] as number) - (b[0] as number)));
    const v = hsicNystrom(X, Y, { rank: 120, kernelX: cosine, kernelY: cosine });
    expectClose(v, hsic(X, Y, { kernelX: cosine, kernelY: cosine }), 1e-9);
    // Linear kernel on all-zero rows: K_mm = 0, no eigenvalue survives, K̂ = 0.
    const zeros = new Array(120).fill(0);
    expect(hsicNystrom(zeros, Y, { kernelX: linearKernel() })).toBe(0);
  });
});

describe('exactness: with rank = n, K̂ = K up to the dropped eigenvalues', () => {
  // With every row a landmark, K̂ = V_r Λ_r V_rᵀ: K minus the eigen-directions with λ ≤ 1e-12·λ_max.
  // Dropping them moves tr(K H L H) by at most Σ_dropped λ_i · λ_max(L) ≤ n·1e-12·λ_max(K)·λ_max(L),
  // and likewise for L; rounding in the eigenpairs adds about 2nε·λ_max(K)·λ_max(L), a
  // hundred times less. λ_max ≤ tr, so the relative error of HSIC is at most
  //   2n(1e-12 + 2ε)·tr(K)·tr(L) / tr(K H L H),  tr(K H L H) = (n − 1)²·hsic.
  // For the data below this bound is 1e-9 to 2e-8; the measured errors are below 1e-12.
  const n = 100;
  const { X, Y } = dependent(5, n);
  const trace = (k: kernel.Kernel, rows: number[][]): number => {
    if (k.type !== 'linear' && k.type !== 'polynomial') return n; // k(x, x) = 1
    return rows.reduce((acc, r) => {
      const xx = r.reduce((a, v) => a + v * v, 0);
      return acc + (k.type === 'linear' ? xx : (k.scale * xx + k.offset) ** k.degree);
    }, 0);
  };
  const kernels: [string, kernel.Kernel][] = [
    ['Gaussian (median)', gaussianKernel()],
    ['Gaussian (σ = 0.3)', gaussianKernel({ bandwidth: 0.3 })],
    ['Laplace', laplaceKernel()],
    ['linear', linearKernel()],
    ['polynomial', polynomialKernel({ degree: 2 })],
  ];
  for (const [name, k] of kernels) {
    it(name, () => {
      const exact = hsic(X, Y, { kernelX: k, kernelY: k });
      const bound =
        (2 * n * (1e-12 + 2 * Number.EPSILON) * trace(k, X) * trace(k, Y)) /
        ((n - 1) * (n - 1) * exact);
      expect(bound).toBeLessThan(1e-7);
      expectClose(hsicNystrom(X, Y, { rank: n, kernelX: k, kernelY: k }), exact, bound);
    });
  }
});

describe('convergence: the error falls as the rank grows', () => {
  // Deterministic given the landmarks, and set by the kernel's spectrum: for these smooth
  // 2-D data the eigenvalues of the Gaussian Gram matrix decay fast, so 4× the rank gains more
  // than 4× the accuracy. Ten data sets, each with its own landmark seed (measured mean |relative
  // error|: 19 % at rank 8, 2.6 % at 32, 4e-4 at 128).
  const ranks = [8, 32, 128];
  const errors = ranks.map(() => [] as number[]);
  for (let seed = 1; seed <= 10; seed++) {
    const { X, Y } = dependent(seed, 200);
    const exact = hsic(X, Y);
    ranks.forEach((rank, i) => {
      errors[i]?.push(Math.abs(hsicNystrom(X, Y, { rank, seed }) - exact) / exact);
    });
  }
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

  it('mean |relative error| drops by more than 4× per 4× rank', () => {
    const m = errors.map(mean);
    expect((m[0] as number) / (m[1] as number)).toBeGreaterThan(4);
    expect((m[1] as number) / (m[2] as number)).toBeGreaterThan(4);
  });

  it('rank 128 of 200 is within 1 % on every data set', () => {
    for (const e of errors[2] as number[]) expect(e).toBeLessThan(0.01);
  });
});

describe('extreme scales (regression: a TypeError from the eigensolver)', () => {
  const { X, Y } = dependent(3, 30);
  const lin = { kernelX: linearKernel(), kernelY: linearKernel() };
  const times = (m: number[][], f: number) => m.map((r) => r.map((v) => v * f));

  it('linear kernels on data × 1e100: NON_FINITE (HSIC ~ 1e400), not a TypeError', () => {
    expectInfoboundError(
      () => hsicNystrom(times(X, 1e100), times(Y, 1e100), lin),
      'NON_FINITE',
      'rescale',
    );
  });

  it('rank ≥ n at 2^±300 and 1e70: hsic to 1e-9 (the dropped eigen-directions)', () => {
    for (const [a, b] of [
      [2 ** 300, 2 ** -300],
      [1e70, 1e70],
      [1e-150, 1e-150],
    ] as const) {
      const xs = times(X, a);
      const ys = times(Y, b);
      expectClose(hsicNystrom(xs, ys, { ...lin, rank: 30 }), hsic(xs, ys, lin), 1e-9, 0);
    }
  });

  it('a custom kernel with values ~1e200: the landmarks’ Gram matrix is rescaled first', () => {
    // K = 1e200·G, G a Gaussian kernel: HSIC is 1e200 × that of G (which hsic can compute; it
    // cannot with K itself, whose Σ K∘K overflows).
    const g = (a: Float64Array, b: Float64Array) =>
      Math.exp(-(((a[0] as number) - (b[0] as number)) ** 2));
    const big = kernel.customKernel((a, b) => 1e200 * g(a, b));
    const got = hsicNystrom(X, Y, { kernelX: big, kernelY: gaussianKernel(), rank: 30 });
    const unit = hsic(X, Y, { kernelX: kernel.customKernel(g), kernelY: gaussianKernel() });
    expectClose(got / 1e200, unit, 1e-9, 0);
  });
});
