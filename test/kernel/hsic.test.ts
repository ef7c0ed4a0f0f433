import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { kernel } from '../../src/index.js';
import { prepareGram } from '../../src/kernel/gram.js';
import { cka, hsic } from '../../src/kernel/hsic.js';
import {
  customKernel,
  gaussianKernel,
  type Kernel,
  laplaceKernel,
  linearKernel,
  polynomialKernel,
  precomputedKernel,
} from '../../src/kernel/kernels.js';
import { expectClose, expectInfoboundError } from '../helpers.js';
import {
  ckaRelTolerance,
  errorScales,
  fixture,
  type HsicCase,
  hsicAllowance,
  hsicCase,
  REL,
  rows,
  toKernel,
  U,
} from './kernelFixture.js';

/** The kernels of a fixture case, as hsic options. */
function kernelsOf(c: HsicCase): { kernelX: Kernel; kernelY: Kernel } {
  return { kernelX: toKernel(c.kernelX), kernelY: toKernel(c.kernelY) };
}

/** |got − expected| within the case's derived tolerance (see kernelFixture.ts). */
function expectHsic(got: number, c: HsicCase, estimator: 'biased' | 'unbiased', blockSize = 256) {
  const expected = estimator === 'biased' ? c.biased : (c.unbiased as number);
  expectClose(got, expected, REL, hsicAllowance(c, estimator, blockSize));
}

function expectCka(got: number, c: HsicCase) {
  if (c.hsicKK === 0 || c.hsicLL === 0) {
    // A constant Gram matrix: documented to give exactly 0.
    expect(got).toBe(0);
    return;
  }
  expectClose(got, c.cka, ckaRelTolerance(c), 0);
}

/** Rows reordered: row i of the result is row perm[i]. */
const permute = <T>(x: T[], perm: Int32Array): T[] => Array.from(perm, (p) => x[p] as T);

describe('reference: dense long-double HSIC and CKA (test/fixtures/kernel/generate.py)', () => {
  // Tolerance: 1e-12 relative plus the rounding allowance each case's conditioning implies
  // (kernelFixture.ts): (√m or m)·u·termScale for the one-pass sums, ε·entryScale for the Gram
  // entries' ‖a‖² + ‖b‖² − 2a·b rounding. For well-conditioned cases that is the brief's 1e-12;
  // it is larger only where HSIC is small against its terms (independent pairs, n ≥ 200: HSIC
  // ~1/n of Σ K∘L, so ~log10(n) digits cancel) or the data repeat values (discrete samples).
  for (const c of fixture.hsic) {
    const X = rows(c.X);
    const Y = rows(c.Y);
    const opts = kernelsOf(c);
    it(`${c.name}: biased`, () => expectHsic(hsic(X, Y, opts), c, 'biased'));
    if (c.unbiased !== undefined) {
      it(`${c.name}: unbiased`, () =>
        expectHsic(hsic(X, Y, { ...opts, estimator: 'unbiased' }), c, 'unbiased'));
    }
    it(`${c.name}: cka`, () => expectCka(cka(X, Y, opts), c));
  }

  it('the fixture covers n ∈ {6, 30, 200, 700}, d ∈ {1, 3, 16}, ties and every kernel', () => {
    const n = new Set(fixture.hsic.map((c) => rows(c.X).length));
    const d = new Set(fixture.hsic.map((c) => (rows(c.X)[0] as number[]).length));
    for (const v of [6, 30, 200, 700]) expect(n.has(v)).toBe(true);
    for (const v of [1, 3, 16]) expect(d.has(v)).toBe(true);
    expect(fixture.hsic.some((c) => c.ties)).toBe(true);
    const types = new Set(fixture.hsic.flatMap((c) => [c.kernelX.type, c.kernelY.type]));
    expect([...types].sort()).toEqual(['gaussian', 'laplace', 'linear', 'polynomial']);
  });
});

