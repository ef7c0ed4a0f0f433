/**
 * Initial responsibilities for EM, as scikit-learn's `BaseMixture._initialize_parameters` builds
 * them, followed (in GaussianMixture) by one M-step:
 * - `'kmeans++'`: k-means++ seeding (Arthur & Vassilvitskii 2007, with scikit-learn's greedy
 *   2 + ⌊ln k⌋ candidates per step), then every sample is assigned to its nearest seed.
 *   scikit-learn's `'k-means++'` instead puts responsibility on the k seed points only, which makes
 *   every initial covariance exactly regCovar·I (singular with regCovar = 0); the nearest-seed
 *   assignment starts each component from the covariance of its Voronoi cell.
 * - `'kmeans'`: the same seeding, then Lloyd iterations to convergence (scikit-learn's KMeans
 *   with n_init = 1: at most 300 iterations, stopping when no label changes or the centres move by
 *   less than 1e-4 × the mean per-feature variance in total squared distance).
 * - `'random'`: responsibilities uniform on [0, 1), each row normalised.
 *
 * Lloyd's loop is written here rather than taken from ml-kmeans: ml-kmeans draws its seeds from
 * its own generator (a numeric seed into ml-random), not from ours, so a fit would not be
 * reproducible through the library's one seeded source; and it allocates per iteration. Ours is
 * n·k·d per iteration on flat arrays.
 *
 * An empty cell (duplicate seeds, or a cluster Lloyd empties) is given the sample farthest from
 * its centre among the cells with two or more samples, as scikit-learn's KMeans relocates empty
 * clusters; since n ≥ k every component starts with at least one sample.
 */
import type { Random } from '../core/random.js';

/** The initialisation methods. @public */
export type InitMethod = 'kmeans++' | 'kmeans' | 'random';

/** @internal */
export const INIT_METHODS: readonly InitMethod[] = ['kmeans++', 'kmeans', 'random'];

function sqDist(X: Float64Array, i: number, C: Float64Array, j: number, d: number): number {
  let s = 0;
  const xo = i * d;
  const co = j * d;
  for (let a = 0; a < d; a++) {
    const t = (X[xo + a] as number) - (C[co + a] as number);
    s += t * t;
  }
  return s;
}

/**
 * k-means++ seeding (scikit-learn's `_kmeans_plusplus`): the first centre uniformly at random;
 * each next one the best, by the resulting potential Σ_i min_c ‖x_i − c‖², of 2 + ⌊ln k⌋
 * candidates drawn with probability ∝ the squared distance to the nearest centre so far.
 * Returns the indices of the k seeds. O(n·k·d·log k).
 * @internal
 */
export function kmeansPlusPlus(
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: Random,
): Int32Array {
  const seeds = new Int32Array(k);
  const trials = 2 + Math.floor(Math.log(k));
  let closest = new Float64Array(n);
  let best = new Float64Array(n);
  let cand = new Float64Array(n);
  const cumsum = new Float64Array(n);
  const first = rng.int(0, n - 1);
  seeds[0] = first;
  for (let i = 0; i < n; i++) closest[i] = sqDist(X, i, X, first, d);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i] as number;
      cumsum[i] = acc;
    }
    let bestPotential = Number.POSITIVE_INFINITY;
    let bestId = 0;
    for (let t = 0; t < trials; t++) {
      const r = rng.uniform() * acc;
      // First index whose cumulative weight exceeds r: never a point at distance 0 while some
      // point is farther (scikit-learn's searchsorted 'left' can pick one when r = 0).
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const m = (lo + hi) >>> 1;
        if ((cumsum[m] as number) > r) hi = m;
        else lo = m + 1;
      }
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(closest[i] as number, sqDist(X, i, X, lo, d));
        cand[i] = v;
        pot += v;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestId = lo;
        const tmp = best;
        best = cand;
        cand = tmp;
      }
    }
    seeds[c] = bestId;
    const tmp = closest;
    closest = best;
    best = tmp;
  }
  return seeds;
}

/**
 * Assigns each sample to its nearest centre (ties to the lowest index), then gives every empty
 * cell the farthest sample of a cell that has two or more, moving that cell's centre onto it.
 * Fills `labels`, `dist` (squared distance to the assigned centre) and `counts`; returns whether
 * any label changed.
 */
