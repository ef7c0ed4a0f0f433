/**
 * Discrete family: the cost of validation and compensated summation, against a bare loop that
 * does neither (the least any implementation can do), on the same data in the same run.
 */
import { createRandom } from '../src/core/random.js';
import { discrete } from '../src/index.js';
import { report, type Timing, time } from './harness.js';

export function benchDiscrete(): void {
  const rng = createRandom(1);
  const rows: [Timing, Timing][] = [];

  for (const size of [1_000, 100_000, 1_000_000]) {
    const w = new Float64Array(size);
    let s = 0;
    for (let i = 0; i < size; i++) s += w[i] = rng.uniform();
    for (let i = 0; i < size; i++) w[i] = (w[i] as number) / s;
    const q = w.slice().reverse();
    rows.push([
      time(`entropy, ${size} outcomes`, () => discrete.entropy(w)),
      time('bare −Σ p log p', () => {
        let h = 0;
        for (let i = 0; i < size; i++) {
          const p = w[i] as number;
          if (p > 0) h -= p * Math.log(p);
        }
        return h;
      }),
    ]);
    rows.push([
      time(`klDivergence, ${size} outcomes`, () => discrete.klDivergence(w, q)),
      time('bare Σ p log(p/q)', () => {
        let h = 0;
        for (let i = 0; i < size; i++) {
          const p = w[i] as number;
          if (p > 0) h += p * Math.log(p / (q[i] as number));
        }
        return h;
      }),
    ]);
  }

  for (const n of [10_000, 1_000_000]) {
    const x = Array.from(rng.categorical(new Float64Array(20).fill(1 / 20), n));
    const y = x.map((v) => (v + rng.int(0, 3)) % 20);
    rows.push([
      time(`mutualInformationFromSamples, N = ${n}, 20×20 labels`, () =>
        discrete.mutualInformationFromSamples(x, y),
      ),
      time(
        'bare contingency + Σ',
        () => {
          const c = new Float64Array(400);
          const cx = new Float64Array(20);
          const cy = new Float64Array(20);
          for (let i = 0; i < n; i++) {
            c[(x[i] as number) * 20 + (y[i] as number)]++;
            cx[x[i] as number]++;
            cy[y[i] as number]++;
          }
          let mi = 0;
          for (let a = 0; a < 20; a++)
            for (let b = 0; b < 20; b++) {
              const v = c[a * 20 + b] as number;
              if (v > 0)
                mi += (v / n) * Math.log((n * v) / ((cx[a] as number) * (cy[b] as number)));
            }
          return mi;
        },
        11,
      ),
    ]);
  }
  report('discrete', rows);
}
