/**
 * Runs documentation examples: the ```ts blocks of README.md and docs/*.md (examples.test.ts) and
 * of the `@example` tags of the public symbols (tsdoc.test.ts).
 *
 * A block runs as an ES module (top-level await works), with `from 'infobound'` and
 * `from 'infobound/<sub>'` pointing at the sources. A statement followed by a comment that shows a
 * value (`expr; // 0.5108256237659907`, `console.log(expr); // 1`) is checked against what the
 * code prints. A shown value is, as the comment's first token:
 * - a number, ±Infinity, NaN, true, false, null or undefined, compared with `String(value)`;
 * - `ok`, which only says the line runs;
 * - a quoted string (`'-4.893'`) or a structure as Node prints it (`[ 2, 4 ]`,
 *   `{ bandwidth: 0.5 }`, `Int32Array(2) [ 1, 0 ]`), compared with `util.inspect(value)` on one
 *   line.
 * Declarations (`const`, `let`) are not checked: their comments describe. A value shown on a line
 * the runner cannot check (an assignment, a control statement, the last line of a multi-line
 * expression) fails the block rather than pass unchecked, and so does one on a line that does
 * not run (in a `catch` that nothing reached, say).
 *
 * With `INFOBOUND_UPDATE_DOCS=1` a shown value that differs is rewritten in place with what the
 * code now prints (after a deliberate change, e.g. to a random stream); review the diff.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { expect } from 'vitest';

/** The repository's root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules', '.cache', 'doc-examples');

/** Whether shown values that differ are rewritten rather than failed. */
export const updating = process.env.INFOBOUND_UPDATE_DOCS === '1';

/** A block of example code. */
export interface Block {
  /** The file it is in, relative to the root. */
  file: string;
  /** The 1-based line of `file` on which the block's code starts. */
  line: number;
  code: string;
}

/**
 * The ```ts blocks of a markdown file (relative to the root); a block preceded by
 * `<!-- no-check -->` is illustrative (it uses data it does not define) and left out.
 */
export function markdownBlocks(file: string): Block[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```ts') continue;
    const skip = (lines[i - 1] ?? '').includes('<!-- no-check -->');
    const start = i + 1;
    let j = start;
    while (j < lines.length && lines[j]?.trim() !== '```') j++;
    if (!skip) out.push({ file, line: start + 1, code: lines.slice(start, j).join('\n') });
    i = j;
  }
  return out;
}

const SIMPLE =
  /^(-?(?:\d[\d.]*(?:e[-+]?\d+)?|Infinity)|NaN|true|false|null|undefined|ok)(?=\s|$|[,;)(])/;
const QUOTED = /^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?=\s|$|[,;)(])/;
const STRUCTURE = /^(?:[A-Z][\w$]*(?:\(\d+\))? )?[[{]/;

/** The index of the bracket closing the one at `from`, skipping strings; -1 if none. */
function closing(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i] as string;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < s.length && s[i] !== c) i += s[i] === '\\' ? 2 : 1;
    } else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** The value a comment shows, or undefined if it starts with anything else (free text). */
function shownValue(comment: string): string | undefined {
  const simple = SIMPLE.exec(comment) ?? QUOTED.exec(comment);
  if (simple) return simple[1];
  const structure = STRUCTURE.exec(comment);
  if (!structure) return undefined;
  const end = closing(comment, structure[0].length - 1);
  if (end < 0 || !/^(?:\s|$|[,;)(])/.test(comment.slice(end + 1))) return undefined;
  return comment.slice(0, end + 1);
}

function isInspected(shown: string): boolean {
  return QUOTED.test(shown) || STRUCTURE.test(shown);
}

/** What the code printed, in the form of the shown value. */
function printedAs(value: unknown, shown: string): string {
  if (shown === 'ok') return 'ok';
  if (isInspected(shown))
    return inspect(value, { breakLength: Number.POSITIVE_INFINITY, depth: 8 });
  return String(value);
}

const STATEMENT = /^(\s*)(.*?);\s*\/\/\s*(.*)$/;
const NOT_AN_EXPRESSION =
  /^(?:var|return|if|else|for|while|do|switch|case|throw|break|continue|function|class|type|interface|try|catch|finally)\b|^[}\])]/;

/** Whether `expr` can be wrapped in a call: one balanced expression, no assignment. */
function checkable(expr: string): boolean {
  if (NOT_AN_EXPRESSION.test(expr)) return false;
  const bare = expr
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''")
    .replace(/===|!==|==|!=|<=|>=|=>/g, ' ');
  if (bare.includes('=')) return false;
  let depth = 0;
  for (const c of bare) {
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/**
 * The block as a module that records each shown value with what the code gives, and the lines
 * (1-based in the block) that show a value the runner cannot check.
 */
export function instrument(code: string): {
  source: string;
  checked: number[];
  unchecked: number[];
} {
  const src = join(root, 'src');
  const checked: number[] = [];
  const unchecked: number[] = [];
  const body = code
    .replace(/from 'infobound\/([a-z]+)'/g, (_, sub) => `from '${join(src, sub, 'index.ts')}'`)
    .replace(/from 'infobound'/g, `from '${join(src, 'index.ts')}'`)
    .split('\n')
    .map((line, i) => {
      if (/^\s*(const|let|import|export|\/\/)/.test(line)) return line;
      const m = STATEMENT.exec(line);
      if (!m) return line;
      const shown = shownValue(m[3] as string);
      if (shown === undefined) return line;
      const statement = (m[2] as string).trim();
      const expr = (/^console\.log\((.*)\)$/.exec(statement)?.[1] ?? statement).trim();
      if (!checkable(expr)) {
        unchecked.push(i + 1);
        return line;
      }
      checked.push(i + 1);
      return `${m[1]}__shown(${expr}, ${JSON.stringify(shown)}, ${i + 1});`;
    })
    .join('\n');
  const source = `const __results: [unknown, string, number][] = [];\nconst __shown = (v: unknown, s: string, l: number) => { __results.push([v, s, l]); };\n${body}\nexport default __results;\n`;
  return { source, checked, unchecked };
}

/**
 * Runs a block and checks every value it shows (inside a vitest test), or, when updating,
 * rewrites the shown values that differ in the block's file.
 */
export async function runBlock(b: Block): Promise<void> {
  const { source, checked, unchecked } = instrument(b.code);
  expect(
    unchecked.map((l) => `${b.file}:${b.line + l - 1}`),
    'values shown where they cannot be checked: show them after a one-line expression statement',
  ).toEqual([]);
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${b.file.replace(/[/.]/g, '_')}_${b.line}.ts`);
  writeFileSync(path, source);
  const mod = (await import(path)) as { default: [unknown, string, number][] };
  const reached = new Set(mod.default.map((r) => r[2]));
  expect(
    checked.filter((l) => !reached.has(l)).map((l) => `${b.file}:${b.line + l - 1}`),
    'values shown on lines that did not run',
  ).toEqual([]);
  for (const [value, shown, l] of mod.default) {
    const printed = printedAs(value, shown);
    if (updating && printed !== shown) {
      const lines = readFileSync(join(root, b.file), 'utf8').split('\n');
      const at = b.line + l - 2;
      lines[at] = (lines[at] as string).replace(`// ${shown}`, `// ${printed}`);
      writeFileSync(join(root, b.file), lines.join('\n'));
      continue;
    }
    expect(printed, `${b.file}:${b.line + l - 1}`).toBe(shown);
  }
}
