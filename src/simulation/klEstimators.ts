/**
 * The two ways the simulation estimates KL(P ‖ G) between mixtures: Monte Carlo with exact
 * log-densities (the default), and the authors' histogram protocol (reproduced for comparison,
 * flaws included), plus a corrected histogram variant with shared bin edges.
 */
import { InfoboundError } from '../core/errors.js';
import { sum } from '../core/numerics.js';
import { logDensity, type MixtureState } from '../gmm/em.js';
import { safeScale } from './options.js';

/**
 * The Monte Carlo terms `t_i = log p(x_i) − log q(x_i)` for the n rows of X (n × d, row-major),
 * written into `out` (length n). With X drawn from p, mean(t) is an unbiased estimate of
 * KL(p ‖ q) and its sample standard deviation / √n the standard error. O(n·(k_p + k_q)·d²).
 * @internal
 */
export function monteCarloKlTerms(
  p: MixtureState,
  q: MixtureState,
  X: Float64Array,
  n: number,
  out: Float64Array,
): void {
  const lq = new Float64Array(n);
  logDensity(p, X, n, out);
  logDensity(q, X, n, lq);
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) - (lq[i] as number);
}

/**
 * Mean and standard error (sample sd / √n, two-pass) of t; terms beyond 1e±150 are scaled by a
 * power of two first, so the squares never overflow. @internal
 */
export function meanAndStandardError(t: Float64Array): { mean: number; standardError: number } {
  const n = t.length;
  const c = safeScale(t);
  const mean = (c === 1 ? sum(t) : sum(t.map((v) => v * c))) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((t[i] as number) * c - mean) ** 2;
  return { mean: mean / c, standardError: n > 1 ? Math.sqrt(ss / (n - 1) / n) / c : 0 };
}

/** Per axis, `bins + 1` edges (row a: edges[a·(bins+1) .. ]). @internal */
export type Edges = Float64Array;

/**
 * numpy's default `histogramdd` edges for rows X (n × d): per axis `linspace(min, max, bins + 1)`
 * over the given rows (min − 0.5 and max + 0.5 when min = max), computed as numpy does
 * (`i·step + min`, the last edge set to max exactly).
 * @internal
 */
export function histogramEdges(
  rows: readonly { X: Float64Array; n: number }[],
  d: number,
  bins: number,
): Edges {
  const edges = new Float64Array(d * (bins + 1));
  for (let a = 0; a < d; a++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const { X, n } of rows) {
      for (let i = 0; i < n; i++) {
        const v = X[i * d + a] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    const step = (hi - lo) / bins;
    const o = a * (bins + 1);
    for (let e = 0; e < bins; e++) edges[o + e] = e * step + lo;
    edges[o + bins] = hi;
    // numpy accepts equal edges and then divides by a zero width (NaN densities); we refuse.
    for (let e = 0; e < bins; e++) {
      if (!((edges[o + e + 1] as number) > (edges[o + e] as number))) {
        throw new InfoboundError(
          'DEGENERATE_SAMPLES',
          `the draws' range on axis ${a} ([${lo}, ${hi}]) is too narrow for ${bins} bins at this magnitude: the histogram's bin edges coincide in double precision (use 'monte-carlo', fewer bins, or data whose spread is not lost in its magnitude)`,
        );
      }
    }
  }
  return edges;
}

/**
 * numpy's `histogramdd(X, bins=edges, density=True)`: the count of each of the bins^d cells
 * (first axis slowest, as `ravel` flattens), divided by the cell's widths axis by axis and by n.
 * A value on a cell's left edge belongs to that cell (`searchsorted(side='right')`), the last
 * edge to the last cell; rows outside the edges are not counted (they cannot occur here: the
 * edges always span the rows). O(n·d·log bins + bins^d).
 * @internal
 */
export function histogramDensity(
  X: Float64Array,
  n: number,
  d: number,
  bins: number,
  edges: Edges,
): Float64Array {
  const cells = bins ** d;
  const counts = new Float64Array(cells);
  const stride = bins + 1;
  for (let i = 0; i < n; i++) {
    let cell = 0;
    let inside = true;
    for (let a = 0; a < d; a++) {
      const v = X[i * d + a] as number;
      const o = a * stride;
      if (v < (edges[o] as number) || v > (edges[o + bins] as number)) {
        inside = false;
        break;
      }
      // Number of edges ≤ v (binary search over the bins + 1 edges), minus 1.
      let lo = 0;
      let hi = stride;
      while (lo < hi) {
        const m = (lo + hi) >>> 1;
        if ((edges[o + m] as number) <= v) lo = m + 1;
        else hi = m;
      }
      const b = Math.min(lo - 1, bins - 1);
      cell = cell * bins + b;
    }
    if (inside) counts[cell] = (counts[cell] as number) + 1;
  }
  const total = sum(counts);
  const widths = new Float64Array(d * bins);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < bins; b++) {
      widths[a * bins + b] =
        (edges[a * stride + b + 1] as number) - (edges[a * stride + b] as number);
    }
  }
  // Divide by each axis's width in turn, then by the total count: numpy's order of operations.
  // idx walks the cells' multi-indices in ravel order (last axis fastest).
  const idx = new Int32Array(d);
  const out = counts;
  for (let c = 0; c < cells; c++) {
    let v = out[c] as number;
    for (let a = 0; a < d; a++) v /= widths[a * bins + (idx[a] as number)] as number;
    out[c] = v / total;
    for (let a = d - 1; a >= 0; a--) {
      if ((idx[a] as number) + 1 < bins) {
        idx[a] = (idx[a] as number) + 1;
        break;
      }
      idx[a] = 0;
    }
  }
  return out;
}

