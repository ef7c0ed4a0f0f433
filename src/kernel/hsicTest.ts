import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput } from '../core/input.js';
import { ldexp } from '../core/linalg.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { checkSeed, createRandom } from '../core/random.js';
import { gammaQ } from '../core/special.js';
import { type Gram, toKernelUnits } from './gram.js';
import { type KernelOptions, preparePair } from './hsic.js';
import { type PairStats, pairStats, sumOf, traceKHLH } from './stats.js';

/** Options of {@link hsicTest}. @public */
export interface HsicTestOptions extends KernelOptions {
  /**
   * `'gamma'` (default): the null distribution of n·HSIC is approximated by a gamma distribution
   * with the null's mean and variance estimated from the Gram matrices (Gretton et al. 2008);
   * O(n²), fast, slightly anti-conservative at small n. `'permutation'`: Y's rows are permuted
   * `permutations` times; exact level, O(permutations · n²).
   */
  method?: 'gamma' | 'permutation';
  /** Number of permutations (default 1000). */
  permutations?: number;
}

/** Result of {@link hsicTest}. @public */
export interface HsicTestResult {
  /**
   * The test statistic: for `'gamma'`, n·HSIC with the 1/n² normalisation, `tr(K H L H)/n`
   * (the quantity whose null is gamma-distributed); for `'permutation'`, the biased HSIC
   * `tr(K H L H)/(n − 1)²`.
   */
  statistic: number;
  /** The biased HSIC, `tr(K H L H)/(n − 1)²`, whatever the method. */
  hsic: number;
  /** P(statistic ≥ observed | X ⫫ Y). */
  pValue: number;
  method: 'gamma' | 'permutation';
  /** Gamma approximation: shape α and scale β of the statistic's null distribution, and its mean αβ and variance αβ². */
  null?: { shape: number; scale: number; mean: number; variance: number };
  /** Permutation test: the number of permutations and how many reached the observed value. */
  permutations?: number;
  exceedances?: number;
}

/**
 * Tests independence of X and Y with HSIC.
 *
 * Gamma method (Gretton et al. 2008): statistic `T = tr(K̄ L̄)/n` (K̄ = HKH); under the null
 * `E T ≈ (1 + μ_x μ_y − μ_x − μ_y)/n` with μ_x the mean off-diagonal kernel value, and
 * `Var T ≈ 2(n−4)(n−5)/(n(n−1)(n−2)(n−3)) · mean_{i≠j}(K̄_ij L̄_ij)²`; T is compared with the gamma
 * distribution of that mean and variance. Permutation method: the biased HSIC against its values
 * on `permutations` seeded permutations of Y's rows, `p = (1 + #{HSIC_π ≥ HSIC}) / (1 + B)`.
 *
 * Cost: gamma O(n² d) in two blocked passes; permutation O(B n²) (with the Gram matrices held in
 * memory up to n = 2048, recomputed blockwise per permutation above). Returns a plain object
 * (not a Promise).
 *
 * Reference: Gretton, Fukumizu, Teo, Song, Schölkopf & Smola (2008), "A kernel statistical test
 * of independence", NIPS 20.
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const x = Array.from({ length: 200 }, (_, i) => Math.sin(i));
 * kernel.hsicTest(x, x.map((v) => v * v)).pValue < 0.01; // true
 * ```
 * @public
 */
export function hsicTest(
  X: SampleInput,
  Y: SampleInput,
  options: HsicTestOptions = {},
): HsicTestResult {
  const method = oneOf(options.method, ['gamma', 'permutation'], 'gamma', 'method');
  const p = preparePair(X, Y, options, method === 'gamma' ? 6 : 2);
  const s = pairStats(p.K, p.L, p.blockSize);
  const n = s.n;
  // tr is in the scaled units of the Gram blocks (Gram.exponent), like every trace compared with
  // it below; reported values are brought back to the kernels' units.
  const tr = traceKHLH(s);
  const e = s.expK + s.expL;
  const hsicB = toKernelUnits(tr / ((n - 1) * (n - 1)), e, 'HSIC');
  if (method === 'gamma') return gammaTest(p.K, p.L, s, tr, hsicB, p.blockSize);

  const permutations = options.permutations === undefined ? 1000 : options.permutations;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `permutations is ${formatValue(permutations)}: expected an integer ≥ 1`,
    );
  }
  const rng = createRandom(options.seed === undefined ? 0 : checkSeed(options.seed));
  let exceed = 0;
  if (n <= 2048) {
    // Dense path: HSIC_π = Σ_ij K̄_ij L_{π(i)π(j)} / (n − 1)².
    const kc = centredDense(p.K, s);
    const l = new Float64Array(n * n);
    p.L.block(0, n, 0, n, l);
    const observed = denseTrace(kc, l, n, undefined);
    for (let b = 0; b < permutations; b++) {
      if (denseTrace(kc, l, n, rng.permutation(n)) >= observed) exceed++;
    }
  } else {
    for (let b = 0; b < permutations; b++) {
      const sp = pairStats(p.K, p.L.permuted(rng.permutation(n)), p.blockSize);
      if (traceKHLH(sp) >= tr) exceed++;
    }
  }
  return {
    statistic: hsicB,
    hsic: hsicB,
    pValue: (1 + exceed) / (1 + permutations),
    method,
    permutations,
    exceedances: exceed,
  };
}

