/** `infobound fit-gmm`: fit a Gaussian mixture by EM (or choose its size by BIC/AIC). */
import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import * as gmm from '../../gmm/index.js';
import { type Context, computing, emit, readMatrix } from '../context.js';
import type { Format } from '../input.js';
import {
  addInputOptions,
  addJson,
  addSeed,
  integerArg,
  numberArg,
  readOptionsOf,
} from '../options.js';
import { type Cell, formatNumber, renderTable, shapeText } from '../output.js';

type ComponentsSpec = number | number[] | { min: number; max: number };

interface FitGmmOptions {
  components?: ComponentsSpec;
  covarianceType: gmm.CovarianceType;
  init: gmm.InitMethod;
  nInit?: number;
  maxIter?: number;
  tol?: number;
  regCovar?: number;
  criterion: 'bic' | 'aic';
  seed?: number;
  out?: string;
  cols?: string;
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

/** `3` (one size), `1-6` (a range) or `2,4,8` (a list). */
function componentsArg(value: string): ComponentsSpec {
  const v = value.trim();
  const positive = (s: string) => {
    if (!/^\d+$/.test(s) || Number(s) < 1) {
      throw new InvalidArgumentError(
        "expected a number of components ≥ 1, a range '1-6' or a list '2,4,8'.",
      );
    }
    return Number(s);
  };
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(v);
  if (range) {
    const min = positive(range[1] as string);
    const max = positive(range[2] as string);
    if (max < min) throw new InvalidArgumentError('the range must have min ≤ max.');
    return { min, max };
  }
  if (v.includes(',')) return v.split(',').map((s) => positive(s.trim()));
  return positive(v);
}

function vector(v: readonly number[]): string {
  return v.map(formatNumber).join(', ');
}

/**
 * Registers `fit-gmm <input>`: a Gaussian mixture fitted by EM with scikit-learn's semantics
 * (`--components k`), or the size chosen by BIC or AIC among several (`--components 1-6`,
 * `--components 2,4,8`; default 1 to min(10, n)). Prints weights and means, the fit's
 * diagnostics and BIC/AIC; `--out` saves the model as JSON (`GaussianMixture.fromJSON` reads it).
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerFitGmm(program: Command, ctx: Context): void {
  const cmd = program
    .command('fit-gmm')
    .summary('fit a Gaussian mixture by EM, or choose its number of components by BIC/AIC')
    .description(
      'Fits a Gaussian mixture to the rows of <input> by EM (scikit-learn semantics).\n' +
        'With several candidate sizes (--components 1-6 or 2,4,8; the default is 1 to min(10, n)),\n' +
        'each is fitted and the one with the lowest --criterion is kept.',
    )
    .argument('<input>', 'CSV, TSV, JSON, JSONL or .npy file, or - for stdin')
    .option(
      '-n, --components <k>',
      "components: a number, a range '1-6' or a list '2,4,8'",
      componentsArg,
    )
    .addOption(
      new Option('--covariance-type <type>', 'covariance structure')
        .choices(['full', 'diag', 'spherical', 'tied'])
        .default('full'),
    )
    .addOption(
      new Option('--init <method>', 'initialisation')
        .choices(['kmeans++', 'kmeans', 'random'])
        .default('kmeans++'),
    )
    .option('--n-init <n>', 'initialisations, the best kept (default 1)', integerArg(1))
    .option('--max-iter <n>', 'EM iterations at most (default 100)', integerArg(0))
    .option(
      '--tol <x>',
      'convergence threshold on the mean log-likelihood (default 1e-3)',
      numberArg(),
    )
    .option('--reg-covar <x>', 'added to covariance diagonals (default 1e-6)', numberArg())
    .addOption(
      new Option('--criterion <name>', 'selection criterion')
        .choices(['bic', 'aic'])
        .default('bic'),
    )
    .option('--cols <list>', 'columns to use: 1-based numbers, ranges (2-4) or header names')
    .option(
      '-o, --out <file>',
      'write the fitted model as JSON (GaussianMixture.fromJSON reads it)',
    );
  addSeed(cmd, 'the initialisation');
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action((input: string, opts: FitGmmOptions) => {
    const m = readMatrix(ctx, input, opts.cols, '--cols', readOptionsOf(opts));
    const common = {
      covarianceType: opts.covarianceType,
      init: opts.init,
      seed: opts.seed ?? 0,
      ...(opts.nInit === undefined ? {} : { nInit: opts.nInit }),
      ...(opts.maxIter === undefined ? {} : { maxIter: opts.maxIter }),
      ...(opts.tol === undefined ? {} : { tol: opts.tol }),
      ...(opts.regCovar === undefined ? {} : { regCovar: opts.regCovar }),
    };
    let model: gmm.GaussianMixture<gmm.CovarianceType>;
    let selection: gmm.ComponentSelection<gmm.CovarianceType> | undefined;
    if (typeof opts.components === 'number') {
      const nComponents = opts.components;
      model = computing(`fit-gmm on ${m.description}`, () =>
        new gmm.GaussianMixture({ ...common, nComponents }).fit(m.rows),
      );
    } else {
      const candidates = opts.components;
      const chosen = computing(`fit-gmm on ${m.description}`, () =>
        gmm.selectNComponents(m.rows, {
          ...common,
          criterion: opts.criterion,
          ...(candidates === undefined ? {} : { nComponents: candidates }),
        }),
      );
      selection = chosen;
      model = chosen.best;
    }
    const bic = model.bic(m.rows);
    const aic = model.aic(m.rows);
    const saved = model.toJSON();
    if (opts.out !== undefined) writeFileSync(opts.out, `${JSON.stringify(saved, null, 2)}\n`);
    const json = {
      command: 'fit-gmm',
      input: m.description,
      n: m.n,
      d: m.d,
      nComponents: model.weights.length,
      covarianceType: opts.covarianceType,
      bic,
      aic,
      ...(selection === undefined
        ? {}
        : { selection: { criterion: selection.criterion, curve: selection.curve } }),
      ...(opts.out === undefined ? {} : { out: opts.out }),
      model: saved,
    };
    emit(ctx, opts.json, json, () => {
      let text = '';
      if (selection !== undefined) {
        const curve: Cell[][] = [['components', 'BIC', 'AIC', 'lower bound', 'converged']];
        for (const p of selection.curve) {
          curve.push([
            p.nComponents,
            p.bic,
            p.aic,
            p.lowerBound,
            p.converged ? 'yes' : `no (${p.nIter} iterations)`,
          ]);
        }
        text += `${renderTable(curve, true)}\nlowest ${selection.criterion.toUpperCase()}: ${selection.nComponents} components\n\n`;
      }
      const comps: Cell[][] = [['component', 'weight', 'mean']];
      model.weights.forEach((w, i) => {
        comps.push([i + 1, w, vector(model.means[i] as number[])]);
      });
      text += renderTable(comps, true);
      text += `\n${renderTable([
        ['input', `${m.description}: ${shapeText(m.n, m.d)}`],
        ['covariances', `${opts.covarianceType} (in --json or --out)`],
        [
          'converged',
          model.converged
            ? `yes, after ${model.nIter} iterations`
            : `no, stopped after ${model.nIter} iterations`,
        ],
        ['lower bound', `${formatNumber(model.lowerBound)} (mean log-likelihood per sample, nats)`],
        ['BIC', formatNumber(bic)],
        ['AIC', formatNumber(aic)],
        ...(opts.out === undefined ? [] : [['model written to', opts.out]]),
      ])}`;
      return text;
    });
  });
}
