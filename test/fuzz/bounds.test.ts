/**
 * Fuzz: every public function of `bounds`: the calculators (Lemmas 3.1, 4.4–4.6, 4.8, Theorems
 * 4.7 and 4.10, GGMI, and their descriptive aliases), the term helpers, the exact model and
 * learning-problem evaluators, the learning algorithms (Gibbs, noisy ERM, layered, the Dobrushin
 * coefficient), the factor evaluation, the model builders, and estimateSyntheticDataTerms.
 *
 * Valid fields are drawn at magnitudes from 1e-150 to 1e150 (and 0 where allowed), and must give
 * a finite value (or the documented Infinity of `alpha` and `promptEfficiency`); invalid ones,
 * one field at a time (NaN/±Infinity, not a number, missing, out of its domain), the code of that
 * field. test/bounds/shared.test.ts checks the field readers themselves; here every calculator is
 * driven end to end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bounds } from '../../src/index.js';
import {
  gibbsLearningProblem,
  layeredLearningProblem,
  learningProblem,
  noisyErmLearningProblem,
  pmf,
  syntheticDataModel,
} from '../../src/testing/index.js';
import {
  type Case,
  data,
  FuzzCounter,
  fails,
  notAMatrix,
  type Outcome,
  ok,
  scaleIn,
} from './harness.js';

const counter = new FuzzCounter('bounds');

/** What a field must be (src/bounds/shared.ts), and so which values are valid and invalid. */
type Kind =
  | 'info' // finite, ≥ 0
  | 'num' // finite
  | 'positive' // finite, > 0
  | 'count' // integer ≥ 1
  | 'unit' // in [0, 1]
  | 'layers' // integer ≥ 0 (optional)
  | 'eta' // in (0, 1] (optional)
  | 'lambda' // finite, ≥ 1
  | 'sigma'; // positive, like 'positive' (σ·√(2I/n) is formed without σ²·I: regression below)

interface Field {
  kind: Kind;
  optional?: boolean;
}

/** A magnitude from 1e-150 to 1e150: mantissa in [1, 10) times a power of ten. */
const magnitude = (minExp = -150, maxExp = 150) =>
  fc
    .record({
      m: fc.double({ min: 1, max: 9.99, noNaN: true }),
      e: fc.integer({ min: minExp, max: maxExp }),
    })
    .map(({ m, e }) => m * 10 ** e);

function validValue(kind: Kind): fc.Arbitrary<number> {
  switch (kind) {
    // Plain values are kept ≥ 1e-3 in size: fast-check's doubles include subnormals (5e-324),
    // below the 1e-150 floor of this suite.
    case 'info':
      return fc.oneof(fc.constant(0), magnitude(), fc.double({ min: 1e-3, max: 10, noNaN: true }));
    case 'num':
      return fc.oneof(
        fc.constant(0),
        magnitude(),
        magnitude().map((v) => -v),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: -10, max: -1e-3, noNaN: true }),
      );
    case 'positive':
      return fc.oneof(magnitude(), fc.double({ min: 0.01, max: 10, noNaN: true }));
    // The full range: σ²·I/n used to be formed before the square root, and σ beyond 1e±75
    // overflowed it (regression test below).
    case 'sigma':
      return fc.oneof(magnitude(), fc.double({ min: 0.01, max: 10, noNaN: true }));
    case 'count':
      return fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(1e6, 2 ** 40));
    case 'unit':
      return fc.oneof(fc.constantFrom(0, 1, 1e-150), fc.double({ min: 0, max: 1, noNaN: true }));
    case 'layers':
      return fc.integer({ min: 0, max: 50 });
    case 'eta':
      return fc.oneof(fc.constantFrom(1, 1e-150), fc.double({ min: 1e-6, max: 1, noNaN: true }));
    case 'lambda':
      return fc.oneof(
        fc.constant(1),
        magnitude(0, 150),
        fc.double({ min: 1, max: 10, noNaN: true }),
      );
  }
}

/** Values outside the field's domain (INVALID_ARGUMENT), besides non-finite and non-numbers. */
function outOfDomain(kind: Kind): fc.Arbitrary<number> {
  switch (kind) {
    case 'info':
      return fc.oneof(
        fc.constant(-1e-300),
        magnitude().map((v) => -v),
      );
    case 'num':
      return fc.constant(Number.NaN); // no finite value is out of domain: replaced by NaN below
    case 'positive':
    case 'sigma':
      return fc.oneof(
        fc.constantFrom(0, -0),
        magnitude().map((v) => -v),
      );
    case 'count':
      return fc.constantFrom(0, -1, 1.5, 1e-150);
    case 'unit':
      return fc.constantFrom(-1e-300, 1.0000001, 2, -1);
    case 'layers':
      return fc.constantFrom(-1, 0.5, 1e-150);
    case 'eta':
      return fc.constantFrom(0, -0.5, 1.0000001, 2);
    case 'lambda':
      return fc.constantFrom(0.999999, 0, -1);
  }
}

