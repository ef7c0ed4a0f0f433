/**
 * KL divergence, entropy and total variation of Gaussian mixtures. None has a closed form for
 * k > 1, so each is offered as a Monte Carlo estimate (unbiased, with a standard error) and, where
 * one exists, as a deterministic approximation or bound built from the components' closed forms.
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf } from '../core/input.js';
import { sum } from '../core/numerics.js';
import { checkSeed, createRandom } from '../core/random.js';
import { type BaseOptions, logOfBase } from '../core/units.js';
import { choleskyInto, logDensity, type MixtureState } from './em.js';
import { fittedState, sampleState } from './GaussianMixture.js';

/** log(2πe). */
const LOG_2PI_E = Math.log(2 * Math.PI) + 1;

/** Options shared by the mixture divergences. @public */
export interface MixtureMonteCarloOptions extends BaseOptions {
  /** Monte Carlo sample size (default 10000; at least 2, at least 4 for tvDistance). */
  samples?: number;
  /** Seed of the Monte Carlo draws (default 0): the same seed gives bit-identical estimates. */
  seed?: number;
}

/** Options of {@link klDivergence}. @public */
export interface MixtureKlOptions extends MixtureMonteCarloOptions {
  /**
   * `'monte-carlo'` (default): unbiased, with a standard error, O(samples·(k_p + k_q)·d²).
   * `'variational'`: Hershey & Olsen's (2007) variational approximation, deterministic,
   * O(k·(k_p + k_q)·d³); exact when both have one component and 0 for identical mixtures, but
   * neither a bound nor always ≥ 0. `'goldberger'`: the matched-bound approximation of
   * Goldberger et al. (2003), deterministic; an upper bound whenever the matching is one-to-one
   * (`upperBound: true` in the result).
   */
  method?: 'monte-carlo' | 'variational' | 'goldberger';
}

/** Options of {@link entropy}. @public */
export interface MixtureEntropyOptions extends MixtureMonteCarloOptions {
  /**
   * `'monte-carlo'` (default): unbiased, with a standard error. `'upper-bound'`: Huber et al.'s
   * (2008) bound `Σ_j w_j (−log w_j + h(N_j))` = H(component) + h(X | component), deterministic.
   */
  method?: 'monte-carlo' | 'upper-bound';
}

/** An estimate of a mixture quantity. @public */
export interface MixtureEstimate {
  /** The estimate (nats unless `base`; TV is unitless, in [0, 1]). */
  value: number;
  /** The method used. */
  method: string;
  /**
   * Monte Carlo only: the standard error of `value` (sample standard deviation / √samples);
   * +Infinity when `value` is infinite (a draw whose log-density ratio exceeds the doubles, as
   * KL(N(0, 1e300) ‖ N(0, 1e-300)) gives): no finite error bar holds then.
   */
  standardError?: number;
  /** Monte Carlo only: the number of draws. */
  samples?: number;
  /**
   * `'goldberger'` KL only: true when every component of p with positive weight was matched to a
   * different component of q, in which case `value` ≥ KL(p ‖ q) (see {@link klDivergence}).
   */
  upperBound?: boolean;
}

function readSamples(v: unknown, min: number): number {
  const x = v === undefined ? 10_000 : v;
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `samples is ${formatValue(x)}: expected an integer ≥ ${min}`,
    );
  }
  return x;
}

function sameDimension(p: MixtureState, q: MixtureState): void {
  if (p.d !== q.d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `p has ${p.d} features but q has ${q.d}: the mixtures must live in the same space`,
    );
  }
}

/**
 * Mean and standard error (sample sd / √n, two-pass) of `t`.
 *
 * Where a term is infinite (q's log-density −Infinity at a draw from p: its squared Mahalanobis
 * distance overflowed), the mean is that infinity and the standard error is +Infinity: no finite
 * error bar holds for it, and sd's (Infinity − Infinity)² would otherwise make it NaN. Where the
 * terms are finite but their squared deviations overflow (values ~1e155 and up), the sum of
 * squares is taken of the deviations divided by the largest of them, so the error stays finite.
 */
function meanAndError(t: Float64Array): { mean: number; se: number } {
  const n = t.length;
  const mean = sum(t) / n;
  if (!Number.isFinite(mean)) return { mean, se: Number.POSITIVE_INFINITY };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((t[i] as number) - mean) ** 2;
  if (ss === Number.POSITIVE_INFINITY) {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs((t[i] as number) / 2 - mean / 2));
    let scaled = 0;
    for (let i = 0; i < n; i++) scaled += (((t[i] as number) / 2 - mean / 2) / m) ** 2;
    return { mean, se: 2 * m * Math.sqrt(scaled / (n - 1) / n) };
  }
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

