/**
 * Theorem 4.10 (eq. 10): GGMI ≤ ΔI − (α + 1)·H(S_anchor | W) + 2ΔH + H(S_gen | W) + ε_{W,p}.
 * The calculator evaluates the right-hand side; `ggmiUpperBound` is its API name. Closed forms,
 * validation, and finding (b) (model.test.ts) through the calculator: with additive curation
 * noise the right-hand side, −log 2, is below GGMI = −½ log 2.
 */
import { describe, expect, it } from 'vitest';
import {
  additiveNoiseModel,
  evaluateModel,
  ggmiUpperBound,
  theorem410,
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
    expectInfoboundError(
      () => fn({ ...valid, [f]: Number.NEGATIVE_INFINITY }),
      'NON_FINITE',
      `${f} is -Infinity`,
    );
  }
}

const valid = {
  infoGain: 1,
  alpha: 0.5,
  hAnchorGivenW: 0.5,
  deltaH: 0.25,
  hGenGivenW: 0.25,
  epsilonWp: -0.125,
};

describe('reference: closed forms', () => {
  it('1 − (0.5 + 1)·0.5 + 2·0.25 + 0.25 − 0.125 = 0.875', () => {
    // Dyadic inputs: exact.
    const r = theorem410(valid);
    expect(r.value).toBe(0.875);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Theorem 4.10');
    expect(r.reference).toContain('eq. (10)');
  });

  it('the docs example: 1 − 2·0.5 + 2·0.25 + 0.5 + 0 = 1', () => {
    expect(
      theorem410({
        infoGain: 1,
        alpha: 1,
        hAnchorGivenW: 0.5,
        deltaH: 0.25,
        hGenGivenW: 0.5,
        epsilonWp: 0,
      }).value,
    ).toBe(1);
  });

  it('α = 0 is allowed (W′ determines S_anchor): 1 − 0.5 + 0.5 + 0.25 − 0.125 = 1.125', () => {
    expect(theorem410({ ...valid, alpha: 0 }).value).toBe(1.125);
  });

  it('ggmiUpperBound is theorem410 (the same function)', () => {
    expect(ggmiUpperBound).toBe(theorem410);
  });
});

describe('reference: finding (b) through the calculator — additive curation noise', () => {
  it('rhs = 0 − (0 + 1)·½ log 2 + 2·(−½ log 2) + 0 + ½ log 2 = −log 2 < GGMI = −½ log 2', () => {
    // The model and every term are derived in model.test.ts: ΔI = 0, α = 0, H(S_anchor|W) = ½ log 2,
    // ΔH = log 2 − (3/2) log 2, H(S_gen|W) = 0, ε_{W,p} = ½ log 2 − 0.
    const e = evaluateModel(
      additiveNoiseModel({ anchor: [0.5, 0.5], modelFactor: [1], noise: [0.5, 0.5], hScale: 1 }),
    );
    const r = theorem410(e.terms);
    expect(r.value).toBe(e.results.theorem410.rhs);
    // Sums of exact-model terms, each within ~1e-15 of its closed form: 1e-12 absolute.
    expectClose(r.value, -LN2, 0, 1e-12);
    expectClose(e.terms.ggmi, -LN2 / 2, 0, 1e-12);
    expect(r.value).toBeLessThan(e.terms.ggmi);
  });
});

describe('behaviour: validation', () => {
  it('every field is required and finite, named in the message', () => {
    expectFieldChecks(theorem410, valid, [
      'infoGain',
      'alpha',
      'hAnchorGivenW',
      'deltaH',
      'hGenGivenW',
      'epsilonWp',
    ]);
  });

  it('α < 0 is rejected; ΔI, H(S_anchor|W), H(S_gen|W) ≥ 0; ΔH and ε_{W,p} have no sign', () => {
    expectInfoboundError(
      () => theorem410({ ...valid, alpha: -0.5 }),
      'INVALID_ARGUMENT',
      'alpha is -0.5',
    );
    for (const f of ['infoGain', 'hAnchorGivenW', 'hGenGivenW'] as const) {
      expectInfoboundError(
        () => theorem410({ ...valid, [f]: -0.5 }),
        'INVALID_ARGUMENT',
        `${f} is -0.5`,
      );
    }
    expect(theorem410({ ...valid, deltaH: -0.25 }).value).toBe(-0.125);
    expect(theorem410({ ...valid, epsilonWp: 0.125 }).value).toBe(1.125);
  });

  it('α = Infinity (H(S_anchor | W) = 0 < H(S_anchor | W′)) is NON_FINITE', () => {
    // alpha() returns Infinity there; the theorem's (α + 1)·H(S_anchor | W) then means
    // H(S_anchor | W′) + 0, which this calculator cannot be given (see the report on model.ts).
    expectInfoboundError(
      () => theorem410({ ...valid, alpha: Number.POSITIVE_INFINITY, hAnchorGivenW: 0 }),
      'NON_FINITE',
      'alpha is Infinity',
    );
  });
});
