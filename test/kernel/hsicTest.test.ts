import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { kernel } from '../../src/index.js';
import { hsic } from '../../src/kernel/hsic.js';
import { hsicTest } from '../../src/kernel/hsicTest.js';
import {
  gaussianKernel,
  type Kernel,
  laplaceKernel,
  linearKernel,
} from '../../src/kernel/kernels.js';
import { expectClose, expectInfoboundError } from '../helpers.js';
import {
  errorScales,
  fixture,
  type GammaCase,
  hsicAllowance,
  hsicCase,
  REL,
  rows,
  toKernel,
  U,
} from './kernelFixture.js';

/** The smallest normal double: below it a float64 has no relative precision left. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Relative tolerance of the null's parameters (shape, scale and the statistic's mean and
 * variance). Var = c·Σ_{i≠j}(K̄_ij L̄_ij)² is a sum of positive terms, so summation costs at most
 * √m·u ≈ 3e-14 (m ≤ 256²); the centred entries K̄_ij = K_ij − r_i/n − r_j/n + s/n² each carry
 * ~4u·max|K| absolute, i.e. ~4u/|K̄_ij| relative, doubled by the square and counted for K̄ and
 * L̄: ~16u/|K̄| ≈ 2e-13 for typical |K̄| ~ 0.01 (the near-constant Gram matrices of 16-D data
 * with median bandwidths). The mean (1 − μx)(1 − μy)/n comes from compensated sums. So 1e-12,
 * the brief's figure, with room; measured: at most 4.5e-13 (discrete data), ~1e-14 typically.
 */
const NULL_REL = 1e-12;

/** Tolerance of the statistic: T = tr(KHLH)/n, the same trace as the biased HSIC. */
function statisticRel(c: GammaCase): number {
  const h = hsicCase(c.name);
  return REL + hsicAllowance(h, 'biased') / Math.abs(h.biased);
}

/**
 * p = Q(α, T/β): a relative error δT in T (or in β) moves ln p by |d ln p/d ln T|·δT, and δα by
 * |d ln p/d ln α|·δα, both condition numbers from the fixture (mpmath). On top, the brief's 1e-9
 * for the incomplete gamma function itself.
 */
function pRel(c: GammaCase): number {
  return (
    1e-9 + c.sensitivityStatistic * (statisticRel(c) + NULL_REL) + c.sensitivityShape * NULL_REL
  );
}

describe('reference: Gretton et al.’s hsicTestGamma (test/fixtures/kernel/generate.py)', () => {
  for (const c of fixture.gamma) {
    it(c.name, () => {
      const r = hsicTest(rows(c.X), rows(c.Y), {
        kernelX: toKernel(c.kernelX),
        kernelY: toKernel(c.kernelY),
      });
      expect(r.method).toBe('gamma');
      expectClose(r.statistic, c.statistic, statisticRel(c), 0);
      expectClose(r.hsic, c.hsic, statisticRel(c), 0);
      const nul = r.null;
      expect(nul).toBeDefined();
      if (nul === undefined) return;
      expectClose(nul.shape, c.shape, NULL_REL, 0);
      expectClose(nul.scale, c.scale, NULL_REL, 0);
      expectClose(nul.mean, c.mean, NULL_REL, 0);
      expectClose(nul.variance, c.variance, NULL_REL, 0);
      if (c.pValue > 0) {
        expectClose(r.pValue, c.pValue, pRel(c), 0);
      } else {
        // SciPy underflowed: the true tail (mpmath: c.pValueMpmath) is below the normal range,
        // where no relative accuracy exists; it must still be a tiny non-negative number.
        expect(c.pValueMpmath).toBeLessThan(MIN_NORMAL);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThan(MIN_NORMAL);
      }
    });
  }

  it('the fixture covers shapes below 1 to above 1e5 and p from 1 to underflow', () => {
    const shapes = fixture.gamma.map((c) => c.shape);
    expect(Math.min(...shapes)).toBeLessThan(0.2);
    expect(Math.max(...shapes)).toBeGreaterThan(1e5);
    const ps = fixture.gamma.map((c) => c.pValue);
    expect(ps.some((p) => p === 0)).toBe(true);
    expect(ps.some((p) => p > 0.5 && p < 0.99)).toBe(true);
    expect(ps.some((p) => p > 1e-300 && p < 1e-100)).toBe(true);
  });
});

