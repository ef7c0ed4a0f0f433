import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import { gaussian } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { mutualInformation, entropy } = gaussian;

// test/fixtures/gaussian/gaussian.json (generate.py beside it documents the format).
interface Covariance {
  d: number;
  conditioning: 'well' | 'ill';
  cond: number;
  matrix: number[][];
}
interface MiCase {
  name: string;
  cov: string;
  xIdx: number[];
  yIdx: number[];
  base?: Base;
  expected: number;
  /** κ₂ of the sub-covariance on xIdx ∪ yIdx (it bounds the κ of both blocks). */
  cond: number;
  /** The three log-determinants, in nats. */
  terms: { logdetX: number; logdetY: number; logdetXY: number };
}
const fixture = readFixture('gaussian/gaussian.json') as {
  covariances: Record<string, Covariance>;
  cases: { mutualInformation: MiCase[] };
};
const covariance = (name: string): Covariance => fixture.covariances[name] as Covariance;
const lnBase = (base: Base | undefined): number =>
  base === undefined || base === 'nats' ? 1 : base === 'bits' ? Math.LN2 : Math.log(base);
const withBase = (base: Base | undefined) => (base === undefined ? {} : { base });

const EPS = Number.EPSILON;

/** The magnitude of the terms of ½[log det Σxx + log det Σyy − log det Σ(x,y)], in nats. */
const termScale = (t: MiCase['terms']): number =>
  0.5 * (Math.abs(t.logdetX) + Math.abs(t.logdetY) + Math.abs(t.logdetXY));

/** The sub-matrix of m on rows and columns idx. */
const sub = (m: number[][], idx: number[]): number[][] => idx.map((i) => idx.map((j) => m[i]![j]!));

describe('reference', () => {
  // ½[slogdet Σxx + slogdet Σyy − slogdet Σ(x,y)], NumPy's LU on sub-covariances taken with np.ix_.
  for (const c of fixture.cases.mutualInformation) {
    const cov = covariance(c.cov);
    const ln = lnBase(c.base);
    if (cov.conditioning === 'well') {
      // Closed form, 1e-12 relative to the three log-dets it adds, which is the scale of its
      // rounding error (MI is their difference: 4e-4 nats for well_d5_b, from terms of 5).
      // Cholesky is backward stable: each log det is off by ≲ d·κ·ε ≤ 7e-14 here (κ ≤ 6).
      it(`${c.name} (1e-12 relative to the terms)`, () => {
        const got = mutualInformation(cov.matrix, c.xIdx, c.yIdx, withBase(c.base));
        expectClose(got, c.expected, 0, (1e-12 * termScale(c.terms)) / ln);
      });
    } else {
      // κ ≈ 1e8: each log det of a k × k block is off by ≲ k·κ·ε in ours and in NumPy's (see
      // entropy.test.ts), the blocks' κ is at most the joint κ (interlacing), and MI takes half of
      // each: |ΔI| ≤ ½·2·(dx + dy + (dx + dy))·κ·ε = 2(dx + dy)·κ·ε.
      const dxy = c.xIdx.length + c.yIdx.length;
      const tol = (2 * dxy * c.cond * EPS) / ln;
      it(`${c.name} (κ = ${c.cond.toPrecision(2)}: 2(dx + dy)·κ·ε = ${tol.toPrecision(2)})`, () => {
        const got = mutualInformation(cov.matrix, c.xIdx, c.yIdx, withBase(c.base));
        expectClose(got, c.expected, 0, tol);
      });
    }
  }
});

