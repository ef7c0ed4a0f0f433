/**
 * Theorem 4.7 (eq. 7) = Lemma 3.1 with Lemma 4.6 in place of the generalization error w.r.t. the
 * synthetic data: E Err(π^{S_gen}) ≤ C′·(D_TV(D, D_M) + D_TV(D_M, D_gen)) + η^{L/2}·sqrt(2σ²[…]/n).
 * Closed forms, the composition identity, validation of the union of both inputs, and the
 * consequence of the lemma46.test.ts finding for the theorem.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateModel,
  lemma31,
  lemma46,
  syntheticPostTrainingBound,
  theorem47,
} from '../../src/bounds/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;

/**
 * Every listed field: missing or a string → INVALID_ARGUMENT, NaN or ±Infinity → NON_FINITE,
 * each time with the field's name in the message. Optional fields skip the "missing" check.
 */
function expectFieldChecks<T extends object>(
  fn: (input: T) => unknown,
  valid: T,
  fields: readonly string[],
  optional: readonly string[] = [],
): void {
  for (const f of [...fields, ...optional]) {
    if (!optional.includes(f)) {
      const without = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== f)) as T;
      expectInfoboundError(() => fn(without), 'INVALID_ARGUMENT', `${f} is undefined`);
    }
    expectInfoboundError(() => fn({ ...valid, [f]: '0.5' }), 'INVALID_ARGUMENT', `${f} is "0.5"`);
    expectInfoboundError(() => fn({ ...valid, [f]: Number.NaN }), 'NON_FINITE', `${f} is NaN`);
    expectInfoboundError(
      () => fn({ ...valid, [f]: Number.POSITIVE_INFINITY }),
      'NON_FINITE',
      `${f} is Infinity`,
    );
  }
}

const example = {
  lossBound: 1,
  tvTaskModel: 0.1,
  tvModelGen: 0.05,
  infoGain: 1.5,
  bottleneck: 0.5,
  hModelFactor: 1,
  deltaEpsP: 0.25,
  sigma: 0.5,
  n: 50,
};

describe('reference: closed forms', () => {
  it("'zero-to-C': 1·(0.1 + 0.05) + sqrt(2·0.25·0.25/50) = 0.15 + 0.05 prints 0.2", () => {
    const r = theorem47(example);
    expect(r.value).toBe(0.2);
    expect(r.reference).toContain('Theorem 4.7');
    expect(r.reference).toContain('eq. (7)');
    // Every input, Lemma 3.1's derived terms and Lemma 4.6's are reported.
    for (const [k, v] of Object.entries(example)) expect(r.terms[k]).toBe(v);
    expect(r.terms.effectiveConstant).toBe(1);
    expect(r.terms.informationFlow).toBe(0.25);
    expect(r.terms.genErrorSynthetic).toBe(0.05);
    expect(r.terms.depthFactor).toBe(1);
    expectClose(r.terms.divergence as number, 0.15, 1e-15);
  });

  it("'absolute': 2·(0.1 + 0.05) + 0.05 = 0.35", () => {
    const r = theorem47({ ...example, loss: 'absolute' });
    // 2·0.15000000000000002 + 0.05: two roundings, 1e-15 relative.
    expectClose(r.value, 0.35, 1e-15);
    expect(r.terms.effectiveConstant).toBe(2);
  });

  it('syntheticPostTrainingBound is the same function', () => {
    expect(syntheticPostTrainingBound).toBe(theorem47);
  });
});

