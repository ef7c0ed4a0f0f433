import { describe, expect, it } from 'vitest';
import type { CovarianceType } from '../../src/gmm/index.js';
import { GaussianMixture, gmm } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

// test/fixtures/gmm/gmm.json (generate.py beside it documents the format).
interface EmCase {
  name: string;
  data: string;
  test: string;
  covarianceType: CovarianceType;
  nComponents: number;
  maxIter: number;
  tol: number;
  regCovar: number;
  weightsInit: number[];
  meansInit: number[][];
  precisionsInit: unknown;
  weights: number[];
  means: number[][];
  covariances: unknown;
  precisionsCholesky: unknown;
  lowerBound: number;
  nIter: number;
  converged: boolean;
  scoreSamples: number[];
  score: number;
  predictProba: number[][];
  bic: number;
  aic: number;
}
const fixture = readFixture('gmm/gmm.json') as {
  data: Record<string, { n: number; d: number; X: number[][] }>;
  test: Record<string, number[][]>;
  em: EmCase[];
  parameters: {
    weights: number[];
    means: number[][];
    covariances: number[][][];
    test: string;
    logpdf: number[];
  };
};

const flat = (a: unknown): number[] =>
  Array.isArray(a) || ArrayBuffer.isView(a)
    ? Array.from(a as ArrayLike<unknown>).flatMap(flat)
    : [a as number];

/**
 * Tolerance for agreement with scikit-learn, relative to max(1, |value|). The API contract
 * (API.md) is ~1e-7. Measured: the largest difference over all 26 cases and every parameter,
 * score, bic, aic and predictProba entry is 2.3e-13 (diag precisions after 443 iterations),
 * the rest of it coming from scikit-learn's E[x²] − μ² variance formula (we sum centred squares)
 * and from BLAS summation order. 1e-9 is 4000 times that, robust to a different libm or BLAS,
 * and still 1000 times tighter than any modelling difference would show (regCovar = 1e-6
 * misplaced, a missing 10ε floor on a weight that is not tiny, one iteration more or less).
 */
const SKLEARN = 1e-9;

function expectAllClose(actual: unknown, expected: unknown, label: string): number {
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length, `${label}: length`).toBe(e.length);
  let worst = 0;
  for (let i = 0; i < e.length; i++) {
    const diff =
      Math.abs((a[i] as number) - (e[i] as number)) / Math.max(1, Math.abs(e[i] as number));
    worst = Math.max(worst, diff);
  }
  expect(worst, `${label}: max relative difference`).toBeLessThanOrEqual(SKLEARN);
  return worst;
}

function fitCase(c: EmCase): GaussianMixture<CovarianceType> {
  return new GaussianMixture<CovarianceType>({
    nComponents: c.nComponents,
    covarianceType: c.covarianceType,
    maxIter: c.maxIter,
    tol: c.tol,
    regCovar: c.regCovar,
    weightsInit: c.weightsInit,
    meansInit: c.meansInit,
    precisionsInit: c.precisionsInit as number[],
  }).fit(fixture.data[c.data]!.X);
}

