/**
 * Gram matrices evaluated block by block, so that HSIC never holds an n × n matrix: memory is
 * O(n·d + b²) for a block size b.
 */
import { InfoboundError } from '../core/errors.js';
import { type Samples, toSamples } from '../core/input.js';
import { checkSymmetric } from '../core/linalg.js';
import { dotBlock, rowSquaredNorms, squaredDistanceBlock } from '../core/pairwise.js';
import { createRandom } from '../core/random.js';
import type { Kernel } from './kernels.js';

/** A kernel bound to its samples: fills any block of the Gram matrix. @internal */
export interface Gram {
  readonly n: number;
  /** Bandwidth actually used (Gaussian and Laplace kernels). */
  readonly bandwidth?: number;
  /** out[(i − i0)(j1 − j0) + (j − j0)] = K(x_i, x_j). */
  block(i0: number, i1: number, j0: number, j1: number, out: Float64Array): void;
  /** The same kernel on the samples reordered by `perm` (row i of the result is row perm[i]). */
  permuted(perm: Int32Array): Gram;
}

/** Options of the median heuristic. @internal */
export interface MedianOptions {
  seed: number;
  sampleSize: number;
}

/**
 * Median of the pairwise Euclidean distances over i < j (NumPy's convention for an even count:
 * the mean of the two middle values), on all points up to `sampleSize` and on a seeded subsample
 * of that many above. Zero medians fall back to the median of the non-zero distances, then to 1.
 * @internal
 */
export function medianDistance(s: Samples, options: MedianOptions): number {
  const { n, d, data } = s;
  let idx: Int32Array;
  if (n > options.sampleSize) {
    idx = createRandom(options.seed).permutation(n).slice(0, options.sampleSize);
  } else {
    idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
  }
  const m = idx.length;
  const dist = new Float64Array((m * (m - 1)) / 2);
  let t = 0;
  for (let a = 0; a < m; a++) {
    const ao = (idx[a] as number) * d;
    for (let b = a + 1; b < m; b++) {
      const bo = (idx[b] as number) * d;
      let acc = 0;
      for (let k = 0; k < d; k++) {
        const g = (data[ao + k] as number) - (data[bo + k] as number);
        acc += g * g;
      }
      dist[t++] = Math.sqrt(acc);
    }
  }
  if (dist.length === 0) return 1;
  const med = median(dist);
  if (med > 0) return med;
  const positive = dist.filter((v) => v > 0);
  return positive.length > 0 ? median(positive) : 1;
}

/** Median of a Float64Array (sorts a copy; NumPy's even-count convention). */
function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const h = s.length >>> 1;
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

/** Centres columns in place: distances are unchanged, and ‖a‖² + ‖b‖² − 2a·b loses less. */
function centred(s: Samples): Float64Array {
  const { n, d } = s;
  const data = Float64Array.from(s.data);
  for (let k = 0; k < d; k++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + k] as number;
    m /= n;
    for (let i = 0; i < n; i++) data[i * d + k] = (data[i * d + k] as number) - m;
  }
  return data;
}

/**
 * Binds a kernel to samples (or, for a precomputed kernel, checks the Gram matrix).
 * @internal
 */
