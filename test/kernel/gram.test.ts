import { describe, expect, it } from 'vitest';
import type { Samples } from '../../src/core/input.js';
import { createRandom } from '../../src/core/random.js';
import { medianDistance, prepareGram } from '../../src/kernel/gram.js';
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
import { fixture, REL, rows, samples, toKernel, U } from './kernelFixture.js';

const MEDIAN = { seed: 0, sampleSize: 1000 };

/** The full n × n Gram matrix of a bound kernel. */
function fullGram(x: unknown, k: Kernel, median = MEDIAN): Float64Array {
  const g = prepareGram(x, k, 'X', median);
  const out = new Float64Array(g.n * g.n);
  g.block(0, g.n, 0, g.n, out);
  return out;
}

/**
 * Median tolerance: each distance √(Σ_k (a_k − b_k)²) is rounded by at most (d + 4)·u relative
 * (d subtractions-and-squares and d − 1 additions under the square root, which halves them; the
 * root itself), and NumPy's even-count mean of the two middle values adds u. A different order of
 * two distances closer than that only picks a value within the same bound. The reference is exact
 * to ~1e-19 (long double), so (d + 5)·u.
 */
const medianTol = (d: number) => (d + 5) * U;

describe('reference: median heuristic (test/fixtures/kernel/generate.py, numpy.median)', () => {
  for (const c of fixture.median) {
    it(c.name, () => {
      const s = samples(c.X);
      expectClose(medianDistance(s, MEDIAN), c.expected, medianTol(s.d), 0);
    });
  }

  it('covers the zero-median fallback, the all-equal fallback and both parities', () => {
    // Guard the fixture itself: the cases above must exercise every branch of the heuristic.
    const fractionZero = (name: string) => {
      const s = samples(name);
      let zero = 0;
      let pairs = 0;
      for (let i = 0; i < s.n; i++) {
        for (let j = i + 1; j < s.n; j++) {
          pairs++;
          let same = true;
          for (let k = 0; k < s.d; k++) same &&= s.data[i * s.d + k] === s.data[j * s.d + k];
          if (same) zero++;
        }
      }
      return zero / pairs;
    };
    const discrete = fixture.median.filter((c) => fractionZero(c.X) > 0.5);
    expect(discrete.length).toBeGreaterThanOrEqual(5);
    for (const c of discrete) expect(c.expected).toBeGreaterThan(0);
    expect(fixture.median.find((c) => c.X === 'n30-const-y')?.expected).toBe(1);
    const ns = new Set(fixture.median.map((c) => samples(c.X).n));
    for (const n of [6, 30, 200, 700]) expect(ns.has(n)).toBe(true); // 15, 435 (odd), 19900, 244650 (even) pairs
  });
});

describe('reference: Gram matrices (test/fixtures/kernel/generate.py)', () => {
  // Tolerance per entry: 1e-12 relative, plus the entry's own first-order rounding bound from the
  // fixture (ε·(d + 4)·(‖a‖² + ‖b‖²)/(2σ²)-type terms; see kernelFixture.ts). The bound is what
  // matters for linear and polynomial entries near 0, where a d-term dot product has no relative
  // accuracy; for Gaussian and Laplace entries it is ~1e-14 relative.
  for (const c of fixture.gram) {
    it(c.name, () => {
      const s = samples(c.X);
      const g = prepareGram(rows(c.X), toKernel(c.kernel), 'X', MEDIAN);
      expect(g.n).toBe(s.n);
      if (c.bandwidth !== undefined) {
        expectClose(g.bandwidth as number, c.bandwidth, medianTol(s.d), 0);
      }
      const out = new Float64Array(s.n * s.n);
      g.block(0, s.n, 0, s.n, out);
      for (let t = 0; t < out.length; t++) {
        const ref = c.values[t] as number;
        const bound = c.bound[t] as number;
        expectClose(out[t] as number, ref, REL, bound);
        // The error model itself: the entry is within its first-order bound (to its 3 digits).
        const err = Math.abs((out[t] as number) - ref);
        expect(err).toBeLessThanOrEqual(bound * 1.01 + 2 * U * Math.abs(ref));
      }
    });
  }
  it('the fixture covers every kernel type and both bandwidth kinds', () => {
    const kinds = new Set(
      fixture.gram.map((c) =>
        'bandwidth' in c.kernel ? `${c.kernel.type}/${typeof c.kernel.bandwidth}` : c.kernel.type,
      ),
    );
    for (const k of [
      'gaussian/string',
      'gaussian/number',
      'laplace/string',
      'laplace/number',
      'linear',
      'polynomial',
    ]) {
      expect(kinds.has(k), k).toBe(true);
    }
  });
});

