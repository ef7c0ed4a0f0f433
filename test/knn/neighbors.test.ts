/**
 * The all-points neighbour queries the estimators are built from: k-d tree, brute-force scan and
 * (for 1-D radius counts) binary search must each equal a naive O(n²) loop written here, exactly
 * (===), on continuous data, heavily tied data (integer grid) and data with duplicate points;
 * n = 1, 2, 17, 1000; d = 1, 2, 7.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { buildKdTree, countWithinChebyshev, type Metric } from '../../src/knn/kdTree.js';
import {
  BRUTE_FORCE_DIMENSION,
  countWithin,
  crossKnn,
  resolveSearch,
  selfKnn,
} from '../../src/knn/neighbors.js';
import { countBelow, finish, type Kind, naiveDist, naiveRow, points } from './naive.js';

const SEARCHES = ['kd-tree', 'brute'] as const;
const METRICS: Metric[] = ['chebyshev', 'euclidean'];

interface DataCase {
  label: string;
  kind: Kind;
  n: number;
  d: number;
  data: Float64Array;
}
const ALL: DataCase[] = [];
{
  let seed = 100;
  for (const kind of ['continuous', 'grid', 'duplicates'] as const)
    for (const n of [1, 2, 17, 1000])
      for (const d of [1, 2, 7])
        ALL.push({ label: `${kind} n=${n} d=${d}`, kind, n, d, data: points(kind, n, d, seed++) });
}

describe('resolveSearch', () => {
  it("'auto' scans by brute force below 64 points or above BRUTE_FORCE_DIMENSION, else a k-d tree", () => {
    expect(BRUTE_FORCE_DIMENSION).toBe(12);
    expect(resolveSearch('auto', 63, 2)).toBe('brute');
    expect(resolveSearch('auto', 64, 2)).toBe('kd-tree');
    expect(resolveSearch('auto', 10_000, 12)).toBe('kd-tree');
    expect(resolveSearch('auto', 10_000, 13)).toBe('brute');
  });

  it('passes an explicit choice through, whatever the size', () => {
    expect(resolveSearch('kd-tree', 5, 50)).toBe('kd-tree');
    expect(resolveSearch('brute', 10_000, 1)).toBe('brute');
  });
});

describe('selfKnn', () => {
  for (const c of ALL.filter((c) => c.n >= 2)) {
    it(`k-d tree and brute force equal the naive scan, neighbours included: ${c.label}`, () => {
      const { data, n, d } = c;
      // k = n − 1 (all other points) while n is small; at n = 1000 a first and a 25th neighbour.
      const ks = n < 1000 ? [...new Set([1, 3, n - 1])].filter((k) => k <= n - 1) : [1, 25];
      // The naive scan checks every point, or every 4th at n = 1000 (kdTree.test.ts checks all
      // of them on the tree itself); the two paths are compared on every point.
      const checked = Array.from({ length: n }, (_, i) => i).filter((i) => n < 1000 || i % 4 === 0);
      const bad: string[] = [];
      for (const metric of METRICS) {
        const sorted = new Map(
          checked.map((i) => [i, naiveRow(data, n, data, i, d, metric, i).sort()]),
        );
        for (const k of ks) {
          const res = SEARCHES.map((s) => selfKnn(data, n, d, k, metric, s, true));
          for (let i = 0; i < n; i++) {
            if (res[0]?.kth[i] !== res[1]?.kth[i]) bad.push(`paths differ ${metric} k=${k} i=${i}`);
          }
          const plain = k === 1 ? selfKnn(data, n, d, k, metric, 'kd-tree') : undefined;
          if (plain?.neighbors !== undefined) bad.push('neighbours returned unasked');
          for (const i of checked) {
            const row = sorted.get(i) as Float64Array;
            const kthSq = row[k - 1] as number;
            const closer = countBelow(row, k - 1);
            const want = finish(kthSq, metric);
            for (const [s, r] of res.entries()) {
              if (r.kth[i] !== want)
                bad.push(`${SEARCHES[s]} ${metric} k=${k} i=${i}: ${r.kth[i]}`);
              // k distinct other rows, none beyond the k-th distance, all strictly closer rows in.
              const rows = Array.from(r.neighbors?.subarray(i * k, (i + 1) * k) ?? []);
              const dist = rows.map((j) => naiveDist(data, j * d, data, i * d, d, metric));
              if (
                new Set(rows).size !== k ||
                rows.includes(i) ||
                dist.some((v) => v > kthSq) ||
                dist.filter((v) => v < kthSq).length !== closer
              ) {
                bad.push(`${SEARCHES[s]} ${metric} k=${k} i=${i}: neighbours ${rows.join(',')}`);
              }
            }
            if (plain && plain.kth[i] !== want) bad.push(`without neighbours ${metric} i=${i}`);
          }
          // Tie-free data: the k nearest are one well-defined set, and both paths find it.
          if (c.kind === 'continuous') {
            for (let i = 0; i < n; i++) {
              const sets = res.map((r) =>
                Array.from(r.neighbors?.subarray(i * k, (i + 1) * k) ?? []).sort((a, b) => a - b),
              );
              if (sets[0]?.join() !== sets[1]?.join()) bad.push(`neighbour sets differ at ${i}`);
            }
          }
        }
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('crossKnn', () => {
  for (const d of [1, 2, 7]) {
    for (const [nq, nr] of [
      [5, 1],
      [17, 2],
      [300, 1000],
    ] as const) {
      it(`equals the naive scan for ${nq} grid queries against ${nr} grid points, d=${d}`, () => {
        // Grid values: queries often coincide with reference points (distance 0) and tie.
        const ref = points('grid', nr, d, 7 * d + nr);
        const query = points('grid', nq, d, 11 * d + nq);
        const bad: string[] = [];
        for (const metric of METRICS) {
          const sorted = Array.from({ length: nq }, (_, i) =>
            naiveRow(ref, nr, query, i, d, metric, -1).sort(),
          );
          for (const k of [...new Set([1, Math.min(3, nr), nr])]) {
            for (const s of SEARCHES) {
              const got = crossKnn(query, nq, ref, nr, d, k, metric, s);
              for (let i = 0; i < nq; i++) {
                const want = finish(sorted[i]?.[k - 1] as number, metric);
                if (got[i] !== want) bad.push(`${s} ${metric} k=${k} i=${i}: ${got[i]} vs ${want}`);
              }
            }
          }
        }
        expect(bad).toEqual([]);
      });
    }
  }
});

describe('countWithin', () => {
  /** Radii per point, several of them exactly equal to pairwise distances. */
  function radiusSets(data: Float64Array, n: number, d: number): [string, Float64Array][] {
    const rng = createRandom(17 * n + d);
    const kthCheb =
      n >= 2
        ? selfKnn(data, n, d, Math.min(3, n - 1), 'chebyshev', 'brute').kth
        : new Float64Array(n);
    return [
      ['zero', new Float64Array(n)],
      [
        'a pairwise distance',
        Float64Array.from({ length: n }, (_, i) =>
          naiveDist(data, ((5 * i + 1) % n) * d, data, i * d, d, 'chebyshev'),
        ),
      ],
      ['the 3rd-neighbour max-norm distance (as KSG uses)', kthCheb],
      ['integers 0..3', Float64Array.from({ length: n }, () => rng.int(0, 3))],
      ['uniform [0, 1.5)', Float64Array.from({ length: n }, () => 1.5 * rng.uniform())],
      ['Infinity', new Float64Array(n).fill(Number.POSITIVE_INFINITY)],
    ];
  }

  for (const c of ALL) {
    const path = c.d === 1 ? 'binary search, k-d tree and brute force' : 'k-d tree and brute force';
    it(`${path} equal the naive count, strict and not: ${c.label}`, () => {
      const { data, n, d } = c;
      const sets = radiusSets(data, n, d);
      const tree = d === 1 ? buildKdTree(data, n, d) : undefined;
      const stack = new Int32Array(256);
      const bad: string[] = [];
      const runs = [true, false].flatMap((strict) =>
        sets.map(([name, radii]) => ({
          strict,
          name,
          radii,
          got: SEARCHES.map((s) => countWithin(data, n, d, radii, strict, s)),
        })),
      );
      for (const { strict, name, got } of runs) {
        for (let i = 0; i < n; i++) {
          if (got[0]?.[i] !== got[1]?.[i]) bad.push(`paths differ ${name} ${strict} i=${i}`);
        }
      }
      // The naive count on every point, or every 4th at n = 1000 (the paths agree on all).
      for (let i = 0; i < n; i += n < 1000 ? 1 : 4) {
        const row = naiveRow(data, n, data, i, d, 'chebyshev', i);
        for (const { strict, name, radii, got } of runs) {
          const r = radii[i] as number;
          let want = 0;
          for (const g of row) if (strict ? g < r : g <= r) want++;
          // 1-D counts always take the binary-search path; check the tree on them too. Its own
          // count includes the point itself (r > 0, or r = 0 non-strictly).
          if (tree) {
            const own = countWithinChebyshev(tree, data, i, r, strict, stack);
            if (own - (strict && r === 0 ? 0 : 1) !== want)
              bad.push(`tree ${name} ${strict} i=${i}`);
          }
          for (const [s, counts] of got.entries()) {
            if (counts[i] !== want) {
              bad.push(`${SEARCHES[s]} ${name} strict=${strict} i=${i}: ${counts[i]} vs ${want}`);
            }
          }
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('at a radius equal to a distance, strict excludes the point and non-strict includes it', () => {
    // 1-D (binary search): from 1, the points 0 and 2 are at distance exactly 1.
    const line = Float64Array.of(0, 1, 2, 3);
    const r1 = Float64Array.of(1, 1, 1, 1);
    for (const s of SEARCHES) {
      expect(Array.from(countWithin(line, 4, 1, r1, true, s))).toEqual([0, 0, 0, 0]);
      expect(Array.from(countWithin(line, 4, 1, r1, false, s))).toEqual([1, 2, 2, 1]);
    }
    // The distance as floating point computes it: |0.3 − 0.1| = 0.19999999999999998.
    const dec = Float64Array.of(0.1, 0.3);
    const r = new Float64Array(2).fill(0.3 - 0.1);
    expect(Array.from(countWithin(dec, 2, 1, r, true, 'brute'))).toEqual([0, 0]);
    expect(Array.from(countWithin(dec, 2, 1, r, false, 'brute'))).toEqual([1, 1]);
    // 2-D: corners of the unit square and its centre; from a corner, two corners are at max-norm
    // distance 1 and the opposite one too.
    const sq = Float64Array.of(0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5);
    const ones = new Float64Array(5).fill(1);
    for (const s of SEARCHES) {
      expect(Array.from(countWithin(sq, 5, 2, ones, true, s))).toEqual([1, 1, 1, 1, 4]);
      expect(Array.from(countWithin(sq, 5, 2, ones, false, s))).toEqual([4, 4, 4, 4, 4]);
    }
  });

  it('at radius 0: strict counts nothing, non-strict counts the duplicates (−0 equals 0)', () => {
    const x = Float64Array.of(0, -0, 1, 1, 1, 2);
    const zero = new Float64Array(6);
    for (const s of SEARCHES) {
      expect(Array.from(countWithin(x, 6, 1, zero, true, s))).toEqual([0, 0, 0, 0, 0, 0]);
      expect(Array.from(countWithin(x, 6, 1, zero, false, s))).toEqual([1, 1, 2, 2, 2, 0]);
      const xy = Float64Array.of(0, 5, -0, 5, 1, 1, 1, 1, 1, 2, 2, 2);
      expect(Array.from(countWithin(xy, 6, 2, zero, false, s))).toEqual([1, 1, 1, 1, 0, 0]);
      expect(Array.from(countWithin(xy, 6, 2, zero, true, s))).toEqual([0, 0, 0, 0, 0, 0]);
    }
  });
});

describe('Euclidean brute force screened by dot products (d ≥ 16)', () => {
  // The screening uses ‖q‖² + ‖r‖² − 2q·r, which cancels badly far from the origin and for
  // near-duplicates; the exact re-measurement must still make it bit-identical to the tree.
  const cases: [string, number, number, (r: ReturnType<typeof createRandom>) => number][] = [
    ['centred Gaussian', 16, 300, (r) => r.normal()],
    ['offset 1e3', 40, 250, (r) => 1e3 + r.normal()],
    ['offset 1e6, scale 1e-3', 64, 200, (r) => 1e6 + 1e-3 * r.normal()],
    ['integer grid (ties)', 20, 300, (r) => r.int(0, 2)],
  ];
  for (const [name, d, n, draw] of cases) {
    it(`selfKnn and crossKnn match the k-d tree exactly: ${name}, d = ${d}`, () => {
      const rng = createRandom(d + n);
      const data = Float64Array.from({ length: n * d }, () => draw(rng));
      // A few exact duplicates as well.
      data.copyWithin(0, d * 5, d * 8);
      for (const k of [1, 4]) {
        const brute = selfKnn(data, n, d, k, 'euclidean', 'brute');
        const tree = selfKnn(data, n, d, k, 'euclidean', 'kd-tree');
        expect(Array.from(brute.kth)).toEqual(Array.from(tree.kth));
        const q = Float64Array.from({ length: 37 * d }, () => draw(rng));
        expect(Array.from(crossKnn(q, 37, data, n, d, k, 'euclidean', 'brute'))).toEqual(
          Array.from(crossKnn(q, 37, data, n, d, k, 'euclidean', 'kd-tree')),
        );
      }
    });
  }
});
