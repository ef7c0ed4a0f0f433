/**
 * The WebAssembly resample kernel of the histogram protocol (src/simulation/wasm/resample.wat)
 * against the JavaScript path, bit for bit: the draws of `sampleState` (including the ziggurat's
 * wedge and tail, zero-weight components, d = 1 to 4), the histograms' bin edges and sparse
 * densities, both clipped entropies, and whole repetitions of klGap under 'histogram' and
 * 'histogram-shared' (and the Monte Carlo estimator's draws) over varied options; plus feature
 * detection, the memory cap and the DEGENERATE_SAMPLES error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom, seedState } from '../../src/core/random.js';
import { ZIG_R } from '../../src/core/zigguratTables.js';
import { type MixtureState, setEStepKernel } from '../../src/gmm/em.js';
import { fittedState, GaussianMixture, sampleState } from '../../src/gmm/GaussianMixture.js';
import { randomComponents } from '../../src/simulation/groundTruth.js';
import { histogramResampleKls } from '../../src/simulation/klEstimators.js';
import {
  type KlGapOptions,
  klGapRepetition,
  resolveKlGapOptions,
} from '../../src/simulation/klGap.js';
import {
  createWasmResample,
  type ResampleKernel,
  resampleKernel,
  samplerModel,
  setResampleKernel,
} from '../../src/simulation/wasm/resample.js';
import { expectInfoboundError } from '../helpers.js';

const kernel = createWasmResample(WebAssembly) as ResampleKernel;

afterEach(() => {
  setResampleKernel(undefined);
  setEStepKernel(undefined);
});

/**
 * A random mixture: k components in d dimensions drawn as the simulation draws G's
 * (randomComponents: means in [0, 10)^d, covariances A·Aᵀ/d + 0.1·I), random weights, the listed
 * components with weight 0.
 */
function mixture(seed: number, k: number, d: number, zeros: readonly number[] = []): MixtureState {
  const rng = createRandom(seed);
  const w = Array.from({ length: k }, (_, j) => (zeros.includes(j) ? 0 : 0.05 + rng.uniform()));
  const total = w.reduce((a, b) => a + b, 0);
  const components = randomComponents(rng, k, d, 10, 0.1);
  return fittedState(
    GaussianMixture.fromParameters({
      weights: w.map((x) => x / total),
      means: components.map((c) => Array.from(c.mean)),
      covariances: components.map((c) =>
        Array.from({ length: d }, (_, a) => Array.from(c.cov.subarray(a * d, (a + 1) * d))),
      ),
    }),
    'mixture',
  );
}

/** The JavaScript path of one resample's histograms and KLs: klGap.ts's histogramResampleKls. */
function jsEntropies(
  draws: readonly Float64Array[],
  n: number,
  d: number,
  bins: number,
  floor: number,
  shared: boolean,
): [number, number] {
  const out = new Float64Array(2);
  const [XT, XA, XG] = draws as [Float64Array, Float64Array, Float64Array];
  histogramResampleKls(n, d, bins, floor, shared)(XT, XA, XG, out);
  return [out[0] as number, out[1] as number];
}

/** The JavaScript path of one resample: sampleState from each seed, then {@link jsEntropies}. */
function jsResample(
  models: readonly MixtureState[],
  seeds: readonly number[],
  n: number,
  bins: number,
  floor: number,
  shared: boolean,
): { draws: Float64Array[]; kl: [number, number] } {
  const d = (models[0] as MixtureState).d;
  const draws = models.map((s, m) => sampleState(s, n, createRandom(seeds[m] as number)).data);
  return { draws, kl: jsEntropies(draws, n, d, bins, floor, shared) };
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return a.length === b.length ? -1 : a.length;
}

/** Runs both paths on the same models and seeds; expects the same bits everywhere. */
function expectSameResamples(
  models: readonly MixtureState[],
  n: number,
  bins: number,
  shared: boolean,
  seeds: readonly number[],
  floor = 1e-10,
): void {
  const d = (models[0] as MixtureState).d;
  expect(
    kernel.setup({
      models: models.map(samplerModel) as never,
      n,
      d,
      histogram: { bins, floor, shared },
    }),
  ).toBe(true);
  const out = new Float64Array(2);
  for (let r = 0; r + 2 < seeds.length; r += 3) {
    const s = seeds.slice(r, r + 3);
    const js = jsResample(models, s, n, bins, floor, shared);
    kernel.resample(
      s.map((x) => seedState(x)),
      out,
    );
    for (let m = 0; m < 3; m++) {
      const at = firstDifference(kernel.draws(m), js.draws[m] as Float64Array);
      expect(at, `draws of model ${m}, seeds ${s}`).toBe(-1);
    }
    expect(Object.is(out[0], js.kl[0]), `KL anchor ${out[0]} vs ${js.kl[0]}`).toBe(true);
    expect(Object.is(out[1], js.kl[1]), `KL gen ${out[1]} vs ${js.kl[1]}`).toBe(true);
  }
}

