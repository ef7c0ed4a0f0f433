/**
 * Every ```ts block of README.md and docs/*.md runs, and every value it shows in a trailing
 * comment (`expr; // 0.5108256237659907` or `console.log(expr); // 1`) is what the code prints.
 * A block preceded by `<!-- no-check -->` is illustrative (it uses data it does not define).
 * `INFOBOUND_UPDATE_DOCS=1 npx vitest run test/docs/examples.test.ts` rewrites the shown values
 * that differ with what the code now prints (after a deliberate change, e.g. to a random stream);
 * review the diff before committing it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = join(root, 'node_modules', '.cache', 'doc-examples');
const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Block {
  file: string;
  line: number;
  code: string;
}

function blocks(file: string): Block[] {
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

// A shown value: a number, ±Infinity, NaN, true/false, or 'ok', as the first token of the comment.
const SHOWN =
  /^(\s*)(?:console\.log\((.*)\)|([^=]*?[^\s=][^=]*?));\s*\/\/\s*(-?(?:\d[\d.]*(?:e[-+]?\d+)?|Infinity)|NaN|true|false|ok)(?=\s|$|[,;)(])/;

function instrument(code: string): string {
  const src = join(root, 'src');
  const body = code
    .replace(/from 'infobound\/([a-z]+)'/g, (_, sub) => `from '${join(src, sub, 'index.ts')}'`)
    .replace(/from 'infobound'/g, `from '${join(src, 'index.ts')}'`)
    .split('\n')
    .map((line, i) => {
      if (/^\s*(const|let|import|export|\/\/)/.test(line)) return line;
      const m = SHOWN.exec(line);
      if (!m) return line;
      const expr = (m[2] ?? m[3] ?? '').trim();
      return `${m[1]}__shown(${expr}, ${JSON.stringify(m[4])}, ${i + 1});`;
    })
    .join('\n');
  return `const __results: [unknown, string, number][] = [];\nconst __shown = (v: unknown, s: string, l: number) => { __results.push([v, s, l]); };\n${body}\nexport default __results;\n`;
}

describe('documentation examples run and print what they say', () => {
  mkdirSync(outDir, { recursive: true });
  for (const file of files) {
    for (const b of blocks(file)) {
      it(`${file}:${b.line}`, async () => {
        const path = join(outDir, `${file.replace(/[/.]/g, '_')}_${b.line}.ts`);
        writeFileSync(path, instrument(b.code));
        const mod = (await import(path)) as { default: [unknown, string, number][] };
        for (const [value, shown, l] of mod.default) {
          const printed = shown === 'ok' ? 'ok' : String(value);
          if (process.env.INFOBOUND_UPDATE_DOCS === '1' && printed !== shown) {
            const lines = readFileSync(join(root, file), 'utf8').split('\n');
            const at = b.line + l - 2;
            lines[at] = (lines[at] as string).replace(`// ${shown}`, `// ${printed}`);
            writeFileSync(join(root, file), lines.join('\n'));
            continue;
          }
          expect(printed, `${file}:${b.line + l - 1}`).toBe(shown);
        }
      });
    }
  }
});
