import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { kernel } from '../../src/index.js';
import { medianDistance } from '../../src/kernel/gram.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const { hsic, hsicBlock, gaussianKernel } = kernel;

/** X = (a, b) ~ N(0, I₂); Y = a² + 0.5·ε (dependent) or an independent N(0, 1). */
function sample(seed: number, n: number, dependent: boolean): { X: number[][]; Y: number[][] } {
  const rng = createRandom(seed);
  const X: number[][] = [];
  const Y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    X.push([a, rng.normal()]);
    Y.push([dependent ? a * a + 0.5 * rng.normal() : rng.normal()]);
  }
  return { X, Y };
}

describe('behaviour: errors', () => {
  const { X, Y } = sample(1, 40, true);

  it('rejects a blockSize that is not an integer ≥ 4 (the unbiased HSIC needs 4 rows)', () => {
    expectInfoboundError(() => hsicBlock(X, Y, { blockSize: 3 }), 'INVALID_OPTION', 'blockSize');
    expectInfoboundError(() => hsicBlock(X, Y, { blockSize: 8.5 }), 'INVALID_OPTION', 'blockSize');
  });

  it('needs two blocks, for a standard error', () => {
    expectInfoboundError(() => hsicBlock(X, Y, { blockSize: 21 }), 'TOO_FEW_SAMPLES', '42');
    expect(hsicBlock(X, Y, { blockSize: 20 }).blocks).toBe(2);
  });

  it('rejects precomputed kernels, unpaired and non-finite samples', () => {
    expectInfoboundError(
      () => hsicBlock(X, Y, { kernelY: kernel.precomputedKernel() }),
      'INVALID_OPTION',
      'kernelY',
    );
    expectInfoboundError(() => hsicBlock(X, Y.slice(1)), 'SHAPE_MISMATCH', 'pairedHsic');
    expectInfoboundError(() => hsicBlock([1, 2, 3], [1, 2, 3]), 'TOO_FEW_SAMPLES');
    const bad = X.map((r) => [...r]);
    (bad[7] as number[])[1] = Number.NaN;
    expectInfoboundError(() => hsicBlock(bad, Y), 'NON_FINITE', 'X[7][1]');
  });
});

describe('behaviour: definition, seeds', () => {
  const n = 100;
  const { X, Y } = sample(2, n, true);
  const k = gaussianKernel({ bandwidth: 0.8 });

  it('is the mean of the unbiased hsic of each block of the seeded shuffle', () => {
    // Same computation as hsic on the block's rows: 1e-12 (formula-exact, summation order equal).
    const B = 30; // 3 blocks, the last 10 shuffled rows unused
    const r = hsicBlock(X, Y, { blockSize: B, seed: 9, kernelX: k, kernelY: k });
    const perm = createRandom(9).permutation(n);
    const values = [0, 1, 2].map((b) => {
      const rows = Array.from(perm.subarray(b * B, (b + 1) * B));
      return hsic(
        rows.map((i) => X[i] as number[]),
        rows.map((i) => Y[i] as number[]),
        { kernelX: k, kernelY: k, estimator: 'unbiased' },
      );
    });
    const mean = values.reduce((a, v) => a + v, 0) / 3;
    const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 2);
    expect(r.blocks).toBe(3);
    expectClose(r.value, mean, 1e-12);
    expectClose(r.standardError, sd / Math.sqrt(3), 1e-12);
  });

  it("'median' bandwidths are resolved on all n rows, not per block", () => {
    const sigma = (rows: number[][]): number =>
      medianDistance(
        { data: Float64Array.from(rows.flat()), n, d: (rows[0] as number[]).length },
        { seed: 0, sampleSize: 1000 },
      );
    const explicit = hsicBlock(X, Y, {
      kernelX: gaussianKernel({ bandwidth: sigma(X) }),
      kernelY: gaussianKernel({ bandwidth: sigma(Y) }),
    });
    expect(hsicBlock(X, Y)).toEqual(explicit);
  });

  it('the same seed gives bit-identical results; another seed other blocks', () => {
    const a = hsicBlock(X, Y, { blockSize: 10, seed: 1 });
    expect(hsicBlock(X, Y, { blockSize: 10, seed: 1 })).toEqual(a);
    expect(hsicBlock(X, Y, { blockSize: 10, seed: 2 }).value).not.toBe(a.value);
  });
});

describe('standard error: covers the target at the stated rate', () => {
  it('under dependence, the exact unbiased hsic on all n rows (conservatively)', () => {
    // Both estimate the population HSIC and share their leading (Hájek) term, so their difference
    // is smaller than the block estimate's own spread: measured sd(z) ≈ 0.8, so P(|z| > 2) ≈ 1 %
    // and two or more of 20 outside ±2 has probability ≈ 2 % (measured: none, largest |z| 1.9).
    const z: number[] = [];
    for (let s = 1; s <= 20; s++) {
      const { X, Y } = sample(100 + s, 400, true);
      const exact = hsic(X, Y, { estimator: 'unbiased' });
      const r = hsicBlock(X, Y, { blockSize: 20, seed: s });
      z.push((r.value - exact) / r.standardError);
    }
    expect(z.filter((v) => Math.abs(v) > 2).length).toBeLessThanOrEqual(1);
    for (const v of z) expect(Math.abs(v)).toBeLessThanOrEqual(3);
  });

  it('under independence, the population value 0 at the nominal 95 %', () => {
    // 20 blocks: z = value/SE is roughly Student-t with 19 degrees of freedom, P(|t| > 2) ≈ 6 %
    // (measured over 100 data sets: 4–6 %). Of 40 data sets, 7 or more outside ±2 has
    // probability 0.9 % under that rate; the test allows at most 6 (measured: 4).
    let outside = 0;
    for (let s = 1; s <= 40; s++) {
      const { X, Y } = sample(1000 + s, 400, false);
      const r = hsicBlock(X, Y, { blockSize: 20, seed: s });
      if (Math.abs(r.value / r.standardError) > 2) outside++;
    }
    expect(outside).toBeLessThanOrEqual(6);
  });
});

describe('extreme scales (regression: NaN from overflowing Gram products)', () => {
  const { X, Y } = sample(4, 64, true);
  const lin = { kernelX: kernel.linearKernel(), kernelY: kernel.linearKernel(), blockSize: 8 };
  const times = (m: number[][], f: number) => m.map((r) => r.map((v) => v * f));

  it('linear kernels: the same value for data × 2^300 and × 2^-300 (exact scaling)', () => {
    const r = hsicBlock(X, Y, lin);
    expect(hsicBlock(times(X, 2 ** 300), times(Y, 2 ** -300), lin)).toEqual(r);
  });

  it('values ~1e280 (their squares overflow): a finite standard error, 1e280 × that at scale 1', () => {
    const r = hsicBlock(X, Y, lin);
    const big = hsicBlock(times(X, 1e70), times(Y, 1e70), lin);
    expectClose(big.value, r.value * 1e280, 1e-12, 0);
    expect(Number.isFinite(big.standardError)).toBe(true);
    expectClose(big.standardError, r.standardError * 1e280, 1e-12, 0);
  });

  it('beyond the doubles: NON_FINITE naming the rescaling', () => {
    expectInfoboundError(
      () => hsicBlock(times(X, 1e80), times(Y, 1e80), lin),
      'NON_FINITE',
      'rescale',
    );
  });
});
