import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import type { Base } from '../../src/core/units.js';
import type { GaussianSampleOptions } from '../../src/gaussian/index.js';
import { gaussian } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { mutualInformationFromSamples, entropyFromSamples, mutualInformation } = gaussian;

// test/fixtures/gaussian/gaussian.json (generate.py beside it documents the format).
interface SampleSet {
  n: number;
  d: number;
  /** 'well' when κ₂ of the sample covariance is ≤ 100. */
  conditioning: 'well' | 'ill';
  cond: number;
  X: number[][];
}
interface Case {
  name: string;
  /** The joint sample set; X is its first `dx` columns, Y the rest. */
  samples: string;
  dx: number;
  correction: 'none' | 'ahmed-gokhale';
  base?: Base;
  expected: number;
  /** The three estimates of log det (plug-in or Ahmed–Gokhale), in nats. */
  terms: { logdetX: number; logdetY: number; logdetXY: number };
}
const fixture = readFixture('gaussian/gaussian.json') as {
  samples: Record<string, SampleSet>;
  cases: { mutualInformationFromSamples: Case[] };
};
const sampleSet = (name: string): SampleSet => fixture.samples[name] as SampleSet;
const lnBase = (base: Base | undefined): number =>
  base === undefined || base === 'nats' ? 1 : base === 'bits' ? Math.LN2 : Math.log(base);
const options = (c: Case): GaussianSampleOptions =>
  c.base === undefined ? { correction: c.correction } : { correction: c.correction, base: c.base };
const split = (rows: number[][], dx: number): [number[][], number[][]] => [
  rows.map((r) => r.slice(0, dx)),
  rows.map((r) => r.slice(dx)),
];

const EPS = Number.EPSILON;
const LOG_2PI_E = Math.log(2 * Math.PI) + 1;

/**
 * The magnitude of the terms the estimate adds, in nats: the three log-dets, and for 'none' the
 * ½d log(2πe) constants the SciPy reference adds and cancels (it is h(X) + h(Y) − h(X, Y)).
 */
const termScale = (c: Case, d: number): number =>
  0.5 *
  (Math.abs(c.terms.logdetX) +
    Math.abs(c.terms.logdetY) +
    Math.abs(c.terms.logdetXY) +
    (c.correction === 'none' ? 2 * d * LOG_2PI_E : 0));

describe('reference', () => {
  // 'none': h(X) + h(Y) − h(X, Y), each SciPy's multivariate_normal(cov = block of
  // np.cov(XY.T, bias=True)).entropy(); 'ahmed-gokhale': ½[L(X) + L(Y) − L(X, Y)] with
  // L = slogdet A_k − k log 2 − Σ_{i=1}^{k} ψ((n − i)/2) from NumPy's scatter and SciPy's digamma.
  for (const c of fixture.cases.mutualInformationFromSamples) {
    const s = sampleSet(c.samples);
    const { n, d, cond } = s;
    const [X, Y] = split(s.X, c.dx);
    const ln = lnBase(c.base);
    if (s.conditioning === 'well') {
      // Formula-exact from the samples: 1e-12 relative to the terms that cancel into Î (for the
      // independent pair, Î = 0.004 from terms ~ 4). Scatter sums and Cholesky move each log det
      // by ≲ (k + √n)·κ·ε ≤ 1e-13 for these sample covariances (κ ≤ 16).
      it(`${c.name} (κ = ${cond.toPrecision(3)}, 1e-12 relative to the terms)`, () => {
        const tol = (1e-12 * termScale(c, d)) / ln;
        expectClose(mutualInformationFromSamples(X, Y, options(c)), c.expected, 0, tol);
      });
    } else {
      // κ of the joint sample covariance up to 1e8 (it bounds both blocks'): each k-block log det
      // is off by ≲ (k + √n)·κ·ε in each implementation (see entropyFromSamples.test.ts), and Î
      // takes half of each of three: |ΔÎ| ≤ (dx + dy + d + 3√n)·κ·ε = (2d + 3√n)·κ·ε.
      const tol = ((2 * d + 3 * Math.sqrt(n)) * cond * EPS) / ln;
      it(`${c.name} (κ = ${cond.toPrecision(2)}: (2d + 3√n)·κ·ε = ${tol.toPrecision(2)})`, () => {
        expectClose(mutualInformationFromSamples(X, Y, options(c)), c.expected, 0, tol);
      });
    }
  }
});

