/**
 * The fuzz suite's harness: generated cases, one oracle, and a count of what was driven.
 *
 * A case is a call and what it must do: return a result with no NaN anywhere in it (finite, or
 * the documented Infinity), or throw an InfoboundError with one of the expected codes. Any other
 * outcome fails with the case's label and input, which fast-check prints (and shrinks).
 *
 * Every family file counts its cases and checks, in its last test, that at least
 * {@link MIN_CASES_PER_FAMILY} ran. Seeds are fixed, so a failure reproduces; set
 * INFOBOUND_FUZZ_SEED to explore other inputs, INFOBOUND_LONG for 20× more runs.
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { expect } from 'vitest';
import { InfoboundError, type InfoboundErrorCode } from '../../src/core/errors.js';

/** The bar: at least this many generated inputs per family per run. */
export const MIN_CASES_PER_FAMILY = 1000;

/**
 * No input may hang: a case that takes longer than this fails (inputs are small, and cases take
 * well under 50 ms; the margin is for loaded CI machines). A synchronous infinite loop cannot be
 * interrupted from inside, so this catches the slow paths that come before one.
 */
export const MAX_CASE_MS = 5000;

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const BASE_SEED = Number.parseInt(process.env.INFOBOUND_FUZZ_SEED ?? '20260001', 10);

/** A run count, 20× under INFOBOUND_LONG. */
export const runs = (n: number): number => (LONG ? 20 * n : n);

/** Which non-finite values a valid result may contain. */
export type InfinityPolicy = 'never' | '+Infinity' | '-Infinity' | 'any';

/** What a call must do. */
export type Outcome =
  | {
      /** Return normally, with no NaN in the result. */
      ok: true;
      /** Infinities allowed in the result (default 'never'). */
      infinity?: InfinityPolicy;
      /** Codes that valid but degenerate input may also throw (documented data-dependent errors). */
      orCodes?: readonly InfoboundErrorCode[];
      /** Further checks on the result (ranges, shapes); throw to fail. */
      check?: (result: unknown) => void;
    }
  | {
      /** Throw an InfoboundError with one of these codes. */
      code: InfoboundErrorCode | readonly InfoboundErrorCode[];
    };

/** One generated call. `input` is what fast-check prints when the case fails. */
export interface Case {
  label: string;
  input: unknown;
  call: () => unknown;
  outcome: Outcome;
}

/** The oracle's valid outcome, as shorthand. */
export const ok = (extra: Omit<Extract<Outcome, { ok: true }>, 'ok'> = {}): Outcome => ({
  ok: true,
  ...extra,
});

/** The oracle's invalid outcome, as shorthand. */
export const fails = (...codes: InfoboundErrorCode[]): Outcome => ({ code: codes });

function show(x: unknown): string {
  try {
    return fc.stringify(x).slice(0, 300);
  } catch {
    return String(x);
  }
}

/**
 * Throws unless every number reachable in `x` (arrays, typed arrays, plain objects, nested) is
 * not NaN and is finite or an infinity the policy allows.
 */
export function assertNoNaN(x: unknown, policy: InfinityPolicy, path = 'result'): void {
  if (typeof x === 'number') {
    if (Number.isNaN(x)) throw new Error(`${path} is NaN`);
    if (!Number.isFinite(x)) {
      const allowed =
        policy === 'any' || (policy === '+Infinity' && x > 0) || (policy === '-Infinity' && x < 0);
      if (!allowed) throw new Error(`${path} is ${x}`);
    }
    return;
  }
  if (x === null || typeof x !== 'object') return;
  if (ArrayBuffer.isView(x)) {
    const a = x as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) assertNoNaN(a[i], policy, `${path}[${i}]`);
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((v, i) => {
      assertNoNaN(v, policy, `${path}[${i}]`);
    });
    return;
  }
  for (const [k, v] of Object.entries(x)) assertNoNaN(v, policy, `${path}.${k}`);
}

/** Duration of the last case run, for the counters' slowest-case report. */
let lastCaseMs = 0;

/** Marks a valid case that threw one of its documented data-dependent codes. */
const REJECTED = Symbol('rejected');

/**
 * Runs a case and checks its outcome; returns the result, or undefined when it threw as the
 * outcome allows ({@link REJECTED} for a valid case that threw one of its `orCodes`).
 */
