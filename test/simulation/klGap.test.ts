import { describe, expect, it } from 'vitest';
import { cholesky } from '../../src/core/linalg.js';
import { createRandom } from '../../src/core/random.js';
import { fittedState, sampleState } from '../../src/gmm/GaussianMixture.js';
import { discrete, GaussianMixture, gaussian, gmm, simulation } from '../../src/index.js';
import { randomComponents, sampleMoments } from '../../src/simulation/groundTruth.js';
import {
  clippedEntropy,
  histogramDensity,
  histogramEdges,
  histogramKl,
  meanAndStandardError,
  monteCarloKlTerms,
} from '../../src/simulation/klEstimators.js';
import { klGapRepetition, resolveKlGapOptions } from '../../src/simulation/klGap.js';
import { deriveSeed } from '../../src/simulation/seeds.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const tiny = { K: 2, J: 2, L: 2, repetitions: 3, resamples: 2, resampleSize: 150 } as const;

describe('klGap: behaviour', () => {
  it('gives bit-identical results for the same seed, different ones for another', () => {
    for (const klEstimator of ['monte-carlo', 'histogram', 'histogram-shared'] as const) {
      const a = simulation.klGap({ ...tiny, klEstimator, seed: 7 });
      const b = simulation.klGap({ ...tiny, klEstimator, seed: 7 });
      expect(b).toEqual(a);
      const c = simulation.klGap({ ...tiny, klEstimator, seed: 8 });
      expect(c.values).not.toEqual(a.values);
    }
  });

  it('does not depend on the order or number of repetitions run', () => {
    const full = simulation.klGap({ ...tiny, repetitions: 4, seed: 3 });
    const short = simulation.klGap({ ...tiny, repetitions: 2, seed: 3 });
    expect(short.values).toEqual(full.values.slice(0, 2));
    const o = resolveKlGapOptions({ ...tiny, repetitions: 4, seed: 3 });
    expect(klGapRepetition(o, 3).gap).toBe(full.values[3]);
  });

  it('returns the documented shape: gap = klAnchor − klGen, sample std', () => {
    const r = simulation.klGap({ ...tiny, seed: 1 });
    expect(r.values).toHaveLength(3);
    expect(r.klAnchor).toHaveLength(3);
    expect(r.klGen).toHaveLength(3);
    expect(r.standardErrors).toHaveLength(3);
    r.values.forEach((v, i) => {
      expect(v).toBe((r.klAnchor[i] as number) - (r.klGen[i] as number));
    });
    const mean = r.values.reduce((s, v) => s + v, 0) / 3;
    // Formula-exact: 1e-12 relative.
    expectClose(r.mean, mean, 1e-12);
    const std = Math.sqrt(r.values.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
    expectClose(r.std, std, 1e-12);
    const h = simulation.klGap({ ...tiny, klEstimator: 'histogram', seed: 1 });
    expect(h.standardErrors).toBeUndefined();
    expect(h.values.every(Number.isFinite)).toBe(true);
  });

  it('validates its options', () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ K: 0 }, 'K'],
      [{ J: -1 }, 'J'],
      [{ L: 1.5 }, 'L'],
      [{ dim: 0 }, 'dim'],
      [{ repetitions: 1 }, 'repetitions'],
      [{ resamples: 0 }, 'resamples'],
      [{ resampleSize: 1 }, 'resampleSize'],
      [{ anchorPerComponent: 1 }, 'anchorPerComponent'],
      [{ nSynthetic: 5 }, 'nSynthetic'],
      [{ klEstimator: 'kde' }, 'klEstimator'],
      [{ meanRange: 0 }, 'meanRange'],
      [{ covarianceFloor: -1 }, 'covarianceFloor'],
      [{ densityFloor: Number.NaN }, 'densityFloor'],
      [{ bins: 0 }, 'bins'],
      [{ nInit: 0 }, 'nInit'],
      [{ seed: 0.5 }, 'seed'],
      [{ klEstimator: 'histogram', dim: 5 }, 'bins'],
    ];
    for (const [patch, name] of bad) {
      expectInfoboundError(
        () => simulation.klGap({ ...tiny, ...patch } as never),
        'INVALID_OPTION',
        name,
      );
    }
    expectInfoboundError(() => simulation.klGap(null as never), 'INVALID_ARGUMENT');
    // Monte Carlo has no cell limit.
    expect(() => resolveKlGapOptions({ ...tiny, dim: 5 })).not.toThrow();
  });
});

