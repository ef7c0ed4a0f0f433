/**
 * The numerics of a Gaussian mixture as plain functions on flat row-major Float64Arrays: the
 * E-step (log-space responsibilities), the M-step (weights, means, covariances + regCovar) and
 * the Cholesky-parametrised precisions, each following scikit-learn's `_gaussian_mixture.py`
 * (`_estimate_log_gaussian_prob`, `_estimate_gaussian_parameters`,
 * `_compute_precision_cholesky`) so that a fit from the same initial parameters gives the same
 * parameters to rounding. Where we differ it is for accuracy (noted at the spot), never in the
 * mathematics.
 *
 * Shapes (as scikit-learn's): weights k; means k × d; covariances and precisionsCholesky
 * full k × d × d, diag k × d, spherical k, tied d × d. For 'full' and 'tied' a precision
 * Cholesky factor U is upper triangular with U·Uᵀ = Σ⁻¹ (scikit-learn's `inv(chol(Σ))ᵀ`), so
 * that the Mahalanobis term is ‖(x − μ)ᵀ U‖².
 */
import { InfoboundError } from '../core/errors.js';
import { createWasmEStepBlock, type EStepKernel } from './wasm/eStepBlock.js';

/** How the components' covariances are parametrised (scikit-learn's `covariance_type`). @public */
export type CovarianceType = 'full' | 'diag' | 'spherical' | 'tied';

/** The covariance types, in the order error messages list them. @internal */
export const COVARIANCE_TYPES: readonly CovarianceType[] = ['full', 'diag', 'spherical', 'tied'];

/** log(2π). */
const LOG_2PI = Math.log(2 * Math.PI);

// 2^(i/32) = EXP_HI[i] + EXP_LO[i] to ~106 bits, i = 0 .. 31 (from mpmath at 200 bits, each
// double printed to round-trip exactly).
const EXP_HI = new Float64Array([
  1.0,
  1.0218971486541166,
  1.0442737824274138,
  1.0671404006768237,
  1.0905077326652577,
  1.1143867425958924,
  1.1387886347566916,
  1.1637248587775775,
  1.189207115002721,
  1.215247359980469,
  1.241857812073484,
  1.2690509571917332,
  1.2968395546510096,
  1.3252366431597413,
  1.3542555469368927,
  1.383909881963832,
  Math.SQRT2,
  1.4451808069770467,
  1.4768261459394993,
  1.5091644275934228,
  1.5422108254079407,
  1.5759808451078865,
  1.6104903319492543,
  1.645755478153965,
  1.681792830507429,
  1.718619298122478,
  1.7562521603732995,
  1.7947090750031072,
  1.8340080864093424,
  1.8741676341103,
  1.9152065613971474,
  1.9571441241754002,
]);
const EXP_LO = new Float64Array([
  0.0, 5.109225028973444e-17, 8.551889705537965e-17, -7.899853966841582e-17, -3.046782079812471e-17,
  1.0410278456845571e-16, 8.912812676025408e-17, 3.8292048369240935e-17, 3.982015231465646e-17,
  -7.712630692681488e-17, 4.658027591836937e-17, 2.667932131342186e-18, 2.5382502794888315e-17,
  -2.8587312100388614e-17, 7.70094837980299e-17, -6.770511658794786e-17, -9.667293313452913e-17,
  -3.0237581349939873e-17, -3.483994556892796e-17, -1.016455327754295e-16, 7.949834809697621e-17,
  -1.0136916471278304e-17, 2.4707192569797888e-17, -1.0125679913674773e-16, 8.199010020581497e-17,
  -1.851380418263111e-17, 2.960140695448873e-17, 1.8227458427912087e-17, 3.283107224245627e-17,
  -6.122763413004143e-17, -1.0619946056195963e-16, 8.960767791036668e-17,
]);
/** 2^m at [m + 1022], m = −1022 .. 1023, built by exact doublings and halvings. */
const POW2 = new Float64Array(2046);
for (let m = 0, v = 1; m <= 1023; m++, v *= 2) POW2[m + 1022] = v;
for (let m = 0, v = 1; m >= -1022; m--, v /= 2) POW2[m + 1022] = v;
/** 32/ln 2. */
const EXP_INV_LN2_32 = 46.16624130844683;
/** ln2/32 in two parts, the first with 32 significant bits (fdlibm's ln2_hi), so k·hi is exact for |k| < 2^21. */
const EXP_LN2_32_HI = 0.6931471803691238 / 32;
const EXP_LN2_32_LO = 1.9082149292705877e-10 / 32;
/** 1.5·2^52: adding and subtracting it rounds a |value| < 2^51 to the nearest integer. */
const EXP_SHIFT = 6755399441055744;

/**
 * e^x with only IEEE-754 +, −, ×, comparisons and table lookups, so it returns the same double
 * in every JavaScript engine (Math.exp is each engine's own libm: V8's fdlibm port,
 * SpiderMonkey's and JavaScriptCore's differ in the last bit on some inputs), and ~2× faster
 * than V8's Math.exp in the E-step loop. Tang's table method: x = (32m + i)·ln2/32 + r with
 * |r| ≤ ln2/64 (Cody–Waite reduction), e^x = 2^m · 2^(i/32) · e^r, e^r − 1 by its degree-6
 * Taylor polynomial (truncation < 4e−18 relative), 2^(i/32) as a head and tail. Error < 1 ulp
 * over the normal range (tested against mpmath and Math.exp in test/gmm/emExp.test.ts); below
 * e^−708 the result is subnormal and scaled in two steps (≤ 1 ulp of the subnormal). NaN → NaN,
 * x > ln(MAX_VALUE) → Infinity, x < −746 → 0.
 * @internal
 */
export function expDeterministic(x: number): number {
  if (!(x >= -746)) return Number.isNaN(x) ? x : 0;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  const kd = x * EXP_INV_LN2_32 + EXP_SHIFT - EXP_SHIFT;
  const r = x - kd * EXP_LN2_32_HI - kd * EXP_LN2_32_LO;
  const ki = kd | 0;
  const m = ki >> 5;
  const h = EXP_HI[ki & 31] as number;
  const r2 = r * r;
  const p = r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120) + r2 * (1 / 720)));
  const y = h + ((EXP_LO[ki & 31] as number) + h * p);
  if (m >= -1022) {
    // m = 1024 only where y < 1 (x just below ln(MAX_VALUE)).
    return m <= 1023 ? y * (POW2[m + 1022] as number) : y * 2 * (POW2[2045] as number);
  }
  return y * (POW2[m + 64 + 1022] as number) * 5.421010862427522e-20; // 2^−64
}

/** The WebAssembly SIMD kernels: undefined until first asked for, null where unavailable. */
let wasmEStep: EStepKernel | null | undefined;

/**
 * The WebAssembly SIMD kernels of the EM iteration (src/gmm/wasm/eStepBlock.wat: the E-step
 * block, diag/spherical or full/tied, with the M-step's fused pass 1, and the M-step's pass 2), created on first
 * use, or null where WebAssembly SIMD is unavailable or refused (the JavaScript loops run
 * instead, with the same bits). @internal
 */
