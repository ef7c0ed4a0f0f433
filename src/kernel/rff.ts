/**
 * HSIC from random Fourier features (Rahimi & Recht 2007), and the pieces every feature-based or
 * subsampled HSIC shares: option readers and the streaming centred cross-moment of two feature
 * maps (nystrom.ts, blockHsic.ts and pairing.ts import them from here).
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { type SampleInput, type Samples, toSamples } from '../core/input.js';
import { exponentOf, ldexp } from '../core/linalg.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { integerOption } from '../core/options.js';
import { dotBlock } from '../core/pairwise.js';
import { checkSeed, createRandom, type Random } from '../core/random.js';
import { type MedianOptions, medianDistance } from './gram.js';
import { checkKernel, gaussianKernel, type Kernel } from './kernels.js';

/** Options of {@link hsicRff}. @public */
export interface HsicRffOptions {
  /** Number D of random features on each side (default 512): error ~ 1/√D, cost ~ D². */
  features?: number;
  /** σ of the Gaussian kernel on X: a number > 0 or `'median'` (default), as in {@link gaussianKernel}. */
  bandwidthX?: number | 'median';
  /** σ of the Gaussian kernel on Y: a number > 0 or `'median'` (default). */
  bandwidthY?: number | 'median';
  /** Seed of the random frequencies and phases, and of the median-heuristic subsample (default 0). */
  seed?: number;
  /** Points used by the median heuristic (default 1000; all of them below that). */
  medianSampleSize?: number;
}

/** Rows per streamed block: two D × 256 feature blocks of doubles stay in cache for D ≤ 512. */
const ROWS_PER_BLOCK = 256;

/**
 * HSIC with Gaussian kernels, approximated by random Fourier features in linear time.
 *
 * Each side gets D features `z(x) = √(2/D) · cos(W x + b)`, W ∈ ℝ^{D×d} with rows ~ N(0, σ⁻² I)
 * and b ~ U[0, 2π)ᴰ, so that E z(x)·z(y) = exp(−‖x − y‖²/(2σ²)) (Bochner's theorem). Then
 * `HSIC ≈ ‖Z̄_xᵀ Z̄_y‖²_F / (n − 1)²`, Z̄ the column-centred n × D feature matrices: the biased
 * HSIC `tr(K̂ H L̂ H)/(n − 1)²` of {@link hsic} with the Gram matrices replaced by K̂ = Z_x Z_xᵀ.
 * It estimates that same quantity (same σ for the same `seed`), without bias: E K̂ = K, the two
 * feature maps are drawn independently, and the statistic is bilinear in (K̂, L̂), so its mean
 * over the features is the exact value. Its spread shrinks like 1/√D (measured in docs/kernel.md).
 *
 * Rows are streamed in blocks of 256 and the D × D cross-moment is merged block by block
 * (Chan–Golub–LeVeque), so memory is O(D² + D·d) beyond the input; time O(n·D·(d + D)).
 * Gaussian kernels only; for others use {@link hsicNystrom}.
 *
 * Reference: Rahimi & Recht (2007), "Random features for large-scale kernel machines", NIPS 20;
 * Zhang, Filippi, Gretton & Sejdinovic (2018), Statistics and Computing 28, Sec. 3.3.
 *
 * @param X - n × d_x samples.
 * @param Y - n × d_y samples paired with X by row.
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const x = Array.from({ length: 500 }, (_, i) => Math.sin(i));
 * const y = x.map((v) => v * v);
 * kernel.hsicRff(x, y); // 0.033092512684643874 (D = 512)
 * kernel.hsic(x, y); // 0.029483401703175746
 * ```
 * @public
 */
