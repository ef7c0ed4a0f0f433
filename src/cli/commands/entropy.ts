/** `infobound entropy`: the entropy of one sample (kNN, Gaussian) or of labels (discrete). */
import { type Command, Option } from 'commander';
import type { Base } from '../../core/units.js';
import * as discrete from '../../discrete/index.js';
import * as gaussian from '../../gaussian/index.js';
import * as knn from '../../knn/index.js';
import { type Context, computing, emit, readLabels, readMatrix } from '../context.js';
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
import { formatNumber, renderTable, shapeText, unitJson, unitName } from '../output.js';

interface EntropyOptions {
  estimator: 'knn' | 'gaussian' | 'discrete';
  cols?: string;
  k?: number;
  seed?: number;
  base?: Base;
  correction?: 'none' | 'ahmed-gokhale' | 'miller-madow';
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

/**
 * Registers `entropy <input>`: the differential entropy of continuous samples by
 * Kozachenko–Leonenko (`--estimator knn`, the default) or of the fitted Gaussian (`gaussian`),
 * or the plug-in (or Miller–Madow) entropy of labels (`discrete`: each row of the selected
 * columns is one label).
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerEntropy(program: Command, ctx: Context): void {
  const cmd = program
    .command('entropy')
    .summary('entropy of a sample (kNN, Gaussian) or of labels (discrete)')
    .description(
      'Entropy of the rows of <input>.\n\n' +
        '  knn       differential entropy, Kozachenko–Leonenko (Euclidean; --k, --seed)\n' +
        '  gaussian  differential entropy of the fitted normal (--correction none|ahmed-gokhale)\n' +
        '  discrete  entropy of labels, each row of the selected columns one label\n' +
        '            (--correction none|miller-madow)',
    )
    .argument('<input>', 'CSV, TSV, JSON, JSONL or .npy file, or - for stdin')
    .addOption(
      new Option('-e, --estimator <name>', 'estimator')
        .choices(['knn', 'gaussian', 'discrete'])
        .default('knn'),
    )
    .option('--cols <list>', 'columns to use: 1-based numbers, ranges (2-4) or header names')
    .addOption(
      new Option('--correction <name>', 'bias correction (default none)').choices([
        'none',
        'ahmed-gokhale',
        'miller-madow',
      ]),
    );
  addK(cmd);
  addSeed(cmd, 'the kNN tie-breaking jitter');
  addBase(cmd);
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action((input: string, opts: EntropyOptions) => {
    const readOptions = readOptionsOf(opts);
    const { estimator, base, correction } = opts;
    const json: Record<string, unknown> = { command: 'entropy', estimator };
    let value: number;
    let how: string;
    let what: string;
    if (estimator === 'discrete') {
      if (correction === 'ahmed-gokhale') {
        throw notForEstimator(
          'entropy',
          '--correction ahmed-gokhale',
          estimator,
          'use none or miller-madow',
        );
      }
      const c = correction ?? 'none';
      const { labels, description } = readLabels(ctx, input, opts.cols, '--cols', readOptions);
      value = computing(`entropy of ${description}`, () =>
        discrete.entropyFromSamples(labels, { correction: c, ...withBase(base) }),
      );
      const classes = new Set(labels).size;
      Object.assign(json, { correction: c, n: labels.length, classes, input: description });
      how = `discrete, ${c === 'none' ? 'plug-in' : 'Miller–Madow'} entropy of labels`;
      what = `${description}: ${labels.length} labels, ${classes} distinct`;
    } else {
      const m = readMatrix(ctx, input, opts.cols, '--cols', readOptions);
      if (estimator === 'knn') {
        if (correction !== undefined) {
          throw notForEstimator('entropy', '--correction', estimator, 'it has none');
        }
        const k = opts.k ?? 3;
        const seed = opts.seed ?? 0;
        value = computing(`entropy of ${m.description}`, () =>
          knn.entropy(m.rows, { k, seed, ...withBase(base) }),
        );
        Object.assign(json, { k, seed });
        how = `knn, Kozachenko–Leonenko, k = ${k}`;
      } else {
        if (correction === 'miller-madow') {
          throw notForEstimator(
            'entropy',
            '--correction miller-madow',
            estimator,
            'use none or ahmed-gokhale',
          );
        }
        const c = correction ?? 'none';
        value = computing(`entropy of ${m.description}`, () =>
          gaussian.entropyFromSamples(m.rows, { correction: c, ...withBase(base) }),
        );
        Object.assign(json, { correction: c });
        how = `gaussian, ${c === 'none' ? 'plug-in' : 'Ahmed–Gokhale'} entropy of the fitted normal`;
      }
      Object.assign(json, { n: m.n, d: m.d, input: m.description });
      what = `${m.description}: ${shapeText(m.n, m.d)}`;
    }
    Object.assign(json, { value, unit: unitJson(base) });
    emit(ctx, opts.json, json, () =>
      renderTable([
        ['entropy', `${formatNumber(value)} ${unitName(base)}`],
        ['estimator', how],
        ['input', what],
      ]),
    );
  });
}
