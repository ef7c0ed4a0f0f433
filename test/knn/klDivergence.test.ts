import * as fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InfoboundError } from '../../src/core/errors.js';
import { knn } from '../../src/index.js';
import { crossKnn, selfKnn } from '../../src/knn/neighbors.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { klDivergence } = knn;
const SEARCHES = ['kd-tree', 'brute'] as const;
type Options = NonNullable<Parameters<typeof klDivergence>[2]>;

// ---------------------------------------------------------------------------------------------
// test/fixtures/knn/knn.json (see generate.py beside it)
// ---------------------------------------------------------------------------------------------

interface SampleSet {
  n: number;
  d: number;
  values: number[];
}
interface KlCase {
  name: string;
  X: string;
  Y: string;
  k: number;
  expected: number;
}
const fixture = readFixture('knn/knn.json') as {
  samples: Record<string, SampleSet>;
  klDivergence: KlCase[];
};

/** A fixture sample set as rows. */
function rows(name: string): number[][] {
  const s = fixture.samples[name];
  if (s === undefined) throw new Error(`no samples ${name} in knn.json`);
  return Array.from({ length: s.n }, (_, i) => s.values.slice(i * s.d, (i + 1) * s.d));
}

const scaleRows = (x: number[][], a: number) => x.map((r) => r.map((v) => a * v));

function maxColumnSd(x: number[][]): number {
  const n = x.length;
  let out = 0;
  for (let j = 0; j < (x[0] as number[]).length; j++) {
    const col = x.map((r) => r[j] as number);
    const mean = col.reduce((a, b) => a + b, 0) / n;
    out = Math.max(out, Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / n));
  }
  return out;
}

/** Integer-valued 1-D samples: many duplicates within X and between X and Y. */
const xInt = Array.from({ length: 150 }, (_, i) => i % 6);
const yInt = Array.from({ length: 120 }, (_, i) => (i * 5) % 8);

describe('reference: SciPy cKDTree (test/fixtures/knn/generate.py)', () => {
  // Formula-exact: SciPy finds the same neighbours; its Euclidean distances may differ in the last
  // bit and its sum runs in another order: 1e-9 relative (STYLE.md), absolute floor 1e-14 (a few
  // ulps of the O(1) terms) for estimates near 0.
  for (const c of fixture.klDivergence) {
    it(c.name, () => {
      const [x, y] = [rows(c.X), rows(c.Y)];
      const [tree, brute] = SEARCHES.map((search) =>
        klDivergence(x, y, { k: c.k, jitter: 0, search }),
      );
      expect(tree).toBe(brute);
      expectClose(tree as number, c.expected, 1e-9, 1e-14);
    });
  }
});

