import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import { gaussian } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { klDivergence } = gaussian;

// test/fixtures/gaussian/gaussian.json (generate.py beside it documents the format).
interface Covariance {
  d: number;
  conditioning: 'well' | 'ill';
  cond: number;
  matrix: number[][];
}
interface KlCase {
  name: string;
  p: { mean: string; cov: string };
  q: { mean: string; cov: string };
  base?: Base;
  expected: number;
  /** tr(Σq⁻¹Σp), (μq − μp)ᵀΣq⁻¹(μq − μp), log det Σp, log det Σq; nats. */
  terms: { trace: number; maha: number; logdetP: number; logdetQ: number };
}
const fixture = readFixture('gaussian/gaussian.json') as {
  covariances: Record<string, Covariance>;
  means: Record<string, number[]>;
  cases: { klDivergence: KlCase[] };
};
const covariance = (name: string): Covariance => fixture.covariances[name] as Covariance;
const mean = (name: string): number[] => fixture.means[name] as number[];
const lnBase = (base: Base | undefined): number =>
  base === undefined || base === 'nats' ? 1 : base === 'bits' ? Math.LN2 : Math.log(base);
const withBase = (base: Base | undefined) => (base === undefined ? {} : { base });

const EPS = Number.EPSILON;

/** The magnitude of the terms KL = ½[tr + maha − d + log det Σq − log det Σp] adds, in nats. */
const termScale = (t: KlCase['terms'], d: number): number =>
  0.5 * (Math.abs(t.trace) + Math.abs(t.maha) + d + Math.abs(t.logdetP) + Math.abs(t.logdetQ));

describe('reference', () => {
  // ½[tr(Σq⁻¹Σp) + Δμᵀ Σq⁻¹ Δμ − d + log det Σq − log det Σp] with NumPy's LU-based inv and
  // slogdet: a different algorithm from our Cholesky factors and triangular solves.
  for (const c of fixture.cases.klDivergence) {
    const P = covariance(c.p.cov);
    const Q = covariance(c.q.cov);
    const { d } = P;
    const p = { mean: mean(c.p.mean), cov: P.matrix };
    const q = { mean: mean(c.q.mean), cov: Q.matrix };
    const ln = lnBase(c.base);
    if (P.conditioning === 'well' && Q.conditioning === 'well') {
      // Closed form, 1e-12 relative to the terms it adds (= relative to KL unless they cancel).
      // Cholesky and triangular solves are backward stable: each log det is off by ≲ d·κ·ε and
      // the trace and Mahalanobis terms by ≲ d·κ·ε relative, in ours and in NumPy's LU alike;
      // with κ ≤ 6 and d ≤ 50 that is ≤ 7e-14, far inside 1e-12.
      it(`${c.name} (1e-12 relative)`, () => {
        const scale = termScale(c.terms, d) / ln;
        expectClose(klDivergence(p, q, withBase(c.base)), c.expected, 0, 1e-12 * scale);
      });
    } else {
      // κ up to 1e8. The same backward errors ‖ΔΣ‖ ≈ ε‖Σ‖ move log det Σ by up to d·κ·ε (absolute)
      // and the trace and Mahalanobis terms, which solve with Σq, by up to d·κq·ε (relative). Two
      // implementations, each term halved:
      //   |ΔKL| ≤ ε·d·[κp + κq + κq·(tr + maha)].
      const tol =
        (EPS * d * (P.cond + Q.cond + Q.cond * (c.terms.trace + Math.abs(c.terms.maha)))) / ln;
      it(`${c.name} (κp = ${P.cond.toPrecision(2)}, κq = ${Q.cond.toPrecision(2)}: ${(tol / Math.abs(c.expected)).toPrecision(2)} relative)`, () => {
        expectClose(klDivergence(p, q, withBase(c.base)), c.expected, 0, tol);
      });
    }
  }
});

