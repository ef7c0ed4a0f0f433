/**
 * GGMI (Def. 4.9, eq. 9) = I(S_anchor; W′) − I(S_gen; W): how much less the synthetic-data model
 * memorises than the anchor-data model. Closed forms, sign, validation, and agreement with the
 * exact-model engine.
 */
import { describe, expect, it } from 'vitest';
import {
  additiveNoiseModel,
  evaluateModel,
  generalizationGain,
  ggmi,
} from '../../src/bounds/index.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const LN2 = Math.log(2);

/**
 * Every listed field: missing or a string → INVALID_ARGUMENT, NaN or ±Infinity → NON_FINITE,
 * each time with the field's name in the message.
 */
function expectFieldChecks<T extends object>(
  fn: (input: T) => unknown,
  valid: T,
  fields: readonly string[],
): void {
  for (const f of fields) {
    const without = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== f)) as T;
    expectInfoboundError(() => fn(without), 'INVALID_ARGUMENT', `${f} is undefined`);
    expectInfoboundError(() => fn({ ...valid, [f]: '0.5' }), 'INVALID_ARGUMENT', `${f} is "0.5"`);
    expectInfoboundError(() => fn({ ...valid, [f]: Number.NaN }), 'NON_FINITE', `${f} is NaN`);
    expectInfoboundError(
      () => fn({ ...valid, [f]: Number.POSITIVE_INFINITY }),
      'NON_FINITE',
      `${f} is Infinity`,
    );
  }
}

describe('reference: closed forms', () => {
  it('1.25 − 0.75 = 0.5; the docs example 1.2 − 0.7 prints 0.5', () => {
    const r = ggmi({ miAnchorWPrime: 1.25, miGenW: 0.75 });
    expect(r.value).toBe(0.5);
    expect(r.terms).toEqual({ miAnchorWPrime: 1.25, miGenW: 0.75 });
    expect(r.reference).toContain('Definition 4.9');
    expect(r.reference).toContain('eq. (9)');
    expect(ggmi({ miAnchorWPrime: 1.2, miGenW: 0.7 }).value).toBe(0.5);
  });

  it('negative when the synthetic-data model memorises more: 0.25 − 0.75 = −0.5', () => {
    expect(ggmi({ miAnchorWPrime: 0.25, miGenW: 0.75 }).value).toBe(-0.5);
  });

  it('generalizationGain is the same function', () => {
    expect(generalizationGain).toBe(ggmi);
  });
});

describe('reference: on an exact model it is the engine’s GGMI term', () => {
  it('additive noise model: log 2 − (3/2)·log 2 = −½ log 2', () => {
    // S_anchor = e_p = M(p) a fair bit, W′ = S_anchor: I(S_anchor; W′) = log 2. S_gen = M(p) + ε,
    // ε a fair bit, W = S_gen: I(S_gen; W) = H(S_gen) = H(¼, ½, ¼) = (3/2)·log 2.
    const e = evaluateModel(
      additiveNoiseModel({ anchor: [0.5, 0.5], modelFactor: [1], noise: [0.5, 0.5], hScale: 1 }),
    );
    const r = ggmi(e.terms);
    expect(r.value).toBe(e.terms.ggmi);
    // Two exact-model MIs, each within ~1e-15 of its closed form: 1e-12 absolute.
    expectClose(r.value, -LN2 / 2, 0, 1e-12);
  });
});

describe('behaviour: validation', () => {
  const valid = { miAnchorWPrime: 1, miGenW: 0.5 };

  it('both fields are required, finite, ≥ 0, and named', () => {
    expectFieldChecks(ggmi, valid, ['miAnchorWPrime', 'miGenW']);
    expectInfoboundError(
      () => ggmi({ ...valid, miAnchorWPrime: -0.5 }),
      'INVALID_ARGUMENT',
      'miAnchorWPrime is -0.5',
    );
    expectInfoboundError(
      () => ggmi({ ...valid, miGenW: -0.5 }),
      'INVALID_ARGUMENT',
      'miGenW is -0.5',
    );
  });
});
