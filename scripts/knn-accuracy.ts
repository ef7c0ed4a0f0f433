/**
 * Accuracy study of the kNN estimators against closed forms: the tables and the figure of
 * docs/knn.md ("How wrong is this number?").
 *
 *   npx tsx scripts/knn-accuracy.ts              (about 6 minutes with 2 worker processes)
 *   npx tsx scripts/knn-accuracy.ts --workers 4  (more processes, if you have the cores)
 *   npx tsx scripts/knn-accuracy.ts --quick      (2 repetitions, n ≤ 10^3: checks the plumbing)
 *
 * Writes docs/data/knn-accuracy.json (every estimate with its seed, truth and run time),
 * docs/figures/knn-accuracy.svg (bias ± standard deviation against d, one column per n), and
 * prints the Markdown tables to stdout; progress goes to stderr.
 *
 * Every job (one data set, one repetition) draws its data from its own seed, derived from its
 * case, d, n and repetition, so the numbers do not depend on the number of workers or on the
 * order the jobs run in. The estimators run with their defaults (k = 3, jitter 1e-10 with
 * seed 0, search 'auto') unless a study varies one of them.
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { createRandom, type Random } from '../src/core/random.js';
import { discrete, gaussian, InfoboundError, knn } from '../src/index.js';

// ---------------------------------------------------------------------------------------------
// The study
// ---------------------------------------------------------------------------------------------

const QUICK = process.argv.includes('--quick');
const DIMENSIONS = [1, 2, 5, 10];
const SIZES = QUICK ? [1000] : [1000, 10000];
/** Repetitions per n: enough to quote a standard deviation, within the time budget. */
const REPETITIONS: Record<number, number> = QUICK
  ? { 1000: 2, 10000: 2, 100000: 2 }
  : { 1000: 20, 10000: 10, 100000: 10 };
/** The two distant KL pairs also run at n = 10^5 in these dimensions. */
const LARGE_N = 100000;
const LARGE_N_DIMENSIONS = QUICK ? [] : [1, 2];
const K_VALUES = [1, 2, 3, 5, 10, 20];
const SMALL_STUDY_REPETITIONS = QUICK ? 2 : 50;
const RHOS = [0, 0.5, 0.9];
/** Column correlation of the Gaussian in the entropy study: Σ_ij = 0.5^|i−j|. */
const AR = 0.5;
/** KL pairs: P = N(0, I) against Q = N(shift·1, scale²·I). */
const KL_PAIRS = {
  close: { shift: 0.5, scale: 1 },
  apart: { shift: 2, scale: 0.5 },
  far: { shift: 5, scale: 0.5 },
} as const;

type Estimator = 'kl-entropy' | 'ksg1' | 'ksg2' | 'wkv';
type Study = 'main' | 'k' | 'standardize';

/** One data set: its samples are drawn from `seed`; each estimator listed runs on it. */
interface Job {
  study: Study;
  family: 'entropy' | 'mi' | 'kl';
  /** gaussian | uniform | exponential (entropy); rho=… (MI); close | far (KL). */
  case: string;
  d: number;
  n: number;
  k: number;
  rep: number;
  seed: number;
  /** MI only: multiply X by this before estimating (the standardize study). */
  xScale?: number;
  standardize?: boolean;
}

/** One estimate. */
interface Run {
  study: Study;
  estimator: Estimator;
  case: string;
  d: number;
  n: number;
  k: number;
  standardize?: boolean;
  rep: number;
  seed: number;
  truth: number;
  estimate: number;
  ms: number;
}

/** FNV-1a: a stable 31-bit seed from a job's description. */
function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 1;
}

function job(
  study: Study,
  family: Job['family'],
  name: string,
  d: number,
  n: number,
  rep: number,
  extra: Partial<Job> = {},
): Job {
  const k = extra.k ?? 3;
  const tag = `${family}|${name}|d=${d}|n=${n}|rep=${rep}`;
  return { study, family, case: name, d, n, k, rep, seed: seedOf(tag), ...extra };
}