describe('behaviour: gamma method', () => {
  const c = hsicCase('n200-d3-dep gaussian(median) / gaussian(median)');
  const X = rows(c.X);
  const Y = rows(c.Y);

  it('statistic = n·HSIC with 1/n²: the biased HSIC times (n − 1)²/n; null mean αβ, variance αβ²', () => {
    const r = hsicTest(X, Y);
    const n = 200;
    expectClose(r.statistic, (r.hsic * (n - 1) * (n - 1)) / n, 4 * U, 0);
    expect(r.hsic).toBe(hsic(X, Y));
    const nul = r.null as NonNullable<typeof r.null>;
    expectClose(nul.mean, nul.shape * nul.scale, 4 * U, 0);
    expectClose(nul.variance, nul.shape * nul.scale * nul.scale, 4 * U, 0);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(kernel.hsicTest).toBe(hsicTest);
  });

  it('the default method is gamma; blockSize changes nothing beyond rounding', () => {
    const base = hsicTest(X, Y, { method: 'gamma' });
    expect(hsicTest(X, Y)).toEqual(base);
    for (const blockSize of [1, 7, 200]) {
      const r = hsicTest(X, Y, { blockSize });
      expectClose(
        r.statistic,
        base.statistic,
        2 * (REL + hsicAllowance(c, 'biased', blockSize) / c.biased),
        0,
      );
      expectClose(
        (r.null as { shape: number }).shape,
        (base.null as { shape: number }).shape,
        2 * NULL_REL,
        0,
      );
      // Condition number of p in T for this case is ~200 (fixture): 1e-9 covers it.
      expectClose(r.pValue, base.pValue, 1e-9, 0);
    }
  });

  it('a constant variable: p = 1, statistic 0 to rounding, no null fitted', () => {
    const constant = X.map(() => [4]);
    const g = gaussianKernel();
    // T = tr(KHLH)/n is 0 in the reals; its rounding is bounded by the worst-case sum bound
    // n²·u·termScale of the trace (a constant Gram matrix repeats one value), times (n − 1)²/n.
    const n = X.length;
    const bound = (n * n * U * errorScales(X, constant, g, g).termScale * (n - 1) * (n - 1)) / n;
    for (const [a, b] of [
      [X, constant],
      [constant, X],
    ] as const) {
      const r = hsicTest(a, b);
      expect(r.pValue).toBe(1);
      expectClose(r.statistic, 0, 0, bound);
      expect(r.null).toBeUndefined();
    }
  });

  it('errors: n < 6 is TOO_FEW_SAMPLES (the variance needs (n − 4)(n − 5) > 0)', () => {
    expectInfoboundError(
      () => hsicTest([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]),
      'TOO_FEW_SAMPLES',
      'at least 6',
    );
    expect(hsicTest([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]).pValue).toBeGreaterThan(0);
  });
});

