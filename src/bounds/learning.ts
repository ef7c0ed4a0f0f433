/**
 * Exact evaluation of a finite learning problem: n i.i.d. draws of a discrete Z, a randomized
 * algorithm P(W | S) over a finite hypothesis set, a loss table; the expected generalization gap,
 * its expected absolute value, I(S; W) and the lautum information, by enumerating every training
 * set; optionally the error against a different test distribution (Lemma 3.1, Theorem 4.7).
 */

import { formatValue, InfoboundError } from '../core/errors.js';
import { mutualInformation } from '../discrete/mutualInformation.js';
import { distribution } from './model.js';

/**
 * A finite learning problem. Training sets S = (Z_1, …, Z_n) are indexed by their code
 * s = Σ_i Z_i·|Z|^(i−1) (Z_1 is the least significant digit), s = 0 … |Z|ⁿ − 1.
 * @public
 */
export interface LearningProblem {
  /** μ: the distribution of Z over {0, …, |Z| − 1}. */
  distribution: readonly number[];
  /** n: the number of i.i.d. training samples. */
  n: number;
  /** The algorithm P(W | S): row s (the code of S) is a distribution over the hypotheses. */
  algorithm: readonly (readonly number[])[];
  /** The loss table `loss[w][z] = ℓ(w, z)`, one row per hypothesis. */
  loss: readonly (readonly number[])[];
  /**
   * D: the distribution the trained model is tested on, over the same values as `distribution`
   * (default: `distribution` itself). With D ≠ μ the training data are synthetic (μ = D_gen) and
   * `expectedError` is the paper's E Err(π^S) = E|R_D(W) − R̂_S(W)| (Lemma 3.1, Theorem 4.7).
   */
  testDistribution?: readonly number[];
}

/** Result of {@link evaluateLearningProblem}. All expectations are over S ~ μⁿ and W ~ P(W | S). @public */
export interface LearningEvaluation {
  /** E[R(W) − R_S(W)], with R(w) = E_μ ℓ(w, Z) and R_S(w) = (1/n) Σ_i ℓ(w, Z_i). */
  expectedGap: number;
  /** E|R(W) − R_S(W)|: what eq. (6) of the paper bounds. */
  expectedAbsGap: number;
  /** I(S; W) in nats. */
  mutualInformation: number;
  /**
   * The lautum information L(S; W) = KL(P_S ⊗ P_W ‖ P_{S,W}) in nats (Palomar & Verdú 2008);
   * +Infinity when some w that W can take has P(w | s) = 0 for some possible s. For the Gibbs
   * algorithm, E gap = (I(S; W) + L(S; W))/(β·n) exactly (Aminian et al. 2021).
   */
  lautumInformation: number;
  /** R(w) for each hypothesis w. */
  risk: number[];
  /** R_D(w) = E_D ℓ(w, Z) for each hypothesis w under `testDistribution` (= `risk` without one). */
  testRisk: number[];
  /** E[R_D(W) − R_S(W)]: the signed error against the test distribution (= `expectedGap` without one). */
  expectedSignedError: number;
  /** E|R_D(W) − R_S(W)| = E Err(π^S) of the paper (= `expectedAbsGap` without a test distribution). */
  expectedError: number;
  /** |Z|ⁿ: the number of training sets enumerated. */
  trainingSets: number;
}

/** The most training sets {@link evaluateLearningProblem} enumerates (|Z|ⁿ ≤ 2^16). */
const MAX_TRAINING_SETS = 65_536;

/**
 * Evaluates a finite learning problem exactly: E[R(W) − R_S(W)], E|R(W) − R_S(W)|, I(S; W) and
 * the lautum information, by enumerating every training set S ∈ Zⁿ; with a `testDistribution` D,
 * also E[R_D(W) − R_S(W)] and E|R_D(W) − R_S(W)|.
 *
 * `E[R(W) − R_S(W)] = Σ_s Σ_w μⁿ(s)·P(w | s)·(R(w) − R_s(w))`, and I(S; W) is the mutual
 * information of the joint table μⁿ(s)·P(w | s) (nats). This is the exact left-hand side and
 * mutual information of the Xu–Raginsky bound (eq. 12) and of Lemma 4.4 (eq. 4) with L = 0;
 * E|gap| is the left-hand side of Lemma 4.6 (eq. 6) and of Lemma 4.8 (eq. 8), and E|R_D − R_S|
 * that of Theorem 4.7 (eq. 7). Algorithms: any channel, or {@link gibbsAlgorithm},
 * {@link noisyErmAlgorithm}, {@link layeredAlgorithm}.
 *
 * Precision: sums of |Z|ⁿ·|W| products, within ~1e-14 of the exact values for the problem sizes
 * the property tests use (|Z|ⁿ ≤ 27, |W| ≤ 3). Cost: O(|Z|ⁿ·|W|·n) time, O(|Z|ⁿ·|W|) memory; |Z|ⁿ
 * is limited to 65536.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * // Z a fair bit, one sample, the learner memorises it (W = Z), 0-1 loss ℓ(w, z) = [w ≠ z].
 * const r = bounds.evaluateLearningProblem({
 *   distribution: [0.5, 0.5], n: 1, algorithm: [[1, 0], [0, 1]], loss: [[0, 1], [1, 0]],
 * });
 * r.expectedGap; // 0.5
 * r.mutualInformation; // 0.6931471805599453
 * ```
 * @public
 */