function jobs(): Job[] {
  const out: Job[] = [];
  for (const n of SIZES) {
    for (const d of DIMENSIONS) {
      for (let rep = 0; rep < (REPETITIONS[n] as number); rep++) {
        for (const c of ['gaussian', 'uniform', 'exponential'])
          out.push(job('main', 'entropy', c, d, n, rep));
        for (const rho of RHOS) out.push(job('main', 'mi', `rho=${rho}`, d, n, rep));
        for (const c of Object.keys(KL_PAIRS)) out.push(job('main', 'kl', c, d, n, rep));
      }
    }
  }
  for (const d of LARGE_N_DIMENSIONS)
    for (let rep = 0; rep < (REPETITIONS[LARGE_N] as number); rep++)
      for (const c of ['apart', 'far']) out.push(job('main', 'kl', c, d, LARGE_N, rep));
  // k: bias against variance, at n = 10^3. The same data sets for every k (the seed ignores k).
  for (const k of K_VALUES) {
    for (let rep = 0; rep < SMALL_STUDY_REPETITIONS; rep++) {
      out.push(job('k', 'entropy', 'gaussian', 5, 1000, rep, { k }));
      out.push(job('k', 'mi', 'rho=0.9', 2, 1000, rep, { k }));
      out.push(job('k', 'kl', 'close', 2, 1000, rep, { k }));
    }
  }
  // standardize: X measured in units 1000 times smaller than Y's (X ← 1000·X).
  for (const standardize of [false, true])
    for (let rep = 0; rep < SMALL_STUDY_REPETITIONS; rep++)
      out.push(job('standardize', 'mi', 'rho=0.9', 1, 1000, rep, { xScale: 1000, standardize }));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Data and truths
// ---------------------------------------------------------------------------------------------

/** Row views of an n × d row-major array: the library's number[][]-like input, without copies. */
function rows(data: Float64Array, n: number, d: number): Float64Array[] {
  return Array.from({ length: n }, (_, i) => data.subarray(i * d, (i + 1) * d));
}

function arCovariance(d: number): number[][] {
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => AR ** Math.abs(i - j)),
  );
}

function identity(d: number, scale = 1): number[][] {
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? scale : 0)),
  );
}

function normals(rng: Random, count: number, mean = 0, sd = 1): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = mean + sd * rng.normal();
  return out;
}

/** (X_j, Y_j) standard normal pairs with correlation ρ, independent across j = 1..d. */
function correlatedPairs(rng: Random, n: number, d: number, rho: number) {
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n * d; i++) {
    const a = rng.normal();
    x[i] = a;
    y[i] = rho * a + s * rng.normal();
  }
  return { x, y };
}

/** Covariance of the stacked vector (X, Y) above: [[I, ρI], [ρI, I]]. */
function pairCovariance(d: number, rho: number): number[][] {
  return Array.from({ length: 2 * d }, (_, i) =>
    Array.from({ length: 2 * d }, (_, j) => (i === j ? 1 : Math.abs(i - j) === d ? rho : 0)),
  );
}

function entropyTruth(name: string, d: number): number {
  if (name === 'gaussian') return gaussian.entropy(arCovariance(d));
  if (name === 'uniform') return 0;
  return d; // exponential, rate 1: entropy 1 nat per coordinate
}

function klPair(name: string) {
  return KL_PAIRS[name as keyof typeof KL_PAIRS];
}

function klTruth(name: string, d: number): number {
  const { shift, scale } = klPair(name);
  return gaussian.klDivergence(
    { mean: new Array(d).fill(0), cov: identity(d) },
    { mean: new Array(d).fill(shift), cov: identity(d, scale * scale) },
  );
}

function rhoOf(name: string): number {
  return Number(name.slice('rho='.length));
}

function timed(f: () => number): { estimate: number; ms: number } {
  const t = performance.now();
  const estimate = f();
  return { estimate, ms: performance.now() - t };
}

/** Draws a job's data and runs its estimators. */
function runJob(j: Job): Run[] {
  const rng = createRandom(j.seed);
  const { n, d, k } = j;
  const base = { study: j.study, case: j.case, d, n, k, rep: j.rep, seed: j.seed };
  if (j.family === 'entropy') {
    let data: Float64Array;
    if (j.case === 'gaussian') {
      const cov = arCovariance(d).flat();
      data = rng.multivariateNormal(new Float64Array(d), cov, n);
    } else {
      data = new Float64Array(n * d);
      for (let i = 0; i < n * d; i++) {
        const u = rng.uniform();
        data[i] = j.case === 'uniform' ? u : -Math.log1p(-u);
      }
    }
    const r = timed(() => knn.entropy(rows(data, n, d), { k }));
    return [{ ...base, estimator: 'kl-entropy', truth: entropyTruth(j.case, d), ...r }];
  }
  if (j.family === 'mi') {
    const rho = rhoOf(j.case);
    const { x, y } = correlatedPairs(rng, n, d, rho);
    if (j.xScale !== undefined)
      for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * j.xScale;
    const truth = gaussian.mutualInformation(
      pairCovariance(d, rho),
      Array.from({ length: d }, (_, i) => i),
      Array.from({ length: d }, (_, i) => d + i),
    );
    const standardize = j.standardize ?? false;
    const extra = j.standardize === undefined ? {} : { standardize };
    return ([1, 2] as const).map((algorithm) => ({
      ...base,
      ...extra,
      estimator: algorithm === 1 ? ('ksg1' as const) : ('ksg2' as const),
      truth,
      ...timed(() =>
        knn.mutualInformation(rows(x, n, d), rows(y, n, d), { k, algorithm, standardize }),
      ),
    }));
  }
  const { shift, scale } = klPair(j.case);
  const p = normals(rng, n * d);
  const q = normals(rng, n * d, shift, scale);
  const r = timed(() => knn.klDivergence(rows(p, n, d), rows(q, n, d), { k }));
  return [{ ...base, estimator: 'wkv', truth: klTruth(j.case, d), ...r }];
}

