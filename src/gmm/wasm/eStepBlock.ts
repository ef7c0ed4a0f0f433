/**
 * The WebAssembly SIMD path of the EM iteration (src/gmm/em.ts): the E-step block of
 * diag/spherical (`eStepBlocked`) and of full/tied (`weightedLogProb` then `eStep`'s loop) —
 * weighted log probabilities, row maxima, exponentials (the algorithm, table and operation order
 * of `expDeterministic`), their sums and the normalised responsibilities — and the M-step's
 * passes, computed by the f64x2 kernels of eStepBlock.wat. Results are bit-identical to the
 * JavaScript path (see the .wat).
 *
 * One instance serves every mixture: its memory holds the parameters of the current E-step
 * (`setup`) and one block of samples at a time, and grows when a larger k or d needs it (the
 * views `setup` returns are valid until the next `setup`).
 * @internal
 */
import { SIMD_PROBE_WASM } from '../../core/wasm/dotBlock.wasm.js';
import { E_STEP_BLOCK_WASM } from './eStepBlock.wasm.js';

/** Samples per block: fixed by the kernel (128 doubles per coordinate and per component). */
const KB_BLOCK = 128;

interface Exports {
  block(
    xr: number,
    xt: number,
    b: number,
    k: number,
    d: number,
    mu: number,
    f: number,
    cs: number,
    sc: number,
    kb: number,
    mx: number,
    sm: number,
    iv: number,
    out: number,
    tab: number,
  ): void;
  fullBlock(
    xr: number,
    xt: number,
    b: number,
    k: number,
    d: number,
    mu: number,
    f: number,
    fs: number,
    cs: number,
    kb: number,
    mx: number,
    sm: number,
    iv: number,
    out: number,
    tab: number,
  ): void;
  firstMoments(xr: number, b: number, d: number, w: number, mu: number, out: number): void;
  secondMoments(xr: number, b: number, d: number, w: number, mu: number, out: number): void;
  fullMoments(
    xr: number,
    b: number,
    d: number,
    w: number,
    mu: number,
    acc: number,
    dp: number,
  ): void;
}

/** Views into the instance's memory, valid until the next `setup`. @internal */
export interface EStepViews {
  /** The block transposed: xt[a·128 + t] = x_{i0+t, a}. */
  readonly xt: Float64Array;
  /** k × 128, component-major: the block's responsibilities. */
  readonly kb: Float64Array;
  /** The row maxima of the weighted log probabilities. */
  readonly mx: Float64Array;
  /** The row sums Σ_j exp(ℓ_j − max). */
  readonly sm: Float64Array;
  /** b × k: the block's responsibilities, row-major. */
  readonly out: Float64Array;
  /** d + 1: the last `firstMoments` or `secondMoments` (the block's partial sums, then the count). */
  readonly mout: Float64Array;
}

