/**
 * A k-d tree over row-major Float64Array points, for exact k-nearest-neighbour and radius-count
 * queries in the max-norm (Chebyshev) and Euclidean metrics.
 *
 * Ours rather than a package: the estimators need both metrics, strict and non-strict radius
 * counts whose boundary comparisons are bit-for-bit those of a plain |a − b| (so counts agree
 * exactly with SciPy's cKDTree on the same data), and neighbour exclusion by index, on flat
 * Float64Arrays without per-point objects. The npm k-d trees we looked at offer Euclidean k-NN on
 * arrays of objects only.
 *
 * Layout: points copied into tree order (contiguous leaves for cache locality), median splits on
 * the dimension of largest spread (three-way partition, so heavy ties cannot degrade it), a
 * bounding box per node for pruning. Build O(n log n); queries O(log n) expected at low
 * dimension, degrading towards O(n) as d grows (hence the brute-force path in neighbors.ts).
 */

/** Distance used by a query. @internal */
export type Metric = 'chebyshev' | 'euclidean';

/** @internal */
export interface KdTree {
  readonly n: number;
  readonly d: number;
  /** Points in tree order, n × d. */
  readonly points: Float64Array;
  /** Original row of each tree position. */
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Child node ids, −1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Bounding boxes: node·d + j. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

const LEAF_SIZE = 16;

/** Builds a k-d tree over n points of dimension d (row-major). @internal */
export function buildKdTree(data: Float64Array, n: number, d: number): KdTree {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const maxNodes = 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1;
  const start = new Int32Array(maxNodes);
  const end = new Int32Array(maxNodes);
  const left = new Int32Array(maxNodes).fill(-1);
  const right = new Int32Array(maxNodes).fill(-1);
  const lo = new Float64Array(maxNodes * d);
  const hi = new Float64Array(maxNodes * d);
  let count = 0;

  // Explicit stack of (node, start, end) to build without recursion depth limits.
  const stack: number[] = [];
  const newNode = (s: number, e: number): number => {
    const id = count++;
    start[id] = s;
    end[id] = e;
    for (let j = 0; j < d; j++) {
      let mn = Number.POSITIVE_INFINITY;
      let mx = Number.NEGATIVE_INFINITY;
      for (let t = s; t < e; t++) {
        const v = data[(perm[t] as number) * d + j] as number;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
      lo[id * d + j] = mn;
      hi[id * d + j] = mx;
    }
    stack.push(id);
    return id;
  };
  if (n > 0) newNode(0, n);
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const s = start[id] as number;
    const e = end[id] as number;
    if (e - s <= LEAF_SIZE) continue;
    let dim = 0;
    let spread = -1;
    for (let j = 0; j < d; j++) {
      const w = (hi[id * d + j] as number) - (lo[id * d + j] as number);
      if (w > spread) {
        spread = w;
        dim = j;
      }
    }
    if (spread <= 0) continue; // all points identical: keep as a (large) leaf
    const m = (s + e) >>> 1;
    select(perm, data, d, dim, s, e - 1, m);
    left[id] = newNode(s, m);
    right[id] = newNode(m, e);
  }

  const points = new Float64Array(n * d);
  for (let t = 0; t < n; t++) {
    const r = perm[t] as number;
    for (let j = 0; j < d; j++) points[t * d + j] = data[r * d + j] as number;
  }
  return {
    n,
    d,
    points,
    index: perm,
    start: start.slice(0, count),
    end: end.slice(0, count),
    left: left.slice(0, count),
    right: right.slice(0, count),
    lo: lo.slice(0, count * d),
    hi: hi.slice(0, count * d),
  };
}

/** Reorders perm[lo..hi] so that perm[kth] holds the kth smallest key on `dim` (3-way quickselect). */
function select(
  perm: Int32Array,
  data: Float64Array,
  d: number,
  dim: number,
  lo: number,
  hi: number,
  kth: number,
): void {
  const key = (t: number) => data[(perm[t] as number) * d + dim] as number;
  const swap = (a: number, b: number) => {
    const x = perm[a] as number;
    perm[a] = perm[b] as number;
    perm[b] = x;
  };
  while (hi > lo) {
    const a = key(lo);
    const b = key((lo + hi) >>> 1);
    const c = key(hi);
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = key(i);
      if (v < pivot) swap(lt++, i++);
      else if (v > pivot) swap(i, gt--);
      else i++;
    }
    if (kth < lt) hi = lt - 1;
    else if (kth > gt) lo = gt + 1;
    else return;
  }
}