type Calculator = (input: never) => {
  value: number;
  terms: Record<string, number>;
  reference: string;
};

const L31: Record<string, Field> = {
  lossBound: { kind: 'positive' },
  tvTaskModel: { kind: 'unit' },
  tvModelGen: { kind: 'unit' },
};
const L45: Record<string, Field> = {
  infoGain: { kind: 'info' },
  bottleneck: { kind: 'info' },
  hModelFactor: { kind: 'info' },
  deltaEpsP: { kind: 'num' },
};
const DEPTH: Record<string, Field> = {
  layers: { kind: 'layers', optional: true },
  eta: { kind: 'eta', optional: true },
};

/** Each calculator, its fields, and (where its inputs can be inconsistent) when they are. */
const calculators: Record<
  string,
  {
    fn: Calculator;
    fields: Record<string, Field>;
    inconsistent?: (v: Record<string, number>) => boolean;
    infinity?: boolean;
  }
> = {
  lemma31: {
    fn: bounds.lemma31 as Calculator,
    fields: { ...L31, genErrorSynthetic: { kind: 'info' } },
  },
  lemma44: {
    fn: bounds.lemma44 as Calculator,
    fields: {
      sigma: { kind: 'sigma' },
      n: { kind: 'count' },
      mutualInformation: { kind: 'info' },
      ...DEPTH,
    },
  },
  lemma45: { fn: bounds.lemma45 as Calculator, fields: L45 },
  lemma46: {
    fn: bounds.lemma46 as Calculator,
    fields: { ...L45, sigma: { kind: 'sigma' }, n: { kind: 'count' }, ...DEPTH },
    // The bracket −ΔI + B_syn + H(e_M) + δ bounds a mutual information: negative is inconsistent.
    inconsistent: (v) =>
      -(v.infoGain as number) +
        (v.bottleneck as number) +
        (v.hModelFactor as number) +
        (v.deltaEpsP as number) <
      0,
  },
  theorem47: {
    fn: bounds.theorem47 as Calculator,
    fields: { ...L31, ...L45, sigma: { kind: 'sigma' }, n: { kind: 'count' }, ...DEPTH },
    inconsistent: (v) =>
      -(v.infoGain as number) +
        (v.bottleneck as number) +
        (v.hModelFactor as number) +
        (v.deltaEpsP as number) <
      0,
  },
  lemma48: {
    fn: bounds.lemma48 as Calculator,
    fields: {
      sigma: { kind: 'sigma' },
      m: { kind: 'count' },
      miAnchorWPrime: { kind: 'info' },
      layers: { kind: 'layers', optional: true },
      etaPrime: { kind: 'eta', optional: true },
    },
  },
  ggmi: {
    fn: bounds.ggmi as Calculator,
    fields: { miAnchorWPrime: { kind: 'info' }, miGenW: { kind: 'info' } },
  },
  theorem410: {
    fn: bounds.theorem410 as Calculator,
    fields: {
      infoGain: { kind: 'info' },
      alpha: { kind: 'info' },
      hAnchorGivenW: { kind: 'info' },
      deltaH: { kind: 'num' },
      hGenGivenW: { kind: 'info' },
      epsilonWp: { kind: 'num' },
    },
  },
  informationGain: {
    fn: bounds.informationGain as Calculator,
    fields: { hModelOutput: { kind: 'info' }, miPromptFactorOutput: { kind: 'info' } },
    inconsistent: (v) =>
      (v.miPromptFactorOutput as number) > (v.hModelOutput as number) * (1 + 1e-12) + 1e-15,
  },
  compressionBottleneck: {
    fn: bounds.compressionBottleneck as Calculator,
    fields: { miPromptFactorW: { kind: 'info' }, miModelFactorW: { kind: 'info' } },
  },
  entropyDifference: {
    fn: bounds.entropyDifference as Calculator,
    fields: { hAnchor: { kind: 'info' }, hGen: { kind: 'info' } },
  },
  epsilonWp: {
    fn: bounds.epsilonWp as Calculator,
    fields: { hAnchorGivenW: { kind: 'info' }, hAnchorGivenModelOutput: { kind: 'info' } },
  },
  deltaEpsilon: {
    fn: bounds.deltaEpsilon as Calculator,
    fields: { miModelOutputW: { kind: 'info' }, miGenW: { kind: 'info' } },
  },
  promptEfficiency: {
    fn: bounds.promptEfficiency as Calculator,
    fields: { hPromptFactor: { kind: 'info' }, miEpModelOutput: { kind: 'info' } },
    inconsistent: (v) =>
      (v.miEpModelOutput as number) > (v.hPromptFactor as number) * (1 + 1e-12) + 1e-15,
    // Infinity when I(e_p; M(p)) = 0 < H(e_p): no λ works (documented).
    infinity: true,
  },
  deltaEpsilonP: {
    fn: bounds.deltaEpsilonP as Calculator,
    fields: {
      lambda: { kind: 'lambda' },
      miEpModelOutput: { kind: 'info' },
      deltaEpsilon: { kind: 'num' },
    },
  },
  alpha: {
    fn: bounds.alpha as Calculator,
    fields: { hAnchorGivenWPrime: { kind: 'info' }, hAnchorGivenW: { kind: 'info' } },
    // Infinity when only the denominator H(S_anchor | W) is 0 (documented).
    infinity: true,
  },
};