/**
 * SciPy's `entropy(pk, qk)` on densities floored at `floor` (`np.clip(h, floor, None)`):
 * each vector renormalised to sum to 1, then `Σ p_c log(p_c / q_c)`. @internal
 */
export function clippedEntropy(p: Float64Array, q: Float64Array, floor: number): number {
  const m = p.length;
  const pc = new Float64Array(m);
  const qc = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    pc[c] = Math.max(p[c] as number, floor);
    qc[c] = Math.max(q[c] as number, floor);
  }
  const sp = sum(pc);
  const sq = sum(qc);
  const terms = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const x = (pc[c] as number) / sp;
    const y = (qc[c] as number) / sq;
    terms[c] = x * Math.log(x / y);
  }
  return sum(terms);
}

/**
 * The bin of v on axis `a` (edges at `o .. o + bins`): numpy's `searchsorted(edges, v, 'right') − 1`,
 * the last edge in the last bin, for edges[o] ≤ v ≤ edges[o + bins]. The edges are equally spaced
 * (`e·step + lo`), so the bin is computed directly and then moved by at most a step or two to
 * agree with the stored edges exactly (rounding of `(v − lo)/step` can be off by one at an edge):
 * O(1) instead of a binary search.
 */
function binOf(
  v: number,
  edges: Edges,
  o: number,
  bins: number,
  lo: number,
  scale: number,
): number {
  // A first guess from (v − lo)·bins/(hi − lo) (a product, not a quotient: only a guess), then
  // exact against the stored edges.
  let b = ((v - lo) * scale) | 0;
  if (b < 0) b = 0;
  else if (b > bins - 1) b = bins - 1;
  while (b > 0 && v < (edges[o + b] as number)) b--;
  while (b < bins - 1 && v >= (edges[o + b + 1] as number)) b++;
  return b;
}

/**
 * A density histogram stored by its occupied cells only: the simulation's histograms have
 * bins^d = 2500 cells but at most n = 1000 occupied, and every empty cell contributes the same
 * clipped value, so the KL needs only the occupied ones. @internal
 */
export interface SparseHistogram {
  /** bins^d. */
  cells: number;
  /** Occupied cells (ravel order index), in order of first occupation. */
  index: Int32Array;
  /** Their densities, exactly as {@link histogramDensity} computes them. */
  density: Float64Array;
}

/** Reusable buffers of a {@link sparseHistogram} with up to `capacity` occupied cells. @internal */
export interface HistogramBuffers {
  touched: Int32Array;
  density: Float64Array;
}

/** Buffers for histograms of up to n rows. @internal */
export function histogramBuffers(n: number): HistogramBuffers {
  return { touched: new Int32Array(n), density: new Float64Array(n) };
}

