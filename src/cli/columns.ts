/**
 * From a {@link Table} of cells to what the estimators take: a numeric sample matrix, labels, or
 * a probability vector; with column selection (`--cols 1,3-4,name`) and a message naming file,
 * row and column for every bad cell.
 */
import { InfoboundError } from '../core/errors.js';
import { inputError } from './errors.js';
import { finiteNumberOfText, isNumericText, type Table } from './input.js';

/** A label, as the discrete estimators take it. */
export type Label = number | string;

/** Selected numeric samples: n rows of d values, and where they came from. */
export interface Matrix {
  rows: Float64Array[];
  n: number;
  d: number;
  /** The input and the columns, for output (`data.csv, columns 1-4`). */
  description: string;
  /** The input, for messages. */
  file: string;
  /** The position in the file of each row (see {@link Row.at}). */
  at: number[];
  /** The 0-based columns of the file the matrix's columns are. */
  columns: number[];
}

/** The number of columns of a table (header, else first row), after checking every row has it. */
function widthOf(table: Table): number {
  const width = table.header?.length ?? table.rows[0]?.cells.length ?? 0;
  const ref = table.header ? 'the header' : `row ${table.rows[0]?.at}`;
  for (const row of table.rows) {
    if (row.cells.length !== width) {
      throw inputError(
        'SHAPE_MISMATCH',
        {
          file: table.file,
          row: row.at,
          ...(row.cells.length < width ? { column: row.cells.length + 1 } : {}),
        },
        `${row.cells.length} values, but ${ref} has ${width}: every row needs the same number of columns`,
      );
    }
  }
  return width;
}

function nameOf(table: Table, j: number): string | undefined {
  return table.header?.[j];
}

/**
 * Parses a column list: 1-based indices, ranges (`2-4`) and header names, comma-separated.
 *
 * @param spec - The list, as given to `--cols` or after `#`.
 * @param table - The table, for its header and width.
 * @param flag - The option's name, for messages.
 * @returns 0-based column indices, in the order given.
 */
export function parseColumnList(spec: string, table: Table, flag: string): number[] {
  const width = widthOf(table);
  const out: number[] = [];
  for (const rawPart of spec.split(',')) {
    const part = rawPart.trim();
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (/^\d+$/.test(part) || range) {
      const lo = Number(range ? range[1] : part);
      const hi = Number(range ? range[2] : part);
      if (lo < 1 || hi > width || lo > hi) {
        throw new InfoboundError(
          'INVALID_OPTION',
          `${flag} ${JSON.stringify(spec)}: ${JSON.stringify(part)} is not a column of ${table.file}, which has columns 1 to ${width}`,
        );
      }
      for (let j = lo; j <= hi; j++) out.push(j - 1);
      continue;
    }
    const j = table.header?.indexOf(part) ?? -1;
    if (j < 0) {
      const known = table.header
        ? `its columns are ${table.header.map((h) => JSON.stringify(h)).join(', ')}`
        : 'it has no header, so name columns by number (1-based)';
      throw new InfoboundError(
        'INVALID_OPTION',
        `${flag} ${JSON.stringify(spec)}: ${table.file} has no column ${JSON.stringify(part)}: ${known}`,
      );
    }
    out.push(j);
  }
  return out;
}

/**
 * The columns of a table to use: those named after `#` in the input, else `cols` (an option),
 * else all of them.
 */
export function selectColumns(table: Table, cols: string | undefined, flag: string): number[] {
  if (table.columns !== undefined && cols !== undefined) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${table.file}#${table.columns} and ${flag} both select columns: use one`,
    );
  }
  const spec = table.columns ?? cols;
  if (spec !== undefined) return parseColumnList(spec, table, table.columns ? '#' : flag);
  return Array.from({ length: widthOf(table) }, (_, j) => j);
}

function requireRows(table: Table): void {
  if (table.rows.length === 0) {
    throw new InfoboundError('TOO_FEW_SAMPLES', `${table.file}: no data rows`);
  }
}