describe('behaviour', () => {
  const wellCases = fixture.cases.mutualInformationFromSamples.filter(
    (c) => sampleSet(c.samples).conditioning === 'well' && c.base === undefined,
  );

  it('of two 1-D samples (plug-in) is −½ log(1 − r²), r the Pearson correlation', () => {
    for (const name of ['n5_d2', 'n50_d2', 'n50_d2_indep']) {
      const [X, Y] = split(sampleSet(name).X, 1);
      const x = X.map((r) => r[0]!);
      const y = Y.map((r) => r[0]!);
      const n = x.length;
      const mx = x.reduce((s, v) => s + v, 0) / n;
      const my = y.reduce((s, v) => s + v, 0) / n;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let i = 0; i < n; i++) {
        sxy += (x[i]! - mx) * (y[i]! - my);
        sxx += (x[i]! - mx) ** 2;
        syy += (y[i]! - my) ** 2;
      }
      const r2 = (sxy * sxy) / (sxx * syy);
      // log det terms of size |log sxx|, |log syy|, and 1 − r² known to ε/(1 − r²) relative.
      const terms = Math.abs(Math.log(sxx / n)) + Math.abs(Math.log(syy / n)) + 1 / (1 - r2);
      expectClose(mutualInformationFromSamples(x, y), -0.5 * Math.log1p(-r2), 0, 1e-12 * terms);
    }
  });

  it('matches the documented example', () => {
    // 2.4704242283540423 from NumPy (−½ log(1 − r²)); r = 0.996 leaves 1 − r² = 0.007, which
    // amplifies rounding 140-fold: 1e-13 relative.
    const mi = mutualInformationFromSamples([1, 2, 3, 4, 5], [1.1, 1.9, 3.2, 3.9, 5.1]);
    expectClose(mi, 2.4704242283540423, 1e-13, 0);
  });

  it('is h(X) + h(Y) − h([X Y]) with gaussian.entropyFromSamples, for either correction', () => {
    for (const c of wellCases) {
      const s = sampleSet(c.samples);
      const [X, Y] = split(s.X, c.dx);
      const o = { correction: c.correction };
      const expected =
        entropyFromSamples(X, o) + entropyFromSamples(Y, o) - entropyFromSamples(s.X, o);
      // The ½d log(2πe) constants now cancel as well: they join the terms.
      const tol = 1e-12 * (termScale(c, s.d) + s.d * LOG_2PI_E);
      expectClose(mutualInformationFromSamples(X, Y, o), expected, 0, tol);
    }
  });

  it('is symmetric in X and Y', () => {
    for (const c of wellCases) {
      const s = sampleSet(c.samples);
      const [X, Y] = split(s.X, c.dx);
      const o = { correction: c.correction };
      // Swapping permutes the scatter, so only the roundings of the Cholesky factors change.
      expectClose(
        mutualInformationFromSamples(Y, X, o),
        mutualInformationFromSamples(X, Y, o),
        0,
        1e-12 * termScale(c, s.d),
      );
    }
  });

  it('is invariant under invertible linear maps and shifts of X and of Y', () => {
    // M_k: k × k lower triangular, 2 on the diagonal and 0.5 below (invertible, κ ≤ 6 for k ≤ 6).
    const M = (k: number) =>
      Array.from({ length: k }, (_, i) =>
        Array.from({ length: k }, (__, j) => (i === j ? 2 : i > j ? 0.5 : 0)),
      );
    const apply = (rows: number[][], m: number[][], shift: number) =>
      rows.map((r) => m.map((mi) => mi.reduce((s, a, k) => s + a * r[k]!, 0) + shift));
    for (const c of wellCases) {
      const s = sampleSet(c.samples);
      const [X, Y] = split(s.X, c.dx);
      const mx = M(c.dx);
      const my = M(s.d - c.dx);
      const kappa = Math.max(
        new SingularValueDecomposition(mx).condition,
        new SingularValueDecomposition(my).condition,
      );
      expect(kappa).toBeLessThanOrEqual(6);
      const o = { correction: c.correction };
      // Each mapped value is rounded once (≲ k·ε relative to ‖M‖·|x|), a perturbation of the data
      // of k·κ(M)·ε relative to its spread, which moves each log det by ≲ 2d·k·κ(M)·κ_S·ε
      // (κ_S ≤ 16 for these sets), which stays ≥ 10× below 1e-12 of the terms for every case
      // (n50_d10: 2e-12 against 2.7e-11).
      // log|det M| adds the same constant to two of the three log-dets, so it cancels.
      expectClose(
        mutualInformationFromSamples(apply(X, mx, 3), apply(Y, my, -1), o),
        mutualInformationFromSamples(X, Y, o),
        0,
        1e-12 * termScale(c, s.d),
      );
    }
  });

  it('clamps the plug-in at 0 but not the Ahmed–Gokhale estimate (unbiased, so sometimes < 0)', () => {
    const [X, Y] = split(sampleSet('n50_d2_indep').X, 1);
    expect(mutualInformationFromSamples(X, Y, { correction: 'ahmed-gokhale' })).toBeLessThan(0);
    for (const c of fixture.cases.mutualInformationFromSamples) {
      if (c.correction !== 'none') continue;
      const [A, B] = split(sampleSet(c.samples).X, c.dx);
      expect(mutualInformationFromSamples(A, B)).toBeGreaterThanOrEqual(0);
    }
  });

  it("base: 'bits' = nats / ln 2, with either correction; 'none' is the default", () => {
    const [X, Y] = split(sampleSet('n50_d5').X, 2);
    expect(mutualInformationFromSamples(X, Y, { correction: 'none' })).toBe(
      mutualInformationFromSamples(X, Y),
    );
    for (const correction of ['none', 'ahmed-gokhale'] as const) {
      const mi = mutualInformationFromSamples(X, Y, { correction });
      expect(mutualInformationFromSamples(X, Y, { correction, base: 'bits' })).toBe(mi / Math.LN2);
      expect(mutualInformationFromSamples(X, Y, { correction, base: 10 })).toBe(mi / Math.log(10));
    }
  });

  it('reads 1-D arrays as one column, and Matrix or Float64Array rows like number[][]', () => {
    const [X, Y] = split(sampleSet('n50_d2').X, 1);
    const x = X.map((r) => r[0]!);
    const y = Y.map((r) => r[0]!);
    const mi = mutualInformationFromSamples(X, Y);
    expect(mutualInformationFromSamples(x, y)).toBe(mi);
    expect(mutualInformationFromSamples(Float64Array.from(x), y)).toBe(mi);
    const [X5, Y5] = split(sampleSet('n50_d10').X, 4);
    for (const correction of ['none', 'ahmed-gokhale'] as const) {
      const m = mutualInformationFromSamples(X5, Y5, { correction });
      expect(mutualInformationFromSamples(new Matrix(X5), new Matrix(Y5), { correction })).toBe(m);
      expect(
        mutualInformationFromSamples(
          X5.map((r) => Float64Array.from(r)),
          Y5,
          { correction },
        ),
      ).toBe(m);
    }
  });
});

