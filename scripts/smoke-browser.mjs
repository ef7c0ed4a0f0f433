#!/usr/bin/env node
/**
 * Browser smoke test: bundles the core (dist/index.js) for the browser with esbuild, runs a few
 * estimators in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), and
 * compares the browser's numbers with the same computations in Node (test/smoke/computations.mjs).
 *
 * What must agree, and how (docs/core.md, "Same seed, same bits, on every engine"): random draws
 * use only correctly rounded operations, so seeded samples and permutation counts must be
 * bit-identical; the estimators call Math.log, Math.exp, ..., whose last bit ECMAScript leaves to
 * the engine (V8's differ between Node 20 and current Chromium for a few % of arguments), so
 * their results must agree to 1e-12 relative, and the number that are bit-identical is reported.
 * Fails loudly on a bundling error (a Node-only import in the core), a page error, a console
 * error, or a larger difference; prints how long each stage took.
 *
 * Usage: node scripts/smoke-browser.mjs   (CHROMIUM=/path/to/chromium to use another browser)
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(repo, 'dist', 'index.js');
const computations = join(repo, 'test', 'smoke', 'computations.mjs');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const started = performance.now();
let last = started;
const lap = (what) => {
  const now = performance.now();
  console.log(`-- smoke-browser: ${what} (${((now - last) / 1000).toFixed(2)} s)`);
  last = now;
};
class SmokeFailure extends Error {}
function fail(message) {
  throw new SmokeFailure(message);
}
function report(e) {
  const message =
    e instanceof SmokeFailure ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
  console.error(`\nsmoke-browser FAILED: ${message}`);
  process.exitCode = 1;
}

if (!existsSync(core) || !existsSync(executablePath)) {
  report(
    new SmokeFailure(
      !existsSync(core)
        ? `${core} is missing: run npm run build first`
        : `no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium)`,
    ),
  );
  process.exit();
}

// 1. Node: the reference numbers.
const ib = await import(pathToFileURL(core).href);
const { run } = await import(pathToFileURL(computations).href);
const inNode = run(ib);
lap('computed in Node');

// 2. The browser bundle: the core and the computations, nothing else. platform 'browser' fails
// on any node: import; the metafile lists what went in.
const work = mkdtempSync(join(tmpdir(), 'infobound-smoke-browser-'));
let browser;
try {
  const entry = join(work, 'entry.js');
  writeFileSync(
    entry,
    [
      `import * as ib from ${JSON.stringify(core)};`,
      `import { run } from ${JSON.stringify(computations)};`,
      'globalThis.__smoke = () => run(ib);',
    ].join('\n'),
  );
  const bundle = join(work, 'bundle.js');
  const built = await esbuild.build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(built.metafile.inputs);
  const nodeOnly = inputs.filter((p) => p.startsWith('node:') || p.includes('(disabled)'));
  if (nodeOnly.length > 0)
    fail(`the browser bundle pulls in Node-only modules: ${nodeOnly.join(', ')}`);
  const packages = [
    ...new Set(
      inputs
        .map((p) => p.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1])
        .filter((p) => p !== undefined),
    ),
  ];
  const stdlib = packages.filter((p) => p.startsWith('@stdlib/')).length;
  const others = packages.filter((p) => !p.startsWith('@stdlib/'));
  console.log(
    `bundle: ${(statSync(bundle).size / 1024).toFixed(0)} kB (not minified) from ${inputs.length} files; ` +
      `dependencies: ${[...others, `${stdlib} @stdlib packages`].join(', ')}`,
  );
  lap('bundled with esbuild (platform browser)');

  // 3. Headless Chromium: a page served with a strict Content-Security-Policy (scripts from the
  // page's origin only: no inline scripts, no eval) loads the bundle and runs the computations.
  browser = await chromium.launch({
    executablePath,
    headless: true,
    // Containers and CI run as root, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  // Two pages: the strict policy forbids compiling WebAssembly, so the Gram dot products, the EM
  // iteration and the simulation's resample loop take their JavaScript fallbacks; with
  // 'wasm-unsafe-eval' they take the WebAssembly kernels. Both must give Node's numbers.
  const policies = [
    [
      "default-src 'none'; script-src 'self'",
      'strict CSP: no inline scripts, no eval, no WebAssembly',
    ],
    [
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'",
      "strict CSP plus 'wasm-unsafe-eval', which allows the WebAssembly kernels",
    ],
  ];
  const runs = [];
  for (const [policy, label] of policies) {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    const origin = 'http://infobound.smoke';
    await page.route(`${origin}/**`, (route) =>
      route.request().url().endsWith('/bundle.js')
        ? route.fulfill({ path: bundle, contentType: 'text/javascript' })
        : route.fulfill({
            body: '<!doctype html><title>infobound</title><script src="/bundle.js"></script>',
            contentType: 'text/html',
            headers: { 'Content-Security-Policy': policy },
          }),
    );
    await page.goto(`${origin}/`);
    const loaded = await page.evaluate(() => typeof globalThis.__smoke === 'function');
    if (!loaded) fail(`the bundle did not load: ${problems.join('; ') || 'no error reported'}`);
    lap(`loaded into headless Chromium ${browser.version()} (${label})`);
    const result = await page.evaluate(() => {
      const t0 = performance.now();
      const results = globalThis.__smoke();
      return { results, ms: performance.now() - t0 };
    });
    lap(`computed in the browser (${result.ms.toFixed(0)} ms in the page)`);
    if (problems.length > 0) fail(problems.join('\n'));
    runs.push([label, result]);
    await page.close();
  }
  const version = browser.version();

  // 4. Compare, number by number: bit for bit where only correctly rounded operations are
  // involved (seeded draws, counts, iterations), to 1e-12 relative elsewhere.
  const EXACT = [
    'results.gmm.sample', // ziggurat normals (detLog, no Math.log) through a Cholesky factor
    'results.gmm.nIter',
    'results.hsicTestPermutationP', // (1 + exceedances) / (1 + permutations)
    'results.gmmKlMonteCarlo.samples',
  ];
  const REL_TOL = 1e-12;
  const view = new DataView(new ArrayBuffer(8));
  const bits = (v) => {
    view.setFloat64(0, v);
    return view.getBigUint64(0);
  };
  const differences = [];
  const lastBit = [];
  let numbers = 0;
  let worst = 0;
  const compare = (a, b, path) => {
    if (typeof a === 'number' && typeof b === 'number') {
      numbers++;
      if (bits(a) === bits(b)) return;
      const ulps = bits(a) > bits(b) ? bits(a) - bits(b) : bits(b) - bits(a);
      const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      const line = `${path}: Node ${a}, browser ${b} (${ulps} ulp, ${rel.toExponential(1)} relative)`;
      if (EXACT.some((p) => path.startsWith(p)) || !(rel <= REL_TOL)) differences.push(line);
      else {
        lastBit.push(line);
        worst = Math.max(worst, rel);
      }
      return;
    }
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys) compare(a[k], b[k], `${path}.${k}`);
      return;
    }
    if (a !== b)
      differences.push(`${path}: Node ${JSON.stringify(a)}, browser ${JSON.stringify(b)}`);
  };
  for (const [label, inBrowser] of runs) {
    differences.length = 0;
    lastBit.length = 0;
    numbers = 0;
    worst = 0;
    compare(inNode, inBrowser.results, 'results');
    const checks = [
      [inNode.typedError?.instanceOf === true, 'typed errors in Node'],
      [inBrowser.results.typedError?.instanceOf === true, 'typed errors in the browser'],
      [inBrowser.results.gmm?.converged === true, 'the GaussianMixture fit converged'],
    ];
    for (const [ok, what] of checks) if (!ok) fail(`${what}: ${JSON.stringify(inBrowser.results)}`);
    if (differences.length > 0) {
      fail(
        `${label}: ${differences.length} of ${numbers} numbers differ beyond what is allowed:\n  ${differences.join('\n  ')}`,
      );
    }
    console.log(
      `${label}: Node ${process.versions.node} (V8 ${process.versions.v8}) and Chromium ${version}: ` +
        `${numbers - lastBit.length} of ${numbers} numbers bit-identical (seeded draws and counts among them); ` +
        `${lastBit.length} differ in the last bits of Math.log/exp/... (at most ${worst.toExponential(1)} relative):`,
    );
    for (const line of lastBit) console.log(`  ${line}`);
  }
} catch (e) {
  report(e);
} finally {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
}
if (process.exitCode !== 1) {
  console.log(`\nsmoke-browser: OK in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
