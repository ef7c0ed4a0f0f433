import * as fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InfoboundError } from '../../src/core/errors.js';
import { knn } from '../../src/index.js';
import { selfKnn } from '../../src/knn/neighbors.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { entropy } = knn;
const SEARCHES = ['kd-tree', 'brute'] as const;

// ---------------------------------------------------------------------------------------------
// test/fixtures/knn/knn.json (see generate.py beside it)
// ---------------------------------------------------------------------------------------------

interface SampleSet {
  n: number;
  d: number;
  values: number[];
}
interface EntropyCase {
  name: string;
  X: string;
  k: number;
  expected: number;
}
const fixture = readFixture('knn/knn.json') as {
  samples: Record<string, SampleSet>;
  entropy: EntropyCase[];
};

/** A fixture sample set as rows. */
function rows(name: string): number[][] {
  const s = fixture.samples[name];
  if (s === undefined) throw new Error(`no samples ${name} in knn.json`);
  return Array.from({ length: s.n }, (_, i) => s.values.slice(i * s.d, (i + 1) * s.d));
}

const scaleRows = (x: number[][], a: number) => x.map((r) => r.map((v) => a * v));

/** 200 integer-valued 2-D samples in {0..4}²: heavy ties, many duplicate points. */
const tied = Array.from({ length: 200 }, (_, i) => [i % 5, (i * 7) % 5]);

describe('reference: SciPy cKDTree (test/fixtures/knn/generate.py)', () => {
  // Formula-exact on the same doubles: SciPy finds the same k-th neighbour; its distance may
  // differ in the last bit (its own summation order, pow(., 0.5)), the sums differ in order, and
  // digamma/gammaln in their last bits. Hence 1e-9 relative (STYLE.md), and an absolute floor of
  // 1e-14, a few ulps of the O(10) terms the estimate adds up, for values near 0.
  for (const c of fixture.entropy) {
    it(c.name, () => {
      const X = rows(c.X);
      const [tree, brute] = SEARCHES.map((search) => entropy(X, { k: c.k, jitter: 0, search }));
      // Both paths make the same comparisons on the same doubles: identical results.
      expect(tree).toBe(brute);
      expectClose(tree as number, c.expected, 1e-9, 1e-14);
    });
  }
});