/** Each component as a dense d × d covariance, its lower Cholesky factor, its precision factor U and log det Σ. */
interface Dense {
  cov: Float64Array;
  chol: Float64Array;
  prec: Float64Array;
  logDet: Float64Array;
}

function dense(s: MixtureState): Dense {
  const { k, d, covarianceType: type } = s;
  const dd = d * d;
  const cov = new Float64Array(k * dd);
  const prec = new Float64Array(k * dd);
  const chol = new Float64Array(k * dd);
  const logDet = new Float64Array(k);
  const scratch = new Float64Array(dd);
  for (let j = 0; j < k; j++) {
    const o = j * dd;
    if (type === 'full' || type === 'tied') {
      const so = type === 'full' ? o : 0;
      cov.set(s.covariances.subarray(so, so + dd), o);
      prec.set(s.precisionsCholesky.subarray(so, so + dd), o);
    } else {
      for (let a = 0; a < d; a++) {
        const i = type === 'diag' ? j * d + a : j;
        cov[o + a * d + a] = s.covariances[i] as number;
        prec[o + a * d + a] = s.precisionsCholesky[i] as number;
      }
    }
    // The covariance is positive definite: the mixture was validated or fitted.
    choleskyInto(cov, o, d, scratch);
    chol.set(scratch, o);
    let ld = 0;
    for (let a = 0; a < d; a++) ld -= 2 * Math.log(prec[o + a * d + a] as number);
    logDet[j] = ld;
  }
  return { cov, chol, prec, logDet };
}

/**
 * KL(N(μ_a, Σ_a) ‖ N(μ_b, Σ_b)) = ½[‖L_aᵀU_b‖²_F + ‖(μ_b − μ_a)ᵀU_b‖² − d + log det Σ_b − log det Σ_a],
 * L_a L_aᵀ = Σ_a, U_b U_bᵀ = Σ_b⁻¹; clamped at 0.
 */
function componentKl(
  p: MixtureState,
  dp: Dense,
  a: number,
  q: MixtureState,
  dq: Dense,
  b: number,
): number {
  const d = p.d;
  const dd = d * d;
  const L = dp.chol;
  const U = dq.prec;
  const lo = a * dd;
  const uo = b * dd;
  let trace = 0;
  // (L_aᵀ U_b)_{rc} = Σ_i L_a[i][r] U_b[i][c], i ≥ r (L lower) and i ≤ c (U upper).
  for (let r = 0; r < d; r++) {
    for (let c = r; c < d; c++) {
      let m = 0;
      for (let i = r; i <= c; i++)
        m += (L[lo + i * d + r] as number) * (U[uo + i * d + c] as number);
      trace += m * m;
    }
  }
  let maha = 0;
  for (let c = 0; c < d; c++) {
    let y = 0;
    for (let i = 0; i <= c; i++) {
      const delta = (q.means[b * d + i] as number) - (p.means[a * d + i] as number);
      y += delta * (U[uo + i * d + c] as number);
    }
    maha += y * y;
  }
  const kl = 0.5 * (trace + maha - d + (dq.logDet[b] as number) - (dp.logDet[a] as number));
  return Math.max(0, kl);
}

/** log Σ_j exp(v_j) over a short array. */
function lse(v: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < v.length; j++) if ((v[j] as number) > max) max = v[j] as number;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let j = 0; j < v.length; j++) s += Math.exp((v[j] as number) - max);
  return max + Math.log(s);
}

/**
 * Kullback–Leibler divergence KL(p ‖ q) = ∫ p log(p/q) between two Gaussian mixtures (fitted
 * {@link GaussianMixture}s, or built with `fromParameters` / `fromJSON`).
 *
 * - `'monte-carlo'` (default): `(1/n) Σ_i [log p(x_i) − log q(x_i)]`, x_i ~ p, with standard
 *   error `sd/√n`. Unbiased and consistent; O(n·(k_p + k_q)·d²). Where log q(x_i) is −Infinity
 *   (q's Mahalanobis distance overflows) the value is +Infinity and so is the standard error.
 * - `'variational'` (Hershey & Olsen 2007, eq. 18), with p = Σ_a π_a p_a and q = Σ_b ω_b q_b:
 *   `D_var = Σ_a π_a log[ Σ_α π_α exp(−KL(p_a ‖ p_α)) / Σ_b ω_b exp(−KL(p_a ‖ q_b)) ]`, with the
 *   components' closed-form KLs. Exact for single Gaussians, exactly 0 for identical mixtures;
 *   an approximation, not a bound, and can be slightly negative. O((k_p + k_q)·k_p·d³).
 * - `'goldberger'` (Goldberger, Gordon & Greenspan 2003; Hershey & Olsen's "matched bound
 *   approximation"): match each p_a to `m(a) = argmin_b [KL(p_a ‖ q_b) − log ω_b]`, then
 *   `D = Σ_a π_a [KL(p_a ‖ q_m(a)) + log(π_a / ω_m(a))]`. Exact for single Gaussians. When m is
 *   one-to-one on the components with π_a > 0 it is an upper bound on KL(p ‖ q), by the log-sum
 *   inequality applied to the matched pairs (the result then says `upperBound: true`); otherwise
 *   an approximation, good when the components are well separated. O(k_p·k_q·d³).
 *
 * Units: nats unless `base`.
 *
 * Reference: Hershey & Olsen (2007), "Approximating the Kullback Leibler divergence between
 * Gaussian mixture models", ICASSP; Goldberger, Gordon & Greenspan (2003), ICCV.
 *
 * @example
 * ```ts
 * import { GaussianMixture, gmm } from 'infobound';
 * const p = GaussianMixture.fromParameters({ weights: [0.5, 0.5], means: [[-2], [2]], covariances: [[[1]], [[1]]] });
 * const q = GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[5]]] });
 * gmm.klDivergence(p, q, { method: 'variational' }).value; // 0.11190718203000061
 * gmm.klDivergence(p, q, { seed: 1 }).value; // 0.1676447114837307 (± 0.005; quadrature: 0.17200)
 * ```
 * @public
 */
