/**
 * Exact evaluation of the paper's quantities on a discrete synthetic-data model: finite
 * distributions and channels for every variable, the exact joint distribution, every term of every
 * result, and for each result its left-hand side, right-hand side and slack.
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { checkDistribution } from '../core/input.js';
import { conditionalEntropy } from '../discrete/conditionalEntropy.js';
import { entropyOfNormalized } from '../discrete/entropy.js';
import { mutualInformation } from '../discrete/mutualInformation.js';

/**
 * A discrete synthetic-data model (THEORY.md, "Objects"). States are indices 0..k−1; channels are
 * row-stochastic matrices `channel[input][output]`.
 * @public
 */
export interface SyntheticDataModel {
  /** Distribution of S_anchor. */
  anchor: readonly number[];
  /** Prompt map S_anchor → p (a channel; deterministic φ_T is a 0/1 matrix). */
  prompt: readonly (readonly number[])[];
  /** Prompt factor p → e_p (a channel). */
  promptFactor: readonly (readonly number[])[];
  /**
   * Model factor e_M: a distribution (independent of everything else, the paper's reading) or a
   * channel p → e_M.
   */
  modelFactor: readonly number[] | readonly (readonly number[])[];
  /** h(e_p): a number for each e_p state. */
  h: readonly number[];
  /** g(e_M): a number for each e_M state. M(p) = h(e_p) + g(e_M). */
  g: readonly number[];
  /**
   * Curation noise ε, additive: S_gen = M(p) + ε, with ε taking `offsets[i]` with probability
   * `probabilities[i]`, independent of everything else. Default: no noise (ε = 0).
   */
  noise?: { offsets: readonly number[]; probabilities: readonly number[] };
  /**
   * Training on synthetic data, S_gen → W: `(s) => distribution over W's states`, called with each
   * value s of S_gen; or a matrix indexed by the position of s in `alphabets.synthetic` (the sorted
   * distinct values of S_gen, which {@link syntheticAlphabet} computes).
   */
  trainGen: ((s: number) => readonly number[]) | readonly (readonly number[])[];
  /** Training on anchor data, S_anchor → W' (a channel). */
  trainAnchor: readonly (readonly number[])[];
}

/** A claim of the paper evaluated exactly: it holds when lhs ≤ rhs (slack = rhs − lhs ≥ 0). @public */
export interface Claim {
  lhs: number;
  rhs: number;
  /** rhs − lhs: ≥ 0 when the inequality holds. */
  slack: number;
  /** slack ≥ −tolerance (1e-12, absolute: the rounding of sums of a few hundred products). */
  holds: boolean;
  statement: string;
  reference: string;
}

/** Every term of the model, named as the calculators' inputs. All in nats. @public */
export interface ModelTerms {
  hAnchor: number;
  hGen: number;
  hModelOutput: number;
  hPromptFactor: number;
  hModelFactor: number;
  hHPromptFactor: number;
  hGModelFactor: number;
  miEpModelOutput: number;
  miPromptFactorOutput: number;
  miPromptFactorW: number;
  miModelFactorW: number;
  miHPromptFactorW: number;
  miGModelFactorW: number;
  miModelOutputW: number;
  miGenW: number;
  miAnchorW: number;
  miAnchorWPrime: number;
  miAnchorModelOutput: number;
  hAnchorGivenW: number;
  hAnchorGivenWPrime: number;
  hAnchorGivenModelOutput: number;
  hGenGivenW: number;
  hPromptFactorGivenW: number;
  infoGain: number;
  bottleneck: number;
  deltaEpsilon: number;
  lambda: number;
  deltaEpsP: number;
  alpha: number;
  deltaH: number;
  epsilonWp: number;
  ggmi: number;
}

