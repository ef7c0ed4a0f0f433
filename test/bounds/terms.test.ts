/**
 * The term helpers (src/bounds/terms.ts): ΔI (Def. 4.2), B_syn (Def. 4.3), ΔH, ε_{W,p}, δ_ε
 * (eq. 19), λ (Lemma E.1), δ_{ε,p} (after eq. 29) and α (Theorem 4.10). Each is a line of
 * arithmetic, so the reference values are exact: inputs are dyadic fractions, whose sums and
 * products are exact in binary64, and the checks use toBe.
 */
import { describe, expect, it } from 'vitest';
import {
  alpha,
  compressionBottleneck,
  deltaEpsilon,
  deltaEpsilonP,
  entropyDifference,
  epsilonWp,
  informationGain,
  promptEfficiency,
} from '../../src/bounds/terms.js';
import { expectInfoboundError } from '../helpers.js';

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

/** Entropy and MI fields: a negative value is INVALID_ARGUMENT naming the field. */
function expectNonNegative<T extends object>(
  fn: (input: T) => unknown,
  valid: T,
  fields: readonly string[],
): void {
  for (const f of fields) {
    expectInfoboundError(() => fn({ ...valid, [f]: -0.125 }), 'INVALID_ARGUMENT', `${f} is -0.125`);
  }
}

describe('informationGain (Def. 4.2, eq. 2): ΔI = H(M(p)) − I(h(e_p); M(p))', () => {
  const valid = { hModelOutput: 2, miPromptFactorOutput: 0.5 };

  it('reference: 2 − 0.5 = 1.5; 0 when h(e_p) determines M(p)', () => {
    const r = informationGain(valid);
    expect(r.value).toBe(1.5);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Definition 4.2');
    expect(r.reference).toContain('eq. (2)');
    expect(informationGain({ hModelOutput: 0.75, miPromptFactorOutput: 0.75 }).value).toBe(0);
  });

  it('behaviour: rejects I(h(e_p); M(p)) > H(M(p)), tolerating one rounding (1e-12 relative)', () => {
    expectInfoboundError(
      () => informationGain({ hModelOutput: 1, miPromptFactorOutput: 1.5 }),
      'INVALID_ARGUMENT',
      'miPromptFactorOutput is 1.5 > hModelOutput = 1',
    );
    // An MI computed from the same table can exceed the entropy by an ulp or two.
    const h = Math.log(2);
    const r = informationGain({ hModelOutput: h, miPromptFactorOutput: h * (1 + 1e-13) });
    expect(Math.abs(r.value)).toBeLessThan(1e-12);
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(informationGain, valid, ['hModelOutput', 'miPromptFactorOutput']);
    expectNonNegative(informationGain, valid, ['hModelOutput', 'miPromptFactorOutput']);
  });
});

describe('compressionBottleneck (Def. 4.3, eq. 3): B_syn = I(e_p; W) + I(e_M; W)', () => {
  const valid = { miPromptFactorW: 0.25, miModelFactorW: 0.5 };

  it('reference: 0.25 + 0.5 = 0.75', () => {
    const r = compressionBottleneck(valid);
    expect(r.value).toBe(0.75);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Definition 4.3');
    expect(r.reference).toContain('eq. (3)');
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(compressionBottleneck, valid, ['miPromptFactorW', 'miModelFactorW']);
    expectNonNegative(compressionBottleneck, valid, ['miPromptFactorW', 'miModelFactorW']);
  });
});

describe('entropyDifference (Theorem 4.10): ΔH = H(S_anchor) − H(S_gen)', () => {
  const valid = { hAnchor: 0.5, hGen: 1.25 };

  it('reference: 0.5 − 1.25 = −0.75 (negative when the synthetic data has more entropy)', () => {
    const r = entropyDifference(valid);
    expect(r.value).toBe(-0.75);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Theorem 4.10');
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(entropyDifference, valid, ['hAnchor', 'hGen']);
    expectNonNegative(entropyDifference, valid, ['hAnchor', 'hGen']);
  });
});

describe('epsilonWp (Theorem 4.10): ε_{W,p} = H(S_anchor | W) − H(S_anchor | M(p))', () => {
  const valid = { hAnchorGivenW: 0.5, hAnchorGivenModelOutput: 0.75 };

  it('reference: 0.5 − 0.75 = −0.25', () => {
    const r = epsilonWp(valid);
    expect(r.value).toBe(-0.25);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Theorem 4.10');
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(epsilonWp, valid, ['hAnchorGivenW', 'hAnchorGivenModelOutput']);
    expectNonNegative(epsilonWp, valid, ['hAnchorGivenW', 'hAnchorGivenModelOutput']);
  });
});