// ---------------------------------------------------------------------------------------------
// Single runs: the jitter policy and the two search paths
// ---------------------------------------------------------------------------------------------

/** The value f returns, or the code and message of the error it throws. */
function attempt(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return e instanceof InfoboundError ? `${e.code}: ${e.message}` : String(e);
  }
}

function jitterChecks() {
  const rng = createRandom(seedOf('jitter'));
  // A constant feature against a continuous target: I = 0.
  const n = 1000;
  const constant = new Array(n).fill(1);
  const target = Array.from(normals(rng, n));
  const constantVsNormal = {
    n,
    truth: 0,
    estimate: knn.mutualInformation(constant, target),
    jitter0: knn.mutualInformation(constant, target, { jitter: 0 }),
  };
  // scikit-learn issue 30772, scaled down: a constant feature, a binary target with 1 positive
  // in 10^4 rows (the issue: 100 in 10^6), at n = 10^5.
  const big = 100000;
  const positives = 10;
  const ones = new Array(big).fill(1);
  const rare = Array.from({ length: big }, (_, i) => (i < positives ? 1 : 0));
  // The truth is 0; the jitter seed changes the estimate, so report its spread over 5 seeds.
  const issueMi = summary(
    Array.from({ length: 5 }, (_, seed) => knn.mutualInformation(ones, rare, { seed })),
  );
  const issueH = discrete.entropy([positives / big, 1 - positives / big]);
  // Discrete-valued data: ρ = 0.9 Gaussian pairs rounded to integers (heavy ties).
  const pairs = correlatedPairs(rng, n, 1, 0.9);
  const xi = Array.from(pairs.x, Math.round);
  const yi = Array.from(pairs.y, Math.round);
  const rounded = {
    n,
    distinctPairs: new Set(xi.map((v, i) => `${v},${yi[i]}`)).size,
    plugInMi: discrete.mutualInformationFromSamples(xi, yi),
    ksg1: knn.mutualInformation(xi, yi),
    ksg2: knn.mutualInformation(xi, yi, { algorithm: 2 }),
    jitter0: attempt(() => knn.mutualInformation(xi, yi, { jitter: 0 })),
    // On tied data the neighbours inside a cell are decided by the jitter alone: its seed matters.
    ksg1OverJitterSeeds: summary(
      Array.from({ length: 20 }, (_, seed) => knn.mutualInformation(xi, yi, { seed })),
    ),
  };
  // The same tied data shifted away from 0: the jitter is 1e-10 × the column's spread, while the
  // spacing of doubles grows with |value|, so a large offset leaves the jitter a few ulps wide.
  const offsets = [0, 1e3, 1e4, 1e5, 1e6].map((offset) => {
    const xo = xi.map((v) => v + offset);
    const yo = yi.map((v) => v + offset);
    return {
      offset,
      ksg1: attempt(() => knn.mutualInformation(xo, yo)),
      ksg1Standardized: attempt(() => knn.mutualInformation(xo, yo, { standardize: true })),
    };
  });
  // Continuous data: what the default jitter changes (KSG depends on neighbour counts only).
  const c = correlatedPairs(rng, n, 2, 0.5);
  const cx = rows(c.x, n, 2);
  const cy = rows(c.y, n, 2);
  const continuous = {
    n,
    d: 2,
    ksg1: knn.mutualInformation(cx, cy),
    ksg1Jitter0: knn.mutualInformation(cx, cy, { jitter: 0 }),
    ksg2: knn.mutualInformation(cx, cy, { algorithm: 2 }),
    ksg2Jitter0: knn.mutualInformation(cx, cy, { algorithm: 2, jitter: 0 }),
    entropy: knn.entropy(cx),
    entropyJitter0: knn.entropy(cx, { jitter: 0 }),
    kl: knn.klDivergence(cx, cy),
    klJitter0: knn.klDivergence(cx, cy, { jitter: 0 }),
  };
  // Every sample twice (duplicated rows).
  const once = normals(rng, 500 * 2);
  const twice: number[][] = [];
  for (let i = 0; i < 500; i++) {
    const row = [once[2 * i] as number, once[2 * i + 1] as number];
    twice.push(row, row.slice());
  }
  const duplicatedRows = {
    n: 1000,
    distinct: 500,
    d: 2,
    truth: gaussian.entropy(identity(2)),
    distinctK3: knn.entropy(rows(once, 500, 2)),
    duplicatedK3: knn.entropy(twice),
    duplicatedK1: knn.entropy(twice, { k: 1 }),
    duplicatedK3Jitter0: knn.entropy(twice, { jitter: 0 }),
    duplicatedK1Jitter0: attempt(() => knn.entropy(twice, { k: 1, jitter: 0 })),
  };
  return {
    constantVsNormal,
    issue30772: { n: big, positives, estimate: issueMi, targetEntropy: issueH },
    continuous,
    rounded,
    offsets,
    duplicatedRows,
  };
}