/** A·B for small dense matrices. */
function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) =>
    (b[0] as number[]).map((_, j) => row.reduce((s, x, k) => s + x * (b[k] as number[])[j]!, 0)),
  );
}
const transpose = (a: number[][]): number[][] =>
  (a[0] as number[]).map((_, j) => a.map((r) => r[j]!));
/** (S + Sᵀ)/2: exactly symmetric, since IEEE addition commutes. */
const symmetrise = (s: number[][]): number[][] =>
  s.map((r, i) => r.map((x, j) => (x + s[j]![i]!) / 2));

describe('behaviour', () => {
  it('KL(N ‖ N) = 0 for every fixture covariance', () => {
    for (const [name, { d, cond, matrix }] of Object.entries(fixture.covariances)) {
      const n = { mean: mean(`unit_d${d}`), cov: matrix };
      // The log-dets cancel exactly (one factor) and Δμ = 0, leaving ½(‖L⁻¹L‖²_F − d): a
      // triangular solve of L against its own columns, off by ≲ κ(L)·ε = √κ·ε per entry.
      const tol = d * d * Math.sqrt(cond) * EPS;
      const kl = klDivergence(n, n);
      expect(kl, name).toBeGreaterThanOrEqual(0);
      expect(kl, name).toBeLessThanOrEqual(tol);
    }
    expect(klDivergence({ mean: 3, cov: 2 }, { mean: 3, cov: 2 })).toBe(0);
  });

  it('1-D: log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½, with numbers as mean and variance', () => {
    const cases: [number, number, number, number][] = [
      [0, 1, 1, 2],
      [-3, 0.01, 2, 5],
      [1e6, 4, 1e6 + 1, 0.25],
      [0.5, 1e-4, 0.5, 1e4],
    ];
    for (const [mp, vp, mq, vq] of cases) {
      const t = [vp / vq, (mp - mq) ** 2 / vq, 1, Math.log(vq / vp)];
      const expected = 0.5 * (t[0]! + t[1]! - t[2]! + t[3]!);
      const scale = 0.5 * t.reduce((s, x) => s + Math.abs(x), 0);
      const kl = klDivergence({ mean: mp, cov: vp }, { mean: mq, cov: vq });
      expectClose(kl, expected, 0, 1e-12 * scale);
      expect(klDivergence({ mean: [mp], cov: [[vp]] }, { mean: [mq], cov: [[vq]] })).toBe(kl);
      expect(klDivergence({ mean: [mp], cov: [vp] }, { mean: Float64Array.of(mq), cov: vq })).toBe(
        kl,
      );
    }
  });

  it('matches the documented example, ½ log 2', () => {
    expectClose(klDivergence({ mean: 0, cov: 1 }, { mean: 1, cov: 2 }), 0.5 * Math.LN2, 1e-15, 0);
  });

  it('is invariant under a common invertible affine map x ↦ Ax + b', () => {
    for (const c of fixture.cases.klDivergence) {
      const P = covariance(c.p.cov);
      const Q = covariance(c.q.cov);
      const { d } = P;
      if (d < 2 || P.conditioning !== 'well' || Q.conditioning !== 'well') continue;
      // Means of size 1e6 are left to the exact-translation test below: forming Aμ + b rounds
      // each mean to ε·1e6 ≈ 2e-10, an error of the inputs (in μq − μp ≈ 0.5), not of KL.
      if (c.p.mean.startsWith('big') || c.q.mean.startsWith('big')) continue;
      // A = H·D, H the Householder reflection of v = (1, 2, ..., d) (orthogonal), D diagonal with
      // entries from {2, 0.5, 1, 1.5, 1.25}: A's singular values are D's, so κ(A) = 2/0.5 = 4.
      const v = Array.from({ length: d }, (_, i) => i + 1);
      const vv = v.reduce((s, x) => s + x * x, 0);
      const D = v.map((_, j) => [2, 0.5, 1, 1.5, 1.25][j % 5]!);
      const A = v.map((vi, i) =>
        v.map((vj, j) => ((i === j ? 1 : 0) - (2 * vi * vj) / vv) * D[j]!),
      );
      const kappaA = 4;
      const b = v.map((i) => (i % 2 === 0 ? 3 : -1.5) * i);
      const map = (m: number[], s: number[][]) => ({
        mean: m.map((_, i) => A[i]!.reduce((acc, a, k) => acc + a * m[k]!, 0) + b[i]!),
        cov: symmetrise(matmul(matmul(A, s), transpose(A))),
      });
      const p = { mean: mean(c.p.mean), cov: P.matrix };
      const q = { mean: mean(c.q.mean), cov: Q.matrix };
      // Forming AΣAᵀ in floating point perturbs it by ≲ 2d·ε·‖A‖²‖Σ‖, i.e. by 2d·ε·κ(A)²·κ(Σ)
      // relative to its smallest eigenvalue; each log det moves by ≲ d times that, and the trace
      // and Mahalanobis terms by as much relative to themselves. Against the terms of KL:
      //   tol = 4d²·κ(A)²·max(κp, κq)·ε·(terms), from 1.5e-13 (d = 2) to 2e-10 (d = 50) of them.
      const tol = 4 * d * d * kappaA ** 2 * Math.max(P.cond, Q.cond) * EPS * termScale(c.terms, d);
      expectClose(klDivergence(map(p.mean, p.cov), map(q.mean, q.cov)), klDivergence(p, q), 0, tol);
    }
  });

  it('is unchanged, bit for bit, by a common translation that is exact in floating point', () => {
    // These sums need fewer than 53 bits, so μ + b is exact and so is (μq + b) − (μp + b).
    const mp = [0.5, -1.25, 3, 0.75, 2];
    const mq = [1, 0.25, -2, 1.5, 0];
    const b = [1024, -4096, 8, 0.5, 1e6];
    const P = covariance('well_d5_a').matrix;
    const Q = covariance('ill_d5_b').matrix;
    const shift = (m: number[]) => m.map((x, i) => x + b[i]!);
    expect(klDivergence({ mean: shift(mp), cov: P }, { mean: shift(mq), cov: Q })).toBe(
      klDivergence({ mean: mp, cov: P }, { mean: mq, cov: Q }),
    );
  });

  it('is ≥ 0 and not symmetric', () => {
    const p = { mean: mean('unit_d5'), cov: covariance('well_d5_a').matrix };
    const q = { mean: mean('zero_d5'), cov: covariance('well_d5_b').matrix };
    expect(klDivergence(p, q)).toBeGreaterThan(0);
    expect(klDivergence(q, p)).toBeGreaterThan(0);
    expect(klDivergence(p, q)).not.toBe(klDivergence(q, p));
  });

  it("base: 'bits' = nats / ln 2, 10 divides by ln 10", () => {
    const p = { mean: mean('unit_d2'), cov: covariance('well_d2_a').matrix };
    const q = { mean: mean('zero_d2'), cov: covariance('well_d2_b').matrix };
    const kl = klDivergence(p, q);
    expect(klDivergence(p, q, { base: 'bits' })).toBe(kl / Math.LN2);
    expect(klDivergence(p, q, { base: 10 })).toBe(kl / Math.log(10));
    expect(klDivergence(p, q, { base: 'nats' })).toBe(kl);
  });

  it('reads ml-matrix Matrix covariances and Float64Array means like arrays', () => {
    const P = covariance('well_d10_a').matrix;
    const Q = covariance('ill_d10_b').matrix;
    const kl = klDivergence({ mean: mean('unit_d10'), cov: P }, { mean: mean('zero_d10'), cov: Q });
    expect(
      klDivergence(
        { mean: Float64Array.from(mean('unit_d10')), cov: new Matrix(P) },
        { mean: mean('zero_d10'), cov: new Matrix(Q) },
      ),
    ).toBe(kl);
  });
});