/** The descriptive aliases are the same functions. */
const aliases: [string, unknown, unknown][] = [
  ['distributionShiftBound', bounds.distributionShiftBound, bounds.lemma31],
  ['informationGeneralizationBound', bounds.informationGeneralizationBound, bounds.lemma44],
  ['informationFlowBound', bounds.informationFlowBound, bounds.lemma45],
  ['syntheticGeneralizationBound', bounds.syntheticGeneralizationBound, bounds.lemma46],
  ['syntheticPostTrainingBound', bounds.syntheticPostTrainingBound, bounds.theorem47],
  ['anchorPostTrainingBound', bounds.anchorPostTrainingBound, bounds.lemma48],
  ['generalizationGain', bounds.generalizationGain, bounds.ggmi],
  ['ggmiUpperBound', bounds.ggmiUpperBound, bounds.theorem410],
];

function validInput(fields: Record<string, Field>) {
  const rec: Record<string, fc.Arbitrary<number>> = {};
  for (const [k, f] of Object.entries(fields)) rec[k] = validValue(f.kind);
  const required = Object.entries(fields)
    .filter(([, f]) => !f.optional)
    .map(([k]) => k);
  return fc.record(rec, { requiredKeys: required as never[] }) as fc.Arbitrary<
    Record<string, number>
  >;
}