/** Result of {@link evaluateModel}. @public */
export interface ModelEvaluation {
  /** The values M(p) and S_gen take, sorted. */
  alphabets: { modelOutput: number[]; synthetic: number[] };
  terms: ModelTerms;
  /** The paper's results (final inequalities). */
  results: { lemma45: Claim; theorem410: Claim };
  /** Each step of the proofs of App. E and F, as a claim. */
  steps: Record<string, Claim>;
}

const TOL = 1e-12;

// Variable slots of an atom of the joint distribution.
const A = 0;
// Slot 1 holds the prompt p; no term reads it directly.
const EP = 2;
const EM = 3;
const MO = 4;
const G = 5;
const W = 6;
const WP = 7;
const HE = 8;
const GE = 9;
const SLOTS = 10;

/** A validated distribution (array of probabilities) of a model part. @internal */
export function distribution(x: unknown, name: string): Float64Array {
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${name} is ${formatValue(x)}: expected a distribution (array of probabilities)`,
    );
  }
  const data = Float64Array.from(x as ArrayLike<number>);
  if (data.length === 0) throw new InfoboundError('NOT_A_DISTRIBUTION', `${name} is empty`);
  return checkDistribution(data, [data.length], name);
}

function channel(x: unknown, name: string, inputs: number): Float64Array[] {
  if (!Array.isArray(x) || x.length !== inputs) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} must be a channel with ${inputs} rows (one per input state), got ${formatValue(x)}`,
    );
  }
  const rows = x.map((r, i) => distribution(r, `${name}[${i}]`));
  const k = rows[0]?.length ?? 0;
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

function values(x: unknown, name: string, length: number): number[] {
  if (!Array.isArray(x) || x.length !== length) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} must list ${length} numbers (one per state), got ${formatValue(x)}`,
    );
  }
  return x.map((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InfoboundError(
        'NON_FINITE',
        `${name}[${i}] is ${formatValue(v)}: expected a finite number`,
      );
    }
    return v;
  });
}

/**
 * The sorted distinct values of S_gen = h(e_p) + g(e_M) + ε, which index a matrix `trainGen`.
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * bounds.syntheticAlphabet({ h: [0, 2], g: [0, 1] }); // [ 0, 1, 2, 3 ]
 * // Curation noise ε ∈ {0, 1} on top: one more value.
 * bounds.syntheticAlphabet({ h: [0, 2], g: [0, 1], noise: { offsets: [0, 1], probabilities: [0.9, 0.1] } }); // [ 0, 1, 2, 3, 4 ]
 * ```
 * @public
 */
export function syntheticAlphabet(model: Pick<SyntheticDataModel, 'h' | 'g' | 'noise'>): number[] {
  const offsets = model.noise?.offsets ?? [0];
  const out = new Set<number>();
  for (const a of model.h) for (const b of model.g) for (const o of offsets) out.add(a + b + o);
  return [...out].sort((x, y) => x - y);
}

/** The exact joint distribution as parallel arrays of atoms. */
interface Joint {
  vars: Int32Array[];
  prob: Float64Array;
  card: number[];
}

