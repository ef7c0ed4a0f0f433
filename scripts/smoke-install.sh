#!/usr/bin/env bash
# Installs the packed tarball into a fresh temporary project and uses it as a user would:
#   1. ESM `import` and CommonJS `require` of the root and of every subpath in the exports map,
#      with the README's numbers and typed errors (an InfoboundError thrown by a subpath is an
#      instance of the one exported by the root), without the optional peer fast-check installed;
#   2. a strict TypeScript consumer (ESM and CommonJS files) compiled with the repo's TypeScript
#      against the shipped types, with moduleResolution node16 and with bundler;
#   3. `infobound/testing` once fast-check is installed, and the `infobound` executable.
# Dependencies come from the registry (or npm's cache); the package itself only from the tarball.
# Fails loudly on the first error, and prints how long it took.
set -euo pipefail
started=$(date +%s)
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
tsc="$repo/node_modules/.bin/tsc"
[ -x "$tsc" ] || { echo "smoke-install: $tsc is missing: run npm ci first" >&2; exit 1; }
[ -f dist/index.js ] || npm run build

work="$(mktemp -d "${TMPDIR:-/tmp}/infobound-smoke-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
step() { printf '\n-- smoke-install: %s\n' "$*"; }
fail() { printf '\nsmoke-install FAILED: %s\n' "$*" >&2; exit 1; }
npm_quiet=(--no-audit --no-fund --prefer-offline --loglevel=error)

step "npm pack"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
[ -f "$tarball" ] || fail "npm pack did not produce a tarball"
echo "$(basename "$tarball"), $(du -k "$tarball" | cut -f1) kB"

step "npm install <tarball> into a fresh project"
app="$work/app"
mkdir "$app"
cd "$app"
cat > package.json <<'JSON'
{ "name": "infobound-smoke-app", "version": "1.0.0", "private": true }
JSON
npm install "$tarball" "${npm_quiet[@]}" || fail "npm install of the tarball"
[ ! -d node_modules/fast-check ] || fail "fast-check was installed: it must stay an optional peer"

# Checks shared by the ESM and CommonJS files: the README's numbers, documented examples, and
# errors typed across entry points. `lib(name)` loads the root ('') or a subpath.
cat > checks.cjs <<'JS'
const assert = require('node:assert/strict');
const close = (actual, expected, what) =>
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), `${what}: ${actual} ≠ ${expected}`);
module.exports = async function run(kind, lib) {
  const root = await lib('');
  const pkg = await lib('/package.json');
  const subpaths = Object.keys(pkg.exports)
    .filter((k) => k !== '.' && k !== './package.json' && k !== './testing')
    .map((k) => k.slice(1));
  for (const sub of subpaths) {
    const m = await lib(sub);
    assert.ok(Object.keys(m).length > 0, `infobound${sub} exports nothing`);
  }
  const { discrete, convertUnits, InfoboundError, GaussianMixture } = root;
  close(discrete.mutualInformation([[0.4, 0.1], [0.1, 0.4]], { base: 'bits' }), 0.27807190511263774, 'MI');
  close(discrete.klDivergence([0.5, 0.5], [0.9, 0.1]), 0.5108256237659907, 'KL');
  close(convertUnits(1, 'bits', 'nats'), Math.LN2, 'convertUnits');
  const kernel = await lib('/kernel');
  const lin = { kernelX: kernel.linearKernel(), kernelY: kernel.linearKernel() };
  close(kernel.hsic([1, 2, 3, 4], [1, 2, 3, 4], lin), 25 / 9, 'kernel.hsic');
  close(root.kernel.hsic([1, 2, 3, 4], [1, 2, 3, 4], lin), 25 / 9, 'root kernel.hsic');
  const gm = GaussianMixture.fromParameters({ weights: [0.3, 0.7], means: [[0], [4]], covariances: [[[1]], [[0.5]]] });
  close(gm.score([[0], [4]]), -1.5259245988429537, 'GaussianMixture.score');
  const fitted = new GaussianMixture({ nComponents: 2, seed: 1 }).fit([[0, 0.1], [0.2, 0], [0.1, 0.3], [5, 5.2], [5.1, 4.9], [4.8, 5]]);
  assert.ok(fitted.converged && fitted.weights.every(Number.isFinite), 'GaussianMixture.fit');
  const knn = await lib('/knn');
  assert.ok(Number.isFinite(knn.entropy([0, 0, 1, 1, 2, 2, 3, 3], { k: 2 })), 'knn.entropy on ties');
  // An error thrown through a subpath is the root's InfoboundError (one class, shared chunks).
  for (const [where, fn] of [
    ['root', () => discrete.entropy([0.5, -0.2, 0.7])],
    ['infobound/discrete', async () => (await lib('/discrete')).entropy([0.5, -0.2, 0.7])],
  ]) {
    let err;
    try {
      await fn();
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof InfoboundError, `${where}: not an instance of the root's InfoboundError: ${err}`);
    assert.ok(err instanceof Error && err.code === 'NOT_A_DISTRIBUTION', `${where}: code ${err && err.code}`);
  }
  console.log(`${kind}: root and ${subpaths.length} subpaths (${subpaths.join(' ')}) load; numbers and errors as documented`);
};
JS
cat > esm.mjs <<'JS'
import { createRequire } from 'node:module';
const run = createRequire(import.meta.url)('./checks.cjs');
await run('ESM import', (sub) =>
  sub === '/package.json'
    ? import('infobound/package.json', { with: { type: 'json' } }).then((m) => m.default)
    : import(`infobound${sub}`),
);
JS
cat > cjs.cjs <<'JS'
const run = require('./checks.cjs');
run('CommonJS require', async (sub) => require(`infobound${sub}`)).catch((e) => {
  console.error(e);
  process.exit(1);
});
JS

