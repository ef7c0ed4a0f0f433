import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { kernel } from '../../src/index.js';
import { medianDistance } from '../../src/kernel/gram.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const { hsic, hsicRff } = kernel;

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

function meanSd(v: readonly number[]): { mean: number; sd: number; kurtosis: number } {
  const n = v.length;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const m2 = v.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
  const m4 = v.reduce((a, x) => a + (x - mean) ** 4, 0) / n;
  return { mean, sd: Math.sqrt((m2 * n) / (n - 1)), kurtosis: m4 / (m2 * m2) };
}

describe('behaviour: errors', () => {
  const { X, Y } = dependent(1, 20);

  it('rejects a features count that is not an integer ≥ 1', () => {
    expectInfoboundError(() => hsicRff(X, Y, { features: 0 }), 'INVALID_OPTION', 'features');
    expectInfoboundError(() => hsicRff(X, Y, { features: 2.5 }), 'INVALID_OPTION', 'features');
  });

  it('rejects bandwidths that are not finite and > 0, naming the side', () => {
    expectInfoboundError(() => hsicRff(X, Y, { bandwidthX: 0 }), 'INVALID_OPTION', 'bandwidthX');
    expectInfoboundError(
      () => hsicRff(X, Y, { bandwidthY: Number.NaN }),
      'INVALID_OPTION',
      'bandwidthY',
    );
  });

  it('rejects bad seeds and median sample sizes', () => {
    expectInfoboundError(() => hsicRff(X, Y, { seed: 0.5 }), 'INVALID_OPTION', 'seed');
    expectInfoboundError(
      () => hsicRff(X, Y, { medianSampleSize: 1 }),
      'INVALID_OPTION',
      'medianSampleSize',
    );
  });

  it('needs paired samples, at least two of them, all finite', () => {
    expectInfoboundError(() => hsicRff(X, Y.slice(1)), 'SHAPE_MISMATCH', 'pairedHsic');
    expectInfoboundError(() => hsicRff([1], [2]), 'TOO_FEW_SAMPLES');
    expectInfoboundError(() => hsicRff([1, Number.NaN, 3], [1, 2, 3]), 'NON_FINITE', 'X[1]');
  });
});

describe('behaviour: seeds, inputs, bandwidths', () => {
  const { X, Y } = dependent(2, 150);

  it('the same seed gives bit-identical results; another seed other features', () => {
    expect(hsicRff(X, Y, { features: 64, seed: 7 })).toBe(hsicRff(X, Y, { features: 64, seed: 7 }));
    expect(hsicRff(X, Y, { features: 64, seed: 7 })).not.toBe(
      hsicRff(X, Y, { features: 64, seed: 8 }),
    );
  });

  it('reads nested arrays, Float64Array rows and Matrix alike', () => {
    const a = hsicRff(X, Y, { features: 32 });
    expect(
      hsicRff(
        X.map((r) => Float64Array.from(r)),
        Y,
        { features: 32 },
      ),
    ).toBe(a);
    expect(hsicRff(new Matrix(X), new Matrix(Y), { features: 32 })).toBe(a);
  });

  it("'median' is the median heuristic of gram.ts, and does not mutate the input", () => {
    const copy = X.map((r) => [...r]);
    const sx = medianDistance(
      { data: Float64Array.from(X.flat()), n: 150, d: 2 },
      {
        seed: 0,
        sampleSize: 1000,
      },
    );
    const sy = medianDistance(
      { data: Float64Array.from(Y.flat()), n: 150, d: 1 },
      {
        seed: 0,
        sampleSize: 1000,
      },
    );
    expect(hsicRff(X, Y, { features: 32, bandwidthX: sx, bandwidthY: sy })).toBe(
      hsicRff(X, Y, { features: 32 }),
    );
    expect(X).toEqual(copy);
  });

  it('is ≥ 0 (a squared norm) and 0 when one side is constant', () => {
    expect(hsicRff(X, Y, { features: 16 })).toBeGreaterThanOrEqual(0);
    // Every feature of a constant column is constant, so its centred features are 0 up to the
    // rounding of a mean of equal values (≲ 256ε ≈ 6e-14 each); HSIC is then below 1e-20.
    expect(hsicRff(X, new Array(150).fill(3), { features: 16 })).toBeLessThan(1e-20);
  });

  it('is invariant to translating either side (the Gaussian kernel is)', () => {
    const moved = X.map(([a, b]) => [(a as number) + 1e3, (b as number) - 50]);
    // The columns are centred before the features are computed, so the same seed sees the same
    // points; only the rounding of the subtracted means differs (1e3·ε ≈ 1e-13): 1e-9, formula-exact.
    expectClose(hsicRff(moved, Y, { features: 64 }), hsicRff(X, Y, { features: 64 }), 1e-9);
  });
});

describe('Monte Carlo: converges to the exact biased hsic at rate 1/√D', () => {
  // One data set; 150 seeds of random features at D = 16 and D = 256. The errors at D = 16 are
  // heavy-tailed (kurtosis ≈ 6 over 600 seeds), and 60 seeds under-estimated both sd and kurtosis.
  const n = 200;
  const { X, Y } = dependent(3, n);
  const exact = hsic(X, Y);
  const seeds = Array.from({ length: 150 }, (_, i) => i);
  const err16 = seeds.map((seed) => hsicRff(X, Y, { features: 16, seed }) - exact);
  const err256 = seeds.map((seed) => hsicRff(X, Y, { features: 256, seed }) - exact);

  it('is unbiased: the mean error over seeds is within 4 standard errors of 0', () => {
    // K̂ and L̂ are independent unbiased estimates of K and L, and HSIC is bilinear in them.
    for (const e of [err16, err256]) {
      const s = meanSd(e);
      expect(Math.abs(s.mean)).toBeLessThanOrEqual((4 * s.sd) / Math.sqrt(e.length));
    }
  });

  it('16× the features divides the spread by √16 = 4, within 4 standard errors of the ratio', () => {
    // Var = A/D + B/D² exactly (a mean of D iid feature terms, plus the product of the two
    // sides' errors), so sd·√D tends to √A. The sampling error of log(sd) from S draws is
    // √((κ − 1)/(4S)) with κ the kurtosis of the errors, measured here: the band is derived from
    // the measured spread, not chosen.
    const a = meanSd(err16);
    const b = meanSd(err256);
    const seLogRatio = Math.sqrt((a.kurtosis - 1 + b.kurtosis - 1) / (4 * seeds.length));
    const logRatio = Math.log(a.sd / b.sd);
    expect(Math.abs(logRatio - Math.log(4))).toBeLessThanOrEqual(4 * seLogRatio);
    // And the spread is small where it should be: relative sd at D = 256 below 25 %.
    expect(b.sd / exact).toBeLessThan(0.25);
  });
});

describe('extreme scales (regression: the median heuristic squared 1e-160)', () => {
  it('median bandwidths: the value at scale 1, for data × 2^-600 (bit for bit) and × 1e-200', () => {
    const { X, Y } = dependent(5, 40);
    const v = hsicRff(X, Y, { features: 64 });
    const times = (m: number[][], f: number) => m.map((r) => r.map((x) => x * f));
    expect(hsicRff(times(X, 2 ** -600), times(Y, 2 ** 600), { features: 64 })).toBe(v);
    // Not a power of two: the data round at ε, and the phases W·x with them.
    expectClose(hsicRff(times(X, 1e-200), Y, { features: 64 }), v, 1e-9, 0);
  });
});