describe('reference: closed forms', () => {
  it('linear kernels: HSIC_b = ‖Cov(X, Y)‖²_F with the (n − 1) covariance', () => {
    // An independent route to the same number: the d_x × d_y cross-covariance, no Gram matrix.
    const c = hsicCase('n200-d3-dep linear / linear');
    const X = rows(c.X);
    const Y = rows(c.Y);
    const n = X.length;
    const mean = (A: number[][], j: number) => A.reduce((s, r) => s + (r[j] as number), 0) / n;
    let frob = 0;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const ma = mean(X, a);
        const mb = mean(Y, b);
        let cov = 0;
        for (let i = 0; i < n; i++)
          cov +=
            (((X[i] as number[])[a] as number) - ma) * (((Y[i] as number[])[b] as number) - mb);
        cov /= n - 1;
        frob += cov * cov;
      }
    }
    // The covariance route is well conditioned (~n·u per entry); HSIC as in the reference test.
    expectClose(frob, c.biased, 1e-13, 0);
    expectHsic(hsic(X, Y, kernelsOf(c)), c, 'biased');
  });

  it('the documented examples', () => {
    const lin = { kernelX: linearKernel(), kernelY: linearKernel() };
    // (Σ(x − x̄)²)²/(n − 1)² = 25/9, from exact small integers: a few ulps.
    expectClose(kernel.hsic([1, 2, 3, 4], [1, 2, 3, 4], lin), 25 / 9, 4 * U, 0);
    expectClose(kernel.cka([1, 2, 3, 4], [2, 4, 6, 8], lin), 1, 4 * U, 0);
    expect(kernel.hsic).toBe(hsic);
    expect(kernel.cka).toBe(cka);
  });
});