/** @internal */
export interface EStepKernel {
  /**
   * Loads one E-step's parameters: k × d means, and for diag the factors U² (`precisions`
   * undefined), for spherical the k precisions U_j (`factors` undefined); k constants c_j.
   */
  setup(
    k: number,
    d: number,
    means: Float64Array,
    factors: Float64Array | undefined,
    constants: Float64Array,
    precisions: Float64Array | undefined,
  ): EStepViews;
  /**
   * full and tied: loads one E-step's parameters, k × d means, the factors U_j packed as em.ts's
   * `prepare` lays them out (`stride` doubles per component, 0 for tied: one factor for all) and
   * k constants c_j.
   */
  setupFull(
    k: number,
    d: number,
    means: Float64Array,
    factors: Float64Array,
    stride: number,
    constants: Float64Array,
  ): EStepViews;
  /** Runs the block of b ≤ 128 rows of X (d columns) from row i0, for the last `setup` or `setupFull`. */
  block(X: Float64Array, i0: number, b: number): void;
  /**
   * For the last block: component j's Σ_t r_tj x_t and Σ_t r_tj into `mout` (em.ts's
   * firstMoments, the same sums in the same order).
   */
  firstMoments(j: number, b: number): void;
  /** For the M-step's pass 2: k × d means (the parameters of `setup` are not needed). */
  setupMoments(k: number, d: number, means: Float64Array): EStepViews;
  /** Copies rows i0 .. i0 + b − 1 of X in, and component j's b weights from `w` at `offset`. */
  loadBlock(X: Float64Array, i0: number, b: number): void;
  loadWeights(j: number, w: Float64Array, offset: number, b: number): void;
  /** Component j's Σ_t (r_tj (x_t − μ_j))·(x_t − μ_j), coordinatewise, into `mout`. */
  secondMoments(j: number, b: number): void;
  /**
   * For the full/tied M-step's pass 2: k × d means, and nf (k for full, 1 for tied) zeroed
   * dp × dp accumulators (dp = d rounded up to 4), returned.
   */
  setupFullMoments(k: number, d: number, means: Float64Array, nf: number): Float64Array;
  /**
   * Adds component j's Σ_t (r_tj (x_t − μ_j))(x_t − μ_j)ᵀ over the loaded block (its 2 × 4 tiles
   * on and below the diagonal, as em.ts's loop) into accumulator `f`.
   */
  fullMoments(j: number, b: number, f: number): void;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/**
 * The WebAssembly kernel, or undefined where it cannot run (no WebAssembly, no SIMD, compilation
 * refused), as `createWasmDotBlock`. `expHi` and `expLo` are expDeterministic's tables of
 * 2^(i/32), copied into the instance's memory.
 * @internal
 */
export function createWasmEStepBlock(
  wasm: typeof WebAssembly | undefined,
  expHi: Float64Array,
  expLo: Float64Array,
): EStepKernel | undefined {
  if (wasm === undefined) return undefined;
  let exports: Exports;
  let memory: WebAssembly.Memory;
  try {
    if (!wasm.validate(decode(SIMD_PROBE_WASM))) return undefined;
    memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(decode(E_STEP_BLOCK_WASM)), {
      env: { memory },
    });
    exports = instance.exports as unknown as Exports;
  } catch {
    return undefined;
  }
  const { block: diagKernel, fullBlock, firstMoments, secondMoments, fullMoments } = exports;
  let heap = new Float64Array(memory.buffer);
  // Layout in doubles, the fixed part first: the tables, then mx, sm, iv.
  const TAB = 0;
  const MX = 64;
  const SM = MX + KB_BLOCK;
  const IV = SM + KB_BLOCK;
  const VAR = IV + KB_BLOCK;
  let k = 0;
  let d = 0;
  let XR = VAR;
  let XT = VAR;
  let MU = VAR;
  let F = VAR;
  let CS = VAR;
  let SC = VAR;
  let KB = VAR;
  let OUT = VAR;
  let MOUT = VAR;
  let MP = VAR;
  let ACC = VAR;
  let tablesIn = false;
  /** Whether `block` runs `fullBlock` (after setupFull), and its factor stride in doubles. */
  let full = false;
  let stride = 0;

  /**
   * Lays out the memory for k components in d dimensions (nf doubles of factors, k·d unless
   * given), growing it if needed; copies the means.
   */
  const layout = (
    k1: number,
    d1: number,
    means: Float64Array,
    nf = k1 * d1,
    nacc = 0,
  ): EStepViews => {
    k = k1;
    d = d1;
    XR = VAR;
    XT = XR + KB_BLOCK * d;
    MU = XT + KB_BLOCK * d;
    F = MU + k * d;
    CS = F + nf;
    SC = CS + k;
    KB = SC + k;
    OUT = KB + KB_BLOCK * k;
    MOUT = OUT + KB_BLOCK * k;
    MP = MOUT + d + 2;
    ACC = MP + (nacc === 0 ? 0 : k * ((d + 3) & ~3));
    const end = ACC + nacc;
    const need = Math.ceil((end * 8) / 65536);
    const have = memory.buffer.byteLength / 65536;
    if (need > have) {
      memory.grow(need - have);
      heap = new Float64Array(memory.buffer);
    }
    if (!tablesIn) {
      heap.set(expHi, TAB);
      heap.set(expLo, TAB + 32);
      tablesIn = true;
    }
    heap.set(means.subarray(0, k * d), MU);
    return {
      xt: heap.subarray(XT, XT + KB_BLOCK * d),
      kb: heap.subarray(KB, KB + KB_BLOCK * k),
      mx: heap.subarray(MX, MX + KB_BLOCK),
      sm: heap.subarray(SM, SM + KB_BLOCK),
      out: heap.subarray(OUT, OUT + KB_BLOCK * k),
      mout: heap.subarray(MOUT, MOUT + d + 1),
    };
  };

