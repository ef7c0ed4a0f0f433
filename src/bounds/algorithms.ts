/**
 * Learning algorithms for finite learning problems, as exact channels P(W | S) from the |Z|ⁿ
 * training sets to a finite hypothesis set: the Gibbs algorithm, a noisy ERM, and any algorithm
 * that sees the data through L stacked channels (the contraction layers of Lemma 4.4); and the
 * Dobrushin contraction coefficient of a channel.
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { lossRows } from './learning.js';
import { distribution } from './model.js';

/** The most training sets an algorithm is tabulated for (|Z|ⁿ ≤ 2^16, as evaluateLearningProblem). */
const MAX_TRAINING_SETS = 65_536;

function size(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${name} is ${formatValue(value)}: expected an integer ≥ 1`,
    );
  }
  return value;
}

function trainingSets(outcomes: number, n: number): number {
  const configs = outcomes ** n;
  if (configs > MAX_TRAINING_SETS) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `|Z|^n = ${outcomes}^${n} = ${configs} training sets: at most ${MAX_TRAINING_SETS} are tabulated`,
    );
  }
  return configs;
}

/** A validated loss table loss[w][z] with `outcomes` columns. */
function lossTable(loss: unknown, outcomes: number): number[][] {
  if (!Array.isArray(loss) || loss.length === 0) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `loss is ${formatValue(loss)}: expected one row per hypothesis`,
    );
  }
  return lossRows(loss, outcomes);
}

/** A validated channel: rows are distributions of equal length. */
function channelRows(x: unknown, name: string, inputs?: number): Float64Array[] {
  if (!Array.isArray(x) || x.length === 0 || (inputs !== undefined && x.length !== inputs)) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} must be a channel with ${inputs ?? '≥ 1'} rows, got ${formatValue(x)}`,
    );
  }
  const rows = x.map((r, i) => distribution(r, `${name}[${i}]`));
  const k = (rows[0] as Float64Array).length;
  rows.forEach((r, i) => {
    if (r.length !== k) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${name}[${i}] has ${r.length} outputs but ${name}[0] has ${k}`,
      );
    }
  });
  return rows;
}

/** Σ_i ℓ(w, z_i) for every hypothesis w and training-set code s (Z_1 the least significant digit). */
function summedLosses(table: number[][], outcomes: number, n: number): Float64Array[] {
  const configs = outcomes ** n;
  const out: Float64Array[] = [];
  for (let s = 0; s < configs; s++) {
    const row = new Float64Array(table.length);
    for (let w = 0; w < table.length; w++) {
      const lw = table[w] as number[];
      let sum = 0;
      for (let i = 0, rest = s; i < n; i++, rest = Math.floor(rest / outcomes)) {
        sum += lw[rest % outcomes] as number;
      }
      row[w] = sum;
    }
    out.push(row);
  }
  return out;
}

/**
 * Pushes an algorithm on per-sample outputs back to the inputs: given rows A[t] over codes
 * t ∈ {0..kOut−1}ⁿ and a per-sample channel K (kIn × kOut), returns the rows
 * P(w | s) = Σ_t Π_i K[s_i][t_i]·A[t][w] over s ∈ {0..kIn−1}ⁿ, one coordinate at a time
 * (O(n·kIn·kOutⁿ·|W|) instead of the O(kInⁿ·kOutⁿ·|W|) double sum).
 */
function throughSampleChannel(
  rows: readonly Float64Array[],
  channel: readonly Float64Array[],
  n: number,
): Float64Array[] {
  const kIn = channel.length;
  const kOut = (channel[0] as Float64Array).length;
  const kw = (rows[0] as Float64Array).length;
  let cur = rows;
  // After step i, digits 0..i of a code are inputs (base kIn), the others still outputs (base kOut).
  for (let i = 0; i < n; i++) {
    const low = kIn ** i;
    const high = kOut ** (n - i - 1);
    const next: Float64Array[] = new Array(low * kIn * high);
    for (let hi = 0; hi < high; hi++) {
      for (let x = 0; x < kIn; x++) {
        const k = channel[x] as Float64Array;
        for (let lo = 0; lo < low; lo++) {
          const row = new Float64Array(kw);
          for (let t = 0; t < kOut; t++) {
            const c = k[t] as number;
            if (c === 0) continue;
            const src = cur[lo + low * (t + kOut * hi)] as Float64Array;
            for (let w = 0; w < kw; w++) row[w] = (row[w] as number) + c * (src[w] as number);
          }
          next[lo + low * (x + kIn * hi)] = row;
        }
      }
    }
    cur = next;
  }
  return cur as Float64Array[];
}

const toArrays = (rows: readonly Float64Array[]) => rows.map((r) => Array.from(r));

/** Options of {@link gibbsAlgorithm}. @public */
export interface GibbsAlgorithmOptions {
  /** |Z|: the number of values of a sample. */
  outcomes: number;
  /** n: the number of samples in a training set. */
  n: number;
  /** The loss table `loss[w][z] = ℓ(w, z)`, one row per hypothesis. */
  loss: readonly (readonly number[])[];
  /** β ≥ 0: the inverse temperature (per sample: the exponent is −β·n·R_S(w)). */
  beta: number;
  /** π: the prior over the hypotheses (default uniform). */
  prior?: readonly number[];
}

/**
 * The Gibbs algorithm as a channel: `P(w | S) ∝ π(w)·exp(−β·n·R_S(w))`, with
 * R_S(w) = (1/n) Σ_i ℓ(w, Z_i), one row per training set S in the code order of
 * {@link evaluateLearningProblem} (s = Σ_i Z_i·|Z|^(i−1)).
 *
 * β = 0 returns π on every row, to rounding (the algorithm ignores its data); β → ∞ tends to ERM with ties
 * broken by π. Its expected generalization gap is exactly (I(S; W) + L(S; W))/(β·n), with L the
 * lautum information (Aminian et al. 2021, "An exact characterization of the generalization error
 * for the Gibbs algorithm"), and it obeys the Xu–Raginsky bound (eq. 12) like any algorithm.
 * Rows are computed as softmax of log π(w) − β·Σ_i ℓ(w, Z_i) (shifted by its maximum), so no
 * exponent overflows. Cost O(|Z|ⁿ·|W|·n) time and memory; |Z|ⁿ ≤ 65536.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * // Z a fair bit, one sample, two hypotheses with 0-1 loss, β = log 3: P(W = Z | Z) = 3/4.
 * const loss = [[0, 1], [1, 0]];
 * const algorithm = bounds.gibbsAlgorithm({ outcomes: 2, n: 1, loss, beta: Math.log(3) });
 * algorithm[0][0]; // 0.7499999999999999
 * const r = bounds.evaluateLearningProblem({ distribution: [0.5, 0.5], n: 1, algorithm, loss });
 * // E gap = ¼ = (I + L)/(β·n), to rounding:
 * Math.abs(r.expectedGap * Math.log(3) - (r.mutualInformation + r.lautumInformation)) < 1e-15; // true
 * ```
 * @public
 */
export function gibbsAlgorithm(options: GibbsAlgorithmOptions): number[][] {
  const outcomes = size(options?.outcomes, 'outcomes');
  const n = size(options.n, 'n');
  trainingSets(outcomes, n);
  const table = lossTable(options.loss, outcomes);
  const { beta } = options;
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `beta is ${formatValue(beta)}: expected a finite number ≥ 0`,
    );
  }
  const kw = table.length;
  const prior =
    options.prior === undefined
      ? new Float64Array(kw).fill(1 / kw)
      : distribution(options.prior, 'prior');
  if (prior.length !== kw) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `prior has ${prior.length} entries but loss has ${kw} hypotheses`,
    );
  }
  const logPrior = Array.from(prior, (p) => Math.log(p));
  return summedLosses(table, outcomes, n).map((sums) => {
    let max = Number.NEGATIVE_INFINITY;
    const logits = logPrior.map((lp, w) => {
      // π(w) = 0 gives log π = −Infinity, and −Infinity − β·Σℓ stays −Infinity: weight 0.
      const v = lp - beta * (sums[w] as number);
      if (v > max) max = v;
      return v;
    });
    let z = 0;
    const row = logits.map((v) => {
      const e = v === Number.NEGATIVE_INFINITY ? 0 : Math.exp(v - max);
      z += e;
      return e;
    });
    return row.map((e) => e / z);
  });
}