export function prepareGram(x: unknown, kernel: Kernel, name: string, median: MedianOptions): Gram {
  if (kernel.type === 'precomputed') {
    const g = toSamples(x, name);
    if (g.n !== g.d) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${name} is ${g.n} × ${g.d}: with precomputedKernel() it must be the square Gram matrix`,
      );
    }
    checkSymmetric(g.data, g.n, name, 'a Gram matrix');
    return precomputedGram(g.data, g.n);
  }
  return sampleGram(toSamples(x, name), kernel, name, median, undefined);
}

function precomputedGram(g: Float64Array, n: number, perm?: Int32Array): Gram {
  return {
    n,
    block(i0, i1, j0, j1, out) {
      const w = j1 - j0;
      if (!perm) {
        for (let i = i0; i < i1; i++) out.set(g.subarray(i * n + j0, i * n + j1), (i - i0) * w);
        return;
      }
      for (let i = i0; i < i1; i++) {
        const r = (perm[i] as number) * n;
        for (let j = j0; j < j1; j++)
          out[(i - i0) * w + (j - j0)] = g[r + (perm[j] as number)] as number;
      }
    },
    permuted: (p) => precomputedGram(g, n, perm ? p.map((i) => perm[i] as number) : p),
  };
}

/** Row i of the result is row perm[i] of s; perm may be shorter than s, or repeat rows. */
function permuteRows(s: Samples, perm: Int32Array): Samples {
  const { d, data } = s;
  const n = perm.length;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    out.set(data.subarray((perm[i] as number) * d, ((perm[i] as number) + 1) * d), i * d);
  return { data: out, n, d };
}

/**
 * The bandwidth a Gaussian or Laplace kernel has on these samples (the median heuristic resolved
 * as {@link prepareGram} does); undefined for the other kernels.
 * @internal
 */
export function resolveBandwidth(
  s: Samples,
  kernel: Kernel,
  median: MedianOptions,
): number | undefined {
  if (kernel.type !== 'gaussian' && kernel.type !== 'laplace') return undefined;
  return kernel.bandwidth === 'median' ? medianDistance(s, median) : kernel.bandwidth;
}

/**
 * The Gram matrix of selected rows of validated samples (row i is row rows[i]; rows may repeat),
 * with the bandwidth from {@link resolveBandwidth} on the full samples, so that blocks,
 * subsamples and Nyström landmarks all use the kernel of the whole sample.
 * @internal
 */
export function rowsGram(
  s: Samples,
  rows: Int32Array,
  kernel: Exclude<Kernel, { type: 'precomputed' }>,
  bandwidth: number | undefined,
  name: string,
): Gram {
  // A resolved bandwidth means the median options are never read.
  return sampleGram(permuteRows(s, rows), kernel, name, { seed: 0, sampleSize: 2 }, bandwidth);
}

/** A Gram matrix of samples; `fixedBandwidth` carries a resolved median over to permuted copies. */
function sampleGram(
  s: Samples,
  kernel: Exclude<Kernel, { type: 'precomputed' }>,
  name: string,
  median: MedianOptions,
  fixedBandwidth: number | undefined,
): Gram {
  const { n, d } = s;
  switch (kernel.type) {
    case 'gaussian':
    case 'laplace': {
      const bw =
        fixedBandwidth ??
        (kernel.bandwidth === 'median' ? medianDistance(s, median) : kernel.bandwidth);
      const data = centred(s);
      const norms = rowSquaredNorms(data, n, d);
      const gaussian = kernel.type === 'gaussian';
      const c = gaussian ? -1 / (2 * bw * bw) : -1 / bw;
      return {
        n,
        bandwidth: bw,
        block(i0, i1, j0, j1, out) {
          squaredDistanceBlock(data, norms, i0, i1, data, norms, j0, j1, d, out);
          const len = (i1 - i0) * (j1 - j0);
          if (gaussian) for (let t = 0; t < len; t++) out[t] = Math.exp(c * (out[t] as number));
          else for (let t = 0; t < len; t++) out[t] = Math.exp(c * Math.sqrt(out[t] as number));
        },
        permuted: (perm) => sampleGram(permuteRows(s, perm), kernel, name, median, bw),
      };
    }
    case 'linear':
      return {
        n,
        block: (i0, i1, j0, j1, out) => dotBlock(s.data, i0, i1, s.data, j0, j1, d, out),
        permuted: (perm) => sampleGram(permuteRows(s, perm), kernel, name, median, undefined),
      };
    case 'polynomial': {
      const { degree, scale, offset } = kernel;
      return {
        n,
        block(i0, i1, j0, j1, out) {
          dotBlock(s.data, i0, i1, s.data, j0, j1, d, out);
          const len = (i1 - i0) * (j1 - j0);
          for (let t = 0; t < len; t++) out[t] = (scale * (out[t] as number) + offset) ** degree;
        },
        permuted: (perm) => sampleGram(permuteRows(s, perm), kernel, name, median, undefined),
      };
    }
    case 'custom': {
      const rows = Array.from({ length: n }, (_, i) => s.data.subarray(i * d, (i + 1) * d));
      const fn = kernel.fn;
      return {
        n,
        block(i0, i1, j0, j1, out) {
          const w = j1 - j0;
          for (let i = i0; i < i1; i++) {
            for (let j = j0; j < j1; j++) {
              const v = fn(rows[i] as Float64Array, rows[j] as Float64Array);
              if (typeof v !== 'number' || !Number.isFinite(v)) {
                throw new InfoboundError(
                  'NON_FINITE',
                  `the custom kernel returned ${String(v)} for ${name} rows ${i} and ${j}: kernel values must be finite numbers`,
                );
              }
              out[(i - i0) * w + (j - j0)] = v;
            }
          }
        },
        permuted: (perm) => sampleGram(permuteRows(s, perm), kernel, name, median, undefined),
      };
    }
  }
}
