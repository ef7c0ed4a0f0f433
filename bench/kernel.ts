/**
 * Kernel family, each timing against a baseline measured in the same run:
 * - the Gram inner loop: `dotBlock` (WebAssembly SIMD) against the 4 × 4 register-tiled JavaScript
 *   fallback, and that against the straightforward triple loop
 *   on 256 × 256 dot products of length 768 (the figure quoted in src/core/pairwise.ts);
 * - exact blocked `hsic` at d = 768 (text-embedding size), n = 1000, 2000, 5000 (and 20000 with
 *   `--full`), against the plain dense O(n²) computation (two n × n Gram matrices from a naive
 *   triple loop, centred, then Σ K̄∘L̄) timed on a 1000-point subset and scaled by (n/1000)²;
 * - the linear-time approximations at n = 10^5 (10^6 with `--full`), d = 64: RFF (D = 256),
 *   Nyström (rank 256) and block HSIC (B = 32), against exact `hsic` timed at n = 10^4 and scaled
 *   by (n/10^4)² (running it at 10^5 would take minutes).
 * Bandwidths are fixed (σ = √d, about the median distance of these data) so that every row times
 * the HSIC computation, not the median heuristic.
 */

import { dotBlock, dotBlockJs } from '../src/core/pairwise.js';
import { createRandom } from '../src/core/random.js';
import { kernel } from '../src/index.js';
import { runPython } from './compare.js';
import { report, type Timing, time } from './harness.js';

/** n paired rows, X ~ N(0, I_d) and Y = 0.8 X + 0.6 ε, as row views of two flat buffers. */
function correlated(n: number, d: number, seed: number): { X: Float64Array[]; Y: Float64Array[] } {
  const rng = createRandom(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    y[i] = 0.8 * a + 0.6 * rng.normal();
  }
  const rows = (a: Float64Array) =>
    Array.from({ length: n }, (_, i) => a.subarray(i * d, (i + 1) * d));
  return { X: rows(x), Y: rows(y) };
}

/** Biased HSIC the plain way: dense Gram matrices by a naive triple loop, centred, Σ K̄∘L̄. */
function naiveHsic(X: Float64Array[], Y: Float64Array[], sx: number, sy: number): number {
  const n = X.length;
  const gram = (R: Float64Array[], s: number): Float64Array => {
    const K = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const a = R[i] as Float64Array;
      for (let j = 0; j < n; j++) {
        const b = R[j] as Float64Array;
        let d2 = 0;
        for (let k = 0; k < a.length; k++) {
          const g = (a[k] as number) - (b[k] as number);
          d2 += g * g;
        }
        K[i * n + j] = Math.exp(-d2 / (2 * s * s));
      }
    }
    // K̄ = HKH: subtract row and column means, add back the grand mean.
    const r = new Float64Array(n);
    let all = 0;
    for (let i = 0; i < n; i++) {
      let t = 0;
      for (let j = 0; j < n; j++) t += K[i * n + j] as number;
      r[i] = t / n;
      all += t;
    }
    all /= n * n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        K[i * n + j] = (K[i * n + j] as number) - (r[i] as number) - (r[j] as number) + all;
    return K;
  };
  const K = gram(X, sx);
  const L = gram(Y, sy);
  let t = 0;
  for (let i = 0; i < n * n; i++) t += (K[i] as number) * (L[i] as number);
  return t / ((n - 1) * (n - 1));
}

/** A timing scaled by a factor (an extrapolated baseline), renamed. */
function scaled(t: Timing, factor: number, name: string): Timing {
  return {
    name,
    medianMs: t.medianMs * factor,
    q1Ms: t.q1Ms * factor,
    q3Ms: t.q3Ms * factor,
    reps: t.reps,
  };
}