describe('reference: scikit-learn GaussianMixture from the same initial parameters', () => {
  for (const c of fixture.em) {
    it(`${c.name} (${c.covarianceType}, ${c.maxIter} iterations max, tol ${c.tol})`, () => {
      const gm = fitCase(c);
      const X = fixture.data[c.data]!.X;
      const T = fixture.test[c.test]!;
      // The same iteration count and convergence verdict: the stopping rule is the same.
      expect(gm.nIter).toBe(c.nIter);
      expect(gm.converged).toBe(c.converged);
      expectAllClose(gm.weights, c.weights, 'weights');
      expectAllClose(gm.means, c.means, 'means');
      expectAllClose(gm.covariances, c.covariances, 'covariances');
      expectAllClose(gm.precisionsCholesky, c.precisionsCholesky, 'precisionsCholesky');
      expectAllClose([gm.lowerBound], [c.lowerBound], 'lowerBound');
      expectAllClose(gm.scoreSamples(T), c.scoreSamples, 'scoreSamples');
      expectAllClose([gm.score(T)], [c.score], 'score');
      expectAllClose(gm.predictProba(T), c.predictProba, 'predictProba');
      expectAllClose([gm.bic(X)], [c.bic], 'bic');
      expectAllClose([gm.aic(X)], [c.aic], 'aic');
    });
  }

  it('the "empty" case: a component no sample reaches stays finite (10ε floor) and is reported', () => {
    const c = fixture.em.find((e) => e.name === 'empty')!;
    const gm = fitCase(c);
    expect(gm.emptyComponents).toEqual([3]);
    expect(gm.means[3]).toEqual([0, 0, 0]);
    expect(gm.weights[3]!).toBeLessThan(1e-15);
    expect(flat(gm.covariances).every(Number.isFinite)).toBe(true);
  });

  it('fromParameters scores as SciPy multivariate_normal does (1e-12 relative)', () => {
    const p = fixture.parameters;
    const gm = GaussianMixture.fromParameters(p);
    const got = gm.scoreSamples(fixture.test[p.test]!);
    // Closed form through two different factorisations (our Cholesky, SciPy's eigh): backward
    // stable both, condition numbers ≤ 7, log-densities O(10): 1e-12 relative is ample.
    p.logpdf.forEach((v, i) => {
      expectClose(got[i]!, v, 1e-12, 1e-12);
    });
  });
});