describe('errors', () => {
  const I2 = [
    [1, 0],
    [0, 1],
  ];
  const ok = { mean: [0, 0], cov: I2 };

  it('mean length ≠ covariance size → SHAPE_MISMATCH naming the mean', () => {
    expectInfoboundError(
      () => klDivergence({ mean: [0, 0, 0], cov: I2 }, ok),
      'SHAPE_MISMATCH',
      'p.mean has length 3 but the covariance is 2 × 2',
    );
    expectInfoboundError(
      () => klDivergence(ok, { mean: 0, cov: I2 }),
      'SHAPE_MISMATCH',
      'q.mean has length 1',
    );
  });

  it('p.cov and q.cov of different sizes → SHAPE_MISMATCH naming both', () => {
    expectInfoboundError(
      () => klDivergence(ok, { mean: 0, cov: 1 }),
      'SHAPE_MISMATCH',
      'p.cov is 2 × 2 but q.cov is 1 × 1',
    );
  });

  it('non-symmetric covariance → NOT_POSITIVE_DEFINITE naming the argument', () => {
    const asym = [
      [1, 0.3],
      [0.2, 1],
    ];
    expectInfoboundError(
      () => klDivergence(ok, { mean: [0, 0], cov: asym }),
      'NOT_POSITIVE_DEFINITE',
      'q.cov[0][1]',
    );
    expectInfoboundError(
      () => klDivergence({ mean: [0, 0], cov: asym }, ok),
      'NOT_POSITIVE_DEFINITE',
      'p.cov[0][1]',
    );
  });

  it('indefinite or singular covariance → NOT_POSITIVE_DEFINITE naming the argument', () => {
    const indefinite = [
      [1, 2],
      [2, 1],
    ];
    const singular = [
      [1, 2],
      [2, 4],
    ];
    expectInfoboundError(
      () => klDivergence({ mean: [0, 0], cov: indefinite }, ok),
      'NOT_POSITIVE_DEFINITE',
      'p.cov is not positive definite',
    );
    expectInfoboundError(
      () => klDivergence(ok, { mean: [0, 0], cov: singular }),
      'NOT_POSITIVE_DEFINITE',
      'q.cov is not positive definite',
    );
    expectInfoboundError(
      () => klDivergence({ mean: 0, cov: -1 }, { mean: 0, cov: 1 }),
      'NOT_POSITIVE_DEFINITE',
      'p.cov',
    );
  });

  it('non-square covariance → SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () =>
        klDivergence(
          {
            mean: [0, 0],
            cov: [
              [1, 0, 0],
              [0, 1, 0],
            ],
          },
          ok,
        ),
      'SHAPE_MISMATCH',
      'p.cov is 2 × 3',
    );
  });

  it('NaN in a covariance or a mean → NON_FINITE naming the entry', () => {
    expectInfoboundError(
      () =>
        klDivergence(ok, {
          mean: [0, 0],
          cov: [
            [1, 0],
            [0, Number.NaN],
          ],
        }),
      'NON_FINITE',
      'q.cov[1][1] is NaN',
    );
    expectInfoboundError(
      () => klDivergence(ok, { mean: [0, Number.NaN], cov: I2 }),
      'NON_FINITE',
      'q.mean[1] is NaN',
    );
    expectInfoboundError(
      () => klDivergence({ mean: Number.POSITIVE_INFINITY, cov: 1 }, { mean: 0, cov: 1 }),
      'NON_FINITE',
      'p.mean[0] is Infinity',
    );
  });

  it('a mean that is not numbers → INVALID_ARGUMENT; a bad base → INVALID_OPTION', () => {
    expectInfoboundError(
      () => klDivergence({ mean: 'x' as unknown as number, cov: 1 }, { mean: 0, cov: 1 }),
      'INVALID_ARGUMENT',
      'p.mean',
    );
    expectInfoboundError(() => klDivergence(ok, ok, { base: 0 }), 'INVALID_OPTION', 'base');
  });
});
