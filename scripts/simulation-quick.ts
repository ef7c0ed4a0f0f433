/**
 * A quick, reduced Figure 4 (values 2, 5, 10, 15; 10 repetitions × 10 resamples of 1000 draws)
 * under both KL estimators: prints a mean ± std table (Markdown) and the runtime of each.
 * Run: `npx tsx scripts/simulation-quick.ts`. The table in docs/reproduction.md comes from it.
 */
import { simulation } from '../src/index.js';

const values = [2, 5, 10, 15];
const estimators = ['monte-carlo', 'histogram'] as const;

for (const klEstimator of estimators) {
  const t0 = performance.now();
  const f = simulation.figure4({ values, repetitions: 10, resamples: 10, klEstimator, seed: 0 });
  const seconds = (performance.now() - t0) / 1000;
  console.log(`\n### ${klEstimator} (${seconds.toFixed(1)} s)\n`);
  console.log(`| value | K sweep | J sweep | L sweep |`);
  console.log(`|---:|---:|---:|---:|`);
  values.forEach((v, i) => {
    const cell = (s: 'K' | 'J' | 'L') => {
      const p = f[s][i] as { mean: number; std: number };
      return `${p.mean.toFixed(2)} ± ${p.std.toFixed(2)}`;
    };
    console.log(`| ${v} | ${cell('K')} | ${cell('J')} | ${cell('L')} |`);
  });
}
