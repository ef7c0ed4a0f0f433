/**
 * Option parsers and the options shared by several subcommands. A parser throws commander's
 * InvalidArgumentError, so a bad value is a usage error (exit code 2) naming the option.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { InfoboundError } from '../core/errors.js';
import type { Base } from '../core/units.js';
import { FORMATS, type Format, type ReadOptions } from './input.js';

/** An integer ≥ `min`. */
export function integerArg(min: number): (value: string) => number {
  return (value: string) => {
    const v = Number(value);
    if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(v) || v < min) {
      throw new InvalidArgumentError(`expected an integer ≥ ${min}.`);
    }
    return v;
  };
}

/** A finite number (> 0 when `positive`). */
export function numberArg(positive = false): (value: string) => number {
  return (value: string) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isFinite(v) || (positive && v <= 0)) {
      throw new InvalidArgumentError(positive ? 'expected a number > 0.' : 'expected a number.');
    }
    return v;
  };
}

/** A seed: any safe integer. */
export function seedArg(value: string): number {
  const v = Number(value);
  if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(v)) {
    throw new InvalidArgumentError('expected an integer.');
  }
  return v;
}

/** `bits`, `nats`, or a logarithm base > 0 other than 1. */
export function baseArg(value: string): Base {
  if (value === 'bits' || value === 'nats') return value;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0 || v === 1) {
    throw new InvalidArgumentError("expected 'bits', 'nats' or a number > 0 other than 1.");
  }
  return v;
}

/** `--json`. */
export function addJson(cmd: Command): Command {
  return cmd.option('--json', 'print the result as one JSON object');
}

/** The options that say how to read inputs: --format, --header/--no-header, --field. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--format <format>',
        'input format (default: from the extension or the content)',
      ).choices(FORMATS),
    )
    .option('--header', 'CSV/TSV: the first row is a header (default: detected)')
    .option('--no-header', 'CSV/TSV: the first row is data')
    .option(
      '--field <name>',
      'JSON/JSONL records: the field holding each row (default: embedding, if present)',
    );
}

/** The read options from a command's parsed options. */
export function readOptionsOf(opts: {
  format?: Format;
  header?: boolean;
  field?: string;
}): ReadOptions {
  return { format: opts.format, header: opts.header, field: opts.field };
}

/** `--base`. */
export function addBase(cmd: Command): Command {
  return cmd.option('--base <base>', "unit: 'nats' (default), 'bits' or a logarithm base", baseArg);
}

/** `--seed`. */
export function addSeed(cmd: Command, what: string): Command {
  return cmd.option('--seed <n>', `seed of ${what} (default 0)`, seedArg);
}

/** `-k, --k`. */
export function addK(cmd: Command): Command {
  return cmd.option(
    '-k, --k <k>',
    'neighbour order k of the kNN estimators (default 3)',
    integerArg(1),
  );
}

/** `{ base }` when a base was given, `{}` otherwise (the library's options are exact-optional). */
export function withBase(base: Base | undefined): { base?: Base } {
  return base === undefined ? {} : { base };
}

/** Rejects an option value that does not apply to the chosen estimator. */
export function notForEstimator(
  command: string,
  option: string,
  estimator: string,
  allowed: string,
): InfoboundError {
  return new InfoboundError(
    'INVALID_OPTION',
    `${command}: ${option} does not apply to --estimator ${estimator} (${allowed})`,
  );
}