/**
 * {@link histogramDensity} restricted to the occupied cells, with the same densities bit for bit.
 * `counts` is scratch space of bins^d zeros, returned zeroed. With `buffers` (capacity ≥ n) the
 * result is a view into them, valid until their next use: no allocation per histogram. O(n·d)
 * (no binary search, no pass over empty cells).
 * @internal
 */
export function sparseHistogram(
  X: Float64Array,
  n: number,
  d: number,
  bins: number,
  edges: Edges,
  counts: Float64Array,
  buffers: HistogramBuffers = histogramBuffers(Math.min(n, bins ** d)),
): SparseHistogram {
  const cells = bins ** d;
  const stride = bins + 1;
  const los = new Float64Array(d);
  const his = new Float64Array(d);
  const scales = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    los[a] = edges[a * stride] as number;
    his[a] = edges[a * stride + bins] as number;
    scales[a] = bins / ((his[a] as number) - (los[a] as number));
  }
  const touched = buffers.touched;
  let m = 0;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    let cell = 0;
    let ok = true;
    for (let a = 0; a < d; a++) {
      const v = X[i * d + a] as number;
      const lo = los[a] as number;
      if (v < lo || v > (his[a] as number)) {
        ok = false;
        break;
      }
      cell = cell * bins + binOf(v, edges, a * stride, bins, lo, scales[a] as number);
    }
    if (!ok) continue;
    inside++;
    const c = counts[cell] as number;
    if (c === 0) touched[m++] = cell;
    counts[cell] = c + 1;
  }
  const index = touched.subarray(0, m);
  const density = buffers.density.subarray(0, m);
  for (let t = 0; t < m; t++) {
    const cell = index[t] as number;
    let v = counts[cell] as number;
    counts[cell] = 0;
    // numpy's order: divide by each axis's width (first axis first), then by the total count.
    let rest = cell;
    let place = cells;
    for (let a = 0; a < d; a++) {
      place /= bins;
      const b = Math.floor(rest / place);
      rest -= b * place;
      const o = a * stride;
      v /= (edges[o + b + 1] as number) - (edges[o + b] as number);
    }
    density[t] = v / inside;
  }
  return { cells, index, density };
}

/**
 * {@link clippedEntropy} of two sparse histograms on the same number of cells: the cells empty
 * in both, all with the same term, are counted instead of visited. Equal to the dense
 * computation up to the order of summation (a few ulps). `scratch` is bins^d zeros, returned
 * zeroed. O(occupied cells).
 * @internal
 */
export function sparseClippedEntropy(
  p: SparseHistogram,
  q: SparseHistogram,
  floor: number,
  scratch: Float64Array,
): number {
  const cells = p.cells;
  // Neumaier-compensated sums in local variables (this loop is the simulation's hot path).
  let s = 0;
  let comp = 0;
  const add = (v: number) => {
    const t = s + v;
    comp += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  };
  const clippedTotal = (h: SparseHistogram): number => {
    s = 0;
    comp = 0;
    for (let t = 0; t < h.density.length; t++) add(Math.max(h.density[t] as number, floor));
    add((cells - h.density.length) * floor);
    return s + comp;
  };
  const sp = clippedTotal(p);
  const sq = clippedTotal(q);
  // scratch[c] holds q's density (0 where q is empty), then −1 once c has been summed. A density
  // that underflowed to 0 reads as empty, which clips to the same floor.
  for (let t = 0; t < q.index.length; t++) scratch[q.index[t] as number] = q.density[t] as number;
  s = 0;
  comp = 0;
  let union = 0;
  for (let t = 0; t < p.index.length; t++) {
    const c = p.index[t] as number;
    const x = Math.max(p.density[t] as number, floor) / sp;
    const y = Math.max(scratch[c] as number, floor) / sq;
    add(x * Math.log(x / y));
    scratch[c] = -1;
    union++;
  }
  for (let t = 0; t < q.index.length; t++) {
    const c = q.index[t] as number;
    if (scratch[c] !== -1) {
      const x = floor / sp;
      const y = Math.max(q.density[t] as number, floor) / sq;
      add(x * Math.log(x / y));
      union++;
    }
    scratch[c] = 0;
  }
  for (let t = 0; t < p.index.length; t++) scratch[p.index[t] as number] = 0;
  const x0 = floor / sp;
  add((cells - union) * x0 * Math.log(x0 / (floor / sq)));
  // Every term is finite (x, y ≥ floor/total > 0), so the compensation is meaningful.
  return s + comp;
}
/**
 * One resample of the histogram protocol (klGap.ts): from draws XT ~ G, XA ~ the anchor fit and
 * XG ~ the generator fit (n × d each), `[KL(anchor ‖ G), KL(gen ‖ G)]` into `out`, each
 * {@link sparseClippedEntropy} of {@link sparseHistogram}s: with per-sample edges (the published
 * protocol) each sample on its own edges and G's histogram built once for both KLs; with
 * `shared` edges each pair on the edges spanning both. The returned function reuses its buffers,
 * so a resample allocates only the edges. The WebAssembly kernel (wasm/resample.ts) computes the
 * same bits. @internal
 */