describe('behaviour', () => {
  // Well-conditioned (dependent) and ill-conditioned (independent, ties) cases at n = 200.
  const cases = [
    'n200-d3-dep gaussian(median) / gaussian(median)',
    'n200-d1-indep laplace(median) / laplace(median)',
    'n200-d16-dep linear / linear',
    'n200-discrete-d1 gaussian(median) / gaussian(median)',
  ].map(hsicCase);

  it('blockSize 1, 7, 256 and n agree to rounding (each within its own derived tolerance)', () => {
    for (const c of cases) {
      const X = rows(c.X);
      const Y = rows(c.Y);
      const n = X.length;
      for (const blockSize of [1, 7, 256, n]) {
        const o = { ...kernelsOf(c), blockSize };
        expectHsic(hsic(X, Y, o), c, 'biased', blockSize);
        expectHsic(hsic(X, Y, { ...o, estimator: 'unbiased' }), c, 'unbiased', blockSize);
        // CKA's tolerance is derived for blockSize 256, the largest allowance of the four here.
        expectCka(cka(X, Y, o), c);
      }
      // One block holds everything once blockSize ≥ n: the very same sums.
      const o = kernelsOf(c);
      expect(hsic(X, Y, { ...o, blockSize: 1000 })).toBe(hsic(X, Y, { ...o, blockSize: n }));
    }
  });

  it('precomputedKernel with the Gram matrices gives the same HSIC and CKA', () => {
    for (const name of [
      'n30-d3-dep gaussian(median) / gaussian(median)',
      'n30-d1-dep poly(2,1,1) / poly(3,0.5,1)',
      'n30-d16-indep laplace(median) / laplace(median)',
    ]) {
      const c = hsicCase(name);
      const o = kernelsOf(c);
      const X = rows(c.X);
      const Y = rows(c.Y);
      const asRows = (x: number[][], k: Kernel) => {
        const g = prepareGram(x, k, 'X', { seed: 0, sampleSize: 1000 });
        const out = new Float64Array(g.n * g.n);
        g.block(0, g.n, 0, g.n, out);
        return Array.from({ length: g.n }, (_, i) =>
          Array.from(out.subarray(i * g.n, (i + 1) * g.n)),
        );
      };
      const KX = asRows(X, o.kernelX);
      const KY = asRows(Y, o.kernelY);
      const pre = precomputedKernel();
      for (const [a, b, opts] of [
        [KX, KY, { kernelX: pre, kernelY: pre }],
        [KX, Y, { kernelX: pre, kernelY: o.kernelY }],
        [X, KY, { kernelX: o.kernelX, kernelY: pre }],
      ] as const) {
        expectHsic(hsic(a, b, opts), c, 'biased');
        expectHsic(hsic(a, b, { ...opts, estimator: 'unbiased' }), c, 'unbiased');
        expectCka(cka(a, b, opts), c);
      }
    }
  });

  it('symmetric: swapping X with Y and kernelX with kernelY', () => {
    for (const c of [...cases, hsicCase('n30-d1-dep gaussian(median) / linear')]) {
      const { kernelX, kernelY } = kernelsOf(c);
      const X = rows(c.X);
      const Y = rows(c.Y);
      const swapped = { kernelX: kernelY, kernelY: kernelX };
      expectHsic(hsic(Y, X, swapped), c, 'biased');
      expectHsic(hsic(Y, X, { ...swapped, estimator: 'unbiased' }), c, 'unbiased');
      expectCka(cka(Y, X, swapped), c);
    }
  });

  it('invariant to permuting the rows of X and Y jointly', () => {
    for (const c of cases) {
      const perm = createRandom(5).permutation(rows(c.X).length);
      const X = permute(rows(c.X), perm);
      const Y = permute(rows(c.Y), perm);
      const o = kernelsOf(c);
      expectHsic(hsic(X, Y, o), c, 'biased');
      expectHsic(hsic(X, Y, { ...o, estimator: 'unbiased' }), c, 'unbiased');
      expectCka(cka(X, Y, o), c);
    }
  });

  it('permuting only Y destroys the dependence', () => {
    const c = hsicCase('n200-d3-dep gaussian(median) / gaussian(median)');
    const Y = permute(rows(c.Y), createRandom(9).permutation(200));
    expect(hsic(rows(c.X), Y)).toBeLessThan(c.biased / 5);
  });

  it('0 (to rounding) when one variable is constant; CKA exactly 0', () => {
    const X = rows('n30-d3-dep-x');
    const constant = X.map(() => [1.5, -2]);
    for (const kx of [gaussianKernel(), laplaceKernel({ bandwidth: 0.7 }), linearKernel()]) {
      for (const ky of [gaussianKernel(), linearKernel(), polynomialKernel()]) {
        for (const [a, b, o] of [
          [X, constant, { kernelX: kx, kernelY: ky }],
          [constant, X, { kernelX: ky, kernelY: kx }],
        ] as const) {
          // With L constant, tr(KHLH) = Σ K∘L − (2/n) r^K·r^L + (1ᵀK1)(1ᵀL1)/n² is 0 exactly
          // in the reals; in floating point it is the rounding of those terms (m = n² here: the
          // constant Gram repeats one value, so the worst-case bound of kernelFixture.ts).
          const n = a.length;
          const bound = n * n * U * termScaleOf(a, b, o.kernelX, o.kernelY);
          expectClose(hsic(a, b, o), 0, 0, bound);
          // The unbiased form's terms are the biased one's times at most
          // (n − 1)²/(n(n − 3))·n/(n − 2) < 1.3 (n = 30), so twice the bound covers them.
          expectClose(hsic(a, b, { ...o, estimator: 'unbiased' }), 0, 0, 2 * bound);
          expect(cka(a, b, o)).toBe(0);
        }
      }
    }
  });

  it('CKA: in [0, 1], 1 for X with itself, invariant to scaling a linear kernel’s data', () => {
    for (const c of cases) {
      const X = rows(c.X);
      const Y = rows(c.Y);
      const o = kernelsOf(c);
      const v = cka(X, Y, o);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expectClose(cka(X, X, { kernelX: o.kernelX, kernelY: o.kernelX }), 1, 1e-12, 0);
    }
    const c = hsicCase('n200-d16-dep linear / linear');
    const X = rows(c.X);
    const Y3 = rows(c.Y).map((r) => r.map((v) => 3 * v));
    expectCka(cka(X, Y3, kernelsOf(c)), c);
  });

  describe('extreme scales (regressions: NaN, 0, overflowing products)', () => {
    const c = hsicCase('n200-d3-dep linear / linear');
    const X = rows(c.X);
    const Y = rows(c.Y);
    const lin = { kernelX: linearKernel(), kernelY: linearKernel() };
    const times = (m: number[][], f: number) => m.map((r) => r.map((v) => v * f));

    it('linear kernels: HSIC(aX, bY) = a²b²·HSIC(X, Y) exactly for powers of two, CKA unchanged', () => {
      // Gram matrices of data beyond 2^±90 are computed on the data × 2^e and HSIC scaled back:
      // a power of two scales every product exactly, so the identities hold bit for bit wherever
      // the result is a normal double (here 2^(±400·2)·HSIC).
      const h = hsic(X, Y, lin);
      const k = cka(X, Y, lin);
      for (const [a, b] of [
        [2 ** 200, 2 ** 200],
        [2 ** -400, 2 ** -100],
        [2 ** 500, 2 ** -500],
      ] as const) {
        expect(hsic(times(X, a), times(Y, b), lin)).toBe(h * a * a * b * b);
        expect(cka(times(X, a), times(Y, b), lin)).toBe(k);
      }
      // Not powers of two (the data round): CKA to 1e-12, as for a scale of 3 above.
      expectClose(cka(times(X, 1e150), times(Y, 1e-150), lin), k, 1e-12, 0);
      expectClose(cka(times(X, 1e-200), times(Y, 1e-200), lin), k, 1e-12, 0);
    });

    it('linear kernels: NON_FINITE naming the overflow where HSIC itself is beyond the doubles', () => {
      const e = expectInfoboundError(
        () => hsic(times(X, 1e100), times(Y, 1e100), lin),
        'NON_FINITE',
        'rescale the data',
      );
      expect(e.message).toMatch(/HSIC is about 1e\d{3}/);
      // CKA is a ratio: finite at any scale.
      expectClose(cka(times(X, 1e150), times(Y, 1e150), lin), cka(X, Y, lin), 1e-12, 0);
    });

    it('polynomial kernels: scaled inside (scale·x·y + offset), CKA finite where K overflows', () => {
      const p = {
        kernelX: polynomialKernel({ degree: 3 }),
        kernelY: polynomialKernel({ degree: 3 }),
      };
      // At 1e-150 the offset 1 swallows x·y ~ 1e-300: K = 1 in doubles and HSIC = 0 (the true
      // value, ~9e-600·HSIC_linear, is not a double either).
      expect(hsic(times(X, 1e-150), times(Y, 1e-150), p)).toBe(0);
      // At 1e60 the values (x·y)³ ~ 1e360 are not doubles; CKA, a ratio, still is.
      const big = cka(times(X, 1e60), times(Y, 1e60), p);
      expect(big).toBeGreaterThanOrEqual(0);
      expect(big).toBeLessThanOrEqual(1);
      // Homogeneous there (the offset is lost): CKA of the cubic kernel without offset.
      const cubic = {
        kernelX: polynomialKernel({ degree: 3, offset: 0 }),
        kernelY: polynomialKernel({ degree: 3, offset: 0 }),
      };
      expectClose(big, cka(X, Y, cubic), 1e-12, 0);
      expectInfoboundError(() => hsic(times(X, 1e60), times(Y, 1e60), p), 'NON_FINITE', 'rescale');
    });

    it('Gaussian kernels: median bandwidth at 1e-155 and 1e300, fixed bandwidths far from 1', () => {
      const g = hsicCase('n200-d3-dep gaussian(median) / gaussian(median)');
      const GX = rows(g.X);
      const GY = rows(g.Y);
      const h = hsic(GX, GY);
      // σ² underflowed below ~1e-154 and the diagonal exp(−∞·0) was NaN; the data and σ now run
      // scaled by one power of two, which changes no kernel value beyond rounding.
      expectClose(hsic(times(GX, 1e-155), GY), h, 1e-12, 0);
      expectClose(hsic(times(GX, 1e-300), times(GY, 1e300)), h, 1e-12, 0);
      expect(hsic(times(GX, 2 ** -600), times(GY, 2 ** 600))).toBe(h);
      // A bandwidth far below the data's spacing: K = I (as for σ = 1e-6 here); far above: K = 1.
      const tiny = { kernelX: gaussianKernel({ bandwidth: 1e-200 }) };
      const small = { kernelX: gaussianKernel({ bandwidth: 1e-6 }) };
      expect(hsic(GX, GY, tiny)).toBe(hsic(GX, GY, small));
      expect(hsic(GX, GY, { kernelX: laplaceKernel({ bandwidth: 1e-310 }) })).toBe(
        hsic(GX, GY, small),
      );
      expect(hsic(GX, GY, { kernelX: gaussianKernel({ bandwidth: 1e300 }) })).toBe(0);
    });
  });

  describe('median bandwidth above medianSampleSize: a seeded subsample', () => {
    const c = hsicCase('n200-d3-dep gaussian(median) / gaussian(median)');
    const X = rows(c.X);
    const Y = rows(c.Y);

    it('reproducible bit for bit with the same seed', () => {
      const o = { medianSampleSize: 50, seed: 17 };
      expect(hsic(X, Y, o)).toBe(hsic(X, Y, o));
      expect(cka(X, Y, o)).toBe(cka(X, Y, o));
    });

    it('seed-dependent, and close to the exact-median value', () => {
      const values = [1, 2, 3, 4].map((seed) => hsic(X, Y, { medianSampleSize: 50, seed }));
      expect(new Set(values).size).toBe(4);
      for (const v of values) {
        expect(v).not.toBe(c.biased);
        // A median from 1225 of the 19900 distances moves σ by a few %, HSIC by about as much.
        expect(Math.abs(v / c.biased - 1)).toBeLessThan(0.2);
      }
    });

    it('with medianSampleSize ≥ n the seed plays no part', () => {
      const a = hsic(X, Y, { seed: 1 });
      expect(hsic(X, Y, { seed: 2 })).toBe(a);
      expect(hsic(X, Y, { seed: 2, medianSampleSize: 200 })).toBe(a);
      expectHsic(a, c, 'biased');
    });
  });
});