describe('behaviour', () => {
  const X = rows('gauss-n300-d3');

  it("base 'bits' divides the nats value by ln 2", () => {
    expect(entropy(X, { base: 'bits' })).toBe(entropy(X) / Math.LN2);
    expect(entropy(X, { base: 'nats' })).toBe(entropy(X));
  });

  it('accepts number[][], a Matrix, Float64Array rows, and a 1-D array as one column', () => {
    const h = entropy(X, { k: 4 });
    expect(entropy(new Matrix(X), { k: 4 })).toBe(h);
    expect(
      entropy(
        X.map((r) => Float64Array.from(r)),
        { k: 4 },
      ),
    ).toBe(h);
    const x1 = rows('gauss-n300-d1');
    const h1 = entropy(x1);
    expect(entropy(x1.map((r) => r[0] as number))).toBe(h1);
    expect(entropy(Float64Array.from(x1, (r) => r[0] as number))).toBe(h1);
  });

  describe('jitter', () => {
    it('the default jitter makes tied, discrete-valued data finite', () => {
      for (const k of [1, 3, 10]) {
        const h = entropy(tied, { k });
        expect(Number.isFinite(h)).toBe(true);
      }
    });

    it('with jitter 0, a k-th neighbour at distance 0 (duplicates) throws DEGENERATE_SAMPLES', () => {
      expectInfoboundError(() => entropy(tied, { jitter: 0 }), 'DEGENERATE_SAMPLES', 'X[0]');
      // One duplicate pair: the 1st neighbour is at distance 0, the 2nd is not.
      const pair = [
        [0, 0],
        [1, 2],
        [0, 0],
        [3, 1],
        [2, 2],
      ];
      expectInfoboundError(() => entropy(pair, { k: 1, jitter: 0 }), 'DEGENERATE_SAMPLES');
      expect(Number.isFinite(entropy(pair, { k: 2, jitter: 0 }))).toBe(true);
    });

    it('a column constant up to the rounding of its mean gets the constant column’s jitter', () => {
      // 6 × 0.1 sums to 0.6000000000000001: the mean rounds, and the column's sd (~1e-17) was
      // used as the jitter's scale (1e-27), unlike [1, 1, …] (absolute, 1e-10). Now an sd within
      // n·ε·max|x| counts as 0, and both get max(1, |value|): the same estimate, up to the
      // rounding of the 1e-17 offset against the 1e-10 jitter (~1e-16/1e-10 relative per r_i).
      const ones = new Array(6).fill(1);
      const tenths = new Array(6).fill(0.1);
      expectClose(entropy(tenths, { k: 1 }), entropy(ones, { k: 1 }), 0, 1e-5);
      // At 1e150 the mean's rounding (~1e134) is the scale: the jitter is not rounded away.
      expect(Number.isFinite(entropy(new Array(6).fill(2.5e150), { k: 1 }))).toBe(true);
    });

    it('is reproducible bit for bit for a seed; the seed (default 0) changes the draws', () => {
      expect(entropy(tied, { seed: 3 })).toBe(entropy(tied, { seed: 3 }));
      expect(entropy(tied)).toBe(entropy(tied, { seed: 0 }));
      expect(entropy(tied, { seed: 3 })).not.toBe(entropy(tied, { seed: 4 }));
    });

    it('on continuous data moves the estimate by no more than its size implies', () => {
      // Jitter adds 1e-10·sd_j·z to coordinate j (z standard normal; |z| < 6 for these ≤ 2000
      // draws per call, from a fixed seed). When every point moves by at most ρ, a k-th neighbour
      // distance moves by at most 2ρ: r_i moves by at most δ = 2·√d·6e-10·max_j sd_j, log r_i by
      // at most δ / (r_i − δ), and the estimate by at most (d/n)·Σ of that.
      for (const [name, k] of [
        ['gauss-n300-d3', 3],
        ['gauss-n2000-d1', 1],
        ['gauss-n50-d20', 5],
      ] as const) {
        const x = rows(name);
        const n = x.length;
        const d = (x[0] as number[]).length;
        let maxSd = 0;
        for (let j = 0; j < d; j++) {
          const col = x.map((r) => r[j] as number);
          const mean = col.reduce((a, b) => a + b, 0) / n;
          maxSd = Math.max(maxSd, Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / n));
        }
        const delta = 2 * Math.sqrt(d) * 6e-10 * maxSd;
        const { kth } = selfKnn(Float64Array.from(x.flat()), n, d, k, 'euclidean', 'brute');
        let bound = 0;
        for (const r of kth) bound += delta / (r - delta);
        bound *= d / n;
        const h0 = entropy(x, { k, jitter: 0 });
        expect(Math.abs(entropy(x, { k }) - h0)).toBeLessThanOrEqual(bound);
      }
    });
  });

  describe('scaling: ĥ(aX) = ĥ(X) + d·log|a|', () => {
    // With jitter 0 the distances scale by |a| up to one rounding each (exactly for powers of two),
    // so log r_i gains log|a| up to a few ulps. 1e-12 relative to the magnitudes added,
    // |ĥ(X)| + d·|log|a||, covers that with room (STYLE.md: closed-form identities at 1e-12).
    for (const name of ['gauss-n300-d3', 'gauss-n50-d20', 'uniform-n300-d2', 'gauss-n2000-d1']) {
      it(name, () => {
        const x = rows(name);
        const d = (x[0] as number[]).length;
        const h = entropy(x, { jitter: 0 });
        for (const a of [2, 0.5, 1.7, -3, 1e3, 1e-3]) {
          const shift = d * Math.log(Math.abs(a));
          const got = entropy(scaleRows(x, a), { jitter: 0 });
          expectClose(got, h + shift, 0, 1e-12 * (Math.abs(h) + Math.abs(shift)));
        }
      });
    }
  });

  describe('extreme magnitudes run rescaled by a power of two (regression: DEGENERATE_SAMPLES)', () => {
    // Below max|x| = 2^-400 the default jitter's squared size underflowed and tied data threw
    // DEGENERATE_SAMPLES; near the top of the range squared distances overflow. Such data runs as
    // X·2^e and gets −d·e·log 2 back. A power of two scales every distance exactly, so the
    // identity holds to the rounding of the added d·e·log 2 (1e-12 relative, as above).
    const ties = [0, 0, 1, 1, 2, 2];
    it('tied 1-D data at 2^-500, 2^600 and 1e-150: finite, ĥ(aX) = ĥ(X) + log a', () => {
      const h = entropy(ties, { k: 1 });
      for (const e of [-500, -1000, 600]) {
        const got = entropy(
          ties.map((v) => v * 2 ** e),
          { k: 1 },
        );
        expectClose(got, h + e * Math.LN2, 0, 1e-12 * (Math.abs(h) + Math.abs(e)));
      }
      // Not a power of two: the data round at ε, which moves the 1e-10 jitter's tie-breaking
      // distances by ~1e-6 of themselves.
      expectClose(
        entropy(scaleRows([[0], [0], [1], [1], [2], [2]], 1e-150), { k: 1 }),
        h + Math.log(1e-150),
        0,
        1e-5,
      );
    });

    it('continuous data in 3-D at 2^-700 with jitter 0: ĥ(X) − 3·700·log 2', () => {
      const x = rows('gauss-n300-d3');
      const h = entropy(x, { jitter: 0 });
      const got = entropy(scaleRows(x, 2 ** -700), { jitter: 0 });
      const shift = -3 * 700 * Math.LN2;
      expectClose(got, h + shift, 0, 1e-12 * (Math.abs(h) + Math.abs(shift)));
    });

    it('ordinary magnitudes (here 2^-300) run as given, where powers of two are exact anyway', () => {
      // 2^-400 ≤ max|x| < ~2^500 is not rescaled: the identity holds on its own.
      const x = rows('gauss-n300-d3');
      const h = entropy(x, { jitter: 0 });
      const got = entropy(scaleRows(x, 2 ** -300), { jitter: 0 });
      expectClose(got, h - 3 * 300 * Math.LN2, 0, 1e-12 * (Math.abs(h) + 900));
    });
  });

  it('is invariant to permuting the samples (jitter 0)', () => {
    // jitter: 0 because the jitter is drawn row by row: a permutation hands each point another
    // draw, which moves the estimate at the 1e-10 level. Without it every r_i is the same double,
    // and only the order of the compensated sum Σ log r_i changes: a few ulps of the O(10) terms.
    const x = rows('gauss-n300-d2');
    const perm = Array.from({ length: x.length }, (_, i) => (i * 127 + 31) % x.length);
    expect(new Set(perm).size).toBe(x.length);
    for (const k of [1, 5]) {
      const h = entropy(x, { k, jitter: 0 });
      expectClose(
        entropy(
          perm.map((i) => x[i] as number[]),
          { k, jitter: 0 },
        ),
        h,
        1e-12,
        1e-14,
      );
    }
  });
});