function buildJoint(model: SyntheticDataModel): {
  joint: Joint;
  modelOutput: number[];
  synthetic: number[];
} {
  const pA = distribution(model.anchor, 'anchor');
  const prompt = channel(model.prompt, 'prompt', pA.length);
  const nP = (prompt[0] as Float64Array).length;
  const pf = channel(model.promptFactor, 'promptFactor', nP);
  const nEp = (pf[0] as Float64Array).length;
  const mfIsChannel = Array.isArray(model.modelFactor) && Array.isArray(model.modelFactor[0]);
  const mf = mfIsChannel
    ? channel(model.modelFactor, 'modelFactor', nP)
    : Array.from({ length: nP }, () => distribution(model.modelFactor, 'modelFactor'));
  const nEm = (mf[0] as Float64Array).length;
  const h = values(model.h, 'h', nEp);
  const g = values(model.g, 'g', nEm);
  if (
    model.noise !== undefined &&
    (typeof model.noise !== 'object' || model.noise === null || !Array.isArray(model.noise.offsets))
  ) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `noise.offsets is missing (noise is ${formatValue(model.noise)}): expected { offsets: number[], probabilities: number[] }`,
    );
  }
  const noiseOffsets = model.noise
    ? values(model.noise.offsets, 'noise.offsets', model.noise.offsets.length)
    : [0];
  const noiseP = model.noise
    ? distribution(model.noise.probabilities, 'noise.probabilities')
    : Float64Array.of(1);
  if (noiseP.length !== noiseOffsets.length) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `noise.probabilities has ${noiseP.length} entries but noise.offsets has ${noiseOffsets.length}`,
    );
  }
  const hVals = [...new Set(h)].sort((x, y) => x - y);
  const gVals = [...new Set(g)].sort((x, y) => x - y);
  const moVals = [...new Set(h.flatMap((a) => g.map((b) => a + b)))].sort((x, y) => x - y);
  const synthetic = syntheticAlphabet({
    h,
    g,
    noise: { offsets: noiseOffsets, probabilities: [] },
  });
  const trainGen = (() => {
    if (typeof model.trainGen === 'function') {
      const fn = model.trainGen;
      return synthetic.map((s) => distribution(fn(s), `trainGen(${s})`));
    }
    return channel(
      model.trainGen,
      'trainGen (rows indexed by syntheticAlphabet)',
      synthetic.length,
    );
  })();
  const nW = (trainGen[0] as Float64Array).length;
  trainGen.forEach((r, i) => {
    if (r.length !== nW)
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `trainGen gives ${r.length} states of W for S_gen = ${synthetic[i]} but ${nW} for ${synthetic[0]}`,
      );
  });
  const ta = channel(model.trainAnchor, 'trainAnchor', pA.length);
  const nWp = (ta[0] as Float64Array).length;

  const index = (vals: number[]) => new Map(vals.map((v, i) => [v, i]));
  const hIdx = index(hVals);
  const gIdx = index(gVals);
  const moIdx = index(moVals);
  const sIdx = index(synthetic);
  const cols: number[][] = Array.from({ length: SLOTS }, () => []);
  const prob: number[] = [];
  for (let a = 0; a < pA.length; a++) {
    const qa = pA[a] as number;
    if (qa === 0) continue;
    for (let p = 0; p < nP; p++) {
      const qp = qa * ((prompt[a] as Float64Array)[p] as number);
      if (qp === 0) continue;
      for (let ep = 0; ep < nEp; ep++) {
        const qe = qp * ((pf[p] as Float64Array)[ep] as number);
        if (qe === 0) continue;
        for (let em = 0; em < nEm; em++) {
          const qm = qe * ((mf[p] as Float64Array)[em] as number);
          if (qm === 0) continue;
          const mo = (h[ep] as number) + (g[em] as number);
          for (let o = 0; o < noiseOffsets.length; o++) {
            const qn = qm * (noiseP[o] as number);
            if (qn === 0) continue;
            const s = sIdx.get(mo + (noiseOffsets[o] as number)) as number;
            for (let w = 0; w < nW; w++) {
              const qw = qn * ((trainGen[s] as Float64Array)[w] as number);
              if (qw === 0) continue;
              for (let wp = 0; wp < nWp; wp++) {
                const q = qw * ((ta[a] as Float64Array)[wp] as number);
                if (q === 0) continue;
                const atom = [
                  a,
                  p,
                  ep,
                  em,
                  moIdx.get(mo) as number,
                  s,
                  w,
                  wp,
                  hIdx.get(h[ep] as number) as number,
                  gIdx.get(g[em] as number) as number,
                ];
                for (let v = 0; v < SLOTS; v++) (cols[v] as number[]).push(atom[v] as number);
                prob.push(q);
              }
            }
          }
        }
      }
    }
  }
  const card = [
    pA.length,
    nP,
    nEp,
    nEm,
    moVals.length,
    synthetic.length,
    nW,
    nWp,
    hVals.length,
    gVals.length,
  ];
  return {
    joint: { vars: cols.map((c) => Int32Array.from(c)), prob: Float64Array.from(prob), card },
    modelOutput: moVals,
    synthetic,
  };
}

