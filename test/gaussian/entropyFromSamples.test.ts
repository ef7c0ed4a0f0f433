import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { digamma } from '../../src/core/special.js';
import type { Base } from '../../src/core/units.js';
import type { GaussianSampleOptions } from '../../src/gaussian/index.js';
import { gaussian } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { entropyFromSamples, entropy } = gaussian;

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
  X: string;
  correction: 'none' | 'ahmed-gokhale';
  base?: Base;
  expected: number;
  /** The estimate of log det Σ the entropy is built on (plug-in or Ahmed–Gokhale), in nats. */
  terms: { logdet: number };
}
const fixture = readFixture('gaussian/gaussian.json') as {
  samples: Record<string, SampleSet>;
  cases: { entropyFromSamples: Case[] };
};
const sampleSet = (name: string): SampleSet => fixture.samples[name] as SampleSet;
const lnBase = (base: Base | undefined): number =>
  base === undefined || base === 'nats' ? 1 : base === 'bits' ? Math.LN2 : Math.log(base);
const options = (c: Case): GaussianSampleOptions =>
  c.base === undefined ? { correction: c.correction } : { correction: c.correction, base: c.base };

const EPS = Number.EPSILON;
const LOG_2PI_E = Math.log(2 * Math.PI) + 1;

/** The magnitude of the terms of ½[d log(2πe) + log det], in nats. */
const termScale = (d: number, logdet: number): number => 0.5 * (d * LOG_2PI_E + Math.abs(logdet));

/** Sample covariance with divisor n, two-pass. */
function mlCovariance(X: number[][]): number[][] {
  const n = X.length;
  const d = (X[0] as number[]).length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[j]!, 0) / n);
  return mean.map((_, j) =>
    mean.map((__, k) => X.reduce((s, r) => s + (r[j]! - mean[j]!) * (r[k]! - mean[k]!), 0) / n),
  );
}

describe('reference', () => {
  // 'none': SciPy's multivariate_normal(cov = np.cov(X.T, bias=True)).entropy() (eigh);
  // 'ahmed-gokhale': ½[d log(πe) + slogdet A − Σ_{i=1}^{d} ψ((n − i)/2)] with NumPy's scatter
  // A = XcᵀXc, LU slogdet and scipy.special.digamma.
  for (const c of fixture.cases.entropyFromSamples) {
    const s = sampleSet(c.X);
    const { n, d, cond } = s;
    const ln = lnBase(c.base);
    if (s.conditioning === 'well') {
      // Formula-exact from the samples, so 1e-12 relative to the terms (= relative to ĥ unless they
      // cancel). The scatter sums n products per entry (rounding ≲ √n·ε relative, at random) and
      // Cholesky adds ≲ d·ε; with the sample covariance's κ ≤ 16 here that moves log det by
      // ≲ (d + √n)·κ·ε ≤ 1.2e-13 (n500_d10), in ours and in NumPy's alike; ψ is accurate to an ulp
      // in both.
      it(`${c.name} (κ = ${cond.toPrecision(3)}, 1e-12 relative)`, () => {
        const tol = (1e-12 * termScale(d, c.terms.logdet)) / ln;
        expectClose(entropyFromSamples(s.X, options(c)), c.expected, 0, tol);
      });
    } else {
      // An ill-conditioned sample covariance (κ up to 1e8; also n = d + 1 draws, κ ~ 1e4): the
      // same backward errors, (d + √n)·ε relative on the scatter, move log det by up to
      // (d + √n)·κ·ε in each implementation; ĥ takes half of each: |Δĥ| ≤ (d + √n)·κ·ε.
      const tol = ((d + Math.sqrt(n)) * cond * EPS) / ln;
      it(`${c.name} (κ = ${cond.toPrecision(2)}: (d + √n)·κ·ε = ${tol.toPrecision(2)})`, () => {
        expectClose(entropyFromSamples(s.X, options(c)), c.expected, 0, tol);
      });
    }
  }
});

