/**
 * Reading the CLI's input files into a table of cells: CSV and TSV (csv-parse, header detected),
 * JSON, JSON Lines, .npy, and `-` for stdin. Every row keeps its position in the file, so that
 * a bad value can be reported by file, row and column.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { InfoboundError } from '../core/errors.js';
import { inputError } from './errors.js';
import { isNpy, parseNpy } from './npy.js';

/** The input formats the CLI reads. */
export type Format = 'csv' | 'tsv' | 'json' | 'jsonl' | 'npy';

/** The formats, for `--format`. */
export const FORMATS: readonly Format[] = ['csv', 'tsv', 'json', 'jsonl', 'npy'];

/** One row of an input, with its 1-based position in the file for error messages. */
export interface Row {
  /** Line of a CSV, TSV or JSONL file (header included); element of a JSON array; row of a .npy array. */
  at: number;
  cells: readonly unknown[];
}

/** An input file read into rows of cells (strings from CSV and TSV, JSON values otherwise). */
export interface Table {
  /** The input as the user named it, for messages (`stdin` for `-`). */
  file: string;
  format: Format;
  /** Column names: the CSV/TSV header, or the keys of JSON records. */
  header: string[] | undefined;
  rows: Row[];
  /** For CSV and TSV, the columns named after `#` in `file.csv#cols`. */
  columns: string | undefined;
  /** For JSON and JSONL records, the field the values were taken from. */
  field: string | undefined;
}

/** How to read an input. */
export interface ReadOptions {
  /** Format, instead of the one the extension (or, for stdin, the content) says. */
  format?: Format | undefined;
  /** CSV/TSV: the first row is a header (true), is data (false), or detect (undefined). */
  header?: boolean | undefined;
  /** JSON/JSONL records: the field holding the values (default: `embedding` if present). */
  field?: string | undefined;
}

/** Reads a whole input: a file, or stdin for `-`. */
export type ReadBytes = (path: string) => Uint8Array;

/** A finite decimal number as written in a CSV cell (no hex, no empty string). */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** NaN and infinities as text: numeric-looking (not a header), rejected as non-finite later. */
const NON_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;

/** Whether a CSV cell reads as a number (finite or not). */
export function isNumericText(s: string): boolean {
  return NUMBER.test(s) || NON_FINITE.test(s);
}

/** Parses a CSV cell as a finite number, or returns undefined. */
export function finiteNumberOfText(s: string): number | undefined {
  return NUMBER.test(s) ? Number(s) : undefined;
}

/**
 * Splits `path#selector`: the part after the last `#` selects a JSON member, a JSON/JSONL record
 * field, or CSV/TSV columns. A path that exists as written is never split.
 */
export function splitSpec(spec: string): { path: string; selector: string | undefined } {
  const hash = spec.lastIndexOf('#');
  if (hash <= 0 || (spec !== '-' && existsSync(spec))) return { path: spec, selector: undefined };
  return { path: spec.slice(0, hash), selector: spec.slice(hash + 1) };
}

function formatOfPath(path: string): Format | undefined {
  switch (extname(path).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.tsv':
    case '.tab':
      return 'tsv';
    case '.json':
      return 'json';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.npy':
      return 'npy';
    default:
      return undefined;
  }
}

/** Guesses the format from the content: .npy magic, JSON, JSON Lines, TSV (a tab in line 1), CSV. */
function sniff(bytes: Uint8Array, text: () => string): Format {
  if (isNpy(bytes)) return 'npy';
  const t = text().trimStart();
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    try {
      JSON.parse(t);
      return 'json';
    } catch {
      return 'jsonl';
    }
  }
  const firstLine = t.split('\n', 1)[0] ?? '';
  return firstLine.includes('\t') ? 'tsv' : 'csv';
}

function lineAndColumn(text: string, position: number): { row: number; column: number } {
  let row = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      row++;
      lineStart = i + 1;
    }
  }
  return { row, column: position - lineStart + 1 };
}

