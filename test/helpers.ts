/**
 * Assertions and fixture loading shared by the test suites.
 *
 * Tolerances are the caller's to choose and to justify (STYLE.md): these helpers only apply them.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { InfoboundError, type InfoboundErrorCode } from '../src/core/errors.js';

/**
 * The absolute floor added to every relative tolerance in {@link expectClose}: the rounding error
 * of a sum of O(1) terms (a few ulps of 1, ε = 2.2e-16). Where the exact value is 0 or nearly so
 * (the MI of an independent table, the KL of p from itself) a relative error means nothing, and
 * two correct implementations still differ by this much.
 */
export const SUM_ROUNDING_FLOOR = 1e-15;

/**
 * Asserts `|actual − expected| ≤ rel·|expected| + abs` (abs defaults to {@link SUM_ROUNDING_FLOOR}).
 * An infinite `expected` must be matched exactly, and NaN never passes.
 */
export function expectClose(
  actual: number,
  expected: number,
  rel: number,
  abs: number = SUM_ROUNDING_FLOOR,
): void {
  expect(typeof actual, `result ${String(actual)} should be a number`).toBe('number');
  expect(Number.isNaN(actual), 'result should not be NaN').toBe(false);
  if (!Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Number.isFinite(actual), `result ${actual} should be finite, like ${expected}`).toBe(true);
  const err = Math.abs(actual - expected);
  const bound = rel * Math.abs(expected) + abs;
  expect(
    err,
    `${actual} vs expected ${expected}: |diff| ${err} exceeds ${rel}·|expected| + ${abs} = ${bound}`,
  ).toBeLessThanOrEqual(bound);
}

/**
 * Asserts that `fn` throws an {@link InfoboundError} with this `code`, and (when given) that its
 * message contains `messagePart`, e.g. the argument's name and index `'p[1]'`. Returns the error.
 */
export function expectInfoboundError(
  fn: () => unknown,
  code: InfoboundErrorCode,
  messagePart?: string,
): InfoboundError {
  let result: unknown;
  try {
    result = fn();
  } catch (e) {
    expect(e, `expected an InfoboundError, got ${String(e)}`).toBeInstanceOf(InfoboundError);
    const err = e as InfoboundError;
    expect(err.code, `code of "${err.message}"`).toBe(code);
    if (messagePart !== undefined) expect(err.message).toContain(messagePart);
    return err;
  }
  throw new Error(`expected InfoboundError ${code}, but it returned ${String(result)}`);
}

/** Reads and parses a JSON fixture, by its path under test/fixtures. */
export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// test/fixtures/discrete/discrete.json (see generate.py beside it for the format)
// ---------------------------------------------------------------------------------------------

/** `v_i = ((mul · i^power) mod mod) + add`, i = 0..n−1: a long input the JSON does not store. */
export interface GeneratedSpec {
  n: number;
  mul: number;
  mod: number;
  add: number;
  power: number;
  /** Reshape row-major into nested arrays of this shape (a probability table). */
  shape?: number[];
  /** Turn each value into the string label `prefix + v_i`. */
  prefix?: string;
}

/** One reference case of a discrete function. */
export interface DiscreteCase {
  name: string;
  /** Positional arguments, generated ones already expanded. */
  args: unknown[];
  options: Record<string, unknown>;
  /** The reference value; the fixture's "Infinity" is +Infinity here. */
  expected: number;
}

interface RawCase {
  name: string;
  args: unknown[];
  options: Record<string, unknown>;
  expected: number | 'Infinity';
}

let discreteFixture: Record<string, RawCase[]> | undefined;

/** Builds the integers of a {@link GeneratedSpec}: exact, since mul·i^power < 2^53. */
export function generateValues(spec: GeneratedSpec): number[] {
  const out = new Array<number>(spec.n);
  for (let i = 0; i < spec.n; i++) {
    const ip = spec.power === 2 ? i * i : i;
    out[i] = ((spec.mul * ip) % spec.mod) + spec.add;
  }
  return out;
}

function reshape(flat: readonly unknown[], shape: readonly number[], offset = 0): unknown[] {
  const [head, ...rest] = shape as [number, ...number[]];
  if (rest.length === 0) return flat.slice(offset, offset + head);
  const stride = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: head }, (_, i) => reshape(flat, rest, offset + i * stride));
}

function expandArg(arg: unknown): unknown {
  if (typeof arg === 'object' && arg !== null && 'generate' in arg) {
    const spec = (arg as { generate: GeneratedSpec }).generate;
    const values = generateValues(spec);
    if (spec.prefix !== undefined) return values.map((v) => `${spec.prefix}${v}`);
    return spec.shape === undefined ? values : reshape(values, spec.shape);
  }
  return arg;
}

/** The reference cases of one discrete function (`'entropy'`, `'klDivergence'`, ...). */
export function discreteCases(fn: string): DiscreteCase[] {
  discreteFixture ??= (
    readFixture('discrete/discrete.json') as { cases: Record<string, RawCase[]> }
  ).cases;
  const raw = discreteFixture[fn];
  if (raw === undefined || raw.length === 0) throw new Error(`no fixture cases for ${fn}`);
  return raw.map((c) => ({
    name: c.name,
    args: c.args.map(expandArg),
    options: c.options,
    expected: c.expected === 'Infinity' ? Number.POSITIVE_INFINITY : c.expected,
  }));
}