describe('fuzz: calculators and term helpers', () => {
  const names = Object.keys(calculators);

  it('valid fields at every magnitude → a finite value (documented Infinity aside)', () => {
    const arb = fc
      .constantFrom(...names)
      .chain((name) =>
        fc.record({
          name: fc.constant(name),
          input: validInput((calculators[name] as (typeof calculators)[string]).fields),
          loss: fc.constantFrom(undefined, 'zero-to-C', 'absolute'),
        }),
      )
      .map(({ name, input, loss }): Case => {
        const c = calculators[name] as (typeof calculators)[string];
        const full = 'lossBound' in c.fields && loss !== undefined ? { ...input, loss } : input;
        return {
          label: `${name}(valid)`,
          input: full,
          call: () => c.fn(full as never),
          outcome: c.inconsistent?.(input)
            ? fails('INVALID_ARGUMENT')
            : ok({
                infinity: c.infinity ? '+Infinity' : 'never',
                check: (r) => {
                  const { value, reference } = r as { value: number; reference: string };
                  if (typeof reference !== 'string' || reference.length === 0)
                    throw new Error('no reference');
                  // The Xu–Raginsky bounds are > 0 when the information is (no underflow to 0),
                  // unless the depth factor η^{L/2} itself is below the doubles (1e-150^{50/2}).
                  const info = input.mutualInformation ?? input.miAnchorWPrime;
                  const { depthFactor } = (r as { terms: { depthFactor?: number } }).terms;
                  if (
                    (name === 'lemma44' || name === 'lemma48') &&
                    (info as number) > 0 &&
                    (depthFactor as number) > 1e-150 &&
                    !(value > 0)
                  ) {
                    throw new Error(`value ${value} for information ${info}`);
                  }
                },
              }),
        };
      });
    counter.check(arb, 500);
  });

  it('one bad field: NON_FINITE, INVALID_ARGUMENT (wrong type, missing, out of domain), INVALID_OPTION', () => {
    const arb = fc
      .constantFrom(...names)
      .chain((name) => {
        const c = calculators[name] as (typeof calculators)[string];
        const keys = Object.keys(c.fields);
        return fc.record({
          name: fc.constant(name),
          // Consistent inputs, so that the one bad field is the only fault.
          input: validInput(c.fields).filter((v) => !c.inconsistent?.(v)),
          field: fc
            .constantFrom(...keys)
            .chain((key) =>
              fc.record({ key: fc.constant(key), out: outOfDomain((c.fields[key] as Field).kind) }),
            ),
          how: fc.constantFrom('non-finite', 'type', 'missing', 'domain'),
          nonFinite: fc.constantFrom(
            Number.NaN,
            Number.POSITIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
          ),
          junk: fc.constantFrom<unknown>('1', null, true, [1], {}),
        });
      })
      .map(({ name, input, field: { key, out }, how, nonFinite, junk }): Case => {
        const c = calculators[name] as (typeof calculators)[string];
        const f = c.fields[key] as Field;
        let value: unknown;
        let code: string;
        if (how === 'non-finite' || (how === 'domain' && f.kind === 'num')) {
          value = nonFinite;
          code = 'NON_FINITE';
        } else if (how === 'type') {
          value = junk;
          code = 'INVALID_ARGUMENT';
        } else if (how === 'missing') {
          value = undefined;
          code = f.optional ? 'OK' : 'INVALID_ARGUMENT';
        } else {
          value = out;
          code = 'INVALID_ARGUMENT';
        }
        const bad = { ...input, [key]: value };
        if (value === undefined) delete bad[key];
        return {
          label: `${name}(${key} ${how}: ${String(value)})`,
          input: bad,
          call: () => c.fn(bad as never),
          // A missing optional field takes its default: valid (unless the rest is inconsistent).
          outcome:
            code === 'OK'
              ? c.inconsistent?.(bad as Record<string, number>)
                ? fails('INVALID_ARGUMENT')
                : ok({ infinity: c.infinity ? '+Infinity' : 'never' })
              : fails(code as never),
        };
      });
    counter.check(arb, 500);
  });

  it('bad options and whole inputs: loss, eta for Lemma 4.8, no input at all', () => {
    const arb = fc.oneof(
      fc
        .record({
          name: fc.constantFrom('lemma31', 'theorem47'),
          loss: fc.constantFrom<unknown>('abs', 'zero-to-c', 1),
        })
        .map(({ name, loss }): Case => {
          const input = {
            lossBound: 1,
            tvTaskModel: 0.1,
            tvModelGen: 0.1,
            genErrorSynthetic: 0.1,
            infoGain: 0.5,
            bottleneck: 1,
            hModelFactor: 1,
            deltaEpsP: 0,
            sigma: 1,
            n: 10,
            loss,
          };
          return {
            label: `${name}(loss ${String(loss)})`,
            input,
            call: () => (calculators[name] as (typeof calculators)[string]).fn(input as never),
            outcome: fails('INVALID_OPTION'),
          };
        }),
      fc.constantFrom<unknown>(0.5, 1).map(
        (eta): Case => ({
          label: 'lemma48(eta instead of etaPrime)',
          input: eta,
          call: () => bounds.lemma48({ sigma: 1, m: 10, miAnchorWPrime: 1, eta } as never),
          outcome: fails('INVALID_OPTION'),
        }),
      ),
      fc.record({ name: fc.constantFrom(...names), x: notAMatrix }).map(
        ({ name, x }): Case => ({
          label: `${name}(${String(x)})`,
          input: x,
          call: () => (calculators[name] as (typeof calculators)[string]).fn(x as never),
          outcome: fails('INVALID_ARGUMENT'),
        }),
      ),
    );
    counter.check(arb, 100);
  });

  it('the descriptive aliases are the calculators themselves', () => {
    for (const [name, alias, fn] of aliases) expect(alias, name).toBe(fn);
  });
});

