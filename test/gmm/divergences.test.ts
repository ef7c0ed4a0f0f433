import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GaussianMixture, gaussian, gmm } from '../../src/index.js';
import { gaussianMixturePair } from '../../src/testing/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

// test/fixtures/gmm/gmm.json, "divergences" (generate.py beside it documents the format).
interface Mixture {
  weights: number[];
  means: number[][];
  covariances: number[][][];
}
interface Reference {
  value: number;
  se: number;
}
interface DivergenceCase {
  p: Mixture;
  q: Mixture;
  kl: Reference;
  entropy: Reference;
  tv: Reference;
  variational: number;
  goldberger: number;
  entropyUpperBound: number;
}
const cases = (readFixture('gmm/gmm.json') as { divergences: Record<string, DivergenceCase> })
  .divergences;

/**
 * Monte Carlo estimates must be within 4 combined standard errors of the reference,
 * √(se_ours² + se_ref²) (the reference's is 0 for 1-D quadrature, ~1e-3 for 10^6 draws). A
 * correct estimator fails this with probability 6e-5 per check; a bias of ~4 standard errors
 * (1–2% of the value at 10^4 draws) is caught.
 */
function expectWithinSe(
  est: { value: number; standardError?: number },
  ref: Reference,
  label: string,
): void {
  const se = Math.sqrt((est.standardError as number) ** 2 + ref.se ** 2);
  expect(Number.isFinite(se) && se > 0, `${label}: a positive standard error`).toBe(true);
  expect(
    Math.abs(est.value - ref.value),
    `${label}: ${est.value} vs ${ref.value} (4 × se = ${4 * se})`,
  ).toBeLessThanOrEqual(4 * se);
}

const single = (mean: number[], cov: number[][]) =>
  GaussianMixture.fromParameters({ weights: [1], means: [mean], covariances: [cov] });

describe('one component: the Gaussian closed forms', () => {
  const p = {
    mean: [0.5, -1, 2],
    cov: [
      [2, 0.3, 0.1],
      [0.3, 1, -0.2],
      [0.1, -0.2, 0.5],
    ],
  };
  const q = {
    mean: [0, 0, 1],
    cov: [
      [1, 0, 0.2],
      [0, 1.5, 0],
      [0.2, 0, 1],
    ],
  };
  const gp = single(p.mean, p.cov);
  const gq = single(q.mean, q.cov);
  const kl = gaussian.klDivergence(p, q);
  const h = gaussian.entropy(p.cov);

  it('variational and goldberger KL equal the closed form (1e-12)', () => {
    // Both reduce to KL(p₁ ‖ q₁) + log(1/1); the component KL is the same formula through
    // Cholesky factors as gaussian.klDivergence, with the trace as ‖L_pᵀU_q‖²: rounding only.
    expectClose(gmm.klDivergence(gp, gq, { method: 'variational' }).value, kl, 1e-12);
    const g = gmm.klDivergence(gp, gq, { method: 'goldberger' });
    expectClose(g.value, kl, 1e-12);
    expect(g.upperBound).toBe(true);
  });

  it('Monte Carlo KL is within 4 standard errors of the closed form', () => {
    expectWithinSe(gmm.klDivergence(gp, gq, { seed: 3 }), { value: kl, se: 0 }, 'KL');
  });

  it('the entropy upper bound is the Gaussian entropy (1e-12); Monte Carlo within 4 se', () => {
    expectClose(gmm.entropy(gp, { method: 'upper-bound' }).value, h, 1e-12);
    expectWithinSe(gmm.entropy(gp, { seed: 4 }), { value: h, se: 0 }, 'entropy');
  });

  it('Monte Carlo TV of equal-covariance Gaussians is within 4 se of 2Φ(δ/2) − 1', () => {
    // δ = Mahalanobis distance between the means: δ² = Δμᵀ Σ⁻¹ Δμ = 1 + 4 = 5 for Σ = I, Δμ = (1, 2).
    const a = single(
      [0, 0],
      [
        [1, 0],
        [0, 1],
      ],
    );
    const b = single(
      [1, 2],
      [
        [1, 0],
        [0, 1],
      ],
    );
    const delta = Math.sqrt(5);
    // Φ(x) = ½ erfc(−x/√2); erfc by its continued fraction is overkill: use the series of erf.
    const erf = (x: number): number => {
      let term = x;
      let s = x;
      for (let n = 1; n < 80; n++) {
        term *= (-x * x) / n;
        s += term / (2 * n + 1);
      }
      return (2 / Math.sqrt(Math.PI)) * s;
    };
    const exact = erf(delta / 2 / Math.SQRT2);
    expectWithinSe(gmm.tvDistance(a, b, { seed: 5 }), { value: exact, se: 0 }, 'TV');
  });

  it('base converts KL and entropy to bits', () => {
    const nats = gmm.klDivergence(gp, gq, { method: 'variational' }).value;
    expectClose(
      gmm.klDivergence(gp, gq, { method: 'variational', base: 'bits' }).value,
      nats / Math.LN2,
      1e-15,
    );
    const mc = gmm.entropy(gp, { seed: 1 });
    const bits = gmm.entropy(gp, { seed: 1, base: 'bits' });
    expectClose(bits.value, mc.value / Math.LN2, 1e-15);
    expectClose(bits.standardError!, mc.standardError! / Math.LN2, 1e-15);
  });

  it('Monte Carlo KL beyond the doubles: value and standard error +Infinity, never NaN (regression)', () => {
    // q's log-density at draws from p (sd 1e150) is −x²/(2·1e-300) = −Infinity: the KL is
    // +Infinity, and sd of [Infinity, …] was (Infinity − Infinity)² = NaN.
    const one = (v: number) =>
      GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[v]]] });
    const r = gmm.klDivergence(one(1e300), one(1e-300), { samples: 10 });
    expect(r.value).toBe(Number.POSITIVE_INFINITY);
    expect(r.standardError).toBe(Number.POSITIVE_INFINITY);
    // Finite but huge terms (KL = 5e299 − ½ − log 1e150 here): their squared deviations overflow;
    // the standard error is computed on the deviations scaled by the largest, so it stays finite,
    // and the value is within 4 of it of the closed form.
    const big = gmm.klDivergence(one(1e200), one(1e-100), { samples: 50, seed: 2 });
    const exact = gaussian.klDivergence({ mean: 0, cov: 1e200 }, { mean: 0, cov: 1e-100 });
    expect(Number.isFinite(big.standardError)).toBe(true);
    expect(big.standardError).toBeGreaterThan(0);
    // (Not expectWithinSe: it squares the standard error, ~1e299.)
    expect(Math.abs(big.value - exact)).toBeLessThanOrEqual(4 * (big.standardError as number));
  });
});

