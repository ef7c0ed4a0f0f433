import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import { gaussian } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { entropy } = gaussian;

// test/fixtures/gaussian/gaussian.json (generate.py beside it documents the format).
interface Covariance {
  d: number;
  conditioning: 'well' | 'ill';
  cond: number;
  matrix: number[][];
}
interface EntropyCase {
  name: string;
  cov: string;
  base?: Base;
  expected: number;
  terms: { logdet: number };
}
const fixture = readFixture('gaussian/gaussian.json') as {
  covariances: Record<string, Covariance>;
  cases: { entropy: EntropyCase[] };
};
const covariance = (name: string): Covariance => fixture.covariances[name] as Covariance;
const lnBase = (base: Base | undefined): number =>
  base === undefined || base === 'nats' ? 1 : base === 'bits' ? Math.LN2 : Math.log(base);
const withBase = (base: Base | undefined) => (base === undefined ? {} : { base });

const EPS = Number.EPSILON;
const LOG_2PI_E = Math.log(2 * Math.PI) + 1;

describe('reference', () => {
  // SciPy's multivariate_normal(mean, cov).entropy(), which takes log det Σ from an eigh
  // decomposition, never a Cholesky factor.
  for (const c of fixture.cases.entropy) {
    const cov = covariance(c.cov);
    const { d, cond } = cov;
    // The rounding error of h = ½[d log(2πe) + log det Σ] is relative to the two terms it adds,
    // which is |h| unless they cancel: `scale` is their magnitude, in the case's unit.
    const scale = (0.5 * (d * LOG_2PI_E + Math.abs(c.terms.logdet))) / lnBase(c.base);
    if (cov.conditioning === 'well') {
      // Closed form, 1e-12 relative (to the terms). Cholesky is backward stable: the computed
      // factor is exact for Σ + ΔΣ with ‖ΔΣ‖ ≈ ε‖Σ‖, which moves log det Σ by tr(Σ⁻¹ΔΣ) ≲ d·κ·ε, and
      // SciPy's eigh likewise; here κ ≤ 6 and d ≤ 50, so both are within ~7e-14 of the truth.
      it(`${c.name} (κ = ${cond.toPrecision(3)}, 1e-12 relative)`, () => {
        expectClose(entropy(cov.matrix, withBase(c.base)), c.expected, 0, 1e-12 * scale);
      });
    } else {
      // κ ≈ 1e8: the same backward error ‖ΔΣ‖ ≈ ε‖Σ‖ now moves log det Σ by up to d·κ·ε (the
      // smallest eigenvalue, 1e-8·‖Σ‖, is only known to ε‖Σ‖, i.e. to κ·ε relative), in ours and
      // in SciPy's alike. h carries half of each: |Δh| ≤ ½·2·d·κ·ε, 1.1e-6 nats at d = 50.
      const tol = (d * cond * EPS) / lnBase(c.base);
      it(`${c.name} (κ = ${cond.toPrecision(3)}, d·κ·ε = ${tol.toPrecision(2)} absolute)`, () => {
        expectClose(entropy(cov.matrix, withBase(c.base)), c.expected, 0, tol);
      });
    }
  }
});