describe('fuzz: learning algorithms and the factor evaluation', () => {
  it('gibbsAlgorithm, noisyErmAlgorithm, layeredAlgorithm, dobrushinCoefficient, evaluateFactors: valid → finite, a channel', () => {
    const isChannel = (r: unknown) => {
      for (const row of r as number[][]) {
        const s = row.reduce((a, b) => a + b, 0);
        if (row.some((v) => v < 0) || Math.abs(s - 1) > 1e-9) throw new Error(`row sums to ${s}`);
      }
    };
    const gibbs = gibbsLearningProblem({ maxOutcomes: 3, maxSamples: 2, maxHypotheses: 3 }).map(
      (p): Case => {
        const options = {
          outcomes: p.distribution.length,
          n: p.n,
          loss: p.loss,
          beta: p.beta,
          prior: p.prior,
        };
        return {
          label: 'gibbsAlgorithm(random)',
          input: options,
          call: () => bounds.gibbsAlgorithm(options),
          outcome: ok({ check: isChannel }),
        };
      },
    );
    const noisy = noisyErmLearningProblem({ maxOutcomes: 3, maxSamples: 2, maxHypotheses: 3 }).map(
      (p): Case => {
        const options = { outcomes: p.distribution.length, n: p.n, loss: p.loss, flip: p.flip };
        return {
          label: 'noisyErmAlgorithm(random)',
          input: options,
          call: () => bounds.noisyErmAlgorithm(options),
          outcome: ok({ check: isChannel }),
        };
      },
    );
    const layered = layeredLearningProblem({
      maxOutcomes: 3,
      maxSamples: 2,
      maxHypotheses: 3,
    }).chain((p) =>
      fc.constantFrom<Case>(
        {
          label: 'layeredAlgorithm(random)',
          input: p,
          call: () => bounds.layeredAlgorithm({ n: p.n, layers: p.layers, algorithm: p.learner }),
          outcome: ok({ check: isChannel }),
        },
        {
          label: 'dobrushinCoefficient(random layer)',
          input: p.layers[0],
          call: () => bounds.dobrushinCoefficient(p.layers[0] as number[][]),
          outcome: ok({
            check: (eta) => {
              if (!((eta as number) >= 0 && (eta as number) <= 1)) throw new Error(`η = ${eta}`);
            },
          }),
        },
      ),
    );
    const factors = syntheticDataModel({ maxStates: 2 }).map(
      (m): Case => ({
        label: 'evaluateFactors(random model)',
        input: m,
        call: () => bounds.evaluateFactors(m),
        // As evaluateModel: λ and the claims built on it are +Infinity where documented.
        outcome: ok({ infinity: '+Infinity' }),
      }),
    );
    counter.check(fc.oneof(gibbs, noisy, layered, factors), 300);
  });

  it('invalid options of the learning algorithms: typed errors', () => {
    const loss = [
      [0, 1],
      [1, 0],
    ];
    const bad = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, -1, 'x', null);
    const arb = fc.oneof(
      bad.map(
        (beta): Case => ({
          label: `gibbsAlgorithm(beta = ${String(beta)})`,
          input: beta,
          call: () => bounds.gibbsAlgorithm({ outcomes: 2, n: 1, loss, beta: beta as number }),
          outcome: fails('NON_FINITE', 'INVALID_OPTION', 'INVALID_ARGUMENT'),
        }),
      ),
      fc.constantFrom<unknown>(Number.NaN, -0.5, 1.5, 'x').map(
        (flip): Case => ({
          label: `noisyErmAlgorithm(flip = ${String(flip)})`,
          input: flip,
          call: () => bounds.noisyErmAlgorithm({ outcomes: 2, n: 1, loss, flip: flip as number }),
          outcome: fails('NON_FINITE', 'INVALID_OPTION', 'INVALID_ARGUMENT'),
        }),
      ),
      fc
        .constantFrom<unknown>(
          [[0.5, 0.6]],
          [
            [1, 0],
            [0, Number.NaN],
          ],
          [[-0.5, 1.5]],
          [],
          'x',
        )
        .map(
          (channel): Case => ({
            label: `dobrushinCoefficient(${JSON.stringify(channel)})`,
            input: channel,
            call: () => bounds.dobrushinCoefficient(channel as number[][]),
            outcome: fails(
              'NOT_A_DISTRIBUTION',
              'NON_FINITE',
              'SHAPE_MISMATCH',
              'INVALID_ARGUMENT',
            ),
          }),
        ),
      notAMatrix.map(
        (x): Case => ({
          label: `evaluateFactors(${String(x)})`,
          input: x,
          call: () => bounds.evaluateFactors(x as never),
          outcome: fails('INVALID_ARGUMENT', 'SHAPE_MISMATCH', 'NOT_A_DISTRIBUTION'),
        }),
      ),
    );
    counter.check(arb, 200);
  });
});

