/**
 * The README's main job (`npm run demo`): a quick reproduction of the paper's GMM simulation.
 * Figure 4 under the Monte Carlo and the published histogram KL estimators (every setting of the
 * paper, 20 repetitions × 10 resamples of 1000 draws, on worker threads) and Figure 2, written to
 * out/quick/: figure4.{json,csv,svg,png}, figure4-summary.md, figure2.{svg,png}.
 * `npm run repro:full` runs the published protocol (100 × 100) into out/full/.
 *
 * Usage: npx tsx scripts/demo.ts [quick|full] [outDir] [--workers N] [--seed S]
 */
import { availableParallelism } from 'node:os';
import { reproFigure2, reproFigure4 } from '../src/cli/repro.js';

const args = process.argv.slice(2);
const flag = (name: string): number | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const workers = flag('--workers') ?? availableParallelism();
const seed = flag('--seed') ?? 0;
const mode = (args[0] ?? 'quick') as 'quick' | 'full';
if (mode !== 'quick' && mode !== 'full') {
  console.error(`unknown mode '${mode}': expected quick or full`);
  process.exit(2);
}
const outDir = args[1] ?? `out/${mode}`;

const t0 = performance.now();
let last = 0;
const r4 = await reproFigure4({
  mode,
  outDir,
  seed,
  workers,
  onProgress: (done, total) => {
    const now = performance.now();
    if (now - last < 2000 && done < total) return;
    last = now;
    const pct = ((100 * done) / total).toFixed(0);
    process.stderr.write(
      `figure 4: ${done}/${total} repetitions (${pct}%), ${((now - t0) / 1000).toFixed(0)} s\n`,
    );
  },
});
const r2 = await reproFigure2({ outDir, seed });
console.log(r4.summary);
console.log(r2.summary);
console.log(
  `\nWrote ${[...r4.files, ...r2.files].join(', ')} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
);
