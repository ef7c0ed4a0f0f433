// Copies the type declarations (dist/types, ES-module scope) to dist/types-cjs with a
// package.json of type "commonjs", so TypeScript reads them as CommonJS declarations for
// `require` consumers (node16/nodenext resolution), as @arethetypeswrong/cli checks.
import { cpSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist/types-cjs', { recursive: true, force: true });
cpSync('dist/types', 'dist/types-cjs', { recursive: true });
writeFileSync('dist/types-cjs/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