export function eStepKernel(): EStepKernel | null {
  if (wasmEStep === undefined)
    wasmEStep =
      createWasmEStepBlock(
        typeof WebAssembly === 'undefined' ? undefined : WebAssembly,
        EXP_HI,
        EXP_LO,
      ) ?? null;
  return wasmEStep;
}

/**
 * Tests and benchmarks: run EM with this kernel (null: the JavaScript path; undefined: the
 * default again). @internal
 */
export function setEStepKernel(kernel: EStepKernel | null | undefined): void {
  wasmEStep = kernel;
}

/** scikit-learn's floor on a component's effective count, `10 · finfo(float64).eps`. */
export const COUNT_FLOOR = 10 * Number.EPSILON;

/** The parameters of a mixture, flat. @internal */
export interface MixtureState {
  readonly covarianceType: CovarianceType;
  readonly k: number;
  readonly d: number;
  /** k mixing weights (a distribution). */
  readonly weights: Float64Array;
  /** k × d means. */
  readonly means: Float64Array;
  /** full k·d·d, diag k·d, spherical k, tied d·d. */
  readonly covariances: Float64Array;
  /** Same shape as covariances: upper triangular U (U Uᵀ = Σ⁻¹) or 1/√σ². */
  readonly precisionsCholesky: Float64Array;
}

/** Number of stored covariance entries for a type. @internal */
export function covarianceLength(type: CovarianceType, k: number, d: number): number {
  switch (type) {
    case 'full':
      return k * d * d;
    case 'diag':
      return k * d;
    case 'spherical':
      return k;
    case 'tied':
      return d * d;
  }
}

/** The shape of the covariances (and precisions) of a type, as scikit-learn reports it. @internal */
export function covarianceShape(type: CovarianceType, k: number, d: number): number[] {
  switch (type) {
    case 'full':
      return [k, d, d];
    case 'diag':
      return [k, d];
    case 'spherical':
      return [k];
    case 'tied':
      return [d, d];
  }
}

/** A mixture with zeroed parameters of the right sizes. @internal */
export function emptyState(type: CovarianceType, k: number, d: number): MixtureState {
  const m = covarianceLength(type, k, d);
  return {
    covarianceType: type,
    k,
    d,
    weights: new Float64Array(k),
    means: new Float64Array(k * d),
    covariances: new Float64Array(m),
    precisionsCholesky: new Float64Array(m),
  };
}

/** A deep copy. @internal */
export function cloneState(s: MixtureState): MixtureState {
  return {
    covarianceType: s.covarianceType,
    k: s.k,
    d: s.d,
    weights: s.weights.slice(),
    means: s.means.slice(),
    covariances: s.covariances.slice(),
    precisionsCholesky: s.precisionsCholesky.slice(),
  };
}

/**
 * Scratch buffers reused across E- and M-steps, so that an EM iteration allocates nothing.
 * @internal
 */
export interface Workspace {
  /** Per component: log w_j + log det U_j − (d/2) log 2π. */
  readonly constants: Float64Array;
  /**
   * full/tied: each factor U packed by groups of four columns a₀..a₀+3, rows e = 0 ..
   * min(a₀ + 3, d − 1), four values per row (zero beyond the triangle and beyond d), the order
   * the E-step's register tile reads them; diag: U².
   */
  readonly factors: Float64Array;
  /** M-step accumulators: k·d'·d' (full), d'·d' (tied), d' = d rounded up to 4; k·d otherwise. */
  readonly acc: Float64Array;
  /** Σ_i r_ij of the last M-step, without scikit-learn's 10ε floor. */
  readonly counts: Float64Array;
  /** d·d scratch for a Cholesky factorisation. */
  readonly chol: Float64Array;
  /** A block of BLOCK samples transposed (d' × BLOCK, rows ≥ d stay 0): xt[a·BLOCK + s] = x_{i0+s, a}. */
  readonly xt: Float64Array;
  /** The running squared Mahalanobis norms of a block (diag/spherical E-step), then its row sums. */
  readonly sq: Float64Array;
  /** The row maxima of a block (diag/spherical E-step). */
  readonly mx: Float64Array;
  /**
   * k × BLOCK, component-major: a block's weighted log probabilities then exponentials
   * (diag/spherical E-step), or its responsibilities transposed (M-step), so that the inner
   * loops run along samples, contiguous, inside the L1 cache.
   */
  readonly kb: Float64Array;
  /** The responsibilities transposed (k × n), so the M-step reads each component's contiguously; grown on first use. */
  rt: Float64Array;
  /**
   * Set by the diag/spherical E-step (and full/tied on the WebAssembly kernel): the state and responsibilities it has just computed, with
   * `rt` and pass 1 of the M-step on them (fusedCounts: Σ_i r_ij, fusedSums: Σ_i r_ij x_i)
   * done while each block was in cache. An M-step called with these same two objects reuses
   * them; any other call clears them. Callers must not write `resp` between the two.
   */
  fusedState: MixtureState | undefined;
  fusedResp: Float64Array | undefined;
  readonly fusedCounts: Float64Array;
  readonly fusedSums: Float64Array;
}

/**
 * Samples per block in the M-step (and the diag/spherical E-step). Each block is transposed to
 * d' × BLOCK so that the inner loops run along samples, contiguous and long, instead of along
 * the d coordinates of one sample (1 to d iterations, too short for the JIT). A d = 32 block is
 * 32 KiB. Measured at d = 8, n = 20000, k = 10 (CPU time per M-step, full): 64 → 9.5 ms,
 * 128 → 9.1 ms, 256 → 9.1 ms.
 */
export const BLOCK = 128;

/** @internal */
export function createWorkspace(type: CovarianceType, k: number, d: number): Workspace {
  const dp = padded(d);
  const nf = type === 'full' ? k : 1;
  const matrix = type === 'full' || type === 'tied';
  return {
    constants: new Float64Array(k),
    factors: new Float64Array(matrix ? nf * dp * d : k * d),
    acc: new Float64Array(matrix ? nf * dp * dp : k * d),
    counts: new Float64Array(k),
    chol: new Float64Array(d * d),
    xt: new Float64Array(dp * BLOCK),
    sq: new Float64Array(BLOCK),
    mx: new Float64Array(BLOCK),
    kb: new Float64Array(k * BLOCK),
    rt: new Float64Array(0),
    fusedState: undefined,
    fusedResp: undefined,
    fusedCounts: new Float64Array(k),
    fusedSums: new Float64Array(k * d),
  };
}

/** d rounded up to a multiple of 4: the register tiles work on four rows or columns at a time. */
function padded(d: number): number {
  return (d + 3) & ~3;
}

/** Copies rows i0 .. i0 + b − 1 of X (n × d, row-major) into xt, transposed (d × BLOCK). */
function transposeBlock(X: Float64Array, i0: number, b: number, d: number, xt: Float64Array): void {
  for (let s = 0; s < b; s++) {
    const xo = (i0 + s) * d;
    for (let a = 0; a < d; a++) xt[a * BLOCK + s] = X[xo + a] as number;
  }
}