export function evaluateLearningProblem(problem: LearningProblem): LearningEvaluation {
  if (typeof problem !== 'object' || problem === null) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `problem is ${formatValue(problem)}: expected a LearningProblem`,
    );
  }
  const mu = distribution(problem.distribution, 'distribution');
  const kz = mu.length;
  const { n } = problem;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new InfoboundError('INVALID_ARGUMENT', `n is ${formatValue(n)}: expected an integer ≥ 1`);
  }
  const configs = kz ** n;
  if (configs > MAX_TRAINING_SETS) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `|Z|^n = ${kz}^${n} = ${configs} training sets: at most ${MAX_TRAINING_SETS} are enumerated`,
    );
  }
  const { algorithm, loss } = problem;
  if (!Array.isArray(algorithm) || algorithm.length !== configs) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `algorithm must have ${configs} rows (one per training set, |Z|^n = ${kz}^${n}), got ${formatValue(algorithm)}`,
    );
  }
  const test =
    problem.testDistribution === undefined
      ? mu
      : distribution(problem.testDistribution, 'testDistribution');
  if (test.length !== kz) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `testDistribution has ${test.length} values but distribution has ${kz}`,
    );
  }
  const rows = algorithm.map((r, s) => distribution(r, `algorithm[${s}]`));
  const kw = (rows[0] as Float64Array).length;
  rows.forEach((r, s) => {
    if (r.length !== kw) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `algorithm[${s}] has ${r.length} hypotheses but algorithm[0] has ${kw}`,
      );
    }
  });
  if (!Array.isArray(loss) || loss.length !== kw) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `loss must have ${kw} rows (one per hypothesis), got ${formatValue(loss)}`,
    );
  }
  const table = lossRows(loss, kz);

  const riskUnder = (p: Float64Array) =>
    table.map((lw) => {
      let r = 0;
      for (let z = 0; z < kz; z++) r += (p[z] as number) * (lw[z] as number);
      return r;
    });
  const risk = riskUnder(mu);
  const testRisk = problem.testDistribution === undefined ? risk : riskUnder(test);
  const joint: number[][] = [];
  const sampleProb = new Float64Array(configs);
  const pw = new Float64Array(kw);
  const zs = new Int32Array(n);
  let gap = 0;
  let absGap = 0;
  let signedErr = 0;
  let err = 0;
  for (let s = 0; s < configs; s++) {
    let ps = 1;
    for (let i = 0, rest = s; i < n; i++, rest = Math.floor(rest / kz)) {
      zs[i] = rest % kz;
      ps *= mu[zs[i] as number] as number;
    }
    sampleProb[s] = ps;
    const row = new Array<number>(kw);
    const pws = rows[s] as Float64Array;
    for (let w = 0; w < kw; w++) {
      const psw = ps * (pws[w] as number);
      row[w] = psw;
      pw[w] = (pw[w] as number) + psw;
      const lw = table[w] as number[];
      let empirical = 0;
      for (let i = 0; i < n; i++) empirical += lw[zs[i] as number] as number;
      empirical /= n;
      const d = (risk[w] as number) - empirical;
      gap += psw * d;
      absGap += psw * Math.abs(d);
      const e = (testRisk[w] as number) - empirical;
      signedErr += psw * e;
      err += psw * Math.abs(e);
    }
    joint.push(row);
  }
  // The products μⁿ(s)·P(w | s) can sum to 1 ± a few ulps: normalise rather than reject.
  const mi = mutualInformation(joint, { normalize: true });
  return {
    expectedGap: gap,
    expectedAbsGap: absGap,
    mutualInformation: mi,
    lautumInformation: lautum(sampleProb, pw, rows),
    risk,
    testRisk,
    expectedSignedError: signedErr,
    expectedError: err,
    trainingSets: configs,
  };
}

/**
 * L(S; W) = Σ_s Σ_w P(s)·P(w)·log(P(w) / P(w | s)), written with the conditional so that a tiny
 * P(s) never enters a quotient. ≥ 0 by Gibbs' inequality; a negative rounding residue is clamped.
 */
function lautum(ps: Float64Array, pw: Float64Array, rows: readonly Float64Array[]): number {
  let l = 0;
  for (let s = 0; s < ps.length; s++) {
    const p = ps[s] as number;
    if (p === 0) continue;
    const row = rows[s] as Float64Array;
    let inner = 0;
    for (let w = 0; w < pw.length; w++) {
      const q = pw[w] as number;
      if (q === 0) continue;
      const c = row[w] as number;
      if (c === 0) return Number.POSITIVE_INFINITY;
      inner += q * Math.log(q / c);
    }
    l += p * inner;
  }
  return Math.max(0, l);
}

/**
 * The rows of a loss table loss[w][z], each checked to list `outcomes` finite numbers
 * (SHAPE_MISMATCH / NON_FINITE naming the entry). Shared by the learning problems and the
 * learning algorithms. @internal
 */
export function lossRows(loss: readonly unknown[], outcomes: number): number[][] {
  return loss.map((row, w) => {
    if (!Array.isArray(row) || row.length !== outcomes) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `loss[${w}] must list ${outcomes} numbers (one per value of Z), got ${formatValue(row)}`,
      );
    }
    return row.map((v, z) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InfoboundError(
          'NON_FINITE',
          `loss[${w}][${z}] is ${formatValue(v)}: expected a finite number`,
        );
      }
      return v as number;
    });
  });
}