describe('klGap: the construction of a repetition', () => {
  const o = resolveKlGapOptions({ K: 3, J: 2, L: 4, resampleSize: 100, resamples: 1, seed: 5 });
  const r = klGapRepetition(o, 0);

  it('builds G, M, the data and the fits as App. B says', () => {
    expect(r.truth.weights).toHaveLength(5);
    expect(r.generator.weights).toHaveLength(9);
    for (const w of r.generator.weights) expectClose(w, 1 / 9, 1e-12);
    expect(r.anchorFit.nComponents).toBe(3);
    expect(r.genFit.nComponents).toBe(9);
    expect(r.anchorData).toHaveLength(3 * 50 * 2);
    expect(r.synthetic).toHaveLength(200 * 2);
    // M's middle J components are G's unsampled ones.
    expect(r.generator.means.slice(3, 5)).toEqual(r.truth.means.slice(3, 5));
    expect(r.generator.covariances.slice(3, 5)).toEqual(r.truth.covariances.slice(3, 5));
    // M's first K components are the anchor groups' sample moments (+1e-6·I).
    for (let c = 0; c < 3; c++) {
      const m = sampleMoments(r.anchorData.subarray(c * 100, (c + 1) * 100), 50, 2, 1e-6);
      expect(r.generator.means[c]).toEqual(Array.from(m.mean));
      expect(r.generator.covariances[c]?.flat()).toEqual(Array.from(m.cov));
    }
    // Every mean in [0, 10)^2.
    for (const mu of [...r.truth.means, ...r.generator.means.slice(5)]) {
      for (const v of mu) expect(v >= 0 && v < 10).toBe(true);
    }
  });

  it('keeps the truth and anchor part fixed when only L changes (common random numbers)', () => {
    const r2 = klGapRepetition({ ...o, L: 0 }, 0);
    expect(r2.truth.means).toEqual(r.truth.means);
    expect(Array.from(r2.anchorData)).toEqual(Array.from(r.anchorData));
    expect(r2.klAnchor).toBe(r.klAnchor);
  });

  it('estimates KL(G_anchor ‖ G) like gmm.klDivergence does, within 4 standard errors', () => {
    const big = klGapRepetition({ ...o, resamples: 4, resampleSize: 2000 }, 0);
    const ref = gmm.klDivergence(big.anchorFit, big.truth, { samples: 20000, seed: 99 });
    // Monte Carlo vs Monte Carlo: 4 combined standard errors. The gap's standard error
    // (√(se_anchor² + se_gen²)) bounds the anchor KL's, so this is conservative.
    const se = Math.hypot(ref.standardError as number, big.standardError as number);
    expect(Math.abs(big.klAnchor - ref.value)).toBeLessThanOrEqual(4 * se);
  });
});

