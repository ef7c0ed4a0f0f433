/**
 * docs/theory-audit.md's table is what `npm run audit` computes now: every counterexample number
 * in it is recomputed by the library, so a change that moves one of them fails here until the doc
 * is regenerated (`npm run audit -- --write`).
 */
import { describe, expect, it } from 'vitest';
import { documentedTable, table } from '../../scripts/audit.js';

describe('docs/theory-audit.md', () => {
  it('matches the table npm run audit computes', () => {
    expect(documentedTable()).toBe(table().trim());
  });
});
