/**
 * The WebAssembly path of the simulation's histogram protocol (src/simulation/klGap.ts): one
 * resample — n draws from each of the truth G and the two fitted mixtures, their density
 * histograms and the two clipped entropies — computed by the kernels of resample.wat. Results
 * are bit-identical to the JavaScript path (`sampleState`, `histogramEdges`, `sparseHistogram`,
 * `sparseClippedEntropy`): the same generator, the same table searches and the same IEEE
 * operations in the same order (see the .wat), with JavaScript's own detLog and Math.log called
 * from the kernel. Measured on the published protocol, the resample loop runs ~2.5× faster than
 * in JavaScript, mostly from the generator's 64-bit arithmetic (native here, 32-bit halves in
 * JavaScript) and bounds-check-free table lookups.
 *
 * One instance per thread serves every repetition: `setup` lays out its memory for a
 * repetition's three models (growing it when needed), `resample` runs one resample.
 * @internal
 */
import { InfoboundError } from '../../core/errors.js';
import { type CategoricalTable, categoricalTable, detLog } from '../../core/random.js';
import { ZIG_F, ZIG_R, ZIG_RATIO, ZIG_X } from '../../core/zigguratTables.js';
import { covarianceFactor, type MixtureState } from '../../gmm/em.js';
import { histogramEdges } from '../klEstimators.js';
import { RESAMPLE_WASM } from './resample.wasm.js';

interface Exports {
  sample(
    st: number,
    n: number,
    d: number,
    k: number,
    acc: number,
    cdf: number,
    guide: number,
    g: number,
    zero: number,
    mu: number,
    fac: number,
    lab: number,
    out: number,
    z: number,
  ): void;
  edges(
    x1: number,
    n1: number,
    x2: number,
    n2: number,
    d: number,
    bins: number,
    out: number,
  ): number;
  histogram(
    x: number,
    n: number,
    d: number,
    bins: number,
    edges: number,
    sc: number,
    counts: number,
    touched: number,
    tb: number,
    density: number,
  ): number;
  entropy(
    pi: number,
    pd: number,
    pm: number,
    qi: number,
    qd: number,
    qm: number,
    cells: number,
    floor: number,
    scratch: number,
  ): number;
}

/** A mixture ready to sample: its categorical table, means and lower Cholesky factors. @internal */
export interface SamplerModel {
  k: number;
  d: number;
  /**
   * Random.categorical's table with a finer guide (see resample.wat's `sample`): a power of two
   * of buckets, ≥ 16 per outcome.
   */
  table: CategoricalTable;
  means: Float64Array;
  /** k × d × d, component j's factor L_j (Σ_j = L_j·L_jᵀ) at j·d². */
  factors: Float64Array;
}

/** The {@link SamplerModel} of a mixture, as `sampleState` prepares it. @internal */
export function samplerModel(s: MixtureState): SamplerModel {
  const { k, d } = s;
  const factors = new Float64Array(k * d * d);
  const L = new Float64Array(d * d);
  for (let j = 0; j < k; j++) {
    covarianceFactor(s, j, L);
    factors.set(L, j * d * d);
  }
  return {
    k,
    d,
    table: categoricalTable(s.weights, 16 * 2 ** Math.ceil(Math.log2(k))),
    means: s.means.slice(0, k * d),
    factors,
  };
}

/** The histogram protocol's parameters. @internal */
export interface HistogramSetup {
  bins: number;
  /** Densities are clipped below at this value. */
  floor: number;
  /** Shared edges (`'histogram-shared'`) rather than per-sample ones (`'histogram'`). */
  shared: boolean;
}

/** One repetition's resampling, as klGap.ts runs it. @internal */
export interface ResampleSetup {
  /** The truth G, the anchor fit, the generator fit. */
  models: readonly [SamplerModel, SamplerModel, SamplerModel];
  /** Draws per model and resample. */
  n: number;
  d: number;
  /** The histogram protocol; absent for draws alone (the Monte Carlo estimator). */
  histogram?: HistogramSetup;
}

/** @internal */
export interface ResampleKernel {
  /**
   * Lays out the memory for a repetition; false where it would need more than the kernel's cap
   * (64 MiB; the JavaScript path then runs instead).
   */
  setup(setup: ResampleSetup): boolean;
  /**
   * n draws from model m (0 truth, 1 anchor fit, 2 generator fit) from the generator state given
   * (the four words of `seedState`, as `createRandom` starts from them): `sampleState`'s draws,
   * returned as {@link ResampleKernel.draws}.
   */
  sample(m: number, state: readonly number[]): Float64Array;
  /** One resample: {@link ResampleKernel.sample} for each model, then {@link ResampleKernel.entropies}. */
  resample(states: readonly (readonly number[])[], out: Float64Array): void;
  /**
   * The histograms of the current draws and `[KL(anchor ‖ G), KL(gen ‖ G)]` into `out` (after a
   * setup with `histogram`). Throws the JavaScript path's DEGENERATE_SAMPLES where the bin edges
   * coincide.
   */
  entropies(out: Float64Array): void;
  /**
   * The draws of model m (0 truth, 1 anchor fit, 2 generator fit), n × d, a view into the
   * kernel's memory (tests may write their own rows into it before `entropies`); valid until
   * the next `setup`.
   */
  draws(m: number): Float64Array;
}