step "ESM import"
node esm.mjs || fail "ESM import"
step "CommonJS require"
node cjs.cjs || fail "CommonJS require"

step "TypeScript consumer (strict; node16 and bundler resolution)"
# The same source as an ES module (.mts), a CommonJS module (.cts) and, for bundler, a .ts file.
# The @ts-expect-error lines fail the build if the types are `any` or too loose.
read -r -d '' consumer <<'TS' || true
import {
  type Base,
  convertUnits,
  discrete,
  GaussianMixture,
  InfoboundError,
  type InfoboundErrorCode,
  kernel,
} from 'infobound';
import { type CovarianceType, type GaussianMixtureJSON, klDivergence } from 'infobound/gmm';
import { hsic, linearKernel } from 'infobound/kernel';
import { mutualInformation } from 'infobound/knn';

const base: Base = 'bits';
const mi: number = discrete.mutualInformation([[0.4, 0.1], [0.1, 0.4]], { base });
const h: number = hsic([1, 2, 3], [3, 1, 2], { kernelX: linearKernel(), kernelY: kernel.linearKernel() });
const ksg: number = mutualInformation([[0], [1], [2], [3], [4]], [1, 0, 3, 2, 4], { k: 2, algorithm: 2 });
const type: CovarianceType = 'diag';
const gm = new GaussianMixture({ nComponents: 2, covarianceType: type, seed: 1 });
const diag = gm.fit([[0, 0], [1, 1], [5, 5], [6, 6]]).covariances;
const json: GaussianMixtureJSON = gm.toJSON();
const kl: number = klDivergence(gm, GaussianMixture.fromJSON(json), { method: 'variational' }).value;
const code: InfoboundErrorCode = 'NOT_A_DISTRIBUTION';
const caught: unknown = new InfoboundError(code, 'p[1] is -0.2');
const n: number = caught instanceof InfoboundError && caught.code === code ? 1 : 0;
const full: number[][][] = new GaussianMixture({ nComponents: 1 }).covariances;
export const results: unknown[] = [mi, h, ksg, diag, kl, n, full, convertUnits(1, 'nats', 2)];