/** Options of {@link noisyErmAlgorithm}. @public */
export interface NoisyErmAlgorithmOptions {
  /** |Z|: the number of values of a sample. */
  outcomes: number;
  /** n: the number of samples in a training set. */
  n: number;
  /** The loss table `loss[w][z] = ℓ(w, z)`, one row per hypothesis. */
  loss: readonly (readonly number[])[];
  /**
   * ρ ∈ [0, 1]: the probability that each sample is replaced, independently, by a uniform draw
   * from {0..|Z|−1} before ERM (label noise / randomized response). 0: plain ERM with random
   * tie-breaking; 1: the output ignores the data.
   */
  flip: number;
}

/**
 * Noisy empirical risk minimisation as a channel: each sample Z_i is independently kept with
 * probability 1 − ρ and otherwise replaced by a uniform draw from Z (noise the learner does not
 * see), then W is a minimiser of the empirical risk on the noisy sample, ties broken uniformly at
 * random. Rows in the code order of {@link evaluateLearningProblem}.
 *
 * Hypotheses whose summed losses Σ_i ℓ(w, Z'_i) lie within 1e-12·n·max|ℓ| of the minimum count as
 * tied, so that sums equal in exact arithmetic are not split by rounding. With ρ = 0 this is ERM
 * itself (deterministic up to ties); the noise makes W a randomized function of S, with
 * I(S; W) ≤ n·(1 − ρ)·log|Z| (Dobrushin coefficient of the noise channel: 1 − ρ).
 * Cost O(n·|Z|ⁿ⁺¹·|W|) time, O(|Z|ⁿ·|W|) memory; |Z|ⁿ ≤ 65536.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * // Z a fair bit, n = 1, 0-1 loss: ERM predicts the sample it saw, which is Z with
 * // probability 1 − ρ/2: P(W = Z | Z) = 0.75 at ρ = 0.5.
 * const algorithm = bounds.noisyErmAlgorithm({ outcomes: 2, n: 1, loss: [[0, 1], [1, 0]], flip: 0.5 });
 * algorithm[0][0]; // 0.75
 * ```
 * @public
 */