describe('errors', () => {
  const X = rows('gauss-n50-d2');

  it('k ≥ n: TOO_FEW_SAMPLES (and fewer than 2 samples)', () => {
    expectInfoboundError(() => entropy(X, { k: 50 }), 'TOO_FEW_SAMPLES', 'k is 50');
    expectInfoboundError(() => entropy(X, { k: 51 }), 'TOO_FEW_SAMPLES');
    expect(Number.isFinite(entropy(X, { k: 49 }))).toBe(true);
    expectInfoboundError(() => entropy([[1, 2]], { k: 1 }), 'TOO_FEW_SAMPLES');
  });

  it('k not an integer ≥ 1: INVALID_OPTION', () => {
    for (const k of [0, 1.5, -1, Number.NaN]) {
      expectInfoboundError(() => entropy(X, { k }), 'INVALID_OPTION', 'k is');
    }
    expectInfoboundError(() => entropy(X, { k: '3' as unknown as number }), 'INVALID_OPTION');
  });

  it('NaN or ±Infinity in X: NON_FINITE, naming the entry', () => {
    const bad = X.map((r) => [...r]);
    (bad[7] as number[])[1] = Number.NaN;
    expectInfoboundError(() => entropy(bad), 'NON_FINITE', 'X[7][1]');
    (bad[7] as number[])[1] = Number.POSITIVE_INFINITY;
    expectInfoboundError(() => entropy(bad), 'NON_FINITE', 'X[7][1]');
  });

  it('unknown search, negative or non-finite jitter, bad seed or base: INVALID_OPTION', () => {
    const opt = (o: object) => () => entropy(X, o as Parameters<typeof entropy>[1]);
    expectInfoboundError(opt({ search: 'octree' }), 'INVALID_OPTION', 'search');
    expectInfoboundError(opt({ jitter: -1e-10 }), 'INVALID_OPTION', 'jitter');
    expectInfoboundError(opt({ jitter: Number.POSITIVE_INFINITY }), 'INVALID_OPTION', 'jitter');
    expectInfoboundError(opt({ seed: 0.5 }), 'INVALID_OPTION', 'seed');
    expectInfoboundError(opt({ base: 1 }), 'INVALID_OPTION', 'base');
  });

  it('ragged rows: SHAPE_MISMATCH', () => {
    expectInfoboundError(() => entropy([[1, 2], [3], [4, 5]]), 'SHAPE_MISMATCH', 'X[1]');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. src/testing has no sample-set arbitraries yet, so these are built here.
// ---------------------------------------------------------------------------------------------

/** Coordinates mixing small integers (ties, duplicates) with arbitrary doubles in [−100, 100]
 *  (fast-check's edge values included: ±0, subnormals, the bounds). */
const coordinate = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -100, max: 100, noNaN: true }),
);

/** n × d samples (2 ≤ n ≤ 60, so the k-d tree has several leaves), a permutation, and k < n. */
const samplesWithPermutation = fc
  .record({ n: fc.integer({ min: 2, max: 60 }), d: fc.integer({ min: 1, max: 3 }) })
  .chain(({ n, d }) =>
    fc.record({
      x: fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), {
        minLength: n,
        maxLength: n,
      }),
      perm: fc.shuffledSubarray(
        Array.from({ length: n }, (_, i) => i),
        { minLength: n, maxLength: n },
      ),
      k: fc.integer({ min: 1, max: Math.min(5, n - 1) }),
    }),
  );

