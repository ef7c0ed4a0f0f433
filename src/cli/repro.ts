/**
 * The reproduction of the paper's GMM simulation (Figures 2 and 4) as files: results as JSON
 * and CSV, figures as SVG and PNG, and a Markdown summary of the trends. Used by
 * `npm run demo` (quick), `npm run repro:full` (the published protocol) and the CLI's `repro`
 * subcommand. Node only.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InfoboundError } from '../core/errors.js';
import { figure4 } from '../node/index.js';
import type { Figure4Result } from '../simulation/figure4.js';
import { type KlEstimator, klGapRepetition, resolveKlGapOptions } from '../simulation/klGap.js';
import { type Figure4Slopes, figure4Slopes } from '../simulation/slopes.js';
import { figure2Svg, figure4Svg, svgToPng } from './figures.js';

/** Options of {@link reproFigure4}. */
export interface ReproFigure4Options {
  /** 'quick' (reduced protocol, a few minutes) or 'full' (the published protocol). */
  mode: 'quick' | 'full';
  /** Directory the files are written to (created if missing). */
  outDir: string;
  /** Seed of everything (default 0). */
  seed?: number;
  /** Worker threads (default: available cores); the result does not depend on it. */
  workers?: number;
  /** Estimators to run (default: both 'monte-carlo' and 'histogram'). */
  klEstimators?: readonly KlEstimator[];
  /** Progress after each finished repetition. */
  onProgress?: (done: number, total: number) => void;
}

/** What a reproduction wrote. */
export interface ReproResult {
  /** Paths of the files written. */
  files: string[];
  /** A short plain-text summary (table of trends and slopes). */
  summary: string;
}

const VALUES = Array.from({ length: 14 }, (_, i) => i + 2);

/**
 * The two protocols. `full` is the published one (App. B: K, J, L from 2 to 15, 100 repetitions
 * of 100 resamples of 1000 draws). `quick` keeps every setting and the draw size but runs 20
 * repetitions of 10 resamples: enough for the trends' confidence intervals to settle their sign
 * in a minute or two on two cores.
 */
export const PROTOCOLS = {
  quick: { values: VALUES, repetitions: 20, resamples: 10, resampleSize: 1000 },
  full: { values: VALUES, repetitions: 100, resamples: 100, resampleSize: 1000 },
} as const;

/** The trends the paper reports (Sec. 4.4, Fig. 4). */
export const PAPER_TRENDS = { K: 'decreases', J: 'increases', L: 'decreases' } as const;

/** One estimator's run, as stored in figure4.json. */
export interface Figure4Run {
  estimator: KlEstimator;
  seconds: number;
  result: Figure4Result;
  slopes: Figure4Slopes;
}

function fmt(x: number, digits = 3): string {
  return x.toFixed(digits);
}

/** The Markdown table of trends: one row per estimator and sweep. */
export function trendTable(runs: readonly Figure4Run[]): string {
  const rows = [
    '| estimator | sweep | slope (nats per component) | 95% interval | trend | paper | agrees |',
    '|---|---|---:|---|---|---|---|',
  ];
  for (const run of runs) {
    for (const sweep of ['K', 'J', 'L'] as const) {
      const s = run.slopes[sweep];
      const paper = PAPER_TRENDS[sweep];
      rows.push(
        `| ${run.estimator} | ${sweep} | ${fmt(s.slope)} | [${fmt(s.lower)}, ${fmt(s.upper)}] | ${s.trend} | ${paper} | ${s.trend === paper ? 'yes' : 'no'} |`,
      );
    }
  }
  return rows.join('\n');
}