describe('behaviour', () => {
  const wellNames = Object.keys(fixture.covariances).filter(
    (n) => covariance(n).conditioning === 'well',
  );
  const S = [
    [2, 0.5],
    [0.5, 1],
  ];

  it('1-D: ½ log(2πe σ²), with σ² as a number or a 1 × 1 matrix', () => {
    for (const v of [1e-200, 0.01, 1, 2.5, 1e4, 1e200]) {
      const expected = 0.5 * (LOG_2PI_E + Math.log(v));
      // A handful of roundings (a square root, two logarithms, a sum) on terms of size ≤ |log v|.
      expectClose(entropy(v), expected, 0, 1e-14 * (LOG_2PI_E + Math.abs(Math.log(v))));
      expect(entropy([[v]])).toBe(entropy(v));
      expect(entropy([v])).toBe(entropy(v));
    }
    expect(entropy(1)).toBe(0.5 * LOG_2PI_E);
  });

  it('is negative for a narrow Gaussian', () => {
    expect(entropy(0.01)).toBeLessThan(0);
    expect(entropy(1 / (2 * Math.PI * Math.E) / 2)).toBeLessThan(0);
  });

  it('matches the documented example', () => {
    expectClose(entropy(S), 3.1176849603770567, 1e-15, 0);
  });

  it('of a diagonal covariance is the sum of the 1-D entropies', () => {
    const v = [0.3, 2, 1e-3, 50, 7];
    const diag = v.map((vi, i) => v.map((_, j) => (i === j ? vi : 0)));
    const expected = v.reduce((s, vi) => s + 0.5 * (LOG_2PI_E + Math.log(vi)), 0);
    const scale = v.reduce((s, vi) => s + 0.5 * (LOG_2PI_E + Math.abs(Math.log(vi))), 0);
    expectClose(entropy(diag), expected, 0, 1e-12 * scale);
  });

  it('scales as h(aX) = h(X) + d log|a| (covariance times a²)', () => {
    for (const name of wellNames) {
      const { matrix, d } = covariance(name);
      const h = entropy(matrix);
      for (const a of [2, -3, 0.1, 1e3]) {
        const a2 = a * a;
        // One rounding per entry (symmetry kept: both triangles get the same product), a
        // perturbation of ε|Σ| that moves log det by ≲ d·κ·ε ≤ 7e-14: inside 1e-12 of the terms.
        const scaled = matrix.map((row) => row.map((x) => x * a2));
        const expected = h + d * Math.log(Math.abs(a));
        const scale = 0.5 * d * LOG_2PI_E + Math.abs(h) + d * Math.abs(Math.log(Math.abs(a)));
        expectClose(entropy(scaled), expected, 0, 1e-12 * scale);
      }
    }
  });

  it("base: 'bits' = nats / ln 2, 10 divides by ln 10, e and 'nats' are nats", () => {
    const h = entropy(S);
    expect(entropy(S, { base: 'bits' })).toBe(h / Math.LN2);
    expect(entropy(S, { base: 2 })).toBe(entropy(S, { base: 'bits' }));
    expect(entropy(S, { base: 10 })).toBe(h / Math.log(10));
    expect(entropy(S, { base: 'nats' })).toBe(h);
    expect(entropy(S, { base: Math.E })).toBe(h);
    expect(entropy(2.5, { base: 'bits' })).toBe(entropy(2.5) / Math.LN2);
  });

  it('reads an ml-matrix Matrix and Float64Array rows like number[][]', () => {
    for (const name of ['well_d5_a', 'ill_d10_a']) {
      const { matrix } = covariance(name);
      const h = entropy(matrix);
      expect(entropy(new Matrix(matrix))).toBe(h);
      expect(entropy(matrix.map((r) => Float64Array.from(r)))).toBe(h);
    }
  });

  it('accepts a covariance that is symmetric only to rounding (1 ulp), as documented', () => {
    // toCovariance documents symmetry "to 1e-12 relative (looser than exact so that covariances
    // computed in floating point pass)": a 1-ulp asymmetry must give the entropy of the matrix
    // (to a few ulps), not an error.
    const nearly = [
      [2, 0.5],
      [0.5000000000000001, 1],
    ];
    expectClose(entropy(nearly), entropy(S), 1e-15);
  });
});

