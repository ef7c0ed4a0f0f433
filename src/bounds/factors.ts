/**
 * The joint information of the two synthetic factors about W, which the proof of Lemma 4.5 (App. E,
 * eq. 23) splits into a sum it cannot bound: the exact terms of the repaired eq. (23) and of
 * Lemma 4.5 with the joint bottleneck I(e_p, e_M; W), and the laws of M(p) and S_gen that make a
 * synthetic-data model a learning problem (Theorem 4.7).
 */
import { conditionalMutualInformation } from '../discrete/conditionalMutualInformation.js';
import { mutualInformation } from '../discrete/mutualInformation.js';
import {
  type Claim,
  evaluateModel,
  type ModelEvaluation,
  type SyntheticDataModel,
} from './model.js';

/** Result of {@link evaluateFactors}. All information terms in nats. @public */
export interface FactorEvaluation {
  terms: {
    /** I(e_p, e_M; W): the joint bottleneck, B′_syn. */
    miFactorsW: number;
    /** I(h(e_p), g(e_M); W). */
    miFactorValuesW: number;
    /** I(h(e_p); g(e_M)): 0 when the factors are independent (e_M independent of the prompt). */
    miFactorValues: number;
    /** I(h(e_p); g(e_M) | W): the synergy that breaks eq. (23). */
    cmiFactorValuesGivenW: number;
    /** I(h(e_p), g(e_M); W | M(p)): what W learns about the pair beyond their sum. */
    cmiFactorValuesWGivenOutput: number;
  };
  claims: {
    /** Eq. (23) repaired: I(M(p); W) ≤ I(h(e_p), g(e_M); W) (data processing: M(p) is a function of the pair). */
    eq23Repaired: Claim;
    /** Lemma 4.5 with B′_syn: I(S_gen; W) ≤ −ΔI + I(e_p, e_M; W) + H(e_M) + δ_{ε,p}. */
    lemma45Joint: Claim;
  };
  /** Laws of M(p) over `alphabets.modelOutput` and of S_gen over `alphabets.synthetic` (evaluateModel's). */
  distributions: { modelOutput: number[]; synthetic: number[] };
  /** P(W | S_gen) as a matrix, row i for the value `alphabets.synthetic[i]`. */
  trainGen: number[][];
  /** The model's {@link evaluateModel} result, which these terms extend. */
  evaluation: ModelEvaluation;
}

const TOL = 1e-12;

function claim(lhs: number, rhs: number, statement: string, reference: string): Claim {
  const slack = rhs - lhs;
  return { lhs, rhs, slack, holds: slack >= -TOL, statement, reference };
}

const rowsOf = (x: SyntheticDataModel['modelFactor']): readonly (readonly number[])[] | null =>
  Array.isArray(x[0]) ? (x as readonly (readonly number[])[]) : null;

/**
 * Evaluates, on a discrete synthetic-data model, the terms that repair App. E's eq. (23) and
 * Lemma 4.5, exactly (the model is validated by {@link evaluateModel}, whose terms it uses).
 *
 * Eq. (23) claims I(h(e_p) + g(e_M); W) ≤ I(h(e_p); W) + I(g(e_M); W), false under synergy (XOR).
 * The exact decomposition is
 * `slack(23) = I(h; g) − I(h; g | W) + I(h, g; W | M(p))`,
 * so eq. (23) holds when I(h; g | W) ≤ I(h; g) (no synergy), and the repaired step
 * `I(M(p); W) ≤ I(h(e_p), g(e_M); W) ≤ I(e_p, e_M; W)` holds always (data processing). With the
 * joint bottleneck B′_syn = I(e_p, e_M; W) in place of B_syn = I(e_p; W) + I(e_M; W), Lemma 4.5
 * holds on every model: its slack is B′_syn − I(M(p); W) + H(e_M) + H(e_p | M(p)) − H(M(p) | h(e_p)),
 * a sum of non-negative terms (H(M(p) | h(e_p)) = H(g(e_M) | h(e_p)) ≤ H(e_M)).
 * For independent factors B′_syn ≥ B_syn, the difference being I(e_p; e_M | W).
 *
 * Cost: one pass over the atoms (e_p, e_M, ε, W), after evaluateModel's.
 *
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * import { counterexamples } from 'infobound/testing';
 * // XOR: eq. (23) fails by log 2, the joint bottleneck is log 2, and the repaired Lemma 4.5 holds.
 * const f = bounds.evaluateFactors(counterexamples.xorSynergy);
 * f.terms.miFactorsW; // 0.6931471805599453
 * f.claims.lemma45Joint.holds; // true
 * ```
 * @public
 */