export function klDivergence(
  p: unknown,
  q: unknown,
  options: MixtureKlOptions = {},
): MixtureEstimate {
  const method = oneOf(
    options.method,
    ['monte-carlo', 'variational', 'goldberger'],
    'monte-carlo',
    'method',
  );
  const sp = fittedState(p, 'p');
  const sq = fittedState(q, 'q');
  sameDimension(sp, sq);
  const ln = logOfBase(options.base);
  if (method === 'monte-carlo') {
    const n = readSamples(options.samples, 2);
    const rng = createRandom(options.seed === undefined ? 0 : checkSeed(options.seed));
    const { data } = sampleState(sp, n, rng);
    const lp = new Float64Array(n);
    const lq = new Float64Array(n);
    logDensity(sp, data, n, lp);
    logDensity(sq, data, n, lq);
    for (let i = 0; i < n; i++) lp[i] = (lp[i] as number) - (lq[i] as number);
    const { mean, se } = meanAndError(lp);
    return { value: mean / ln, standardError: se / ln, samples: n, method };
  }
  const dp = dense(sp);
  const dq = p === q ? dp : dense(sq);
  const kp = sp.k;
  const kq = sq.k;
  if (method === 'variational') {
    const num = new Float64Array(kp);
    const den = new Float64Array(kq);
    let value = 0;
    for (let a = 0; a < kp; a++) {
      const pa = sp.weights[a] as number;
      if (pa === 0) continue;
      for (let c = 0; c < kp; c++)
        num[c] = Math.log(sp.weights[c] as number) - componentKl(sp, dp, a, sp, dp, c);
      for (let b = 0; b < kq; b++)
        den[b] = Math.log(sq.weights[b] as number) - componentKl(sp, dp, a, sq, dq, b);
      value += pa * (lse(num) - lse(den));
    }
    return { value: value / ln, method };
  }
  let value = 0;
  const used = new Uint8Array(kq);
  let injective = true;
  for (let a = 0; a < kp; a++) {
    const pa = sp.weights[a] as number;
    if (pa === 0) continue;
    let best = 0;
    let bestCost = Number.POSITIVE_INFINITY;
    let bestKl = 0;
    for (let b = 0; b < kq; b++) {
      const kl = componentKl(sp, dp, a, sq, dq, b);
      const cost = kl - Math.log(sq.weights[b] as number);
      if (cost < bestCost) {
        bestCost = cost;
        best = b;
        bestKl = kl;
      }
    }
    if (used[best] === 1) injective = false;
    used[best] = 1;
    value += pa * (bestKl + Math.log(pa / (sq.weights[best] as number)));
  }
  return { value: value / ln, method, upperBound: injective };
}

/**
 * Differential entropy h(p) = −∫ p log p of a Gaussian mixture.
 *
 * - `'monte-carlo'` (default): `−(1/n) Σ_i log p(x_i)`, x_i ~ p, with standard error `sd/√n`.
 *   Unbiased; O(n·k·d²).
 * - `'upper-bound'`: `Σ_j w_j [−log w_j + ½ log det(2πe Σ_j)]`, the joint entropy of the
 *   component label and the sample, H(Z) + h(X | Z) = h(X, Z) ≥ h(X); tight when the components
 *   do not overlap, loose by up to H(Z) ≤ log k when they coincide. This is the zeroth-order
 *   upper bound of Huber, Bailey, Durrant-Whyte & Hanebeck (2008), eq. (8). O(k·d³).
 *
 * Units: nats unless `base`. With one component both methods give the Gaussian entropy
 * (the bound exactly).
 *
 * Reference: Huber et al. (2008), "On entropy approximation for Gaussian mixture random vectors",
 * IEEE MFI.
 *
 * @example
 * ```ts
 * import { GaussianMixture, gmm } from 'infobound';
 * const p = GaussianMixture.fromParameters({ weights: [0.5, 0.5], means: [[-2], [2]], covariances: [[[1]], [[1]]] });
 * gmm.entropy(p, { method: 'upper-bound' }).value; // 2.112085713764618
 * gmm.entropy(p, { seed: 1 }).value; // 2.056406137180857 (± 0.006; quadrature: 2.05166)
 * ```
 * @public
 */
