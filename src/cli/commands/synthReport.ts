/** `infobound synth-report`: the App. G terms from anchor, synthetic and training embeddings. */
import { type Command, Option } from 'commander';
import * as bounds from '../../bounds/index.js';
import { InfoboundError } from '../../core/errors.js';
import type { Base } from '../../core/units.js';
import type { Label } from '../columns.js';
import { type Context, computing, emit, readLabels, readMatrix } from '../context.js';
import { inputError } from '../errors.js';
import type { Format } from '../input.js';
import {
  addBase,
  addInputOptions,
  addJson,
  addK,
  addSeed,
  integerArg,
  readOptionsOf,
  withBase,
} from '../options.js';
import { type Cell, renderTable, unitJson, unitName } from '../output.js';

interface SynthReportOptions {
  clusters?: string;
  probabilities?: string;
  source?: string;
  entropyEstimator: 'knn' | 'gaussian';
  k?: number;
  resamples?: number;
  hsicRepeats?: number;
  seed?: number;
  base?: Base;
  json?: boolean;
  format?: Format;
  header?: boolean;
  field?: string;
}

function sameLength(
  what: string,
  description: string,
  length: number,
  synthetic: { n: number; description: string },
) {
  if (length !== synthetic.n) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `synth-report: ${what} ${description} has ${length} rows but the synthetic set ${synthetic.description} has ${synthetic.n}: one per synthetic row`,
    );
  }
}