/** The responsibilities (n × k) transposed into `ws.rt` (k × n, grown on first use). */
function transposedResponsibilities(
  resp: Float64Array,
  n: number,
  k: number,
  ws: Workspace,
): Float64Array {
  if (ws.rt.length < n * k) ws.rt = new Float64Array(n * k);
  const rt = ws.rt;
  for (let i = 0; i < n; i++) {
    const ro = i * k;
    for (let j = 0; j < k; j++) rt[j * n + i] = resp[ro + j] as number;
  }
  return rt;
}

/**
 * Pass 1 of the M-step on the block of b samples from i0 (xt = that block transposed, rt the
 * k × n transposed responsibilities): adds Σ_t r_tj to counts[j] and Σ_t r_tj x_t to sums[j·d ..],
 * each block's partial sums formed first, four (then three, two or one) coordinates per pass.
 * Shared by the M-step and the fused diag/spherical E-step, so both sum in the same order.
 */
function firstMoments(
  rt: Float64Array,
  n: number,
  i0: number,
  b: number,
  k: number,
  d: number,
  xt: Float64Array,
  counts: Float64Array,
  sums: Float64Array,
): void {
  for (let j = 0; j < k; j++) {
    const r0 = j * n + i0;
    let cnt = 0;
    for (let t = 0; t < b; t++) cnt += rt[r0 + t] as number;
    if (cnt === 0) continue;
    counts[j] = (counts[j] as number) + cnt;
    const mo = j * d;
    let a = 0;
    for (; a + 4 <= d; a += 4) {
      const o0 = a * BLOCK;
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      let m3 = 0;
      for (let t = 0; t < b; t++) {
        const w = rt[r0 + t] as number;
        m0 += w * (xt[o0 + t] as number);
        m1 += w * (xt[o0 + BLOCK + t] as number);
        m2 += w * (xt[o0 + 2 * BLOCK + t] as number);
        m3 += w * (xt[o0 + 3 * BLOCK + t] as number);
      }
      sums[mo + a] = (sums[mo + a] as number) + m0;
      sums[mo + a + 1] = (sums[mo + a + 1] as number) + m1;
      sums[mo + a + 2] = (sums[mo + a + 2] as number) + m2;
      sums[mo + a + 3] = (sums[mo + a + 3] as number) + m3;
    }
    if (a + 3 === d) {
      const o0 = a * BLOCK;
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      for (let t = 0; t < b; t++) {
        const w = rt[r0 + t] as number;
        m0 += w * (xt[o0 + t] as number);
        m1 += w * (xt[o0 + BLOCK + t] as number);
        m2 += w * (xt[o0 + 2 * BLOCK + t] as number);
      }
      sums[mo + a] = (sums[mo + a] as number) + m0;
      sums[mo + a + 1] = (sums[mo + a + 1] as number) + m1;
      sums[mo + a + 2] = (sums[mo + a + 2] as number) + m2;
      a += 3;
    }
    if (a + 2 <= d) {
      const o0 = a * BLOCK;
      let m0 = 0;
      let m1 = 0;
      for (let t = 0; t < b; t++) {
        const w = rt[r0 + t] as number;
        m0 += w * (xt[o0 + t] as number);
        m1 += w * (xt[o0 + BLOCK + t] as number);
      }
      sums[mo + a] = (sums[mo + a] as number) + m0;
      sums[mo + a + 1] = (sums[mo + a + 1] as number) + m1;
      a += 2;
    }
    if (a < d) {
      const o0 = a * BLOCK;
      let m0 = 0;
      for (let t = 0; t < b; t++) m0 += (rt[r0 + t] as number) * (xt[o0 + t] as number);
      sums[mo + a] = (sums[mo + a] as number) + m0;
    }
  }
}

/**
 * Fills `ws.constants` and `ws.factors` for the current parameters: the part of
 * log w_j + log N(x; μ_j, Σ_j) that does not depend on x, and the factors in the layout the
 * hot loop reads.
 */
function prepare(s: MixtureState, ws: Workspace): void {
  const { k, d, covarianceType: type, precisionsCholesky: pc } = s;
  const c = ws.constants;
  const f = ws.factors;
  const base = -0.5 * d * LOG_2PI;
  if (type === 'full' || type === 'tied') {
    const nf = type === 'full' ? k : 1;
    const dp = padded(d);
    let p = 0;
    for (let j = 0; j < nf; j++) {
      const o = j * d * d;
      p = j * dp * d;
      for (let a0 = 0; a0 < d; a0 += 4) {
        const rows = Math.min(a0 + 4, d);
        for (let e = 0; e < rows; e++) {
          for (let col = 0; col < 4; col++) {
            const a = a0 + col;
            f[p++] = a < d && e <= a ? (pc[o + e * d + a] as number) : 0;
          }
        }
      }
    }
    for (let j = 0; j < k; j++) {
      const o = type === 'full' ? j * d * d : 0;
      let ld = 0;
      for (let a = 0; a < d; a++) ld += Math.log(pc[o + a * d + a] as number);
      c[j] = base + ld + Math.log(s.weights[j] as number);
    }
  } else if (type === 'diag') {
    for (let j = 0; j < k; j++) {
      let ld = 0;
      for (let a = 0; a < d; a++) {
        const u = pc[j * d + a] as number;
        f[j * d + a] = u * u;
        ld += Math.log(u);
      }
      c[j] = base + ld + Math.log(s.weights[j] as number);
    }
  } else {
    for (let j = 0; j < k; j++) {
      const u = pc[j] as number;
      c[j] = base + d * Math.log(u) + Math.log(s.weights[j] as number);
    }
  }
}

/**
 * `out[(i − row0)·k + j] = log w_j + log N(x_i; μ_j, Σ_j)` for rows row0 .. row0 + rows − 1 of X,
 * with `log N = −½ [d log 2π + ‖(x − μ_j)ᵀ U_j‖²] + Σ log U_j,aa` (scikit-learn's
 * `_estimate_log_gaussian_prob` plus the log weights). Unlike scikit-learn, which expands
 * `X·U − μ·U` (and for diag/spherical `x² − 2xμ + μ²`), we form x − μ first: the same value in
 * exact arithmetic, without the cancellation when the data sit far from the origin.
 * O(rows·k·d²/2) for full and tied, O(rows·k·d) otherwise.
 * @internal
 */