describe('blocks', () => {
  const X = rows('n30-d3-dep-x');
  const kernels: Kernel[] = [
    gaussianKernel(),
    laplaceKernel({ bandwidth: 1.3 }),
    linearKernel(),
    polynomialKernel({ degree: 3 }),
    customKernel((a, b) => Math.cos((a[0] as number) - (b[0] as number))),
  ];

  it('any block equals the same entries of the full matrix, bit for bit', () => {
    // Each entry is computed by the same arithmetic whatever block it falls in (the register
    // tile only changes which entries are computed together, not the order of any entry's sum).
    for (const k of kernels) {
      const full = fullGram(X, k);
      const g = prepareGram(X, k, 'X', MEDIAN);
      for (const [i0, i1, j0, j1] of [
        [0, 7, 0, 7],
        [3, 10, 17, 30],
        [29, 30, 0, 30],
        [5, 6, 5, 6],
        [8, 21, 2, 13],
      ] as const) {
        const out = new Float64Array((i1 - i0) * (j1 - j0));
        g.block(i0, i1, j0, j1, out);
        for (let i = i0; i < i1; i++) {
          for (let j = j0; j < j1; j++) {
            expect(out[(i - i0) * (j1 - j0) + (j - j0)]).toBe(full[i * 30 + j]);
          }
        }
      }
    }
  });

  it('symmetric with a unit diagonal for Gaussian and Laplace kernels', () => {
    for (const k of [gaussianKernel(), laplaceKernel()]) {
      const full = fullGram(X, k);
      for (let i = 0; i < 30; i++) {
        expect(full[i * 31]).toBe(1);
        for (let j = 0; j < i; j++) expect(full[i * 30 + j]).toBe(full[j * 30 + i]);
      }
    }
  });

  it('permuted(perm) is the Gram matrix of the reordered rows, with the bandwidth kept', () => {
    const perm = createRandom(7).permutation(30);
    for (const k of kernels) {
      const g = prepareGram(X, k, 'X', MEDIAN);
      const gp = g.permuted(perm);
      expect(gp.bandwidth).toBe(g.bandwidth);
      const full = fullGram(X, k);
      const out = new Float64Array(900);
      gp.block(0, 30, 0, 30, out);
      const Xp = Array.from(perm, (p) => X[p] as number[]);
      const direct = fullGram(
        Xp,
        k.type === 'gaussian' ? gaussianKernel({ bandwidth: g.bandwidth as number }) : k,
      );
      for (let i = 0; i < 30; i++) {
        for (let j = 0; j < 30; j++) {
          const ref = full[(perm[i] as number) * 30 + (perm[j] as number)] as number;
          // Centring uses the mean of the reordered rows, summed in another order: Gaussian
          // entries may move by a few ulps (entry bound: ε·(d + 4)·(‖a‖² + ‖b‖²)/(2σ²) ≲ 1e-13).
          expectClose(out[i * 30 + j] as number, ref, 1e-13, 0);
          expect(out[i * 30 + j]).toBe(direct[i * 30 + j]);
        }
      }
      // Permuting twice composes.
      const twice = gp.permuted(perm);
      const out2 = new Float64Array(900);
      twice.block(0, 30, 0, 30, out2);
      const pp = Array.from(perm, (p) => perm[p] as number);
      for (let i = 0; i < 30; i++) {
        for (let j = 0; j < 30; j++) {
          expectClose(
            out2[i * 30 + j] as number,
            full[(pp[i] as number) * 30 + (pp[j] as number)] as number,
            1e-13,
            0,
          );
        }
      }
    }
  });

  it('a precomputed Gram matrix is served as given, also permuted', () => {
    const full = fullGram(X, gaussianKernel());
    const asRows = Array.from({ length: 30 }, (_, i) =>
      Array.from(full.subarray(i * 30, i * 30 + 30)),
    );
    const g = prepareGram(asRows, precomputedKernel(), 'X', MEDIAN);
    const out = new Float64Array(900);
    g.block(0, 30, 0, 30, out);
    expect(out).toEqual(full);
    const perm = createRandom(3).permutation(30);
    const gp = g.permuted(perm);
    gp.block(0, 30, 0, 30, out);
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 30; j++) {
        expect(out[i * 30 + j]).toBe(full[(perm[i] as number) * 30 + (perm[j] as number)]);
      }
    }
    const sub = new Float64Array(4 * 5);
    gp.permuted(perm).block(2, 6, 10, 15, sub);
    for (let i = 2; i < 6; i++) {
      for (let j = 10; j < 15; j++) {
        const pi = perm[perm[i] as number] as number;
        const pj = perm[perm[j] as number] as number;
        expect(sub[(i - 2) * 5 + (j - 10)]).toBe(full[pi * 30 + pj]);
      }
    }
  });
});

