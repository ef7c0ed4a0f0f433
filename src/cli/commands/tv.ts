/** `infobound tv`: total variation distance between two distributions or two label samples. */
import type { Command } from 'commander';
import * as discrete from '../../discrete/index.js';
import type { Label } from '../columns.js';
import {
  type Context,
  computing,
  emit,
  readLabels,
  readPair,
  readProbabilities,
} from '../context.js';
import type { Format } from '../input.js';
import { addInputOptions, addJson, readOptionsOf } from '../options.js';
import { renderTable } from '../output.js';

interface TvOptions {
  pCols?: string;
  qCols?: string;
  labels?: boolean;
  normalize?: boolean;
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

/**
 * The empirical distributions of two label samples on their common support (the labels in
 * order of first appearance, in `a` then in `b`).
 *
 * @returns The support and the relative frequencies of each sample on it.
 */
export function empiricalPair(
  a: readonly Label[],
  b: readonly Label[],
): { support: Label[]; p: number[]; q: number[] } {
  const index = new Map<Label, number>();
  for (const l of [...a, ...b]) if (!index.has(l)) index.set(l, index.size);
  const p = new Array<number>(index.size).fill(0);
  const q = new Array<number>(index.size).fill(0);
  for (const l of a) p[index.get(l) as number] += 1 / a.length;
  for (const l of b) q[index.get(l) as number] += 1 / b.length;
  return { support: [...index.keys()], p, q };
}

/** The column options of the two-distribution subcommands (`kl`, `tv`). */
export function pqColumns(opts: { pCols?: string; qCols?: string }) {
  return {
    first: opts.pCols,
    second: opts.qCols,
    flags: ['--p-cols', '--q-cols'] as [string, string],
  };
}

/**
 * Registers `tv <p> [q]`: D_TV(P, Q) = ½ Σ |p − q| between two probability vectors (or tables
 * of the same shape; `--normalize` for counts), or with `--labels` between the empirical
 * distributions of two label samples; two inputs, or one split by `--p-cols` / `--q-cols`.
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerTv(program: Command, ctx: Context): void {
  const cmd = program
    .command('tv')
    .summary('total variation distance between two distributions or two label samples')
    .description(
      'Total variation distance D_TV(P, Q) = ½ Σ |P(x) − Q(x)|, in [0, 1].\n\n' +
        'P and Q are probability vectors (one row or one column; --normalize for counts), or,\n' +
        'with --labels, label samples whose empirical distributions are compared. Give two\n' +
        'inputs, or one input split by --p-cols and --q-cols.',
    )
    .argument('<p>', 'P: probabilities or (--labels) label samples, file or -')
    .argument('[q]', 'Q; without it, split <p> with --p-cols and --q-cols')
    .option('--p-cols <list>', 'columns of P')
    .option('--q-cols <list>', 'columns of Q')
    .option('--labels', 'the inputs are label samples, not probabilities')
    .option('--normalize', 'divide the inputs by their sums (counts)');
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action((p: string, q: string | undefined, opts: TvOptions) => {
    const readOptions = readOptionsOf(opts);
    const json: Record<string, unknown> = { command: 'tv' };
    let value: number;
    let sides: [string, string];
    let how: string;
    if (opts.labels) {
      const [a, b] = readPair('tv', p, q, pqColumns(opts), (spec, cols, flag) =>
        readLabels(ctx, spec, cols, flag, readOptions),
      );
      const pair = empiricalPair(a.labels, b.labels);
      value = discrete.tvDistance(pair.p, pair.q);
      how = `between the empirical distributions of the labels (${pair.support.length} distinct)`;
      sides = [
        `${a.description}: ${a.labels.length} labels`,
        `${b.description}: ${b.labels.length} labels`,
      ];
      Object.assign(json, { labels: true, support: pair.support, pmfP: pair.p, pmfQ: pair.q });
    } else {
      const [a, b] = readPair('tv', p, q, pqColumns(opts), (spec, cols, flag) =>
        readProbabilities(ctx, spec, cols, flag, readOptions),
      );
      const normalize = opts.normalize ?? false;
      value = computing(`tv of ${a.description} and ${b.description}`, () =>
        discrete.tvDistance(a.p, b.p, { normalize }),
      );
      how = `between probability ${normalize ? 'weights (normalised)' : 'vectors'}`;
      sides = [a.description, b.description];
      Object.assign(json, { labels: false, normalize });
    }
    Object.assign(json, { p: sides[0], q: sides[1], value });
    emit(ctx, opts.json, json, () =>
      renderTable([
        ['D_TV(P, Q)', value],
        ['computed', how],
        ['P', sides[0]],
        ['Q', sides[1]],
      ]),
    );
  });
}
