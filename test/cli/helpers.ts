/**
 * Runs the CLI as a subprocess. {@link buildCli} bundles the current source, src/cli/index.ts,
 * with tsup's API (as `npm run build` does for dist/cli.js) into a temporary folder under
 * node_modules/.cache; each run is then `node cli.js ...`. So the tests run the same on a fresh
 * clone, in CI (where dist/ is built first) and for a developer who has not built, and never on a
 * stale dist/. Unlike dist/cli.js, the test bundle also contains the dependencies (commander,
 * csv-parse, ml-matrix, @stdlib): a run then starts in about 0.1 s of CPU instead of 0.25 s
 * (resolving and loading @stdlib's many small modules), and a third of the 0.6 s of `node
 * --import tsx src/cli/index.ts`, which transpiles every module again in every process. The
 * working directory is the fixtures folder, so file names in messages are as short as a user's.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtures = join(root, 'test', 'cli', 'fixtures');

let bundle: string | undefined;

/** Bundles src/cli/index.ts for {@link cli} (about 0.2 s); call it in `beforeAll`. */
export async function buildCli(): Promise<void> {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'infobound-cli-test-'));
  await build({
    config: false,
    entry: { cli: join(root, 'src', 'cli', 'index.ts') },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    outDir,
    dts: false,
    sourcemap: false,
    splitting: false,
    clean: false,
    silent: true,
    noExternal: [/./],
    // Bundled CommonJS dependencies call require() for Node's modules, which ESM lacks.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  bundle = join(outDir, 'cli.js');
}

/** The bundle {@link buildCli} wrote. */
export function bundlePath(): string {
  if (bundle === undefined) throw new Error('call buildCli() in beforeAll first');
  return bundle;
}

/** Removes the bundle of {@link buildCli}; call it in `afterAll`. */
export function removeCli(): void {
  if (bundle !== undefined) rmSync(dirname(bundle), { recursive: true, force: true });
  bundle = undefined;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `infobound ...args` (stdin from `input`), in the fixtures folder. */
export function cli(args: readonly string[], input?: string | Uint8Array): Promise<Run> {
  const script = bundlePath();
  return new Promise((done, fail) => {
    const env = { ...process.env };
    delete env.INFOBOUND_DEBUG;
    const child = spawn(process.execPath, [script, ...args], {
      cwd: fixtures,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) =>
      done({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    child.stdin.end(input ?? '');
  });
}

/** Runs `infobound ...args --json`, expects exit code 0, and returns the parsed JSON. */
export async function cliJson(
  args: readonly string[],
  input?: string | Uint8Array,
): Promise<Record<string, unknown> & { value: number }> {
  const r = await cli([...args, '--json'], input);
  if (r.code !== 0) throw new Error(`infobound ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A fixture's bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(join(fixtures, name));
}

/** A headed CSV fixture of numbers, read without the CLI's code: header and rows. */
export function readCsv(name: string): { header: string[]; rows: number[][] } {
  const [head, ...lines] = fixture(name).toString('utf8').trim().split('\n');
  return {
    header: (head as string).split(','),
    rows: lines.map((l) => l.split(',').map(Number)),
  };
}

/** Columns `cols` (0-based) of rows. */
export function columns(rows: readonly number[][], cols: readonly number[]): number[][] {
  return rows.map((r) => cols.map((j) => r[j] as number));
}

/** A JSON fixture. */
export function readJson<T = unknown>(name: string): T {
  return JSON.parse(fixture(name).toString('utf8')) as T;
}
