/**
 * Gram matrices evaluated block by block, so that HSIC never holds an n × n matrix: memory is
 * O(n·d + b²) for a block size b.
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { type Samples, toSamples } from '../core/input.js';
import { checkSymmetric, exponentOf, ldexp } from '../core/linalg.js';
import { dotBlock, rowSquaredNorms, squaredDistanceBlock } from '../core/pairwise.js';
import { createRandom } from '../core/random.js';
import type { Kernel } from './kernels.js';

/** A kernel bound to its samples: fills any block of the Gram matrix. @internal */
export interface Gram {
  readonly n: number;
  /** Bandwidth actually used (Gaussian and Laplace kernels), in the data's units. */
  readonly bandwidth?: number;
  /**
   * The blocks hold K·2^exponent, not K: 0 (K itself, bit for bit) unless the kernel's values are
   * extreme (linear kernels on data beyond 2^±90, polynomial and precomputed Gram matrices beyond
   * 2^±200), where they are brought near 1 by this exact power of two so that products and sums
   * of them stay in range.
   * HSIC is bilinear in (K, L): divide by 2^(exponent of K + exponent of L) at the end
   * ({@link toKernelUnits}); CKA is a ratio and needs nothing.
   */
  readonly exponent: number;
  /** out[(i − i0)(j1 − j0) + (j − j0)] = K(x_i, x_j)·2^exponent. */
  block(i0: number, i1: number, j0: number, j1: number, out: Float64Array): void;
  /** The same kernel on the samples reordered by `perm` (row i of the result is row perm[i]). */
  permuted(perm: Int32Array): Gram;
}

/**
 * A kernel's data-dependent parameters, resolved once on the full samples so that blocks,
 * subsamples, permutations and Nyström landmarks all use the same kernel and the same scaling.
 * @internal
 */
export interface KernelScale {
  /** σ of a Gaussian or Laplace kernel (the median heuristic resolved), in the data's units. */
  readonly bandwidth?: number;
  /** The samples (centred, for Gaussian and Laplace) are used × 2^dataExponent (exact). */
  readonly dataExponent: number;
  /** Polynomial kernel: scale·x·y + offset is formed × 2^valueExponent (exact). */
  readonly valueExponent?: number;
  /** The Gram blocks hold K·2^exponent ({@link Gram.exponent}). */
  readonly exponent: number;
}

/** The magnitudes between which data, bandwidths and Gram values are used as given. */
const LOW = 2 ** -400;
const HIGH = 2 ** 400;

/** Kernel values whose magnitude is in [2^-200, 2^200) are used as given: see {@link Gram.exponent}. */
const GRAM_LOW = 2 ** -200;
const GRAM_HIGH = 2 ** 200;

/** The exponent bringing a Gram matrix of largest |value| `max` near 1, or 0 if it is not extreme. */
function gramExponent(max: number): number {
  return max > 0 && Number.isFinite(max) && (max < GRAM_LOW || max >= GRAM_HIGH)
    ? -exponentOf(max)
    : 0;
}

/**
 * A kernel value, or a sum of products of them, from the scaled blocks back in the kernel's own
 * units: v·2^−exponent. NON_FINITE when that is beyond the doubles (the true value overflows).
 * @internal
 */