describe('behaviour', () => {
  const X = rows('gauss-n300-d2');
  const Y = rows('q-gauss-m360-d2');

  it("base 'bits' divides the nats value by ln 2", () => {
    expect(klDivergence(X, Y, { base: 'bits' })).toBe(klDivergence(X, Y) / Math.LN2);
  });

  it('accepts number[][], a Matrix, Float64Array rows, and 1-D arrays as one column', () => {
    const v = klDivergence(X, Y);
    expect(klDivergence(new Matrix(X), new Matrix(Y))).toBe(v);
    expect(
      klDivergence(
        X.map((r) => Float64Array.from(r)),
        Y,
      ),
    ).toBe(v);
    const x1 = rows('gauss-n300-d1');
    const y1 = rows('q-gauss-m360-d1');
    const v1 = klDivergence(x1, y1);
    expect(
      klDivergence(
        x1.map((r) => r[0] as number),
        Float64Array.from(y1, (r) => r[0] as number),
      ),
    ).toBe(v1);
  });

  it('k may go up to m (the size of Y) as long as k < n', () => {
    const y40 = rows('q-gauss-m40-d2-small');
    expect(Number.isFinite(klDivergence(X, y40, { k: 40 }))).toBe(true);
    expectInfoboundError(() => klDivergence(X, y40, { k: 41 }), 'TOO_FEW_SAMPLES');
  });

  describe('jitter', () => {
    it('the default jitter makes integer-valued samples finite', () => {
      for (const k of [1, 3, 10]) {
        expect(Number.isFinite(klDivergence(xInt, yInt, { k }))).toBe(true);
      }
    });

    it('with jitter 0, a zero neighbour distance in X or in Y throws DEGENERATE_SAMPLES', () => {
      expectInfoboundError(
        () => klDivergence(xInt, [0.5, 1.5, 2.5, 3.5], { jitter: 0, k: 1 }),
        'DEGENERATE_SAMPLES',
        'neighbour in X',
      );
      // X distinct, but x_0 = 1 is also a point of Y: its 1st neighbour in Y is at distance 0.
      const x = [1, 2.5, 4, 7.25];
      expectInfoboundError(
        () => klDivergence(x, [1, 3, 5], { jitter: 0, k: 1 }),
        'DEGENERATE_SAMPLES',
        'neighbour in Y',
      );
      expect(Number.isFinite(klDivergence(x, [1, 3, 5], { jitter: 0, k: 2 }))).toBe(true);
    });

    it('is reproducible bit for bit for a seed; the seed changes the draws', () => {
      const a = klDivergence(xInt, yInt, { seed: 21 });
      expect(klDivergence(xInt, yInt, { seed: 21 })).toBe(a);
      expect(klDivergence(xInt, yInt)).toBe(klDivergence(xInt, yInt, { seed: 0 }));
      expect(klDivergence(xInt, yInt, { seed: 22 })).not.toBe(a);
    });

    it('on continuous data moves the estimate by no more than its size implies', () => {
      // Each coordinate moves by 1e-10·sd_j·z (|z| < 6 for these draws of a fixed seed), so every
      // distance moves by at most δ = 2·√d·6e-10·max sd, and |Δ log r| ≤ δ / (r − δ), for ρ_i
      // and ν_i alike: |ΔKL| ≤ (d/n)·Σ_i [δ/(ρ_i − δ) + δ/(ν_i − δ)].
      for (const [xn, yn, k] of [
        ['gauss-n300-d2', 'q-gauss-m360-d2', 3],
        ['gauss-n2000-d1', 'q-gauss-m1500-d1', 1],
        ['gauss-n50-d20', 'q-gauss-m40-d20', 5],
      ] as const) {
        const [x, y] = [rows(xn), rows(yn)];
        const [n, m, d] = [x.length, y.length, (x[0] as number[]).length];
        const delta = 2 * Math.sqrt(d) * 6e-10 * Math.max(maxColumnSd(x), maxColumnSd(y));
        const fx = Float64Array.from(x.flat());
        const rho = selfKnn(fx, n, d, k, 'euclidean', 'brute').kth;
        const nu = crossKnn(fx, n, Float64Array.from(y.flat()), m, d, k, 'euclidean', 'brute');
        let bound = 0;
        for (let i = 0; i < n; i++) {
          bound += delta / ((rho[i] as number) - delta) + delta / ((nu[i] as number) - delta);
        }
        bound *= d / n;
        const v0 = klDivergence(x, y, { k, jitter: 0 });
        expect(Math.abs(klDivergence(x, y, { k }) - v0), xn).toBeLessThanOrEqual(bound);
      }
    });
  });

  it('is invariant to rescaling both samples by one factor: the d·log|a| terms cancel', () => {
    // With jitter 0, ν_i/ρ_i is the same ratio up to a few roundings, so each log term moves by a
    // few ulps of 1 (≤ 1e-15): |Δ| ≤ d·1e-15 after (d/n)·Σ, allowed 1e-14·d.
    for (const [xn, yn] of [
      ['gauss-n300-d2', 'q-gauss-m360-d2'],
      ['gauss-n50-d20', 'q-gauss-m40-d20'],
    ] as const) {
      const [x, y] = [rows(xn), rows(yn)];
      const d = (x[0] as number[]).length;
      const v = klDivergence(x, y, { jitter: 0 });
      for (const a of [2, 1.7, -3, 1e3, 1e-3]) {
        expectClose(klDivergence(scaleRows(x, a), scaleRows(y, a), { jitter: 0 }), v, 0, 1e-14 * d);
      }
    }
  });

  it('stays finite and scale-invariant at extreme magnitudes (regression: DEGENERATE_SAMPLES, +Infinity)', () => {
    // Tied data at 1e-150: the default jitter's square underflowed (DEGENERATE_SAMPLES); such
    // data now runs rescaled by a power of two, which leaves the estimate unchanged.
    const ties = [0, 0, 1, 1, 2, 2];
    const v = klDivergence(ties, [0, 1, 2], { k: 1 });
    for (const e of [-500, -1000, 600]) {
      const f = 2 ** e;
      // Exact scaling of every distance: the same value to a few roundings of the logs.
      expectClose(
        klDivergence(
          ties.map((t) => t * f),
          [0, 1, 2].map((t) => t * f),
          { k: 1 },
        ),
        v,
        0,
        1e-14,
      );
    }
    // ν_i / ρ_i ≈ 1e310 overflowed: +Infinity. Now log ν_i − log ρ_i where the ratio is not a
    // normal number: Σ ≈ 4·log(1e310)/4 + log(3/3) ≈ 713.8 nats.
    const xs = [0, 1e-10, 2e-10, 3e-10].map((t) => t * 1e-150);
    const ys = [1e150, 2e150, 3e150];
    const kl = klDivergence(xs, ys, { k: 1 });
    expect(Number.isFinite(kl)).toBe(true);
    expect(kl).toBeCloseTo(713.8, 1);
    // Not extreme as a whole, but X's own jitter (1e-10 of a spread at the rounding of its mean,
    // ~1e-154) squared to 0 beside Y of size 0.5: the data run × 2^e until it does not.
    const c = klDivergence(new Array(12).fill(5e-138), [...new Array(15).fill(0), 0.5], { k: 1 });
    expect(Number.isFinite(c)).toBe(true);
  });

  it('is invariant to permuting X and Y separately (jitter 0)', () => {
    // jitter: 0 because the jitter is drawn row by row (a permutation hands points other draws);
    // without it every ρ_i, ν_i is the same double and only the order of the compensated sum of
    // log(ν_i/ρ_i) changes.
    const px = Array.from({ length: 300 }, (_, i) => X[(i * 7 + 3) % 300] as number[]);
    const py = Array.from({ length: 360 }, (_, i) => Y[(i * 11 + 1) % 360] as number[]);
    expect(new Set(px).size).toBe(300);
    expect(new Set(py).size).toBe(360);
    for (const k of [1, 4]) {
      expectClose(
        klDivergence(px, py, { k, jitter: 0 }),
        klDivergence(X, Y, { k, jitter: 0 }),
        0,
        1e-14,
      );
    }
  });
});

