/**
 * Lemma 4.5 (eq. 5), the information-flow bound: I(S_gen; W) ≤ −ΔI + B_syn + H(e_M) + δ_{ε,p}.
 * The calculator evaluates the right-hand side from given terms. Closed forms, validation, and the
 * right-hand side of the XOR model (finding (a), model.test.ts) computed through the calculator:
 * it is smaller than I(S_gen; W), so the lemma fails there.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel, informationFlowBound, lemma45 } from '../../src/bounds/index.js';
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

describe('reference: closed forms', () => {
  it('−1.5 + 0.5 + 1 + 0.25 = 0.25', () => {
    const input = { infoGain: 1.5, bottleneck: 0.5, hModelFactor: 1, deltaEpsP: 0.25 };
    const r = lemma45(input);
    expect(r.value).toBe(0.25);
    expect(r.terms).toEqual(input);
    expect(r.reference).toContain('Lemma 4.5');
    expect(r.reference).toContain('eq. (5)');
  });

  it('δ_{ε,p} may be negative, and so may the right-hand side (the calculator does not judge)', () => {
    expect(lemma45({ infoGain: 2, bottleneck: 0.5, hModelFactor: 1, deltaEpsP: -0.25 }).value).toBe(
      -0.75,
    );
  });

  it('informationFlowBound is the same function', () => {
    expect(informationFlowBound).toBe(lemma45);
  });
});

describe('reference: finding (a) through the calculator — the XOR model', () => {
  it('rhs = −log 2 + 0 + log 2 + ½ log 2 = ½ log 2 < I(S_gen; W) = log 2', () => {
    // anchor uniform bit = p = e_p, e_M an independent uniform bit, M(p) = e_p + e_M, W = M(p) mod 2
    // = e_p XOR e_M (derivation in model.test.ts): ΔI = log 2, B_syn = 0 (W is independent of each
    // factor alone), H(e_M) = log 2, δ_{ε,p} = (λ − 1)·I(e_p; M(p)) − δ_ε = (2 − 1)·½ log 2 − 0.
    const e = evaluateModel({
      anchor: [0.5, 0.5],
      prompt: [
        [1, 0],
        [0, 1],
      ],
      promptFactor: [
        [1, 0],
        [0, 1],
      ],
      modelFactor: [0.5, 0.5],
      h: [0, 1],
      g: [0, 1],
      trainGen: (s) => (s % 2 === 0 ? [1, 0] : [0, 1]),
      trainAnchor: [
        [1, 0],
        [0, 1],
      ],
    });
    const r = lemma45(e.terms);
    // Sums of four exact-model terms, each within ~1e-15 of its closed form: 1e-12 absolute.
    expectClose(r.value, LN2 / 2, 0, 1e-12);
    expectClose(e.terms.miGenW, LN2, 0, 1e-12);
    expect(r.value).toBeLessThan(e.terms.miGenW);
    expect(r.value).toBe(e.results.lemma45.rhs);
  });
});

describe('behaviour: validation', () => {
  const valid = { infoGain: 1, bottleneck: 0.5, hModelFactor: 0.5, deltaEpsP: 0 };

  it('every field is required and finite, named in the message', () => {
    expectFieldChecks(lemma45, valid, ['infoGain', 'bottleneck', 'hModelFactor', 'deltaEpsP']);
  });

  it('ΔI, B_syn and H(e_M) are ≥ 0 (negative → INVALID_ARGUMENT); δ_{ε,p} has no sign', () => {
    for (const f of ['infoGain', 'bottleneck', 'hModelFactor'] as const) {
      expectInfoboundError(
        () => lemma45({ ...valid, [f]: -0.125 }),
        'INVALID_ARGUMENT',
        `${f} is -0.125`,
      );
    }
    expect(lemma45({ ...valid, deltaEpsP: -0.125 }).value).toBe(-0.125);
  });
});