describe('median heuristic: behaviour', () => {
  const s = (values: number[], d = 1): Samples => ({
    data: Float64Array.from(values),
    n: values.length / d,
    d,
  });

  it('odd count: the middle distance; even count: the mean of the two middle ones', () => {
    // 3 points: distances 1, 3, 4 → 3. 4 points on a line 0, 1, 3, 7: distances 1, 2, 3, 4, 6, 7 → 3.5.
    expect(medianDistance(s([0, 1, 4]), MEDIAN)).toBe(3);
    expect(medianDistance(s([0, 1, 3, 7]), MEDIAN)).toBe(3.5);
    // In 2-D: a 3-4-5 triangle.
    expect(medianDistance(s([0, 0, 3, 0, 0, 4], 2), MEDIAN)).toBe(4);
  });

  it('more than half the pairs at distance 0: the median of the non-zero distances', () => {
    // 0,0,0,0,2,5: 6 of the 15 pairs are 0 — not a majority, median (8th) = 2.
    expect(medianDistance(s([0, 0, 0, 0, 2, 5]), MEDIAN)).toBe(2);
    // 0,0,0,0,0,2,5: 10 of 21 are 0 — the 11th distance is 2 > 0.
    expect(medianDistance(s([0, 0, 0, 0, 0, 2, 5]), MEDIAN)).toBe(2);
    // 0 ×6, 2, 5: 15 of 28 are 0, median 0 → non-zero distances 2 ×6, 5 ×6, 3 → median 3.
    expect(medianDistance(s([0, 0, 0, 0, 0, 0, 2, 5]), MEDIAN)).toBe(3);
  });

  it('every point equal, or a single point: σ = 1', () => {
    expect(medianDistance(s([2.5, 2.5, 2.5, 2.5]), MEDIAN)).toBe(1);
    expect(medianDistance(s([7]), MEDIAN)).toBe(1);
    expect(prepareGram([3, 3, 3], gaussianKernel(), 'X', MEDIAN).bandwidth).toBe(1);
    expect(prepareGram([3, 3, 3], laplaceKernel(), 'X', MEDIAN).bandwidth).toBe(1);
  });

  it('extreme scales: the squares are taken of scaled differences (regression: 0 and Infinity)', () => {
    // Differences of ~1e-160 squared to subnormals (few bits) or 0, of ~1e160 to Infinity. Data
    // beyond 2^±400 have their differences scaled by a power of two, exactly.
    const base = [0, 1, 3, 7];
    for (const f of [2 ** -600, 2 ** -1000, 2 ** 700]) {
      expect(medianDistance(s(base.map((v) => v * f)), MEDIAN)).toBe(3.5 * f);
    }
    expect(medianDistance(s(base.map((v) => v * 1e-160)), MEDIAN)).toBe(3.5e-160);
    expect(medianDistance(s(base.map((v) => v * 1e300)), MEDIAN)).toBe(3.5e300);
    // The all-equal fallback stays σ = 1 whatever the magnitude.
    expect(medianDistance(s([1e-300, 1e-300]), MEDIAN)).toBe(1);
  });

  it('extreme Gram values are scaled by a power of two (Gram.exponent), ordinary ones are not', () => {
    const x = [
      [1, 2],
      [3, -1],
      [0.5, 4],
    ];
    const at = (f: number) => x.map((r) => r.map((v) => v * f));
    const linear = prepareGram(x, linearKernel(), 'X', MEDIAN);
    expect(linear.exponent).toBe(0);
    const full = fullGram(x, linearKernel());
    // Data × 2^300: max |x| = 2^302 is brought to [1, 2) (× 2^-302), so K·2^600 is held as K·2^-4.
    const big = prepareGram(at(2 ** 300), linearKernel(), 'X', MEDIAN);
    expect(big.exponent).toBe(-604);
    const out = new Float64Array(9);
    big.block(0, 3, 0, 3, out);
    for (let t = 0; t < 9; t++) expect(out[t]).toBe((full[t] as number) * 2 ** -4);
    // Polynomial: (x·y + 1)³ near 1 after the scaling, whatever the data's size.
    const poly = prepareGram(at(1e100), polynomialKernel({ degree: 3 }), 'X', MEDIAN);
    expect(poly.exponent).toBeLessThan(-1000);
    poly.block(0, 3, 0, 3, out);
    for (const v of out) expect(Math.abs(v)).toBeLessThan(8);
    // Precomputed: scaled when its largest |entry| is outside [2^-200, 2^200).
    const g = [
      [2 ** 300, 2 ** 299],
      [2 ** 299, 2 ** 300],
    ];
    const pre = prepareGram(g, precomputedKernel(), 'X', MEDIAN);
    expect(pre.exponent).toBe(-300);
    pre.block(0, 2, 0, 2, out);
    expect(Array.from(out.subarray(0, 4))).toEqual([1, 0.5, 0.5, 1]);
    expect(
      prepareGram(
        [
          [2, 1],
          [1, 2],
        ],
        precomputedKernel(),
        'X',
        MEDIAN,
      ).exponent,
    ).toBe(0);
  });

  it('a fixed bandwidth is used as given', () => {
    expect(prepareGram([0, 1, 5], gaussianKernel({ bandwidth: 0.25 }), 'X', MEDIAN).bandwidth).toBe(
      0.25,
    );
  });

  describe('above sampleSize: a seeded subsample', () => {
    const big = samples('n200-d3-dep-x');
    const sub = { sampleSize: 40 };

    it('reproducible: the same seed gives the same bandwidth, bit for bit', () => {
      expect(medianDistance(big, { seed: 11, ...sub })).toBe(
        medianDistance(big, { seed: 11, ...sub }),
      );
    });

    it('seed-dependent, and different from the full median', () => {
      const values = new Set([1, 2, 3, 4, 5].map((seed) => medianDistance(big, { seed, ...sub })));
      expect(values.size).toBe(5);
      const full = medianDistance(big, { seed: 0, sampleSize: 1000 });
      expect(values.has(full)).toBe(false);
      // A median of 780 of the 19900 distances: near the full one (±15% here), not far off.
      for (const v of values) expect(Math.abs(v / full - 1)).toBeLessThan(0.15);
    });

    it('is the median over the first sampleSize points of the seed’s permutation', () => {
      // White-box: pins the documented "seeded subsample" to createRandom(seed).permutation(n).
      const idx = createRandom(11).permutation(big.n).slice(0, 40);
      const data = new Float64Array(40 * big.d);
      for (let a = 0; a < 40; a++) {
        const r = idx[a] as number;
        data.set(big.data.subarray(r * big.d, (r + 1) * big.d), a * big.d);
      }
      expect(medianDistance(big, { seed: 11, ...sub })).toBe(
        medianDistance({ data, n: 40, d: big.d }, { seed: 0, sampleSize: 40 }),
      );
    });

    it('at or below sampleSize the seed plays no part', () => {
      const a = medianDistance(big, { seed: 1, sampleSize: 200 });
      expect(medianDistance(big, { seed: 99, sampleSize: 200 })).toBe(a);
      expect(medianDistance(big, { seed: 99, sampleSize: 5000 })).toBe(a);
    });
  });
});