/** Memory the kernel may grow to: beyond it (huge bins^d) the JavaScript path runs. */
const CAP_BYTES = 64 * 1024 * 1024;
/** The ziggurat tables' byte offsets, as resample.wat reads them. */
const ZIG = { x: 0, ratio: 1088, f: 2176, r: 3264, end: 4096 } as const;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/** Bump allocation of byte offsets, 8-aligned. */
class Layout {
  end: number;
  constructor(start: number) {
    this.end = start;
  }
  take(bytes: number): number {
    const at = this.end;
    this.end += (bytes + 7) & ~7;
    return at;
  }
}

/**
 * The WebAssembly kernel, or undefined where it cannot run (no WebAssembly, or compilation
 * refused by a Content-Security-Policy without 'wasm-unsafe-eval'). Compiles synchronously: the
 * module is under the 4 KiB up to which Chrome allows synchronous compilation on the main
 * thread. It needs no SIMD. `wasm` is a parameter so that tests can take each branch.
 * @internal
 */
export function createWasmResample(
  wasm: typeof WebAssembly | undefined,
): ResampleKernel | undefined {
  if (wasm === undefined) return undefined;
  let exports: Exports;
  let memory: WebAssembly.Memory;
  try {
    memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(decode(RESAMPLE_WASM)), {
      env: { memory, detLog, log: Math.log },
    });
    exports = instance.exports as unknown as Exports;
  } catch {
    return undefined;
  }
  let f64 = new Float64Array(memory.buffer);
  let i32 = new Int32Array(memory.buffer);
  let u8 = new Uint8Array(memory.buffer);
  f64.set(ZIG_X, ZIG.x / 8);
  f64.set(ZIG_RATIO, ZIG.ratio / 8);
  f64.set(ZIG_F, ZIG.f / 8);
  f64[ZIG.r / 8] = ZIG_R;

  interface Model {
    k: number;
    acc: number;
    cdf: number;
    guide: number;
    buckets: number;
    zero: number;
    mu: number;
    fac: number;
    lab: number;
    data: number;
    state: number;
  }
  interface Histogram {
    touched: number;
    tb: number;
    density: number;
    m: number;
  }
  let config: ResampleSetup | undefined;
  let models: Model[] = [];
  let hists: Histogram[] = [];
  let edges: number[] = [];
  let Z = 0;
  let SC = 0;
  let COUNTS = 0;
  let SCRATCH = 0;
  let cells = 0;

  const view = (m: number): Float64Array => {
    const c = config as ResampleSetup;
    const at = (models[m] as Model).data / 8;
    return f64.subarray(at, at + c.n * c.d);
  };

  /** The histogram setup (the caller asked for entropies). */
  const histogramOf = (): HistogramSetup => {
    const h = config?.histogram;
    if (h === undefined) throw new Error('resample kernel: entropies without a histogram setup');
    return h;
  };
  /** Edges slot e over the draws of models a and b (b undefined: a's alone). */
  const edgesOf = (e: number, a: number, b?: number): void => {
    const { n, d } = config as ResampleSetup;
    const { bins } = histogramOf();
    const ma = models[a] as Model;
    const mb = b === undefined ? undefined : (models[b] as Model);
    const ok = exports.edges(
      ma.data,
      n,
      mb?.data ?? 0,
      mb === undefined ? 0 : n,
      d,
      bins,
      edges[e] as number,
    );
    if (ok === 0) {
      // The JavaScript path's check, which throws its DEGENERATE_SAMPLES message.
      histogramEdges(
        b === undefined
          ? [{ X: view(a), n }]
          : [
              { X: view(a), n },
              { X: view(b), n },
            ],
        d,
        bins,
      );
      throw new InfoboundError('DEGENERATE_SAMPLES', 'the histogram bin edges coincide');
    }
  };
  const hist = (h: number, m: number, e: number): void => {
    const { n, d } = config as ResampleSetup;
    const { bins } = histogramOf();
    const H = hists[h] as Histogram;
    H.m = exports.histogram(
      (models[m] as Model).data,
      n,
      d,
      bins,
      edges[e] as number,
      SC,
      COUNTS,
      H.touched,
      H.tb,
      H.density,
    );
  };
  const entropy = (p: number, q: number): number => {
    const P = hists[p] as Histogram;
    const Q = hists[q] as Histogram;
    return exports.entropy(
      P.touched,
      P.density,
      P.m,
      Q.touched,
      Q.density,
      Q.m,
      cells,
      histogramOf().floor,
      SCRATCH,
    );
  };
  return {
    setup(setup) {
      const { n, d } = setup;
      const bins = setup.histogram?.bins ?? 0;
      cells = setup.histogram === undefined ? 0 : bins ** d;
      const L = new Layout(ZIG.end);
      models = setup.models.map((s) => ({
        k: s.k,
        acc: s.table.acc,
        cdf: L.take(8 * s.k),
        guide: L.take(4 * s.table.guide.length),
        buckets: s.table.guide.length,
        zero: L.take(s.k),
        mu: L.take(8 * s.k * d),
        fac: L.take(8 * s.k * d * d),
        lab: L.take(4 * n),
        data: L.take(8 * n * d),
        state: L.take(16),
      }));
      Z = L.take(8 * n * d);
      SC = L.take(24 * d);
      const nh = setup.histogram === undefined ? 0 : n;
      edges = [0, 1, 2].map(() => L.take(8 * d * (bins + 1)));
      hists = [0, 1, 2].map(() => ({
        touched: L.take(4 * nh),
        tb: L.take(4 * nh * d),
        density: L.take(8 * nh),
        m: 0,
      }));
      COUNTS = L.take(8 * cells);
      SCRATCH = L.take(8 * cells);
      if (L.end > CAP_BYTES) return false;
      const have = memory.buffer.byteLength;
      if (L.end > have) {
        memory.grow(Math.ceil((L.end - have) / 65536));
        f64 = new Float64Array(memory.buffer);
        i32 = new Int32Array(memory.buffer);
        u8 = new Uint8Array(memory.buffer);
      }
      // counts and scratch must start zeroed (the kernels return them zeroed).
      f64.fill(0, COUNTS / 8, (SCRATCH + 8 * cells) / 8);
      setup.models.forEach((s, j) => {
        const m = models[j] as Model;
        f64.set(s.table.cdf, m.cdf / 8);
        i32.set(s.table.guide, m.guide / 4);
        u8.set(s.table.zero, m.zero);
        f64.set(s.means, m.mu / 8);
        f64.set(s.factors, m.fac / 8);
      });
      config = setup;
      return true;
    },

    sample(j, state) {
      const { n, d } = config as ResampleSetup;
      const m = models[j] as Model;
      // seedState's words are (s01, s00, s11, s10): the high and low halves of s0, then s1.
      const at = m.state / 4;
      i32[at] = state[1] as number;
      i32[at + 1] = state[0] as number;
      i32[at + 2] = state[3] as number;
      i32[at + 3] = state[2] as number;
      exports.sample(
        m.state,
        n,
        d,
        m.k,
        m.acc,
        m.cdf,
        m.guide,
        m.buckets,
        m.zero,
        m.mu,
        m.fac,
        m.lab,
        m.data,
        Z,
      );
      return view(j);
    },

    resample(states, out) {
      for (let j = 0; j < 3; j++) this.sample(j, states[j] as readonly number[]);
      this.entropies(out);
    },

    entropies(out) {
      // klGap.ts's order: with per-sample edges G's histogram first, shared by both KLs.
      if (histogramOf().shared) {
        edgesOf(1, 1, 0);
        hist(1, 1, 1);
        hist(0, 0, 1);
        out[0] = entropy(1, 0);
        edgesOf(2, 2, 0);
        hist(2, 2, 2);
        hist(0, 0, 2);
        out[1] = entropy(2, 0);
      } else {
        edgesOf(0, 0);
        hist(0, 0, 0);
        edgesOf(1, 1);
        hist(1, 1, 1);
        out[0] = entropy(1, 0);
        edgesOf(2, 2);
        hist(2, 2, 2);
        out[1] = entropy(2, 0);
      }
    },

    draws: view,
  };
}

/** The kernel: undefined until first asked for, null where unavailable. */
let kernel: ResampleKernel | null | undefined;

/**
 * The WebAssembly resample kernel, created on first use, or null where WebAssembly is
 * unavailable or refused (the JavaScript loop runs instead, with the same bits). @internal
 */
export function resampleKernel(): ResampleKernel | null {
  if (kernel === undefined)
    kernel =
      createWasmResample(typeof WebAssembly === 'undefined' ? undefined : WebAssembly) ?? null;
  return kernel;
}

/**
 * Tests and benchmarks: run the simulation with this kernel (null: the JavaScript path;
 * undefined: the default again). @internal
 */
export function setResampleKernel(k: ResampleKernel | null | undefined): void {
  kernel = k;
}