describe('deltaEpsilon (App. E, eq. 19): δ_ε = I(M(p); W) − I(S_gen; W)', () => {
  const valid = { miModelOutputW: 0.25, miGenW: 0.75 };

  it('reference: 0.25 − 0.75 = −0.5', () => {
    // Negative is not an error: on M(p) → S_gen → W, data processing makes δ_ε ≤ 0 always
    // (model.test.ts), the opposite of the "information loss" the paper reads into it.
    const r = deltaEpsilon(valid);
    expect(r.value).toBe(-0.5);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('eq. (19)');
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(deltaEpsilon, valid, ['miModelOutputW', 'miGenW']);
    expectNonNegative(deltaEpsilon, valid, ['miModelOutputW', 'miGenW']);
  });
});

describe('promptEfficiency (Lemma E.1, eq. 24): the smallest λ with H(e_p) ≤ λ·I(e_p; M(p))', () => {
  const valid = { hPromptFactor: 2, miEpModelOutput: 0.5 };

  it('reference: 2 / 0.5 = 4; 1 when M(p) keeps all of e_p', () => {
    const r = promptEfficiency(valid);
    expect(r.value).toBe(4);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Lemma E.1');
    expect(r.reference).toContain('eq. (24)');
    expect(promptEfficiency({ hPromptFactor: 0.75, miEpModelOutput: 0.75 }).value).toBe(1);
  });

  it('reference: Infinity when I(e_p; M(p)) = 0 < H(e_p) (no λ works); 1 when both are 0', () => {
    expect(promptEfficiency({ hPromptFactor: 1, miEpModelOutput: 0 }).value).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(promptEfficiency({ hPromptFactor: 0, miEpModelOutput: 0 }).value).toBe(1);
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(promptEfficiency, valid, ['hPromptFactor', 'miEpModelOutput']);
    expectNonNegative(promptEfficiency, valid, ['hPromptFactor', 'miEpModelOutput']);
  });
});

describe('deltaEpsilonP (App. E, after eq. 29): δ_{ε,p} = (λ − 1)·I(e_p; M(p)) − δ_ε', () => {
  const valid = { lambda: 3, miEpModelOutput: 0.5, deltaEpsilon: -0.25 };

  it('reference: (3 − 1)·0.5 − (−0.25) = 1.25; λ = 1 leaves −δ_ε', () => {
    const r = deltaEpsilonP(valid);
    expect(r.value).toBe(1.25);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('eq. (29)');
    expect(deltaEpsilonP({ ...valid, lambda: 1, deltaEpsilon: 0.125 }).value).toBe(-0.125);
  });

  it('behaviour: λ < 1 is rejected (Lemma E.1 needs λ ≥ 1); δ_ε may have either sign', () => {
    expectInfoboundError(
      () => deltaEpsilonP({ ...valid, lambda: 0.5 }),
      'INVALID_ARGUMENT',
      'lambda is 0.5',
    );
    expectInfoboundError(
      () => deltaEpsilonP({ ...valid, lambda: 1 - 2 ** -52 }),
      'INVALID_ARGUMENT',
      'lambda',
    );
    expect(deltaEpsilonP({ ...valid, deltaEpsilon: 0.5 }).value).toBe(0.5);
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(deltaEpsilonP, valid, ['lambda', 'miEpModelOutput', 'deltaEpsilon']);
    expectNonNegative(deltaEpsilonP, valid, ['miEpModelOutput']);
  });
});

describe('alpha (Theorem 4.10): α = H(S_anchor | W′) / H(S_anchor | W)', () => {
  const valid = { hAnchorGivenWPrime: 0.25, hAnchorGivenW: 0.5 };

  it('reference: 0.25 / 0.5 = 0.5; Infinity when only the denominator is 0; 1 when both are', () => {
    const r = alpha(valid);
    expect(r.value).toBe(0.5);
    expect(r.terms).toEqual(valid);
    expect(r.reference).toContain('Theorem 4.10');
    expect(alpha({ hAnchorGivenWPrime: 0.5, hAnchorGivenW: 0 }).value).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(alpha({ hAnchorGivenWPrime: 0, hAnchorGivenW: 0 }).value).toBe(1);
  });

  it('behaviour: validates every field', () => {
    expectFieldChecks(alpha, valid, ['hAnchorGivenWPrime', 'hAnchorGivenW']);
    expectNonNegative(alpha, valid, ['hAnchorGivenWPrime', 'hAnchorGivenW']);
  });
});
