/** `infobound repro figure4 | figure2`: the paper's GMM simulation, written as files. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { KlEstimator } from '../../simulation/index.js';
import { type Context, emit } from '../context.js';
import { addJson, addSeed, integerArg } from '../options.js';
import { renderTable } from '../output.js';
import type { ReproResult } from '../repro.js';

const KL_ESTIMATORS: readonly KlEstimator[] = ['monte-carlo', 'histogram', 'histogram-shared'];

function estimatorsArg(value: string): KlEstimator[] {
  const list = value.split(',').map((s) => s.trim());
  for (const e of list) {
    if (!(KL_ESTIMATORS as readonly string[]).includes(e)) {
      throw new InvalidArgumentError(
        `expected a comma-separated list of ${KL_ESTIMATORS.join(', ')}.`,
      );
    }
  }
  return list as KlEstimator[];
}

interface Figure4Options {
  quick?: boolean;
  full?: boolean;
  out: string;
  seed?: number;
  workers?: number;
  estimator?: KlEstimator[];
  json?: boolean;
}

interface Figure2Options {
  out: string;
  seed?: number;
  K?: number;
  J?: number;
  L?: number;
  json?: boolean;
}

function report(
  ctx: Context,
  asJson: boolean | undefined,
  head: Record<string, unknown>,
  r: ReproResult,
) {
  emit(ctx, asJson, { ...head, files: r.files, summary: r.summary }, () => {
    const summary = r.summary.endsWith('\n') ? r.summary : `${r.summary}\n`;
    return `${summary}\n${renderTable(r.files.map((f, i) => [i === 0 ? 'files' : '', f]))}`;
  });
}

/**
 * Registers `repro figure4` and `repro figure2`: the reproduction of the paper's Figure 4 (KL Gap
 * sweeps over K, J and L; `--quick`, the default, or `--full`, the published protocol) and
 * Figure 2 (anchor and synthetic samples over the densities), written to `--out` as data and
 * figures by `reproFigure4` / `reproFigure2` (src/cli/repro.ts). Figure 4 shows a progress bar
 * on a terminal.
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerRepro(program: Command, ctx: Context): void {
  const repro = program
    .command('repro')
    .summary("reproduce the paper's GMM simulation (Figures 4 and 2) as files")
    .description(
      "Reproduces the paper's Gaussian-mixture simulation (Sec. 4.4, App. B) as JSON, CSV, SVG and PNG files.",
    );

  const f4 = repro
    .command('figure4')
    .description(
      'Figure 4: the KL Gap as the numbers of anchor (K), unsampled (J) and task-irrelevant (L)\n' +
        'components vary, mean ± std over repetitions. --quick (default) runs a reduced protocol\n' +
        'in a few minutes; --full runs the published one (3 × 14 settings × 100 repetitions ×\n' +
        '100 resamples). The result for a seed does not depend on --workers.',
    )
    .option('--quick', 'reduced protocol (default)')
    .addOption(new Option('--full', 'the published protocol').conflicts('quick'))
    .option('-o, --out <dir>', 'directory to write to (created if missing)', 'infobound-figures')
    .option('--workers <n>', 'worker threads (default: available cores)', integerArg(1))
    .option(
      '--estimator <list>',
      `KL estimators, comma-separated: ${KL_ESTIMATORS.join(', ')} (default: monte-carlo,histogram)`,
      estimatorsArg,
    );
  addSeed(f4, 'everything');
  addJson(f4);
  f4.action(async (opts: Figure4Options) => {
    const mode = opts.full ? 'full' : 'quick';
    const progress = opts.json ? undefined : ctx.io.progress(`Figure 4 (${mode})`);
    let result: ReproResult;
    try {
      result = await ctx.io.repro.reproFigure4({
        mode,
        outDir: opts.out,
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
        ...(opts.workers === undefined ? {} : { workers: opts.workers }),
        ...(opts.estimator === undefined ? {} : { klEstimators: opts.estimator }),
        ...(progress === undefined
          ? {}
          : { onProgress: (done: number, total: number) => progress.update(done, total) }),
      });
    } finally {
      progress?.stop();
    }
    report(
      ctx,
      opts.json,
      { command: 'repro figure4', mode, outDir: opts.out, seed: opts.seed ?? 0 },
      result,
    );
  });

  const f2 = repro
    .command('figure2')
    .description(
      'Figure 2: anchor and synthetic samples of one repetition over the mixture densities.',
    )
    .option('-o, --out <dir>', 'directory to write to (created if missing)', 'infobound-figures')
    .option('--K <n>', 'anchor components (default: the paper’s)', integerArg(1))
    .option('--J <n>', 'unsampled components (default: the paper’s)', integerArg(0))
    .option('--L <n>', 'task-irrelevant components (default: the paper’s)', integerArg(0));
  addSeed(f2, 'everything');
  addJson(f2);
  f2.action(async (opts: Figure2Options) => {
    const result = await ctx.io.repro.reproFigure2({
      outDir: opts.out,
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      ...(opts.K === undefined ? {} : { K: opts.K }),
      ...(opts.J === undefined ? {} : { J: opts.J }),
      ...(opts.L === undefined ? {} : { L: opts.L }),
    });
    report(
      ctx,
      opts.json,
      { command: 'repro figure2', outDir: opts.out, seed: opts.seed ?? 0 },
      result,
    );
  });
}