export function entropy(p: unknown, options: MixtureEntropyOptions = {}): MixtureEstimate {
  const method = oneOf(options.method, ['monte-carlo', 'upper-bound'], 'monte-carlo', 'method');
  const sp = fittedState(p, 'p');
  const ln = logOfBase(options.base);
  if (method === 'upper-bound') {
    const dp = dense(sp);
    let value = 0;
    for (let j = 0; j < sp.k; j++) {
      const w = sp.weights[j] as number;
      if (w === 0) continue;
      value += w * (-Math.log(w) + 0.5 * (sp.d * LOG_2PI_E + (dp.logDet[j] as number)));
    }
    return { value: value / ln, method };
  }
  const n = readSamples(options.samples, 2);
  const rng = createRandom(options.seed === undefined ? 0 : checkSeed(options.seed));
  const { data } = sampleState(sp, n, rng);
  const lp = new Float64Array(n);
  logDensity(sp, data, n, lp);
  for (let i = 0; i < n; i++) lp[i] = -(lp[i] as number);
  const { mean, se } = meanAndError(lp);
  return { value: mean / ln, standardError: se / ln, samples: n, method };
}

/**
 * Total variation distance TV(p, q) = ½ ∫ |p − q| between two Gaussian mixtures, by Monte Carlo.
 *
 * Estimator: with m = (p + q)/2, `TV = ½ E_{x∼m} |p(x) − q(x)| / m(x) = E_{x∼m} |tanh(Δ(x)/2)|`,
 * Δ = log p − log q (computed in log space, so it never overflows). The draws from m are
 * stratified: ⌈n/2⌉ from p and ⌊n/2⌋ from q, and the estimate is
 * `½ (mean_p f + mean_q f)` with f = |tanh(Δ/2)| ∈ [0, 1], so it lies in [0, 1] always; its
 * standard error is `½ √(var_p f / n_p + var_q f / n_q)`. Unbiased; O(n·(k_p + k_q)·d²).
 * (No `base`: TV is not measured in nats.)
 *
 * Reference: e.g. Tsybakov (2009), *Introduction to Nonparametric Estimation*, §2.4 (the
 * identity TV = ½ ∫|p − q|); the mixture form is the importance-sampling estimator under m.
 *
 * @example
 * ```ts
 * import { GaussianMixture, gmm } from 'infobound';
 * const p = GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[1]]] });
 * const q = GaussianMixture.fromParameters({ weights: [1], means: [[1]], covariances: [[[1]]] });
 * gmm.tvDistance(p, q, { seed: 1 }).value; // 0.3836068149120797 (± 0.0024; exact: 2Φ(½) − 1 = 0.38292)
 * ```
 * @public
 */
export function tvDistance(
  p: unknown,
  q: unknown,
  options: Omit<MixtureMonteCarloOptions, 'base'> = {},
): MixtureEstimate {
  const sp = fittedState(p, 'p');
  const sq = fittedState(q, 'q');
  sameDimension(sp, sq);
  const n = readSamples(options.samples, 4);
  const rng = createRandom(options.seed === undefined ? 0 : checkSeed(options.seed));
  const np = Math.ceil(n / 2);
  const nq = n - np;
  const part = (from: MixtureState, count: number): Float64Array => {
    const { data } = sampleState(from, count, rng);
    const lp = new Float64Array(count);
    const lq = new Float64Array(count);
    logDensity(sp, data, count, lp);
    logDensity(sq, data, count, lq);
    for (let i = 0; i < count; i++) {
      const delta = (lp[i] as number) - (lq[i] as number);
      lp[i] = Math.abs(Math.tanh(delta / 2));
    }
    return lp;
  };
  const fp = meanAndError(part(sp, np));
  const fq = meanAndError(part(sq, nq));
  const value = 0.5 * (fp.mean + fq.mean);
  // meanAndError's se is sd/√n_part; combine the strata.
  const se = 0.5 * Math.sqrt(fp.se * fp.se + fq.se * fq.se);
  return {
    value: Math.min(1, Math.max(0, value)),
    standardError: se,
    samples: n,
    method: 'monte-carlo',
  };
}
