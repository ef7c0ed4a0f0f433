/**
 * kNN family: KSG mutual information at n = 10^4, 10^5, 10^6 with scalar x and y and with
 * d = 8 (4 + 4), the k-d tree against the brute-force scan in the same run, and the scaling
 * exponent log(t(10^5)/t(10^4)) / log 10 (1 for O(n), about 1.1 for O(n log n), 2 for brute).
 */
import { createRandom } from '../src/core/random.js';
import { knn } from '../src/index.js';
import { runPython } from './compare.js';
import { report, type Timing, time } from './harness.js';

function correlated(n: number, dx: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRandom(seed);
  const x = new Float64Array(n * dx);
  const y = new Float64Array(n * dx);
  for (let i = 0; i < n * dx; i++) {
    const a = rng.normal();
    x[i] = a;
    y[i] = 0.8 * a + 0.6 * rng.normal();
  }
  return { x, y };
}

function rowsOf(a: Float64Array, n: number, d: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => a.subarray(i * d, (i + 1) * d));
}

export function benchKnn(full: boolean): void {
  const rows: [Timing, Timing][] = [];
  const medians = new Map<string, number>();
  const sizes = full ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  for (const d of [1, 4]) {
    for (const n of sizes) {
      const { x, y } = correlated(n, d, n + d);
      const X = d === 1 ? x : rowsOf(x, n, d);
      const Y = d === 1 ? y : rowsOf(y, n, d);
      const reps = n >= 1_000_000 ? 3 : n >= 100_000 ? 5 : 11;
      const tree = time(
        `KSG-1 kd-tree, n = ${n}, d_x = d_y = ${d}`,
        () => knn.mutualInformation(X, Y, { search: 'kd-tree' }),
        reps,
        1,
      );
      medians.set(`${d}:${n}`, tree.medianMs);
      // Brute force is O(n²): time it only where it finishes in seconds, else report the tree alone.
      const brute =
        n <= 10_000
          ? time('brute force', () => knn.mutualInformation(X, Y, { search: 'brute' }), 3, 1)
          : {
              name: 'brute force (not run: O(n²))',
              medianMs: Number.NaN,
              q1Ms: Number.NaN,
              q3Ms: Number.NaN,
              reps: 0,
            };
      rows.push([tree, brute]);
    }
  }
  report('knn: KSG mutual information', rows);

  // Against scikit-learn (mutual_info_regression, 1-D only) and a SciPy cKDTree KSG on the same data.
  const compareSizes = [10_000, 100_000];
  const cases = [1, 4].flatMap((d) =>
    compareSizes.map((n) => {
      const { x, y } = correlated(n, d, n + d);
      return { n, d, x: Array.from(x), y: Array.from(y) };
    }),
  );
  const py = runPython<{ n: number; d: number; ksg_ckdtree_ms: number; sklearn_ms?: number }[]>(
    'knn.py',
    cases,
  );
  if (py) {
    console.log('\n## knn: KSG-1 against Python on identical data (ratio = ours / theirs)\n');
    console.log(
      '| n | d_x = d_y | ours (ms) | SciPy cKDTree KSG (ms) | ratio | scikit-learn (ms) | ratio |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of py) {
      const ours = medians.get(`${r.d}:${r.n}`) as number;
      const sk = r.sklearn_ms === undefined ? '–' : r.sklearn_ms.toFixed(1);
      const skr = r.sklearn_ms === undefined ? '–' : (ours / r.sklearn_ms).toFixed(2);
      console.log(
        `| ${r.n} | ${r.d} | ${ours.toFixed(1)} | ${r.ksg_ckdtree_ms.toFixed(1)} | ${(ours / r.ksg_ckdtree_ms).toFixed(2)} | ${sk} | ${skr} |`,
      );
    }
  }
  console.log('\nScaling exponent of the k-d tree path, log10(t(10^5) / t(10^4)):');
  for (const d of [1, 4]) {
    const e = Math.log10(
      (medians.get(`${d}:100000`) as number) / (medians.get(`${d}:10000`) as number),
    );
    console.log(`- d_x = d_y = ${d}: ${e.toFixed(2)}`);
  }

  const erows: [Timing, Timing][] = [];
  for (const d of [2, 8, 16, 64]) {
    const n = 5_000;
    const rng = createRandom(d);
    const X = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
    erows.push([
      time(
        `KL entropy kd-tree, n = ${n}, d = ${d}`,
        () => knn.entropy(X, { search: 'kd-tree' }),
        3,
        1,
      ),
      time('brute force', () => knn.entropy(X, { search: 'brute' }), 3, 1),
    ]);
  }
  report(`knn: entropy, k-d tree vs brute force by dimension ('auto' switches at d > 12)`, erows);
}
