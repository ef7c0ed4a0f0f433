/** `infobound hsic`: HSIC between paired samples, and its independence test. */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { InfoboundError } from '../../core/errors.js';
import * as kernel from '../../kernel/index.js';
import { assertPaired, type Context, computing, emit, readMatrix, readPair } from '../context.js';
import type { Format } from '../input.js';
import { addInputOptions, addJson, addSeed, integerArg, readOptionsOf } from '../options.js';
import { type Cell, columnCount, renderTable } from '../output.js';
import { addPairColumns } from './mi.js';

interface HsicOptions {
  estimator: 'biased' | 'unbiased';
  kernel: 'gaussian' | 'laplace' | 'linear';
  bandwidth: number | 'median';
  test?: 'gamma' | 'permutation';
  permutations?: number;
  xCols?: string;
  yCols?: string;
  seed?: number;
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

function bandwidthArg(value: string): number | 'median' {
  if (value === 'median') return value;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0) {
    throw new InvalidArgumentError("expected 'median' or a number > 0.");
  }
  return v;
}

function kernelOf(opts: HsicOptions): kernel.Kernel {
  if (opts.kernel === 'linear') return kernel.linearKernel();
  const options = { bandwidth: opts.bandwidth };
  return opts.kernel === 'laplace' ? kernel.laplaceKernel(options) : kernel.gaussianKernel(options);
}

/**
 * Registers `hsic <x> [y]`: the Hilbert–Schmidt independence criterion between paired samples
 * (biased or unbiased estimator; Gaussian, Laplace or linear kernels), and with `--test gamma|permutation`
 * the HSIC independence test (statistic and p-value).
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerHsic(program: Command, ctx: Context): void {
  const cmd = program
    .command('hsic')
    .summary('HSIC dependence between paired samples, and its independence test')
    .description(
      'Hilbert–Schmidt independence criterion between paired samples: row i of <x> and row i\n' +
        'of <y>, or the --x-cols and --y-cols of a single input. The same kernel on both sides.\n' +
        'With --test, the HSIC independence test: gamma approximation (Gretton et al. 2008) or\n' +
        '--permutations seeded permutations of the rows of Y.',
    )
    .argument('<x>', 'first input (file or -)')
    .argument('[y]', 'second input; without it, split <x> with --x-cols and --y-cols')
    .addOption(
      new Option('-e, --estimator <name>', 'HSIC estimator (without --test)')
        .choices(['biased', 'unbiased'])
        .default('biased'),
    )
    .addOption(
      new Option('--kernel <name>', 'kernel on both sides')
        .choices(['gaussian', 'laplace', 'linear'])
        .default('gaussian'),
    )
    .option(
      '--bandwidth <σ>',
      "bandwidth of the Gaussian and Laplace kernels: a number or 'median' (median pairwise distance)",
      bandwidthArg,
      'median',
    )
    .addOption(
      new Option('--test <method>', 'run the independence test').choices(['gamma', 'permutation']),
    )
    .option(
      '--permutations <n>',
      'permutation test: number of permutations (default 1000)',
      integerArg(1),
    );
  addPairColumns(cmd);
  addSeed(cmd, 'the permutations and of the median heuristic subsample');
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action((x: string, y: string | undefined, opts: HsicOptions) => {
    const readOptions = readOptionsOf(opts);
    const pairCols = {
      first: opts.xCols,
      second: opts.yCols,
      flags: ['--x-cols', '--y-cols'] as [string, string],
    };
    const [a, b] = readPair('hsic', x, y, pairCols, (spec, cols, flag) =>
      readMatrix(ctx, spec, cols, flag, readOptions),
    );
    assertPaired('hsic', a, b);
    const k = kernelOf(opts);
    const seed = opts.seed ?? 0;
    const kernelText =
      opts.kernel === 'linear'
        ? 'linear'
        : `${opts.kernel}, bandwidth ${opts.bandwidth === 'median' ? 'median heuristic' : opts.bandwidth}`;
    const json: Record<string, unknown> = {
      command: 'hsic',
      x: a.description,
      y: b.description,
      n: a.n,
      kernel: opts.kernel,
      bandwidth: opts.kernel === 'linear' ? null : opts.bandwidth,
      seed,
    };
    const rows: Cell[][] = [];
    if (opts.test === undefined) {
      if (opts.permutations !== undefined) {
        throw new InfoboundError('INVALID_OPTION', 'hsic: --permutations needs --test permutation');
      }
      const value = computing(`hsic of ${a.description} and ${b.description}`, () =>
        kernel.hsic(a.rows, b.rows, { kernelX: k, kernelY: k, estimator: opts.estimator, seed }),
      );
      Object.assign(json, { estimator: opts.estimator, value });
      rows.push(['HSIC', value], ['estimator', opts.estimator]);
    } else {
      if (opts.permutations !== undefined && opts.test !== 'permutation') {
        throw new InfoboundError(
          'INVALID_OPTION',
          'hsic: --permutations applies to --test permutation only',
        );
      }
      const method = opts.test;
      const r = computing(`hsic test of ${a.description} and ${b.description}`, () =>
        kernel.hsicTest(a.rows, b.rows, {
          kernelX: k,
          kernelY: k,
          method,
          seed,
          ...(opts.permutations === undefined ? {} : { permutations: opts.permutations }),
        }),
      );
      Object.assign(json, { test: r.method, ...r });
      rows.push(['p-value', r.pValue], ['statistic', r.statistic], ['HSIC (biased)', r.hsic]);
      if (r.method === 'gamma' && r.null) {
        rows.push([
          'test',
          `gamma approximation, null shape ${r.null.shape.toPrecision(4)}, scale ${r.null.scale.toPrecision(4)}`,
        ]);
      } else {
        rows.push([
          'test',
          `permutation, ${r.exceedances} of ${r.permutations} permutations ≥ observed`,
        ]);
      }
    }
    rows.push(
      ['kernel', kernelText],
      ['x', `${a.description} (${columnCount(a.d)})`],
      ['y', `${b.description} (${columnCount(b.d)})`],
      ['samples', String(a.n)],
    );
    emit(ctx, opts.json, json, () => renderTable(rows));
  });
}