export function runCase(c: Case): unknown {
  let result: unknown;
  let error: unknown;
  let threw = false;
  const t0 = performance.now();
  try {
    result = c.call();
  } catch (e) {
    threw = true;
    error = e;
  }
  const ms = performance.now() - t0;
  lastCaseMs = ms;
  if (ms > MAX_CASE_MS)
    throw new Error(`${c.label}: took ${ms.toFixed(0)} ms (limit ${MAX_CASE_MS} ms)`);
  const o = c.outcome;
  if (threw) {
    if (!(error instanceof InfoboundError)) {
      throw new Error(`${c.label}: threw ${show(error)}, not an InfoboundError`);
    }
    const allowed = 'code' in o ? [o.code].flat() : (o.orCodes ?? []);
    if (!allowed.includes(error.code)) {
      const wanted = 'code' in o ? `InfoboundError ${allowed.join(' or ')}` : 'a result';
      throw new Error(`${c.label}: threw ${error.code} (${error.message}), expected ${wanted}`);
    }
    return 'code' in o ? undefined : REJECTED;
  }
  if ('code' in o) {
    throw new Error(
      `${c.label}: returned ${show(result)}, expected InfoboundError ${[o.code].flat().join(' or ')}`,
    );
  }
  try {
    assertNoNaN(result, o.infinity ?? 'never');
    o.check?.(result);
  } catch (e) {
    throw new Error(`${c.label}: ${(e as Error).message} (returned ${show(result)})`);
  }
  return result;
}

/** Counts the cases a family file drives, by kind. */
export class FuzzCounter {
  valid = 0;
  invalid = 0;
  /** Valid cases that threw a documented data-dependent error (singular, too large, ...). */
  rejected = 0;
  /** The slowest single case, in milliseconds, and its label. */
  slowest = { ms: 0, label: '' };
  #properties = 0;

  constructor(readonly family: string) {}

  get total(): number {
    return this.valid + this.invalid;
  }

  /** fc.assert over `numRuns` generated cases (seeded per family and property). */
  check(arb: fc.Arbitrary<Case>, numRuns: number): void {
    this.#properties++;
    const seed = BASE_SEED + hash(`${this.family}/${this.#properties}`);
    fc.assert(
      fc.property(arb, (c) => {
        const r = runCase(c);
        if ('code' in c.outcome) this.invalid++;
        else this.valid++;
        if (r === REJECTED) this.rejected++;
        if (lastCaseMs > this.slowest.ms) this.slowest = { ms: lastCaseMs, label: c.label };
      }),
      { seed, numRuns: runs(numRuns) },
    );
  }

  /** The bar, checked in each family file's last test. */
  expectEnough(): void {
    console.info(
      `fuzz ${this.family}: ${this.total} generated inputs (${this.valid} valid, of which ${this.rejected} threw a documented data-dependent error; ${this.invalid} invalid); slowest case ${this.slowest.ms.toFixed(1)} ms: ${this.slowest.label}`,
    );
    expect(this.total).toBeGreaterThanOrEqual(MIN_CASES_PER_FAMILY);
  }
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h % 1_000_000;
}

// -----------------------------------------------------------------------------------------------
// Numbers
// -----------------------------------------------------------------------------------------------

/** A scale factor 10^e for e in [minExp, maxExp]: 1, the two extremes, or any power between. */
export function scaleIn(minExp: number, maxExp: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.constant(1),
    fc.constantFrom(10 ** minExp, 10 ** maxExp),
    fc.integer({ min: minExp, max: maxExp }).map((e) => 10 ** e),
  );
}

/** A scale factor: 1, the extremes 1e±150, or any power of ten between. */
export const scale: fc.Arbitrary<number> = scaleIn(-150, 150);

/** NaN or ±Infinity. */
export const nonFinite = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

/** Values that are not numbers at all, none array-like. */
export const notANumber = fc.constantFrom<unknown>('1', '', null, undefined, true, {}, 1n);

/** Arguments that are not a sample matrix, a table or a mixture. */
export const notAMatrix = fc.constantFrom<unknown>('abc', 42, null, undefined, true, {});