describe('errors', () => {
  const X = rows('gauss-n50-d2');
  const Y = rows('q-gauss-m40-d2');
  const call = (o: object) => () => klDivergence(X, Y, o as Options);

  it('X and Y of different dimension: SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () => klDivergence(X, rows('q-gauss-m40-d3')),
      'SHAPE_MISMATCH',
      'X has 2 columns',
    );
    expectInfoboundError(() => klDivergence(rows('gauss-n50-d1'), Y), 'SHAPE_MISMATCH');
  });

  it('k ≥ n or k > m: TOO_FEW_SAMPLES', () => {
    expectInfoboundError(() => klDivergence(Y, X, { k: 40 }), 'TOO_FEW_SAMPLES', 'k is 40');
    expectInfoboundError(call({ k: 41 }), 'TOO_FEW_SAMPLES', 'Y has');
    expect(Number.isFinite(klDivergence(X, Y, { k: 40 }))).toBe(true);
    expectInfoboundError(() => klDivergence([[1, 2]], Y, { k: 1 }), 'TOO_FEW_SAMPLES');
  });

  it('k not an integer ≥ 1: INVALID_OPTION', () => {
    for (const k of [0, 1.5, -1]) expectInfoboundError(call({ k }), 'INVALID_OPTION', 'k is');
  });

  it('NaN or Infinity in X or Y: NON_FINITE, naming the entry', () => {
    const bad = Y.map((r) => [...r]);
    (bad[2] as number[])[1] = Number.NaN;
    expectInfoboundError(() => klDivergence(X, bad), 'NON_FINITE', 'Y[2][1]');
    const badX = X.map((r) => [...r]);
    (badX[0] as number[])[0] = Number.NEGATIVE_INFINITY;
    expectInfoboundError(() => klDivergence(badX, Y), 'NON_FINITE', 'X[0][0]');
  });

  it('unknown search, negative jitter, bad seed: INVALID_OPTION', () => {
    expectInfoboundError(call({ search: 'octree' }), 'INVALID_OPTION', 'search');
    expectInfoboundError(call({ jitter: -1 }), 'INVALID_OPTION', 'jitter');
    expectInfoboundError(call({ seed: '1' }), 'INVALID_OPTION', 'seed');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. src/testing has no sample-set arbitraries yet, so these are built here.
// ---------------------------------------------------------------------------------------------

const coordinate = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -100, max: 100, noNaN: true }),
);

const pairs = fc
  .record({
    n: fc.integer({ min: 2, max: 50 }),
    m: fc.integer({ min: 1, max: 50 }),
    d: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ n, m, d }) => {
    const matrix = (r: number) =>
      fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), {
        minLength: r,
        maxLength: r,
      });
    const perm = (r: number) =>
      fc.shuffledSubarray(
        Array.from({ length: r }, (_, i) => i),
        { minLength: r, maxLength: r },
      );
    return fc.record({
      x: matrix(n),
      y: matrix(m),
      px: perm(n),
      py: perm(m),
      k: fc.integer({ min: 1, max: Math.min(5, n - 1, m) }),
    });
  });

function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof InfoboundError) return e.code;
    throw e;
  }
}

describe('properties', () => {
  it("permutation invariance (jitter 0), and 'kd-tree' === 'brute'", () => {
    fc.assert(
      fc.property(pairs, ({ x, y, px, py, k }) => {
        const d = (x[0] as number[]).length;
        const a = outcome(() => klDivergence(x, y, { k, jitter: 0, search: 'kd-tree' }));
        const b = outcome(() => klDivergence(x, y, { k, jitter: 0, search: 'brute' }));
        const c = outcome(() =>
          klDivergence(
            px.map((i) => x[i] as number[]),
            py.map((i) => y[i] as number[]),
            { k, jitter: 0 },
          ),
        );
        if (!Object.is(a, b)) return false;
        if (typeof a === 'string' || typeof c === 'string') return a === c;
        // The ρ_i, ν_i are the same doubles; reordering a compensated sum of log ratios, each at
        // most 2·745 in size, moves it by ≤ 4ε·Σ|term|, then times d/n.
        return Math.abs(a - c) <= 16 * Number.EPSILON * (10 + 1490 * d);
      }),
      { seed: 20240620, numRuns: 100 },
    );
  });
});