describe('fuzz: exact models, learning problems, builders', () => {
  it('evaluateModel on random models, and the builders → no NaN in any term or claim', () => {
    const random = syntheticDataModel({ maxStates: 2 }).map(
      (m): Case => ({
        label: 'evaluateModel(random model)',
        input: m,
        call: () => bounds.evaluateModel(m),
        // λ, α, δ_{ε,p} and the claims built on them are +Infinity where documented.
        outcome: ok({ infinity: '+Infinity' }),
      }),
    );
    const built = fc
      .record({
        builder: fc.constantFrom(
          'independentFactorsModel',
          'deterministicCurationModel',
          'additiveNoiseModel',
        ),
        anchor: pmf({ maxLength: 3 }),
        modelFactor: pmf({ maxLength: 3 }),
        noise: pmf({ maxLength: 3 }),
        hScale: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
      })
      .map(({ builder, anchor, modelFactor, noise, hScale }): Case => {
        const options = { anchor, modelFactor, noise, hScale };
        return {
          label: `evaluateModel(${builder}(...))`,
          input: options,
          call: () =>
            bounds.evaluateModel(
              (bounds[builder as 'additiveNoiseModel'] as unknown as (o: unknown) => never)(
                options,
              ),
            ),
          outcome: ok({ infinity: '+Infinity' }),
        };
      });
    counter.check(fc.oneof(random, built), 120);
  });

  it('evaluateLearningProblem on random problems → finite', () => {
    const arb = learningProblem({ maxOutcomes: 3, maxSamples: 3, maxHypotheses: 3 }).map(
      (p): Case => ({
        label: 'evaluateLearningProblem(random)',
        input: p,
        call: () => bounds.evaluateLearningProblem(p),
        // The lautum information is +Infinity where P(w | s) = 0 for a possible s (documented).
        outcome: ok({ infinity: '+Infinity' }),
      }),
    );
    counter.check(arb, 100);
  });

  it('invalid models, builder options and problems: typed errors', () => {
    const arb = fc.oneof(
      notAMatrix.map(
        (x): Case => ({
          label: `evaluateModel(${String(x)})`,
          input: x,
          call: () => bounds.evaluateModel(x as never),
          outcome: fails('INVALID_ARGUMENT'),
        }),
      ),
      fc
        .constantFrom<[Record<string, unknown>, string]>(
          [{ anchor: 'a', modelFactor: [1] }, 'INVALID_ARGUMENT'],
          [{ anchor: [1], modelFactor: null }, 'INVALID_ARGUMENT'],
          [{ anchor: [1], modelFactor: [1], hScale: Number.NaN }, 'INVALID_OPTION'],
          [{ anchor: [1], modelFactor: [1], hScale: '2' }, 'INVALID_OPTION'],
          [{ anchor: [1], modelFactor: [1], noise: 0.5 }, 'INVALID_ARGUMENT'],
          [{ anchor: [0.5, 0.6], modelFactor: [1] }, 'NOT_A_DISTRIBUTION'],
          [{ anchor: [1.5, -0.5], modelFactor: [1] }, 'NOT_A_DISTRIBUTION'],
          [{ anchor: [1], modelFactor: [Number.NaN, 1] }, 'NOT_A_DISTRIBUTION'],
          [{ anchor: [], modelFactor: [1] }, 'NOT_A_DISTRIBUTION'],
        )
        .map(
          ([o, code]): Case => ({
            label: `evaluateModel(independentFactorsModel(${JSON.stringify(o)}))`,
            input: o,
            call: () => bounds.evaluateModel(bounds.independentFactorsModel(o as never)),
            outcome: fails(code as never),
          }),
        ),
      fc
        .constantFrom<[Record<string, unknown> | null, string]>(
          [null, 'INVALID_ARGUMENT'],
          [
            { distribution: [0.5, 0.5], n: 0, algorithm: [[1], [1]], loss: [[0, 1]] },
            'INVALID_ARGUMENT',
          ],
          [
            { distribution: [0.5, 0.5], n: 1.5, algorithm: [[1], [1]], loss: [[0, 1]] },
            'INVALID_ARGUMENT',
          ],
          [
            { distribution: [0.5, 0.6], n: 1, algorithm: [[1], [1]], loss: [[0, 1]] },
            'NOT_A_DISTRIBUTION',
          ],
          [{ distribution: 'mu', n: 1, algorithm: [[1], [1]], loss: [[0, 1]] }, 'INVALID_ARGUMENT'],
          [
            { distribution: [0.5, 0.5], n: 17, algorithm: [[1]], loss: [[0, 1]] },
            'INVALID_ARGUMENT',
          ],
        )
        .map(
          ([p, code]): Case => ({
            label: `evaluateLearningProblem(${JSON.stringify(p)})`,
            input: p,
            call: () => bounds.evaluateLearningProblem(p as never),
            // 2^17 training sets exceed the enumeration limit: INVALID_ARGUMENT or INVALID_OPTION.
            outcome:
              code === 'INVALID_ARGUMENT'
                ? fails('INVALID_ARGUMENT', 'INVALID_OPTION', 'SHAPE_MISMATCH')
                : fails(code as never),
          }),
        ),
    );
    counter.check(arb, 100);
  });
});