export function hsicRff(X: SampleInput, Y: SampleInput, options: HsicRffOptions = {}): number {
  const D = integerOption(options.features, 'features', 1, 512);
  const bandwidthX = readBandwidth(options.bandwidthX, 'bandwidthX');
  const bandwidthY = readBandwidth(options.bandwidthY, 'bandwidthY');
  const median = readMedianOptions(options);
  const { x, y } = pairedSamples(X, Y, 2);
  const n = x.n;
  // Resolve σ before centring, exactly as gram.ts does, so hsic and hsicRff share it bit for bit.
  const sx = bandwidthX === 'median' ? medianDistance(x, median) : bandwidthX;
  const sy = bandwidthY === 'median' ? medianDistance(y, median) : bandwidthY;
  const rng = createRandom(median.seed);
  const fx = fourierMap(x, D, sx, rng);
  const fy = fourierMap(y, D, sy, rng);
  const acc = crossMoment(D, D);
  const zx = new Float64Array(D * ROWS_PER_BLOCK);
  const zy = new Float64Array(D * ROWS_PER_BLOCK);
  for (let i0 = 0; i0 < n; i0 += ROWS_PER_BLOCK) {
    const i1 = Math.min(n, i0 + ROWS_PER_BLOCK);
    fx(i0, i1, zx);
    fy(i0, i1, zy);
    acc.add(zx, zy, i1 - i0);
  }
  // The √(2/D) of each feature, applied once: ‖C‖² scales by (2/D)².
  return (acc.frobenius() * (2 / D) * (2 / D)) / ((n - 1) * (n - 1));
}

/**
 * Draws W (D × d, N(0, σ⁻²)) and b (U[0, 2π)) and returns the map filling, for rows [i0, i1),
 * out[a·m + (i − i0)] = cos(W_a · x_i + b_a), m = i1 − i0 (feature-major, unscaled).
 * Centres the columns of `s` in place (s is the library's own copy): the kernel is
 * translation-invariant, and small phases keep the cosine's argument reduction exact.
 */
