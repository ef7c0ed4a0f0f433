/**
 * The k-d tree against a naive O(n²) scan written here: k-th neighbour distances (max-norm and
 * Euclidean) and radius counts (strict and non-strict) must be identical (===), not merely close,
 * because the tree is meant to make exactly the comparisons |a − b| a plain loop makes. Data:
 * continuous, heavily tied (integer grid) and with duplicate points; n = 1, 2, 17, 1000; d = 1, 2, 7.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  buildKdTree,
  countWithinChebyshev,
  type KdTree,
  knnQuery,
  knnScratch,
  type Metric,
} from '../../src/knn/kdTree.js';
import { countBelow, finish, type Kind, naiveDist, naiveRow, points } from './naive.js';

/** Max-norm distances from row qi to every row (itself included). */
function chebyshevRow(data: Float64Array, n: number, d: number, qi: number): Float64Array {
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) out[j] = naiveDist(data, j * d, data, qi * d, d, 'chebyshev');
  return out;
}

function naiveCount(dists: Float64Array, r: number, strict: boolean): number {
  let c = 0;
  for (const g of dists) if (strict ? g < r : g <= r) c++;
  return c;
}

const stackFor = (n: number) => new Int32Array(4 * Math.ceil(Math.log2(Math.max(2, n))) + 128);

const KINDS: Kind[] = ['continuous', 'grid', 'duplicates'];
const SIZES = [1, 2, 17, 1000];
const DIMS = [1, 2, 7];
const METRICS: Metric[] = ['chebyshev', 'euclidean'];

function cases(): { kind: Kind; n: number; d: number; data: Float64Array; label: string }[] {
  const out = [];
  let seed = 1;
  for (const kind of KINDS)
    for (const n of SIZES)
      for (const d of DIMS)
        out.push({ kind, n, d, data: points(kind, n, d, seed++), label: `${kind} n=${n} d=${d}` });
  return out;
}
const ALL = cases();

describe('buildKdTree', () => {
  /** Every violated invariant, as text (empty when the tree is valid). */
  function structureErrors(tree: KdTree, data: Float64Array, n: number, d: number): string[] {
    const bad: string[] = [];
    const seen = new Uint8Array(n);
    for (let t = 0; t < n; t++) seen[tree.index[t] as number] = 1;
    if (seen.includes(0)) bad.push('index is not a permutation');
    for (let t = 0; t < n * d; t++) {
      const row = tree.index[Math.floor(t / d)] as number;
      if (tree.points[t] !== data[row * d + (t % d)]) bad.push(`points[${t}]`);
    }
    if (tree.start[0] !== 0 || tree.end[0] !== n) bad.push('root does not span all points');
    for (let node = 0; node < tree.start.length; node++) {
      const s = tree.start[node] as number;
      const e = tree.end[node] as number;
      if (!(e > s)) bad.push(`node ${node} is empty`);
      // The box is the tight bounding box of the node's points.
      for (let j = 0; j < d; j++) {
        let mn = Number.POSITIVE_INFINITY;
        let mx = Number.NEGATIVE_INFINITY;
        for (let t = s; t < e; t++) {
          mn = Math.min(mn, tree.points[t * d + j] as number);
          mx = Math.max(mx, tree.points[t * d + j] as number);
        }
        if (tree.lo[node * d + j] !== mn || tree.hi[node * d + j] !== mx) bad.push(`box ${node}`);
      }
      const l = tree.left[node] as number;
      const r = tree.right[node] as number;
      if (l < 0) {
        if (r !== -1) bad.push(`leaf ${node} has a right child`);
        // A leaf holds at most 16 points unless they are all identical (nothing to split on).
        for (let j = 0; j < d && e - s > 16; j++) {
          if (tree.lo[node * d + j] !== tree.hi[node * d + j]) bad.push(`leaf ${node} too big`);
        }
      } else if (
        // Children split the node's range in two at its middle (balanced whatever the ties).
        tree.start[l] !== s ||
        tree.end[l] !== tree.start[r] ||
        tree.end[r] !== e ||
        tree.end[l] !== (s + e) >>> 1
      ) {
        bad.push(`node ${node} children`);
      }
    }
    return bad;
  }

  for (const c of ALL) {
    it(`is a valid, balanced partition with tight boxes: ${c.label}`, () => {
      expect(structureErrors(buildKdTree(c.data, c.n, c.d), c.data, c.n, c.d)).toEqual([]);
    });
  }

  it('keeps a set of identical points as one leaf, however many', () => {
    const data = new Float64Array(200 * 2).fill(4.5);
    const tree = buildKdTree(data, 200, 2);
    expect(tree.start.length).toBe(1);
    expect(tree.left[0]).toBe(-1);
  });

  it('does not modify its input', () => {
    const data = points('grid', 300, 2, 99);
    const copy = Float64Array.from(data);
    buildKdTree(data, 300, 2);
    expect(data).toEqual(copy);
  });
});