describe('fuzz: estimateSyntheticDataTerms', () => {
  it('small embeddings of every kind (scales 1e-75 to 1e75) → estimates with no NaN, or typed errors', () => {
    const s = scaleIn(-75, 75);
    const arb = fc
      .record({
        m: fc.integer({ min: 3, max: 12 }),
        n: fc.integer({ min: 3, max: 12 }),
        t: fc.integer({ min: 3, max: 10 }),
        d: fc.integer({ min: 1, max: 2 }),
      })
      .chain(({ m, n, t, d }) =>
        fc.record({
          anchor: data({
            minN: m,
            maxN: m,
            minD: d,
            maxD: d,
            scale: s,
            coords: 'moderate',
            kinds: ['generic', 'integers', 'duplicates'],
          }),
          synthetic: data({
            minN: n,
            maxN: n,
            minD: d,
            maxD: d,
            scale: s,
            coords: 'moderate',
            kinds: ['generic', 'integers', 'duplicates'],
          }),
          training: data({
            minN: t,
            maxN: t,
            maxD: 2,
            scale: s,
            coords: 'moderate',
            kinds: ['generic', 'integers'],
          }),
          estimator: fc.constantFrom<'knn' | 'gaussian'>('knn', 'gaussian'),
          k: fc.integer({ min: 1, max: 3 }),
          clusters: fc.option(
            fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: n, maxLength: n }),
            { nil: undefined },
          ),
          source: fc.option(fc.array(fc.nat(t - 1), { minLength: n, maxLength: n }), {
            nil: undefined,
          }),
          seed: fc.nat(99),
        }),
      )
      .map(({ anchor, synthetic, training, estimator, k, clusters, source, seed }): Case => {
        const options = {
          entropyEstimator: estimator,
          k,
          resamples: 2,
          hsicRepeats: 2,
          syntheticClusters: clusters,
          syntheticSource: source,
          seed,
        };
        const half = (x: number) => Math.floor(x / 2);
        const limit = estimator === 'knn' ? k : anchor.d;
        const tooFew =
          anchor.n < 4 ||
          synthetic.n < 4 ||
          training.n < 4 ||
          half(anchor.n) <= limit ||
          half(synthetic.n) <= limit ||
          (estimator === 'knn' && (k >= anchor.n || k >= synthetic.n)) ||
          (source !== undefined && synthetic.n < 8);
        // The entropies come before the subsample and HSIC checks: a singular Gaussian fit may
        // be reported first.
        const outcome: Outcome = tooFew
          ? estimator === 'gaussian'
            ? fails('TOO_FEW_SAMPLES', 'NOT_POSITIVE_DEFINITE')
            : fails('TOO_FEW_SAMPLES')
          : ok({
              // Duplicated or half-integer embeddings can be singular for the Gaussian estimator.
              orCodes: estimator === 'gaussian' ? ['NOT_POSITIVE_DEFINITE'] : [],
            });
        return {
          label: `estimateSyntheticDataTerms(${anchor.n}, ${synthetic.n}, ${training.n} rows, d = ${anchor.d}, ${estimator})`,
          input: {
            anchor: anchor.rows,
            synthetic: synthetic.rows,
            training: training.rows,
            options,
          },
          // Explicit undefined options (as exactOptionalPropertyTypes forbids) read as not given.
          call: () =>
            bounds.estimateSyntheticDataTerms(
              anchor.rows,
              synthetic.rows,
              training.rows,
              options as never,
            ),
          outcome,
        };
      });
    counter.check(arb, 60);
  });

  it('invalid arguments and options → typed errors', () => {
    const rows = (n: number, d = 2) =>
      Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(3 * i + j)));
    const arb = fc
      .constantFrom<[string, () => unknown, string]>(
        [
          'anchor NaN',
          () =>
            bounds.estimateSyntheticDataTerms([[Number.NaN, 0], ...rows(9)], rows(10), rows(10)),
          'NON_FINITE',
        ],
        [
          'synthetic ragged',
          () => bounds.estimateSyntheticDataTerms(rows(10), [...rows(9), [1]], rows(10)),
          'SHAPE_MISMATCH',
        ],
        [
          'training empty',
          () => bounds.estimateSyntheticDataTerms(rows(10), rows(10), []),
          'TOO_FEW_SAMPLES',
        ],
        [
          'anchor and synthetic of different d',
          () => bounds.estimateSyntheticDataTerms(rows(10, 1), rows(10, 2), rows(10)),
          'SHAPE_MISMATCH',
        ],
        [
          'bad estimator',
          () =>
            bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), {
              entropyEstimator: 'kde' as never,
            }),
          'INVALID_OPTION',
        ],
        [
          'resamples 1',
          () => bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), { resamples: 1 }),
          'INVALID_OPTION',
        ],
        [
          'bad base',
          () => bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), { base: 1 }),
          'INVALID_OPTION',
        ],
        [
          'bad seed',
          () => bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), { seed: 0.5 }),
          'INVALID_OPTION',
        ],
        [
          'clusters of the wrong length',
          () =>
            bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), {
              syntheticClusters: [1, 2],
            }),
          'SHAPE_MISMATCH',
        ],
        [
          'probabilities without clusters',
          () =>
            bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), {
              syntheticProbabilities: new Array(10).fill(0.1),
            }),
          'INVALID_OPTION',
        ],
        [
          'source of the wrong length',
          () =>
            bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), {
              syntheticSource: [0, 1],
            }),
          'SHAPE_MISMATCH',
        ],
        [
          'source out of range',
          () =>
            bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), {
              syntheticSource: new Array(10).fill(10),
            }),
          'INVALID_OPTION',
        ],
        [
          'hsicRepeats 1',
          () => bounds.estimateSyntheticDataTerms(rows(10), rows(10), rows(10), { hsicRepeats: 1 }),
          'INVALID_OPTION',
        ],
      )
      .map(
        ([what, call, code]): Case => ({
          label: `estimateSyntheticDataTerms(${what})`,
          input: what,
          call,
          outcome: fails(code as never),
        }),
      );
    counter.check(arb, 60);
  });
});