describe('behaviour: permutation method', () => {
  const c = hsicCase('n30-d1-dep gaussian(median) / gaussian(median)');
  const X = rows(c.X);
  const Y = rows(c.Y);

  it('p = (1 + #{HSIC_π ≥ HSIC})/(1 + B); statistic = the biased HSIC', () => {
    const r = hsicTest(X, Y, { method: 'permutation', permutations: 99, seed: 3 });
    expect(r.method).toBe('permutation');
    expect(r.permutations).toBe(99);
    expect(r.pValue).toBe((1 + (r.exceedances as number)) / 100);
    expect(r.statistic).toBe(r.hsic);
    expectClose(r.hsic, c.biased, REL, hsicAllowance(c, 'biased'));
    expect(r.null).toBeUndefined();
  });

  it('the count is over Y’s rows permuted by the seeded stream (dense path, n ≤ 2048)', () => {
    // White-box: the permutations are createRandom(seed).permutation(n), drawn in order.
    const B = 60;
    const r = hsicTest(X, Y, { method: 'permutation', permutations: B, seed: 8 });
    const rng = createRandom(8);
    const observed = hsic(X, Y);
    let count = 0;
    for (let b = 0; b < B; b++) {
      const perm = rng.permutation(30);
      if (
        hsic(
          X,
          Array.from(perm, (p) => Y[p] as number[]),
        ) >= observed
      )
        count++;
    }
    expect(r.exceedances).toBe(count);
  });

  it('the same on the blocked path (n > 2048), where permutations are recomputed blockwise', () => {
    const rng = createRandom(21);
    const n = 2100;
    const x = Array.from({ length: n }, () => rng.normal());
    const y = x.map((v) => 0.2 * v + rng.normal());
    const k = {
      kernelX: gaussianKernel({ bandwidth: 1 }),
      kernelY: gaussianKernel({ bandwidth: 1 }),
    };
    const r = hsicTest(x, y, { ...k, method: 'permutation', permutations: 3, seed: 4 });
    const stream = createRandom(4);
    const observed = hsic(x, y, k);
    let count = 0;
    for (let b = 0; b < 3; b++) {
      const perm = stream.permutation(n);
      if (
        hsic(
          x,
          Array.from(perm, (p) => y[p] as number),
          k,
        ) >= observed
      )
        count++;
    }
    expect(r.exceedances).toBe(count);
    expect(r.statistic).toBe(observed);
  });

  it('reproducible with a seed, seed-dependent, default 1000 permutations', () => {
    const rng = createRandom(2);
    const x = Array.from({ length: 40 }, () => rng.normal());
    const y = Array.from({ length: 40 }, () => rng.normal());
    const o = { method: 'permutation', permutations: 199 } as const;
    expect(hsicTest(x, y, { ...o, seed: 5 })).toEqual(hsicTest(x, y, { ...o, seed: 5 }));
    const ps = new Set([1, 2, 3, 4, 5].map((seed) => hsicTest(x, y, { ...o, seed }).pValue));
    expect(ps.size).toBeGreaterThan(1);
    const d = hsicTest(x, y, { method: 'permutation' });
    expect(d.permutations).toBe(1000);
    expect(d).toEqual(hsicTest(x, y, { method: 'permutation', seed: 0 }));
  });

  it('p ∈ [1/(B + 1), 1]: the smallest for a deterministic dependence', () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i));
    const r = hsicTest(
      x,
      x.map((v) => v * v),
      { method: 'permutation', permutations: 49 },
    );
    expect(r.pValue).toBe(1 / 50);
    const c2 = hsicTest(
      x,
      x.map(() => 1),
      { method: 'permutation', permutations: 49 },
    );
    // HSIC_π = HSIC for every π when Y is constant (to rounding): at most p = 1.
    expect(c2.pValue).toBeLessThanOrEqual(1);
    expect(c2.pValue).toBeGreaterThanOrEqual(1 / 50);
  });
});

/** Independent standard normal x and y of length n from one seed (seeded, bit-reproducible). */
function independentPair(seed: number, n: number): [number[], number[]] {
  const r = createRandom(seed);
  const x = Array.from({ length: n }, () => r.normal());
  const y = Array.from({ length: n }, () => r.normal());
  return [x, y];
}

describe('calibration and power', () => {
  // Acceptance bounds: the central 99.9% interval of Binomial(N, 0.05) (≤ 0.05% in each tail;
  // scipy.stats.binom.ppf(0.0005 | 0.9995, N, 0.05)): N = 200 → [2, 21], N = 100 → [0, 13]. A
  // correct level-0.05 test fails this with probability ≤ 0.1%; the seeds are fixed, so the
  // outcome is deterministic anyway.

  it('gamma test under independence (n = 100, Gaussian kernels, median bandwidth): level 0.05', () => {
    // Measured: 8/200 = 0.040 here; over 5000 seeds 262/5000 = 0.0524 ± 0.0031 (1 SE), so at
    // n = 100 in 1-D the gamma approximation is not measurably anti-conservative.
    let rejections = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const [x, y] = independentPair(seed, 100);
      if (hsicTest(x, y).pValue < 0.05) rejections++;
    }
    expect(rejections).toBeGreaterThanOrEqual(2);
    expect(rejections).toBeLessThanOrEqual(21);
  });

  it('permutation test under independence (n = 50, 199 permutations): level 0.05', () => {
    // p = (1 + e)/200 ≤ 0.05 ⇔ e ≤ 9: exactly level 10/200 = 0.05 under exchangeability.
    // Measured: 2/100 here; over 1000 seeds 42/1000 = 0.042 ± 0.0069.
    let rejections = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const [x, y] = independentPair(seed, 50);
      const r = hsicTest(x, y, { method: 'permutation', permutations: 199, seed });
      if (r.pValue <= 0.05) rejections++;
    }
    expect(rejections).toBeLessThanOrEqual(13);
  });

  it('power: y = x² + 0.1·noise at n = 100 is rejected at p < 0.01 in ≥ 95% of 50 seeds', () => {
    // HSIC sees the non-monotone dependence a correlation cannot (corr(x, x²) = 0). Measured:
    // 50/50, the largest p 4.3e-10. With a true power of 0.99 the chance of < 48/50 is 1.4%.
    let rejected = 0;
    for (let seed = 1001; seed <= 1050; seed++) {
      const r = createRandom(seed);
      const x = Array.from({ length: 100 }, () => r.normal());
      const y = x.map((v) => v * v + 0.1 * r.normal());
      if (hsicTest(x, y).pValue < 0.01) rejected++;
    }
    expect(rejected).toBeGreaterThanOrEqual(48);
  });
});