/** JSON.parse with a file/row/column message on a syntax error. */
function parseJson(text: string, file: string, rowOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /at position (\d+)/.exec(message);
    const what = `invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/, '')}`;
    if (pos) {
      const { row, column } = lineAndColumn(text, Number(pos[1]));
      throw inputError('INVALID_ARGUMENT', { file, row: row + rowOffset, column }, what);
    }
    throw inputError('INVALID_ARGUMENT', { file, row: rowOffset + 1 }, what);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describeJson(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

/**
 * Rows of JSON values (the elements of a JSON array, or the records of a JSON Lines file) as
 * table rows: an array is a row, a number or a string is a one-cell row, an object is a record
 * whose `field` holds the row (or, with no field, whose keys are the columns).
 */
function rowsOfJson(
  items: { at: number; value: unknown }[],
  file: string,
  fieldOption: string | undefined,
): Pick<Table, 'header' | 'rows' | 'field'> {
  const first = items[0]?.value;
  if (!isRecord(first)) {
    return {
      header: undefined,
      field: undefined,
      rows: items.map(({ at, value }) => {
        if (Array.isArray(value)) return { at, cells: value };
        if (typeof value === 'number' || typeof value === 'string') return { at, cells: [value] };
        throw inputError(
          'INVALID_ARGUMENT',
          { file, row: at },
          `${describeJson(value)}: expected a row (an array of numbers), a number or a label, like row ${items[0]?.at}`,
        );
      }),
    };
  }
  const field = fieldOption ?? ('embedding' in first ? 'embedding' : undefined);
  if (field === undefined) {
    // Records without a field to read: their keys are the columns.
    const header = Object.keys(first);
    return {
      header,
      field: undefined,
      rows: items.map(({ at, value }) => {
        if (!isRecord(value)) {
          throw inputError(
            'INVALID_ARGUMENT',
            { file, row: at },
            `${describeJson(value)}: expected an object like row ${items[0]?.at}`,
          );
        }
        const cells = header.map((key, j) => {
          if (!(key in value)) {
            throw inputError(
              'SHAPE_MISMATCH',
              { file, row: at, column: j + 1, columnName: key },
              `missing: row ${items[0]?.at} has a field ${JSON.stringify(key)}, this row does not`,
            );
          }
          return value[key];
        });
        return { at, cells };
      }),
    };
  }
  return {
    header: undefined,
    field,
    rows: items.map(({ at, value }) => {
      if (!isRecord(value) || !(field in value)) {
        const fields = isRecord(value) ? Object.keys(value).join(', ') : describeJson(value);
        throw inputError(
          'INVALID_ARGUMENT',
          { file, row: at },
          `no field ${JSON.stringify(field)} (found: ${fields}); name the field with --field NAME or ${file === 'stdin' ? '-' : file}#NAME`,
        );
      }
      const v = value[field];
      if (Array.isArray(v)) return { at, cells: v };
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
        return { at, cells: [v] };
      }
      throw inputError(
        'INVALID_ARGUMENT',
        { file, row: at },
        `field ${JSON.stringify(field)} is ${describeJson(v)}: expected an array of numbers, a number or a label`,
      );
    }),
  };
}

function readCsv(text: string, file: string, format: 'csv' | 'tsv', header: boolean | undefined) {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parseCsv(text, {
      delimiter: format === 'tsv' ? '\t' : ',',
      // TSV has no quoting convention: a quote character is data.
      quote: format === 'tsv' ? false : '"',
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const lines = (e as CsvError & { lines?: number }).lines;
      throw inputError(
        'INVALID_ARGUMENT',
        lines === undefined ? { file } : { file, row: lines },
        `invalid ${format.toUpperCase()}: ${e.message}`,
      );
    }
    throw e;
  }
  const first = records[0]?.record;
  const hasHeader =
    first !== undefined && (header ?? first.some((cell) => cell !== '' && !isNumericText(cell)));
  const data = hasHeader ? records.slice(1) : records;
  return {
    header: hasHeader ? first : undefined,
    rows: data.map((r) => ({ at: r.info.lines, cells: r.record })),
  };
}

/**
 * Creates the reader of the CLI's inputs. Files are read once per run (an input named twice, as
 * in `embeddings.json#anchor` and `embeddings.json#synthetic`, is parsed once).
 *
 * @param readBytes - Reads a path, or stdin for `-`.
 * @returns `table(spec, options)`: the {@link Table} of the input `spec` (`path`,
 *   `path#selector` or `-`); `json(spec)`: the parsed JSON of a file or stdin.
 */
export function createReader(readBytes: ReadBytes): {
  table: (spec: string, options?: ReadOptions) => Table;
  json: (spec: string) => unknown;
} {
  const bytesCache = new Map<string, Uint8Array>();
  const jsonCache = new Map<string, unknown>();
  let stdinUsed = false;

  const bytesOf = (path: string, file: string): Uint8Array => {
    const cached = bytesCache.get(path);
    if (cached) return cached;
    if (path !== '-') {
      if (!existsSync(path)) {
        throw new InfoboundError('INVALID_ARGUMENT', `${file}: no such file`);
      }
      if (statSync(path).isDirectory()) {
        throw new InfoboundError('INVALID_ARGUMENT', `${file}: is a directory, not a file`);
      }
    } else if (stdinUsed) {
      throw new InfoboundError('INVALID_ARGUMENT', 'stdin (-) can be read only once per command');
    }
    if (path === '-') stdinUsed = true;
    const b = readBytes(path);
    bytesCache.set(path, b);
    return b;
  };

  const jsonOf = (path: string, file: string, text: () => string): unknown => {
    let value = jsonCache.get(path);
    if (value === undefined) {
      value = parseJson(text(), file);
      jsonCache.set(path, value);
    }
    return value;
  };

  const json = (spec: string): unknown => {
    const file = spec === '-' ? 'stdin' : spec;
    const bytes = bytesOf(spec, file);
    return jsonOf(spec, file, () => new TextDecoder('utf-8').decode(bytes));
  };

  const table = (spec: string, options: ReadOptions = {}): Table => {
    const { path, selector } = splitSpec(spec);
    const file = path === '-' ? 'stdin' : path;
    const bytes = bytesOf(path, file);
    let text: string | undefined;
    const textOf = () => {
      text ??= new TextDecoder('utf-8').decode(bytes);
      return text;
    };
    const format =
      options.format ?? (path === '-' ? undefined : formatOfPath(path)) ?? sniff(bytes, textOf);
    const base = { file, format, columns: undefined, field: undefined } as const;

    if (format === 'npy') {
      if (selector !== undefined) {
        throw new InfoboundError(
          'INVALID_ARGUMENT',
          `${file}: a .npy file has no fields or named columns to select with #${selector}`,
        );
      }
      const a = parseNpy(bytes, file);
      const rows: Row[] = [];
      for (let i = 0; i < a.rows; i++) {
        rows.push({
          at: i + 1,
          cells: Array.from(a.data.subarray(i * a.columns, (i + 1) * a.columns)),
        });
      }
      return { ...base, header: undefined, rows };
    }
    if (format === 'csv' || format === 'tsv') {
      return { ...base, ...readCsv(textOf(), file, format, options.header), columns: selector };
    }
    if (format === 'jsonl') {
      const items: { at: number; value: unknown }[] = [];
      const lines = textOf().split('\n');
      for (let i = 0; i < lines.length; i++) {
        const line = (lines[i] as string).trim();
        if (line === '') continue;
        items.push({ at: i + 1, value: parseJson(line, file, i) });
      }
      return { ...base, ...rowsOfJson(items, file, selector ?? options.field) };
    }
    // JSON: an array of rows or records, or an object whose member `selector` is one.
    let value = jsonOf(path, file, textOf);
    let field = options.field;
    if (isRecord(value)) {
      const members = Object.keys(value);
      if (selector === undefined) {
        throw new InfoboundError(
          'INVALID_ARGUMENT',
          `${file}: the top level is an object, not an array of rows; pick a member with ${path}#NAME (members: ${members.join(', ')})`,
        );
      }
      if (!(selector in value)) {
        throw new InfoboundError(
          'INVALID_ARGUMENT',
          `${file}: no member ${JSON.stringify(selector)} (members: ${members.join(', ')})`,
        );
      }
      value = value[selector];
    } else if (selector !== undefined) {
      field = selector;
    }
    if (!Array.isArray(value)) {
      throw new InfoboundError(
        'INVALID_ARGUMENT',
        `${file}${selector === undefined ? '' : `#${selector}`}: ${describeJson(value)}, expected an array of rows, of numbers or of records`,
      );
    }
    const items = value.map((v, i) => ({ at: i + 1, value: v }));
    return { ...base, ...rowsOfJson(items, file, field) };
  };

  return { table, json };
}

/** Reads a path, or all of stdin for `-`. */
export function readBytesFromDisk(path: string): Uint8Array {
  return readFileSync(path === '-' ? 0 : path);
}