describe('statistical', () => {
  // E[log det A_k] = log det Σ_k + k log 2 + Σ_{i=1}^{k} ψ((n − i)/2) for every block, so the
  // Ahmed–Gokhale MI is unbiased; the plug-in's block biases do not cancel (biased high, about
  // dx·dy/(2n)). 400 seeded replicates, n = 20, dx = dy = 2; standard errors from the replicates.
  const R = 400;
  const n = 20;
  const cov = [
    [1, 0.3, 0.5, 0.1],
    [0.3, 1, 0.2, -0.4],
    [0.5, 0.2, 1, 0],
    [0.1, -0.4, 0, 1],
  ];
  const truth = mutualInformation(cov, [0, 1], [2, 3]);
  let estimates: { ag: number[]; plugIn: number[] } | undefined;
  const replicates = () => {
    if (estimates) return estimates;
    const ag: number[] = [];
    const plugIn: number[] = [];
    for (let r = 0; r < R; r++) {
      const flat = createRandom(5000 + r).multivariateNormal([0, 0, 0, 0], cov.flat(), n);
      const X = Array.from({ length: n }, (_, i) => flat.subarray(4 * i, 4 * i + 2));
      const Y = Array.from({ length: n }, (_, i) => flat.subarray(4 * i + 2, 4 * i + 4));
      ag.push(mutualInformationFromSamples(X, Y, { correction: 'ahmed-gokhale' }));
      plugIn.push(mutualInformationFromSamples(X, Y));
    }
    estimates = { ag, plugIn };
    return estimates;
  };
  const meanSe = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    const variance = v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
    return { m, se: Math.sqrt(variance / v.length) };
  };

  it('Ahmed–Gokhale: the mean estimate is within 4 standard errors of the true MI', () => {
    const { m, se } = meanSe(replicates().ag);
    expect(Math.abs(m - truth)).toBeLessThan(4 * se);
  });

  it('plug-in: biased high by more than 4 standard errors', () => {
    const { m, se } = meanSe(replicates().plugIn);
    expect(m).toBeGreaterThan(truth + 4 * se);
  });
});