/**
 * Registers `synth-report <anchor> <synthetic> <training>`: the terms of the paper's App. G
 * workflow from embeddings (`bounds.estimateSyntheticDataTerms`): HSIC(T, S_gen) (paired by
 * `--source`, otherwise a random-coupling null reference), the semantic entropy of S_gen
 * (`--clusters`, optionally `--probabilities`), H(S_anchor), H(S_gen) and ΔH, each with a
 * standard error.
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerSynthReport(program: Command, ctx: Context): void {
  const cmd = program
    .command('synth-report')
    .summary('App. G terms of synthetic data: HSIC(T, S_gen), semantic entropy, ΔH')
    .description(
      "The estimable terms of the paper's App. G from embeddings, one row per record:\n" +
        '  HSIC(T, S_gen)    with --source (the training row each synthetic row was generated\n' +
        '                    from) on those pairs; without it a random-coupling null reference\n' +
        '  semantic entropy  of the synthetic clusters (--clusters, weighted by --probabilities)\n' +
        '  H(S_anchor), H(S_gen), ΔH = H(S_anchor) − H(S_gen)   kNN or Gaussian entropies\n' +
        'each with a standard error. Inputs may name a JSON member, JSONL field or CSV columns\n' +
        'after #: data/synthetic-instructions/embeddings.json#anchor, synthetic.jsonl#cluster.',
    )
    .argument('<anchor>', 'anchor embeddings S_anchor (rows)')
    .argument('<synthetic>', 'synthetic embeddings S_gen (rows, same columns as anchor)')
    .argument('<training>', 'training-set embeddings T (rows)')
    .option('--clusters <input>', 'semantic cluster label of each synthetic row')
    .option('--probabilities <input>', 'probability of each synthetic row (needs --clusters)')
    .option(
      '--source <input>',
      'for each synthetic row, the 0-based training row it was generated from',
    )
    .addOption(
      new Option('--entropy-estimator <name>', 'differential entropy estimator')
        .choices(['knn', 'gaussian'])
        .default('knn'),
    )
    .option(
      '--resamples <n>',
      'subsamples / bootstrap resamples for the standard errors (default 20)',
      integerArg(2),
    )
    .option(
      '--hsic-repeats <n>',
      'random couplings averaged without --source (default 20)',
      integerArg(1),
    );
  addK(cmd);
  addSeed(cmd, 'every random choice');
  addBase(cmd);
  addInputOptions(cmd);
  addJson(cmd);
  cmd.action(
    (anchorSpec: string, syntheticSpec: string, trainingSpec: string, opts: SynthReportOptions) => {
      const ro = readOptionsOf(opts);
      const anchor = readMatrix(ctx, anchorSpec, undefined, '--cols', ro);
      const synthetic = readMatrix(ctx, syntheticSpec, undefined, '--cols', ro);
      const training = readMatrix(ctx, trainingSpec, undefined, '--cols', ro);
      if (anchor.d !== synthetic.d) {
        throw new InfoboundError(
          'SHAPE_MISMATCH',
          `synth-report: ${anchor.description} has ${anchor.d} columns but ${synthetic.description} has ${synthetic.d}: anchor and synthetic embeddings must come from the same model`,
        );
      }
      const options: bounds.SyntheticDataTermsOptions = {
        entropyEstimator: opts.entropyEstimator,
        seed: opts.seed ?? 0,
        ...withBase(opts.base),
        ...(opts.k === undefined ? {} : { k: opts.k }),
        ...(opts.resamples === undefined ? {} : { resamples: opts.resamples }),
        ...(opts.hsicRepeats === undefined ? {} : { hsicRepeats: opts.hsicRepeats }),
      };
      let clusters: Label[] | undefined;
      if (opts.clusters !== undefined) {
        const c = readLabels(ctx, opts.clusters, undefined, '--cols', ro);
        sameLength('--clusters', c.description, c.labels.length, synthetic);
        clusters = c.labels;
        options.syntheticClusters = clusters;
      }
      if (opts.probabilities !== undefined) {
        if (clusters === undefined) {
          throw new InfoboundError(
            'INVALID_OPTION',
            'synth-report: --probabilities weights the clusters: give --clusters too',
          );
        }
        const p = readMatrix(ctx, opts.probabilities, undefined, '--cols', ro);
        if (p.d !== 1) {
          throw new InfoboundError(
            'SHAPE_MISMATCH',
            `synth-report: --probabilities ${p.description} has ${p.d} columns: expected one probability per row`,
          );
        }
        sameLength('--probabilities', p.description, p.n, synthetic);
        options.syntheticProbabilities = p.rows.map((r) => r[0] as number);
      }
      if (opts.source !== undefined) {
        const s = readMatrix(ctx, opts.source, undefined, '--cols', ro);
        if (s.d !== 1) {
          throw new InfoboundError(
            'SHAPE_MISMATCH',
            `synth-report: --source ${s.description} has ${s.d} columns: expected one training row index per synthetic row`,
          );
        }
        sameLength('--source', s.description, s.n, synthetic);
        options.syntheticSource = s.rows.map((r, i) => {
          const j = r[0] as number;
          if (!Number.isInteger(j) || j < 0 || j >= training.n) {
            throw inputError(
              'INVALID_ARGUMENT',
              { file: s.file, row: s.at[i] as number, column: (s.columns[0] as number) + 1 },
              `${j} is not a training row: expected a 0-based index in 0 to ${training.n - 1}`,
            );
          }
          return j;
        });
      }
      const terms = computing('synth-report', () =>
        bounds.estimateSyntheticDataTerms(anchor.rows, synthetic.rows, training.rows, options),
      );
      const unit = unitName(opts.base);
      const json = {
        command: 'synth-report',
        anchor: anchor.description,
        synthetic: synthetic.description,
        training: training.description,
        sizes: {
          anchor: anchor.n,
          synthetic: synthetic.n,
          training: training.n,
          dimension: anchor.d,
        },
        unit: unitJson(opts.base),
        ...terms,
      };
      emit(ctx, opts.json, json, () => {
        const rows: Cell[][] = [['term', 'value', 'SE', 'unit', 'estimator']];
        rows.push([
          `HSIC(T, S_gen)${terms.hsic.pairing === 'random' ? ' [null reference]' : ''}`,
          terms.hsic.value,
          terms.hsic.standardError,
          '-',
          // The CLI's name for the library's syntheticSource option.
          terms.hsic.estimator.replace('pass syntheticSource', 'pass --source'),
        ]);
        if (terms.semanticEntropy) {
          rows.push([
            'semantic entropy',
            terms.semanticEntropy.value,
            terms.semanticEntropy.standardError,
            unit,
            `${terms.semanticEntropy.estimator}; ${terms.semanticEntropy.clusters} clusters`,
          ]);
        }
        rows.push([
          'H(S_anchor)',
          terms.hAnchor.value,
          terms.hAnchor.standardError,
          unit,
          terms.hAnchor.estimator,
        ]);
        rows.push([
          'H(S_gen)',
          terms.hSynthetic.value,
          terms.hSynthetic.standardError,
          unit,
          terms.hSynthetic.estimator,
        ]);
        rows.push([
          'ΔH',
          terms.deltaH.value,
          terms.deltaH.standardError,
          unit,
          terms.deltaH.estimator,
        ]);
        const sizes = `anchor ${anchor.n}, synthetic ${synthetic.n}, training ${training.n} rows; anchor and synthetic dimension ${anchor.d}`;
        return `${renderTable(rows, true)}\n${sizes}\n`;
      });
    },
  );
}