describe('behaviour', () => {
  const blobs = fixture.data.blobs3!.X;

  it("fit returns this and sets every fitted field; shapes are scikit-learn's", () => {
    const shapes: Record<CovarianceType, number[]> = {
      full: [3, 3, 3],
      diag: [3, 3],
      spherical: [3],
      tied: [3, 3],
    };
    for (const type of ['full', 'diag', 'spherical', 'tied'] as const) {
      const gm = new GaussianMixture({ nComponents: 3, covarianceType: type, seed: 4 });
      expect(gm.isFitted).toBe(false);
      expect(gm.fit(blobs)).toBe(gm);
      expect(gm.weights).toHaveLength(3);
      expect(gm.means).toHaveLength(3);
      const shape: number[] = [];
      let cur: unknown = gm.covariances;
      while (Array.isArray(cur)) {
        shape.push(cur.length);
        cur = cur[0];
      }
      expect(shape).toEqual(shapes[type]);
      expect(typeof gm.converged).toBe('boolean');
      expect(Number.isInteger(gm.nIter)).toBe(true);
      expect(Number.isFinite(gm.lowerBound)).toBe(true);
      expect(gm.nFeatures).toBe(3);
    }
  });

  it('all three initialisations find the three blobs', () => {
    for (const init of ['kmeans++', 'kmeans', 'random'] as const) {
      // 'random' starts every mean near the grand mean, where the lower bound moves by < tol
      // in the first iterations for some seeds (measured: 3 of 6 seeds stop at a two-blob
      // solution, as scikit-learn's 'random' does); restarts are its remedy.
      const nInit = init === 'random' ? 5 : 1;
      const gm = new GaussianMixture({ nComponents: 3, init, seed: 2, nInit }).fit(blobs);
      const centres = gm.means
        .map((m) => m.map((v) => Math.round(v)))
        .sort((a, b) => a[0]! - b[0]!);
      expect(gm.converged, init).toBe(true);
      // Generated around (−4, 1, 6), (1, 8, −3), (5, 5, 5) with covariances of scale ≤ 2.
      for (const [i, c] of [
        [-4, 1, 6],
        [1, 8, -3],
        [5, 5, 5],
      ].entries()) {
        for (let a = 0; a < 3; a++)
          expect(Math.abs(centres[i]![a]! - c[a]!), init).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is reproducible: the same seed gives bit-identical fits, another seed may differ', () => {
    const X = fixture.data.overlap2!.X;
    const a = new GaussianMixture({ nComponents: 4, seed: 7, init: 'random' }).fit(X);
    const b = new GaussianMixture({ nComponents: 4, seed: 7, init: 'random' }).fit(X);
    const c = new GaussianMixture({ nComponents: 4, seed: 8, init: 'random' }).fit(X);
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.means).not.toEqual(c.means);
  });

  it('nInit keeps the best lower bound and reports all of them', () => {
    const X = fixture.data.overlap2!.X;
    const gm = new GaussianMixture({ nComponents: 4, nInit: 5, init: 'random', seed: 3 }).fit(X);
    expect(gm.lowerBounds).toHaveLength(5);
    expect(gm.lowerBound).toBe(Math.max(...gm.lowerBounds));
  });

  it('non-convergence is reported by the field and the callback, never silently', () => {
    const X = fixture.data.overlap2!.X;
    const reports: unknown[] = [];
    const gm = new GaussianMixture({
      nComponents: 4,
      maxIter: 3,
      nInit: 2,
      seed: 1,
      onNonConvergence: (r) => reports.push(r),
    }).fit(X);
    expect(gm.converged).toBe(false);
    expect(gm.nIter).toBe(3);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatchObject({ init: 1, nIter: 3, tol: 1e-3 });
    const r = reports[0] as { change: number; lowerBound: number };
    expect(Math.abs(r.change)).toBeGreaterThanOrEqual(1e-3);
    expect(Number.isFinite(r.lowerBound)).toBe(true);
  });

  it('tol = 0 runs exactly maxIter iterations; maxIter = 0 keeps the initial parameters', () => {
    const gm = new GaussianMixture({ nComponents: 3, tol: 0, maxIter: 7 }).fit(blobs);
    expect(gm.nIter).toBe(7);
    expect(gm.converged).toBe(false);
    const c = fixture.em.find((e) => e.name === 'full-1')!;
    const g0 = new GaussianMixture({
      nComponents: 3,
      maxIter: 0,
      weightsInit: c.weightsInit,
      meansInit: c.meansInit,
      precisionsInit: c.precisionsInit as number[][][],
    }).fit(blobs);
    expect(g0.nIter).toBe(0);
    expect(g0.means).toEqual(c.meansInit);
    // maxIter = 0: lowerBound is the mean log-likelihood at the initial parameters (scikit-learn's
    // first E-step, which is the fixture's lower bound after one iteration).
    expectClose(g0.lowerBound, c.lowerBound, 1e-12);
  });

  it('regCovar is added to the covariance diagonal in every M-step', () => {
    // One point per component: the empirical covariance is 0, so the fit is regCovar·I, up to
    // the 10ε floor on n_j, which leaves μ_j = x/(1 + 10ε) and so (20·10ε)² ≈ 2e-27 off-diagonal.
    const X = [
      [0, 0],
      [20, 20],
    ];
    const gm = new GaussianMixture({ nComponents: 2, regCovar: 0.25 }).fit(X);
    for (const c of gm.covariances) {
      const [[a, b], [e, f]] = c as [[number, number], [number, number]];
      expectClose(a, 0.25, 1e-15);
      expectClose(f, 0.25, 1e-15);
      expect(Math.abs(b) + Math.abs(e)).toBeLessThan(1e-25);
    }
  });

  it('scoreSamples, score, predict and predictProba agree with each other', () => {
    const gm = new GaussianMixture({ nComponents: 3, seed: 1 }).fit(blobs);
    const T = fixture.test.test3!;
    const ss = gm.scoreSamples(T);
    expectClose(gm.score(T), ss.reduce((a, b) => a + b, 0) / T.length, 1e-14);
    const proba = gm.predictProba(T);
    const labels = gm.predict(T);
    proba.forEach((row, i) => {
      expectClose(
        row.reduce((a, b) => a + b, 0),
        1,
        1e-15,
        1e-15,
      );
      expect(labels[i]).toBe(row.indexOf(Math.max(...row)));
    });
  });

  it('bic and aic follow −2·n·score + p·log n and −2·n·score + 2p', () => {
    const gm = new GaussianMixture({ nComponents: 3, covarianceType: 'diag' }).fit(blobs);
    const n = blobs.length;
    // diag, k = 3, d = 3: 9 variances + 9 means + 2 weights.
    expect(gm.nParameters()).toBe(20);
    expectClose(gm.bic(blobs), -2 * n * gm.score(blobs) + 20 * Math.log(n), 1e-15);
    expectClose(gm.aic(blobs), -2 * n * gm.score(blobs) + 40, 1e-15);
  });

  it('sample: reproducible, labels by weight, moments of the mixture', () => {
    const gm = GaussianMixture.fromParameters({
      weights: [0.25, 0.75],
      means: [
        [-3, 0],
        [2, 1],
      ],
      covariances: [
        [
          [1, 0.5],
          [0.5, 2],
        ],
        [
          [0.5, 0],
          [0, 0.5],
        ],
      ],
    });
    const a = gm.sample(20_000, { seed: 5 });
    const b = gm.sample(20_000, { seed: 5 });
    expect(a.samples.map((r) => Array.from(r))).toEqual(b.samples.map((r) => Array.from(r)));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(gm.sample(5, { seed: 6 }).labels)).not.toEqual(
      Array.from(a.labels.subarray(0, 5)),
    );
    // Fraction of label 0: binomial, sd √(0.25·0.75/20000) = 0.0031; 5 sd.
    const f0 = a.labels.filter((l) => l === 0).length / 20_000;
    expect(Math.abs(f0 - 0.25)).toBeLessThan(0.016);
    // Mean of x₀: 0.25·(−3) + 0.75·2 = 0.75, variance 0.25·1 + 0.75·0.5 + 0.25·0.75·25 = 5.3125;
    // sd of the mean √(5.3125/20000) = 0.016; 5 sd.
    const m0 = a.samples.reduce((s, r) => s + r[0]!, 0) / 20_000;
    expect(Math.abs(m0 - 0.75)).toBeLessThan(0.082);
  });

  it('toJSON / fromJSON round-trip exactly, through a JSON string too', () => {
    for (const type of ['full', 'diag', 'spherical', 'tied'] as const) {
      const gm = new GaussianMixture({
        nComponents: 3,
        covarianceType: type,
        nInit: 2,
        seed: 9,
      }).fit(blobs);
      const json = gm.toJSON();
      const back = GaussianMixture.fromJSON(JSON.parse(JSON.stringify(json)));
      expect(back.toJSON()).toEqual(json);
      expect(GaussianMixture.fromJSON(JSON.stringify(json)).toJSON()).toEqual(json);
      const T = fixture.test.test3!;
      expect(Array.from(back.scoreSamples(T))).toEqual(Array.from(gm.scoreSamples(T)));
      expect(back.covarianceType).toBe(type);
    }
    const fp = GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[2]]] });
    expect(fp.lowerBound).toBe(Number.NEGATIVE_INFINITY);
    expect(GaussianMixture.fromJSON(fp.toJSON()).lowerBound).toBe(Number.NEGATIVE_INFINITY);
  });

  it('fromParameters accepts every covariance type and equals the fitted model it copies', () => {
    for (const type of ['full', 'diag', 'spherical', 'tied'] as const) {
      const gm = new GaussianMixture({ nComponents: 3, covarianceType: type }).fit(blobs);
      const copy = GaussianMixture.fromParameters({
        weights: gm.weights,
        means: gm.means,
        covariances: gm.covariances,
        covarianceType: type,
      });
      const T = fixture.test.test3!;
      const a = copy.scoreSamples(T);
      const b = gm.scoreSamples(T);
      // Same parameters, precision factors recomputed from the covariances: rounding only.
      b.forEach((v, i) => {
        expectClose(a[i]!, v, 1e-12, 1e-12);
      });
    }
  });

  it('covariancesInit and precisionsInit that are inverses give the same fit', () => {
    const cov = [
      [
        [1, 0.2, 0],
        [0.2, 1, 0],
        [0, 0, 1],
      ],
      [
        [2, 0, 0],
        [0, 1, 0.3],
        [0, 0.3, 1],
      ],
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    ];
    const inv = (m: number[][]): number[][] => {
      // 3 × 3 inverse by cofactors.
      const [a, b, c] = m as [number[], number[], number[]];
      const det =
        a[0]! * (b[1]! * c[2]! - b[2]! * c[1]!) -
        a[1]! * (b[0]! * c[2]! - b[2]! * c[0]!) +
        a[2]! * (b[0]! * c[1]! - b[1]! * c[0]!);
      const out: number[][] = [[], [], []];
      for (let i = 0; i < 3; i++)
        for (let j = 0; j < 3; j++) {
          const r = [0, 1, 2].filter((x) => x !== j);
          const s = [0, 1, 2].filter((x) => x !== i);
          const minor =
            m[r[0]!]![s[0]!]! * m[r[1]!]![s[1]!]! - m[r[0]!]![s[1]!]! * m[r[1]!]![s[0]!]!;
          out[i]![j] = (((i + j) % 2 === 0 ? 1 : -1) * minor) / det;
        }
      // Exactly symmetric.
      return out.map((row, i) => row.map((v, j) => (v + out[j]![i]!) / 2));
    };
    const common = {
      nComponents: 3,
      weightsInit: [0.3, 0.3, 0.4],
      meansInit: [
        [5, 5, 5],
        [-4, 1, 6],
        [1, 8, -3],
      ],
      maxIter: 20,
      tol: 0,
    };
    const a = new GaussianMixture({ ...common, covariancesInit: cov }).fit(blobs);
    const b = new GaussianMixture({ ...common, precisionsInit: cov.map(inv) }).fit(blobs);
    const fb = flat(b.covariances);
    flat(a.covariances).forEach((v, i) => {
      expectClose(fb[i]!, v, 1e-10, 1e-12);
    });
  });
});

