/**
 * Naive O(n²) references shared by the k-d tree and neighbour-search tests: test data with and
 * without ties, the distance written the plainest way, and helpers to read sorted distances.
 */
import { createRandom } from '../../src/core/random.js';
import type { Metric } from '../../src/knn/kdTree.js';

export type Kind = 'continuous' | 'grid' | 'duplicates';

/** n × d row-major points: normal draws, integers 0..3 (heavy ties), or ⌈n/3⌉ distinct normal
 *  points each repeated (row i is point i mod ⌈n/3⌉). */
export function points(kind: Kind, n: number, d: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const out = new Float64Array(n * d);
  if (kind === 'continuous') for (let t = 0; t < n * d; t++) out[t] = rng.normal();
  else if (kind === 'grid') for (let t = 0; t < n * d; t++) out[t] = rng.int(0, 3);
  else {
    const m = Math.ceil(n / 3);
    const base = Float64Array.from({ length: m * d }, () => rng.normal());
    for (let i = 0; i < n; i++) out.set(base.subarray((i % m) * d, ((i % m) + 1) * d), i * d);
  }
  return out;
}

/** max_j |a_j − b_j|, or Σ_j (a_j − b_j)² in order of j (squared). */
export function naiveDist(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  d: number,
  m: Metric,
) {
  let acc = 0;
  for (let j = 0; j < d; j++) {
    const g = (a[ao + j] as number) - (b[bo + j] as number);
    if (m === 'chebyshev') acc = Math.max(acc, Math.abs(g));
    else acc += g * g;
  }
  return acc;
}

/** Distances (squared for Euclidean) from query row qi to every reference row but `exclude`. */
export function naiveRow(
  ref: Float64Array,
  nr: number,
  q: Float64Array,
  qi: number,
  d: number,
  m: Metric,
  exclude: number,
): Float64Array {
  const out = new Float64Array(exclude >= 0 ? nr - 1 : nr);
  let t = 0;
  for (let r = 0; r < nr; r++) if (r !== exclude) out[t++] = naiveDist(ref, r * d, q, qi * d, d, m);
  return out;
}

/** In an ascending array, the number of entries strictly below entry `at`. */
export function countBelow(sorted: Float64Array, at: number): number {
  let c = at;
  while (c > 0 && sorted[c - 1] === sorted[at]) c--;
  return c;
}

export const finish = (sq: number, m: Metric) => (m === 'chebyshev' ? sq : Math.sqrt(sq));
