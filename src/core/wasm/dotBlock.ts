/**
 * The WebAssembly SIMD path of `dotBlock` (src/core/pairwise.ts): the same contract, computed by
 * the f64x2 kernel of dotBlock.wat. Operands are copied into the instance's own memory a chunk at
 * a time (at most 256 rows of A, 256 rows of B and 1024 coordinates), packed there into 4-row
 * panels, multiplied, and the chunk of C copied out: the instance needs 6.5 MiB, allocated on
 * first use and never grown, so its typed-array view never detaches.
 *
 * Results are bit-identical to the JavaScript path: each entry is the same sequential sum in the
 * same order (see dotBlock.wat), and a sum split across chunks of k is resumed from C unchanged.
 * @internal
 */
import { DOT_BLOCK_WASM, SIMD_PROBE_WASM } from './dotBlock.wasm.js';

/** The contract of `dotBlock`. @internal */
export type DotBlockFn = (
  A: Float64Array,
  i0: number,
  i1: number,
  B: Float64Array,
  j0: number,
  j1: number,
  d: number,
  out: Float64Array,
) => void;

interface Exports {
  pack(src: number, rows: number, kc: number, dst: number): void;
  kernel(
    ap: number,
    bp: number,
    mp: number,
    np: number,
    kc: number,
    c: number,
    ldc: number,
    acc: number,
  ): void;
}

/**
 * Chunk sizes. Measured on 256 × 256 × 768 blocks, chunks of k from 256 to 768 ran within 5% of
 * each other, so k is chunked only to bound memory: up to 1024 coordinates (embeddings of 384 to
 * 1024 dimensions) go in one chunk, staged with one bulk copy per operand.
 */
const MC = 256;
const NC = 256;
const KC = 1024;

/** Memory layout, in doubles: staging for one operand chunk, packed A, packed B, C. */
const RAW = 0;
const AP = RAW + Math.max(MC, NC) * KC;
const BP = AP + MC * KC;
const CO = BP + NC * KC;
const PAGES = Math.ceil(((CO + MC * NC) * 8) / 65536);

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}

/**
 * The WebAssembly implementation, or undefined where it cannot run: no WebAssembly, no SIMD (the
 * probe module does not validate), or compilation refused (a Content-Security-Policy without
 * 'wasm-unsafe-eval'). Compiles synchronously: the module is 853 bytes, under the 4 KiB up to
 * which Chrome has always allowed synchronous compilation on the main thread. `wasm` is a
 * parameter so that tests can take each of these branches.
 * @internal
 */
export function createWasmDotBlock(wasm: typeof WebAssembly | undefined): DotBlockFn | undefined {
  if (wasm === undefined) return undefined;
  let exports: Exports;
  let heap: Float64Array;
  try {
    if (!wasm.validate(decode(SIMD_PROBE_WASM))) return undefined;
    const memory = new wasm.Memory({ initial: PAGES, maximum: PAGES });
    const instance = new wasm.Instance(new wasm.Module(decode(DOT_BLOCK_WASM)), {
      env: { memory },
    });
    exports = instance.exports as unknown as Exports;
    heap = new Float64Array(memory.buffer);
  } catch {
    return undefined;
  }
  const { pack, kernel } = exports;

  /** Copies rows [r0, r0 + m), coordinates [k0, k0 + kc), of X (d columns) to RAW, compact. */
  const stage = (X: Float64Array, r0: number, m: number, d: number, k0: number, kc: number) => {
    if (kc === d) {
      heap.set(X.subarray(r0 * d, (r0 + m) * d), RAW);
      return;
    }
    for (let r = 0; r < m; r++) {
      const o = (r0 + r) * d + k0;
      heap.set(X.subarray(o, o + kc), RAW + r * kc);
    }
  };

  return (A, i0, i1, B, j0, j1, d, out) => {
    const w = j1 - j0;
    if (i1 <= i0 || w <= 0) return;
    if (d === 0) {
      out.fill(0, 0, (i1 - i0) * w);
      return;
    }
    // Balanced chunks of k: d = 1536 runs as 2 × 768, not 1024 + 512.
    const chunks = Math.ceil(d / KC);
    for (let ic = i0; ic < i1; ic += MC) {
      const m = Math.min(MC, i1 - ic);
      const mp = (m + 3) >> 2;
      // With k in one chunk, A's panels serve every chunk of B's rows: pack them once.
      if (chunks === 1) {
        stage(A, ic, m, d, 0, d);
        pack(RAW * 8, m, d, AP * 8);
      }
      for (let jc = j0; jc < j1; jc += NC) {
        const nb = Math.min(NC, j1 - jc);
        const np = (nb + 3) >> 2;
        const ldc = np * 4;
        // A diagonal chunk of A·Aᵀ: both operands pack to the same panels.
        const same = A === B && ic === jc && m === nb;
        let k0 = 0;
        for (let c = 1; c <= chunks; c++) {
          const k1 = Math.floor((d * c) / chunks);
          const kc = k1 - k0;
          if (chunks > 1) {
            stage(A, ic, m, d, k0, kc);
            pack(RAW * 8, m, kc, AP * 8);
          }
          if (!same) {
            stage(B, jc, nb, d, k0, kc);
            pack(RAW * 8, nb, kc, BP * 8);
          }
          kernel(AP * 8, (same ? AP : BP) * 8, mp, np, kc, CO * 8, ldc, c > 1 ? 1 : 0);
          k0 = k1;
        }
        const o = (ic - i0) * w + (jc - j0);
        for (let r = 0; r < m; r++)
          out.set(heap.subarray(CO + r * ldc, CO + r * ldc + nb), o + r * w);
      }
    }
  };
}
