import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digamma, gammaQ, lgamma } from '../../src/core/special.js';
import fixture from '../fixtures/core/special.json';
import { EPS, expectClose } from './helpers.js';

/**
 * Tolerances. Both functions are stdlib-js ports of the Cephes/FreeBSD/Boost algorithms, which,
 * like SciPy's own, are accurate to about one ulp; two ~1-ulp implementations can differ by a
 * couple of ulps (ε ≈ 2.2e-16), so 1e-13 relative leaves a margin of a few hundred ulps while
 * still catching any real approximation error (mathjs's lgamma, at 3e-12, would fail).
 *
 * Relative error is meaningless where the function crosses zero: lgamma at x = 1 and 2, digamma
 * at its root x0 ≈ 1.4616. There the value is a difference of O(1) terms, so even a perfect
 * implementation is off by a few ulps of 1 in absolute terms: we use an absolute floor of 8ε.
 */
const REL = 1e-13;
const ABS_FLOOR = 8 * EPS;

const points = fixture.points;

describe('special-function fixtures (self-check)', () => {
  it('cover 1e-8 .. 1e6, half-integers, d/2 + 1 up to d = 2000, and both sides of the root', () => {
    const xs = points.map((p) => p.x);
    expect(xs.length).toBeGreaterThanOrEqual(60);
    expect(Math.min(...xs)).toBe(1e-8);
    expect(Math.max(...xs)).toBe(1e6);
    expect(xs).toContain(500.5);
    expect(xs).toContain(2000 / 2 + 1);
    expect(xs).toContain(1999 / 2 + 1);
    const root = fixture.digammaRoot;
    expect(xs.some((x) => x < root && x > root - 0.1)).toBe(true);
    expect(xs.some((x) => x > root && x < root + 0.1)).toBe(true);
  });
});

describe('lgamma (reference: scipy.special.gammaln)', () => {
  it('matches SciPy to 1e-13 relative (absolute floor 8ε at the zeros x = 1, 2)', () => {
    for (const { x, gammaln } of points) {
      expectClose(lgamma(x), gammaln, REL, ABS_FLOOR, `lgamma(${x})`);
    }
  });

  it('is exactly 0 at 1 and 2, and log((n−1)!) at integers', () => {
    expect(lgamma(1)).toBe(0);
    expect(lgamma(2)).toBe(0);
    // log 5! = log 120, one correctly rounded log: within 2ε relative.
    expectClose(lgamma(6), Math.log(120), 2 * EPS);
  });

  it('satisfies log Γ(x + 1) = log Γ(x) + log x (property)', () => {
    // Three values each within ~1 ulp of their magnitude: allow 1e-13 of the largest, plus the
    // absolute floor near the zeros.
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e5, noNaN: true }), (x) => {
        const a = lgamma(x + 1);
        const b = lgamma(x) + Math.log(x);
        const scale = Math.max(Math.abs(a), Math.abs(lgamma(x)), Math.abs(Math.log(x)));
        // x + 1 itself rounds (relative u), shifting log Γ by ψ(x + 1)·(x + 1)·u.
        const shift = Math.abs(digamma(x + 1)) * (x + 1) * EPS;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(REL * scale + ABS_FLOOR + shift);
      }),
    );
  });
});

describe('digamma (reference: scipy.special.digamma)', () => {
  it('matches SciPy to 1e-13 relative (absolute floor 8ε near the root x0 ≈ 1.4616)', () => {
    for (const { x, digamma: expected } of points) {
      expectClose(digamma(x), expected, REL, ABS_FLOOR, `digamma(${x})`);
    }
  });

  it('gives −γ at 1 and is near 0 at the root', () => {
    expect(digamma(1)).toBe(-0.5772156649015329);
    expect(Math.abs(digamma(fixture.digammaRoot))).toBeLessThan(ABS_FLOOR);
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e5, noNaN: true }), (x) => {
        const a = digamma(x + 1);
        const b = digamma(x) + 1 / x;
        const scale = Math.max(Math.abs(a), Math.abs(digamma(x)), 1 / x);
        // x + 1 itself rounds (relative u = ε/2), shifting ψ by ψ'(x + 1)·(x + 1)·u; since
        // ψ'(y) ≤ 1/y + 1/y², that is at most (1 + 1/(x + 1))·u. We allow twice that.
        const shift = (1 + 1 / (x + 1)) * EPS;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(REL * scale + ABS_FLOOR + shift);
      }),
    );
  });
});

describe('gammaQ (reference: mpmath at 40 digits)', () => {
  const cases = (fixture as unknown as { gammaQ: { a: number; x: number; Q: number }[] }).gammaQ;
  it('matches to 1e-13 relative, from a = 0.5 to a = 1e6', () => {
    // The series/continued fraction converge to ε; the prefactor exp(a·log1pmx(t) + …) keeps
    // ~1e-15 relative even at a = 1e6. Measured worst case 7.5e-15 (at Q ≈ 3e-41).
    for (const { a, x, Q } of cases) {
      const got = gammaQ(a, x);
      expect(Math.abs(got - Q) / Q, `Q(${a}, ${x})`).toBeLessThan(1e-13);
    }
  });
  it('is 1 at x = 0', () => {
    expect(gammaQ(3, 0)).toBe(1);
  });
});