describe('behaviour', () => {
  const well = Object.entries(fixture.samples).filter(([, s]) => s.conditioning === 'well');

  it("'none' (the default) is gaussian.entropy of the covariance with divisor n", () => {
    for (const [name, s] of well) {
      const h = entropyFromSamples(s.X);
      expect(entropyFromSamples(s.X, { correction: 'none' }), name).toBe(h);
      const expected = entropy(mlCovariance(s.X));
      const logdet = 2 * expected - s.d * LOG_2PI_E;
      expectClose(h, expected, 0, 1e-12 * termScale(s.d, logdet));
    }
  });

  it("'ahmed-gokhale' adds ½[d log(n/2) − Σ_{i=1}^{d} ψ((n − i)/2)] to the plug-in", () => {
    for (const [name, s] of well) {
      const { n, d } = s;
      let psi = 0;
      for (let i = 1; i <= d; i++) psi += digamma((n - i) / 2);
      const shift = 0.5 * (d * Math.log(n / 2) - psi);
      const plugIn = entropyFromSamples(s.X);
      const logdet = 2 * plugIn - d * LOG_2PI_E;
      // Same scatter, same log det: only the rounding of the constants, relative to the terms.
      const tol = 1e-12 * (termScale(d, logdet) + 0.5 * (d * Math.log(n) + Math.abs(psi)));
      expectClose(entropyFromSamples(s.X, { correction: 'ahmed-gokhale' }), plugIn + shift, 0, tol);
      expect(shift, name).toBeGreaterThan(0);
    }
  });

  it('matches the documented example', () => {
    // 3.9491191988776864 from SciPy (the formula above); the docs print ours, 1 ulp away.
    const X = [
      [0, 1],
      [1, 0],
      [2, 3],
      [3, 1],
    ];
    expectClose(
      entropyFromSamples(X, { correction: 'ahmed-gokhale' }),
      3.9491191988776864,
      1e-15,
      0,
    );
  });

  it('is unchanged by a translation that is exact in floating point', () => {
    for (const [, s] of well) {
      // Values on a 2^-20 grid shifted by c need < 53 bits, so X + c is exact; what is left is
      // the rounding of the mean, which moves the scatter only at second order.
      const q = s.X.map((r) => r.map((x) => Math.round(x * 2 ** 20) / 2 ** 20));
      const h = entropyFromSamples(q);
      for (const c of [1024, -4096, 0.5]) {
        const shifted = q.map((r) => r.map((x) => x + c));
        const logdet = 2 * h - s.d * LOG_2PI_E;
        expectClose(entropyFromSamples(shifted), h, 0, 1e-12 * termScale(s.d, logdet));
      }
    }
  });

  it('scales as ĥ(aX) = ĥ(X) + d log|a|, with either correction', () => {
    for (const [, s] of well) {
      for (const correction of ['none', 'ahmed-gokhale'] as const) {
        const h = entropyFromSamples(s.X, { correction });
        for (const a of [2, 0.5, -3, 1e-3]) {
          // One rounding per value (none for powers of 2): a relative perturbation ε of the data,
          // which moves log det by ≲ 2d·κ·ε ≤ 1e-13 (κ ≤ 15): within 1e-12 of the terms.
          const scaled = s.X.map((r) => r.map((x) => a * x));
          const logdet = 2 * h - s.d * LOG_2PI_E;
          const expected = h + s.d * Math.log(Math.abs(a));
          const tol = 1e-12 * (termScale(s.d, logdet) + s.d * Math.abs(Math.log(Math.abs(a))));
          expectClose(entropyFromSamples(scaled, { correction }), expected, 0, tol);
        }
      }
    }
  });

  it("base: 'bits' = nats / ln 2, with either correction", () => {
    const { X } = sampleSet('n50_d5');
    for (const correction of ['none', 'ahmed-gokhale'] as const) {
      const h = entropyFromSamples(X, { correction });
      expect(entropyFromSamples(X, { correction, base: 'bits' })).toBe(h / Math.LN2);
      expect(entropyFromSamples(X, { correction, base: 10 })).toBe(h / Math.log(10));
    }
  });

  it('reads a 1-D array as one column, and a Matrix or Float64Array rows like number[][]', () => {
    const one = sampleSet('n50_d1').X;
    const flat = one.map((r) => r[0]!);
    expect(entropyFromSamples(flat)).toBe(entropyFromSamples(one));
    expect(entropyFromSamples(Float64Array.from(flat))).toBe(entropyFromSamples(one));
    const { X } = sampleSet('n50_d10');
    for (const correction of ['none', 'ahmed-gokhale'] as const) {
      const h = entropyFromSamples(X, { correction });
      expect(entropyFromSamples(new Matrix(X), { correction })).toBe(h);
      expect(
        entropyFromSamples(
          X.map((r) => Float64Array.from(r)),
          { correction },
        ),
      ).toBe(h);
    }
  });

  it('works down to n = d + 1 samples', () => {
    const X = [
      [0, 0],
      [1, 0],
      [0, 1],
    ];
    // Scatter [[2/3, −1/3], [−1/3, 2/3]], det 1/3.
    const plugIn = 0.5 * (2 * LOG_2PI_E + Math.log(1 / 3 / 9));
    expectClose(entropyFromSamples(X), plugIn, 1e-14, 0);
    expect(Number.isFinite(entropyFromSamples(X, { correction: 'ahmed-gokhale' }))).toBe(true);
  });
});

