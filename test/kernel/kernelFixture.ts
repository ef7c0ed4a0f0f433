/**
 * test/fixtures/kernel/kernel.json (see generate.py beside it), its types, and the tolerances the
 * kernel tests derive from its error model. Shared by the four kernel test files.
 *
 * Tolerances. The reference values are computed in 80-bit long double from dense matrices, so
 * their own error (~1e-18 relative) is negligible: what a test measures is infobound's rounding,
 * which has two sources, both stored per case by generate.py.
 *
 * 1. Gram entries. infobound evaluates ‖a − b‖² as ‖a‖² + ‖b‖² − 2a·b on centred data. The
 *    expansion's rounding is about ε·(‖a‖² + ‖b‖²), not ε·‖a − b‖², so a Gaussian kernel value
 *    exp(−‖a − b‖²/(2σ²)) carries a relative error of order ε·(‖a‖² + ‖b‖²)/(2σ²) (times d + 4
 *    for the d-term sums, the centring and the two additions, worst case). For well-scaled data
 *    (centred, σ ~ the spread) that is ~10–40ε ≈ 1e-14: far inside 1e-12. generate.py writes this
 *    bound per entry (`bound` in `gram`; Laplace, linear and polynomial have their own versions,
 *    spelled out there), and its propagation into HSIC, Σ u_ij·|L̄_ij| + Σ u_ij·|K̄_ij| over
 *    (n − 1)², as `entryScale` (units of ε).
 *
 * 2. The sums. tr(KHLH) is computed in one pass as Σ K∘L − (2/n) r^K·r^L + (1ᵀK1)(1ᵀL1)/n², so
 *    any rounding is relative to the size of those terms, `termScale`, not to HSIC: when X and Y
 *    are nearly independent HSIC is ~1/n of its terms and the cancellation costs log10(n) digits
 *    whatever the summation. Within a block of b × b entries (b = min(n, 256) by default) the
 *    products are added in a plain double; across blocks and in the row-sum dot products the sums
 *    are compensated. A plain sum of m terms with independent rounding errors is off by about
 *    √m·u·Σ|terms| (u = 2^-53; Higham & Mary 2019, SIAM J. Sci. Comput. 41(5), the "rule of
 *    thumb" of Higham 2002 §4.2). That independence fails when the same values repeat, as with
 *    discrete data (repeated rows make repeated Gram values): then the errors add coherently and
 *    only the worst-case bound (m − 1)·u·Σ|terms| (Higham 2002, eq. 4.4) holds. So with m = b²:
 *      allowance = (ties ? b² : b)·u·termScale + ε·entryScale.
 *
 * A value passes when |got − expected| ≤ 1e-12·|expected| + allowance. For well-conditioned
 * cases the allowance is far below 1e-12 relative and the test is the brief's 1e-12; it only
 * matters where the conditioning says 1e-12 is not attainable (independent pairs at n ≥ 200,
 * discrete data), and each such case's allowance follows from its stored scales, not from the
 * error it happens to show. (Measured: continuous data come within 6% of the √m bound, discrete
 * data within 3× of the √m bound, i.e. well inside the b² one.)
 */
import type { Samples } from '../../src/core/input.js';
import { prepareGram } from '../../src/kernel/gram.js';
import {
  gaussianKernel,
  type Kernel,
  laplaceKernel,
  linearKernel,
  polynomialKernel,
} from '../../src/kernel/kernels.js';
import { readFixture } from '../helpers.js';

/** Unit roundoff and machine epsilon of float64. */
export const U = 2 ** -53;
export const EPS = 2 ** -52;
/** The brief's relative tolerance for HSIC, CKA and Gram values on well-conditioned data. */
export const REL = 1e-12;

export type KernelSpec =
  | { type: 'gaussian' | 'laplace'; bandwidth: number | 'median' }
  | { type: 'linear' }
  | { type: 'polynomial'; degree: number; scale: number; offset: number };

interface SampleSet {
  n: number;
  d: number;
  values: number[];
}

export interface MedianCase {
  name: string;
  X: string;
  expected: number;
}

export interface GramCase {
  name: string;
  X: string;
  kernel: KernelSpec;
  bandwidth?: number;
  values: number[];
  /** ε·u_ij: a first-order worst-case bound on entry (i, j)'s rounding error (3 digits). */
  bound: number[];
}

