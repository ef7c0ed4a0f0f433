import { defineConfig, type Options } from 'tsup';

// One entry per public subpath of API.md; the exports map in package.json mirrors this list.
export const entries = [
  'index',
  'discrete',
  'gaussian',
  'knn',
  'kernel',
  'gmm',
  'bounds',
  'simulation',
  'testing',
] as const;

const library = {
  entry: Object.fromEntries(
    entries.map((name) => [name, name === 'index' ? 'src/index.ts' : `src/${name}/index.ts`]),
  ),
  format: ['esm', 'cjs'],
  // Declarations come from tsc (tsconfig.build.json), not from tsup's bundled dts: see there.
  dts: false,
  // No source maps in the package: they tripled its size; tests and debugging use src/ directly.
  sourcemap: false,
  clean: false, // the build script empties dist first: configs run in parallel and must not clean each other's files
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
} satisfies Options;

// `infobound/node`: the simulation on worker threads. Self-contained bundles (no shared chunks),
// so the worker script sits beside the module that starts it: dist/node-worker.{js,cjs}.
// `shims` gives the CommonJS build an import.meta.url.
const node = {
  entry: { node: 'src/node/index.ts', 'node-worker': 'src/node/worker.ts' },
  format: ['esm', 'cjs'],
  dts: false,
  sourcemap: false,
  clean: false,
  splitting: false,
  shims: true,
  target: 'es2022',
  platform: 'node',
  outDir: 'dist',
} satisfies Options;

// The `infobound` executable (package.json `bin`): ESM for Node, one file with the library bundled
// in (dependencies stay in node_modules). Its simulation workers are dist/node-worker.js, built
// above, which the pool finds beside the bundle that starts it.
const cli = {
  entry: { cli: 'src/cli/index.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: false,
  clean: false,
  splitting: false,
  treeshake: true,
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  banner: { js: '#!/usr/bin/env node' },
} satisfies Options;

export default defineConfig([library, node, cli]);