export function noisyErmAlgorithm(options: NoisyErmAlgorithmOptions): number[][] {
  const outcomes = size(options?.outcomes, 'outcomes');
  const n = size(options.n, 'n');
  trainingSets(outcomes, n);
  const table = lossTable(options.loss, outcomes);
  const { flip } = options;
  if (typeof flip !== 'number' || !(flip >= 0 && flip <= 1)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `flip is ${formatValue(flip)}: expected ρ ∈ [0, 1]`,
    );
  }
  let maxAbs = 0;
  for (const row of table) for (const v of row) maxAbs = Math.max(maxAbs, Math.abs(v));
  const tieTol = 1e-12 * n * maxAbs;
  const erm = summedLosses(table, outcomes, n).map((sums) => {
    let min = Number.POSITIVE_INFINITY;
    for (const v of sums) if (v < min) min = v;
    const row = new Float64Array(sums.length);
    let ties = 0;
    sums.forEach((v, w) => {
      if (v <= min + tieTol) {
        row[w] = 1;
        ties++;
      }
    });
    for (let w = 0; w < row.length; w++) row[w] = (row[w] as number) / ties;
    return row;
  });
  const noise = Array.from({ length: outcomes }, (_, z) =>
    Float64Array.from({ length: outcomes }, (_, t) => (z === t ? 1 - flip : 0) + flip / outcomes),
  );
  return toArrays(throughSampleChannel(erm, noise, n));
}

/** Options of {@link layeredAlgorithm}. @public */
export interface LayeredAlgorithmOptions {
  /** n: the number of samples in a training set. */
  n: number;
  /**
   * The layers K_1 … K_L, each a channel (row-stochastic matrix `K[input][output]`): a sample
   * Z goes through K_1, then K_2, …; K_1 has |Z| rows and each K_{k+1} as many rows as K_k has
   * columns. The learner sees only the last outputs T_i = K_L(…K_1(Z_i)).
   */
  layers: readonly (readonly (readonly number[])[])[];
  /** The learner on the features: one row P(w | t_1..t_n) per code of (T_1..T_n), |T|ⁿ rows. */
  algorithm: readonly (readonly number[])[];
}