  return {
    setup(k1, d1, means, factors, constants, precisions) {
      const views = layout(k1, d1, means);
      if (factors === undefined) heap.fill(1, F, F + k * d);
      else heap.set(factors.subarray(0, k * d), F);
      heap.set(constants.subarray(0, k), CS);
      // The scale of the squared norm: 1 for diag (×1 is exact), U_j² for spherical.
      for (let j = 0; j < k; j++) {
        const u = precisions === undefined ? 1 : (precisions[j] as number);
        heap[SC + j] = precisions === undefined ? 1 : u * u;
      }
      full = false;
      return views;
    },
    setupFull(k1, d1, means, factors, stride1, constants) {
      const nf = stride1 === 0 ? ((d1 + 3) & ~3) * d1 : k1 * stride1;
      const views = layout(k1, d1, means, nf);
      heap.set(factors.subarray(0, nf), F);
      heap.set(constants.subarray(0, k), CS);
      full = true;
      stride = stride1;
      return views;
    },
    setupMoments: (k1, d1, means) => layout(k1, d1, means),
    setupFullMoments(k1, d1, means, nf) {
      const dp = (d1 + 3) & ~3;
      layout(k1, d1, means, k1 * d1, nf * dp * dp);
      // The means padded to dp with zeros (em.ts's loop centres padded coordinates on 0).
      heap.fill(0, MP, ACC + nf * dp * dp);
      for (let j = 0; j < k; j++) heap.set(means.subarray(j * d, (j + 1) * d), MP + j * dp);
      return heap.subarray(ACC, ACC + nf * dp * dp);
    },
    fullMoments(j, b, f) {
      const dp = (d + 3) & ~3;
      fullMoments(
        XR * 8,
        b,
        d,
        (KB + j * KB_BLOCK) * 8,
        (MP + j * dp) * 8,
        (ACC + f * dp * dp) * 8,
        dp,
      );
    },
    loadBlock(X, i0, b) {
      heap.set(X.subarray(i0 * d, (i0 + b) * d), XR);
    },
    loadWeights(j, w, offset, b) {
      heap.set(w.subarray(offset, offset + b), KB + j * KB_BLOCK);
    },
    firstMoments(j, b) {
      firstMoments(XR * 8, b, d, (KB + j * KB_BLOCK) * 8, 0, MOUT * 8);
    },
    secondMoments(j, b) {
      secondMoments(XR * 8, b, d, (KB + j * KB_BLOCK) * 8, (MU + j * d) * 8, MOUT * 8);
    },
    block(X, i0, b) {
      heap.set(X.subarray(i0 * d, (i0 + b) * d), XR);
      if (full)
        fullBlock(
          XR * 8,
          XT * 8,
          b,
          k,
          d,
          MU * 8,
          F * 8,
          stride * 8,
          CS * 8,
          KB * 8,
          MX * 8,
          SM * 8,
          IV * 8,
          OUT * 8,
          TAB * 8,
        );
      else
        diagKernel(
          XR * 8,
          XT * 8,
          b,
          k,
          d,
          MU * 8,
          F * 8,
          CS * 8,
          SC * 8,
          KB * 8,
          MX * 8,
          SM * 8,
          IV * 8,
          OUT * 8,
          TAB * 8,
        );
    },
  };
}