export function weightedLogProb(
  s: MixtureState,
  X: Float64Array,
  row0: number,
  rows: number,
  out: Float64Array,
  ws: Workspace,
): void {
  prepare(s, ws);
  const { k, d, covarianceType: type, means } = s;
  const { constants: c, factors: f } = ws;
  if (type === 'full' || type === 'tied') {
    // Two samples at a time, and for each component ‖(x − μ_j)ᵀ U_j‖² four columns of U at a
    // time: every factor entry loaded once feeds two multiply-adds, with eight independent
    // accumulators in registers (column a needs rows e ≤ a only). Measured at d = 8, n = 20000,
    // k = 10 (CPU time): the kernel 5.6 ms against 9.0 ms one sample at a time; this whole
    // function 6.6 ms against 16.8 ms in an earlier transposed-block axpy form.
    const fstride = type === 'full' ? padded(d) * d : 0;
    for (let i = 0; i < rows; i += 2) {
      const xo = (row0 + i) * d;
      // An odd last row is paired with itself (computed twice, written once).
      const xo2 = i + 1 < rows ? xo + d : xo;
      const oo = i * k;
      for (let j = 0; j < k; j++) {
        const mo = j * d;
        let p = j * fstride;
        let s1 = 0;
        let s2 = 0;
        for (let a0 = 0; a0 < d; a0 += 4) {
          const top = a0 + 4 < d ? a0 + 4 : d;
          let c0 = 0;
          let c1 = 0;
          let c2 = 0;
          let c3 = 0;
          let e0 = 0;
          let e1 = 0;
          let e2 = 0;
          let e3 = 0;
          for (let e = 0; e < top; e++) {
            const m = means[mo + e] as number;
            const v = (X[xo + e] as number) - m;
            const u = (X[xo2 + e] as number) - m;
            const f0 = f[p] as number;
            const f1 = f[p + 1] as number;
            const f2 = f[p + 2] as number;
            const f3 = f[p + 3] as number;
            c0 += v * f0;
            c1 += v * f1;
            c2 += v * f2;
            c3 += v * f3;
            e0 += u * f0;
            e1 += u * f1;
            e2 += u * f2;
            e3 += u * f3;
            p += 4;
          }
          s1 += c0 * c0 + c1 * c1 + c2 * c2 + c3 * c3;
          s2 += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
        }
        const cj = c[j] as number;
        out[oo + j] = cj - 0.5 * s1;
        if (i + 1 < rows) out[oo + k + j] = cj - 0.5 * s2;
      }
    }
    return;
  }
  for (let s0 = 0; s0 < rows; s0 += BLOCK) {
    const b = Math.min(BLOCK, rows - s0);
    blockLogProb(s, X, row0 + s0, b, ws);
    const kb = ws.kb;
    for (let j = 0; j < k; j++) {
      const r = j * BLOCK;
      for (let t = 0; t < b; t++) out[(s0 + t) * k + j] = kb[r + t] as number;
    }
  }
}

/**
 * diag/spherical: `ws.kb[j·BLOCK + t] = log w_j + log N(x_{i0+t}; μ_j, Σ_j)` for the b ≤ BLOCK
 * rows from i0 (after `prepare`), and their row maxima in `ws.mx`. The block is transposed so
 * the loops run along samples; the squared norm Σ_a (x_a − μ_a)²·u_a² is accumulated left to
 * right over a, four (then three, two or one) coordinates per pass over the block, with no
 * padding coordinates (the same sums as the padded loop this replaced: adding +0 changes no bit).
 */
function blockLogProb(
  s: MixtureState,
  X: Float64Array,
  i0: number,
  b: number,
  ws: Workspace,
): void {
  const { k, d, covarianceType: type, means, precisionsCholesky: pc } = s;
  const { constants: c, factors: f, xt, kb, mx } = ws;
  const diag = type === 'diag';
  transposeBlock(X, i0, b, d, xt);
  mx.fill(Number.NEGATIVE_INFINITY, 0, b);
  for (let j = 0; j < k; j++) {
    const mo = j * d;
    const r = j * BLOCK;
    kb.fill(0, r, r + b);
    let a = 0;
    for (; a + 4 <= d; a += 4) {
      const o0 = a * BLOCK;
      const o1 = o0 + BLOCK;
      const o2 = o1 + BLOCK;
      const o3 = o2 + BLOCK;
      const m0 = means[mo + a] as number;
      const m1 = means[mo + a + 1] as number;
      const m2 = means[mo + a + 2] as number;
      const m3 = means[mo + a + 3] as number;
      const p0 = diag ? (f[mo + a] as number) : 1;
      const p1 = diag ? (f[mo + a + 1] as number) : 1;
      const p2 = diag ? (f[mo + a + 2] as number) : 1;
      const p3 = diag ? (f[mo + a + 3] as number) : 1;
      for (let t = 0; t < b; t++) {
        const v0 = (xt[o0 + t] as number) - m0;
        const v1 = (xt[o1 + t] as number) - m1;
        const v2 = (xt[o2 + t] as number) - m2;
        const v3 = (xt[o3 + t] as number) - m3;
        kb[r + t] =
          (kb[r + t] as number) + v0 * v0 * p0 + v1 * v1 * p1 + v2 * v2 * p2 + v3 * v3 * p3;
      }
    }
    if (a + 3 === d) {
      const o0 = a * BLOCK;
      const o1 = o0 + BLOCK;
      const o2 = o1 + BLOCK;
      const m0 = means[mo + a] as number;
      const m1 = means[mo + a + 1] as number;
      const m2 = means[mo + a + 2] as number;
      const p0 = diag ? (f[mo + a] as number) : 1;
      const p1 = diag ? (f[mo + a + 1] as number) : 1;
      const p2 = diag ? (f[mo + a + 2] as number) : 1;
      for (let t = 0; t < b; t++) {
        const v0 = (xt[o0 + t] as number) - m0;
        const v1 = (xt[o1 + t] as number) - m1;
        const v2 = (xt[o2 + t] as number) - m2;
        kb[r + t] = (kb[r + t] as number) + v0 * v0 * p0 + v1 * v1 * p1 + v2 * v2 * p2;
      }
      a += 3;
    }
    if (a + 2 <= d) {
      const o0 = a * BLOCK;
      const o1 = o0 + BLOCK;
      const m0 = means[mo + a] as number;
      const m1 = means[mo + a + 1] as number;
      const p0 = diag ? (f[mo + a] as number) : 1;
      const p1 = diag ? (f[mo + a + 1] as number) : 1;
      for (let t = 0; t < b; t++) {
        const v0 = (xt[o0 + t] as number) - m0;
        const v1 = (xt[o1 + t] as number) - m1;
        kb[r + t] = (kb[r + t] as number) + v0 * v0 * p0 + v1 * v1 * p1;
      }
      a += 2;
    }
    if (a < d) {
      const o0 = a * BLOCK;
      const m0 = means[mo + a] as number;
      const p0 = diag ? (f[mo + a] as number) : 1;
      for (let t = 0; t < b; t++) {
        const v0 = (xt[o0 + t] as number) - m0;
        kb[r + t] = (kb[r + t] as number) + v0 * v0 * p0;
      }
    }
    const cj = c[j] as number;
    const p = diag ? 1 : (pc[j] as number) * (pc[j] as number);
    for (let t = 0; t < b; t++) {
      // diag: x·1 = x exactly, so one loop serves both types.
      const v = cj - 0.5 * ((kb[r + t] as number) * p);
      kb[r + t] = v;
      if (v > (mx[t] as number)) mx[t] = v;
    }
  }
}

function farAway(row: number): InfoboundError {
  return new InfoboundError(
    'DEGENERATE_SAMPLES',
    `X[${row}] has log-density −Infinity under every component (it is farther than ~1e154 standard deviations from all of them): rescale the data`,
  );
}