/**
 * The channel P(W | S) of a learner that sees its training set only through L stacked layers
 * (per-sample channels K_1 … K_L): `P(w | s) = Σ_t Π_i K(t_i | z_i)·A(w | t)` with
 * K = K_1·K_2·…·K_L. This is the setting of Lemma 4.4's "L contraction layers": the data S
 * reach the parameters W through the layers, S → T → W.
 *
 * Strong data processing makes depth shrink I(S; W): I(S; W) ≤ I(S; T) = n·I(Z; T) and
 * I(Z; T) ≤ η_1·…·η_L·H(Z), with η_k ≥ the contraction coefficient of layer k (e.g.
 * {@link dobrushinCoefficient}). It does not put a factor η^{L/2} in front of
 * sqrt(2σ²·I(S; W)/n) — eq. (4) does, and fails (docs/theory-audit.md).
 * Cost O(n·|Z|·|T|ⁿ·|W|) after the matrix product of the layers; |Z|ⁿ and |T|ⁿ ≤ 65536.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * // One binary symmetric layer with crossover ¼; the learner outputs the feature it saw.
 * const bsc = [[0.75, 0.25], [0.25, 0.75]];
 * const algorithm = bounds.layeredAlgorithm({ n: 1, layers: [bsc], algorithm: [[1, 0], [0, 1]] });
 * algorithm[0][1]; // 0.25
 * bounds.dobrushinCoefficient(bsc); // 0.5
 * ```
 * @public
 */
export function layeredAlgorithm(options: LayeredAlgorithmOptions): number[][] {
  const n = size(options?.n, 'n');
  const { layers } = options;
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `layers is ${formatValue(layers)}: expected at least one channel`,
    );
  }
  let composite = channelRows(layers[0], 'layers[0]');
  trainingSets(composite.length, n);
  for (let k = 1; k < layers.length; k++) {
    const next = channelRows(layers[k], `layers[${k}]`, (composite[0] as Float64Array).length);
    const m = (next[0] as Float64Array).length;
    composite = composite.map((row) => {
      const out = new Float64Array(m);
      row.forEach((a, t) => {
        if (a === 0) return;
        const r = next[t] as Float64Array;
        for (let u = 0; u < m; u++) out[u] = (out[u] as number) + a * (r[u] as number);
      });
      return out;
    });
  }
  const features = (composite[0] as Float64Array).length;
  const rows = channelRows(options.algorithm, 'algorithm', trainingSets(features, n));
  return toArrays(throughSampleChannel(rows, composite, n));
}

/**
 * The Dobrushin contraction coefficient of a channel:
 * `η_TV(K) = max_{x, x′} D_TV(K(x, ·), K(x′, ·))`, in [0, 1].
 *
 * It is the contraction coefficient of total variation, and bounds the one of KL and of mutual
 * information from above: for every U → X → Y with Y ~ K(X, ·), I(U; Y) ≤ η_TV(K)·I(U; X)
 * (Cohen, Kemperman & Zbăganu 1998; Raginsky 2016, "Strong data processing inequalities and
 * Φ-Sobolev inequalities for discrete channels"). So η = η_TV is a valid "contraction factor" for
 * a layer in the sense of Lemma 4.4. Cost O(|X|²·|Y|).
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.dobrushinCoefficient([[0.9, 0.1], [0.2, 0.8]]); // 0.7
 * ```
 * @public
 */
export function dobrushinCoefficient(channel: readonly (readonly number[])[]): number {
  const rows = channelRows(channel, 'channel');
  let eta = 0;
  for (let x = 0; x < rows.length; x++) {
    for (let y = x + 1; y < rows.length; y++) {
      const a = rows[x] as Float64Array;
      const b = rows[y] as Float64Array;
      let tv = 0;
      for (let j = 0; j < a.length; j++) tv += Math.abs((a[j] as number) - (b[j] as number));
      eta = Math.max(eta, tv / 2);
    }
  }
  return Math.min(1, eta);
}
