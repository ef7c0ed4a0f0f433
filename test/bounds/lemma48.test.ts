/**
 * Lemma 4.8 (eq. 8), the anchor-data bound: E Err(π^{S_anchor}) ≤ η′^{L/2}·sqrt(2σ²·I(S_anchor; W′)/m).
 * It is Lemma 4.4 with m anchor samples, I(S_anchor; W′) and the anchor network's η′.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorPostTrainingBound, lemma44, lemma48 } from '../../src/bounds/index.js';
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

describe('reference: closed forms', () => {
  it('σ = 0.5, m = 8, I = 1 → sqrt(2·0.25·1/8) = sqrt(1/16) = 0.25', () => {
    const r = lemma48({ sigma: 0.5, m: 8, miAnchorWPrime: 1 });
    expect(r.value).toBe(0.25);
    expect(r.terms).toEqual({
      sigma: 0.5,
      m: 8,
      miAnchorWPrime: 1,
      layers: 0,
      etaPrime: 1,
      depthFactor: 1,
    });
    expect(r.reference).toContain('Lemma 4.8');
    expect(r.reference).toContain('eq. (8)');
  });

  it('L = 2, η′ = 0.25: depth factor 0.25, bound 0.0625', () => {
    const r = lemma48({ sigma: 0.5, m: 8, miAnchorWPrime: 1, layers: 2, etaPrime: 0.25 });
    expectClose(r.terms.depthFactor, 0.25, 1e-12);
    expectClose(r.value, 0.0625, 1e-12);
    expect(r.terms.etaPrime).toBe(0.25);
  });

  it('reads η′ from etaPrime, and rejects eta rather than ignoring it', () => {
    const withEta = { sigma: 0.5, m: 8, miAnchorWPrime: 1, layers: 2, eta: 0.25 };
    expectInfoboundError(
      () => lemma48(withEta as Parameters<typeof lemma48>[0]),
      'INVALID_OPTION',
      'etaPrime',
    );
    // η′^{L/2} · sqrt(2σ²I/m) = 0.25 · 0.25.
    expect(lemma48({ sigma: 0.5, m: 8, miAnchorWPrime: 1, layers: 2, etaPrime: 0.25 }).value).toBe(
      0.0625,
    );
  });

  it('anchorPostTrainingBound is the same function', () => {
    expect(anchorPostTrainingBound).toBe(lemma48);
  });
});

describe('property: lemma48 is lemma44 with n = m, I = I(S_anchor; W′), η = η′', () => {
  it('identical doubles', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 1e-3, max: 1, noNaN: true }),
        (sigma, m, mi, layers, etaPrime) => {
          expect(lemma48({ sigma, m, miAnchorWPrime: mi, layers, etaPrime }).value).toBe(
            lemma44({ sigma, n: m, mutualInformation: mi, layers, eta: etaPrime }).value,
          );
        },
      ),
      { numRuns: NUM_RUNS, seed: 4801 },
    );
  });
});

describe('behaviour: validation', () => {
  const valid = { sigma: 0.5, m: 8, miAnchorWPrime: 1, layers: 2, etaPrime: 0.5 };

  it('every field is finite and named; σ, m and the MI are required', () => {
    expectFieldChecks(lemma48, valid, ['sigma', 'm', 'miAnchorWPrime'], ['layers', 'etaPrime']);
  });

  it('σ ≤ 0, m not a positive integer, I < 0, η′ ∉ (0, 1], L not an integer ≥ 0', () => {
    expectInfoboundError(() => lemma48({ ...valid, sigma: 0 }), 'INVALID_ARGUMENT', 'sigma is 0');
    expectInfoboundError(() => lemma48({ ...valid, m: 0 }), 'INVALID_ARGUMENT', 'm is 0');
    expectInfoboundError(() => lemma48({ ...valid, m: 7.5 }), 'INVALID_ARGUMENT', 'm is 7.5');
    expectInfoboundError(
      () => lemma48({ ...valid, miAnchorWPrime: -1 }),
      'INVALID_ARGUMENT',
      'miAnchorWPrime is -1',
    );
    expectInfoboundError(
      () => lemma48({ ...valid, etaPrime: 0 }),
      'INVALID_ARGUMENT',
      'etaPrime is 0',
    );
    expectInfoboundError(
      () => lemma48({ ...valid, etaPrime: 1.5 }),
      'INVALID_ARGUMENT',
      'etaPrime is 1.5',
    );
    expectInfoboundError(
      () => lemma48({ ...valid, layers: -2 }),
      'INVALID_ARGUMENT',
      'layers is -2',
    );
  });
});