function assign(
  X: Float64Array,
  n: number,
  d: number,
  C: Float64Array,
  k: number,
  labels: Int32Array,
  dist: Float64Array,
  counts: Int32Array,
): boolean {
  let changed = false;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    let bj = 0;
    let bv = sqDist(X, i, C, 0, d);
    for (let j = 1; j < k; j++) {
      const v = sqDist(X, i, C, j, d);
      if (v < bv) {
        bv = v;
        bj = j;
      }
    }
    if (labels[i] !== bj) changed = true;
    labels[i] = bj;
    dist[i] = bv;
    counts[bj] = (counts[bj] as number) + 1;
  }
  for (let c = 0; c < k; c++) {
    if ((counts[c] as number) > 0) continue;
    let far = -1;
    let fv = -1;
    for (let i = 0; i < n; i++) {
      if ((counts[labels[i] as number] as number) < 2) continue;
      if ((dist[i] as number) > fv) {
        fv = dist[i] as number;
        far = i;
      }
    }
    // n ≥ k guarantees a cell with two samples while one is empty.
    counts[labels[far] as number] = (counts[labels[far] as number] as number) - 1;
    labels[far] = c;
    counts[c] = 1;
    dist[far] = 0;
    for (let a = 0; a < d; a++) C[c * d + a] = X[far * d + a] as number;
    changed = true;
  }
  return changed;
}

/**
 * Lloyd's k-means from the centres `C` (k × d, updated in place). Returns the final labels.
 * Stops when no label changes, when the centres move by at most `tol` × (mean per-feature
 * variance of X) in total squared distance, or after `maxIter` updates (scikit-learn's KMeans
 * defaults: 300 and 1e-4). O(n·k·d) per iteration.
 * @internal
 */
export function lloyd(
  X: Float64Array,
  n: number,
  d: number,
  C: Float64Array,
  k: number,
  maxIter = 300,
  tol = 1e-4,
): Int32Array {
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const counts = new Int32Array(k);
  const next = new Float64Array(k * d);
  // scikit-learn's _tolerance: tol × mean over features of the variance.
  let varSum = 0;
  for (let a = 0; a < d; a++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += X[i * d + a] as number;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += ((X[i * d + a] as number) - m) ** 2;
    varSum += v / n;
  }
  const tolAbs = (tol * varSum) / d;
  assign(X, n, d, C, k, labels, dist, counts);
  for (let it = 0; it < maxIter; it++) {
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const o = (labels[i] as number) * d;
      for (let a = 0; a < d; a++) next[o + a] = (next[o + a] as number) + (X[i * d + a] as number);
    }
    let shift = 0;
    for (let j = 0; j < k; j++) {
      const cnt = counts[j] as number;
      for (let a = 0; a < d; a++) {
        const v = (next[j * d + a] as number) / cnt;
        shift += (v - (C[j * d + a] as number)) ** 2;
        C[j * d + a] = v;
      }
    }
    const changed = assign(X, n, d, C, k, labels, dist, counts);
    if (!changed || shift <= tolAbs) break;
  }
  return labels;
}

/**
 * Fills `resp` (n × k) with the initial responsibilities of `method` (see the file comment),
 * drawing from `rng`. O(n·k·d) ('kmeans++', 'random'), O(iterations·n·k·d) ('kmeans').
 * @internal
 */
export function initialResponsibilities(
  method: InitMethod,
  X: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: Random,
  resp: Float64Array,
): void {
  resp.fill(0);
  if (method === 'random') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) {
        const u = rng.uniform();
        resp[i * k + j] = u;
        s += u;
      }
      // s = 0 only if all k uniforms are exactly 0 (probability 2^(−53k)); share equally then.
      for (let j = 0; j < k; j++) resp[i * k + j] = s > 0 ? (resp[i * k + j] as number) / s : 1 / k;
    }
    return;
  }
  const seeds = kmeansPlusPlus(X, n, d, k, rng);
  const C = new Float64Array(k * d);
  for (let j = 0; j < k; j++)
    for (let a = 0; a < d; a++) C[j * d + a] = X[(seeds[j] as number) * d + a] as number;
  let labels: Int32Array;
  if (method === 'kmeans') {
    labels = lloyd(X, n, d, C, k);
  } else {
    labels = new Int32Array(n).fill(-1);
    assign(X, n, d, C, k, labels, new Float64Array(n), new Int32Array(k));
  }
  for (let i = 0; i < n; i++) resp[i * k + (labels[i] as number)] = 1;
}
