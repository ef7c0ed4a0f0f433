/**
 * What every subcommand works with: the streams, the input reader, progress bars, and the
 * helpers that turn input files into samples, labels and probability vectors.
 */
import { InfoboundError } from '../core/errors.js';
import {
  type Label,
  type Matrix,
  selectColumns,
  toLabels,
  toMatrix,
  toProbabilities,
} from './columns.js';
import type { ReadBytes, ReadOptions, Table } from './input.js';
import { toJsonLine } from './output.js';
import type { Progress } from './progress.js';
import type { reproFigure2, reproFigure4 } from './repro.js';

/** The outside world of a CLI run; the defaults are the process's, tests may replace them. */
export interface CliIO {
  /** Writes to stdout. */
  stdout: (s: string) => void;
  /** Writes to stderr. */
  stderr: (s: string) => void;
  /** Reads a file, or all of stdin for `-`. */
  readBytes: ReadBytes;
  /** A progress display for a long run (a bar on a terminal, nothing otherwise). */
  progress: (label: string) => Progress;
  /** The reproduction of the paper's figures (src/cli/repro.ts). */
  repro: { reproFigure4: typeof reproFigure4; reproFigure2: typeof reproFigure2 };
}

/** A subcommand's view of the run: the IO and the input reader (one per run). */
export interface Context {
  io: CliIO;
  /** Reads an input (`path`, `path#selector` or `-`) as a table of cells. */
  read: (spec: string, options?: ReadOptions) => Table;
  /** Reads a JSON file (or stdin) as it is. */
  readJson: (spec: string) => unknown;
}

/** Prints a result: `json` as one JSON line with `--json`, else `text`. */
export function emit(ctx: Context, asJson: boolean | undefined, json: unknown, text: () => string) {
  ctx.io.stdout(asJson ? toJsonLine(json) : text());
}

/** Reads an input and selects its columns as numeric samples. */
export function readMatrix(
  ctx: Context,
  spec: string,
  cols: string | undefined,
  flag: string,
  options: ReadOptions,
): Matrix {
  const table = ctx.read(spec, options);
  return toMatrix(table, selectColumns(table, cols, flag));
}

/** Reads an input and selects its columns as labels (several columns: one joint label per row). */
export function readLabels(
  ctx: Context,
  spec: string,
  cols: string | undefined,
  flag: string,
  options: ReadOptions,
): { labels: Label[]; description: string } {
  const table = ctx.read(spec, options);
  return toLabels(table, selectColumns(table, cols, flag));
}

/** Reads an input as a probability vector (or table). */
export function readProbabilities(
  ctx: Context,
  spec: string,
  cols: string | undefined,
  flag: string,
  options: ReadOptions,
): { p: number[] | number[][]; description: string } {
  const table = ctx.read(spec, options);
  return toProbabilities(table, selectColumns(table, cols, flag));
}

/**
 * The two sides of a two-sample subcommand: two inputs (the column options select columns of
 * each), or one input split by the two column options.
 *
 * @param command - The subcommand, for messages.
 * @param cols - The two column selections and their option names (`--x-cols`, `--y-cols`).
 * @param load - Reads one side: (input, columns, flag) → value.
 */
export function readPair<T>(
  command: string,
  first: string,
  second: string | undefined,
  cols: { first: string | undefined; second: string | undefined; flags: [string, string] },
  load: (spec: string, cols: string | undefined, flag: string) => T,
): [T, T] {
  const [f1, f2] = cols.flags;
  if (second !== undefined) return [load(first, cols.first, f1), load(second, cols.second, f2)];
  if (cols.first === undefined || cols.second === undefined) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${command}: give two inputs, or one input with ${f1} and ${f2} to split its columns`,
    );
  }
  return [load(first, cols.first, f1), load(first, cols.second, f2)];
}

/** Checks that paired samples have the same number of rows. */
export function assertPaired(
  command: string,
  a: { n: number; description: string },
  b: { n: number; description: string },
) {
  if (a.n !== b.n) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${command}: ${a.description} has ${a.n} rows but ${b.description} has ${b.n}: the samples are paired (row i of each is one observation)`,
    );
  }
}

/**
 * Runs a library computation, prefixing the message of an InfoboundError it throws with what was
 * being computed on which input (`entropy of data.csv: k is 100 but X has 60 samples ...`), since
 * the library names its arguments (X, Y), not the user's files.
 */
export function computing<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InfoboundError) throw new InfoboundError(e.code, `${what}: ${e.message}`);
    throw e;
  }
}
