/** `infobound kl`: KL divergence between two samples (kNN, Gaussian) or two distributions. */
import { type Command, Option } from 'commander';
import { InfoboundError } from '../../core/errors.js';
import type { Base } from '../../core/units.js';
import * as discrete from '../../discrete/index.js';
import * as gaussian from '../../gaussian/index.js';
import * as knn from '../../knn/index.js';
import type { Matrix } from '../columns.js';
import {
  type Context,
  computing,
  emit,
  readLabels,
  readMatrix,
  readPair,
  readProbabilities,
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
import { formatNumber, renderTable, shapeText, unitJson, unitName } from '../output.js';
import { empiricalPair, pqColumns } from './tv.js';

interface KlOptions {
  estimator: 'knn' | 'gaussian' | 'discrete';
  pCols?: string;
  qCols?: string;
  labels?: boolean;
  normalize?: boolean;
  k?: number;
  seed?: number;
  base?: Base;
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

/**
 * The maximum-likelihood normal of a sample: mean x̄ and covariance A/n, A the scatter matrix
 * Σ (x_i − x̄)(x_i − x̄)ᵀ (the plug-in fit of `gaussian.entropyFromSamples`). Two passes over
 * the rows, for accuracy.
 *
 * @param m - n × d samples, n ≥ 2.
 */
export function fitNormal(m: Matrix): { mean: number[]; cov: number[][] } {
  const { rows, n, d } = m;
  if (n < 2) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `${m.description} has ${n} row: a fitted normal needs at least 2`,
    );
  }
  const mean = new Array<number>(d).fill(0);
  for (const r of rows)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (r[j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const r of rows) {
    for (let i = 0; i < d; i++) {
      const ci = (r[i] as number) - (mean[i] as number);
      const row = cov[i] as number[];
      for (let j = 0; j <= i; j++)
        row[j] = (row[j] as number) + ci * ((r[j] as number) - (mean[j] as number));
    }
  }
  for (let i = 0; i < d; i++) {
    const row = cov[i] as number[];
    for (let j = 0; j <= i; j++) {
      row[j] = (row[j] as number) / n;
      (cov[j] as number[])[i] = row[j] as number;
    }
  }
  return { mean, cov };
}

/**
 * Registers `kl <p> <q>`: KL(P ‖ Q). `knn` (default): Wang–Kulkarni–Verdú from two samples of
 * the same dimension; `gaussian`: closed form between the maximum-likelihood normals of the two
 * samples; `discrete`: between two probability vectors (or, with `--labels`, the empirical
 * distributions of two label samples).
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerKl(program: Command, ctx: Context): void {
  const cmd = program
    .command('kl')
    .summary('KL divergence KL(P ‖ Q) between two samples (kNN, Gaussian) or distributions')
    .description(
      'Kullback–Leibler divergence KL(P ‖ Q).\n\n' +
        '  knn       Wang–Kulkarni–Verdú from samples of P and Q (same columns, any sizes; --k)\n' +
        '  gaussian  closed form between the maximum-likelihood normals fitted to each sample\n' +
        '  discrete  between two probability vectors (--normalize for counts), or with --labels\n' +
        '            between the empirical distributions of two label samples\n\n' +
        'Give two inputs, or one input split by --p-cols and --q-cols.',
    )
    .argument('<p>', 'samples of P (or its probabilities), file or -')
    .argument(
      '[q]',
      'samples of Q (or its probabilities); without it, split <p> by --p-cols and --q-cols',
    )
    .addOption(
      new Option('-e, --estimator <name>', 'estimator')
        .choices(['knn', 'gaussian', 'discrete'])
        .default('knn'),
    )
    .option('--p-cols <list>', 'columns of P')
    .option('--q-cols <list>', 'columns of Q')
    .option('--labels', 'discrete: the inputs are label samples, not probabilities')
    .option('--normalize', 'discrete: divide the inputs by their sums (counts)');
  addK(cmd);
  addSeed(cmd, 'the kNN tie-breaking jitter');
  addBase(cmd);
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action((p: string, q: string | undefined, opts: KlOptions) => {
    const readOptions = readOptionsOf(opts);
    const { estimator, base } = opts;
    if (estimator !== 'discrete') {
      if (opts.labels)
        throw notForEstimator('kl', '--labels', estimator, 'it is a discrete option');
      if (opts.normalize)
        throw notForEstimator('kl', '--normalize', estimator, 'it is a discrete option');
    }
    if (estimator !== 'knn') {
      if (opts.k !== undefined) throw notForEstimator('kl', '--k', estimator, 'it is a kNN option');
      if (opts.seed !== undefined)
        throw notForEstimator('kl', '--seed', estimator, 'it is a kNN option');
    }
    const json: Record<string, unknown> = { command: 'kl', estimator };
    let value: number;
    let how: string;
    let sides: [string, string];
    if (estimator === 'discrete') {
      if (opts.labels) {
        const [a, b] = readPair('kl', p, q, pqColumns(opts), (spec, cols, flag) =>
          readLabels(ctx, spec, cols, flag, readOptions),
        );
        const pair = empiricalPair(a.labels, b.labels);
        value = computing(`kl of ${a.description} and ${b.description}`, () =>
          discrete.klDivergence(pair.p, pair.q, withBase(base)),
        );
        how = `discrete, between the empirical distributions of the labels (${pair.support.length} distinct)`;
        sides = [
          `${a.description}: ${a.labels.length} labels`,
          `${b.description}: ${b.labels.length} labels`,
        ];
        Object.assign(json, { labels: true, support: pair.support, pmfP: pair.p, pmfQ: pair.q });
      } else {
        const [a, b] = readPair('kl', p, q, pqColumns(opts), (spec, cols, flag) =>
          readProbabilities(ctx, spec, cols, flag, readOptions),
        );
        const normalize = opts.normalize ?? false;
        value = computing(`kl of ${a.description} and ${b.description}`, () =>
          discrete.klDivergence(a.p, b.p, { normalize, ...withBase(base) }),
        );
        how = `discrete, between probability ${normalize ? 'weights (normalised)' : 'vectors'}`;
        sides = [a.description, b.description];
        Object.assign(json, { labels: false, normalize });
      }
    } else {
      const [a, b] = readPair('kl', p, q, pqColumns(opts), (spec, cols, flag) =>
        readMatrix(ctx, spec, cols, flag, readOptions),
      );
      if (a.d !== b.d) {
        throw new InfoboundError(
          'SHAPE_MISMATCH',
          `kl: ${a.description} has ${a.d} columns but ${b.description} has ${b.d}: P and Q must be distributions on the same space`,
        );
      }
      if (estimator === 'knn') {
        const k = opts.k ?? 3;
        const seed = opts.seed ?? 0;
        value = computing(`kl of ${a.description} and ${b.description}`, () =>
          knn.klDivergence(a.rows, b.rows, { k, seed, ...withBase(base) }),
        );
        how = `knn, Wang–Kulkarni–Verdú, k = ${k}`;
        Object.assign(json, { k, seed });
      } else {
        value = computing(`kl of ${a.description} and ${b.description}`, () =>
          gaussian.klDivergence(fitNormal(a), fitNormal(b), withBase(base)),
        );
        how = 'gaussian, closed form between the fitted normals (mean, covariance/n)';
      }
      sides = [
        `${a.description}: ${shapeText(a.n, a.d)}`,
        `${b.description}: ${shapeText(b.n, b.d)}`,
      ];
      Object.assign(json, { nP: a.n, nQ: b.n, d: a.d });
    }
    Object.assign(json, { p: sides[0], q: sides[1], value, unit: unitJson(base) });
    emit(ctx, opts.json, json, () =>
      renderTable([
        ['KL(P ‖ Q)', `${formatNumber(value)} ${unitName(base)}`],
        ['estimator', how],
        ['P', sides[0]],
        ['Q', sides[1]],
      ]),
    );
  });
}