/**
 * Smallest distance from q to node's box: max-norm, or squared Euclidean.
 */
function boxMinDist(
  tree: KdTree,
  node: number,
  q: Float64Array,
  qo: number,
  cheb: boolean,
): number {
  const { d, lo, hi } = tree;
  let acc = 0;
  for (let j = 0; j < d; j++) {
    const v = q[qo + j] as number;
    const l = lo[node * d + j] as number;
    const h = hi[node * d + j] as number;
    const g = v < l ? l - v : v > h ? v - h : 0;
    if (cheb) {
      if (g > acc) acc = g;
    } else acc += g * g;
  }
  return acc;
}

/** Largest max-norm distance from q to any point of node's box. */
function boxMaxCheb(tree: KdTree, node: number, q: Float64Array, qo: number): number {
  const { d, lo, hi } = tree;
  let acc = 0;
  for (let j = 0; j < d; j++) {
    const v = q[qo + j] as number;
    const a = Math.abs(v - (lo[node * d + j] as number));
    const b = Math.abs(v - (hi[node * d + j] as number));
    const g = a > b ? a : b;
    if (g > acc) acc = g;
  }
  return acc;
}

/**
 * Reusable buffers for k-NN queries: a max-heap of (distance, tree position) of size k and a
 * traversal stack. One per estimator call; no allocation per query.
 * @internal
 */
export interface KnnScratch {
  readonly k: number;
  readonly dist: Float64Array;
  readonly pos: Int32Array;
  size: number;
  stack: Int32Array;
  stackDist: Float64Array;
}

/** @internal */
export function knnScratch(k: number, n: number): KnnScratch {
  const depth = 2 * Math.ceil(Math.log2(Math.max(2, n))) + 64;
  return {
    k,
    dist: new Float64Array(k),
    pos: new Int32Array(k),
    size: 0,
    stack: new Int32Array(depth),
    stackDist: new Float64Array(depth),
  };
}

function heapPush(h: KnnScratch, dist: number, pos: number): void {
  h.size = heapInsert(h.dist, h.pos, 0, h.size, h.k, dist, pos);
}

/**
 * Inserts (dist, pos) into the max-heap of capacity k stored at hd/hp[off ..]: pushed while it
 * has room, otherwise it replaces the root if strictly smaller. Returns the new size. Shared by
 * the tree, the brute-force scans and the blocked Euclidean path.
 * @internal
 */
export function heapInsert(
  hd: Float64Array,
  hp: Int32Array,
  off: number,
  size: number,
  k: number,
  dist: number,
  pos: number,
): number {
  if (size < k) {
    let i = size;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((hd[off + p] as number) >= dist) break;
      hd[off + i] = hd[off + p] as number;
      hp[off + i] = hp[off + p] as number;
      i = p;
    }
    hd[off + i] = dist;
    hp[off + i] = pos;
    return size + 1;
  }
  if (dist >= (hd[off] as number)) return size;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= k) break;
    const c = l + 1 < k && (hd[off + l + 1] as number) > (hd[off + l] as number) ? l + 1 : l;
    if ((hd[off + c] as number) <= dist) break;
    hd[off + i] = hd[off + c] as number;
    hp[off + i] = hp[off + c] as number;
    i = c;
  }
  hd[off + i] = dist;
  hp[off + i] = pos;
  return size;
}