/** A coordinate before scaling: a half-integer in [−4, 4] (ties likely) or any double there. */
const coord = fc.oneof(
  fc.integer({ min: -8, max: 8 }).map((k) => k / 2),
  fc.double({ min: -4, max: 4, noNaN: true }),
);

// -----------------------------------------------------------------------------------------------
// Sample matrices
// -----------------------------------------------------------------------------------------------

/** How a generated sample matrix is degenerate, if at all. */
export type DataKind =
  | 'generic'
  | 'integers'
  | 'duplicates'
  | 'constant'
  | 'collinear'
  | 'constant-column';

export const DATA_KINDS: readonly DataKind[] = [
  'generic',
  'integers',
  'duplicates',
  'constant',
  'collinear',
  'constant-column',
];

/** A generated n × d sample matrix (rows as number[]), its kind and scale. */
export interface Data {
  rows: number[][];
  n: number;
  d: number;
  kind: DataKind;
  scale: number;
}

export interface DataOptions {
  minN: number;
  maxN: number;
  minD?: number;
  maxD?: number;
  kinds?: readonly DataKind[];
  /** Scale factor (default: {@link scale}). */
  scale?: fc.Arbitrary<number>;
  /**
   * `'any'` (default): coordinates are any doubles in [−4, 4], down to 5e-324, so one matrix
   * can span 300+ orders of magnitude. `'moderate'`: |coordinate| < 1e-6 becomes 0, so the
   * magnitudes in a matrix differ by at most ~7 orders (the scale still ranges over 1e±150).
   */
  coords?: 'any' | 'moderate';
}

function build(kind: DataKind, n: number, d: number, base: number[][], pick: number[]): number[][] {
  switch (kind) {
    case 'generic':
      return base;
    case 'integers':
      return base.map((r) => r.map((v) => Math.round(v)));
    case 'duplicates':
      // Rows from a pool of the first one to three rows: exact repeats.
      return base.map((_, i) => [...(base[(pick[i] as number) % Math.min(3, n)] as number[])]);
    case 'constant':
      return base.map(() => [...(base[0] as number[])]);
    case 'collinear': {
      // x_i = t_i·v + c: on a line through c (an affine subspace of dimension 1).
      const v = base[0] as number[];
      const c = base[1 % n] as number[];
      return base.map((r) => {
        const t = r[0] as number;
        return Array.from({ length: d }, (_, j) => t * (v[j] as number) + (c[j] as number));
      });
    }
    case 'constant-column':
      return base.map((r) => r.map((v, j) => (j === 0 ? 1 : v)));
  }
}

/**
 * Values below the normal range (|v| < 2.2e-308) become 0. Scaling by 1e-150 makes them from
 * small coordinates, and a subnormal covariance entry crashes ml-matrix's eigendecomposition in
 * an error path (the BUG test in gaussian.test.ts pins it); the rest of the suite stays normal.
 */
export function flushSubnormal(v: number): number {
  return Math.abs(v) < 2.2250738585072014e-308 ? 0 : v;
}

/** Sample matrices of the chosen kinds, sizes and scales. */
export function data(options: DataOptions): fc.Arbitrary<Data> {
  const { minN, maxN, minD = 1, maxD = 3, kinds = DATA_KINDS, coords = 'any' } = options;
  const c = coords === 'any' ? coord : coord.map((v) => (Math.abs(v) < 1e-6 ? 0 : v));
  return fc
    .record({
      n: fc.integer({ min: minN, max: maxN }),
      d: fc.integer({ min: minD, max: maxD }),
      kind: fc.constantFrom(...kinds),
      scale: options.scale ?? scale,
    })
    .chain(({ n, d, kind, scale: s }) =>
      fc
        .record({
          base: fc.array(fc.array(c, { minLength: d, maxLength: d }), {
            minLength: n,
            maxLength: n,
          }),
          pick: fc.array(fc.nat(), { minLength: n, maxLength: n }),
        })
        .map(({ base, pick }) => ({
          rows: build(kind, n, d, base, pick).map((r) => r.map((v) => flushSubnormal(v * s))),
          n,
          d,
          kind,
          scale: s,
        })),
    );
}

/** The input forms every sample argument accepts. */
export type Form = 'nested' | 'float64' | 'matrix' | 'column';