export interface HsicCase {
  name: string;
  X: string;
  Y: string;
  kernelX: KernelSpec;
  kernelY: KernelSpec;
  bandwidthX?: number;
  bandwidthY?: number;
  ties: boolean;
  biased: number;
  termScale: number;
  entryScale: number;
  cka: number;
  hsicKK: number;
  termScaleKK: number;
  entryScaleKK: number;
  hsicLL: number;
  termScaleLL: number;
  entryScaleLL: number;
  unbiased?: number;
  termScaleU?: number;
  entryScaleU?: number;
}

export interface GammaCase {
  name: string;
  X: string;
  Y: string;
  kernelX: KernelSpec;
  kernelY: KernelSpec;
  statistic: number;
  hsic: number;
  shape: number;
  scale: number;
  mean: number;
  variance: number;
  pValue: number;
  pValueMpmath: number;
  sensitivityStatistic: number;
  sensitivityShape: number;
}

export const fixture = readFixture('kernel/kernel.json') as {
  samples: Record<string, SampleSet>;
  median: MedianCase[];
  gram: GramCase[];
  hsic: HsicCase[];
  gamma: GammaCase[];
};

function sampleSet(name: string): SampleSet {
  const s = fixture.samples[name];
  if (s === undefined) throw new Error(`no samples ${name} in kernel.json`);
  return s;
}

/** A fixture sample set as rows (`number[][]`, what users pass). */
export function rows(name: string): number[][] {
  const s = sampleSet(name);
  return Array.from({ length: s.n }, (_, i) => s.values.slice(i * s.d, (i + 1) * s.d));
}

/** A fixture sample set in the internal row-major form. */
export function samples(name: string): Samples {
  const s = sampleSet(name);
  return { data: Float64Array.from(s.values), n: s.n, d: s.d };
}

/** The infobound kernel a fixture spec describes. */
export function toKernel(spec: KernelSpec): Kernel {
  switch (spec.type) {
    case 'gaussian':
      return gaussianKernel({ bandwidth: spec.bandwidth });
    case 'laplace':
      return laplaceKernel({ bandwidth: spec.bandwidth });
    case 'linear':
      return linearKernel();
    case 'polynomial':
      return polynomialKernel({ degree: spec.degree, scale: spec.scale, offset: spec.offset });
  }
}

export function hsicCase(name: string): HsicCase {
  const c = fixture.hsic.find((h) => h.name === name);
  if (c === undefined) throw new Error(`no HSIC case ${name} in kernel.json`);
  return c;
}

/**
 * The rounding allowance of a one-pass trace with these scales (see the file comment): the sum
 * term for blocks of `blockSize` rows (√m = b for independent roundings, m = b² with ties), plus
 * the Gram entries' propagated error.
 */
export function allowance(
  termScale: number,
  entryScale: number,
  n: number,
  ties: boolean,
  blockSize = 256,
): number {
  // The longest plain sums: a block's b² products, and each row sum r_i, which gathers n values
  // across blocks (so √n even with blockSize 1).
  const m = Math.max(Math.min(n, blockSize) ** 2, n);
  return (ties ? m : Math.sqrt(m)) * U * termScale + EPS * entryScale;
}

/**
 * The rounding allowance (absolute) of a case's biased or unbiased HSIC; a value passes when
 * |got − expected| ≤ REL·|expected| + this.
 */
export function hsicAllowance(c: HsicCase, estimator: 'biased' | 'unbiased', blockSize = 256) {
  const n = sampleSet(c.X).n;
  return estimator === 'biased'
    ? allowance(c.termScale, c.entryScale, n, c.ties, blockSize)
    : allowance(c.termScaleU as number, c.entryScaleU as number, n, c.ties, blockSize);
}

/**
 * Relative tolerance for CKA = t_KL / √(t_KK·t_LL): the relative errors of the three traces
 * combine as δ_KL + ½δ_KK + ½δ_LL (first order), plus a few u for the square root and division.
 * Only meaningful when both t_KK and t_LL are non-zero.
 */
export function ckaRelTolerance(c: HsicCase): number {
  const n = sampleSet(c.X).n;
  const rel = (value: number, term: number, entry: number) =>
    allowance(term, entry, n, c.ties) / Math.abs(value);
  return (
    REL +
    rel(c.biased, c.termScale, c.entryScale) +
    0.5 * rel(c.hsicKK, c.termScaleKK, c.entryScaleKK) +
    0.5 * rel(c.hsicLL, c.termScaleLL, c.entryScaleLL) +
    4 * U
  );
}

/**
 * The error model's two scales (see generate.py) for the biased HSIC of samples the tests make up
 * themselves (property tests), for Gaussian, Laplace, linear and polynomial kernels: `termScale` from the
 * Gram matrices, `entryScale` from the same per-entry bounds u_ij generate.py uses.
 */