describe('property: theorem47 = lemma31 with genErrorSynthetic = lemma46', () => {
  const input = fc
    .record({
      lossBound: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      tvTaskModel: fc.double({ min: 0, max: 1, noNaN: true }),
      tvModelGen: fc.double({ min: 0, max: 1, noNaN: true }),
      infoGain: fc.double({ min: 0, max: 5, noNaN: true }),
      bottleneck: fc.double({ min: 0, max: 5, noNaN: true }),
      hModelFactor: fc.double({ min: 0, max: 5, noNaN: true }),
      deltaEpsP: fc.double({ min: -5, max: 5, noNaN: true }),
      sigma: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      n: fc.integer({ min: 1, max: 1e6 }),
      layers: fc.integer({ min: 0, max: 20 }),
      eta: fc.double({ min: 1e-3, max: 1, noNaN: true }),
      loss: fc.constantFrom('zero-to-C' as const, 'absolute' as const),
    })
    .filter((x) => -x.infoGain + x.bottleneck + x.hModelFactor + x.deltaEpsP >= 0);

  it('identical doubles, for both loss kinds', () => {
    fc.assert(
      fc.property(input, (x) => {
        const gen = lemma46(x).value;
        const r = theorem47(x);
        expect(r.value).toBe(lemma31({ ...x, genErrorSynthetic: gen }).value);
        expect(r.terms.genErrorSynthetic).toBe(gen);
      }),
      { numRuns: NUM_RUNS, seed: 4701 },
    );
  });
});

describe('finding: the theorem inherits eq. (6)’s absolute-value problem', () => {
  it('D = D_M = D_gen, bracket 0: the theorem gives 0 while E Err = 1/2', () => {
    // The model of lemma46.test.ts: S_gen ~ Bernoulli(1/2) (n = 1), W constant, ℓ(w, z) = z.
    // With D = D_M = D_gen both TVs are 0, so eq. (7) claims E Err ≤ 0 + 0, while
    // Err = |R_D − R̂_{S_gen}| = |½ − z| has expectation ½. (Lemma 3.1 itself holds pointwise;
    // it is the expected-absolute-gap term from Lemma 4.6 that is wrong.)
    const e = evaluateModel({
      anchor: [1],
      prompt: [[1]],
      promptFactor: [[1]],
      modelFactor: [0.5, 0.5],
      h: [0],
      g: [0, 1],
      trainGen: [[1], [1]],
      trainAnchor: [[1]],
    });
    const r = theorem47({
      ...e.terms,
      lossBound: 1,
      tvTaskModel: 0,
      tvModelGen: 0,
      sigma: 0.5,
      n: 1,
    });
    expect(r.value).toBe(0);
    const expectedErr = 0.5 * Math.abs(0.5 - 0) + 0.5 * Math.abs(0.5 - 1);
    expect(expectedErr).toBe(0.5);
    expect(expectedErr).toBeGreaterThan(r.value);
  });
});

describe('behaviour: validation', () => {
  const valid = { ...example, layers: 1, eta: 0.5 };

  it('every field of Lemma 3.1 (but genErrorSynthetic) and of Lemma 4.6 is checked and named', () => {
    expectFieldChecks(
      theorem47,
      valid,
      [
        'lossBound',
        'tvTaskModel',
        'tvModelGen',
        'infoGain',
        'bottleneck',
        'hModelFactor',
        'deltaEpsP',
        'sigma',
        'n',
      ],
      ['layers', 'eta'],
    );
  });

  it('domain errors from both parts', () => {
    expectInfoboundError(
      () => theorem47({ ...valid, tvModelGen: 1.5 }),
      'INVALID_ARGUMENT',
      'tvModelGen is 1.5',
    );
    expectInfoboundError(
      () => theorem47({ ...valid, lossBound: 0 }),
      'INVALID_ARGUMENT',
      'lossBound is 0',
    );
    expectInfoboundError(
      () => theorem47({ ...valid, sigma: -1 }),
      'INVALID_ARGUMENT',
      'sigma is -1',
    );
    expectInfoboundError(() => theorem47({ ...valid, n: 0.5 }), 'INVALID_ARGUMENT', 'n is 0.5');
    expectInfoboundError(() => theorem47({ ...valid, eta: 0 }), 'INVALID_ARGUMENT', 'eta is 0');
    expectInfoboundError(() => theorem47({ ...valid, infoGain: 3 }), 'INVALID_ARGUMENT', 'bracket');
    expectInfoboundError(
      () => theorem47({ ...valid, loss: 'huber' as 'absolute' }),
      'INVALID_OPTION',
      'loss is "huber"',
    );
  });
});