describe('resample kernel: feature detection', () => {
  it('is unavailable without WebAssembly', () => {
    expect(createWasmResample(undefined)).toBeUndefined();
  });

  it('is unavailable when compilation is refused (a Content-Security-Policy without wasm-unsafe-eval)', () => {
    class Refused {
      constructor() {
        throw new Error('WebAssembly.Module(): Refused to compile');
      }
    }
    const csp = { ...WebAssembly, Module: Refused } as unknown as typeof WebAssembly;
    expect(createWasmResample(csp)).toBeUndefined();
  });

  it('is what the library uses on this engine', () => {
    expect(resampleKernel()).not.toBeNull();
  });
});

describe('resample kernel: bit-identical to the JavaScript path', () => {
  it('draws, edges, histograms and entropies, d = 1 to 4, both edge rules', () => {
    for (const d of [1, 2, 3, 4]) {
      const models = [mixture(d, 3, d), mixture(10 + d, 5, d), mixture(20 + d, 7, d)];
      const bins = d <= 2 ? 50 : 9;
      for (const shared of [false, true]) {
        expectSameResamples(models, 400, bins, shared, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
    }
  });

  it('with zero-weight components, a single component, one bin and odd sizes', () => {
    const d = 2;
    const models = [mixture(1, 6, d, [0, 3, 5]), mixture(2, 1, d), mixture(3, 9, d, [8])];
    for (const [n, bins] of [
      [2, 1],
      [3, 50],
      [37, 7],
      [1001, 50],
    ] as const) {
      expectSameResamples(models, n, bins, false, [11, 12, 13, 14, 15, 16]);
      expectSameResamples(models, n, bins, true, [21, 22, 23]);
    }
  });

  it("covers the ziggurat's tail and wedge", () => {
    // One standard normal component in d = 1: the draws are the normals themselves. 40000 of
    // them reach beyond r (the tail, P ≈ 5.7e-4) and into the wedges (~2% of draws).
    const std = fittedState(
      GaussianMixture.fromParameters({ weights: [1], means: [[0]], covariances: [[[1]]] }),
      'standard',
    );
    expectSameResamples([std, std, std], 40000, 50, false, [5, 6, 7]);
    const tail = [0, 1, 2].map((m) => kernel.draws(m).filter((x) => Math.abs(x) > ZIG_R).length);
    expect(tail.reduce((a, b) => a + b)).toBeGreaterThan(10);
  });

  it('with another density floor, and a floor above every density', () => {
    const models = [mixture(4, 4, 2), mixture(5, 4, 2), mixture(6, 4, 2)];
    expectSameResamples(models, 300, 50, false, [1, 2, 3], 1e-3);
    expectSameResamples(models, 300, 50, true, [1, 2, 3], 1e6);
  });

  it('bins rows lying exactly on bin edges and one ulp either side as the JavaScript does', () => {
    // Edges are e·step + lo, rounded; the first guess of a row's bin, (v − lo)·bins/(hi − lo), is
    // corrected against them. Rows on and next to every edge reach both corrections.
    const f = new Float64Array(1);
    const b = new BigInt64Array(f.buffer);
    const step = (x: number, by: number) => {
      f[0] = x;
      b[0] += BigInt(by);
      return f[0] as number;
    };
    for (const [lo, hi, bins] of [
      [0, 10, 50],
      [-3.7, 12.1, 50],
      [1e6, 1e6 + 1, 7],
      [0.1, 0.7, 3],
    ] as const) {
      const w = (hi - lo) / bins;
      const onEdges: number[] = [lo, hi];
      for (let e = 1; e < bins; e++) {
        const v = e * w + lo;
        onEdges.push(step(v, -1), v, step(v, 1));
      }
      for (const d of [1, 2]) {
        for (const shared of [false, true]) {
          const n = onEdges.length;
          const m = samplerModel(mixture(1, 2, d));
          expect(
            kernel.setup({ models: [m, m, m], n, d, histogram: { bins, floor: 1e-10, shared } }),
          ).toBe(true);
          const draws = [0, 1, 2].map((model) => {
            // Each model its own rows: lo and hi (so every model has the same edges), then
            // two thirds of the others (a different third left out per model, its place taken
            // by repeats), rotated per column.
            const rows = [lo, hi, ...onEdges.slice(2).filter((_, i) => i % 3 !== model)];
            const X = new Float64Array(n * d);
            for (let i = 0; i < n; i++)
              for (let a = 0; a < d; a++)
                X[i * d + a] = rows[i < 2 ? i : 2 + ((i + a * 3) % (rows.length - 2))] as number;
            kernel.draws(model).set(X);
            return X;
          });
          const out = new Float64Array(2);
          kernel.entropies(out);
          const js = jsEntropies(draws, n, d, bins, 1e-10, shared);
          expect(Object.is(out[0], js[0]), `${lo}, ${hi}, ${bins}, d = ${d}`).toBe(true);
          expect(Object.is(out[1], js[1]), `${lo}, ${hi}, ${bins}, d = ${d}`).toBe(true);
        }
      }
    }
  });

  it('whole klGap repetitions, over estimators and options', () => {
    const cases: KlGapOptions[] = [
      { K: 2, J: 2, L: 2 },
      { K: 1, J: 0, L: 0, dim: 1, bins: 7 },
      { K: 3, J: 1, L: 4, dim: 3, bins: 12, densityFloor: 1e-6 },
      { K: 5, J: 0, L: 9, anchorPerComponent: 10, nSynthetic: 60 },
    ];
    for (const c of cases) {
      for (const klEstimator of ['histogram', 'histogram-shared', 'monte-carlo'] as const) {
        const o = resolveKlGapOptions({
          ...c,
          klEstimator,
          resamples: 3,
          resampleSize: 250,
          seed: 9,
        });
        setResampleKernel(kernel);
        const w = klGapRepetition(o, 1);
        // Everything in JavaScript: the resample loop, and EM and the log-densities too.
        setResampleKernel(null);
        setEStepKernel(null);
        const j = klGapRepetition(o, 1);
        setEStepKernel(undefined);
        expect(Object.is(w.gap, j.gap), `${JSON.stringify(c)} ${klEstimator}`).toBe(true);
        expect(Object.is(w.klAnchor, j.klAnchor)).toBe(true);
        expect(Object.is(w.klGen, j.klGen)).toBe(true);
        expect(Object.is(w.standardError, j.standardError)).toBe(true);
      }
    }
  });
});

describe('resample kernel: limits and errors', () => {
  it('declines layouts beyond its memory cap (the JavaScript path runs instead)', () => {
    const m = samplerModel(mixture(1, 2, 4));
    expect(
      kernel.setup({
        models: [m, m, m],
        n: 100,
        d: 4,
        histogram: { bins: 50, floor: 1e-10, shared: false },
      }),
    ).toBe(false);
  });

  it('draws without a histogram setup (Monte Carlo), and refuses entropies there', () => {
    const models = [mixture(1, 3, 2), mixture(2, 4, 2), mixture(3, 5, 2)];
    expect(kernel.setup({ models: models.map(samplerModel) as never, n: 500, d: 2 })).toBe(true);
    for (const m of [0, 1, 2]) {
      const js = sampleState(models[m] as MixtureState, 500, createRandom(40 + m)).data;
      expect(firstDifference(kernel.sample(m, seedState(40 + m)), js)).toBe(-1);
    }
    expect(() => kernel.entropies(new Float64Array(2))).toThrow(/without a histogram setup/);
  });

  it("throws the JavaScript path's DEGENERATE_SAMPLES where bin edges coincide", () => {
    // Draws spread over ~1e-9 around 1e6, where a double's spacing is ~1.2e-10: 50 bins of
    // width ~2e-11 cannot be told apart.
    const narrow = fittedState(
      GaussianMixture.fromParameters({
        weights: [1],
        means: [[1e6]],
        covariances: [[[1e-20]]],
      }),
      'narrow',
    );
    const s = samplerModel(narrow);
    kernel.setup({
      models: [s, s, s],
      n: 200,
      d: 1,
      histogram: { bins: 50, floor: 1e-10, shared: false },
    });
    const wasm = expectInfoboundError(
      () => kernel.resample([seedState(1), seedState(2), seedState(3)], new Float64Array(2)),
      'DEGENERATE_SAMPLES',
    );
    const js = expectInfoboundError(
      () => jsResample([narrow, narrow, narrow], [1, 2, 3], 200, 50, 1e-10, false),
      'DEGENERATE_SAMPLES',
    );
    expect(wasm.message).toBe(js.message);
  });
});