describe('reference: quadrature (1-D) and 10^6-draw Monte Carlo (2-D) from the fixture script', () => {
  for (const [name, c] of Object.entries(cases)) {
    const p = GaussianMixture.fromParameters(c.p);
    const q = GaussianMixture.fromParameters(c.q);
    it(`${name}: Monte Carlo KL, entropy and TV within 4 combined standard errors`, () => {
      expectWithinSe(gmm.klDivergence(p, q, { seed: 11 }), c.kl, 'KL');
      expectWithinSe(gmm.entropy(p, { seed: 12 }), c.entropy, 'entropy');
      expectWithinSe(gmm.tvDistance(p, q, { seed: 13 }), c.tv, 'TV');
    });
    it(`${name}: variational, goldberger and the entropy bound match NumPy's closed forms (1e-12)`, () => {
      // The same formulas from NumPy's inv/slogdet (LU) instead of our Cholesky factors; every
      // covariance has condition number < 10 and the values are O(1): rounding ≲ 1e-14.
      expectClose(
        gmm.klDivergence(p, q, { method: 'variational' }).value,
        c.variational,
        1e-12,
        1e-13,
      );
      expectClose(
        gmm.klDivergence(p, q, { method: 'goldberger' }).value,
        c.goldberger,
        1e-12,
        1e-13,
      );
      expectClose(gmm.entropy(p, { method: 'upper-bound' }).value, c.entropyUpperBound, 1e-12);
    });
    it(`${name}: the entropy upper bound is above the reference entropy`, () => {
      expect(c.entropyUpperBound).toBeGreaterThan(c.entropy.value - 4 * c.entropy.se);
    });
  }
});

// Random full-covariance mixture pairs from infobound/testing (d ∈ [1, 3], k ∈ [1, 4]).
const pairArb = gaussianMixturePair({ maxDim: 3 });