describe('fuzz: bounds, regressions (bugs the fuzzer found, minimal reproductions)', () => {
  // Fixed: shared.ts xuRaginsky computed Math.sqrt((2·σ²·I)/n): the product σ²·I overflows (or
  // underflows) before the square root, though the bound itself is representable. Lemma 4.4 with
  // σ = I = 1e150, n = 1 returned Infinity instead of √2·1e225; with σ = I = 1e-150, 0 instead
  // of √2·1e-225. The same in Lemmas 4.6, 4.8 and Theorem 4.7. Now σ·(√2·√I/√n) wherever an
  // intermediate of the old form leaves the normal range (the old form, bit for bit, elsewhere).
  it('lemma44 with σ = I = 1e±150 gives the representable value √2·1e±225', () => {
    expect(bounds.lemma44({ sigma: 1e150, n: 1, mutualInformation: 1e150 }).value).toBeCloseTo(
      Math.SQRT2 * 1e225,
      -212,
    );
    expect(
      bounds.lemma44({ sigma: 1e-150, n: 1, mutualInformation: 1e-150 }).value / 1e-225,
    ).toBeCloseTo(Math.SQRT2, 12);
  });
  it('lemma48 with σ = 1e150, I = 1e150 is finite', () => {
    expect(
      Number.isFinite(bounds.lemma48({ sigma: 1e150, m: 1, miAnchorWPrime: 1e150 }).value),
    ).toBe(true);
  });
  it('lemma46 and theorem47 with σ = 1e150 and a bracket of 1e150 are finite', () => {
    const flow = { infoGain: 0, bottleneck: 1e150, hModelFactor: 0, deltaEpsP: 0 };
    const l46 = bounds.lemma46({ ...flow, sigma: 1e150, n: 1 }).value;
    expect(l46 / 1e225).toBeCloseTo(Math.SQRT2, 12);
    const shift = { lossBound: 1, tvTaskModel: 0, tvModelGen: 0 };
    expect(Number.isFinite(bounds.theorem47({ ...shift, ...flow, sigma: 1e150, n: 1 }).value)).toBe(
      true,
    );
  });
});

describe('fuzz: bounds coverage', () => {
  it('drove at least 1000 generated inputs', () => {
    counter.expectEnough();
  });
});