describe('behaviour', () => {
  const wellCases = fixture.cases.mutualInformation.filter(
    (c) => covariance(c.cov).conditioning === 'well',
  );

  it('of two coordinates is −½ log(1 − ρ²), whatever their variances', () => {
    for (const rho of [0.8, -0.5, 0.3, 0.999, -0.9999, 1e-4]) {
      for (const [s1, s2] of [
        [1, 1],
        [3, 0.01],
        [1e3, 1e-3],
      ] as const) {
        const c = rho * s1 * s2;
        const cov = [
          [s1 * s1, c],
          [c, s2 * s2],
        ];
        const expected = -0.5 * Math.log1p(-rho * rho);
        // The log-dets ~ log σ² cancel to leave MI: 1e-12 relative to them, and the Cholesky pivot
        // σ₂²(1 − ρ²) loses ε/(1 − ρ²) relative (5e-13 absolute at ρ = −0.9999).
        const terms =
          Math.abs(Math.log(s1 * s1)) + Math.abs(Math.log(s2 * s2)) + 1 / (1 - rho * rho);
        expectClose(mutualInformation(cov, 0, 1), expected, 1e-12, 1e-12 * terms);
      }
    }
    expectClose(
      mutualInformation(
        [
          [1, 0.8],
          [0.8, 1],
        ],
        0,
        1,
      ),
      0.5108256237659909,
      1e-15,
      0,
    );
  });

  it('is 0 (up to the rounding of the log-det sums) for independent blocks', () => {
    const cov = [
      [2, 0.3, 0, 0],
      [0.3, 1, 0, 0],
      [0, 0, 5, -1],
      [0, 0, -1, 0.5],
    ];
    const mi = mutualInformation(cov, [0, 1], [2, 3]);
    expect(mi).toBeGreaterThanOrEqual(0);
    expect(mi).toBeLessThanOrEqual(8 * EPS);
    expect(
      mutualInformation(
        [
          [1, 0],
          [0, 4],
        ],
        0,
        1,
      ),
    ).toBe(0);
  });

  it('is symmetric in X and Y and ignores the order inside each group', () => {
    for (const c of wellCases) {
      const { matrix } = covariance(c.cov);
      const mi = mutualInformation(matrix, c.xIdx, c.yIdx);
      // Reordering permutes the matrix Cholesky factors, so it changes the roundings only.
      const tol = 1e-12 * termScale(c.terms);
      expectClose(mutualInformation(matrix, c.yIdx, c.xIdx), mi, 0, tol);
      expectClose(
        mutualInformation(matrix, [...c.xIdx].reverse(), [...c.yIdx].reverse()),
        mi,
        0,
        tol,
      );
    }
  });

  it('is h(X) + h(Y) − h(X, Y) with gaussian.entropy of the sub-covariances', () => {
    for (const c of wellCases) {
      const { matrix } = covariance(c.cov);
      const hx = entropy(sub(matrix, c.xIdx));
      const hy = entropy(sub(matrix, c.yIdx));
      const hxy = entropy(sub(matrix, [...c.xIdx, ...c.yIdx]));
      // Now the d·log(2πe)/2 constants cancel as well: 1e-12 relative to all the terms.
      const tol = 1e-12 * (Math.abs(hx) + Math.abs(hy) + Math.abs(hxy));
      expectClose(mutualInformation(matrix, c.xIdx, c.yIdx), hx + hy - hxy, 0, tol);
    }
  });

  it('is invariant under rescaling each coordinate (Σ ↦ DΣD)', () => {
    for (const c of wellCases) {
      const { matrix, d } = covariance(c.cov);
      const D = Array.from({ length: d }, (_, i) => [2, 1e3, 0.5, 1e-2, 7][i % 5]!);
      // (D_i·D_j)·x: D_i·D_j commutes, so the result is exactly symmetric. Two roundings per
      // entry; Cholesky's error is invariant under diagonal scaling (it is governed by the
      // correlation matrix), so the bound is the unscaled one plus the new log D terms.
      const scaled = matrix.map((row, i) => row.map((x, j) => D[i]! * D[j]! * x));
      const logD = (idx: number[]) => idx.reduce((s, i) => s + 2 * Math.abs(Math.log(D[i]!)), 0);
      const tol = 1e-12 * (termScale(c.terms) + logD(c.xIdx) + logD(c.yIdx));
      expectClose(
        mutualInformation(scaled, c.xIdx, c.yIdx),
        mutualInformation(matrix, c.xIdx, c.yIdx),
        0,
        tol,
      );
    }
  });

  it('reads only the coordinates named (the rest need not be positive definite)', () => {
    const cov = [
      [1, 0.5, 0],
      [0.5, 1, 0],
      [0, 0, 0],
    ];
    expectClose(mutualInformation(cov, 0, 1), -0.5 * Math.log(0.75), 1e-15, 0);
  });

  it('takes a number as a one-index group', () => {
    const { matrix } = covariance('well_d5_a');
    expect(mutualInformation(matrix, 3, 1)).toBe(mutualInformation(matrix, [3], [1]));
    expect(mutualInformation(matrix, [0, 2], 4)).toBe(mutualInformation(matrix, [0, 2], [4]));
  });

  it("base: 'bits' = nats / ln 2, 10 divides by ln 10", () => {
    const { matrix } = covariance('well_d10_a');
    const mi = mutualInformation(matrix, [0, 1], [5, 6]);
    expect(mutualInformation(matrix, [0, 1], [5, 6], { base: 'bits' })).toBe(mi / Math.LN2);
    expect(mutualInformation(matrix, [0, 1], [5, 6], { base: 10 })).toBe(mi / Math.log(10));
  });

  it('reads an ml-matrix Matrix like number[][]', () => {
    const { matrix } = covariance('ill_d10_a');
    expect(mutualInformation(new Matrix(matrix), [0, 9], [3])).toBe(
      mutualInformation(matrix, [0, 9], [3]),
    );
  });
});