export function toKernelUnits(v: number, exponent: number, what: string): number {
  const out = ldexp(v, -exponent);
  if (!Number.isFinite(out)) {
    const size = Number.isFinite(v)
      ? `about 1e${Math.round((Math.log2(Math.abs(v)) - exponent) * Math.LOG10E * Math.LN2)}`
      : formatValue(v);
    throw new InfoboundError(
      'NON_FINITE',
      `${what} is ${size}, beyond the range of doubles: the kernel values of X and Y are too large; rescale the data (or the kernel's scale)`,
    );
  }
  return out;
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
  // Differences are squared: below ~1e-154 they underflow and above ~1e154 they overflow. Data
  // whose largest |x| is outside [2^-400, 2^400) are used × 2^e (exact) and the median scaled
  // back; elsewhere the data as given, and the bits of before.
  let max = 0;
  for (let a = 0; a < m; a++) {
    const ao = (idx[a] as number) * d;
    for (let k = 0; k < d; k++) max = Math.max(max, Math.abs(data[ao + k] as number));
  }
  const e = max > 0 && (max < LOW || max >= HIGH) ? -exponentOf(max) : 0;
  // Scaling the values scales their differences exactly: up, always; down (data ≥ 2^400), except
  // between values some 2^600 below the largest, which become subnormal.
  const x = e === 0 ? data : data.map((v) => ldexp(v, e));
  const dist = new Float64Array((m * (m - 1)) / 2);
  let t = 0;
  for (let a = 0; a < m; a++) {
    const ao = (idx[a] as number) * d;
    for (let b = a + 1; b < m; b++) {
      const bo = (idx[b] as number) * d;
      let acc = 0;
      for (let k = 0; k < d; k++) {
        const g = (x[ao + k] as number) - (x[bo + k] as number);
        acc += g * g;
      }
      dist[t++] = Math.sqrt(acc);
    }
  }
  if (dist.length === 0) return 1;
  const med = median(dist);
  if (med > 0) return ldexp(med, -e);
  const positive = dist.filter((v) => v > 0);
  return positive.length > 0 ? ldexp(median(positive), -e) : 1;
}

/** Median of a Float64Array (sorts a copy; NumPy's even-count convention). */
function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const h = s.length >>> 1;
  return s.length % 2 === 1 ? (s[h] as number) : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

/**
 * A centred copy (distances are unchanged, and ‖a‖² + ‖b‖² − 2a·b loses less), × 2^e when e ≠ 0
 * (exact, after the centring, so that the centred values are those of the data as given).
 */
function centred(s: Samples, e = 0): Float64Array {
  const { n, d } = s;
  const data = Float64Array.from(s.data);
  for (let k = 0; k < d; k++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + k] as number;
    m /= n;
    for (let i = 0; i < n; i++) data[i * d + k] = (data[i * d + k] as number) - m;
  }
  if (e !== 0) for (let i = 0; i < data.length; i++) data[i] = ldexp(data[i] as number, e);
  return data;
}

/** Largest |value| of an array. */
function maxAbs(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] as number));
  return max;
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
    return precomputedGram(g.data, g.n, gramExponent(maxAbs(g.data)));
  }
  const s = toSamples(x, name);
  return sampleGram(s, kernel, name, resolveKernel(s, kernel, median));
}

