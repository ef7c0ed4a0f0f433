/**
 * docs/cli.md shows what the CLI prints: every ```console block runs (its `$ ` lines, in one
 * shell, in a scratch folder where `data/` is the repository's), and its other lines are the
 * output, stdout and stderr together. A block preceded by `<!-- no-check -->` is illustrative.
 * `INFOBOUND_UPDATE_DOCS=1` rewrites the outputs in the file instead of comparing them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, bundlePath, removeCli, root } from './helpers.js';

const file = join(root, 'docs', 'cli.md');
const update = process.env.INFOBOUND_UPDATE_DOCS === '1';

interface Block {
  line: number;
  start: number;
  end: number;
  commands: string[];
  expected: string[][];
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== '```console') continue;
    const skip = (lines[i - 1] ?? '').includes('<!-- no-check -->');
    let j = i + 1;
    const commands: string[] = [];
    const expected: string[][] = [];
    while (j < lines.length && lines[j]?.trim() !== '```') {
      const l = lines[j] as string;
      if (l.startsWith('$ ')) {
        commands.push(l.slice(2));
        expected.push([]);
      } else {
        expected[expected.length - 1]?.push(l);
      }
      j++;
    }
    if (!skip) out.push({ line: i + 1, start: i + 1, end: j, commands, expected });
    i = j;
  }
  return out;
}

const MARK = '@@infobound-docs-command@@';

/** Runs a block's commands in one shell; the output of each, split by markers. */
function run(commands: string[], cwd: string): string[] {
  const script = [
    `infobound() { node ${JSON.stringify(bundlePath())} "$@"; }`,
    // The marker keeps `$?` of the command before it, for an example that shows an exit code.
    ...commands.flatMap((c) => [`__status=$?; echo ${MARK}; (exit $__status)`, `${c} 2>&1`]),
    // The status of the last example is not the script's: an example may show a failure.
    'true',
  ].join('\n');
  const out = execFileSync('/bin/sh', ['-c', script], { cwd, encoding: 'utf8' });
  return out
    .split(`${MARK}\n`)
    .slice(1)
    .map((s) => s.replace(/\n$/, ''));
}

describe('docs/cli.md shows what the CLI prints', () => {
  let scratch = '';
  const lines = readFileSync(file, 'utf8').split('\n');
  const all = blocks(lines);
  const actual = new Map<number, string[]>();

  beforeAll(async () => {
    await buildCli();
    scratch = mkdtempSync(join(tmpdir(), 'infobound-docs-'));
    symlinkSync(join(root, 'data'), join(scratch, 'data'));
  });
  afterAll(() => {
    removeCli();
    rmSync(scratch, { recursive: true, force: true });
    if (update && actual.size > 0) {
      // Rewrite from the last block up, so earlier line numbers stay valid.
      const next = [...lines];
      for (const b of [...all].reverse()) {
        const outputs = actual.get(b.line);
        if (!outputs) continue;
        const body = b.commands.flatMap((c, k) => [
          `$ ${c}`,
          ...(outputs[k] === '' ? [] : (outputs[k] ?? '').split('\n')),
        ]);
        next.splice(b.start, b.end - b.start, ...body);
      }
      writeFileSync(file, next.join('\n'));
    }
  });

  it('has examples', () => {
    expect(all.length).toBeGreaterThan(8);
  });

  for (const b of all) {
    it(`docs/cli.md:${b.line}`, () => {
      const got = run(b.commands, scratch);
      actual.set(b.line, got);
      if (update) return;
      b.commands.forEach((c, k) => {
        expect(got[k], `$ ${c}`).toBe((b.expected[k] ?? []).join('\n').replace(/\n+$/, ''));
      });
    });
  }
});