export function benchKernel(full: boolean): void {
  // The Gram inner loop.
  {
    const d = 768;
    const rng = createRandom(1);
    const A = new Float64Array(256 * d).map(() => rng.normal());
    const B = new Float64Array(256 * d).map(() => rng.normal());
    const out = new Float64Array(256 * 256);
    const wasm = time('dotBlock 256 × 256 × 768 (WebAssembly SIMD where available)', () => {
      dotBlock(A, 0, 256, B, 0, 256, d, out);
      return out[0];
    });
    const tiled = time('dotBlockJs (4 × 4 register tile)', () => {
      dotBlockJs(A, 0, 256, B, 0, 256, d, out);
      return out[0];
    });
    const plain = time('triple loop', () => {
      for (let i = 0; i < 256; i++)
        for (let j = 0; j < 256; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += (A[i * d + k] as number) * (B[j * d + k] as number);
          out[i * 256 + j] = s;
        }
      return out[0];
    });
    report('kernel: Gram inner loop', [
      [wasm, tiled],
      [tiled, plain],
    ]);
    const gflops = (t: Timing) => ((2 * 256 * 256 * d) / (t.medianMs * 1e6)).toFixed(2);
    console.log(
      `\nGFlop/s: WebAssembly ${gflops(wasm)}, JS tile ${gflops(tiled)}, triple loop ${gflops(plain)}`,
    );
  }

  // Exact HSIC at d = 768 against the dense computation.
  {
    const d = 768;
    const sigma = Math.sqrt(2 * d); // ‖x − x'‖ ≈ √(2d) for N(0, I_d) rows: about the median
    const k = kernel.gaussianKernel({ bandwidth: sigma });
    const rows: [Timing, Timing][] = [];
    const sub = correlated(1000, d, 1000);
    const dense = time('naive dense, n = 1000', () => naiveHsic(sub.X, sub.Y, sigma, sigma), 3, 0);
    for (const n of full ? [1000, 2000, 5000, 20000] : [1000, 2000, 5000]) {
      const { X, Y } = n === 1000 ? sub : correlated(n, d, n);
      const reps = n >= 20000 ? 1 : n >= 5000 ? 3 : 5;
      // n = 5000 and above: one call takes seconds, so no warm-up run (JIT warm-up is ms).
      const ours = time(
        `hsic (blocked), n = ${n}, d = ${d}`,
        () => kernel.hsic(X, Y, { kernelX: k, kernelY: k }),
        reps,
        n >= 5000 ? 0 : 1,
      );
      const f = (n / 1000) ** 2;
      rows.push([ours, n === 1000 ? dense : scaled(dense, f, `naive dense × (n/1000)² = ${f}`)]);
    }
    report('kernel: exact HSIC, d = 768', rows);

    // Against NumPy (dense Gram matrices through OpenBLAS) on identical data.
    const cases = [2000, 5000].map((n) => {
      const { X, Y } = correlated(n, d, n);
      return {
        n,
        d,
        sigma,
        x: X.flatMap((r) => Array.from(r)),
        y: Y.flatMap((r) => Array.from(r)),
      };
    });
    const py = runPython<{ n: number; numpy_ms: number; value: number }[]>('kernel.py', cases);
    if (py) {
      console.log(
        '\n## kernel: exact HSIC against NumPy on identical data (ratio = ours / NumPy)\n',
      );
      console.log('| n | d | ours (ms) | NumPy (ms) | ratio | |ours − NumPy| / NumPy |');
      console.log('|---:|---:|---:|---:|---:|---:|');
      for (const r of py) {
        const ours = rows.find(([t]) => t.name.includes(`n = ${r.n},`))?.[0].medianMs as number;
        const c = cases.find((x) => x.n === r.n) as (typeof cases)[number];
        const rowsOf = (a: number[]) =>
          Array.from({ length: r.n }, (_, i) => Float64Array.from(a.slice(i * d, (i + 1) * d)));
        const v = kernel.hsic(rowsOf(c.x), rowsOf(c.y), { kernelX: k, kernelY: k });
        console.log(
          `| ${r.n} | ${d} | ${ours.toFixed(0)} | ${r.numpy_ms.toFixed(0)} | ${(ours / r.numpy_ms).toFixed(2)} | ${(Math.abs(v - r.value) / r.value).toExponential(1)} |`,
        );
      }
    }
    const check = naiveHsic(sub.X, sub.Y, sigma, sigma);
    const ours = kernel.hsic(sub.X, sub.Y, { kernelX: k, kernelY: k });
    console.log(
      `\nn = 1000: blocked ${ours}, naive dense ${check} (relative difference ${Math.abs(ours - check) / check})`,
    );
  }

  // Linear-time approximations at large n, d = 64.
  {
    const d = 64;
    const sigma = Math.sqrt(2 * d);
    const k = kernel.gaussianKernel({ bandwidth: sigma });
    const small = correlated(10_000, d, 10_000);
    const exact = time(
      'hsic (exact), n = 10^4',
      () => kernel.hsic(small.X, small.Y, { kernelX: k, kernelY: k }),
      3,
      0,
    );
    const rows: [Timing, Timing][] = [];
    for (const n of full ? [100_000, 1_000_000] : [100_000]) {
      const { X, Y } = correlated(n, d, n);
      const reps = n >= 1_000_000 ? 1 : 3;
      const f = (n / 10_000) ** 2;
      const base = scaled(exact, f, `exact hsic × (n/10^4)² = ${f}`);
      const label = n >= 1_000_000 ? '10^6' : '10^5';
      rows.push([
        time(
          `hsicRff, D = 256, n = ${label}`,
          () => kernel.hsicRff(X, Y, { features: 256, bandwidthX: sigma, bandwidthY: sigma }),
          reps,
          0,
        ),
        base,
      ]);
      rows.push([
        time(
          `hsicNystrom, rank 256, n = ${label}`,
          () => kernel.hsicNystrom(X, Y, { rank: 256, kernelX: k, kernelY: k }),
          reps,
          0,
        ),
        base,
      ]);
      rows.push([
        time(
          `hsicBlock, B = 32, n = ${label}`,
          () => kernel.hsicBlock(X, Y, { blockSize: 32, kernelX: k, kernelY: k }).value,
          reps,
          0,
        ),
        base,
      ]);
    }
    report('kernel: linear-time HSIC approximations, d = 64', rows);
  }
}