describe('errors', () => {
  const cov = [
    [1, 0.2, 0.1],
    [0.2, 1, 0.3],
    [0.1, 0.3, 1],
  ];

  it('index out of range → INVALID_ARGUMENT naming the index', () => {
    expectInfoboundError(
      () => mutualInformation(cov, [0, 3], [1]),
      'INVALID_ARGUMENT',
      'xIdx[1] is 3',
    );
    expectInfoboundError(() => mutualInformation(cov, 0, -1), 'INVALID_ARGUMENT', 'yIdx[0] is -1');
  });

  it('non-integer index → INVALID_ARGUMENT', () => {
    expectInfoboundError(
      () => mutualInformation(cov, 0.5, 1),
      'INVALID_ARGUMENT',
      'xIdx[0] is 0.5',
    );
    expectInfoboundError(
      () => mutualInformation(cov, 0, [Number.NaN]),
      'INVALID_ARGUMENT',
      'yIdx[0] is NaN',
    );
    expectInfoboundError(
      () => mutualInformation(cov, ['0'] as unknown as number[], 1),
      'INVALID_ARGUMENT',
      'xIdx[0] is "0"',
    );
    expectInfoboundError(
      () => mutualInformation(cov, '0' as unknown as number, 1),
      'INVALID_ARGUMENT',
      'xIdx',
    );
  });

  it('overlapping or repeated indices → INVALID_ARGUMENT', () => {
    expectInfoboundError(
      () => mutualInformation(cov, [0, 1], [1, 2]),
      'INVALID_ARGUMENT',
      'share index 1',
    );
    expectInfoboundError(
      () => mutualInformation(cov, [0, 0], [1]),
      'INVALID_ARGUMENT',
      'xIdx[1] repeats index 0',
    );
  });

  it('empty index group → SHAPE_MISMATCH', () => {
    expectInfoboundError(() => mutualInformation(cov, [], [1]), 'SHAPE_MISMATCH', 'xIdx is empty');
    expectInfoboundError(() => mutualInformation(cov, [0], []), 'SHAPE_MISMATCH', 'yIdx is empty');
  });

  it('covariance not positive definite on the coordinates used → NOT_POSITIVE_DEFINITE naming the block', () => {
    const singular = [
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ];
    expectInfoboundError(
      () => mutualInformation(singular, 0, 1),
      'NOT_POSITIVE_DEFINITE',
      'cov[xIdx ∪ yIdx]',
    );
    expectInfoboundError(
      () => mutualInformation(singular, [0, 1], 2),
      'NOT_POSITIVE_DEFINITE',
      'cov[xIdx, xIdx]',
    );
    expectInfoboundError(
      () => mutualInformation(singular, 2, [1, 0]),
      'NOT_POSITIVE_DEFINITE',
      'cov[yIdx, yIdx]',
    );
  });

  it('non-symmetric → NOT_POSITIVE_DEFINITE; non-square → SHAPE_MISMATCH; NaN → NON_FINITE', () => {
    expectInfoboundError(
      () =>
        mutualInformation(
          [
            [1, 0.5],
            [0.4, 1],
          ],
          0,
          1,
        ),
      'NOT_POSITIVE_DEFINITE',
      'cov[0][1] is 0.5 but cov[1][0] is 0.4',
    );
    expectInfoboundError(
      () =>
        mutualInformation(
          [
            [1, 0, 0],
            [0, 1, 0],
          ],
          0,
          1,
        ),
      'SHAPE_MISMATCH',
      'cov is 2 × 3',
    );
    expectInfoboundError(
      () =>
        mutualInformation(
          [
            [1, Number.NaN],
            [Number.NaN, 1],
          ],
          0,
          1,
        ),
      'NON_FINITE',
      'cov[0][1] is NaN',
    );
  });

  it('a bad base → INVALID_OPTION', () => {
    expectInfoboundError(
      () => mutualInformation(cov, 0, 1, { base: 'hartley' as never }),
      'INVALID_OPTION',
      'base',
    );
  });
});