describe('properties (fast-check, seeded)', () => {
  it('variational KL(p ‖ p) = 0 exactly (numerator and denominator are the same sums)', () => {
    fc.assert(
      fc.property(pairArb, ([p]) => {
        expect(gmm.klDivergence(p, p, { method: 'variational' }).value).toBe(0);
        const copy = GaussianMixture.fromJSON(p.toJSON());
        expect(gmm.klDivergence(p, copy, { method: 'variational' }).value).toBe(0);
      }),
      { numRuns: 100, seed: 601 },
    );
  });

  it('TV is in [0, 1] with a finite standard error, and 0 for p against itself up to 4 se', () => {
    fc.assert(
      fc.property(pairArb, ([p, q]) => {
        const tv = gmm.tvDistance(p, q, { samples: 200, seed: 1 });
        expect(tv.value).toBeGreaterThanOrEqual(0);
        expect(tv.value).toBeLessThanOrEqual(1);
        expect(Number.isFinite(tv.standardError)).toBe(true);
        expect(gmm.tvDistance(p, p, { samples: 200 }).value).toBe(0);
      }),
      { numRuns: 100, seed: 602 },
    );
  });

  it('Monte Carlo estimates are reproducible bit for bit from the seed, and change with it', () => {
    fc.assert(
      fc.property(pairArb, fc.integer({ min: -1000, max: 1000 }), ([p, q], seed) => {
        const o = { samples: 300, seed };
        expect(gmm.klDivergence(p, q, o)).toEqual(gmm.klDivergence(p, q, o));
        expect(gmm.entropy(p, o)).toEqual(gmm.entropy(p, o));
        expect(gmm.tvDistance(p, q, o)).toEqual(gmm.tvDistance(p, q, o));
        expect(gmm.entropy(p, o).value).not.toBe(gmm.entropy(p, { ...o, seed: seed + 1 }).value);
      }),
      { numRuns: 50, seed: 603 },
    );
  });

  it('goldberger with a one-to-one matching is an upper bound: ≥ the Monte Carlo KL − 5 se', () => {
    // 5 se: 50 runs × P(N(0,1) > 5) ≈ 1.4e-5 chance of a false failure over the property.
    fc.assert(
      fc.property(pairArb, ([p, q]) => {
        const g = gmm.klDivergence(p, q, { method: 'goldberger' });
        if (!g.upperBound) return;
        const mc = gmm.klDivergence(p, q, { samples: 4000, seed: 2 });
        expect(g.value).toBeGreaterThanOrEqual(mc.value - 5 * (mc.standardError as number));
      }),
      { numRuns: 50, seed: 604 },
    );
  });

  it('the entropy upper bound is ≥ the Monte Carlo entropy − 5 se', () => {
    fc.assert(
      fc.property(pairArb, ([p]) => {
        const mc = gmm.entropy(p, { samples: 4000, seed: 3 });
        const ub = gmm.entropy(p, { method: 'upper-bound' }).value;
        expect(ub).toBeGreaterThanOrEqual(mc.value - 5 * (mc.standardError as number));
      }),
      { numRuns: 50, seed: 605 },
    );
  });
});

describe('errors', () => {
  const p = single([0], [[1]]);
  const q2 = single(
    [0, 0],
    [
      [1, 0],
      [0, 1],
    ],
  );
  it('arguments that are not fitted mixtures, mismatched dimensions, bad options', () => {
    expectInfoboundError(() => gmm.klDivergence({} as never, p), 'INVALID_ARGUMENT', 'p');
    expectInfoboundError(
      () => gmm.entropy(new GaussianMixture({ nComponents: 1 })),
      'INVALID_ARGUMENT',
      'not fitted',
    );
    expectInfoboundError(() => gmm.klDivergence(p, q2), 'SHAPE_MISMATCH', 'same space');
    expectInfoboundError(() => gmm.tvDistance(p, q2), 'SHAPE_MISMATCH');
    expectInfoboundError(
      () => gmm.klDivergence(p, p, { method: 'exact' as 'variational' }),
      'INVALID_OPTION',
      'method',
    );
    expectInfoboundError(
      () => gmm.entropy(p, { method: 'lower-bound' as 'upper-bound' }),
      'INVALID_OPTION',
      'method',
    );
    expectInfoboundError(() => gmm.klDivergence(p, p, { samples: 1 }), 'INVALID_OPTION', 'samples');
    expectInfoboundError(() => gmm.tvDistance(p, p, { samples: 3 }), 'INVALID_OPTION', 'samples');
    expectInfoboundError(() => gmm.entropy(p, { seed: Number.NaN }), 'INVALID_OPTION', 'seed');
    expectInfoboundError(() => gmm.entropy(p, { base: 1 }), 'INVALID_OPTION', 'base');
  });
});