describe('errors', () => {
  const X = fixture.data.blobs3!.X;
  const asym = [
    [1, 0.5],
    [0.2, 1],
  ];

  it('bad options: INVALID_OPTION naming the option', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ nComponents: 0 }, 'nComponents'],
      [{ nComponents: 1.5 }, 'nComponents'],
      [{}, 'nComponents'],
      [{ nComponents: 2, covarianceType: 'banded' }, 'covarianceType'],
      [{ nComponents: 2, init: 'kmeans+' }, 'init'],
      [{ nComponents: 2, nInit: 0 }, 'nInit'],
      [{ nComponents: 2, maxIter: -1 }, 'maxIter'],
      [{ nComponents: 2, maxIter: 2.5 }, 'maxIter'],
      [{ nComponents: 2, tol: -1e-3 }, 'tol'],
      [{ nComponents: 2, tol: Number.NaN }, 'tol'],
      [{ nComponents: 2, regCovar: -1 }, 'regCovar'],
      [{ nComponents: 2, seed: 0.5 }, 'seed'],
      [{ nComponents: 2, onNonConvergence: 'warn' }, 'onNonConvergence'],
      [
        { nComponents: 1, precisionsInit: [[[1]]], covariancesInit: [[[1]]] },
        'precisionsInit and covariancesInit',
      ],
    ];
    for (const [o, name] of bad) {
      expectInfoboundError(
        () => new GaussianMixture(o as unknown as { nComponents: number }),
        'INVALID_OPTION',
        name,
      );
    }
    expectInfoboundError(
      () => new GaussianMixture(null as unknown as { nComponents: number }),
      'INVALID_ARGUMENT',
    );
  });

  it('bad initial parameters', () => {
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 2, weightsInit: [0.5, 0.6] }),
      'NOT_A_DISTRIBUTION',
      'weightsInit',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 2, weightsInit: [1.5, -0.5] }),
      'NOT_A_DISTRIBUTION',
      'weightsInit[1]',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 3, weightsInit: [0.5, 0.5] }),
      'SHAPE_MISMATCH',
      'weightsInit',
    );
    // The authors' simulation used A·Bᵀ "covariances": not symmetric, rejected.
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 1, covariancesInit: [asym] }),
      'NOT_POSITIVE_DEFINITE',
      'covariancesInit[0]',
    );
    expectInfoboundError(
      () =>
        new GaussianMixture({
          nComponents: 1,
          precisionsInit: [
            [
              [1, 2],
              [2, 1],
            ],
          ],
        }),
      'NOT_POSITIVE_DEFINITE',
      'precisionsInit[0]',
    );
    expectInfoboundError(
      () =>
        new GaussianMixture({
          nComponents: 2,
          covarianceType: 'diag',
          precisionsInit: [
            [1, 1],
            [1, 0],
          ],
        }),
      'NOT_POSITIVE_DEFINITE',
      'precisionsInit[1][1]',
    );
    expectInfoboundError(
      () =>
        new GaussianMixture({
          nComponents: 2,
          covarianceType: 'spherical',
          covariancesInit: [1, 2, 3],
        }),
      'SHAPE_MISMATCH',
      'covariancesInit',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 2, meansInit: [[0, 0]] }),
      'SHAPE_MISMATCH',
      'meansInit',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 1, meansInit: [[0, Number.NaN]] }),
      'NON_FINITE',
      'meansInit[0][1]',
    );
    // Shapes that depend on d are checked by fit.
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 1, meansInit: [[0, 0]] }).fit(X),
      'SHAPE_MISMATCH',
      'meansInit',
    );
    expectInfoboundError(
      () =>
        new GaussianMixture({
          nComponents: 1,
          covariancesInit: [
            [
              [1, 0],
              [0, 1],
            ],
          ],
        }).fit(X),
      'SHAPE_MISMATCH',
      'covariancesInit',
    );
  });

  it('bad data', () => {
    expectInfoboundError(
      () =>
        new GaussianMixture({ nComponents: 2 }).fit([
          [0, 1],
          [Number.NaN, 1],
        ]),
      'NON_FINITE',
      'X[1][0]',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 2 }).fit([[0, 1], [1]]),
      'SHAPE_MISMATCH',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 3 }).fit([[0], [1]]),
      'TOO_FEW_SAMPLES',
      'nComponents',
    );
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 1 }).fit('abc' as never),
      'INVALID_ARGUMENT',
    );
    const gm = new GaussianMixture({ nComponents: 2 }).fit(X);
    expectInfoboundError(() => gm.scoreSamples([[0, 0]]), 'SHAPE_MISMATCH', '3 features');
    expectInfoboundError(() => gm.sample(0), 'INVALID_OPTION', 'n');
    expectInfoboundError(() => gm.sample(2, { seed: 1.5 }), 'INVALID_OPTION', 'seed');
  });

  it('methods of an unfitted model', () => {
    const gm = new GaussianMixture({ nComponents: 2 });
    expectInfoboundError(() => gm.weights, 'INVALID_ARGUMENT', 'not fitted');
    expectInfoboundError(() => gm.score(X), 'INVALID_ARGUMENT', 'not fitted');
    expectInfoboundError(() => gm.toJSON(), 'INVALID_ARGUMENT', 'not fitted');
  });

  it('fromParameters validates weights and covariances', () => {
    const ok = {
      weights: [0.5, 0.5],
      means: [
        [0, 0],
        [1, 1],
      ],
      covariances: [
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ],
    };
    expect(GaussianMixture.fromParameters(ok).nComponents).toBe(2);
    expectInfoboundError(
      () => GaussianMixture.fromParameters({ ...ok, weights: [0.7, 0.7] }),
      'NOT_A_DISTRIBUTION',
      'weights',
    );
    expectInfoboundError(
      () => GaussianMixture.fromParameters({ ...ok, weights: [1.2, -0.2] }),
      'NOT_A_DISTRIBUTION',
      'weights[1]',
    );
    expectInfoboundError(
      () =>
        GaussianMixture.fromParameters({
          ...ok,
          covariances: [
            [
              [1, 0],
              [0, 1],
            ],
            asym,
          ],
        }),
      'NOT_POSITIVE_DEFINITE',
      'covariances[1]',
    );
    expectInfoboundError(
      () =>
        GaussianMixture.fromParameters({
          ...ok,
          covariances: [
            [
              [1, 0],
              [0, 1],
            ],
            [
              [1, 1],
              [1, 1],
            ],
          ],
        }),
      'NOT_POSITIVE_DEFINITE',
      'smallest eigenvalue',
    );
    expectInfoboundError(
      () =>
        GaussianMixture.fromParameters({
          ...ok,
          covariances: [
            [
              [1, 0],
              [0, 1],
            ],
          ],
        }),
      'SHAPE_MISMATCH',
      'covariances',
    );
    expectInfoboundError(
      () => GaussianMixture.fromParameters({ ...ok, means: [[0, 0]] }),
      'SHAPE_MISMATCH',
      'means',
    );
    expectInfoboundError(
      () =>
        GaussianMixture.fromParameters({
          ...ok,
          covariances: [-1, 1],
          covarianceType: 'spherical',
        }),
      'NOT_POSITIVE_DEFINITE',
      'covariances[0]',
    );
    expectInfoboundError(
      () => GaussianMixture.fromParameters({ ...ok, covarianceType: 'block' as 'full' }),
      'INVALID_OPTION',
      'covarianceType',
    );
  });

  it('fromJSON rejects what toJSON did not write', () => {
    expectInfoboundError(() => GaussianMixture.fromJSON({} as never), 'INVALID_ARGUMENT', 'toJSON');
    const json = new GaussianMixture({ nComponents: 2 }).fit(X).toJSON();
    const tampered = structuredClone(json);
    (tampered.covariances as number[][][])[0]![0]![0]! *= 2;
    expectInfoboundError(
      () => GaussianMixture.fromJSON(tampered),
      'INVALID_ARGUMENT',
      'precisionsCholesky',
    );
    const badWeights = structuredClone(json);
    badWeights.weights[0] = 0.9;
    expectInfoboundError(() => GaussianMixture.fromJSON(badWeights), 'NOT_A_DISTRIBUTION');
  });
});