describe('statistical', () => {
  // Ahmed & Gokhale (1989): for Gaussian data the corrected estimator is unbiased, while the
  // plug-in is biased low by ½[Σ_{i=1}^{d} ψ((n − i)/2) + d log(2/n)] (E log det of a Wishart).
  // 400 seeded replicates of n = 20 draws in d = 3; the standard errors come from the replicates.
  const R = 400;
  const n = 20;
  const d = 3;
  const mu = [1, -2, 0.5];
  const cov = [
    [1, 0.5, 0.2],
    [0.5, 2, -0.3],
    [0.2, -0.3, 1.5],
  ];
  const truth = entropy(cov);
  let estimates: { ag: number[]; plugIn: number[] } | undefined;
  /** The two estimates on every replicate, computed once (≈ 30 ms). */
  const replicates = () => {
    if (estimates) return estimates;
    const ag: number[] = [];
    const plugIn: number[] = [];
    for (let r = 0; r < R; r++) {
      const flat = createRandom(1000 + r).multivariateNormal(mu, cov.flat(), n);
      const X = Array.from({ length: n }, (_, i) => flat.subarray(i * d, (i + 1) * d));
      ag.push(entropyFromSamples(X, { correction: 'ahmed-gokhale' }));
      plugIn.push(entropyFromSamples(X));
    }
    estimates = { ag, plugIn };
    return estimates;
  };
  const meanSe = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    const variance = v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1);
    return { m, se: Math.sqrt(variance / v.length) };
  };

  it('Ahmed–Gokhale: the mean estimate is within 4 standard errors of the true entropy', () => {
    const { m, se } = meanSe(replicates().ag);
    expect(Math.abs(m - truth)).toBeLessThan(4 * se);
  });

  it('plug-in: biased low by more than 4 standard errors, by the Wishart amount', () => {
    const { m, se } = meanSe(replicates().plugIn);
    expect(m).toBeLessThan(truth - 4 * se);
    let psi = 0;
    for (let i = 1; i <= d; i++) psi += digamma((n - i) / 2);
    const bias = 0.5 * (psi + d * Math.log(2 / n));
    expect(Math.abs(m - (truth + bias))).toBeLessThan(4 * se);
  });
});