describe('errors', () => {
  const x = [0.3, 0.1, 0.8, 0.5, 0.9, 0.2, 0.7];

  it('n mismatch: SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () => hsicTest(x, x.slice(1)),
      'SHAPE_MISMATCH',
      'X has 7 samples but Y has 6',
    );
  });

  it('permutation needs n ≥ 2: TOO_FEW_SAMPLES', () => {
    expectInfoboundError(() => hsicTest([1], [2], { method: 'permutation' }), 'TOO_FEW_SAMPLES');
  });

  it('bad method, permutations, seed, blockSize, medianSampleSize: INVALID_OPTION naming it', () => {
    expectInfoboundError(
      () => hsicTest(x, x, { method: 'bootstrap' as 'gamma' }),
      'INVALID_OPTION',
      'method',
    );
    for (const permutations of [0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectInfoboundError(
        () => hsicTest(x, x, { method: 'permutation', permutations }),
        'INVALID_OPTION',
        'permutations',
      );
    }
    expectInfoboundError(
      () => hsicTest(x, x, { method: 'permutation', seed: Number.NaN }),
      'INVALID_OPTION',
      'seed',
    );
    expectInfoboundError(() => hsicTest(x, x, { blockSize: 0 }), 'INVALID_OPTION', 'blockSize');
    expectInfoboundError(
      () => hsicTest(x, x, { medianSampleSize: 1 }),
      'INVALID_OPTION',
      'medianSampleSize',
    );
  });

  it('NaN in samples, non-finite custom kernels, non-square precomputed: named errors', () => {
    expectInfoboundError(
      () =>
        hsicTest(
          x.map((v, i) => (i === 4 ? Number.NaN : v)),
          x,
        ),
      'NON_FINITE',
      'X[4]',
    );
    const nan: Kernel = kernel.customKernel(() => Number.NaN);
    expectInfoboundError(() => hsicTest(x, x, { kernelY: nan }), 'NON_FINITE', 'Y rows');
    expectInfoboundError(
      () =>
        hsicTest(
          [
            [1, 0],
            [0, 1],
            [0, 0],
          ],
          [1, 2, 3],
          { kernelX: kernel.precomputedKernel() },
        ),
      'SHAPE_MISMATCH',
      'X is 3 × 2',
    );
  });

  it('other kernels are accepted (the null’s mean assumes k(x, x) = 1, as in the reference)', () => {
    const r = hsicTest(x, x, { kernelX: laplaceKernel(), kernelY: linearKernel() });
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
  });
});

describe('extreme scales (regression: NaN from overflowing Gram products)', () => {
  const rng = createRandom(9);
  const x = Array.from({ length: 40 }, () => rng.normal());
  const y = x.map((v) => v * v + 0.3 * rng.normal());
  const lin = { kernelX: kernel.linearKernel(), kernelY: kernel.linearKernel() };
  const times = (v: number[], f: number) => v.map((a) => a * f);

  it('linear kernels: the same test for data × 2^300 and × 2^-300 (exact scaling)', () => {
    for (const method of ['gamma', 'permutation'] as const) {
      const r = hsicTest(x, y, { ...lin, method, permutations: 50 });
      expect(
        hsicTest(times(x, 2 ** 300), times(y, 2 ** -300), { ...lin, method, permutations: 50 }),
      ).toEqual(r);
    }
  });

  it('beyond the doubles: NON_FINITE naming the rescaling, not NaN', () => {
    for (const method of ['gamma', 'permutation'] as const) {
      expectInfoboundError(
        () => hsicTest(times(x, 1e80), times(y, 1e80), { ...lin, method, permutations: 5 }),
        'NON_FINITE',
        'rescale',
      );
    }
  });

  it('Gaussian kernels with median bandwidths: the same p-value at 1e-155 as at scale 1', () => {
    const r = hsicTest(x, y);
    const tiny = hsicTest(times(x, 1e-155), y);
    expectClose(tiny.pValue, r.pValue, 1e-9, 0);
    expectClose(tiny.statistic, r.statistic, 1e-12, 0);
  });
});
