/**
 * `infobound bounds`: the paper's results evaluated on a JSON file of terms (every calculator
 * whose inputs are all given or derivable), or, with `--model`, exactly on a discrete model.
 */
import type { Command } from 'commander';
import * as bounds from '../../bounds/index.js';
import { InfoboundError } from '../../core/errors.js';
import { type Context, emit } from '../context.js';
import { addJson } from '../options.js';
import { type Cell, renderTable } from '../output.js';

type Calculate = (input: Record<string, unknown>) => bounds.BoundResult;

/** A calculator of the bounds family, as the CLI applies it to a set of terms. */
export interface Calculator {
  /** The result (`lemma44`) or, for a term helper, the term it produces (`infoGain`). */
  name: string;
  /** The library function. */
  fn: string;
  /** Required input fields. */
  inputs: readonly string[];
  /** Optional input fields. */
  optional: readonly string[];
  calculate: Calculate;
}

const calc = (f: unknown) => f as Calculate;

/** Term helpers, in dependency order: each adds the term it is named after. */
export const DERIVED: readonly Calculator[] = [
  {
    name: 'infoGain',
    fn: 'informationGain',
    inputs: ['hModelOutput', 'miPromptFactorOutput'],
    optional: [],
    calculate: calc(bounds.informationGain),
  },
  {
    name: 'bottleneck',
    fn: 'compressionBottleneck',
    inputs: ['miPromptFactorW', 'miModelFactorW'],
    optional: [],
    calculate: calc(bounds.compressionBottleneck),
  },
  {
    name: 'deltaH',
    fn: 'entropyDifference',
    inputs: ['hAnchor', 'hGen'],
    optional: [],
    calculate: calc(bounds.entropyDifference),
  },
  {
    name: 'epsilonWp',
    fn: 'epsilonWp',
    inputs: ['hAnchorGivenW', 'hAnchorGivenModelOutput'],
    optional: [],
    calculate: calc(bounds.epsilonWp),
  },
  {
    name: 'deltaEpsilon',
    fn: 'deltaEpsilon',
    inputs: ['miModelOutputW', 'miGenW'],
    optional: [],
    calculate: calc(bounds.deltaEpsilon),
  },
  {
    name: 'lambda',
    fn: 'promptEfficiency',
    inputs: ['hPromptFactor', 'miEpModelOutput'],
    optional: [],
    calculate: calc(bounds.promptEfficiency),
  },
  {
    name: 'deltaEpsP',
    fn: 'deltaEpsilonP',
    inputs: ['lambda', 'miEpModelOutput', 'deltaEpsilon'],
    optional: [],
    calculate: calc(bounds.deltaEpsilonP),
  },
  {
    name: 'alpha',
    fn: 'alpha',
    inputs: ['hAnchorGivenWPrime', 'hAnchorGivenW'],
    optional: [],
    calculate: calc(bounds.alpha),
  },
];

const LEMMA45 = ['infoGain', 'bottleneck', 'hModelFactor', 'deltaEpsP'];

/** The paper's results, in the paper's order. */
export const RESULTS: readonly Calculator[] = [
  {
    name: 'lemma31',
    fn: 'lemma31',
    inputs: ['lossBound', 'tvTaskModel', 'tvModelGen', 'genErrorSynthetic'],
    optional: ['loss'],
    calculate: calc(bounds.lemma31),
  },
  {
    name: 'lemma44',
    fn: 'lemma44',
    inputs: ['sigma', 'n', 'mutualInformation'],
    optional: ['layers', 'eta'],
    calculate: calc(bounds.lemma44),
  },
  {
    name: 'lemma45',
    fn: 'lemma45',
    inputs: LEMMA45,
    optional: [],
    calculate: calc(bounds.lemma45),
  },
  {
    name: 'lemma46',
    fn: 'lemma46',
    inputs: [...LEMMA45, 'sigma', 'n'],
    optional: ['layers', 'eta'],
    calculate: calc(bounds.lemma46),
  },
  {
    name: 'theorem47',
    fn: 'theorem47',
    inputs: ['lossBound', 'tvTaskModel', 'tvModelGen', ...LEMMA45, 'sigma', 'n'],
    optional: ['loss', 'layers', 'eta'],
    calculate: calc(bounds.theorem47),
  },
  {
    name: 'lemma48',
    fn: 'lemma48',
    inputs: ['sigma', 'm', 'miAnchorWPrime'],
    optional: ['layers', 'etaPrime'],
    calculate: calc(bounds.lemma48),
  },
  {
    name: 'ggmi',
    fn: 'ggmi',
    inputs: ['miAnchorWPrime', 'miGenW'],
    optional: [],
    calculate: calc(bounds.ggmi),
  },
  {
    name: 'theorem410',
    fn: 'theorem410',
    inputs: ['infoGain', 'alpha', 'hAnchorGivenW', 'deltaH', 'hGenGivenW', 'epsilonWp'],
    optional: [],
    calculate: calc(bounds.theorem410),
  },
];