/**
 * The k nearest neighbours of q among the tree's points, excluding the point whose original row
 * is `exclude` (−1: none). Leaves them in `h` (h.dist, h.pos as tree positions; unordered) and
 * returns the k-th smallest distance (max-norm, or Euclidean — not squared).
 * @internal
 */
export function knnQuery(
  tree: KdTree,
  q: Float64Array,
  qo: number,
  exclude: number,
  metric: Metric,
  h: KnnScratch,
): number {
  const { d, points, index, start, end, left, right } = tree;
  const cheb = metric === 'chebyshev';
  h.size = 0;
  const k = h.k;
  let sp = 0;
  h.stack[sp] = 0;
  h.stackDist[sp++] = 0;
  while (sp > 0) {
    sp--;
    const node = h.stack[sp] as number;
    const nd = h.stackDist[sp] as number;
    if (h.size === k && nd >= (h.dist[0] as number)) continue;
    const l = left[node] as number;
    if (l < 0) {
      const e = end[node] as number;
      for (let t = start[node] as number; t < e; t++) {
        if (index[t] === exclude) continue;
        const bound = h.size === k ? (h.dist[0] as number) : Number.POSITIVE_INFINITY;
        let acc = 0;
        const base = t * d;
        if (cheb) {
          for (let j = 0; j < d && acc < bound; j++) {
            const g = Math.abs((points[base + j] as number) - (q[qo + j] as number));
            if (g > acc) acc = g;
          }
        } else {
          for (let j = 0; j < d && acc < bound; j++) {
            const g = (points[base + j] as number) - (q[qo + j] as number);
            acc += g * g;
          }
        }
        if (acc < bound) heapPush(h, acc, t);
      }
      continue;
    }
    const r = right[node] as number;
    const dl = boxMinDist(tree, l, q, qo, cheb);
    const dr = boxMinDist(tree, r, q, qo, cheb);
    if (sp + 2 > h.stack.length) growStack(h);
    // Push the farther child first so the nearer one is explored first.
    if (dl <= dr) {
      h.stack[sp] = r;
      h.stackDist[sp++] = dr;
      h.stack[sp] = l;
      h.stackDist[sp++] = dl;
    } else {
      h.stack[sp] = l;
      h.stackDist[sp++] = dl;
      h.stack[sp] = r;
      h.stackDist[sp++] = dr;
    }
  }
  const kth = h.dist[0] as number;
  return cheb ? kth : Math.sqrt(kth);
}

function growStack(h: KnnScratch): void {
  const s = new Int32Array(h.stack.length * 2);
  s.set(h.stack);
  const sd = new Float64Array(h.stackDist.length * 2);
  sd.set(h.stackDist);
  h.stack = s;
  h.stackDist = sd;
}

/**
 * Number of tree points p with ‖p − q‖∞ < r (strict) or ≤ r (non-strict), the query point
 * itself included if it is in the tree. Boundary comparisons use |p_j − q_j| exactly.
 * @internal
 */
export function countWithinChebyshev(
  tree: KdTree,
  q: Float64Array,
  qo: number,
  r: number,
  strict: boolean,
  stack: Int32Array,
): number {
  const { d, points, start, end, left, right } = tree;
  let count = 0;
  let sp = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const node = stack[--sp] as number;
    const mn = boxMinDist(tree, node, q, qo, true);
    if (strict ? mn >= r : mn > r) continue;
    const mx = boxMaxCheb(tree, node, q, qo);
    if (strict ? mx < r : mx <= r) {
      count += (end[node] as number) - (start[node] as number);
      continue;
    }
    const l = left[node] as number;
    if (l < 0) {
      const e = end[node] as number;
      for (let t = start[node] as number; t < e; t++) {
        const base = t * d;
        let inside = true;
        for (let j = 0; j < d; j++) {
          const g = Math.abs((points[base + j] as number) - (q[qo + j] as number));
          if (strict ? g >= r : g > r) {
            inside = false;
            break;
          }
        }
        if (inside) count++;
      }
      continue;
    }
    stack[sp++] = l;
    stack[sp++] = right[node] as number;
  }
  return count;
}