export function histogramResampleKls(
  n: number,
  d: number,
  bins: number,
  floor: number,
  shared: boolean,
): (XT: Float64Array, XA: Float64Array, XG: Float64Array, out: Float64Array) => void {
  const cells = bins ** d;
  const counts = new Float64Array(cells);
  const scratch = new Float64Array(cells);
  const [bT, bA, bG] = [histogramBuffers(n), histogramBuffers(n), histogramBuffers(n)];
  const edgesOf = (X: Float64Array, Y?: Float64Array) =>
    histogramEdges(
      Y === undefined
        ? [{ X, n }]
        : [
            { X, n },
            { X: Y, n },
          ],
      d,
      bins,
    );
  const hist = (X: Float64Array, edges: Edges, buffers: HistogramBuffers) =>
    sparseHistogram(X, n, d, bins, edges, counts, buffers);
  const kl = (P: SparseHistogram, Q: SparseHistogram) => sparseClippedEntropy(P, Q, floor, scratch);
  return (XT, XA, XG, out) => {
    if (shared) {
      const eA = edgesOf(XA, XT);
      out[0] = kl(hist(XA, eA, bA), hist(XT, eA, bT));
      const eG = edgesOf(XG, XT);
      out[1] = kl(hist(XG, eG, bG), hist(XT, eG, bT));
    } else {
      const hT = hist(XT, edgesOf(XT), bT);
      out[0] = kl(hist(XA, edgesOf(XA), bA), hT);
      out[1] = kl(hist(XG, edgesOf(XG), bG), hT);
    }
  };
}

/**
 * The authors' histogram estimate of KL(P ‖ Q) from rows XP ~ P and XQ ~ Q (each n × d):
 * a `bins`-per-axis density histogram of each, the cells compared index by index, densities
 * clipped at `floor` and renormalised ({@link clippedEntropy}).
 *
 * `sharedEdges = false` is the published protocol: each histogram takes its edges from its own
 * rows, so cell c of P and cell c of Q generally cover different regions and the estimate is not
 * a consistent estimator of KL(P ‖ Q) (two samples of the same P give a value near 0 only because
 * their ranges nearly agree). `sharedEdges = true` is the corrected variant: both histograms on
 * the edges spanning both samples, a plug-in estimate of the KL between the binned distributions,
 * still biased by binning, by the floor (a cell P hits and Q misses contributes ~p_c·log(p_c/1e-10))
 * and by the finite sample.
 * @internal
 */
export function histogramKl(
  XP: Float64Array,
  nP: number,
  XQ: Float64Array,
  nQ: number,
  d: number,
  bins: number,
  floor: number,
  sharedEdges: boolean,
): number {
  const both = [
    { X: XP, n: nP },
    { X: XQ, n: nQ },
  ];
  const eP = histogramEdges(
    sharedEdges ? both : [both[0] as { X: Float64Array; n: number }],
    d,
    bins,
  );
  const eQ = sharedEdges
    ? eP
    : histogramEdges([both[1] as { X: Float64Array; n: number }], d, bins);
  return clippedEntropy(
    histogramDensity(XP, nP, d, bins, eP),
    histogramDensity(XQ, nQ, d, bins, eQ),
    floor,
  );
}