describe('knnQuery', () => {
  for (const c of ALL.filter((c) => c.n >= 2)) {
    it(`self k-NN equals the naive scan (both metrics): ${c.label}`, () => {
      const { data, n, d } = c;
      const tree = buildKdTree(data, n, d);
      // k = n − 1 (every other point) while n is small; k = 1 and 40 at n = 1000 (keeps it fast).
      const ks = n < 1000 ? [...new Set([1, 2, 5, n - 1])].filter((k) => k <= n - 1) : [1, 40];
      const bad: string[] = [];
      for (const metric of METRICS) {
        for (let i = 0; i < n; i++) {
          const sorted = naiveRow(data, n, data, i, d, metric, i).sort();
          for (const k of ks) {
            const h = knnScratch(k, n);
            const kth = knnQuery(tree, data, i * d, i, metric, h);
            const kthSq = sorted[k - 1] as number;
            if (kth !== finish(kthSq, metric)) bad.push(`${metric} i=${i} k=${k}: ${kth}`);
            // The heap holds k distinct other rows, none farther than the k-th distance, and
            // every row strictly closer than it (ties at the k-th distance go either way).
            const rows = Array.from(h.pos.subarray(0, k), (t) => tree.index[t] as number);
            const dist = rows.map((r) => naiveDist(data, r * d, data, i * d, d, metric));
            const closer = countBelow(sorted, k - 1);
            if (
              h.size !== k ||
              new Set(rows).size !== k ||
              rows.includes(i) ||
              dist.some((v) => v > kthSq) ||
              dist.filter((v) => v < kthSq).length !== closer
            ) {
              bad.push(`${metric} i=${i} k=${k}: neighbours ${rows.join(',')}`);
            }
          }
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('queries outside the tree (exclude = −1) equal the naive scan, coinciding points included', () => {
    for (const d of DIMS) {
      const ref = points('grid', 400, d, 7 + d);
      const query = points('grid', 50, d, 70 + d); // many queries sit exactly on tree points
      const tree = buildKdTree(ref, 400, d);
      for (const metric of METRICS) {
        for (let i = 0; i < 50; i++) {
          const sorted = naiveRow(ref, 400, query, i, d, metric, -1).sort();
          for (const k of [1, 4, 400]) {
            const kth = knnQuery(tree, query, i * d, -1, metric, knnScratch(k, 400));
            expect(kth).toBe(finish(sorted[k - 1] as number, metric));
          }
        }
      }
    }
  });

  it('on a single-point tree, the only neighbour of an outside query is that point', () => {
    const tree = buildKdTree(Float64Array.of(1, 2), 1, 2);
    const q = Float64Array.of(4, -2);
    expect(knnQuery(tree, q, 0, -1, 'chebyshev', knnScratch(1, 1))).toBe(4);
    expect(knnQuery(tree, q, 0, -1, 'euclidean', knnScratch(1, 1))).toBe(5);
  });
});

describe('countWithinChebyshev', () => {
  /** Radii per query row: including values exactly equal to pairwise distances. */
  function radiusSets(data: Float64Array, n: number, d: number): [string, Float64Array][] {
    const rng = createRandom(n * 31 + d);
    const pairwise = Float64Array.from({ length: n }, (_, i) =>
      naiveDist(data, ((i * 7 + 3) % n) * d, data, i * d, d, 'chebyshev'),
    );
    const kth = Float64Array.from({ length: n }, (_, i) => {
      if (n < 2) return 0;
      const s = naiveRow(data, n, data, i, d, 'chebyshev', i).sort();
      return s[Math.min(2, n - 2)] as number;
    });
    return [
      ['zero', new Float64Array(n)],
      ['pairwise distance', pairwise],
      ['3rd-neighbour distance', kth],
      ['integers 0..3', Float64Array.from({ length: n }, () => rng.int(0, 3))],
      ['uniform [0, 2)', Float64Array.from({ length: n }, () => 2 * rng.uniform())],
      ['Infinity', new Float64Array(n).fill(Number.POSITIVE_INFINITY)],
    ];
  }

  for (const c of ALL) {
    it(`strict and non-strict counts equal the naive scan: ${c.label}`, () => {
      const { data, n, d } = c;
      const tree = buildKdTree(data, n, d);
      const stack = stackFor(n);
      const bad: string[] = [];
      const sets = radiusSets(data, n, d);
      for (let i = 0; i < n; i++) {
        const dists = chebyshevRow(data, n, d, i);
        for (const [name, radii] of sets) {
          const r = radii[i] as number;
          for (const strict of [true, false]) {
            const got = countWithinChebyshev(tree, data, i * d, r, strict, stack);
            const want = naiveCount(dists, r, strict);
            if (got !== want) bad.push(`${name} i=${i} r=${r} strict=${strict}: ${got} vs ${want}`);
          }
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('at a radius equal to a distance, strict excludes the point and non-strict includes it', () => {
    // Unit square corners and its centre; from (0, 0) the corners are at max-norm distance 1.
    const data = Float64Array.of(0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5);
    const tree = buildKdTree(data, 5, 2);
    const stack = stackFor(5);
    expect(countWithinChebyshev(tree, data, 0, 1, true, stack)).toBe(2); // itself and the centre
    expect(countWithinChebyshev(tree, data, 0, 1, false, stack)).toBe(5);
    expect(countWithinChebyshev(tree, data, 0, 0.5, true, stack)).toBe(1);
    expect(countWithinChebyshev(tree, data, 0, 0.5, false, stack)).toBe(2);
    // A distance as floating point computes it: |0.3 − 0.1| is 0.19999999999999998, not 0.2.
    const line = Float64Array.of(0.1, 0.3, 0.5);
    const t1 = buildKdTree(line, 3, 1);
    const r = 0.3 - 0.1;
    expect(countWithinChebyshev(t1, line, 0, r, true, stack)).toBe(1);
    expect(countWithinChebyshev(t1, line, 0, r, false, stack)).toBe(2);
    expect(countWithinChebyshev(t1, line, 0, 0.2, true, stack)).toBe(2);
  });

  it('counts a query point outside the tree without the self offset', () => {
    const data = Float64Array.of(0, 1, 2, 3);
    const tree = buildKdTree(data, 4, 1);
    expect(countWithinChebyshev(tree, Float64Array.of(1.5), 0, 0.5, true, stackFor(4))).toBe(0);
    expect(countWithinChebyshev(tree, Float64Array.of(1.5), 0, 0.5, false, stackFor(4))).toBe(2);
  });
});
