/**
 * The model builders (src/bounds/builders.ts): the paper's reading of Def. 4.1 as a
 * SyntheticDataModel — p = S_anchor, e_p = p, e_M independent, M(p) = hScale·e_p + e_M,
 * S_gen = M(p) + ε — and the two named variants. Structure, defaults, validation, and hand-computed
 * evaluations.
 */
import { describe, expect, it } from 'vitest';
import {
  additiveNoiseModel,
  deterministicCurationModel,
  evaluateModel,
  independentFactorsModel,
  syntheticAlphabet,
} from '../../src/bounds/index.js';
import { expectInfoboundError } from '../helpers.js';

const LN2 = Math.log(2);
// Exact-model terms are within ~1e-14 nats of their closed forms (model.test.ts): 1e-12 absolute.
const close = (actual: number, expected: number, what = '') =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-12,
  );

const identity = (k: number) =>
  Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));

describe('independentFactorsModel: structure', () => {
  it('defaults: hScale = m (M(p) = m·e_p + e_M determines both factors), no noise, identity training', () => {
    const m = independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.25, 0.75] });
    expect(m).toEqual({
      anchor: [0.5, 0.5],
      prompt: identity(2),
      promptFactor: identity(2),
      modelFactor: [0.25, 0.75],
      h: [0, 2],
      g: [0, 1],
      noise: { offsets: [0], probabilities: [1] },
      trainGen: identity(4),
      trainAnchor: identity(2),
    });
    expect(syntheticAlphabet(m)).toEqual([0, 1, 2, 3]);
  });

  it('hScale = 1 makes the factors collide: M(p) ∈ {0, 1, 2}, and trainGen follows the alphabet', () => {
    const m = independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5], hScale: 1 });
    expect(m.h).toEqual([0, 1]);
    expect(syntheticAlphabet(m)).toEqual([0, 1, 2]);
    expect(m.trainGen).toEqual(identity(3));
  });

  it('noise [q0, q1, …] is ε = 0, 1, … with those probabilities', () => {
    const m = independentFactorsModel({ anchor: [1], modelFactor: [1], noise: [0.25, 0.75] });
    expect(m.noise).toEqual({ offsets: [0, 1], probabilities: [0.25, 0.75] });
    expect(m.trainGen).toEqual(identity(2));
  });

  it('passes trainGen and trainAnchor through, and copies the input arrays', () => {
    const trainGen = (s: number) => (s === 0 ? [1, 0] : [0, 1]);
    const trainAnchor = [[0.5, 0.5]];
    const anchor = [1];
    const m = independentFactorsModel({ anchor, modelFactor: [1], trainGen, trainAnchor });
    expect(m.trainGen).toBe(trainGen);
    expect(m.trainAnchor).toBe(trainAnchor);
    expect(
      independentFactorsModel({
        anchor: [1],
        modelFactor: [1],
        trainGen: 'identity',
        trainAnchor: 'identity',
      }),
    ).toEqual(independentFactorsModel({ anchor: [1], modelFactor: [1] }));
    anchor[0] = 0.5;
    expect(m.anchor).toEqual([1]);
  });
});

describe('the variants', () => {
  it('deterministicCurationModel: ε = 0 whatever noise is passed', () => {
    const options = { anchor: [0.5, 0.5], modelFactor: [1], noise: [0.5, 0.5] };
    const m = deterministicCurationModel(
      options as Parameters<typeof deterministicCurationModel>[0],
    );
    expect(m.noise).toEqual({ offsets: [0], probabilities: [1] });
    expect(m).toEqual(independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [1] }));
  });

  it('additiveNoiseModel is independentFactorsModel with the given noise', () => {
    const options = { anchor: [0.5, 0.5], modelFactor: [1], noise: [0.5, 0.5], hScale: 1 };
    expect(additiveNoiseModel(options)).toEqual(independentFactorsModel(options));
  });
});