/** Code of an atom's values on a group of variables (mixed radix). */
function codeOf(j: Joint, group: readonly number[], t: number): number {
  let c = 0;
  for (const v of group) c = c * (j.card[v] as number) + ((j.vars[v] as Int32Array)[t] as number);
  return c;
}

function size(j: Joint, group: readonly number[]): number {
  return group.reduce((acc, v) => acc * (j.card[v] as number), 1);
}

/** The joint table of two variable groups, rows = X, columns = Y. */
function table(j: Joint, xs: readonly number[], ys: readonly number[]): number[][] {
  const nx = size(j, xs);
  const ny = size(j, ys);
  const t = Array.from({ length: nx }, () => new Array<number>(ny).fill(0));
  for (let a = 0; a < j.prob.length; a++) {
    const row = t[codeOf(j, xs, a)] as number[];
    const c = codeOf(j, ys, a);
    row[c] = (row[c] as number) + (j.prob[a] as number);
  }
  return t;
}

function H(j: Joint, xs: readonly number[]): number {
  const m = new Float64Array(size(j, xs));
  for (let a = 0; a < j.prob.length; a++) {
    const c = codeOf(j, xs, a);
    m[c] = (m[c] as number) + (j.prob[a] as number);
  }
  // Normalise: the atoms' products can sum to 1 + 2^-52, and −(1 + ε)·log(1 + ε) is a negative
  // entropy for a one-state variable.
  return Math.max(
    0,
    entropyOfNormalized(checkDistribution(m, [m.length], 'marginal', { normalize: true })),
  );
}

const normalize = { normalize: true } as const;
const I = (j: Joint, xs: readonly number[], ys: readonly number[]) =>
  mutualInformation(table(j, xs, ys), normalize);
const Hc = (j: Joint, xs: readonly number[], ys: readonly number[]) =>
  conditionalEntropy(table(j, xs, ys), normalize);

function claim(lhs: number, rhs: number, statement: string, reference: string): Claim {
  const slack = rhs - lhs;
  return { lhs, rhs, slack, holds: slack >= -TOL, statement, reference };
}

/**
 * Builds the exact joint distribution of a discrete synthetic-data model and evaluates every term
 * of the paper, its two main inequalities (Lemma 4.5 and Theorem 4.10) and every step of their
 * proofs (App. E eqs. 17–29, App. F eqs. 30–37) as claims with their slack.
 *
 * λ is the smallest value Lemma E.1 allows, λ = H(e_p)/I(e_p; M(p)) (the bound is tightest
 * there); α and the other derived terms follow their definitions. Precision: doubles; the terms are
 * sums of at most a few thousand products, accurate to about 1e-14 nats, and a claim "holds" when
 * its slack is ≥ −1e-12.
 *
 * Cost: O(|A|·|P|·|E_p|·|E_M|·|ε|·|W|·|W'|) atoms; keep each alphabet small (≤ 6 or so).
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * const model = bounds.independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5], noise: [1] });
 * bounds.evaluateModel(model).results.lemma45.holds; // true
 * ```
 * @public
 */
