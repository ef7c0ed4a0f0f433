import { describe, expect, it } from 'vitest';
import {
  dotBlock,
  dotBlockJs,
  rowSquaredNorms,
  squaredDistanceBlock,
  wasmKernel,
} from '../../src/core/pairwise.js';
import { createRandom } from '../../src/core/random.js';
import { createWasmDotBlock, type DotBlockFn } from '../../src/core/wasm/dotBlock.js';
import { EPS, exactSum } from './helpers.js';

/** n × d standard normal entries, seeded. */
function normal(n: number, d: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const a = new Float64Array(n * d);
  for (let i = 0; i < a.length; i++) a[i] = rng.normal();
  return a;
}

/** The block from one implementation; cells past the block are filled with a sentinel. */
function run(
  f: DotBlockFn,
  A: Float64Array,
  [i0, i1]: [number, number],
  B: Float64Array,
  [j0, j1]: [number, number],
  d: number,
): Float64Array {
  const out = new Float64Array(Math.max(0, i1 - i0) * Math.max(0, j1 - j0) + 3).fill(-7.5);
  f(A, i0, i1, B, j0, j1, d, out);
  return out;
}

/** Index of the first cell where a and b differ as doubles (Object.is: −0 ≠ +0), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let t = 0; t < a.length; t++) if (!Object.is(a[t], b[t])) return t;
  return a.length === b.length ? -1 : a.length;
}

const wasm = wasmKernel();

describe('dotBlock: the WebAssembly SIMD kernel', () => {
  it('is available on the Node versions we support (≥ 20), so the fast path is what runs', () => {
    expect(wasm).not.toBeNull();
  });

  // Shapes chosen to hit every edge of the kernel: rows not a multiple of the 4-row panel, more
  // than one 256-row chunk of A or of B, d past one 512-coordinate chunk (the sum resumed from
  // C), d = 1, sub-ranges at offsets, and cells past the block left untouched.
  const shapes: {
    nA: number;
    nB: number;
    d: number;
    rA: [number, number];
    rB: [number, number];
  }[] = [
    { nA: 1, nB: 1, d: 1, rA: [0, 1], rB: [0, 1] },
    { nA: 9, nB: 13, d: 3, rA: [0, 9], rB: [0, 13] },
    { nA: 10, nB: 10, d: 7, rA: [3, 9], rB: [1, 10] },
    { nA: 1, nB: 300, d: 64, rA: [0, 1], rB: [0, 300] },
    { nA: 300, nB: 5, d: 64, rA: [0, 300], rB: [2, 5] },
    { nA: 37, nB: 41, d: 513, rA: [0, 37], rB: [0, 41] },
    { nA: 260, nB: 517, d: 768, rA: [2, 260], rB: [5, 517] },
    { nA: 64, nB: 70, d: 1100, rA: [0, 64], rB: [1, 70] },
  ];
  for (const { nA, nB, d, rA, rB } of shapes) {
    it(`agrees bit for bit with the TypeScript tile: A ${rA[0]}..${rA[1]}, B ${rB[0]}..${rB[1]}, d = ${d}`, () => {
      const A = normal(nA, d, nA * 1000 + d);
      const B = normal(nB, d, nB * 1000 + d + 1);
      // Same operations in the same order (dotBlock.wat): equality, not a tolerance.
      expect(firstDifference(run(wasm!, A, rA, B, rB, d), run(dotBlockJs, A, rA, B, rB, d))).toBe(
        -1,
      );
    });
  }

  it('agrees bit for bit on A·Aᵀ blocks (diagonal chunks share packed panels) and off-diagonal ones', () => {
    // [row range of A, row range of the same A as B, d]: one chunk of k and two (d > 1024), a
    // call spanning several 256-row chunks each way, whose diagonal chunks are not the first.
    const cases: [[number, number], [number, number], number][] = [
      [[0, 256], [0, 256], 300],
      [[256, 530], [256, 530], 300],
      [[0, 256], [256, 530], 300],
      [[10, 20], [10, 21], 300],
      [[0, 530], [0, 530], 300],
      [[0, 300], [0, 300], 1100],
    ];
    for (const [a, b, d] of cases) {
      const A = normal(530, d, 3);
      expect(firstDifference(run(wasm!, A, a, A, b, d), run(dotBlockJs, A, a, A, b, d))).toBe(-1);
    }
  });

  it('propagates Infinity, NaN and signed zeros exactly as the TypeScript path does', () => {
    const d = 6;
    const A = normal(9, d, 11);
    const B = normal(11, d, 12);
    A[0] = Number.POSITIVE_INFINITY;
    A[d + 2] = Number.NaN;
    B[3 * d + 1] = Number.NEGATIVE_INFINITY;
    A.fill(-0, 4 * d, 5 * d); // row 4 is all −0: its products are ±0, summed from +0
    B.fill(0, 7 * d, 8 * d);
    const w = run(wasm!, A, [0, 9], B, [0, 11], d);
    expect(firstDifference(w, run(dotBlockJs, A, [0, 9], B, [0, 11], d))).toBe(-1);
    expect(Math.abs(w[0] as number)).toBe(Number.POSITIVE_INFINITY);
    expect(w[11 + 5]).toBeNaN();
    expect(Object.is(w[4 * 11 + 7], 0)).toBe(true);
  });

  it('agrees with the exact dot products to within the sequential-sum bound d·ε·Σ|a_k b_k|', () => {
    // The bound of recursive summation is γ_d = d·u/(1 − d·u) with u = ε/2; d·ε covers it and the
    // rounding of the exact reference. Random data gives errors far below it (≈ √d·u).
    const d = 768;
    const A = normal(20, d, 21);
    const B = normal(24, d, 22);
    const out = run(wasm!, A, [0, 20], B, [0, 24], d);
    let worst = 0;
    for (let i = 0; i < 20; i++)
      for (let j = 0; j < 24; j++) {
        const prods = Array.from(
          { length: d },
          (_, k) => (A[i * d + k] as number) * (B[j * d + k] as number),
        );
        const scale = prods.reduce((s, v) => s + Math.abs(v), 0);
        const err = Math.abs((out[i * 24 + j] as number) - exactSum(prods)) / scale;
        worst = Math.max(worst, err);
      }
    expect(worst).toBeLessThan(d * EPS);
    expect(worst).toBeLessThan(1e-12);
  });

  it('does nothing for empty ranges and writes zeros for d = 0', () => {
    const A = normal(8, 3, 1);
    expect(
      firstDifference(run(wasm!, A, [4, 4], A, [0, 8], 3), new Float64Array(3).fill(-7.5)),
    ).toBe(-1);
    const zero = run(wasm!, A, [0, 8], A, [0, 8], 0);
    expect(Array.from(zero.subarray(0, 64))).toEqual(new Array(64).fill(0));
    expect(zero[64]).toBe(-7.5);
  });

  it('gives identical results on repeated calls (no state carried between calls)', () => {
    const d = 200;
    const A = normal(70, d, 31);
    const B = normal(90, d, 32);
    const first = run(wasm!, A, [0, 70], B, [0, 90], d);
    run(wasm!, B, [10, 90], A, [0, 33], d); // leaves other data in the instance's memory
    expect(firstDifference(run(wasm!, A, [0, 70], B, [0, 90], d), first)).toBe(-1);
  });
});

describe('dotBlock: feature detection and fallback', () => {
  it('is unavailable without WebAssembly', () => {
    expect(createWasmDotBlock(undefined)).toBeUndefined();
  });

  it('is unavailable when the SIMD probe does not validate (an engine without SIMD)', () => {
    const noSimd = { ...WebAssembly, validate: () => false } as unknown as typeof WebAssembly;
    expect(createWasmDotBlock(noSimd)).toBeUndefined();
  });

  it('is unavailable when compilation is refused (a Content-Security-Policy without wasm-unsafe-eval)', () => {
    class Refused {
      constructor() {
        throw new Error('WebAssembly.Module(): Refused to compile');
      }
    }
    const csp = { ...WebAssembly, Module: Refused } as unknown as typeof WebAssembly;
    expect(createWasmDotBlock(csp)).toBeUndefined();
  });

  it('dispatches small blocks to TypeScript and large ones to WASM, with the same results', () => {
    for (const [n, d] of [
      [3, 4],
      [8, 8],
      [40, 100],
    ] as const) {
      const A = normal(n, d, n + d);
      const B = normal(n + 1, d, n + d + 1);
      expect(
        firstDifference(
          run(dotBlock, A, [0, n], B, [0, n + 1], d),
          run(dotBlockJs, A, [0, n], B, [0, n + 1], d),
        ),
      ).toBe(-1);
    }
  });
});

describe('squaredDistanceBlock', () => {
  it('is ‖a‖² + ‖b‖² − 2a·b clamped at 0, within rounding of the direct Σ(a − b)²', () => {
    const d = 50;
    const A = normal(30, d, 41);
    const norms = rowSquaredNorms(A, 30, d);
    const out = new Float64Array(30 * 30);
    squaredDistanceBlock(A, norms, 0, 30, A, norms, 0, 30, d, out);
    for (let i = 0; i < 30; i++) {
      expect(out[i * 30 + i]).toBeGreaterThanOrEqual(0);
      expect(out[i * 30 + i]).toBeLessThan(1e-12 * (norms[i] as number));
      for (let j = 0; j < 30; j++) {
        let direct = 0;
        for (let k = 0; k < d; k++)
          direct += ((A[i * d + k] as number) - (A[j * d + k] as number)) ** 2;
        // Cancellation error of the dot-product form: a few d·ε·(‖a‖² + ‖b‖²).
        const tol = 4 * d * EPS * ((norms[i] as number) + (norms[j] as number));
        expect(Math.abs((out[i * 30 + j] as number) - direct)).toBeLessThan(tol);
      }
    }
  });
});