// @ts-expect-error 'nat' is not a Base
discrete.entropy([1], { base: 'nat' });
// @ts-expect-error covarianceType is one of four names
new GaussianMixture({ nComponents: 1, covarianceType: 'general' });
// @ts-expect-error a full model's covariances are k × d × d, not k × d
const wrong: number[][] = new GaussianMixture({ nComponents: 1 }).covariances;
// @ts-expect-error algorithm is 1 or 2
mutualInformation([1, 2], [2, 1], { algorithm: 3 });
// @ts-expect-error not an error code
const bad: InfoboundErrorCode = 'NOT_AN_ERROR';
export { bad, wrong };
TS
mkdir -p ts
printf '%s\n' "$consumer" > ts/esm.mts
printf '%s\n' "$consumer" > ts/cjs.cts
printf '%s\n' "$consumer" > ts/bundler.ts
# tsconfig.<name>.json: strict, with the module settings and files given.
tsconfig() {
  local name="$1" module="$2" resolution="$3" skipLibCheck="$4"
  shift 4
  local files
  files="$(printf '"%s",' "$@")"
  cat > "tsconfig.$name.json" <<JSON
{ "compilerOptions": { "strict": true, "noEmit": true, "skipLibCheck": $skipLibCheck,
    "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "target": "es2022",
    "types": [], "module": "$module", "moduleResolution": "$resolution" },
  "files": [${files%,}] }
JSON
}
tsconfig node16 node16 node16 true ts/esm.mts ts/cjs.cts
tsconfig bundler esnext bundler true ts/bundler.ts
"$tsc" --version
"$tsc" -p tsconfig.node16.json || fail "TypeScript consumer, moduleResolution node16"
echo "node16: ts/esm.mts (ESM types) and ts/cjs.cts (CommonJS types) compile"
"$tsc" -p tsconfig.bundler.json || fail "TypeScript consumer, moduleResolution bundler"
echo "bundler: ts/bundler.ts compiles"

# Namespace-qualified types (`gmm.CovarianceType`, `bounds.Claim`, ...) must work as types, and a
# consumer with TypeScript's default skipLibCheck: false must compile against our declarations.
# (Regression: tsup's bundled .d.ts once declared such types as values, `declare const
# index_CovarianceType: typeof CovarianceType`; the declarations now come from tsc.)
cat > ts/namespace-types.mts <<'TS'
import type { bounds, gmm } from 'infobound';
export const type: gmm.CovarianceType = 'full';
export let claim: bounds.Claim | undefined;
TS
cp ts/namespace-types.mts ts/namespace-types.cts
tsconfig namespace node16 node16 true ts/namespace-types.mts ts/namespace-types.cts
tsconfig libcheck node16 node16 false ts/esm.mts ts/cjs.cts ts/namespace-types.mts
"$tsc" -p tsconfig.namespace.json || fail "namespace-qualified types (gmm.CovarianceType, bounds.Claim)"
echo "namespace-qualified types compile (ESM and CommonJS)"
"$tsc" -p tsconfig.libcheck.json || fail "the consumer with skipLibCheck: false (TypeScript's default)"
echo "skipLibCheck: false: our declarations type-check"

step "infobound/testing with the optional peer fast-check installed"
fc_version="$(node -p "require('$repo/node_modules/fast-check/package.json').version")"
npm install "fast-check@$fc_version" "${npm_quiet[@]}" || fail "npm install fast-check@$fc_version"
cat > testing.mjs <<'JS'
import fc from 'fast-check';
import { discrete } from 'infobound';
import { pmf } from 'infobound/testing';
fc.assert(fc.property(pmf({ maxLength: 6 }), (p) => discrete.entropy(p) <= Math.log(p.length) + 1e-12));
console.log('ESM: infobound/testing drives a property');
JS
cat > testing.cjs <<'JS'
const fc = require('fast-check');
const { pmf } = require('infobound/testing');
fc.assert(fc.property(pmf(), (p) => p.length >= 1));
console.log('CommonJS: infobound/testing drives a property');
JS
node testing.mjs || fail "ESM import of infobound/testing"
node testing.cjs || fail "CommonJS require of infobound/testing"
cat > ts/testing.mts <<'TS'
import fc from 'fast-check';
import { pmf } from 'infobound/testing';
export const arb: fc.Arbitrary<number[]> = pmf({ maxLength: 4 });
TS
tsconfig testing node16 node16 true ts/testing.mts
"$tsc" -p tsconfig.testing.json || fail "TypeScript consumer of infobound/testing"
echo "node16: ts/testing.mts compiles"

if node -e "process.exit(require('infobound/package.json').bin ? 0 : 1)"; then
  step "the infobound executable"
  npx --no-install infobound --version || fail "npx infobound --version"
fi

printf '\nsmoke-install: OK in %ss\n' "$(($(date +%s) - started))"