describe('errors', () => {
  it('n ≤ d samples → TOO_FEW_SAMPLES', () => {
    const X = [
      [1, 2, 3],
      [4, 5, 7],
      [0, 1, 1],
    ];
    for (const correction of ['none', 'ahmed-gokhale'] as const) {
      expectInfoboundError(
        () => entropyFromSamples(X, { correction }),
        'TOO_FEW_SAMPLES',
        'X has 3 samples in 3 dimensions',
      );
    }
    expectInfoboundError(() => entropyFromSamples([[1, 2]]), 'TOO_FEW_SAMPLES', 'X has 1 rows');
    expectInfoboundError(() => entropyFromSamples([]), 'TOO_FEW_SAMPLES', 'X');
  });

  it('unknown correction → INVALID_OPTION', () => {
    expectInfoboundError(
      () =>
        entropyFromSamples([1, 2, 3], {
          correction: 'miller-madow',
        } as unknown as GaussianSampleOptions),
      'INVALID_OPTION',
      'correction is "miller-madow"',
    );
  });

  it('NaN or infinite samples → NON_FINITE naming the entry; ragged rows → SHAPE_MISMATCH', () => {
    expectInfoboundError(
      () =>
        entropyFromSamples([
          [0, 1],
          [1, 2],
          [2, Number.NaN],
          [3, 1],
        ]),
      'NON_FINITE',
      'X[2][1] is NaN',
    );
    expectInfoboundError(
      () => entropyFromSamples([0, 1, 2, Number.POSITIVE_INFINITY]),
      'NON_FINITE',
      'X[3] is Infinity',
    );
    expectInfoboundError(
      () => entropyFromSamples([[0, 1], [1], [2, 3]]),
      'SHAPE_MISMATCH',
      'X[1] has 1 values',
    );
  });

  it('a constant column → NOT_POSITIVE_DEFINITE naming the sample covariance', () => {
    expectInfoboundError(
      () =>
        entropyFromSamples([
          [0, 1],
          [1, 1],
          [2, 1],
          [3, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'the sample covariance of X is not positive definite',
    );
    expectInfoboundError(
      () => entropyFromSamples([5, 5, 5]),
      'NOT_POSITIVE_DEFINITE',
      'sample covariance of X',
    );
  });

  it('a constant column whose mean rounds → NOT_POSITIVE_DEFINITE (regression: −37.4 nats)', () => {
    // 0.1 + 0.1 + 0.1 = 0.30000000000000004: the scatter was ~1e-34, not 0, and passed the
    // Cholesky pivot test. A spread within n·ε·max|x| (scatter.ts) is taken as constant.
    expectInfoboundError(
      () => entropyFromSamples([0.1, 0.1, 0.1]),
      'NOT_POSITIVE_DEFINITE',
      'sample covariance of X',
    );
    expectInfoboundError(
      () =>
        entropyFromSamples([
          [0.1, 1],
          [0.1, 2],
          [0.1, 5],
        ]),
      'NOT_POSITIVE_DEFINITE',
      'sample covariance of X',
    );
    // Every n and a value whose sums round: 1000 copies of 0.1 sum to 99.9999999999986.
    for (const n of [3, 10, 1000]) {
      expectInfoboundError(
        () => entropyFromSamples(new Array(n).fill(0.1)),
        'NOT_POSITIVE_DEFINITE',
      );
    }
    // One ulp of spread in 3 samples is within the mean's rounding: constant too.
    expectInfoboundError(
      () => entropyFromSamples([1, 1 + Number.EPSILON, 1]),
      'NOT_POSITIVE_DEFINITE',
    );
    // A spread well above rounding is kept: ĥ = ½ log(2πe·σ̂²) with σ̂² = 2e-20/9.
    expectClose(
      entropyFromSamples([1, 1 + 1e-10, 1]),
      0.5 * Math.log(2 * Math.PI * Math.E * (2e-20 / 9)),
      1e-5,
    );
  });

  it('subnormal and constant samples at extreme scales → NOT_POSITIVE_DEFINITE, not a TypeError', () => {
    expectInfoboundError(
      () =>
        entropyFromSamples([
          [0, 0],
          [0, 0],
          [1e-323, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
    );
    expectInfoboundError(
      () => entropyFromSamples(Array.from({ length: 6 }, () => [1.4821969375237396e-248, 3e75])),
      'NOT_POSITIVE_DEFINITE',
    );
  });

  it('a duplicated column → NOT_POSITIVE_DEFINITE, also when the Cholesky pivot rounds above 0', () => {
    // The scatter of [x, x] is exactly singular; for x = 1..n with n odd its last Cholesky pivot
    // rounds to +1 ulp instead of 0 (for even n it happens to be caught).
    for (let n = 3; n <= 9; n++) {
      const X = Array.from({ length: n }, (_, i) => [i + 1, i + 1]);
      expectInfoboundError(
        () => entropyFromSamples(X),
        'NOT_POSITIVE_DEFINITE',
        'sample covariance of X',
      );
    }
  });

  it('a non-matrix → INVALID_ARGUMENT; a bad base → INVALID_OPTION', () => {
    expectInfoboundError(
      () => entropyFromSamples('abc' as unknown as number[]),
      'INVALID_ARGUMENT',
      'X',
    );
    expectInfoboundError(
      () => entropyFromSamples([1, 2, 3], { base: 0 }),
      'INVALID_OPTION',
      'base',
    );
  });
});