/** Mean, standard deviation, minimum and maximum of a few values. */
function summary(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  return { count: values.length, mean, std, min: Math.min(...values), max: Math.max(...values) };
}

function searchChecks() {
  const rng = createRandom(seedOf('search'));
  const n = 4000;
  const out: {
    estimator: string;
    d: number;
    n: number;
    kdTree: number;
    brute: number;
    identical: boolean;
    msKdTree: number;
    msBrute: number;
  }[] = [];
  const both = (name: string, d: number, f: (search: 'kd-tree' | 'brute') => number) => {
    const a = timed(() => f('kd-tree'));
    const b = timed(() => f('brute'));
    out.push({
      estimator: name,
      d,
      n,
      kdTree: a.estimate,
      brute: b.estimate,
      identical: Object.is(a.estimate, b.estimate),
      msKdTree: a.ms,
      msBrute: b.ms,
    });
  };
  for (const d of [2, 5, 10]) {
    const x = rows(normals(rng, n * d), n, d);
    const { x: px, y: py } = correlatedPairs(rng, n, d, 0.5);
    const mx = rows(px, n, d);
    const my = rows(py, n, d);
    const q = rows(normals(rng, n * d, 0.5), n, d);
    both('kl-entropy', d, (search) => knn.entropy(x, { search }));
    both('ksg1', d, (search) => knn.mutualInformation(mx, my, { search }));
    both('ksg2', d, (search) => knn.mutualInformation(mx, my, { search, algorithm: 2 }));
    both('wkv', d, (search) => knn.klDivergence(x, q, { search }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Summaries, tables, figure
// ---------------------------------------------------------------------------------------------

interface Summary {
  study: Study;
  estimator: Estimator;
  case: string;
  d: number;
  n: number;
  k: number;
  standardize?: boolean;
  reps: number;
  truth: number;
  mean: number;
  bias: number;
  std: number;
  se: number;
  rmse: number;
  negative: number;
  /** Mean of max(0, estimate): what clipping each estimate before averaging gives. */
  clippedMean: number;
  ms: number;
}

function summarise(runs: Run[]): Summary[] {
  const groups = new Map<string, Run[]>();
  for (const r of runs) {
    const key = [r.study, r.estimator, r.case, r.d, r.n, r.k, r.standardize].join('|');
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const f = g[0] as Run;
    const m = g.length;
    const mean = g.reduce((a, r) => a + r.estimate, 0) / m;
    const std = Math.sqrt(g.reduce((a, r) => a + (r.estimate - mean) ** 2, 0) / (m - 1));
    const rmse = Math.sqrt(g.reduce((a, r) => a + (r.estimate - r.truth) ** 2, 0) / m);
    const out: Summary = {
      study: f.study,
      estimator: f.estimator,
      case: f.case,
      d: f.d,
      n: f.n,
      k: f.k,
      reps: m,
      truth: f.truth,
      mean,
      bias: mean - f.truth,
      std,
      se: std / Math.sqrt(m),
      rmse,
      negative: g.filter((r) => r.estimate < 0).length / m,
      clippedMean: g.reduce((a, r) => a + Math.max(0, r.estimate), 0) / m,
      ms: g.reduce((a, r) => a + r.ms, 0) / m,
    };
    if (f.standardize !== undefined) out.standardize = f.standardize;
    return out;
  });
}

function fixed(v: number, digits = 3): string {
  const s = v.toFixed(digits);
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

function sizeLabel(n: number): string {
  return `10${'⁰¹²³⁴⁵⁶⁷⁸⁹'[Math.round(Math.log10(n))]}`;
}

function find(
  all: Summary[],
  study: Study,
  estimator: Estimator,
  name: string,
  d: number,
  n: number,
  k = 3,
) {
  return all.find(
    (s) =>
      s.study === study &&
      s.estimator === estimator &&
      s.case === name &&
      s.d === d &&
      s.n === n &&
      s.k === k,
  );
}

/** "bias (std)" or a dash. */
function cell(s: Summary | undefined): string {
  return s ? `${fixed(s.bias)} (${fixed(s.std)})` : '—';
}

function entropyTable(all: Summary[]): string {
  const head = SIZES.map((n) => `n = ${sizeLabel(n)}`);
  const lines = [
    `| distribution | d | h (nats) | ${head.join(' | ')} |`,
    `|---|---:|---:|${head.map(() => '---:').join('|')}|`,
  ];
  for (const c of ['gaussian', 'uniform', 'exponential']) {
    for (const d of DIMENSIONS) {
      const cells = SIZES.map((n) => cell(find(all, 'main', 'kl-entropy', c, d, n)));
      lines.push(`| ${c} | ${d} | ${fixed(entropyTruth(c, d))} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

function miTable(all: Summary[]): string {
  const head: string[] = [];
  for (const e of ['KSG 1', 'KSG 2']) for (const n of SIZES) head.push(`${e}, n = ${sizeLabel(n)}`);
  const lines = [
    `| ρ | d | I (nats) | ${head.join(' | ')} |`,
    `|---:|---:|---:|${head.map(() => '---:').join('|')}|`,
  ];
  for (const rho of RHOS) {
    for (const d of DIMENSIONS) {
      const cells: string[] = [];
      let truth = 0;
      for (const e of ['ksg1', 'ksg2'] as const) {
        for (const n of SIZES) {
          const s = find(all, 'main', e, `rho=${rho}`, d, n);
          if (s) truth = s.truth;
          cells.push(cell(s));
        }
      }
      lines.push(`| ${rho} | ${d} | ${fixed(truth)} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

function klTable(all: Summary[]): string {
  const sizes = [...SIZES, ...(LARGE_N_DIMENSIONS.length > 0 ? [LARGE_N] : [])];
  const head = sizes.map((n) => `n = m = ${sizeLabel(n)}`);
  const lines = [
    `| pair | d | KL (nats) | ${head.join(' | ')} | relative bias, n = ${sizeLabel(SIZES.at(-1) as number)} |`,
    `|---|---:|---:|${head.map(() => '---:').join('|')}|---:|`,
  ];
  for (const c of Object.keys(KL_PAIRS)) {
    const { shift, scale } = klPair(c);
    for (const d of DIMENSIONS) {
      const cells = sizes.map((n) => cell(find(all, 'main', 'wkv', c, d, n)));
      const last = find(all, 'main', 'wkv', c, d, SIZES.at(-1) as number);
      const rel = last ? `${fixed((100 * last.bias) / last.truth, 1)} %` : '—';
      lines.push(
        `| N(0, I) vs N(${shift}·1, ${scale ** 2}·I) | ${d} | ${fixed(klTruth(c, d))} | ${cells.join(' | ')} | ${rel} |`,
      );
    }
  }
  return lines.join('\n');
}

function kTable(all: Summary[]): string {
  const rowsOf: [Estimator, string, number, string][] = [
    ['kl-entropy', 'gaussian', 5, 'Kozachenko–Leonenko entropy, Gaussian, d = 5'],
    ['ksg1', 'rho=0.9', 2, 'KSG 1, ρ = 0.9, d = 2'],
    ['ksg2', 'rho=0.9', 2, 'KSG 2, ρ = 0.9, d = 2'],
    ['wkv', 'close', 2, 'WKV, close pair, d = 2'],
  ];
  const lines = [
    `| estimator (truth) | ${K_VALUES.map((k) => `k = ${k}`).join(' | ')} |`,
    `|---|${K_VALUES.map(() => '---:').join('|')}|`,
  ];
  for (const [e, c, d, label] of rowsOf) {
    const ss = K_VALUES.map((k) => find(all, 'k', e, c, d, 1000, k));
    const truth = ss.find((s) => s)?.truth ?? Number.NaN;
    lines.push(`| ${label} (${fixed(truth)}) | ${ss.map(cell).join(' | ')} |`);
  }
  lines.push(
    '',
    'Root-mean-square error, √(mean of (estimate − truth)²):',
    '',
    `| estimator | ${K_VALUES.map((k) => `k = ${k}`).join(' | ')} |`,
    `|---|${K_VALUES.map(() => '---:').join('|')}|`,
  );
  for (const [e, c, d, label] of rowsOf) {
    const ss = K_VALUES.map((k) => find(all, 'k', e, c, d, 1000, k));
    lines.push(`| ${label} | ${ss.map((s) => (s ? fixed(s.rmse) : '—')).join(' | ')} |`);
  }
  return lines.join('\n');
}

function standardizeTable(all: Summary[]): string {
  const lines = ['| standardize | KSG 1 bias (std) | KSG 2 bias (std) |', '|---|---:|---:|'];
  for (const st of [false, true]) {
    const get = (e: Estimator) =>
      all.find((s) => s.study === 'standardize' && s.estimator === e && s.standardize === st);
    lines.push(`| ${st} | ${cell(get('ksg1'))} | ${cell(get('ksg2'))} |`);
  }
  return lines.join('\n');
}

function negativeTable(all: Summary[]): string {
  const lines = [
    '| n | d | KSG 1 mean | KSG 1 share < 0 | KSG 1 mean of max(0, Î) | KSG 2 mean | KSG 2 share < 0 | KSG 2 mean of max(0, Î) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of SIZES) {
    for (const d of DIMENSIONS) {
      const a = find(all, 'main', 'ksg1', 'rho=0', d, n);
      const b = find(all, 'main', 'ksg2', 'rho=0', d, n);
      if (!a || !b) continue;
      lines.push(
        `| ${sizeLabel(n)} | ${d} | ${fixed(a.mean, 4)} | ${fixed(100 * a.negative, 0)} % | ${fixed(a.clippedMean, 4)} | ${fixed(b.mean, 4)} | ${fixed(100 * b.negative, 0)} % | ${fixed(b.clippedMean, 4)} |`,
      );
    }
  }
  return lines.join('\n');
}

function timeTable(all: Summary[]): string {
  const sizes = SIZES;
  const head: string[] = [];
  for (const n of sizes) head.push(`n = ${sizeLabel(n)}`);
  const lines = [
    `| estimator | d | ${head.join(' | ')} |`,
    `|---|---:|${head.map(() => '---:').join('|')}|`,
  ];
  const pick: [Estimator, string, string][] = [
    ['kl-entropy', 'gaussian', 'Kozachenko–Leonenko entropy, Gaussian'],
    ['ksg1', 'rho=0.5', 'KSG 1 (ρ = 0.5)'],
    ['ksg2', 'rho=0.5', 'KSG 2 (ρ = 0.5)'],
    ['wkv', 'close', 'WKV KL (close pair)'],
  ];
  for (const [e, c, label] of pick) {
    for (const d of DIMENSIONS) {
      const cells = sizes.map((n) => {
        const s = find(all, 'main', e, c, d, n);
        return s ? fixed(s.ms / 1000, 3) : '—';
      });
      lines.push(`| ${label} | ${d} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** The figure's rows: one chart per estimator, KL split by how far apart the pair is. */
function panelOf(s: Summary): { panel: string; series: string; variant: string } {
  if (s.estimator === 'kl-entropy')
    return { panel: 'Entropy (Kozachenko–Leonenko)', series: s.case, variant: 'KL' };
  if (s.estimator === 'wkv') {
    const { shift, scale } = klPair(s.case);
    const series = `${s.case}: N(0, I) vs N(${shift}·1, ${scale ** 2}·I)`;
    return s.case === 'close'
      ? { panel: 'KL divergence (WKV), close pair', series, variant: 'WKV' }
      : { panel: 'KL divergence (WKV), distant pairs', series, variant: 'WKV' };
  }
  return {
    panel: 'Mutual information (KSG)',
    series: `ρ = ${rhoOf(s.case)}`,
    variant: s.estimator === 'ksg1' ? 'algorithm 1' : 'algorithm 2',
  };
}

async function figure(all: Summary[]): Promise<string> {
  const values = all
    .filter((s) => s.study === 'main' && SIZES.includes(s.n))
    .map((s) => ({
      ...panelOf(s),
      n: `n = ${sizeLabel(s.n)}`,
      d: s.d,
      bias: s.bias,
      lo: s.bias - s.std,
      hi: s.bias + s.std,
    }));
  const chart = (panel: string, legend: string, withShape: boolean) => ({
    title: { text: panel, anchor: 'middle' as const },
    transform: [{ filter: { field: 'panel', equal: panel } }],
    facet: { column: { field: 'n', type: 'nominal' as const, title: null } },
    spec: {
      width: 260,
      height: 150,
      encoding: {
        x: {
          field: 'd',
          type: 'ordinal' as const,
          title: 'dimension d',
          axis: { labelAngle: 0 },
        },
        xOffset: { field: 'key', type: 'nominal' as const },
        color: { field: 'series', type: 'nominal' as const, title: legend },
      },
      layer: [
        {
          mark: { type: 'rule' as const, color: '#999', strokeDash: [3, 3] },
          encoding: { y: { datum: 0 }, xOffset: null, x: null, color: null },
        },
        {
          mark: { type: 'rule' as const, strokeWidth: 1.5 },
          encoding: { y: { field: 'lo', type: 'quantitative' as const }, y2: { field: 'hi' } },
        },
        {
          mark: { type: 'point' as const, filled: true, size: 40, opacity: 1 },
          encoding: {
            y: { field: 'bias', type: 'quantitative' as const, title: 'bias ± std (nats)' },
            ...(withShape
              ? { shape: { field: 'variant', type: 'nominal' as const, title: 'KSG' } }
              : {}),
          },
        },
      ],
    },
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: values.map((v) => ({ ...v, key: `${v.series}|${v.variant}` })) },
    vconcat: [
      chart('Entropy (Kozachenko–Leonenko)', 'distribution', false),
      chart('Mutual information (KSG)', 'correlation', true),
      chart('KL divergence (WKV), close pair', 'pair', false),
      chart('KL divergence (WKV), distant pairs', 'pair', false),
    ],
    resolve: { scale: { color: 'independent', shape: 'independent' } },
    config: {
      font: 'sans-serif',
      view: { stroke: '#ddd' },
      axis: { titleFontWeight: 'normal' },
      legend: { labelLimit: 320 },
    },
  } as unknown as TopLevelSpec;
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}

// ---------------------------------------------------------------------------------------------
// Driver: a queue of jobs over worker processes
// ---------------------------------------------------------------------------------------------

/** The commit the library was at (with a note if src/ had uncommitted changes). */
function gitCommit(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root }).toString().trim();
    const dirty = git(
      'status',
      '--porcelain',
      'src/core',
      'src/knn',
      'src/gaussian',
      'src/index.ts',
    );
    return `${git('rev-parse', 'HEAD')}${dirty ? ' (with uncommitted changes to the estimators)' : ''}`;
  } catch {
    return 'unknown';
  }
}

function workerCount(): number {
  const i = process.argv.indexOf('--workers');
  if (i >= 0) return Math.max(1, Number(process.argv[i + 1]));
  return Math.min(2, availableParallelism());
}

/** Rough relative cost, so the slowest jobs start first and the queue ends evenly. */
function cost(j: Job): number {
  const perFamily = j.family === 'mi' ? 6 : j.family === 'kl' ? 2 : 1;
  const brute = j.family === 'mi' && 2 * j.d > 12 ? j.n / 100 : 1;
  return perFamily * j.n * Math.log(j.n) * j.d * brute;
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

async function runAll(list: Job[], workers: number): Promise<Run[]> {
  const queue = list.map((j, id) => ({ id, j })).sort((a, b) => cost(b.j) - cost(a.j));
  const results: Run[][] = new Array(list.length);
  const start = performance.now();
  let done = 0;
  let lastReport = 0;
  const script = fileURLToPath(import.meta.url);
  await Promise.all(
    Array.from({ length: workers }, () => {
      const child = fork(script, ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Promise<void>((resolve, reject) => {
        const next = () => {
          const item = queue.shift();
          if (item) child.send(item);
          else child.disconnect();
        };
        child.on('message', (msg: { id: number; runs: Run[] }) => {
          results[msg.id] = msg.runs;
          done++;
          const now = performance.now();
          if (now - lastReport > 5000 || done === list.length) {
            lastReport = now;
            const j = list[msg.id] as Job;
            process.stderr.write(
              `[${clock(now - start)}] ${done}/${list.length} jobs; last: ${j.family} ${j.case} d=${j.d} n=${j.n} k=${j.k} rep ${j.rep}\n`,
            );
          }
          next();
        });
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`)),
        );
        next();
      });
    }),
  );
  return results.flat();
}

function worker(): void {
  process.on('message', (item: { id: number; j: Job }) => {
    process.send?.({ id: item.id, runs: runJob(item.j) });
  });
}

async function main(): Promise<void> {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const workers = workerCount();
  const list = jobs();
  const commit = gitCommit(root);
  const t0 = performance.now();
  process.stderr.write(`${list.length} jobs on ${workers} worker process(es)\n`);
  const runs = await runAll(list, workers);
  const jitter = jitterChecks();
  const search = searchChecks();
  const seconds = (performance.now() - t0) / 1000;
  const summaries = summarise(runs);

  const out: string[] = [];
  out.push(
    '**Entropy (Kozachenko–Leonenko, k = 3).** Bias (standard deviation) of ĥ − h in nats; Gaussian: N(0, Σ), Σ_ij = 0.5^|i−j|.',
    '',
    entropyTable(summaries),
    '',
    '**Mutual information (KSG, k = 3).** X, Y ∈ R^d, (X_j, Y_j) standard normal pairs with correlation ρ, independent across j; I = −(d/2) log(1 − ρ²). Bias (std) in nats.',
    '',
    miTable(summaries),
    '',
    '**Independent X, Y (ρ = 0): the raw estimate and how often it is below 0.**',
    '',
    negativeTable(summaries),
    '',
    '**KL divergence (Wang–Kulkarni–Verdú, k = 3).** n samples from P, m = n from Q. Bias (std) in nats.',
    '',
    klTable(summaries),
    '',
    `**k: bias against variance** (n = 10³, ${SMALL_STUDY_REPETITIONS} repetitions). Bias (std) in nats.`,
    '',
    kTable(summaries),
    '',
    `**standardize.** ρ = 0.9, d = 1, n = 10³, X multiplied by 1000 (I = ${fixed(-0.5 * Math.log(1 - 0.81))}), ${SMALL_STUDY_REPETITIONS} repetitions.`,
    '',
    standardizeTable(summaries),
    '',
    '**Mean seconds per call** (one worker process each).',
    '',
    timeTable(summaries),
    '',
    '**Jitter.**',
    '',
    '```json',
    JSON.stringify(jitter, null, 2),
    '```',
    '',
    `**Search paths** (n = 4000): identical results in ${search.filter((s) => s.identical).length} of ${search.length} cases.`,
    '',
    '| estimator | d | k-d tree (s) | brute force (s) | identical |',
    '|---|---:|---:|---:|---|',
    ...search.map(
      (s) =>
        `| ${s.estimator} | ${s.d} | ${fixed(s.msKdTree / 1000)} | ${fixed(s.msBrute / 1000)} | ${s.identical} |`,
    ),
    '',
    `Largest Monte Carlo standard error of a bias in the main study: ${fixed(Math.max(...summaries.filter((s) => s.study === 'main').map((s) => s.se)))} nats. ${runs.length} estimates in ${fixed(seconds / 60, 1)} minutes on ${workers} worker process(es).`,
  );
  console.log(out.join('\n'));

  // --quick writes to a scratch directory, never over the committed results.
  const docs = QUICK ? join(tmpdir(), 'infobound-knn-accuracy') : join(root, 'docs');
  mkdirSync(join(docs, 'data'), { recursive: true });
  mkdirSync(join(docs, 'figures'), { recursive: true });
  const json = {
    description:
      'Accuracy of the kNN estimators against closed forms; generated by `npx tsx scripts/knn-accuracy.ts`. Estimates in nats; ms is the wall time of one estimator call.',
    settings: {
      dimensions: DIMENSIONS,
      sizes: SIZES,
      repetitions: REPETITIONS,
      largeN: { n: LARGE_N, dimensions: LARGE_N_DIMENSIONS },
      kValues: K_VALUES,
      smallStudyRepetitions: SMALL_STUDY_REPETITIONS,
      rhos: RHOS,
      entropyGaussianCovariance: `Σ_ij = ${AR}^|i−j|`,
      klPairs: KL_PAIRS,
      estimatorDefaults: { k: 3, jitter: 1e-10, seed: 0, search: 'auto' },
      seed: 'FNV-1a of "family|case|d=…|n=…|rep=…", shifted right by 1',
      workers,
      node: process.version,
      commit,
      seconds: Number(seconds.toFixed(1)),
    },
    summaries,
    jitter,
    search,
    runs,
  };
  writeFileSync(join(docs, 'data', 'knn-accuracy.json'), `${JSON.stringify(json)}\n`);
  writeFileSync(join(docs, 'figures', 'knn-accuracy.svg'), await figure(summaries));
  process.stderr.write(
    `wrote ${docs}/data/knn-accuracy.json and ${docs}/figures/knn-accuracy.svg\n`,
  );
}

if (process.argv.includes('--worker')) worker();
else await main();