describe('simulation pieces against independent checks', () => {
  it('draws symmetric positive-definite covariances with eigenvalues ≥ the floor', () => {
    const rng = createRandom(11);
    for (const d of [1, 2, 5]) {
      for (const c of randomComponents(rng, 20, d, 10, 0.1)) {
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++) expect(c.cov[a * d + b]).toBe(c.cov[b * d + a]);
        const shifted = Float64Array.from(c.cov);
        for (let a = 0; a < d; a++) shifted[a * d + a] = (shifted[a * d + a] as number) - 0.0999;
        // Σ − 0.0999·I is still positive definite: every eigenvalue ≥ 0.1.
        expect(() => cholesky(shifted, d, 'cov')).not.toThrow();
      }
    }
  });

  it('computes the sample mean and the n − 1 sample covariance', () => {
    const X = Float64Array.from([0, 0, 2, 0, 0, 2, 2, 2]);
    const m = sampleMoments(X, 4, 2, 0);
    expect(Array.from(m.mean)).toEqual([1, 1]);
    // Each axis: values 0, 2, 0, 2 around 1: Σ(±1)² / 3 = 4/3; the axes are uncorrelated.
    expect(Array.from(m.cov)).toEqual([4 / 3, 0, 0, 4 / 3]);
  });

  it('derives distinct safe-integer seeds, deterministically', () => {
    const seen = new Set<number>();
    for (const s of [0, 1, -1, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      for (let rep = 0; rep < 30; rep++) {
        for (let step = 0; step < 30; step++) {
          const v = deriveSeed(s, rep, step);
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
          seen.add(v);
        }
      }
    }
    expect(seen.size).toBe(5 * 900);
    expect(deriveSeed(3, 1, 2)).toBe(deriveSeed(3, 1, 2));
    expect(deriveSeed(3, 1, 2)).not.toBe(deriveSeed(3, 2, 1));
  });

  it("bins like numpy's histogramdd(density=True)", () => {
    // np.histogramdd([[0], [1], [2], [3]], bins=3, density=True) → [0.25, 0.25, 0.5] (3 is on the last edge).
    const X = Float64Array.from([0, 1, 2, 3]);
    const e = histogramEdges([{ X, n: 4 }], 1, 3);
    expect(Array.from(e)).toEqual([0, 1, 2, 3]);
    expect(Array.from(histogramDensity(X, 4, 1, 3, e))).toEqual([0.25, 0.25, 0.5]);
    // A constant column gets the range [v − 0.5, v + 0.5], as numpy's.
    const c = histogramEdges([{ X: Float64Array.from([4, 4]), n: 2 }], 1, 2);
    expect(Array.from(c)).toEqual([3.5, 4, 4.5]);
    // In 2-D the density integrates to 1 (formula-exact up to rounding: 1e-12).
    const rng = createRandom(2);
    const Y = new Float64Array(2000);
    for (let i = 0; i < Y.length; i++) Y[i] = rng.normal();
    const e2 = histogramEdges([{ X: Y, n: 1000 }], 2, 7);
    const dens = histogramDensity(Y, 1000, 2, 7, e2);
    let mass = 0;
    for (let a = 0; a < 7; a++) {
      for (let b = 0; b < 7; b++) {
        mass +=
          (dens[a * 7 + b] as number) *
          ((e2[a + 1] as number) - (e2[a] as number)) *
          ((e2[8 + b + 1] as number) - (e2[8 + b] as number));
      }
    }
    expectClose(mass, 1, 1e-12);
  });

  it("renormalises clipped densities as SciPy's entropy does", () => {
    const p = Float64Array.from([2, 1, 0, 1]);
    const q = Float64Array.from([1, 1, 1, 1]);
    const floor = 1e-10;
    const pn = [2, 1, floor, 1].map((v) => v / (4 + floor));
    // Formula-exact against the discrete KL of the renormalised vectors: 1e-12.
    expectClose(
      clippedEntropy(p, q, floor),
      discrete.klDivergence(pn, [0.25, 0.25, 0.25, 0.25]),
      1e-12,
    );
  });

  it('histogram KL: 0 for identical samples; the own-edges flaw ignores a translation', () => {
    const rng = createRandom(4);
    const n = 5000;
    const A = new Float64Array(2 * n);
    for (let i = 0; i < A.length; i++) A[i] = rng.normal();
    expect(histogramKl(A, n, A, n, 2, 50, 1e-10, false)).toBe(0);
    expect(histogramKl(A, n, A, n, 2, 50, 1e-10, true)).toBe(0);
    // Q = P shifted by 5: with its own edges Q's histogram is P's, so the published estimator
    // reports ~0 (up to rounding of the edges) though KL(P ‖ Q) = 12.5; shared edges see it.
    const B = A.map((v) => v + 5);
    expect(Math.abs(histogramKl(A, n, B, n, 2, 50, 1e-10, false))).toBeLessThan(1e-9);
    expect(histogramKl(A, n, B, n, 2, 50, 1e-10, true)).toBeGreaterThan(5);
  });

  it('Monte Carlo KL: exactly 0 for a mixture against itself on the same samples', () => {
    const p = GaussianMixture.fromParameters({
      weights: [0.4, 0.6],
      means: [
        [0, 0],
        [3, 1],
      ],
      covariances: [
        [
          [1, 0.3],
          [0.3, 0.5],
        ],
        [
          [0.7, 0],
          [0, 2],
        ],
      ],
    });
    const s = fittedState(p, 'p');
    const X = sampleState(s, 500, createRandom(1)).data;
    const t = new Float64Array(500);
    monteCarloKlTerms(s, s, X, 500, t);
    expect(t.every((v) => v === 0)).toBe(true);
  });

  it('Monte Carlo KL of one Gaussian against another matches the closed form within 4 standard errors', () => {
    const P = {
      mean: [0, 1],
      cov: [
        [1, 0.4],
        [0.4, 2],
      ],
    };
    const Q = {
      mean: [0.5, 0],
      cov: [
        [1.5, -0.2],
        [-0.2, 1],
      ],
    };
    const p = fittedState(
      GaussianMixture.fromParameters({ weights: [1], means: [P.mean], covariances: [P.cov] }),
      'p',
    );
    const q = fittedState(
      GaussianMixture.fromParameters({ weights: [1], means: [Q.mean], covariances: [Q.cov] }),
      'q',
    );
    const n = 20000;
    const X = sampleState(p, n, createRandom(8)).data;
    const t = new Float64Array(n);
    monteCarloKlTerms(p, q, X, n, t);
    const { mean, standardError } = meanAndStandardError(t);
    const exact = gaussian.klDivergence(P, Q);
    // 4 standard errors: a correct estimator fails with probability 6e-5.
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual(4 * standardError);
  });
});

describe('klGap: trend directions robust at tiny sizes (Monte Carlo)', () => {
  // Measured over seeds 0–19 at these sizes: L = 0 beat L = 8 and J = 10 beat J = 0 every time,
  // by ~10 nats against a spread of a few nats, so one seed is a safe check.
  const base = { repetitions: 4, resamples: 1, resampleSize: 300, seed: 0 } as const;
  it('decreases with L (irrelevant components put mass where G has none)', () => {
    const lo = simulation.klGap({ ...base, K: 2, J: 2, L: 0 });
    const hi = simulation.klGap({ ...base, K: 2, J: 2, L: 8 });
    expect(lo.mean).toBeGreaterThan(hi.mean);
  });
  it('increases with J (the generator knows G beyond the anchor part)', () => {
    const lo = simulation.klGap({ ...base, K: 2, J: 0, L: 2 });
    const hi = simulation.klGap({ ...base, K: 2, J: 10, L: 2 });
    expect(hi.mean).toBeGreaterThan(lo.mean);
  });
});