/**
 * The E-step: responsibilities `r_ij = exp(ℓ_ij − log Σ_j' exp ℓ_ij')`, ℓ the weighted log
 * probabilities, written into `resp` (n × k), and the mean log-likelihood
 * `(1/n) Σ_i log Σ_j exp ℓ_ij`, which is scikit-learn's `lower_bound_` for a GaussianMixture.
 * The log-sum-exp is shifted by the row maximum; `r_ij = exp(ℓ_ij − max)/Σ exp(ℓ − max)` reuses
 * those exponentials (scikit-learn exponentiates `ℓ − logsumexp`; the two agree to an ulp).
 * The exponentials are `expDeterministic`'s, not Math.exp's, here and in `logDensity`: faster,
 * and the same bits in every JavaScript engine. diag/spherical (and full/tied on the WebAssembly
 * kernel) also leave the transposed responsibilities and the M-step's first pass in `ws` (see
 * `Workspace.fusedState`).
 * O(n·k·d²) (full), O(n·k·d) (diag, spherical).
 * @internal
 */
export function eStep(
  s: MixtureState,
  X: Float64Array,
  n: number,
  resp: Float64Array,
  ws: Workspace,
): number {
  const k = s.k;
  ws.fusedState = undefined;
  ws.fusedResp = undefined;
  if (s.covarianceType === 'diag' || s.covarianceType === 'spherical')
    return eStepBlocked(s, X, n, resp, ws);
  const wasm = eStepKernel();
  if (wasm) {
    // full/tied on the WebAssembly kernel: weightedLogProb and the loop below, bit for bit, with
    // the M-step's pass 1 fused in as for diag.
    if (ws.rt.length < n * k) ws.rt = new Float64Array(n * k);
    ws.fusedCounts.fill(0);
    ws.fusedSums.fill(0);
    prepare(s, ws);
    return eStepWasm(wasm, s, X, n, resp, ws);
  }
  weightedLogProb(s, X, 0, n, resp, ws);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const v = resp[o + j] as number;
      if (v > max) max = v;
    }
    if (max === Number.NEGATIVE_INFINITY) throw farAway(i);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      // exp(t) rounds to exactly 0 for t < −746 (e^−746 ≈ 1.8e−324 < half the least subnormal):
      // skipping the call there changes no bit and saves it for components far from the sample.
      const t = (resp[o + j] as number) - max;
      const e = t < -746 ? 0 : expDeterministic(t);
      resp[o + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < k; j++) resp[o + j] = (resp[o + j] as number) * inv;
    total += max + Math.log(sum);
  }
  return total / n;
}

/**
 * eStep for diag and spherical, where the O(k·d) log probabilities cost about what the
 * exponentials do: a block of BLOCK samples at a time, component-major in `ws.kb` (L1-resident),
 * so the max, exp and normalisation loops run along samples too; the same values, in the same
 * order of summation, as the row-major loop above.
 */
function eStepBlocked(
  s: MixtureState,
  X: Float64Array,
  n: number,
  resp: Float64Array,
  ws: Workspace,
): number {
  const k = s.k;
  const { kb, mx, sq: sum, fusedCounts, fusedSums } = ws;
  if (ws.rt.length < n * k) ws.rt = new Float64Array(n * k);
  const rt = ws.rt;
  fusedCounts.fill(0);
  fusedSums.fill(0);
  prepare(s, ws);
  const wasm = eStepKernel();
  if (wasm) return eStepWasm(wasm, s, X, n, resp, ws);
  let total = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const b = Math.min(BLOCK, n - i0);
    blockLogProb(s, X, i0, b, ws);
    for (let t = 0; t < b; t++) if (mx[t] === Number.NEGATIVE_INFINITY) throw farAway(i0 + t);
    sum.fill(0, 0, b);
    for (let j = 0; j < k; j++) {
      const r = j * BLOCK;
      for (let t = 0; t < b; t++) {
        const u = (kb[r + t] as number) - (mx[t] as number);
        const e = u < -746 ? 0 : expDeterministic(u);
        kb[r + t] = e;
        sum[t] = (sum[t] as number) + e;
      }
    }
    for (let t = 0; t < b; t++) {
      const sm = sum[t] as number;
      total += (mx[t] as number) + Math.log(sm);
      sum[t] = 1 / sm;
    }
    for (let j = 0; j < k; j++) {
      const r = j * BLOCK;
      const o = j * n + i0;
      const q = i0 * k + j;
      for (let t = 0; t < b; t++) {
        const v = (kb[r + t] as number) * (sum[t] as number);
        rt[o + t] = v;
        resp[q + t * k] = v;
      }
    }
    firstMoments(rt, n, i0, b, k, s.d, ws.xt, fusedCounts, fusedSums);
  }
  ws.fusedState = s;
  ws.fusedResp = resp;
  return total / n;
}

/** Loads the parameters of `s` (after `prepare`) into the kernel, for its covariance type. */
function setupKernel(wasm: EStepKernel, s: MixtureState, ws: Workspace) {
  const { k, d } = s;
  const type = s.covarianceType;
  return type === 'full' || type === 'tied'
    ? wasm.setupFull(k, d, s.means, ws.factors, type === 'full' ? padded(d) * d : 0, ws.constants)
    : type === 'diag'
      ? wasm.setup(k, d, s.means, ws.factors, ws.constants, undefined)
      : wasm.setup(k, d, s.means, undefined, ws.constants, s.precisionsCholesky);
}

/**
 * eStepBlocked's loop on the WebAssembly kernel (after `prepare`), and for full and tied the
 * loops of weightedLogProb and eStep (the kernel's `fullBlock`): each block's log
 * probabilities, exponentials, responsibilities and the M-step's pass 1 (firstMoments) are
 * computed there, bit for bit as above; the logs of the row sums (Math.log, which WebAssembly
 * lacks), the farAway check and the copies into `resp` and `rt` stay here.
 */
function eStepWasm(
  wasm: EStepKernel,
  s: MixtureState,
  X: Float64Array,
  n: number,
  resp: Float64Array,
  ws: Workspace,
): number {
  const { k, d } = s;
  const { fusedCounts, fusedSums } = ws;
  const rt = ws.rt;
  const v = setupKernel(wasm, s, ws);
  const { kb, mx, sm, out, mout } = v;
  let total = 0;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const b = Math.min(BLOCK, n - i0);
    wasm.block(X, i0, b);
    for (let t = 0; t < b; t++) if (mx[t] === Number.NEGATIVE_INFINITY) throw farAway(i0 + t);
    for (let t = 0; t < b; t++) total += (mx[t] as number) + Math.log(sm[t] as number);
    resp.set(out.subarray(0, b * k), i0 * k);
    for (let j = 0; j < k; j++) {
      rt.set(kb.subarray(j * BLOCK, j * BLOCK + b), j * n + i0);
      // firstMoments, on the kernel: the same sums in the same order.
      wasm.firstMoments(j, b);
      const cnt = mout[d] as number;
      if (cnt === 0) continue;
      fusedCounts[j] = (fusedCounts[j] as number) + cnt;
      const mo = j * d;
      for (let a = 0; a < d; a++)
        fusedSums[mo + a] = (fusedSums[mo + a] as number) + (mout[a] as number);
    }
  }
  ws.fusedState = s;
  ws.fusedResp = resp;
  return total / n;
}