describe('reference: hand-computed evaluations', () => {
  it('the default model on fair bits: H(M(p)) = log 4, ΔI = log 2, both results tight', () => {
    // M(p) = 2e_p + e_M uniform on 4 values; h(e_p) = 2e_p is a function of M(p):
    // ΔI = log 4 − H(h(e_p)) = log 2. (Every term of this model: model.test.ts.)
    const e = evaluateModel(
      independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5] }),
    );
    close(e.terms.hModelOutput, Math.log(4), 'H(M(p))');
    close(e.terms.infoGain, LN2, 'ΔI');
    close(e.results.lemma45.slack, 0, 'Lemma 4.5');
    close(e.results.theorem410.slack, 0, 'Theorem 4.10');
  });

  it('colliding factors (hScale = 1): H(M(p)) = (3/2) log 2, λ = 2, Lemma 4.5 tight at (3/2) log 2', () => {
    // e_p, e_M fair bits, M(p) = e_p + e_M ∈ {0, 1, 2} w.p. (¼, ½, ¼), W = S_gen = M(p):
    //   ΔI = H(M) − I(e_p; M) = (3/2) log 2 − ½ log 2 = log 2;
    //   B_syn = I(e_p; M) + I(e_M; M) = ½ log 2 + ½ log 2 = log 2;  H(e_M) = log 2;
    //   λ = log 2 / ½ log 2 = 2;  δ_{ε,p} = (2 − 1)·½ log 2 − 0 = ½ log 2;
    //   I(S_gen; W) = (3/2) log 2 ≤ −log 2 + log 2 + log 2 + ½ log 2 = (3/2) log 2: slack 0.
    const e = evaluateModel(
      independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5], hScale: 1 }),
    );
    close(e.terms.hModelOutput, 1.5 * LN2, 'H(M(p))');
    close(e.terms.infoGain, LN2, 'ΔI');
    close(e.terms.bottleneck, LN2, 'B_syn');
    expect(e.terms.lambda).toBe(2);
    close(e.terms.deltaEpsP, LN2 / 2, 'δ_{ε,p}');
    close(e.results.lemma45.lhs, 1.5 * LN2, 'I(S_gen; W)');
    close(e.results.lemma45.slack, 0, 'Lemma 4.5');
  });

  it('the model.ts example: fair bits, no noise — Lemma 4.5 holds', () => {
    expect(
      evaluateModel(
        independentFactorsModel({ anchor: [0.5, 0.5], modelFactor: [0.5, 0.5], noise: [1] }),
      ).results.lemma45.holds,
    ).toBe(true);
  });
});

describe('behaviour: validation', () => {
  it('anchor and modelFactor must be arrays (INVALID_ARGUMENT); hScale finite (INVALID_OPTION)', () => {
    expectInfoboundError(
      () => independentFactorsModel({ anchor: 'ab' as unknown as number[], modelFactor: [1] }),
      'INVALID_ARGUMENT',
      'anchor and modelFactor must be distributions',
    );
    expectInfoboundError(
      () => independentFactorsModel({ anchor: [1], modelFactor: 1 as unknown as number[] }),
      'INVALID_ARGUMENT',
      'got an array of length 1 and 1',
    );
    expectInfoboundError(
      () => independentFactorsModel({ anchor: [1], modelFactor: [1], hScale: Number.NaN }),
      'INVALID_OPTION',
      'hScale is NaN',
    );
    expectInfoboundError(
      () =>
        independentFactorsModel({
          anchor: [1],
          modelFactor: [1],
          hScale: '2' as unknown as number,
        }),
      'INVALID_OPTION',
      'hScale is "2"',
    );
  });

  it('the probabilities themselves are checked when the model is evaluated', () => {
    const m = independentFactorsModel({ anchor: [0.5, 0.6], modelFactor: [1] });
    expectInfoboundError(() => evaluateModel(m), 'NOT_A_DISTRIBUTION', 'anchor sums to 1.1');
    const n = additiveNoiseModel({ anchor: [1], modelFactor: [1], noise: [] });
    expectInfoboundError(
      () => evaluateModel(n),
      'NOT_A_DISTRIBUTION',
      'noise.probabilities is empty',
    );
  });

  it('regression: noise that is not an array is an InfoboundError, not a TypeError', () => {
    expectInfoboundError(
      () =>
        additiveNoiseModel({ anchor: [1], modelFactor: [1], noise: 0.5 as unknown as number[] }),
      'INVALID_ARGUMENT',
      'noise',
    );
  });
});