describe('errors', () => {
  it('precomputed: a non-square matrix is SHAPE_MISMATCH naming the argument', () => {
    const m = [
      [1, 0.5, 0.2, 0.1],
      [0.5, 1, 0.3, 0.2],
      [0.2, 0.3, 1, 0.4],
    ];
    expectInfoboundError(
      () => prepareGram(m, precomputedKernel(), 'Y', MEDIAN),
      'SHAPE_MISMATCH',
      'Y is 3 × 4',
    );
  });

  it('precomputed: an asymmetric matrix is rejected, naming the entry', () => {
    const m = [
      [1, 0.5, 0.2],
      [0.5, 1, 0.3],
      [0.2, 0.31, 1],
    ];
    // (The message calls it "a covariance"; the code NOT_POSITIVE_DEFINITE is linalg's.)
    expectInfoboundError(
      () => prepareGram(m, precomputedKernel(), 'X', MEDIAN),
      'NOT_POSITIVE_DEFINITE',
      'X[1][2]',
    );
  });

  it('a custom kernel returning NaN or Infinity: NON_FINITE naming the rows', () => {
    const g = prepareGram(
      [0, 1, 2, 3],
      customKernel((a, b) => ((a[0] as number) === 2 && (b[0] as number) === 3 ? Number.NaN : 1)),
      'X',
      MEDIAN,
    );
    const out = new Float64Array(16);
    expectInfoboundError(() => g.block(0, 4, 0, 4, out), 'NON_FINITE', 'X rows 2 and 3');
    const h = prepareGram(
      [0, 1],
      customKernel(() => Number.POSITIVE_INFINITY),
      'Y',
      MEDIAN,
    );
    expectInfoboundError(() => h.block(0, 2, 0, 2, new Float64Array(4)), 'NON_FINITE', 'Y rows 0');
  });

  it('NaN or Infinity in samples: NON_FINITE naming the entry', () => {
    expectInfoboundError(
      () =>
        prepareGram(
          [
            [0, 1],
            [2, Number.NaN],
          ],
          gaussianKernel(),
          'X',
          MEDIAN,
        ),
      'NON_FINITE',
      'X[1][1]',
    );
    expectInfoboundError(
      () => prepareGram([0, Number.NEGATIVE_INFINITY], linearKernel(), 'Y', MEDIAN),
      'NON_FINITE',
      'Y[1]',
    );
  });
});