function precomputedGram(g: Float64Array, n: number, exponent: number, perm?: Int32Array): Gram {
  return {
    n,
    exponent,
    block(i0, i1, j0, j1, out) {
      const w = j1 - j0;
      if (!perm) {
        for (let i = i0; i < i1; i++) out.set(g.subarray(i * n + j0, i * n + j1), (i - i0) * w);
      } else {
        for (let i = i0; i < i1; i++) {
          const r = (perm[i] as number) * n;
          for (let j = j0; j < j1; j++)
            out[(i - i0) * w + (j - j0)] = g[r + (perm[j] as number)] as number;
        }
      }
      if (exponent !== 0) {
        const len = (i1 - i0) * w;
        for (let t = 0; t < len; t++) out[t] = ldexp(out[t] as number, exponent);
      }
    },
    permuted: (p) => precomputedGram(g, n, exponent, perm ? p.map((i) => perm[i] as number) : p),
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
 * The bandwidth and scaling of a kernel on these samples ({@link KernelScale}), as
 * {@link prepareGram} resolves them:
 * - Gaussian and Laplace: σ given or by the median heuristic; the centred data and σ are used
 *   × 2^e when σ is outside [2^-400, 2^400) (then σ·2^e is in [1, 2): σ² neither underflows, as
 *   it did below ~1e-154 and made the diagonal exp(−∞·0) NaN, nor overflows), lowered if needed
 *   so that the centred data stay below 2^400 (their squared norms finite). The kernel depends on
 *   (x − y)/σ only, so this changes no value beyond rounding.
 * - Linear: data whose largest |x| is outside [2^-90, 2^90) are used × 2^e, bringing it to
 *   [1, 2), and the Gram matrix is K·2^(2e).
 * - Polynomial: the data as for the linear kernel, and scale·x·y + offset formed × 2^f (exact)
 *   when the bound on the values, (|scale|·max‖x‖² + |offset|)^degree, is outside
 *   [2^-200, 2^200), bringing it near 1: the Gram matrix is K·2^(degree·f).
 * Ordinary data and bandwidths get e = 0: the kernel values of before, bit for bit.
 * @internal
 */
export function resolveKernel(s: Samples, kernel: Kernel, median: MedianOptions): KernelScale {
  switch (kernel.type) {
    case 'gaussian':
    case 'laplace': {
      const bandwidth =
        kernel.bandwidth === 'median' ? medianDistance(s, median) : kernel.bandwidth;
      let e = bandwidth < LOW || bandwidth >= HIGH ? -exponentOf(bandwidth) : 0;
      const spread = maxAbs(centred(s));
      if (spread > 0 && ldexp(spread, e) >= HIGH) e = exponentOf(HIGH) - 1 - exponentOf(spread);
      return { bandwidth, dataExponent: e, exponent: 0 };
    }
    case 'linear': {
      const max = maxAbs(s.data);
      const e = max > 0 && (max < 2 ** -90 || max >= 2 ** 90) ? -exponentOf(max) : 0;
      return { dataExponent: e, exponent: 2 * e };
    }
    case 'polynomial': {
      // The data as the linear kernel takes them (× 2^g), and the values × 2^(degree·f), with
      // 2^f bringing the bound on |scale·x·y + offset|, |scale|·max‖x‖² + |offset|, near 1: then
      // (scale·2^(f−2g)·(x·2^g)·(y·2^g) + offset·2^f)^degree = (scale·x·y + offset)^degree·2^(degree·f)
      // with the same roundings, and no intermediate overflows.
      const max = maxAbs(s.data);
      const g = max > 0 && (max < 2 ** -90 || max >= 2 ** 90) ? -exponentOf(max) : 0;
      // log2 of max‖x‖², without forming it (it overflows above ~1e154).
      let log2Norm = Number.NEGATIVE_INFINITY;
      if (max > 0) {
        const { n, d, data } = s;
        let top = 0;
        for (let i = 0; i < n; i++) {
          let q = 0;
          for (let k = 0; k < d; k++) q += ((data[i * d + k] as number) / max) ** 2;
          top = Math.max(top, q);
        }
        log2Norm = 2 * Math.log2(max) + Math.log2(top);
      }
      const a = Math.log2(Math.abs(kernel.scale)) + log2Norm;
      const b = Math.log2(Math.abs(kernel.offset));
      const hi = Math.max(a, b);
      const lo = Math.min(a, b);
      const log2Bound = hi === Number.NEGATIVE_INFINITY ? hi : hi + Math.log2(1 + 2 ** (lo - hi));
      const log2Max = kernel.degree * log2Bound;
      const f =
        Number.isFinite(log2Max) && (log2Max < -200 || log2Max >= 200) ? -Math.floor(log2Bound) : 0;
      return { dataExponent: g, valueExponent: f, exponent: kernel.degree * f };
    }
    default:
      return { dataExponent: 0, exponent: 0 };
  }
}

/**
 * The Gram matrix of selected rows of validated samples (row i is row rows[i]; rows may repeat),
 * with the bandwidth and scaling from {@link resolveKernel} on the full samples, so that blocks,
 * subsamples and Nyström landmarks all use the kernel of the whole sample.
 * @internal
 */
export function rowsGram(
  s: Samples,
  rows: Int32Array,
  kernel: Exclude<Kernel, { type: 'precomputed' }>,
  scale: KernelScale,
  name: string,
): Gram {
  return sampleGram(permuteRows(s, rows), kernel, name, scale);
}

/** A Gram matrix of samples, with the parameters resolved on the full samples. */
function sampleGram(
  s: Samples,
  kernel: Exclude<Kernel, { type: 'precomputed' }>,
  name: string,
  scale: KernelScale,
): Gram {
  const { n, d } = s;
  const permuted = (perm: Int32Array) => sampleGram(permuteRows(s, perm), kernel, name, scale);
  const { exponent } = scale;
  switch (kernel.type) {
    case 'gaussian':
    case 'laplace': {
      const bw = scale.bandwidth as number;
      const data = centred(s, scale.dataExponent);
      const norms = rowSquaredNorms(data, n, d);
      const gaussian = kernel.type === 'gaussian';
      const sigma = ldexp(bw, scale.dataExponent);
      // A bandwidth far below the data's spread (given, say 1e-300 on data of size 1) can still
      // make c −Infinity, and c·0 on the diagonal NaN: clamped at −MAX_VALUE, the diagonal is 1
      // and every other value exp(−huge) = 0, the kernel's limit. Ordinary c are unchanged.
      const c = Math.max(gaussian ? -1 / (2 * sigma * sigma) : -1 / sigma, -Number.MAX_VALUE);
      return {
        n,
        bandwidth: bw,
        exponent,
        block(i0, i1, j0, j1, out) {
          squaredDistanceBlock(data, norms, i0, i1, data, norms, j0, j1, d, out);
          const len = (i1 - i0) * (j1 - j0);
          if (gaussian) for (let t = 0; t < len; t++) out[t] = Math.exp(c * (out[t] as number));
          else for (let t = 0; t < len; t++) out[t] = Math.exp(c * Math.sqrt(out[t] as number));
        },
        permuted,
      };
    }
    case 'linear': {
      const e = scale.dataExponent;
      const data = e === 0 ? s.data : s.data.map((v) => ldexp(v, e));
      return {
        n,
        exponent,
        block: (i0, i1, j0, j1, out) => dotBlock(data, i0, i1, data, j0, j1, d, out),
        permuted,
      };
    }
    case 'polynomial': {
      const g = scale.dataExponent;
      const f = scale.valueExponent ?? 0;
      const data = g === 0 ? s.data : s.data.map((v) => ldexp(v, g));
      const a = ldexp(kernel.scale, f - 2 * g);
      const offset = ldexp(kernel.offset, f);
      const { degree } = kernel;
      return {
        n,
        exponent,
        block(i0, i1, j0, j1, out) {
          dotBlock(data, i0, i1, data, j0, j1, d, out);
          const w = j1 - j0;
          const len = (i1 - i0) * w;
          for (let t = 0; t < len; t++) {
            const v = (a * (out[t] as number) + offset) ** degree;
            // Scaled near 1 (resolveKernel), v cannot overflow: kept as a guard for the contract.
            if (!Number.isFinite(v)) {
              const i = i0 + Math.floor(t / w);
              throw new InfoboundError(
                'NON_FINITE',
                `the polynomial kernel overflows on ${name} rows ${i} and ${j0 + (t % w)}: (scale·x·y + offset)^degree is beyond the range of doubles; rescale the data (or the kernel's scale)`,
              );
            }
            out[t] = v;
          }
        },
        permuted,
      };
    }
    case 'custom': {
      const rows = Array.from({ length: n }, (_, i) => s.data.subarray(i * d, (i + 1) * d));
      const fn = kernel.fn;
      return {
        n,
        exponent,
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
        permuted,
      };
    }
  }
}