function fourierMap(
  s: Samples,
  D: number,
  sigma: number,
  rng: Random,
): (i0: number, i1: number, out: Float64Array) => void {
  const { n, d, data } = s;
  let spread = 0;
  for (let k = 0; k < d; k++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + k] as number;
    m /= n;
    for (let i = 0; i < n; i++) {
      data[i * d + k] = (data[i * d + k] as number) - m;
      spread = Math.max(spread, Math.abs(data[i * d + k] as number));
    }
  }
  // W·x depends on x/σ only: an extreme σ (1/σ overflows below ~5e-309) runs with the data and σ
  // scaled by one power of two, as the Gram matrices of gram.ts do (e = 0 at ordinary scales).
  let e = sigma < 2 ** -400 || sigma >= 2 ** 400 ? -exponentOf(sigma) : 0;
  if (spread > 0 && ldexp(spread, e) >= 2 ** 400) e = 399 - exponentOf(spread);
  if (e !== 0) for (let t = 0; t < n * d; t++) data[t] = ldexp(data[t] as number, e);
  const scaledSigma = ldexp(sigma, e);
  const W = new Float64Array(D * d);
  for (let t = 0; t < D * d; t++) W[t] = rng.normal() / scaledSigma;
  const b = new Float64Array(D);
  for (let a = 0; a < D; a++) b[a] = 2 * Math.PI * rng.uniform();
  return (i0, i1, out) => {
    dotBlock(W, 0, D, data, i0, i1, d, out);
    const m = i1 - i0;
    for (let a = 0; a < D; a++) {
      const ba = b[a] as number;
      const o = a * m;
      for (let i = 0; i < m; i++) out[o + i] = Math.cos((out[o + i] as number) + ba);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Shared by the approximations and the pairing helper (nystrom.ts, blockHsic.ts, pairing.ts)
// ---------------------------------------------------------------------------------------------

/**
 * The centred cross-moment C = Σ_i (z_x,i − z̄_x)(z_y,i − z̄_y)ᵀ of two feature maps, accumulated
 * block by block. Each block is centred on its own means and merged with the running total by
 * Chan, Golub & LeVeque's pairwise update, C = C_A + C_B + (n_A n_B / n) δ_x δ_yᵀ: no
 * cancellation between a raw Σ z_x z_yᵀ and n z̄_x z̄_yᵀ, which would cost digits when HSIC is
 * small (independence) and the feature means are not.
 * @internal
 */
export interface CrossMoment {
  /**
   * Adds m rows given feature-major: zx[a·m + i] is feature a of row i (dx × m), zy likewise.
   * Overwrites zx and zy (they are centred in place).
   */
  add(zx: Float64Array, zy: Float64Array, m: number): void;
  /** ‖C‖²_F over the rows added so far. */
  frobenius(): number;
}

/** @internal */
export function crossMoment(dx: number, dy: number): CrossMoment {
  const C = new Float64Array(dx * dy);
  const block = new Float64Array(dx * dy);
  const meanX = new Float64Array(dx);
  const meanY = new Float64Array(dy);
  const bx = new Float64Array(dx);
  const by = new Float64Array(dy);
  let count = 0;
  const centre = (z: Float64Array, rows: number, m: number, means: Float64Array): void => {
    for (let a = 0; a < rows; a++) {
      const o = a * m;
      let s = 0;
      for (let i = 0; i < m; i++) s += z[o + i] as number;
      s /= m;
      means[a] = s;
      for (let i = 0; i < m; i++) z[o + i] = (z[o + i] as number) - s;
    }
  };
  return {
    add(zx, zy, m) {
      centre(zx, dx, m, bx);
      centre(zy, dy, m, by);
      dotBlock(zx, 0, dx, zy, 0, dy, m, block);
      if (count === 0) {
        C.set(block);
        meanX.set(bx);
        meanY.set(by);
        count = m;
        return;
      }
      const n = count + m;
      const f = (count * m) / n;
      for (let c = 0; c < dy; c++) by[c] = (by[c] as number) - (meanY[c] as number);
      for (let a = 0; a < dx; a++) {
        const da = (bx[a] as number) - (meanX[a] as number);
        const fa = f * da;
        const o = a * dy;
        for (let c = 0; c < dy; c++)
          C[o + c] = (C[o + c] as number) + (block[o + c] as number) + fa * (by[c] as number);
        meanX[a] = (meanX[a] as number) + (da * m) / n;
      }
      for (let c = 0; c < dy; c++) meanY[c] = (meanY[c] as number) + ((by[c] as number) * m) / n;
      count = n;
    },
    frobenius() {
      const acc = newSum();
      for (let a = 0; a < dx; a++) {
        let s = 0;
        for (let c = 0; c < dy; c++) {
          const v = C[a * dy + c] as number;
          s += v * v;
        }
        addTo(acc, s);
      }
      return total(acc);
    },
  };
}

function readBandwidth(b: unknown, name: string): number | 'median' {
  if (b === undefined || b === 'median') return 'median';
  if (typeof b !== 'number' || !Number.isFinite(b) || b <= 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is ${formatValue(b)}: expected a finite number > 0 or 'median'`,
    );
  }
  return b;
}

/** `seed` and `medianSampleSize`, read as {@link hsic} reads them. @internal */
export function readMedianOptions(options: {
  seed?: number;
  medianSampleSize?: number;
}): MedianOptions {
  const seed = options.seed === undefined ? 0 : checkSeed(options.seed);
  return { seed, sampleSize: integerOption(options.medianSampleSize, 'medianSampleSize', 2, 1000) };
}

/** A kernel option that must describe samples, not a Gram matrix. @internal */
export function readSampleKernel(
  k: unknown,
  name: string,
  fn: string,
): Exclude<Kernel, { type: 'precomputed' }> {
  const kernel = checkKernel(k ?? gaussianKernel(), name);
  if (kernel.type === 'precomputed') {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is precomputedKernel(): ${fn} evaluates the kernel on rows it selects, so it needs the samples (use hsic for a precomputed Gram matrix)`,
    );
  }
  return kernel;
}

/** X and Y read and checked to be paired, with at least minN rows. @internal */
export function pairedSamples(
  X: SampleInput,
  Y: SampleInput,
  minN: number,
): { x: Samples; y: Samples } {
  const x = toSamples(X, 'X');
  const y = toSamples(Y, 'Y');
  if (x.n !== y.n) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `X has ${x.n} samples but Y has ${y.n}: HSIC needs paired samples (see kernel.pairedHsic for unequal sets)`,
    );
  }
  if (x.n < minN) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `X and Y have ${x.n} samples: at least ${minN} are needed`,
    );
  }
  return { x, y };
}