describe('degenerate data: converges or throws a typed error, never NaN parameters', () => {
  const finite = (gm: GaussianMixture<CovarianceType>): void => {
    for (const v of [gm.weights, gm.means, gm.covariances, gm.precisionsCholesky, [gm.lowerBound]])
      expect(flat(v).every(Number.isFinite)).toBe(true);
  };
  const types = ['full', 'diag', 'spherical', 'tied'] as const;

  it('all points equal', () => {
    const X = Array.from({ length: 20 }, () => [3, -1]);
    for (const type of types) {
      for (const init of ['kmeans++', 'kmeans', 'random'] as const) {
        const gm = new GaussianMixture<CovarianceType>({
          nComponents: 3,
          covarianceType: type,
          init,
        }).fit(X);
        expect(gm.converged).toBe(true);
        finite(gm);
        for (const m of gm.means) expect(m.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([3, -1]);
      }
      // Without the ridge the covariance is exactly 0: a typed error, not NaN.
      expectInfoboundError(
        () =>
          new GaussianMixture<CovarianceType>({
            nComponents: 2,
            covarianceType: type,
            regCovar: 0,
          }).fit(X),
        'DEGENERATE_SAMPLES',
        'regCovar',
      );
    }
  });

  it('points on a line (singular covariance, held by regCovar)', () => {
    const X = Array.from({ length: 50 }, (_, i) => [i / 10, 2 * (i / 10) + 1]);
    for (const type of types) {
      const gm = new GaussianMixture<CovarianceType>({ nComponents: 2, covarianceType: type }).fit(
        X,
      );
      expect(gm.converged).toBe(true);
      finite(gm);
    }
    expectInfoboundError(
      () => new GaussianMixture({ nComponents: 2, regCovar: 0 }).fit(X),
      'DEGENERATE_SAMPLES',
    );
  });

  it('n = k: one sample per component', () => {
    const X = [
      [0, 0],
      [1, 2],
      [5, 1],
      [-2, 3],
    ];
    for (const type of types) {
      const gm = new GaussianMixture<CovarianceType>({
        nComponents: 4,
        covarianceType: type,
        init: 'random',
      }).fit(X);
      finite(gm);
      expect(gm.converged).toBe(true);
    }
  });

  it('values too large to square: a typed error', () => {
    expectInfoboundError(
      () =>
        new GaussianMixture({ nComponents: 2 }).fit([
          [1e200, 0],
          [0, 1e200],
          [1, 1],
        ]),
      'DEGENERATE_SAMPLES',
      'rescale',
    );
    const gm = GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[1]]] });
    expect(gm.scoreSamples([[1e200]])[0]).toBe(Number.NEGATIVE_INFINITY);
    expectInfoboundError(() => gm.predictProba([[1e200]]), 'DEGENERATE_SAMPLES', 'X[0]');
  });
});

describe('exports', () => {
  it('GaussianMixture is exported at the root and in the gmm namespace', () => {
    expect(gmm.GaussianMixture).toBe(GaussianMixture);
  });
});