/**
 * Log-density of the mixture at each row, `log Σ_j w_j N(x_i; μ_j, Σ_j)`, into `out` (length n),
 * in blocks of 1024 rows so memory stays O(1024·k) whatever n. On the E-step's WebAssembly kernel
 * where it runs: the kernel computes the E-step's row maxima and sums of exponentials, which are
 * this loop's, bit for bit (the same log probabilities, max and exponentials in the same order),
 * so the result is the same with it or without it. @internal
 */
export function logDensity(s: MixtureState, X: Float64Array, n: number, out: Float64Array): void {
  const k = s.k;
  const ws = createWorkspace(s.covarianceType, k, s.d);
  const wasm = eStepKernel();
  if (wasm) {
    prepare(s, ws);
    const { mx, sm } = setupKernel(wasm, s, ws);
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const b = Math.min(BLOCK, n - i0);
      wasm.block(X, i0, b);
      for (let t = 0; t < b; t++) {
        const max = mx[t] as number;
        out[i0 + t] = max === Number.NEGATIVE_INFINITY ? max : max + Math.log(sm[t] as number);
      }
    }
    return;
  }
  const block = 1024;
  const buf = new Float64Array(Math.min(block, n) * k);
  for (let r0 = 0; r0 < n; r0 += block) {
    const rows = Math.min(block, n - r0);
    weightedLogProb(s, X, r0, rows, buf, ws);
    for (let i = 0; i < rows; i++) {
      const o = i * k;
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) {
        const v = buf[o + j] as number;
        if (v > max) max = v;
      }
      if (max === Number.NEGATIVE_INFINITY) {
        out[r0 + i] = max;
        continue;
      }
      let sum = 0;
      for (let j = 0; j < k; j++) sum += expDeterministic((buf[o + j] as number) - max);
      out[r0 + i] = max + Math.log(sum);
    }
  }
}

/**
 * Responsibilities (posterior component probabilities) of the rows of X, n × k. Like the E-step,
 * throws DEGENERATE_SAMPLES for a row whose log-density is −∞ under every component (its
 * posterior is 0/0). @internal
 */
export function responsibilities(s: MixtureState, X: Float64Array, n: number): Float64Array {
  const resp = new Float64Array(n * s.k);
  eStep(s, X, n, resp, createWorkspace(s.covarianceType, s.k, s.d));
  return resp;
}

/** Whether the M-step divides the counts by their sum (EM) or by n (scikit-learn's `_initialize`). @internal */
export type WeightNormalisation = 'sum' | 'n';

/**
 * The M-step (scikit-learn's `_estimate_gaussian_parameters` then `_compute_precision_cholesky`):
 * - `n_j = Σ_i r_ij + 10ε` (the floor keeps an empty component finite: its mean becomes the
 *   r-weighted average of the few points it still has, or 0 if it has none, and its covariance
 *   regCovar·I);
 * - `μ_j = Σ_i r_ij x_i / n_j`;
 * - full: `Σ_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / n_j + regCovar·I`; diag: its diagonal;
 *   spherical: the mean of that diagonal; tied: `Σ_j Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / Σ_j n_j
 *   + regCovar·I` (scikit-learn computes the diag and tied forms as E[xxᵀ] − μμᵀ; we use the
 *   centred two-pass sums, equal in exact arithmetic and free of cancellation);
 * - weights `n_j / Σ n_j` (or `n_j / n` for `normalise = 'n'`, as scikit-learn's initialisation);
 * - precisions: Cholesky L of Σ_j, U = (L⁻¹)ᵀ; diag/spherical 1/√σ².
 *
 * Updates `s` in place and leaves Σ_i r_ij in `ws.counts`. Throws DEGENERATE_SAMPLES (naming the
 * component) if a covariance is not positive definite, which needs regCovar = 0 or data so large
 * that regCovar is lost in rounding. O(n·k·d²) (full, tied), O(n·k·d) otherwise.
 * @internal
 */