export function evaluateFactors(model: SyntheticDataModel): FactorEvaluation {
  const e = evaluateModel(model);
  const { terms } = e;
  const { modelOutput, synthetic } = e.alphabets;
  const nP = (model.prompt[0] as readonly number[]).length;
  const nEp = model.h.length;
  const nEm = model.g.length;
  // P(e_p, e_M) = Σ_a Σ_p P(a)·P(p | a)·P(e_p | p)·P(e_M | p).
  const mf = rowsOf(model.modelFactor);
  const pFactors = new Float64Array(nEp * nEm);
  model.anchor.forEach((pa, a) => {
    for (let p = 0; p < nP; p++) {
      const q = pa * ((model.prompt[a] as readonly number[])[p] as number);
      if (q === 0) continue;
      const em = mf ? (mf[p] as readonly number[]) : (model.modelFactor as readonly number[]);
      for (let i = 0; i < nEp; i++) {
        const qe = q * ((model.promptFactor[p] as readonly number[])[i] as number);
        if (qe === 0) continue;
        for (let j = 0; j < nEm; j++) {
          pFactors[i * nEm + j] = (pFactors[i * nEm + j] as number) + qe * (em[j] as number);
        }
      }
    }
  });
  const trainGen = synthetic.map((s, i) =>
    Array.from(
      typeof model.trainGen === 'function'
        ? model.trainGen(s)
        : (model.trainGen[i] as readonly number[]),
    ),
  );
  const nW = (trainGen[0] as number[]).length;
  const offsets = model.noise?.offsets ?? [0];
  const noiseP = model.noise?.probabilities ?? [1];
  const hVals = [...new Set(model.h)].sort((x, y) => x - y);
  const gVals = [...new Set(model.g)].sort((x, y) => x - y);
  const sIdx = new Map(synthetic.map((v, i) => [v, i]));
  const moIdx = new Map(modelOutput.map((v, i) => [v, i]));
  const nH = hVals.length;
  const nG = gVals.length;
  const nM = modelOutput.length;
  // Tables: (e_p, e_M) × W; (h, g) × W; h × g × W; (h, g) × W × M(p); and the laws of M(p), S_gen.
  const factorsW = Array.from({ length: nEp * nEm }, () => new Array<number>(nW).fill(0));
  const valuesW = Array.from({ length: nH * nG }, () => new Array<number>(nW).fill(0));
  const hgw = Array.from({ length: nH }, () =>
    Array.from({ length: nG }, () => new Array<number>(nW).fill(0)),
  );
  const hgwm = Array.from({ length: nH * nG }, () =>
    Array.from({ length: nW }, () => new Array<number>(nM).fill(0)),
  );
  const pOutput = new Array<number>(nM).fill(0);
  const pSynthetic = new Array<number>(synthetic.length).fill(0);
  for (let i = 0; i < nEp; i++) {
    const hi = hVals.indexOf(model.h[i] as number);
    for (let j = 0; j < nEm; j++) {
      const q = pFactors[i * nEm + j] as number;
      if (q === 0) continue;
      const gj = gVals.indexOf(model.g[j] as number);
      const mo = (model.h[i] as number) + (model.g[j] as number);
      const m = moIdx.get(mo) as number;
      pOutput[m] = (pOutput[m] as number) + q;
      for (let o = 0; o < offsets.length; o++) {
        const qn = q * (noiseP[o] as number);
        if (qn === 0) continue;
        const s = sIdx.get(mo + (offsets[o] as number)) as number;
        pSynthetic[s] = (pSynthetic[s] as number) + qn;
        const row = trainGen[s] as number[];
        for (let w = 0; w < nW; w++) {
          const qw = qn * (row[w] as number);
          if (qw === 0) continue;
          const fw = factorsW[i * nEm + j] as number[];
          fw[w] = (fw[w] as number) + qw;
          const vw = valuesW[hi * nG + gj] as number[];
          vw[w] = (vw[w] as number) + qw;
          const t = (hgw[hi] as number[][])[gj] as number[];
          t[w] = (t[w] as number) + qw;
          const u = (hgwm[hi * nG + gj] as number[][])[w] as number[];
          u[m] = (u[m] as number) + qw;
        }
      }
    }
  }
  const normalize = { normalize: true } as const;
  const miFactorsW = mutualInformation(factorsW, normalize);
  const miFactorValuesW = mutualInformation(valuesW, normalize);
  const miFactorValues = mutualInformation(
    hgw.map((r) => r.map((c) => c.reduce((a, b) => a + b, 0))),
    normalize,
  );
  const cmiFactorValuesGivenW = conditionalMutualInformation(hgw, normalize);
  const cmiFactorValuesWGivenOutput = conditionalMutualInformation(hgwm, normalize);
  const lemma45JointRhs = -terms.infoGain + miFactorsW + terms.hModelFactor + terms.deltaEpsP;
  return {
    terms: {
      miFactorsW,
      miFactorValuesW,
      miFactorValues,
      cmiFactorValuesGivenW,
      cmiFactorValuesWGivenOutput,
    },
    claims: {
      eq23Repaired: claim(
        terms.miModelOutputW,
        miFactorValuesW,
        'I(h(e_p) + g(e_M); W) ≤ I(h(e_p), g(e_M); W)',
        'App. E, eq. (23), repaired (data processing)',
      ),
      lemma45Joint: claim(
        terms.miGenW,
        lemma45JointRhs,
        'I(S_gen; W) ≤ −ΔI + I(e_p, e_M; W) + H(e_M) + δ_{ε,p}',
        'Lemma 4.5, eq. (5), with the joint bottleneck I(e_p, e_M; W) in place of B_syn',
      ),
    },
    distributions: { modelOutput: pOutput, synthetic: pSynthetic },
    trainGen,
    evaluation: e,
  };
}