describe('errors', () => {
  it('non-symmetric covariance → NOT_POSITIVE_DEFINITE naming the entries', () => {
    expectInfoboundError(
      () =>
        entropy([
          [1, 0.5],
          [0.4, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'cov[0][1] is 0.5 but cov[1][0] is 0.4',
    );
  });

  it('indefinite covariance → NOT_POSITIVE_DEFINITE with its smallest eigenvalue', () => {
    const err = expectInfoboundError(
      () =>
        entropy([
          [1, 2],
          [2, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'cov is not positive definite',
    );
    // The eigenvalues are 3 and −1; the message reports −1 to the eigensolver's rounding.
    const reported = Number(/smallest eigenvalue (\S+)\)/.exec(err.message)?.[1]);
    expectClose(reported, -1, 1e-14, 0);
    expectInfoboundError(() => entropy(-1), 'NOT_POSITIVE_DEFINITE', 'cov');
  });

  it('the message survives huge and subnormal entries (regression: ml-matrix crashed on them)', () => {
    // [[1, 2], [2, 1]]·2^600 has eigenvalues 3·2^600 and −2^600: the eigenvalue is taken of the
    // matrix scaled by 2^−601 (exact), so it is reported to the eigensolver's rounding.
    const big = 2 ** 600;
    const err = expectInfoboundError(
      () =>
        entropy([
          [big, 2 * big],
          [2 * big, big],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'smallest eigenvalue',
    );
    const reported = Number(/smallest eigenvalue (\S+)\)/.exec(err.message)?.[1]);
    expectClose(reported, -big, 1e-14, 0);
    // Entries below 2^−500 of the largest are flushed to 0 for the message: the eigenvalues of
    // [[0, 1e-320], [1e-320, 1]] are 0 and 1 to far below the message's precision.
    expectInfoboundError(
      () =>
        entropy([
          [0, 1e-320],
          [1e-320, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'smallest eigenvalue 0)',
    );
    expectInfoboundError(
      () =>
        entropy([
          [0, 0],
          [0, 0],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'smallest eigenvalue 0)',
    );
  });

  it('singular covariance (exactly zero pivot) → NOT_POSITIVE_DEFINITE', () => {
    for (const m of [
      [
        [1, 2],
        [2, 4],
      ],
      [
        [5, 10],
        [10, 20],
      ],
      [
        [1, 2, 3],
        [2, 4, 6],
        [3, 6, 9],
      ],
    ]) {
      expectInfoboundError(
        () => entropy(m),
        'NOT_POSITIVE_DEFINITE',
        'cov is not positive definite',
      );
    }
    expectInfoboundError(() => entropy(0), 'NOT_POSITIVE_DEFINITE', 'cov');
  });

  it('singular covariance whose Cholesky pivot rounds to a tiny positive number → NOT_POSITIVE_DEFINITE', () => {
    // [[v, v], [v, v]] (two copies of one variable) is exactly singular in floating point too, but
    // the pivot v − (v/√v)² rounds to ±1 ulp of v: for v = 2, 7 or 10 it lands on +8.9e-16 and the
    // "positive definite" matrix gets a finite, meaningless entropy.
    for (const v of [2, 7, 10]) {
      expectInfoboundError(
        () =>
          entropy([
            [v, v],
            [v, v],
          ]),
        'NOT_POSITIVE_DEFINITE',
        'cov',
      );
    }
  });

  it('non-square covariance → SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () =>
        entropy([
          [1, 0, 0],
          [0, 1, 0],
        ]),
      'SHAPE_MISMATCH',
      'cov is 2 × 3',
    );
  });

  it('NaN or infinite entries → NON_FINITE naming the entry', () => {
    expectInfoboundError(
      () =>
        entropy([
          [1, 0],
          [Number.NaN, 1],
        ]),
      'NON_FINITE',
      'cov[1][0] is NaN',
    );
    expectInfoboundError(() => entropy(Number.NaN), 'NON_FINITE', 'cov is NaN');
    expectInfoboundError(() => entropy(Number.POSITIVE_INFINITY), 'NON_FINITE', 'cov is Infinity');
  });

  it('a non-matrix → INVALID_ARGUMENT; a bad base → INVALID_OPTION', () => {
    expectInfoboundError(() => entropy('1' as unknown as number), 'INVALID_ARGUMENT', 'cov');
    expectInfoboundError(() => entropy(1, { base: 1 }), 'INVALID_OPTION', 'base');
    expectInfoboundError(() => entropy(1, { base: -2 }), 'INVALID_OPTION', 'base');
  });
});