export function mStep(
  s: MixtureState,
  X: Float64Array,
  n: number,
  resp: Float64Array,
  regCovar: number,
  ws: Workspace,
  normalise: WeightNormalisation = 'sum',
): void {
  const { k, d, covarianceType: type, means, weights, covariances: cov } = s;
  const { counts, acc, xt } = ws;
  const dp = padded(d);
  let rt: Float64Array;
  if (ws.fusedState === s && ws.fusedResp === resp) {
    // The E-step just wrote these responsibilities and already ran pass 1 on them.
    rt = ws.rt;
    counts.set(ws.fusedCounts);
    means.set(ws.fusedSums);
  } else {
    rt = transposedResponsibilities(resp, n, k, ws);
    counts.fill(0);
    means.fill(0);
    // Pass 1: n_j and Σ_i r_ij x_i, a block of samples at a time.
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const b = Math.min(BLOCK, n - i0);
      transposeBlock(X, i0, b, d, xt);
      firstMoments(rt, n, i0, b, k, d, xt, counts, means);
    }
  }
  ws.fusedState = undefined;
  ws.fusedResp = undefined;
  let countSum = 0;
  for (let j = 0; j < k; j++) {
    const nk = (counts[j] as number) + COUNT_FLOOR;
    countSum += nk;
    const mo = j * d;
    for (let a = 0; a < d; a++) means[mo + a] = (means[mo + a] as number) / nk;
  }
  // Pass 2: the centred second moments Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ (lower triangle), or
  // their diagonal.
  acc.fill(0);
  const matrix = type === 'full' || type === 'tied';
  const stride = type === 'full' ? dp * dp : 0;
  const wasm = eStepKernel();
  // With WebAssembly SIMD, pass 2 runs on the kernel and this loop not at all.
  if (wasm) {
    momentsWasm(wasm, type, k, d, X, n, rt, means, acc);
  }
  for (let i0 = 0; i0 < (wasm ? 0 : n); i0 += BLOCK) {
    const b = Math.min(BLOCK, n - i0);
    transposeBlock(X, i0, b, d, xt);
    for (let j = 0; j < k; j++) {
      const r0 = j * n + i0;
      if (!hasWeight(rt, r0, b)) continue;
      const mo = j * d;
      if (matrix) {
        // A 2 × 4 tile of the moment matrix per pass over the block: rows a, a + 1 against
        // columns e₀ .. e₀ + 3, eight accumulators in registers, centring on the fly. Padded
        // coordinates (≥ d) have x = μ = 0; entries above the diagonal are computed, never read.
        const o = j * stride;
        for (let a = 0; a < d; a += 2) {
          const ra = a * BLOCK;
          const rb = ra + BLOCK;
          const ma = means[mo + a] as number;
          const mb = a + 1 < d ? (means[mo + a + 1] as number) : 0;
          for (let e0 = 0; e0 <= a + 1; e0 += 4) {
            const q0 = e0 * BLOCK;
            const q1 = q0 + BLOCK;
            const q2 = q1 + BLOCK;
            const q3 = q2 + BLOCK;
            const n0 = e0 < d ? (means[mo + e0] as number) : 0;
            const n1 = e0 + 1 < d ? (means[mo + e0 + 1] as number) : 0;
            const n2 = e0 + 2 < d ? (means[mo + e0 + 2] as number) : 0;
            const n3 = e0 + 3 < d ? (means[mo + e0 + 3] as number) : 0;
            let a0 = 0;
            let a1 = 0;
            let a2 = 0;
            let a3 = 0;
            let b0 = 0;
            let b1 = 0;
            let b2 = 0;
            let b3 = 0;
            for (let t = 0; t < b; t++) {
              const w = rt[r0 + t] as number;
              const u = w * ((xt[ra + t] as number) - ma);
              const v = w * ((xt[rb + t] as number) - mb);
              const d0 = (xt[q0 + t] as number) - n0;
              const d1 = (xt[q1 + t] as number) - n1;
              const d2 = (xt[q2 + t] as number) - n2;
              const d3 = (xt[q3 + t] as number) - n3;
              a0 += u * d0;
              a1 += u * d1;
              a2 += u * d2;
              a3 += u * d3;
              b0 += v * d0;
              b1 += v * d1;
              b2 += v * d2;
              b3 += v * d3;
            }
            const pa = o + a * dp + e0;
            const pb = pa + dp;
            acc[pa] = (acc[pa] as number) + a0;
            acc[pa + 1] = (acc[pa + 1] as number) + a1;
            acc[pa + 2] = (acc[pa + 2] as number) + a2;
            acc[pa + 3] = (acc[pa + 3] as number) + a3;
            acc[pb] = (acc[pb] as number) + b0;
            acc[pb + 1] = (acc[pb + 1] as number) + b1;
            acc[pb + 2] = (acc[pb + 2] as number) + b2;
            acc[pb + 3] = (acc[pb + 3] as number) + b3;
          }
        }
      } else {
        // Four (then three, two or one) coordinates per pass, independent accumulators.
        let a = 0;
        for (; a + 4 <= d; a += 4) {
          const o0 = a * BLOCK;
          const m0 = means[mo + a] as number;
          const m1 = means[mo + a + 1] as number;
          const m2 = means[mo + a + 2] as number;
          const m3 = means[mo + a + 3] as number;
          let v0 = 0;
          let v1 = 0;
          let v2 = 0;
          let v3 = 0;
          for (let t = 0; t < b; t++) {
            const w = rt[r0 + t] as number;
            const u0 = (xt[o0 + t] as number) - m0;
            const u1 = (xt[o0 + BLOCK + t] as number) - m1;
            const u2 = (xt[o0 + 2 * BLOCK + t] as number) - m2;
            const u3 = (xt[o0 + 3 * BLOCK + t] as number) - m3;
            v0 += w * u0 * u0;
            v1 += w * u1 * u1;
            v2 += w * u2 * u2;
            v3 += w * u3 * u3;
          }
          acc[mo + a] = (acc[mo + a] as number) + v0;
          acc[mo + a + 1] = (acc[mo + a + 1] as number) + v1;
          acc[mo + a + 2] = (acc[mo + a + 2] as number) + v2;
          acc[mo + a + 3] = (acc[mo + a + 3] as number) + v3;
        }
        if (a + 3 === d) {
          const o0 = a * BLOCK;
          const m0 = means[mo + a] as number;
          const m1 = means[mo + a + 1] as number;
          const m2 = means[mo + a + 2] as number;
          let v0 = 0;
          let v1 = 0;
          let v2 = 0;
          for (let t = 0; t < b; t++) {
            const w = rt[r0 + t] as number;
            const u0 = (xt[o0 + t] as number) - m0;
            const u1 = (xt[o0 + BLOCK + t] as number) - m1;
            const u2 = (xt[o0 + 2 * BLOCK + t] as number) - m2;
            v0 += w * u0 * u0;
            v1 += w * u1 * u1;
            v2 += w * u2 * u2;
          }
          acc[mo + a] = (acc[mo + a] as number) + v0;
          acc[mo + a + 1] = (acc[mo + a + 1] as number) + v1;
          acc[mo + a + 2] = (acc[mo + a + 2] as number) + v2;
          a += 3;
        }
        if (a + 2 <= d) {
          const o0 = a * BLOCK;
          const m0 = means[mo + a] as number;
          const m1 = means[mo + a + 1] as number;
          let v0 = 0;
          let v1 = 0;
          for (let t = 0; t < b; t++) {
            const w = rt[r0 + t] as number;
            const u0 = (xt[o0 + t] as number) - m0;
            const u1 = (xt[o0 + BLOCK + t] as number) - m1;
            v0 += w * u0 * u0;
            v1 += w * u1 * u1;
          }
          acc[mo + a] = (acc[mo + a] as number) + v0;
          acc[mo + a + 1] = (acc[mo + a + 1] as number) + v1;
          a += 2;
        }
        if (a < d) {
          const o0 = a * BLOCK;
          const m0 = means[mo + a] as number;
          let v0 = 0;
          for (let t = 0; t < b; t++) {
            const u0 = (xt[o0 + t] as number) - m0;
            v0 += (rt[r0 + t] as number) * u0 * u0;
          }
          acc[mo + a] = (acc[mo + a] as number) + v0;
        }
      }
    }
  }
  if (matrix) {
    const nf = type === 'full' ? k : 1;
    for (let j = 0; j < nf; j++) {
      const o = j * d * d;
      const ao = j * dp * dp;
      const nk = type === 'full' ? (counts[j] as number) + COUNT_FLOOR : countSum;
      for (let a = 0; a < d; a++) {
        for (let e = 0; e <= a; e++) {
          const v = (acc[ao + a * dp + e] as number) / nk;
          cov[o + a * d + e] = v;
          cov[o + e * d + a] = v;
        }
        cov[o + a * d + a] = (cov[o + a * d + a] as number) + regCovar;
      }
    }
  } else {
    for (let j = 0; j < k; j++) {
      const nk = (counts[j] as number) + COUNT_FLOOR;
      const mo = j * d;
      if (type === 'diag') {
        for (let a = 0; a < d; a++) cov[mo + a] = (acc[mo + a] as number) / nk + regCovar;
      } else {
        // scikit-learn: the mean over features of the diag covariances, regCovar included.
        let t = 0;
        for (let a = 0; a < d; a++) t += (acc[mo + a] as number) / nk + regCovar;
        cov[j] = t / d;
      }
    }
  }
  const divisor = normalise === 'sum' ? countSum : n;
  for (let j = 0; j < k; j++) weights[j] = ((counts[j] as number) + COUNT_FLOOR) / divisor;
  // Finite data can still overflow here (|x| near 1e154 squares to Infinity): stop before a
  // non-finite parameter reaches the next E-step. O(k·d²), once per iteration.
  for (let i = 0; i < means.length; i++)
    if (!Number.isFinite(means[i] as number)) throw overflow(s);
  for (let i = 0; i < cov.length; i++) if (!Number.isFinite(cov[i] as number)) throw overflow(s);
  precisionCholesky(s, ws.chol);
}