export function evaluateModel(model: SyntheticDataModel): ModelEvaluation {
  if (typeof model !== 'object' || model === null) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `model is ${formatValue(model)}: expected a SyntheticDataModel`,
    );
  }
  const { joint: j, modelOutput, synthetic } = buildJoint(model);
  const hAnchor = H(j, [A]);
  const hGen = H(j, [G]);
  const hModelOutput = H(j, [MO]);
  const hPromptFactor = H(j, [EP]);
  const hModelFactor = H(j, [EM]);
  const hHPromptFactor = H(j, [HE]);
  const hGModelFactor = H(j, [GE]);
  const miEpModelOutput = I(j, [EP], [MO]);
  const miPromptFactorOutput = I(j, [HE], [MO]);
  const miPromptFactorW = I(j, [EP], [W]);
  const miModelFactorW = I(j, [EM], [W]);
  const miHPromptFactorW = I(j, [HE], [W]);
  const miGModelFactorW = I(j, [GE], [W]);
  const miModelOutputW = I(j, [MO], [W]);
  const miGenW = I(j, [G], [W]);
  const miAnchorW = I(j, [A], [W]);
  const miAnchorWPrime = I(j, [A], [WP]);
  const miAnchorModelOutput = I(j, [A], [MO]);
  const hAnchorGivenW = Hc(j, [A], [W]);
  const hAnchorGivenWPrime = Hc(j, [A], [WP]);
  const hAnchorGivenModelOutput = Hc(j, [A], [MO]);
  const hGenGivenW = Hc(j, [G], [W]);
  const hPromptFactorGivenW = Hc(j, [EP], [W]);
  const hPromptFactorGivenOutput = Hc(j, [EP], [MO]);

  // ΔI = H(M(p)) − I(h(e_p); M(p)) = H(M(p) | h(e_p)): computed as the conditional entropy it
  // equals, it is ≥ 0 exactly, as it must be (the difference can round to −1e-16).
  const infoGain = Hc(j, [MO], [HE]);
  const bottleneck = miPromptFactorW + miModelFactorW;
  const deltaEpsilon = miModelOutputW - miGenW;
  const lambda =
    miEpModelOutput > 0
      ? Math.max(1, hPromptFactor / miEpModelOutput)
      : hPromptFactor > 0
        ? Number.POSITIVE_INFINITY
        : 1;
  // (λ − 1)·I(e_p; M(p)) at the tightest λ is H(e_p) − I(e_p; M(p)) = H(e_p | M(p)); computed
  // directly, it stays finite (and exact) when I(e_p; M(p)) = 0.
  const deltaEpsP =
    (Number.isFinite(lambda) ? hPromptFactorGivenOutput : Number.POSITIVE_INFINITY) - deltaEpsilon;
  const alpha =
    hAnchorGivenW > 0
      ? hAnchorGivenWPrime / hAnchorGivenW
      : hAnchorGivenWPrime > 0
        ? Number.POSITIVE_INFINITY
        : 1;
  const deltaH = hAnchor - hGen;
  const epsilonWp = hAnchorGivenW - hAnchorGivenModelOutput;
  const ggmi = miAnchorWPrime - miGenW;

  const terms: ModelTerms = {
    hAnchor,
    hGen,
    hModelOutput,
    hPromptFactor,
    hModelFactor,
    hHPromptFactor,
    hGModelFactor,
    miEpModelOutput,
    miPromptFactorOutput,
    miPromptFactorW,
    miModelFactorW,
    miHPromptFactorW,
    miGModelFactorW,
    miModelOutputW,
    miGenW,
    miAnchorW,
    miAnchorWPrime,
    miAnchorModelOutput,
    hAnchorGivenW,
    hAnchorGivenWPrime,
    hAnchorGivenModelOutput,
    hGenGivenW,
    hPromptFactorGivenW,
    infoGain,
    bottleneck,
    deltaEpsilon,
    lambda,
    deltaEpsP,
    alpha,
    deltaH,
    epsilonWp,
    ggmi,
  };

  const lemma45Rhs = -infoGain + bottleneck + hModelFactor + deltaEpsP;
  // (α + 1)·H(S_anchor|W) as the calculator computes it, except when α = ∞ (H(S_anchor|W) = 0 <
  // H(S_anchor|W')), where (α + 1)·0 is NaN and the definition of α gives H(S_anchor|W').
  const alphaTerm = Number.isFinite(alpha)
    ? (alpha + 1) * hAnchorGivenW
    : hAnchorGivenWPrime + hAnchorGivenW;
  const thm410Rhs = infoGain - alphaTerm + 2 * deltaH + hGenGivenW + epsilonWp;
  const results = {
    lemma45: claim(
      miGenW,
      lemma45Rhs,
      'I(S_gen; W) ≤ −ΔI + B_syn + H(e_M) + δ_{ε,p}',
      'Lemma 4.5, eq. (5)',
    ),
    theorem410: claim(
      ggmi,
      thm410Rhs,
      'GGMI ≤ ΔI − (α + 1)H(S_anchor|W) + 2ΔH + H(S_gen|W) + ε_{W,p}',
      'Theorem 4.10, eq. (10)',
    ),
  };
  const steps: Record<string, Claim> = {
    eq17: claim(hGen, hModelOutput, 'H(S_gen) ≤ H(M(p))', 'App. E, eq. (17)'),
    eq18: claim(miGenW, miModelOutputW, 'I(S_gen; W) ≤ I(M(p); W)', 'App. E, eq. (18)'),
    eq20p: claim(hHPromptFactor, hPromptFactor, 'H(h(e_p)) ≤ H(e_p)', 'App. E, eq. (20)'),
    eq20m: claim(hGModelFactor, hModelFactor, 'H(g(e_M)) ≤ H(e_M)', 'App. E, eq. (20)'),
    eq21: claim(miHPromptFactorW, miPromptFactorW, 'I(h(e_p); W) ≤ I(e_p; W)', 'App. E, eq. (21)'),
    eq22: claim(miGModelFactorW, miModelFactorW, 'I(g(e_M); W) ≤ I(e_M; W)', 'App. E, eq. (22)'),
    eq23: claim(
      miModelOutputW,
      miHPromptFactorW + miGModelFactorW,
      'I(h(e_p) + g(e_M); W) ≤ I(h(e_p); W) + I(g(e_M); W)',
      'App. E, eq. (23)',
    ),
    eq24: claim(
      hPromptFactor,
      Number.isFinite(lambda) ? lambda * miEpModelOutput : Number.POSITIVE_INFINITY,
      'H(e_p) ≤ λ·I(e_p; M(p))',
      'Lemma E.1, eq. (24)',
    ),
    eq25: claim(
      miModelOutputW,
      -infoGain +
        miModelFactorW +
        hModelOutput -
        hPromptFactorGivenW +
        (Number.isFinite(lambda) ? hPromptFactorGivenOutput : Number.POSITIVE_INFINITY),
      'I(M(p); W) ≤ −ΔI + I(e_M; W) + H(M(p)) − H(e_p|W) + (λ − 1)I(e_p; M(p))',
      'App. E, eq. (25)',
    ),
    eq26: claim(
      hModelOutput - hPromptFactor,
      hModelFactor,
      'H(M(p)) − H(e_p) ≤ H(e_M)',
      'Lemma E.2, eq. (26)',
    ),
    eq28: claim(
      miModelOutputW,
      -infoGain +
        bottleneck +
        hModelFactor +
        (Number.isFinite(lambda) ? hPromptFactorGivenOutput : Number.POSITIVE_INFINITY),
      'I(M(p); W) ≤ −ΔI + B_syn + H(e_M) + (λ − 1)I(e_p; M(p))',
      'App. E, eq. (28)',
    ),
    eq30: claim(hGen, hModelOutput, 'H(S_gen) ≤ H(M(p))', 'App. F, eq. (30)'),
    eq31: claim(
      miPromptFactorOutput,
      miAnchorModelOutput,
      'I(h(e_p); M(p)) ≤ I(S_anchor; M(p))',
      'App. F, eq. (31)',
    ),
    eq32: claim(
      hGen - miAnchorModelOutput,
      infoGain,
      'ΔI ≥ H(S_gen) − I(S_anchor; M(p))',
      'App. F, eq. (32)',
    ),
  };
  return { alphabets: { modelOutput, synthetic }, terms, results, steps };
}