/** `rows` in one of the accepted forms ('column' only applies to d = 1). */
export function inForm(rows: number[][], form: Form): unknown {
  switch (form) {
    case 'nested':
      return rows;
    case 'float64':
      return rows.map((r) => Float64Array.from(r));
    case 'matrix':
      return rows.length > 0 ? new Matrix(rows) : rows;
    case 'column':
      return rows.every((r) => r.length === 1) ? rows.map((r) => r[0] as number) : rows;
  }
}

export const form = fc.constantFrom<Form>('nested', 'float64', 'matrix', 'column');

/** A corruption of a valid sample matrix and the code it must produce. */
export interface Corruption {
  what: string;
  rows: unknown;
  code: InfoboundErrorCode;
}

/**
 * One corruption of a sample matrix with at least `minRows` rows: a NaN/±Infinity entry
 * (NON_FINITE), a non-number entry (INVALID_ARGUMENT), a ragged row or a row that is not an
 * array (SHAPE_MISMATCH), no rows (TOO_FEW_SAMPLES), or not a matrix at all (INVALID_ARGUMENT).
 */
export function corrupt(d: Data): fc.Arbitrary<Corruption> {
  const { n, rows } = d;
  const at = fc.record({ i: fc.nat({ max: n - 1 }), j: fc.nat({ max: d.d - 1 }) });
  const set = (i: number, j: number, v: unknown) =>
    rows.map((r, a) => (a === i ? r.map((x, b) => (b === j ? v : x)) : r));
  const options: fc.Arbitrary<Corruption>[] = [
    fc.record({ at, v: nonFinite }).map(({ at: { i, j }, v }) => ({
      what: `X[${i}][${j}] = ${v}`,
      rows: set(i, j, v),
      code: 'NON_FINITE' as const,
    })),
    fc.record({ at, v: notANumber }).map(({ at: { i, j }, v }) => ({
      what: `X[${i}][${j}] = ${show(v)}`,
      rows: set(i, j, v),
      code: 'INVALID_ARGUMENT' as const,
    })),
    fc.constant({ what: 'no rows', rows: [], code: 'TOO_FEW_SAMPLES' as const }),
    notAMatrix.map((v) => ({ what: `X = ${show(v)}`, rows: v, code: 'INVALID_ARGUMENT' as const })),
  ];
  if (n >= 2) {
    const row = fc.integer({ min: 1, max: n - 1 });
    options.push(
      fc.record({ i: row, grow: fc.boolean() }).map(({ i, grow }) => ({
        what: `X[${i}] ${grow ? 'one value too long' : 'one value too short'}`,
        rows: rows.map((r, a) => (a !== i ? r : grow ? [...r, 1] : r.slice(0, -1))),
        code: 'SHAPE_MISMATCH' as const,
      })),
      fc.record({ i: row, v: fc.constantFrom<unknown>(3, null, 'row') }).map(({ i, v }) => ({
        what: `X[${i}] = ${show(v)}`,
        rows: rows.map((r, a) => (a === i ? v : r)),
        code: 'SHAPE_MISMATCH' as const,
      })),
    );
  }
  return fc.oneof(...options);
}

/** An invalid `base` option (INVALID_OPTION). */
export const badBase = fc.constantFrom<unknown>(
  1,
  0,
  -2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  'nat',
  'bit',
  null,
);

/** A valid `base` option (or none). */
export const goodBase = fc.constantFrom<'nats' | 'bits' | number | undefined>(
  undefined,
  'nats',
  'bits',
  2,
  10,
  0.5,
);

/** A value that is not an integer ≥ 1 (INVALID_OPTION for count options). */
export const badCount = fc.constantFrom<unknown>(0, -1, 1.5, Number.NaN, '3', null);

/** A seed that is not a safe integer (INVALID_OPTION). */
export const badSeed = fc.constantFrom<unknown>(1.5, Number.NaN, 2 ** 53, '1', null);

/** Throws unless `v` is a number in [lo, hi]. */
export function inRange(v: unknown, lo: number, hi: number, name: string): void {
  if (typeof v !== 'number' || !(v >= lo && v <= hi)) {
    throw new Error(`${name} is ${String(v)}, outside [${lo}, ${hi}]`);
  }
}