/** Whether any of the b responsibilities rt[r0 ..] is non-zero (a block to visit). */
function hasWeight(rt: Float64Array, r0: number, b: number): boolean {
  for (let t = 0; t < b; t++) if ((rt[r0 + t] as number) !== 0) return true;
  return false;
}

/**
 * Pass 2 of mStep on the WebAssembly kernel, by blocks of samples and components as the
 * JavaScript loop (blocks with no responsibility skipped, the same sums in the same order):
 * diag/spherical `secondMoments` add Σ_t (r_tj (x_ta − μ_ja))·(x_ta − μ_ja) into acc[j·d + a];
 * full/tied `fullMoments` accumulate the same 2 × 4 tiles in the kernel's memory, copied to acc
 * at the end.
 */
function momentsWasm(
  wasm: EStepKernel,
  type: CovarianceType,
  k: number,
  d: number,
  X: Float64Array,
  n: number,
  rt: Float64Array,
  means: Float64Array,
  acc: Float64Array,
): void {
  const matrix = type === 'full' || type === 'tied';
  const full = type === 'full';
  const sums = matrix ? wasm.setupFullMoments(k, d, means, full ? k : 1) : undefined;
  const mout = matrix ? undefined : wasm.setupMoments(k, d, means).mout;
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const b = Math.min(BLOCK, n - i0);
    wasm.loadBlock(X, i0, b);
    for (let j = 0; j < k; j++) {
      const r0 = j * n + i0;
      if (!hasWeight(rt, r0, b)) continue;
      wasm.loadWeights(j, rt, r0, b);
      if (mout === undefined) {
        wasm.fullMoments(j, b, full ? j : 0);
        continue;
      }
      wasm.secondMoments(j, b);
      const mo = j * d;
      for (let a = 0; a < d; a++) acc[mo + a] = (acc[mo + a] as number) + (mout[a] as number);
    }
  }
  if (sums !== undefined) acc.set(sums);
}

function overflow(s: MixtureState): InfoboundError {
  return new InfoboundError(
    'DEGENERATE_SAMPLES',
    `the fitted means or covariances of a ${s.d}-dimensional mixture overflow: X's values are too large to square in double precision; rescale X`,
  );
}

/**
 * Lower Cholesky factor of the d × d block of `a` at `offset`, written row-major into `out`
 * (upper part zeroed). Returns false, LAPACK's `potrf` semantics, when a pivot is not > 0.
 * Our own loop rather than core/linalg's (ml-matrix) `cholesky`: this one runs inside EM, k times
 * per iteration, and must fail exactly where scikit-learn's (LAPACK's) does, not at the stricter
 * rounding threshold the validating `cholesky` applies to user input.
 * @internal
 */
export function choleskyInto(
  a: ArrayLike<number>,
  offset: number,
  d: number,
  out: Float64Array,
): boolean {
  for (let i = 0; i < d; i++) {
    const io = i * d;
    for (let j = 0; j <= i; j++) {
      const jo = j * d;
      let sum = a[offset + io + j] as number;
      for (let p = 0; p < j; p++) sum -= (out[io + p] as number) * (out[jo + p] as number);
      if (i === j) {
        if (!(sum > 0)) return false;
        out[io + i] = Math.sqrt(sum);
      } else {
        out[io + j] = sum / (out[jo + j] as number);
      }
    }
    for (let j = i + 1; j < d; j++) out[io + j] = 0;
  }
  return true;
}

/**
 * U = (L⁻¹)ᵀ for a lower triangular L (row-major, at 0), written at `offset` of `out`: column c
 * of L⁻¹ by forward substitution on e_c, stored as row c of U. @internal
 */
export function inverseTransposeInto(
  L: Float64Array,
  d: number,
  out: Float64Array,
  offset: number,
): void {
  for (let c = 0; c < d; c++) {
    const ro = offset + c * d;
    for (let i = 0; i < c; i++) out[ro + i] = 0;
    // z = L⁻¹ e_c: zero above c.
    out[ro + c] = 1 / (L[c * d + c] as number);
    for (let i = c + 1; i < d; i++) {
      let sum = 0;
      for (let p = c; p < i; p++) sum -= (L[i * d + p] as number) * (out[ro + p] as number);
      out[ro + i] = sum / (L[i * d + i] as number);
    }
  }
}

function notPositiveDefinite(s: MixtureState, j: number | undefined): InfoboundError {
  const which = j === undefined ? 'the tied covariance' : `the covariance of component ${j}`;
  return new InfoboundError(
    'DEGENERATE_SAMPLES',
    `${which} is not positive definite: a component has collapsed onto fewer points than it has dimensions (duplicate or collinear samples), or regCovar is lost in the rounding of large values; increase regCovar or decrease nComponents (${s.k})`,
  );
}

/**
 * scikit-learn's `_compute_precision_cholesky`: fills `s.precisionsCholesky` from
 * `s.covariances`. Throws DEGENERATE_SAMPLES where a covariance is not positive definite.
 * @internal
 */
export function precisionCholesky(
  s: MixtureState,
  scratch: Float64Array = new Float64Array(s.d * s.d),
): void {
  const { k, d, covarianceType: type, covariances: cov, precisionsCholesky: pc } = s;
  if (type === 'full' || type === 'tied') {
    const nf = type === 'full' ? k : 1;
    for (let j = 0; j < nf; j++) {
      if (!choleskyInto(cov, j * d * d, d, scratch))
        throw notPositiveDefinite(s, type === 'full' ? j : undefined);
      inverseTransposeInto(scratch, d, pc, j * d * d);
    }
  } else {
    for (let i = 0; i < cov.length; i++) {
      const v = cov[i] as number;
      if (!(v > 0)) throw notPositiveDefinite(s, type === 'diag' ? Math.floor(i / d) : i);
      pc[i] = 1 / Math.sqrt(v);
    }
  }
}

/**
 * Number of free parameters (scikit-learn's `_n_parameters`): k − 1 weights, k·d means, and
 * k·d(d+1)/2 (full), k·d (diag), k (spherical) or d(d+1)/2 (tied) covariance entries. @internal
 */
export function parameterCount(type: CovarianceType, k: number, d: number): number {
  const cov =
    type === 'full'
      ? (k * d * (d + 1)) / 2
      : type === 'diag'
        ? k * d
        : type === 'spherical'
          ? k
          : (d * (d + 1)) / 2;
  return cov + k * d + k - 1;
}

/**
 * Lower Cholesky factor of component j's covariance, as a dense d × d matrix (diag and spherical
 * expanded), for sampling. @internal
 */
export function covarianceFactor(s: MixtureState, j: number, out: Float64Array): void {
  const { d, covarianceType: type, covariances: cov } = s;
  if (type === 'full' || type === 'tied') {
    if (!choleskyInto(cov, type === 'full' ? j * d * d : 0, d, out))
      throw notPositiveDefinite(s, j);
    return;
  }
  out.fill(0);
  for (let a = 0; a < d; a++) {
    out[a * d + a] = Math.sqrt(type === 'diag' ? (cov[j * d + a] as number) : (cov[j] as number));
  }
}
