/**
 * Renders sample Figures 2 and 4 (small, quick settings) to SVG and PNG, to look at the layout.
 * Run: `npx tsx scripts/figures-preview.ts [outDir]` (default /tmp/figs).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { figure2Svg, figure4Svg, svgToPng } from '../src/cli/figures.js';
import { figure4 } from '../src/simulation/figure4.js';
import { klGapRepetition, resolveKlGapOptions } from '../src/simulation/klGap.js';

const outDir = process.argv[2] ?? '/tmp/figs';
await mkdir(outDir, { recursive: true });

async function write(name: string, svg: string): Promise<void> {
  await writeFile(join(outDir, `${name}.svg`), svg);
  await writeFile(join(outDir, `${name}.png`), await svgToPng(svg));
  console.log(`${name}: ${(svg.length / 1024).toFixed(0)} KiB SVG`);
}

const settings = { K: 3, J: 2, L: 2 };
const rep = klGapRepetition(
  resolveKlGapOptions({ ...settings, repetitions: 2, resamples: 1, seed: 0 }),
  0,
);
await write('figure2', await figure2Svg({ ...rep, ...settings }));
const many = { K: 5, J: 5, L: 8 };
const repMany = klGapRepetition(
  resolveKlGapOptions({ ...many, repetitions: 2, resamples: 1, seed: 1 }),
  1,
);
await write('figure2-many', await figure2Svg({ ...repMany, ...many }, { gridSize: 100 }));

const values = [2, 4, 6, 8, 10];
const common = { values, repetitions: 4, resamples: 2, resampleSize: 400, seed: 0 };
const results = (['monte-carlo', 'histogram'] as const).map((klEstimator) => ({
  estimator: klEstimator,
  result: figure4({ ...common, klEstimator }),
}));
await write('figure4', await figure4Svg(results, { title: 'Figure 4 (preview, 4 repetitions)' }));
await write('figure4-single', await figure4Svg(results.slice(0, 1)));
