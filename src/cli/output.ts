/** Output of the CLI: aligned plain-text tables for people, one JSON object for machines. */
import type { Base } from '../core/units.js';

/**
 * A number for a table: integers as they are, other values to 6 significant digits (trailing
 * zeros dropped), exponent notation below 1e-4 and from 1e6. `--json` gives full precision.
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    return v.toExponential(4).replace(/\.?0+e/, 'e');
  }
  return v
    .toPrecision(6)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** A cell of a table: text, or a number shown with {@link formatNumber} and right-aligned. */
export type Cell = string | number;

/**
 * Renders rows as an aligned plain-text table, two spaces between columns, numbers
 * right-aligned, the last column never padded.
 *
 * @param rows - The rows; the first is the header when `header` is true (then underlined).
 * @param header - Whether the first row is a header.
 */
export function renderTable(rows: Cell[][], header = false): string {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const columns = Math.max(0, ...text.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, j) =>
    Math.max(0, ...text.map((r) => [...(r[j] ?? '')].length)),
  );
  // A column is right-aligned when every cell of it (below the header) is a number.
  const body = rows.slice(header ? 1 : 0);
  const numeric = Array.from(
    { length: columns },
    (_, j) => body.length > 0 && body.every((r) => typeof r[j] === 'number' || r[j] === undefined),
  );
  const line = (r: string[]) =>
    r
      .map((c, j) => {
        const pad = (widths[j] as number) - [...c].length;
        if (numeric[j]) return ' '.repeat(pad) + c;
        return j === r.length - 1 ? c : c + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  const out = text.map(line);
  if (header && out.length > 0) {
    out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  }
  return `${out.join('\n')}\n`;
}

/** The unit of an information quantity in the given base: `nats`, `bits`, or `log base 10 units`. */
export function unitName(base: Base | undefined): string {
  if (base === undefined || base === 'nats' || base === Math.E) return 'nats';
  if (base === 'bits' || base === 2) return 'bits';
  return `log-base-${base} units`;
}

/** The `unit` field of JSON output: `'nats'`, `'bits'` or the base as a number. */
export function unitJson(base: Base | undefined): string | number {
  if (base === undefined || base === 'nats' || base === Math.E) return 'nats';
  if (base === 'bits' || base === 2) return 'bits';
  return base;
}

/** Serialises a result for `--json`: one object, one line, non-finite numbers as strings. */
export function toJsonLine(value: unknown): string {
  return `${JSON.stringify(value, (_key, v) =>
    typeof v === 'number' && !Number.isFinite(v)
      ? String(v)
      : ArrayBuffer.isView(v)
        ? Array.from(v as unknown as ArrayLike<number>)
        : v,
  )}\n`;
}

/** `1 column`, `3 columns`. */
export function columnCount(d: number): string {
  return `${d} column${d === 1 ? '' : 's'}`;
}

/** `60 rows × 1 column`. */
export function shapeText(n: number, d: number): string {
  return `${n} row${n === 1 ? '' : 's'} × ${columnCount(d)}`;
}
