/** `infobound mi`: mutual information between paired samples (KSG, Gaussian) or labels. */
import { type Command, Option } from 'commander';
import type { Base } from '../../core/units.js';
import * as discrete from '../../discrete/index.js';
import * as gaussian from '../../gaussian/index.js';
import * as knn from '../../knn/index.js';
import {
  assertPaired,
  type Context,
  computing,
  emit,
  readLabels,
  readMatrix,
  readPair,
} from '../context.js';
import type { Format } from '../input.js';
import {
  addBase,
  addInputOptions,
  addJson,
  addK,
  addSeed,
  notForEstimator,
  readOptionsOf,
  withBase,
} from '../options.js';
import { columnCount, formatNumber, renderTable, unitJson, unitName } from '../output.js';

interface MiOptions {
  estimator: 'knn' | 'gaussian' | 'discrete';
  xCols?: string;
  yCols?: string;
  k?: number;
  algorithm?: '1' | '2';
  standardize?: boolean;
  seed?: number;
  base?: Base;
  correction?: 'none' | 'ahmed-gokhale';
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

/** Adds `--x-cols` and `--y-cols`, the column selections of the two sides. */
export function addPairColumns(cmd: Command): Command {
  return cmd
    .option('--x-cols <list>', 'columns of the first side (of <x>, or of the one input)')
    .option('--y-cols <list>', 'columns of the second side (of <y>, or of the one input)');
}

/**
 * Registers `mi <x> [y]`: I(X; Y) from paired samples, two inputs with the same number of rows
 * or one input split by `--x-cols` / `--y-cols`. Estimators: `knn` (KSG, default), `gaussian`
 * (the fitted normal's closed form), `discrete` (plug-in, on labels).
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerMi(program: Command, ctx: Context): void {
  const cmd = program
    .command('mi')
    .summary('mutual information I(X; Y) of paired samples (KSG, Gaussian) or labels (discrete)')
    .description(
      'Mutual information I(X; Y) between paired samples: row i of <x> and row i of <y>,\n' +
        'or the --x-cols and --y-cols of a single input.\n\n' +
        '  knn       Kraskov–Stögbauer–Grassberger, max-norm (--k, --algorithm 1|2, --standardize)\n' +
        '  gaussian  closed form of the fitted normal (--correction none|ahmed-gokhale)\n' +
        '  discrete  plug-in MI of labels (each row of the selected columns one label)',
    )
    .argument('<x>', 'first input (file or -)')
    .argument('[y]', 'second input; without it, split <x> with --x-cols and --y-cols')
    .addOption(
      new Option('-e, --estimator <name>', 'estimator')
        .choices(['knn', 'gaussian', 'discrete'])
        .default('knn'),
    );
  addPairColumns(cmd);
  addK(cmd);
  cmd
    .addOption(new Option('--algorithm <n>', 'KSG algorithm (default 1)').choices(['1', '2']))
    .option('--standardize', 'KSG: scale every column to unit standard deviation first')
    .addOption(
      new Option('--correction <name>', 'Gaussian: bias correction (default none)').choices([
        'none',
        'ahmed-gokhale',
      ]),
    );
  addSeed(cmd, 'the kNN tie-breaking jitter');
  addBase(cmd);
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action((x: string, y: string | undefined, opts: MiOptions) => {
    const readOptions = readOptionsOf(opts);
    const { estimator, base } = opts;
    const json: Record<string, unknown> = { command: 'mi', estimator };
    const pairCols = {
      first: opts.xCols,
      second: opts.yCols,
      flags: ['--x-cols', '--y-cols'] as [string, string],
    };
    if (estimator !== 'knn') {
      for (const [flag, v] of [
        ['--algorithm', opts.algorithm],
        ['--standardize', opts.standardize],
        ['--k', opts.k],
      ] as const) {
        if (v !== undefined) throw notForEstimator('mi', flag, estimator, 'it is a KSG option');
      }
    }
    if (estimator !== 'gaussian' && opts.correction !== undefined) {
      throw notForEstimator('mi', '--correction', estimator, 'it is a Gaussian option');
    }
    let value: number;
    let how: string;
    let sides: string[];
    let descriptions: string[];
    if (estimator === 'discrete') {
      const [a, b] = readPair('mi', x, y, pairCols, (spec, cols, flag) =>
        readLabels(ctx, spec, cols, flag, readOptions),
      );
      assertPaired('mi', { n: a.labels.length, ...a }, { n: b.labels.length, ...b });
      value = computing(`mi of ${a.description} and ${b.description}`, () =>
        discrete.mutualInformationFromSamples(a.labels, b.labels, withBase(base)),
      );
      how = 'discrete, plug-in MI of labels';
      sides = [a.description, b.description];
      descriptions = sides;
      Object.assign(json, { n: a.labels.length });
    } else {
      const [a, b] = readPair('mi', x, y, pairCols, (spec, cols, flag) =>
        readMatrix(ctx, spec, cols, flag, readOptions),
      );
      assertPaired('mi', a, b);
      if (estimator === 'knn') {
        const k = opts.k ?? 3;
        const algorithm = opts.algorithm === '2' ? 2 : 1;
        const seed = opts.seed ?? 0;
        const standardize = opts.standardize ?? false;
        value = computing(`mi of ${a.description} and ${b.description}`, () =>
          knn.mutualInformation(a.rows, b.rows, {
            k,
            algorithm,
            seed,
            standardize,
            ...withBase(base),
          }),
        );
        how = `knn, KSG algorithm ${algorithm}, k = ${k}${standardize ? ', standardised columns' : ''}`;
        Object.assign(json, { k, algorithm, standardize, seed });
      } else {
        const correction = opts.correction ?? 'none';
        value = computing(`mi of ${a.description} and ${b.description}`, () =>
          gaussian.mutualInformationFromSamples(a.rows, b.rows, { correction, ...withBase(base) }),
        );
        how = `gaussian, ${correction === 'none' ? 'plug-in' : 'Ahmed–Gokhale'} MI of the fitted normal`;
        Object.assign(json, { correction });
      }
      descriptions = [a.description, b.description];
      sides = [`${a.description} (${columnCount(a.d)})`, `${b.description} (${columnCount(b.d)})`];
      Object.assign(json, { n: a.n, dx: a.d, dy: b.d });
    }
    Object.assign(json, { x: descriptions[0], y: descriptions[1], value, unit: unitJson(base) });
    emit(ctx, opts.json, json, () =>
      renderTable([
        ['mutual information', `${formatNumber(value)} ${unitName(base)}`],
        ['estimator', how],
        ['x', sides[0] as string],
        ['y', sides[1] as string],
        ['samples', String(json.n)],
      ]),
    );
  });
}