/** The value, or the error code it throws. */
function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof InfoboundError) return e.code;
    throw e;
  }
}

describe('properties', () => {
  it('joint permutation invariance (jitter 0): equal up to the order of Σ log r_i', () => {
    fc.assert(
      fc.property(samplesWithPermutation, ({ x, perm, k }) => {
        const d = (x[0] as number[]).length;
        const a = outcome(() => entropy(x, { k, jitter: 0 }));
        const b = outcome(() =>
          entropy(
            perm.map((i) => x[i] as number[]),
            { k, jitter: 0 },
          ),
        );
        if (typeof a === 'string' || typeof b === 'string') return a === b;
        // The r_i are the same doubles in both orders; a compensated sum is within 2ε|Σ| of the
        // exact one in any order, and |log r| ≤ 745 for any positive double: |Δ| ≤ 4ε·d·745, plus
        // the rounding of the final additions.
        return Math.abs(a - b) <= 16 * Number.EPSILON * (10 + 745 * d);
      }),
      { seed: 20240612, numRuns: 100 },
    );
  });

  it("search 'kd-tree' and 'brute' give identical results (or the same error)", () => {
    fc.assert(
      fc.property(samplesWithPermutation, ({ x, k }) => {
        for (const jitter of [0, 1e-10]) {
          const a = outcome(() => entropy(x, { k, jitter, search: 'kd-tree' }));
          const b = outcome(() => entropy(x, { k, jitter, search: 'brute' }));
          if (!Object.is(a, b)) return false;
        }
        return true;
      }),
      { seed: 20240613, numRuns: 100 },
    );
  });
});
