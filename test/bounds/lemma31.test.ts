/**
 * Lemma 3.1 (eq. 1): Err(π^{S_gen}) ≤ C′·(D_TV(D, D_M) + D_TV(D_M, D_gen)) + |R_{D_gen} − R̂_{S_gen}|.
 *
 * The paper's proof (App. D) bounds |E_P ℓ − E_Q ℓ| by C·Σ|P − Q| = 2C·D_TV(P, Q) and then writes
 * "≲ C·D_TV". The constant that is actually true is the loss's range: C for ℓ ∈ [0, C] (then
 * |E_P ℓ − E_Q ℓ| ≤ C·D_TV), 2C for |ℓ| ≤ C. The calculator takes `loss: 'zero-to-C' | 'absolute'`
 * and uses C′ = C or 2C. Here: the closed forms, the true inequality on random discrete
 * instances (exact expectations), its tightness, and the smallest instance where the paper's
 * constant C fails for a loss with |ℓ| ≤ C.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributionShiftBound, lemma31 } from '../../src/bounds/index.js';
import { discrete } from '../../src/index.js';
import { pmf } from '../../src/testing/index.js';
import { expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;

const dot = (p: readonly number[], l: readonly number[]) =>
  p.reduce((s, pi, i) => s + pi * (l[i] as number), 0);

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
  // Dyadic inputs: every product and sum below is exact in binary64, so toBe.
  const input = { lossBound: 2, tvTaskModel: 0.25, tvModelGen: 0.125, genErrorSynthetic: 0.5 };

  it("'zero-to-C' (the default) uses C: 2·(0.25 + 0.125) + 0.5 = 1.25", () => {
    const r = lemma31(input);
    expect(r.value).toBe(1.25);
    expect(lemma31({ ...input, loss: 'zero-to-C' }).value).toBe(1.25);
    expect(r.terms).toEqual({
      lossBound: 2,
      effectiveConstant: 2,
      tvTaskModel: 0.25,
      tvModelGen: 0.125,
      divergence: 0.375,
      genErrorSynthetic: 0.5,
    });
    expect(r.reference).toContain('Lemma 3.1');
    expect(r.reference).toContain('eq. (1)');
  });

  it("'absolute' uses 2C: (2·2)·(0.25 + 0.125) + 0.5 = 2", () => {
    const r = lemma31({ ...input, loss: 'absolute' });
    expect(r.value).toBe(2);
    expect(r.terms.effectiveConstant).toBe(4);
    expect(r.terms.lossBound).toBe(2);
  });

  it('the docs example: 1·(0.1 + 0.05) + 0.02 prints 0.17', () => {
    expect(
      lemma31({ lossBound: 1, tvTaskModel: 0.1, tvModelGen: 0.05, genErrorSynthetic: 0.02 }).value,
    ).toBe(0.17);
  });

  it('no divergence, no generalization error: the bound is 0', () => {
    expect(
      lemma31({ lossBound: 3, tvTaskModel: 0, tvModelGen: 0, genErrorSynthetic: 0 }).value,
    ).toBe(0);
  });

  it('distributionShiftBound is the same function', () => {
    expect(distributionShiftBound).toBe(lemma31);
  });
});

describe('property: the true inequality on random discrete instances (exact expectations)', () => {
  // k outcomes; D, D_M, D_gen and an empirical distribution Ŝ of the synthetic sample; a loss
  // table u ∈ [0, 1]^k scaled to ℓ = C·u ('zero-to-C') or ℓ = C·(2u − 1) ('absolute').
  const instance = fc.integer({ min: 1, max: 6 }).chain((k) =>
    fc.record({
      d: pmf({ minLength: k, maxLength: k }),
      dm: pmf({ minLength: k, maxLength: k }),
      dgen: pmf({ minLength: k, maxLength: k }),
      sample: pmf({ minLength: k, maxLength: k }),
      u: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
      c: fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      loss: fc.constantFrom('zero-to-C' as const, 'absolute' as const),
    }),
  );
  const lossOf = (u: number[], c: number, kind: 'zero-to-C' | 'absolute') =>
    u.map((v) => (kind === 'zero-to-C' ? c * v : c * (2 * v - 1)));
  // Each side is a sum of ≤ 6 products of magnitude ≤ C plus a TV computed to ~1e-16:
  // rounding ≤ ~1e-15·C, so 1e-12·C absolute.
  const tol = (c: number) => 1e-12 * c;

  it('|E_D ℓ − E_{D_gen} ℓ| ≤ C′·(TV(D, D_M) + TV(D_M, D_gen)), C′ = range of ℓ', () => {
    fc.assert(
      fc.property(instance, ({ d, dm, dgen, u, c, loss }) => {
        const l = lossOf(u, c, loss);
        const gap = Math.abs(dot(d, l) - dot(dgen, l));
        const bound = lemma31({
          lossBound: c,
          tvTaskModel: discrete.tvDistance(d, dm),
          tvModelGen: discrete.tvDistance(dm, dgen),
          genErrorSynthetic: 0,
          loss,
        }).value;
        expect(gap).toBeLessThanOrEqual(bound + tol(c));
      }),
      { numRuns: NUM_RUNS, seed: 3101 },
    );
  });

  it('Err = |R_D − R̂_S| ≤ lemma31 with genErrorSynthetic = |R_{D_gen} − R̂_S|, for any sample', () => {
    fc.assert(
      fc.property(instance, ({ d, dm, dgen, sample, u, c, loss }) => {
        const l = lossOf(u, c, loss);
        const empirical = dot(sample, l);
        const err = Math.abs(dot(d, l) - empirical);
        const bound = lemma31({
          lossBound: c,
          tvTaskModel: discrete.tvDistance(d, dm),
          tvModelGen: discrete.tvDistance(dm, dgen),
          genErrorSynthetic: Math.abs(dot(dgen, l) - empirical),
          loss,
        }).value;
        expect(err).toBeLessThanOrEqual(bound + tol(c));
      }),
      { numRuns: NUM_RUNS, seed: 3102 },
    );
  });

  it('the constant 2C is tight for |ℓ| ≤ C: ℓ* = C·sign(P − Q) gives exactly 2C·TV(P, Q)', () => {
    // Σ_x C·sign(P − Q)(x)·(P − Q)(x) = C·Σ|P − Q| = 2C·TV: the variational formula of TV. So
    // whenever P ≠ Q the paper's C·TV is exceeded by a factor of exactly 2.
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 6 })
          .chain((k) =>
            fc.tuple(pmf({ minLength: k, maxLength: k }), pmf({ minLength: k, maxLength: k })),
          ),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        ([p, q], c) => {
          const l = p.map((pi, i) => (pi > (q[i] as number) ? c : -c));
          const gap = Math.abs(dot(p, l) - dot(q, l));
          const tv = discrete.tvDistance(p, q);
          expect(Math.abs(gap - 2 * c * tv)).toBeLessThanOrEqual(tol(c));
          // D = P, D_M = D_gen = Q, and the sample's empirical risk equals R_{D_gen}.
          const absolute = lemma31({
            lossBound: c,
            tvTaskModel: tv,
            tvModelGen: 0,
            genErrorSynthetic: 0,
            loss: 'absolute',
          }).value;
          expect(gap).toBeLessThanOrEqual(absolute + tol(c));
          if (tv > 1e-9) expect(gap).toBeGreaterThan(c * tv);
        },
      ),
      { numRuns: NUM_RUNS, seed: 3103 },
    );
  });
});

describe('reference: the smallest counterexample to the paper’s constant C when |ℓ| ≤ C', () => {
  it('two points, C = 1: Err = 2, the paper’s bound gives 1, the corrected 2C gives 2 (tight)', () => {
    // Outcomes {x0, x1}; ℓ(x0) = +1, ℓ(x1) = −1, so |ℓ| ≤ C = 1.
    // D = δ_{x0}; D_M = D_gen = δ_{x1}; the synthetic sample is S_gen = (x1).
    //   R_D = 1, R̂_S = −1             → Err = |1 − (−1)| = 2
    //   TV(D, D_M) = 1, TV(D_M, D_gen) = 0, |R_{D_gen} − R̂_S| = |−1 − (−1)| = 0
    //   paper:     C·(1 + 0) + 0 = 1 < 2 — eq. (1) with the constant C fails by 1 (= C).
    //   corrected: 2C·(1 + 0) + 0 = 2 — holds with equality.
    // No smaller instance exists: one outcome makes every TV and every gap 0.
    const l = [1, -1];
    const d = [1, 0];
    const dm = [0, 1];
    const dgen = [0, 1];
    const sample = [0, 1];
    const err = Math.abs(dot(d, l) - dot(sample, l));
    const input = {
      lossBound: 1,
      tvTaskModel: discrete.tvDistance(d, dm),
      tvModelGen: discrete.tvDistance(dm, dgen),
      genErrorSynthetic: Math.abs(dot(dgen, l) - dot(sample, l)),
    };
    expect(err).toBe(2);
    expect(input).toEqual({ lossBound: 1, tvTaskModel: 1, tvModelGen: 0, genErrorSynthetic: 0 });
    // The paper's constant is what 'zero-to-C' computes: wrong for this loss.
    const paper = lemma31({ ...input, loss: 'zero-to-C' }).value;
    expect(paper).toBe(1);
    expect(err).toBeGreaterThan(paper);
    const corrected = lemma31({ ...input, loss: 'absolute' }).value;
    expect(corrected).toBe(2);
    expect(err).toBeLessThanOrEqual(corrected);
    // The same loss shifted into [0, 2] (ℓ + 1 = [2, 0]) is a 'zero-to-C' loss with C = 2: same gap,
    // same bound. Centring a loss is what makes the smaller constant right.
    expect(lemma31({ ...input, lossBound: 2 }).value).toBe(2);
  });
});

describe('behaviour: validation', () => {
  const valid = { lossBound: 1, tvTaskModel: 0.25, tvModelGen: 0.25, genErrorSynthetic: 0.125 };

  it('every field is required and finite, named in the message', () => {
    expectFieldChecks(lemma31, valid, [
      'lossBound',
      'tvTaskModel',
      'tvModelGen',
      'genErrorSynthetic',
    ]);
  });

  it('C > 0, each TV in [0, 1], the generalization error ≥ 0', () => {
    expectInfoboundError(
      () => lemma31({ ...valid, lossBound: 0 }),
      'INVALID_ARGUMENT',
      'lossBound is 0',
    );
    expectInfoboundError(
      () => lemma31({ ...valid, lossBound: -1 }),
      'INVALID_ARGUMENT',
      'lossBound is -1',
    );
    for (const f of ['tvTaskModel', 'tvModelGen'] as const) {
      expectInfoboundError(
        () => lemma31({ ...valid, [f]: -0.5 }),
        'INVALID_ARGUMENT',
        `${f} is -0.5`,
      );
      expectInfoboundError(
        () => lemma31({ ...valid, [f]: 1.5 }),
        'INVALID_ARGUMENT',
        `${f} is 1.5`,
      );
    }
    expectInfoboundError(
      () => lemma31({ ...valid, genErrorSynthetic: -0.125 }),
      'INVALID_ARGUMENT',
      'genErrorSynthetic is -0.125',
    );
  });

  it('an unknown loss kind is INVALID_OPTION', () => {
    expectInfoboundError(
      () => lemma31({ ...valid, loss: 'signed' as 'absolute' }),
      'INVALID_OPTION',
      'loss is "signed"',
    );
  });
});
