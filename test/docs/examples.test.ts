/**
 * Every ```ts block of README.md and docs/*.md runs, and every value it shows in a trailing
 * comment (`expr; // 0.5108256237659907` or `console.log(expr); // 1`) is what the code prints.
 * A block preceded by `<!-- no-check -->` is illustrative (it uses data it does not define).
 * `INFOBOUND_UPDATE_DOCS=1 npx vitest run test/docs/examples.test.ts` rewrites the shown values
 * that differ with what the code now prints (after a deliberate change, e.g. to a random stream);
 * review the diff before committing it. The runner, shared with tsdoc.test.ts, is runExamples.ts.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { markdownBlocks, root, runBlock } from './runExamples.js';

const files = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('documentation examples run and print what they say', () => {
  for (const file of files) {
    for (const b of markdownBlocks(file)) {
      it(`${file}:${b.line}`, () => runBlock(b));
    }
  }
});
