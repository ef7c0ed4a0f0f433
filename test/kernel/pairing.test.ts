import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { kernel } from '../../src/index.js';
import { medianDistance } from '../../src/kernel/gram.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const { hsic, pairedHsic, gaussianKernel } = kernel;

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

/** Two unrelated sets of different sizes, like a training set and a synthetic set. */
const train = dependent(1, 150).X;
const synthetic = dependent(2, 90).X.map(([a, b]) => [
  (a as number) + (b as number),
  2 * (b as number),
]);

describe('behaviour: errors', () => {
  it('rejects repeats < 2 (no standard error) and a bad estimator', () => {
    expectInfoboundError(
      () => pairedHsic(train, synthetic, { repeats: 1 }),
      'INVALID_OPTION',
      'repeats',
    );
    expectInfoboundError(
      () => pairedHsic(train, synthetic, { estimator: 'plug-in' as 'biased' }),
      'INVALID_OPTION',
      'estimator',
    );
  });

  it('rejects a size above min(n_x, n_y) or below what the estimator needs', () => {
    expectInfoboundError(() => pairedHsic(train, synthetic, { size: 91 }), 'INVALID_OPTION', '90');
    expectInfoboundError(() => pairedHsic(train, synthetic, { size: 3 }), 'INVALID_OPTION', 'size');
    expect(pairedHsic(train, synthetic, { size: 3, estimator: 'biased' }).size).toBe(3);
  });

  it('needs enough rows in both sets, finite values, sample kernels', () => {
    expectInfoboundError(
      () =>
        pairedHsic(train, [
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      'TOO_FEW_SAMPLES',
    );
    expectInfoboundError(
      () =>
        pairedHsic(
          train,
          [
            [1, 2],
            [3, Number.NaN],
          ],
          { estimator: 'biased' },
        ),
      'NON_FINITE',
      'Y[1][1]',
    );
    expectInfoboundError(
      () => pairedHsic(train, synthetic, { kernelX: kernel.precomputedKernel() }),
      'INVALID_OPTION',
      'kernelX',
    );
    expectInfoboundError(() => pairedHsic(train, synthetic, { blockSize: 0 }), 'INVALID_OPTION');
  });
});

describe('behaviour: definition, sizes, seeds', () => {
  it('each value is hsic on `size` rows drawn from each set, with the full sets’ bandwidths', () => {
    // Same computation as hsic on the drawn rows: 1e-12 (formula-exact, same summation order).
    const size = 60;
    const r = pairedHsic(train, synthetic, { size, repeats: 3, seed: 5, estimator: 'biased' });
    const sigma = (rows: number[][]): number =>
      medianDistance(
        { data: Float64Array.from(rows.flat()), n: rows.length, d: 2 },
        { seed: 5, sampleSize: 1000 },
      );
    const kx = gaussianKernel({ bandwidth: sigma(train) });
    const ky = gaussianKernel({ bandwidth: sigma(synthetic) });
    const rng = createRandom(5);
    for (const v of r.values) {
      const rx = Array.from(rng.permutation(train.length).subarray(0, size));
      const ry = Array.from(rng.permutation(synthetic.length).subarray(0, size));
      const expected = hsic(
        rx.map((i) => train[i] as number[]),
        ry.map((i) => synthetic[i] as number[]),
        { kernelX: kx, kernelY: ky },
      );
      expectClose(v, expected, 1e-12);
    }
  });

  it('defaults: size = min(n_x, n_y), 20 repeats, value and standard error of the values', () => {
    const r = pairedHsic(train, synthetic);
    expect(r.size).toBe(90);
    expect(r.repeats).toBe(20);
    expect(r.values).toHaveLength(20);
    const mean = r.values.reduce((a, v) => a + v, 0) / 20;
    const sd = Math.sqrt(r.values.reduce((a, v) => a + (v - mean) ** 2, 0) / 19);
    expectClose(r.value, mean, 1e-12);
    expectClose(r.standardError, sd / Math.sqrt(20), 1e-12);
  });

  it('the same seed gives bit-identical results; another seed other couplings', () => {
    const a = pairedHsic(train, synthetic, { repeats: 4, seed: 11 });
    expect(pairedHsic(train, synthetic, { repeats: 4, seed: 11 })).toEqual(a);
    expect(pairedHsic(train, synthetic, { repeats: 4, seed: 12 }).value).not.toBe(a.value);
  });
});

describe('what it estimates: dependence under a random coupling, which is none', () => {
  // Identical-size, pre-paired, strongly dependent inputs: hsic sees the pairing, pairedHsic
  // re-pairs the rows at random and must not.
  const n = 120;
  const { X, Y } = dependent(3, n);

  it('unbiased (default): mean 0 within 4 standard errors, even for pre-paired or equal sets', () => {
    // Under a random coupling the x's and y's of distinct pairs are drawn independently, so every
    // term of the unbiased U-statistic factorises and its expectation is exactly 0.
    const paired = hsic(X, Y, { estimator: 'unbiased' });
    for (const [A, B] of [
      [X, Y],
      [X, X],
      [train, synthetic],
    ] as const) {
      const r = pairedHsic(A, B, { repeats: 40, seed: 1 });
      expect(Math.abs(r.value)).toBeLessThanOrEqual(4 * r.standardError);
      // The pairing carried the dependence: the paired hsic is far outside that noise.
      if (A === X && B === Y) expect(paired).toBeGreaterThan(20 * r.standardError);
    }
  });

  it('biased: mean tr(HKH)·tr(HLH)/(n − 1)³ within 4 standard errors (a floor, not dependence)', () => {
    // For a uniformly random coupling π, E P_π L̄ P_πᵀ = tr(L̄)/(n − 1)·H when L̄ = HLH (zero row
    // sums), so E tr(K̄ L̄_π) = tr(K̄)·tr(L̄)/(n − 1). With size = n the drawn sets are the whole sets.
    const k = gaussianKernel({ bandwidth: 1 });
    const centredTrace = (rows: number[][]): number => {
      // tr(HKH) = Σ K_ii − (1/n) Σ_ij K_ij
      let all = 0;
      for (const a of rows)
        for (const b of rows) {
          const d2 = a.reduce((s, v, t) => s + (v - (b[t] as number)) ** 2, 0);
          all += Math.exp(-d2 / 2);
        }
      return rows.length - all / rows.length;
    };
    const expected = (centredTrace(X) * centredTrace(Y)) / (n - 1) ** 3;
    const r = pairedHsic(X, Y, {
      repeats: 40,
      seed: 2,
      kernelX: k,
      kernelY: k,
      estimator: 'biased',
    });
    expect(Math.abs(r.value - expected)).toBeLessThanOrEqual(4 * r.standardError);
    // That floor is all it sees: the pre-paired hsic (measured 5× the floor) is lost.
    expect(hsic(X, Y, { kernelX: k, kernelY: k })).toBeGreaterThan(2 * expected);
  });
});

describe('extreme scales (regression: NaN from overflowing Gram products)', () => {
  const lin = {
    kernelX: kernel.linearKernel(),
    kernelY: kernel.linearKernel(),
    repeats: 4,
    seed: 3,
  };
  const times = (m: number[][], f: number) => m.map((r) => r.map((v) => v * f));

  it('values ~1e280: finite, 1e280 × those at scale 1; beyond the doubles: NON_FINITE', () => {
    const r = pairedHsic(train, synthetic, lin);
    const big = pairedHsic(times(train, 1e70), times(synthetic, 1e70), lin);
    expectClose(big.value, r.value * 1e280, 1e-12, 1e-12 * 1e280 * r.standardError);
    expectClose(big.standardError, r.standardError * 1e280, 1e-12, 0);
    expectInfoboundError(
      () => pairedHsic(times(train, 1e80), times(synthetic, 1e80), lin),
      'NON_FINITE',
      'rescale',
    );
  });
});
