import { defineConfig } from 'tsup';

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

export default defineConfig({
  entry: Object.fromEntries(
    entries.map((name) => [name, name === 'index' ? 'src/index.ts' : `src/${name}/index.ts`]),
  ),
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
});