function describeColumns(table: Table, columns: number[]): string {
  const width = widthOf(table);
  if (columns.length === width && columns.every((c, i) => c === i)) return table.file;
  const names = columns.map((j) => nameOf(table, j) ?? String(j + 1));
  return `${table.file}, column${columns.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

function cellNumber(table: Table, rowAt: number, j: number, cell: unknown): number {
  const at = { file: table.file, row: rowAt, column: j + 1, columnName: nameOf(table, j) };
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw inputError('NON_FINITE', at, `${cell} is not finite`);
    return cell;
  }
  if (typeof cell === 'string' && table.format !== 'json' && table.format !== 'jsonl') {
    if (cell === '') throw inputError('INVALID_ARGUMENT', at, 'empty: expected a number');
    const v = finiteNumberOfText(cell);
    if (v !== undefined) return v;
    if (isNumericText(cell)) {
      throw inputError('NON_FINITE', at, `${cell} is not finite: samples must be finite numbers`);
    }
    throw inputError('INVALID_ARGUMENT', at, `${JSON.stringify(cell)} is not a number`);
  }
  const shown =
    cell === null ? 'null' : typeof cell === 'object' ? 'a nested value' : JSON.stringify(cell);
  throw inputError('INVALID_ARGUMENT', at, `${shown} is not a number`);
}

/**
 * The selected columns as a numeric sample matrix (one row per sample).
 *
 * @param table - The input.
 * @param columns - 0-based columns to keep (see {@link selectColumns}).
 * @throws InfoboundError naming file, row and column for an empty, non-numeric or non-finite
 *   cell, and for a row of the wrong length.
 */
export function toMatrix(table: Table, columns: number[]): Matrix {
  requireRows(table);
  widthOf(table);
  const d = columns.length;
  const rows = table.rows.map((row) => {
    const out = new Float64Array(d);
    for (let c = 0; c < d; c++) {
      const j = columns[c] as number;
      out[c] = cellNumber(table, row.at, j, row.cells[j]);
    }
    return out;
  });
  return {
    rows,
    n: rows.length,
    d,
    description: describeColumns(table, columns),
    file: table.file,
    at: table.rows.map((r) => r.at),
    columns,
  };
}

/**
 * The selected columns as labels: the cell of a single column (a string from CSV/TSV, a number
 * or a string from JSON), or, for several columns, the row of cells as one joint label.
 */
export function toLabels(
  table: Table,
  columns: number[],
): { labels: Label[]; description: string } {
  requireRows(table);
  widthOf(table);
  const labels = table.rows.map((row) => {
    const cells = columns.map((j) => {
      const cell = row.cells[j];
      if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') {
        if (cell === '') {
          throw inputError(
            'INVALID_ARGUMENT',
            { file: table.file, row: row.at, column: j + 1, columnName: nameOf(table, j) },
            'empty: expected a label',
          );
        }
        return typeof cell === 'boolean' ? String(cell) : cell;
      }
      throw inputError(
        'INVALID_ARGUMENT',
        { file: table.file, row: row.at, column: j + 1, columnName: nameOf(table, j) },
        `${cell === null ? 'null' : 'a nested value'} is not a label: expected a string or a number`,
      );
    });
    return cells.length === 1 ? (cells[0] as Label) : JSON.stringify(cells);
  });
  return { labels, description: describeColumns(table, columns) };
}

/**
 * The selected cells as a probability vector (or table): a single row or a single column is a
 * vector; several rows of several columns are a matrix (first index = row).
 */
export function toProbabilities(
  table: Table,
  columns: number[],
): { p: number[] | number[][]; description: string } {
  const m = toMatrix(table, columns);
  const rows = m.rows.map((r) => Array.from(r));
  const p = m.n === 1 ? (rows[0] as number[]) : m.d === 1 ? rows.map((r) => r[0] as number) : rows;
  return { p, description: m.description };
}