/** K̄ = HKH as a dense n × n matrix (the permutation test's fast path). */
function centredDense(K: Gram, s: PairStats): Float64Array {
  const n = s.n;
  const out = new Float64Array(n * n);
  K.block(0, n, 0, n, out);
  const total = sumOf(s.rK) / (n * n);
  for (let i = 0; i < n; i++) {
    const ri = (s.rK[i] as number) / n;
    for (let j = 0; j < n; j++)
      out[i * n + j] = (out[i * n + j] as number) - ri - (s.rK[j] as number) / n + total;
  }
  return out;
}

/** Σ_ij K̄_ij L_{π(i)π(j)} (π = identity when undefined). */
function denseTrace(
  kc: Float64Array,
  l: Float64Array,
  n: number,
  perm: Int32Array | undefined,
): number {
  const acc = newSum();
  for (let i = 0; i < n; i++) {
    const ro = (perm ? (perm[i] as number) : i) * n;
    let row = 0;
    if (perm)
      for (let j = 0; j < n; j++)
        row += (kc[i * n + j] as number) * (l[ro + (perm[j] as number)] as number);
    else for (let j = 0; j < n; j++) row += (kc[i * n + j] as number) * (l[ro + j] as number);
    addTo(acc, row);
  }
  return total(acc);
}

function gammaTest(
  K: Gram,
  L: Gram,
  s: PairStats,
  tr: number,
  hsicB: number,
  b: number,
): HsicTestResult {
  const n = s.n;
  const e = s.expK + s.expL;
  // In the scaled units of the blocks (a factor 2^e; 2^(2e) for the variance), as is the "1" of
  // the null mean below, the normalised kernels' diagonal, here 2^expK and 2^expL.
  const statistic = tr / n;
  // Second pass: Σ_{i≠j} (K̄_ij L̄_ij)², with K̄_ij = K_ij − r_i/n − r_j/n + s/n².
  const sK = sumOf(s.rK) / (n * n);
  const sL = sumOf(s.rL) / (n * n);
  const kb = new Float64Array(b * b);
  const lb = new Float64Array(b * b);
  const acc = newSum();
  for (let i0 = 0; i0 < n; i0 += b) {
    const i1 = Math.min(n, i0 + b);
    for (let j0 = i0; j0 < n; j0 += b) {
      const j1 = Math.min(n, j0 + b);
      const w = j1 - j0;
      K.block(i0, i1, j0, j1, kb);
      L.block(i0, i1, j0, j1, lb);
      let part = 0;
      for (let i = i0; i < i1; i++) {
        const rki = (s.rK[i] as number) / n;
        const rli = (s.rL[i] as number) / n;
        for (let j = j0; j < j1; j++) {
          if (j === i) continue;
          const t = (i - i0) * w + (j - j0);
          const kc = (kb[t] as number) - rki - (s.rK[j] as number) / n + sK;
          const lc = (lb[t] as number) - rli - (s.rL[j] as number) / n + sL;
          const v = kc * lc;
          part += v * v;
        }
      }
      addTo(acc, j0 === i0 ? part : 2 * part);
    }
  }
  const variance =
    ((2 * (n - 4) * (n - 5)) / (n * (n - 1) * (n - 2) * (n - 3))) * (total(acc) / (n * (n - 1)));
  const muX = sumOf(s.oK) / (n * (n - 1));
  const muY = sumOf(s.oL) / (n * (n - 1));
  const oneX = ldexp(1, Math.max(-1000, Math.min(1000, s.expK)));
  const oneY = ldexp(1, Math.max(-1000, Math.min(1000, s.expL)));
  // With oneX = oneY = 1 (unscaled kernels) this is (1 + μxμy − μx − μy)/n, bit for bit.
  const mean = (oneX * oneY + muX * muY - muX * oneY - muY * oneX) / n;
  const observed = toKernelUnits(statistic, e, 'the test statistic n·HSIC');
  if (!(variance > 0) || !(mean > 0) || !Number.isFinite(mean)) {
    // A constant Gram matrix (a constant variable): no evidence against independence. (An
    // infinite mean: kernel values so far below the diagonal's 1 that the null's mean dwarfs any
    // statistic; p = 1 is the limit.)
    return { statistic: observed, hsic: hsicB, pValue: 1, method: 'gamma' };
  }
  const shape = (mean * mean) / variance;
  const scale = (variance * n) / mean;
  if (!Number.isFinite(shape) || !(scale > 0)) {
    // A variance negligible against the mean (kernel values of one side far below its diagonal's
    // 1, e.g. a linear kernel on data of size 1e-150): the null is a point mass at its mean n·mean.
    const pValue = statistic > n * mean ? 0 : 1;
    return { statistic: observed, hsic: hsicB, pValue, method: 'gamma' };
  }
  const pValue = gammaQ(shape, statistic / scale);
  // mean and variance above are those of HSIC with the 1/n² normalisation; T = n·HSIC.
  return {
    statistic: observed,
    hsic: hsicB,
    pValue,
    method: 'gamma',
    null: {
      shape,
      scale: toKernelUnits(scale, e, 'the scale of the null distribution'),
      mean: toKernelUnits(n * mean, e, 'the mean of the null distribution'),
      variance: toKernelUnits(n * n * variance, 2 * e, 'the variance of the null distribution'),
    },
  };
}