describe('errors', () => {
  it('X and Y with different numbers of rows → SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () => mutualInformationFromSamples([1, 2, 3, 4, 5], [1, 2, 3, 4]),
      'SHAPE_MISMATCH',
      'X has 5 samples but Y has 4',
    );
  });

  it('n ≤ d samples → TOO_FEW_SAMPLES naming the block', () => {
    const four = [
      [0, 1],
      [1, 3],
      [2, 2],
      [5, 1],
    ];
    const other = [
      [1, 0],
      [0, 2],
      [3, 3],
      [1, 7],
    ];
    for (const correction of ['none', 'ahmed-gokhale'] as const) {
      expectInfoboundError(
        () => mutualInformationFromSamples(four, other, { correction }),
        'TOO_FEW_SAMPLES',
        '[X Y] has 4 samples in 4 dimensions',
      );
    }
    const three = [
      [1, 2, 3],
      [4, 5, 7],
      [0, 1, 1],
    ];
    expectInfoboundError(
      () => mutualInformationFromSamples(three, [1, 2, 4]),
      'TOO_FEW_SAMPLES',
      'X has 3 samples in 3 dimensions',
    );
    expectInfoboundError(
      () => mutualInformationFromSamples([1, 2, 4], three),
      'TOO_FEW_SAMPLES',
      'Y has 3 samples in 3 dimensions',
    );
    expectInfoboundError(
      () => mutualInformationFromSamples([1], [2]),
      'TOO_FEW_SAMPLES',
      'X has 1 rows',
    );
  });

  it('unknown correction → INVALID_OPTION', () => {
    expectInfoboundError(
      () =>
        mutualInformationFromSamples([1, 2, 3], [3, 1, 2], {
          correction: 'ksg',
        } as unknown as GaussianSampleOptions),
      'INVALID_OPTION',
      'correction is "ksg"',
    );
  });

  it('NaN samples → NON_FINITE naming the entry', () => {
    expectInfoboundError(
      () => mutualInformationFromSamples([1, 2, 3], [3, 1, Number.NaN]),
      'NON_FINITE',
      'Y[2] is NaN',
    );
    expectInfoboundError(
      () => mutualInformationFromSamples([[1], [Number.NEGATIVE_INFINITY], [2]], [3, 1, 2]),
      'NON_FINITE',
      'X[1][0] is -Infinity',
    );
  });

  it('a constant variable → NOT_POSITIVE_DEFINITE naming its sample covariance', () => {
    expectInfoboundError(
      () => mutualInformationFromSamples([1, 2, 3, 4], [2, 2, 2, 2]),
      'NOT_POSITIVE_DEFINITE',
      'the sample covariance of Y',
    );
  });

  it('a constant variable whose mean rounds → NOT_POSITIVE_DEFINITE (regression)', () => {
    // 0.1 + 0.1 + 0.1 ≠ 0.3 left X a variance of ~1e-34 and a finite MI; a spread within
    // n·ε·max|x| is now taken as constant (gaussian/scatter.ts).
    expectInfoboundError(
      () => gaussian.mutualInformationFromSamples([0.1, 0.1, 0.1, 0.1], [1, 2, 4, 3]),
      'NOT_POSITIVE_DEFINITE',
      'sample covariance of X',
    );
    expectInfoboundError(
      () =>
        gaussian.mutualInformationFromSamples(
          [1, 2, 4, 3],
          [
            [5, 0.1],
            [6, 0.1],
            [2, 0.1],
            [1, 0.1],
          ],
        ),
      'NOT_POSITIVE_DEFINITE',
      'sample covariance of Y',
    );
  });

  it('Y = X (a singular joint covariance) → NOT_POSITIVE_DEFINITE, also when the pivot rounds above 0', () => {
    // The joint scatter of [x, x] is exactly singular; for x = 1..n with n odd its last Cholesky
    // pivot rounds to +1 ulp instead of 0 (for even n it happens to be caught).
    for (let n = 3; n <= 9; n++) {
      const x = Array.from({ length: n }, (_, i) => i + 1);
      expectInfoboundError(
        () => mutualInformationFromSamples(x, x),
        'NOT_POSITIVE_DEFINITE',
        '[X Y]',
      );
    }
  });

  it('a non-matrix → INVALID_ARGUMENT; a bad base → INVALID_OPTION', () => {
    expectInfoboundError(
      () => mutualInformationFromSamples(null as unknown as number[], [1, 2]),
      'INVALID_ARGUMENT',
      'X is null',
    );
    expectInfoboundError(
      () => mutualInformationFromSamples([1, 2, 3], [3, 1, 2], { base: 1 }),
      'INVALID_OPTION',
      'base',
    );
  });
});