/** termScale of the biased HSIC of made-up samples (see kernelFixture.ts). */
function termScaleOf(X: number[][], Y: number[][], kx: Kernel, ky: Kernel): number {
  return errorScales(X, Y, kx, ky).termScale;
}

describe('properties (fast-check)', () => {
  // Samples: n ∈ [6, 16] rows of 1–3 coordinates in [−10, 10], half of them small integers so
  // that values and rows repeat (ties: where rounding is least forgiving). No src/testing
  // arbitrary generates sample matrices yet, so they are built here.
  const coord = fc.oneof(
    fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -3, max: 3 }),
  );
  const matrix = (n: number, d: number) =>
    fc.array(fc.array(coord, { minLength: d, maxLength: d }), { minLength: n, maxLength: n });
  const kernelArb = fc.constantFrom<Kernel>(
    gaussianKernel(),
    laplaceKernel(),
    gaussianKernel({ bandwidth: 2 }),
    linearKernel(),
  );
  const pair = fc
    .record({
      n: fc.integer({ min: 6, max: 16 }),
      dx: fc.integer({ min: 1, max: 3 }),
      dy: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ n, dx, dy }) =>
      fc.record({
        X: matrix(n, dx),
        Y: matrix(n, dy),
        kx: kernelArb,
        ky: kernelArb,
        perm: fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
      }),
    );
  const params = { seed: 20240613, numRuns: 100 };

  /**
   * Rounding allowance for made-up samples: the worst-case sum bound n²·u·termScale (they may
   * repeat rows) plus the Gram entries' ε·entryScale (large when points sit far from the mean
   * compared with σ: the ‖a‖² + ‖b‖² − 2a·b expansion then loses digits).
   */
  const roundingOf = (X: number[][], Y: number[][], kx: Kernel, ky: Kernel) => {
    const { termScale, entryScale } = errorScales(X, Y, kx, ky);
    return X.length * X.length * U * termScale + 2 * U * entryScale;
  };

  it('biased HSIC ≥ 0 (to rounding) and symmetric in (X, kernelX) ↔ (Y, kernelY)', () => {
    fc.assert(
      fc.property(pair, ({ X, Y, kx, ky }) => {
        const h = hsic(X, Y, { kernelX: kx, kernelY: ky });
        const r = roundingOf(X, Y, kx, ky);
        // tr(KHLH) = ⟨HKH, HLH⟩_F ≥ 0, the Frobenius product of two PSD matrices. Floor: the
        // brief's −1e-15, or the derived allowance where larger (big linear-kernel values).
        // Measured: the most negative value over 3000 runs was −3.9e-16.
        expect(h).toBeGreaterThanOrEqual(-Math.max(1e-15, r));
        const swapped = hsic(Y, X, { kernelX: ky, kernelY: kx });
        expectClose(swapped, h, 0, 2 * r);
      }),
      params,
    );
  });

  it('invariant to joint permutation of the rows', () => {
    fc.assert(
      fc.property(pair, ({ X, Y, kx, ky, perm }) => {
        const p = Int32Array.from(perm);
        const o = { kernelX: kx, kernelY: ky };
        const r = roundingOf(X, Y, kx, ky);
        expectClose(hsic(permute(X, p), permute(Y, p), o), hsic(X, Y, o), 0, 2 * r);
      }),
      params,
    );
  });
});