/** figure4.csv: one row per estimator, sweep and value. */
function csv(runs: readonly Figure4Run[]): string {
  const lines = ['estimator,sweep,value,mean,std,repetitions'];
  for (const run of runs) {
    for (const sweep of ['K', 'J', 'L'] as const) {
      for (const p of run.result[sweep]) {
        lines.push(`${run.estimator},${sweep},${p.value},${p.mean},${p.std},${p.values.length}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the SVG and its PNG; when the optional figure packages are missing, says so instead. */
async function writeFigure(
  outDir: string,
  name: string,
  draw: () => Promise<string>,
  files: string[],
): Promise<string | undefined> {
  let svg: string;
  try {
    svg = await draw();
  } catch (e) {
    if (e instanceof InfoboundError) throw e;
    return `${name}: not drawn (${e instanceof Error ? e.message : String(e)})`;
  }
  const svgPath = join(outDir, `${name}.svg`);
  await writeFile(svgPath, svg);
  files.push(svgPath);
  try {
    const pngPath = join(outDir, `${name}.png`);
    await writeFile(pngPath, await svgToPng(svg));
    files.push(pngPath);
  } catch (e) {
    return `${name}.png: not drawn (${e instanceof Error ? e.message : String(e)})`;
  }
  return undefined;
}

/**
 * Runs Figure 4 under each estimator (on worker threads) and writes `figure4.json` (options,
 * per-repetition gaps, slopes, run times), `figure4.csv`, `figure4.svg`/`.png` and
 * `figure4-summary.md` (the trend table) into `outDir`.
 */
export async function reproFigure4(options: ReproFigure4Options): Promise<ReproResult> {
  const { mode, outDir, seed = 0, onProgress } = options;
  const protocol = PROTOCOLS[mode];
  if (protocol === undefined) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `mode is ${String(mode)}: expected 'quick' or 'full'`,
    );
  }
  const workers = options.workers ?? availableParallelism();
  const estimators = options.klEstimators ?? (['monte-carlo', 'histogram'] as const);
  await mkdir(outDir, { recursive: true });
  const perEstimator = 3 * protocol.values.length * protocol.repetitions;
  const total = perEstimator * estimators.length;
  const runs: Figure4Run[] = [];
  for (const [i, estimator] of estimators.entries()) {
    const t0 = performance.now();
    const result = await figure4({
      ...protocol,
      values: [...protocol.values],
      klEstimator: estimator,
      seed,
      workers,
      ...(onProgress
        ? { onRepetition: (done: number) => onProgress(i * perEstimator + done, total) }
        : {}),
    });
    const seconds = (performance.now() - t0) / 1000;
    runs.push({ estimator, seconds, result, slopes: figure4Slopes(result) });
  }
  const files: string[] = [];
  const write = async (name: string, content: string) => {
    const path = join(outDir, name);
    await writeFile(path, content);
    files.push(path);
  };
  await write(
    'figure4.json',
    `${JSON.stringify({ mode, protocol, seed, workers, paperTrends: PAPER_TRENDS, runs }, null, 1)}\n`,
  );
  await write('figure4.csv', csv(runs));
  const notes: string[] = [];
  const note = await writeFigure(
    outDir,
    'figure4',
    () =>
      figure4Svg(
        runs.map((r) => ({ estimator: r.estimator, result: r.result })),
        {
          title: `Figure 4 (${mode}: ${protocol.repetitions} repetitions × ${protocol.resamples} resamples of ${protocol.resampleSize}, seed ${seed})`,
        },
      ),
    files,
  );
  if (note) notes.push(note);
  const timing = runs.map((r) => `${r.estimator} ${r.seconds.toFixed(1)} s`).join(', ');
  const summary = [
    `Figure 4, ${mode} protocol: K, J, L from ${protocol.values[0]} to ${protocol.values.at(-1)} (the other two at 2), ${protocol.repetitions} repetitions × ${protocol.resamples} resamples of ${protocol.resampleSize} draws, seed ${seed}, ${workers} worker(s); ${timing}.`,
    '',
    'Slope: mean over repetitions of each repetition\'s least-squares slope of the KL Gap on the swept count; interval: Student t over repetitions. "agrees": the interval excludes 0 on the side the paper reports.',
    '',
    trendTable(runs),
    ...(notes.length ? ['', ...notes] : []),
    '',
  ].join('\n');
  await write('figure4-summary.md', summary);
  return { files, summary };
}

/**
 * Draws Figure 2 for repetition 0 of one setting (default K = 3, J = 2, L = 2): the anchor
 * samples over the true density G and the synthetic samples over the generator density M.
 * Writes `figure2.svg` and `figure2.png`.
 */
export async function reproFigure2(options: {
  outDir: string;
  seed?: number;
  K?: number;
  J?: number;
  L?: number;
}): Promise<ReproResult> {
  const { outDir, seed = 0, K = 3, J = 2, L = 2 } = options;
  const o = resolveKlGapOptions({ K, J, L, seed, repetitions: 2, resamples: 1 });
  const rep = klGapRepetition(o, 0);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const note = await writeFigure(outDir, 'figure2', () => figure2Svg({ ...rep, K, J, L }), files);
  const summary =
    note ?? `Figure 2 (K = ${K}, J = ${J}, L = ${L}, seed ${seed}): ${files.join(', ')}`;
  return { files, summary };
}
