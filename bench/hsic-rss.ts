/**
 * Exact HSIC at n rows, d = 768, in a process of its own, printing the time and the peak resident
 * set size (process.resourceUsage().maxRSS): the memory claim of the blocked computation is
 * O(n·d + b²), so at n = 20000 it should stay far below the 3.2 GB two dense Gram matrices need.
 * Usage: npx tsx bench/hsic-rss.ts 20000
 */
import { createRandom } from '../src/core/random.js';
import { kernel } from '../src/index.js';

const n = Number(process.argv[2] ?? 20000);
const d = 768;
const rng = createRandom(n);
const x = new Float64Array(n * d);
const y = new Float64Array(n * d);
for (let i = 0; i < n * d; i++) {
  const a = rng.normal();
  x[i] = a;
  y[i] = 0.8 * a + 0.6 * rng.normal();
}
const rows = (a: Float64Array) =>
  Array.from({ length: n }, (_, i) => a.subarray(i * d, (i + 1) * d));
const sigma = Math.sqrt(2 * d);
const k = kernel.gaussianKernel({ bandwidth: sigma });
const t0 = performance.now();
const value = kernel.hsic(rows(x), rows(y), { kernelX: k, kernelY: k });
const ms = performance.now() - t0;
const rssMiB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ n, d, value, ms, peakRssMiB: rssMiB }));