export function errorScales(
  X: number[][],
  Y: number[][],
  kx: Kernel,
  ky: Kernel,
): { termScale: number; entryScale: number } {
  const n = X.length;
  const gx = gramWithBounds(X, kx);
  const gy = gramWithBounds(Y, ky);
  const rK = rowSums(gx.K, n);
  const rL = rowSums(gy.K, n);
  let sKL = 0;
  let dot = 0;
  let sK = 0;
  let sL = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      sKL += Math.abs((gx.K[i * n + j] as number) * (gy.K[i * n + j] as number));
    dot += Math.abs((rK[i] as number) * (rL[i] as number));
    sK += rK[i] as number;
    sL += rL[i] as number;
  }
  const Kc = centre(gx.K, rK, sK, n);
  const Lc = centre(gy.K, rL, sL, n);
  let entry = 0;
  for (let t = 0; t < n * n; t++) {
    entry += (gx.u[t] as number) * Math.abs(Lc[t] as number);
    entry += (gy.u[t] as number) * Math.abs(Kc[t] as number);
  }
  const m = (n - 1) * (n - 1);
  return {
    termScale: (sKL + (2 / n) * dot + Math.abs(sK * sL) / (n * n)) / m,
    entryScale: entry / m,
  };
}

function rowSums(K: Float64Array, n: number): Float64Array {
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) r[i] = (r[i] as number) + (K[i * n + j] as number);
  return r;
}

function centre(K: Float64Array, r: Float64Array, s: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i * n + j] =
        (K[i * n + j] as number) - (r[i] as number) / n - (r[j] as number) / n + s / (n * n);
    }
  }
  return out;
}

/** The Gram matrix (from the exact differences, not infobound's expansion) and u_ij (units of ε). */
function gramWithBounds(X: number[][], k: Kernel): { K: Float64Array; u: Float64Array } {
  const n = X.length;
  const d = (X[0] as number[]).length;
  const K = new Float64Array(n * n);
  const u = new Float64Array(n * n);
  if (k.type === 'linear' || k.type === 'polynomial') {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let dotv = 0;
        let abs = 0;
        for (let c = 0; c < d; c++) {
          const p = (X[i] as number[])[c] as number;
          const q = (X[j] as number[])[c] as number;
          dotv += p * q;
          abs += Math.abs(p * q);
        }
        if (k.type === 'linear') {
          K[i * n + j] = dotv;
          u[i * n + j] = d * abs;
        } else {
          const base = k.scale * dotv + k.offset;
          const v = base ** k.degree;
          K[i * n + j] = v;
          u[i * n + j] =
            k.degree *
              Math.abs(base) ** (k.degree - 1) *
              (d * Math.abs(k.scale) * abs + Math.abs(k.offset) + Math.abs(base)) +
            2 * Math.abs(v);
        }
      }
    }
    return { K, u };
  }
  if (k.type !== 'gaussian' && k.type !== 'laplace') throw new Error(`errorScales: ${k.type}`);
  const sigma = (prepareGram(X, k, 'X', { seed: 0, sampleSize: 1000 }) as { bandwidth: number })
    .bandwidth;
  const median = k.bandwidth === 'median';
  const mean = new Float64Array(d);
  for (const row of X)
    for (let c = 0; c < d; c++) mean[c] = (mean[c] as number) + (row[c] as number) / n;
  const sq = X.map((row) => row.reduce((a, v, c) => a + (v - (mean[c] as number)) ** 2, 0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let D = 0;
      for (let c = 0; c < d; c++)
        D += (((X[i] as number[])[c] as number) - ((X[j] as number[])[c] as number)) ** 2;
      const dD = (d + 4) * ((sq[i] as number) + (sq[j] as number));
      const dsig = median ? (d + 5) / 2 : 0;
      if (k.type === 'gaussian') {
        const v = Math.exp(-D / (2 * sigma * sigma));
        K[i * n + j] = v;
        u[i * n + j] = v * (2 + dD / (2 * sigma * sigma) + (dsig * D) / (sigma * sigma));
      } else {
        const r = Math.sqrt(D);
        const v = Math.exp(-r / sigma);
        K[i * n + j] = v;
        const dr = Math.min(dD / (2 * r), Math.sqrt(dD / EPS));
        u[i * n + j] = r > 0 ? v * (2 + dr / sigma + (dsig * r) / sigma) : 0;
      }
    }
  }
  return { K, u };
}