describe('errors', () => {
  const x = [0.1, 0.5, 0.2, 0.9, 0.4];

  it('n mismatch: SHAPE_MISMATCH naming both sizes', () => {
    expectInfoboundError(
      () => hsic(x, [1, 2, 3, 4]),
      'SHAPE_MISMATCH',
      'X has 5 samples but Y has 4',
    );
    expectInfoboundError(
      () => cka([[1], [2], [3]], x),
      'SHAPE_MISMATCH',
      'X has 3 samples but Y has 5',
    );
  });

  it('unbiased needs n ≥ 4, biased n ≥ 2: TOO_FEW_SAMPLES', () => {
    expectInfoboundError(
      () => hsic([1, 2, 3], [3, 1, 2], { estimator: 'unbiased' }),
      'TOO_FEW_SAMPLES',
      'at least 4',
    );
    expect(Number.isFinite(hsic([1, 2, 3, 4], [3, 1, 2, 5], { estimator: 'unbiased' }))).toBe(true);
    expectInfoboundError(() => hsic([1], [2]), 'TOO_FEW_SAMPLES', 'at least 2');
    expectInfoboundError(() => hsic([], []), 'TOO_FEW_SAMPLES');
  });

  it('bad estimator, blockSize, medianSampleSize, seed: INVALID_OPTION naming it', () => {
    expectInfoboundError(
      () => hsic(x, x, { estimator: 'debiased' as 'biased' }),
      'INVALID_OPTION',
      'estimator',
    );
    for (const blockSize of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectInfoboundError(() => hsic(x, x, { blockSize }), 'INVALID_OPTION', 'blockSize');
      expectInfoboundError(() => cka(x, x, { blockSize }), 'INVALID_OPTION', 'blockSize');
    }
    for (const medianSampleSize of [1, 0, 2.5, Number.NaN]) {
      expectInfoboundError(
        () => hsic(x, x, { medianSampleSize }),
        'INVALID_OPTION',
        'medianSampleSize',
      );
    }
    expectInfoboundError(() => hsic(x, x, { seed: 0.5 }), 'INVALID_OPTION', 'seed');
  });

  it('NaN or Infinity in samples: NON_FINITE naming the entry', () => {
    expectInfoboundError(() => hsic([0.1, Number.NaN, 0.3], [1, 2, 3]), 'NON_FINITE', 'X[1]');
    expectInfoboundError(
      () => cka([[1], [2], [3]], [[1], [2], [Number.POSITIVE_INFINITY]]),
      'NON_FINITE',
      'Y[2][0]',
    );
  });

  it('precomputed: non-square is SHAPE_MISMATCH; a custom kernel’s NaN is NON_FINITE', () => {
    const pre = precomputedKernel();
    expectInfoboundError(
      () =>
        hsic(
          [
            [1, 0.5],
            [0.5, 1],
            [0.2, 0.1],
          ],
          [1, 2, 3],
          { kernelX: pre },
        ),
      'SHAPE_MISMATCH',
      'X is 3 × 2',
    );
    const nan = customKernel((a, b) =>
      (a[0] as number) > 0.8 ? Number.NaN : (a[0] as number) * (b[0] as number),
    );
    expectInfoboundError(() => hsic(x, x, { kernelY: nan }), 'NON_FINITE', 'custom kernel');
    expectInfoboundError(() => cka(x, x, { kernelX: nan }), 'NON_FINITE', 'X rows');
  });
});