/** Terms of `bounds.evaluateModel` that no calculator reads: known, so not reported as typos. */
const OTHER_MODEL_TERMS = [
  'hHPromptFactor',
  'hGModelFactor',
  'miHPromptFactorW',
  'miGModelFactorW',
  'miAnchorW',
  'miAnchorModelOutput',
  'hPromptFactorGivenW',
];

const KNOWN = new Set<string>([
  ...[...DERIVED, ...RESULTS].flatMap((c) => [c.name, ...c.inputs, ...c.optional]),
  ...OTHER_MODEL_TERMS,
]);

/** One evaluated calculator. */
export interface Evaluated extends bounds.BoundResult {
  fn: string;
}

/** What {@link evaluateTerms} computed. */
export interface TermsEvaluation {
  /** Every term, given or derived. */
  terms: Record<string, unknown>;
  /** Terms computed by a helper because they were not given. */
  derived: Record<string, Evaluated>;
  /** The results whose inputs were all there. */
  results: Record<string, Evaluated>;
  /** The results left out, with the terms they lack. */
  skipped: Record<string, string[]>;
  /** Fields of the input no calculator knows. */
  unknown: string[];
}

function run(c: Calculator, terms: Record<string, unknown>, file: string): Evaluated {
  try {
    return { fn: c.fn, ...c.calculate(terms) };
  } catch (e) {
    if (e instanceof InfoboundError) {
      throw new InfoboundError(e.code, `${file}: ${c.fn}: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Evaluates every result of the paper whose inputs are given or derivable from the given terms.
 * Term helpers run first, in dependency order, for each derived term (ΔI, B_syn, ΔH, ε_{W,p},
 * δ_ε, λ, δ_{ε,p}, α) that is not given but whose inputs are; a given value always wins.
 *
 * @param given - The terms, named as the calculators' inputs (the vocabulary of
 *   `bounds.evaluateModel(...).terms`).
 * @param only - Evaluate these results only (an error if one lacks inputs); default all possible.
 * @param file - The input, for messages.
 */
export function evaluateTerms(
  given: Record<string, unknown>,
  only: readonly string[] | undefined,
  file: string,
): TermsEvaluation {
  const terms: Record<string, unknown> = { ...given };
  const derived: Record<string, Evaluated> = {};
  for (const c of DERIVED) {
    if (c.name in terms || !c.inputs.every((k) => k in terms)) continue;
    const r = run(c, terms, file);
    derived[c.name] = r;
    terms[c.name] = r.value;
  }
  const results: Record<string, Evaluated> = {};
  const skipped: Record<string, string[]> = {};
  for (const c of RESULTS) {
    if (only !== undefined && !only.includes(c.name)) continue;
    const missing = c.inputs.filter((k) => !(k in terms));
    if (missing.length > 0) {
      if (only !== undefined) {
        throw new InfoboundError(
          'INVALID_ARGUMENT',
          `${file}: ${c.name} needs ${missing.join(', ')} (not given and not derivable from the terms given)`,
        );
      }
      skipped[c.name] = missing;
      continue;
    }
    results[c.name] = run(c, terms, file);
  }
  if (Object.keys(results).length === 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${file}: no result has all its inputs; run 'infobound bounds --list' for the terms each needs`,
    );
  }
  const unknown = Object.keys(given).filter((k) => !KNOWN.has(k));
  return { terms, derived, results, skipped, unknown };
}

function readTermsObject(
  ctx: Context,
  spec: string,
): { value: Record<string, unknown>; file: string } {
  const file = spec === '-' ? 'stdin' : spec;
  const value = ctx.readJson(spec);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${file}: expected a JSON object of named terms, like {"sigma": 0.5, "n": 100, "mutualInformation": 2}`,
    );
  }
  return { value: value as Record<string, unknown>, file };
}

function listText(): string {
  const rows: Cell[][] = [['name', 'function', 'needs', 'optional']];
  for (const c of RESULTS) rows.push([c.name, c.fn, c.inputs.join(', '), c.optional.join(', ')]);
  const derived: Cell[][] = [['derived term', 'function', 'from']];
  for (const c of DERIVED) derived.push([c.name, c.fn, c.inputs.join(', ')]);
  return `${renderTable(rows, true)}\n${renderTable(derived, true)}\nA derived term is computed when it is not given and its inputs are.\n`;
}

function claimRows(claims: Record<string, bounds.Claim>): Cell[][] {
  const rows: Cell[][] = [['claim', 'lhs', 'rhs', 'slack', 'holds']];
  for (const [name, c] of Object.entries(claims)) {
    rows.push([name, c.lhs, c.rhs, c.slack, c.holds ? 'yes' : 'NO']);
  }
  return rows;
}

interface BoundsOptions {
  only?: string;
  model?: boolean;
  list?: boolean;
  json?: boolean;
}

/**
 * Registers `bounds [terms]`: reads a JSON object of named terms and evaluates every result of
 * the paper whose inputs are all there (deriving ΔI, B_syn, ΔH, ε_{W,p}, δ_ε, λ, δ_{ε,p} and α
 * from their own terms when they are not given); `--only` picks results; `--list` shows what
 * each needs. With `--model`, the JSON is a discrete synthetic-data model for
 * `bounds.evaluateModel`: every term exactly, and Lemma 4.5, Theorem 4.10 and each proof step as
 * claims with their slack.
 *
 * @param program - The root command.
 * @param ctx - The run's context.
 */
export function registerBounds(program: Command, ctx: Context): void {
  const cmd = program
    .command('bounds')
    .summary("evaluate the paper's bounds from a JSON file of terms (or exactly on a model)")
    .description(
      "Evaluates Gan & Liu's results on a JSON object of named terms, e.g.\n" +
        '  {"sigma": 0.5, "n": 100, "mutualInformation": 2, "infoGain": 1.5, ...}\n' +
        'Every result whose inputs are all given (or derivable by a term helper) is evaluated;\n' +
        'the names are those of the library calculators and of bounds.evaluateModel().terms.\n' +
        'Information terms are in nats. --list shows what each result needs.\n\n' +
        'With --model the JSON is a discrete synthetic-data model (bounds.evaluateModel): all\n' +
        'terms exactly, and the claims of Lemma 4.5, Theorem 4.10 and their proof steps.',
    )
    .argument('[terms]', 'JSON file (or -) of terms, or of a model with --model')
    .option(
      '--only <results>',
      'evaluate only these results (comma-separated, e.g. lemma44,theorem410)',
    )
    .option('--model', 'the JSON is a SyntheticDataModel: evaluate it exactly')
    .option('--list', 'list the results, the terms each needs and the derived terms');
  addJson(cmd);
  cmd.action((input: string | undefined, opts: BoundsOptions) => {
    if (opts.list) {
      const json = {
        command: 'bounds',
        results: Object.fromEntries(
          RESULTS.map((c) => [c.name, { fn: c.fn, inputs: c.inputs, optional: c.optional }]),
        ),
        derived: Object.fromEntries(DERIVED.map((c) => [c.name, { fn: c.fn, inputs: c.inputs }])),
      };
      emit(ctx, opts.json, json, listText);
      return;
    }
    if (input === undefined) {
      throw new InfoboundError('INVALID_ARGUMENT', 'bounds: give a JSON file of terms (or --list)');
    }
    const { value, file } = readTermsObject(ctx, input);
    if (opts.model) {
      if (opts.only !== undefined) {
        throw new InfoboundError(
          'INVALID_OPTION',
          'bounds: --only applies to terms, not to --model',
        );
      }
      let e: bounds.ModelEvaluation;
      try {
        e = bounds.evaluateModel(value as unknown as bounds.SyntheticDataModel);
      } catch (err) {
        if (err instanceof InfoboundError)
          throw new InfoboundError(err.code, `${file}: ${err.message}`);
        throw err;
      }
      emit(ctx, opts.json, { command: 'bounds', mode: 'model', input: file, ...e }, () => {
        const terms: Cell[][] = [['term', 'value (nats)']];
        for (const [k, v] of Object.entries(e.terms)) terms.push([k, v]);
        return `${renderTable(claimRows(e.results), true)}\n${renderTable(claimRows(e.steps), true)}\n${renderTable(terms, true)}`;
      });
      return;
    }
    const only = opts.only?.split(',').map((s) => s.trim());
    for (const name of only ?? []) {
      if (!RESULTS.some((c) => c.name === name)) {
        throw new InfoboundError(
          'INVALID_OPTION',
          `bounds: --only ${JSON.stringify(name)} is not a result (${RESULTS.map((c) => c.name).join(', ')})`,
        );
      }
    }
    const r = evaluateTerms(value, only, file);
    for (const k of r.unknown) {
      ctx.io.stderr(
        `infobound: warning: ${file}: ${JSON.stringify(k)} is not a term any calculator reads; ignored\n`,
      );
    }
    emit(ctx, opts.json, { command: 'bounds', mode: 'terms', input: file, ...r }, () => {
      let text = '';
      if (Object.keys(r.derived).length > 0) {
        const rows: Cell[][] = [['derived term', 'value', 'reference']];
        for (const [k, d] of Object.entries(r.derived)) rows.push([k, d.value, d.reference]);
        text += `${renderTable(rows, true)}\n`;
      }
      const rows: Cell[][] = [['result', 'value', 'reference']];
      for (const [k, d] of Object.entries(r.results)) rows.push([k, d.value, d.reference]);
      text += renderTable(rows, true);
      const skipped = Object.entries(r.skipped);
      if (skipped.length > 0) {
        text += `\nnot evaluated (missing terms): ${skipped.map(([k, m]) => `${k} (${m.join(', ')})`).join('; ')}\n`;
      }
      return text;
    });
  });
}
