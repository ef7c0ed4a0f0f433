/**
 * Fuzz: every public function of `discrete` (and `convertUnits`) on generated valid and invalid
 * input. test/discrete/invalidInput.test.ts already attacks bad table entries, ragged tables,
 * wrong ranks, bad labels and bad options with messages; this file adds what it does not cover:
 * valid input at every scale (counts from 1e-150 to 1e150 with `normalize`, near-point masses,
 * Matrix and typed-array forms) checked for a finite result in range, arguments that are not
 * tables at all, empty and zero-sum tables, and semanticEntropy and convertUnits.
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, it } from 'vitest';
import { convertUnits, discrete } from '../../src/index.js';
import { pmf, pmfPair, probabilityTable } from '../../src/testing/index.js';
import {
  badBase,
  type Case,
  FuzzCounter,
  fails,
  goodBase,
  inRange,
  notAMatrix,
  notANumber,
  ok,
  scale,
} from './harness.js';

const counter = new FuzzCounter('discrete');

/** Rounding allowance on the range checks: sums of ≤ 64 terms of size ≤ 1. */
const TOL = 1e-12;

type Base = 'nats' | 'bits' | number | undefined;
const lnOf = (base: Base) =>
  base === undefined || base === 'nats' ? 1 : base === 'bits' ? Math.LN2 : Math.log(base);

/** A check that a quantity in nats lies in [lo, hi] (nats), whatever the base. */
function within(lo: number, hi: number, base: Base) {
  const ln = lnOf(base);
  // A base below 1 has a negative logarithm: the interval flips.
  const [a, b] = ln > 0 ? [lo / ln, hi / ln] : [hi / ln, lo / ln];
  return (r: unknown) =>
    inRange(r, a - TOL * Math.abs(a) - TOL, b + TOL * Math.abs(b) + TOL, 'result');
}

/** A table as nested arrays, a Float64Array (rank 1) or an ml-matrix Matrix (rank 2). */
function asForm(table: unknown, shape: number[], form: number): unknown {
  if (form === 1 && shape.length === 1) return Float64Array.from(table as number[]);
  if (form === 2 && shape.length === 2) return new Matrix(table as number[][]);
  return table;
}

/** A valid table of the given rank: probabilities, or counts at any scale with `normalize`. */
function validTable(rank: number) {
  return fc
    .record({
      shape: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: rank, maxLength: rank }),
      counts: fc.boolean(),
      scale,
      form: fc.nat({ max: 2 }),
    })
    .chain(({ shape, counts, scale: s, form }) =>
      probabilityTable(shape).map((t) => {
        const scaled = counts ? scaleTable(t, s) : t;
        const flat = [scaled].flat(rank) as number[];
        return {
          table: asForm(scaled, shape, form),
          shape,
          normalize: counts,
          // Weights all underflowed to 0 (1e-300 · 1e-150): no distribution to normalise.
          empty: counts && flat.every((v) => v === 0),
        };
      }),
    );
}

function scaleTable(t: unknown, s: number): unknown {
  return Array.isArray(t) ? t.map((v) => scaleTable(v, s)) : (t as number) * s;
}

const unary = {
  entropy: { rank: [1, 2, 3], fn: discrete.entropy, hi: (size: number) => Math.log(size) },
  jointEntropy: {
    rank: [1, 2, 3],
    fn: discrete.jointEntropy,
    hi: (size: number) => Math.log(size),
  },
  conditionalEntropy: {
    rank: [2],
    fn: discrete.conditionalEntropy,
    hi: (size: number) => Math.log(size),
  },
  mutualInformation: {
    rank: [2],
    fn: discrete.mutualInformation,
    hi: (size: number) => Math.log(size),
  },
  conditionalMutualInformation: {
    rank: [3],
    fn: discrete.conditionalMutualInformation,
    hi: (size: number) => Math.log(size),
  },
} as const;

describe('fuzz: tables (entropy, jointEntropy, conditionalEntropy, mutualInformation, CMI)', () => {
  for (const [name, { rank, fn, hi }] of Object.entries(unary)) {
    it(`${name}: valid tables at any scale → finite, in [0, log size]; junk → typed errors`, () => {
      const valid = fc
        .record({ r: fc.constantFrom(...rank), base: goodBase })
        .chain(({ r, base }) => validTable(r).map((t) => ({ ...t, base })))
        .map(({ table, shape, normalize, empty, base }): Case => {
          const size = shape.reduce((a, b) => a * b, 1);
          return {
            label: `${name}(valid ${shape.join('×')} table, normalize ${normalize})`,
            input: { table, normalize, base },
            call: () => fn(table as never, { normalize, base } as never),
            outcome: empty ? fails('NOT_A_DISTRIBUTION') : ok({ check: within(0, hi(size), base) }),
          };
        });
      const invalid = fc.oneof(
        notAMatrix.map(
          (x): Case => ({
            label: `${name}(not a table)`,
            input: x,
            call: () => fn(x as never),
            outcome: fails('INVALID_ARGUMENT'),
          }),
        ),
        fc.constantFrom<unknown>([], [[]], [[[]]], new Float64Array(0)).map(
          (x): Case => ({
            label: `${name}(empty table)`,
            input: x,
            call: () => fn(x as never),
            // An empty table of the wrong rank may be reported as the rank mismatch first.
            outcome: fails('NOT_A_DISTRIBUTION', 'SHAPE_MISMATCH'),
          }),
        ),
        fc
          .record({ r: fc.constantFrom(...rank), n: fc.integer({ min: 1, max: 4 }) })
          .map(({ r, n }): Case => {
            const zeros = scaleTable(
              r === 1
                ? new Array(n).fill(1)
                : r === 2
                  ? [new Array(n).fill(1)]
                  : [[new Array(n).fill(1)]],
              0,
            );
            return {
              label: `${name}(all-zero weights, normalize)`,
              input: zeros,
              call: () => fn(zeros as never, { normalize: true }),
              outcome: fails('NOT_A_DISTRIBUTION'),
            };
          }),
        fc.record({ r: fc.constantFrom(...rank), v: notANumber }).map(({ r, v }): Case => {
          const t = r === 1 ? [0.5, v] : r === 2 ? [[0.5, v]] : [[[0.5, v]]];
          return {
            label: `${name}(a non-number entry)`,
            input: t,
            call: () => fn(t as never),
            outcome: fails('INVALID_ARGUMENT'),
          };
        }),
        badBase.map(
          (base): Case => ({
            label: `${name}(valid table, bad base)`,
            input: base,
            call: () =>
              fn((rank[0] === 1 ? [1] : rank[0] === 2 ? [[1]] : [[[1]]]) as never, {
                base: base as never,
              }),
            outcome: fails('INVALID_OPTION'),
          }),
        ),
      );
      counter.check(
        fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 1 }),
        110,
      );
    });
  }
});

const pairs = {
  klDivergence: {
    fn: discrete.klDivergence,
    infinity: '+Infinity',
    hi: () => Number.POSITIVE_INFINITY,
  },
  crossEntropy: {
    fn: discrete.crossEntropy,
    infinity: '+Infinity',
    hi: () => Number.POSITIVE_INFINITY,
  },
  jsDivergence: { fn: discrete.jsDivergence, infinity: 'never', hi: () => Math.LN2 },
  tvDistance: { fn: discrete.tvDistance, infinity: 'never', hi: () => 1 },
} as const;

describe('fuzz: pairs (klDivergence, crossEntropy, jsDivergence, tvDistance)', () => {
  for (const [name, { fn, infinity, hi }] of Object.entries(pairs)) {
    it(`${name}: valid pairs at any scale → a number in range (Infinity only where documented)`, () => {
      const valid = fc
        .record({ pq: pmfPair(), counts: fc.boolean(), sp: scale, sq: scale, base: goodBase })
        .map(({ pq: [p, q], counts, sp, sq, base }): Case => {
          const a = counts ? p.map((v) => v * sp) : p;
          const b = counts ? q.map((v) => v * sq) : q;
          const empty = a.every((v) => v === 0) || b.every((v) => v === 0);
          // tvDistance has no unit: base is not one of its options.
          const opts = name === 'tvDistance' ? { normalize: counts } : { normalize: counts, base };
          const lnBase = name === 'tvDistance' ? undefined : base;
          return {
            label: `${name}(valid pair, normalize ${counts})`,
            input: { a, b, opts },
            call: () => fn(a, b, opts as never),
            outcome: empty
              ? fails('NOT_A_DISTRIBUTION')
              : ok({
                  // Infinite nats in a base below 1 (a negative logarithm) is −Infinity.
                  infinity:
                    infinity === 'never' ? 'never' : lnOf(lnBase) > 0 ? '+Infinity' : '-Infinity',
                  check: (r) => {
                    if (r === Number.POSITIVE_INFINITY || r === Number.NEGATIVE_INFINITY) return;
                    within(0, hi(), lnBase)(r);
                  },
                }),
          };
        });
      const invalid = fc.oneof(
        fc.record({ x: notAMatrix, first: fc.boolean() }).map(
          ({ x, first }): Case => ({
            label: `${name}(${first ? 'p' : 'q'} not a table)`,
            input: x,
            call: () => (first ? fn(x as never, [1]) : fn([1], x as never)),
            outcome: fails('INVALID_ARGUMENT'),
          }),
        ),
        fc.record({ p: pmf(), first: fc.boolean() }).map(
          ({ p, first }): Case => ({
            label: `${name}(an empty ${first ? 'p' : 'q'})`,
            input: p,
            call: () => (first ? fn([], p) : fn(p, [])),
            outcome: fails('NOT_A_DISTRIBUTION', 'SHAPE_MISMATCH'),
          }),
        ),
        pmf({ minLength: 2 }).map(
          (p): Case => ({
            label: `${name}(p and q of different ranks)`,
            input: p,
            call: () => fn(p, [p]),
            outcome: fails('SHAPE_MISMATCH'),
          }),
        ),
      );
      counter.check(
        fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 1 }),
        100,
      );
    });
  }
});

/** Labels: small integers, large or fractional numbers, −0, strings. */
const label = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.constantFrom(-0, 1e150, -1e-150, 0.5, 2 ** 53),
  fc.constantFrom('a', 'b', '1', ''),
);
const labels = (n: number) => fc.array(label, { minLength: n, maxLength: n });

describe('fuzz: labels (entropyFromSamples, MI, CMI, NMI from samples, semanticEntropy)', () => {
  it('valid labels of any kind → finite, in range; junk arguments → typed errors', () => {
    const fns: Record<
      string,
      { arity: number; call: (l: unknown[][], o: object) => unknown; hi: (n: number) => number }
    > = {
      entropyFromSamples: {
        arity: 1,
        call: ([x], o) => discrete.entropyFromSamples(x as never, o),
        // Miller–Madow adds (K − 1)/(2n) ≤ 1/2 to the plug-in log K.
        hi: (n) => Math.log(n) + 0.5,
      },
      mutualInformationFromSamples: {
        arity: 2,
        call: ([x, y], o) => discrete.mutualInformationFromSamples(x as never, y as never, o),
        hi: (n) => Math.log(n),
      },
      conditionalMutualInformationFromSamples: {
        arity: 3,
        call: ([x, y, z], o) =>
          discrete.conditionalMutualInformationFromSamples(x as never, y as never, z as never, o),
        hi: (n) => Math.log(n),
      },
      normalizedMutualInformation: {
        arity: 2,
        call: ([x, y], o) => discrete.normalizedMutualInformation(x as never, y as never, o),
        hi: () => 1,
      },
      semanticEntropy: {
        arity: 1,
        call: ([x], o) => discrete.semanticEntropy(x as never, o),
        hi: (n) => Math.log(n),
      },
    };
    const names = Object.keys(fns);
    const valid = fc
      .record({ name: fc.constantFrom(...names), n: fc.integer({ min: 1, max: 24 }) })
      .chain(({ name, n }) => {
        const f = fns[name] as (typeof fns)[string];
        return fc.record({
          name: fc.constant(name),
          n: fc.constant(n),
          args: fc.array(labels(n), { minLength: f.arity, maxLength: f.arity }),
          base: goodBase,
          extra: fc.oneof(
            fc.constant({}),
            fc.constantFrom(
              { correction: 'miller-madow' },
              { averageMethod: 'geometric' },
              { averageMethod: 'min' },
              { averageMethod: 'max' },
            ),
            // semanticEntropy's probabilities, at any scale, some exactly 0.
            fc.record({
              probabilities: fc.tuple(
                fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), {
                  minLength: n,
                  maxLength: n,
                }),
                scale,
              ),
            }),
          ),
        });
      })
      .map(({ name, n, args, base, extra }): Case => {
        const f = fns[name] as (typeof fns)[string];
        let o: Record<string, unknown> = { base };
        let zeroMass = false;
        if ('probabilities' in extra) {
          if (name === 'semanticEntropy') {
            const [probs, s] = extra.probabilities as [number[], number];
            o.probabilities = probs.map((p) => p * s);
            zeroMass = probs.every((p) => p === 0);
          }
        } else if ('correction' in extra) {
          if (name === 'entropyFromSamples') o = { ...o, ...extra };
        } else if ('averageMethod' in extra) {
          if (name === 'normalizedMutualInformation') o = { ...extra };
        }
        if (name === 'normalizedMutualInformation') delete o.base;
        const hi = f.hi(n);
        return {
          label: `${name}(${n} labels)`,
          input: { args, o },
          call: () => f.call(args, o),
          outcome: zeroMass
            ? fails('NOT_A_DISTRIBUTION')
            : ok({
                check:
                  name === 'normalizedMutualInformation'
                    ? (r) => inRange(r, -TOL, 1 + TOL, 'NMI')
                    : within(name === 'entropyFromSamples' ? 0 : -TOL, hi, o.base as Base),
              }),
        };
      });
    const invalid = fc.oneof(
      fc
        .record({ name: fc.constantFrom(...names), x: notAMatrix, a: fc.nat({ max: 2 }) })
        .map(({ name, x, a }): Case => {
          const f = fns[name] as (typeof fns)[string];
          const args = Array.from({ length: f.arity }, (_, k) => (k === a % f.arity ? x : [1, 2]));
          return {
            label: `${name}(argument ${a % f.arity} not an array of labels)`,
            input: x,
            call: () => f.call(args as unknown[][], {}),
            outcome: fails('INVALID_ARGUMENT'),
          };
        }),
      // semanticEntropy's probabilities: wrong length, negative or non-finite, not an array.
      fc
        .record({
          n: fc.integer({ min: 1, max: 8 }),
          bad: fc.constantFrom<unknown>(-1, Number.NaN, Number.POSITIVE_INFINITY, '0.5', null),
          shape: fc.constantFrom('entry', 'length', 'type'),
        })
        .map(({ n, bad, shape }): Case => {
          const clusters = Array.from({ length: n }, (_, i) => i % 3);
          const probabilities =
            shape === 'entry'
              ? clusters.map((_, i) => (i === n - 1 ? bad : 0.5))
              : shape === 'length'
                ? new Array(n + 1).fill(0.5)
                : bad;
          const code =
            shape === 'entry'
              ? 'NOT_A_DISTRIBUTION'
              : shape === 'length'
                ? 'SHAPE_MISMATCH'
                : 'INVALID_OPTION';
          return {
            label: `semanticEntropy(probabilities: bad ${shape})`,
            input: { clusters, probabilities },
            call: () =>
              discrete.semanticEntropy(clusters, { probabilities: probabilities as never }),
            outcome: fails(code),
          };
        }),
    );
    counter.check(
      fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: invalid, weight: 1 }),
      250,
    );
  });
});

describe('fuzz: convertUnits', () => {
  it('any number or ±Infinity converts to a number; NaN, non-numbers and bad bases are typed errors', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e-150, 1e150),
    );
    const valid = fc.record({ v: value, from: goodBase, to: goodBase }).map(
      ({ v, from, to }): Case => ({
        label: 'convertUnits(valid)',
        input: { v, from, to },
        call: () => convertUnits(v, from ?? 'nats', to ?? 'nats'),
        // Converting the largest doubles to a smaller unit may overflow: ±Infinity is the value.
        outcome: ok({ infinity: 'any' }),
      }),
    );
    const invalid = fc.oneof(
      fc.constant<Case>({
        label: 'convertUnits(NaN)',
        input: Number.NaN,
        call: () => convertUnits(Number.NaN, 'nats', 'bits'),
        outcome: fails('NON_FINITE'),
      }),
      notANumber.map(
        (v): Case => ({
          label: 'convertUnits(not a number)',
          input: v,
          call: () => convertUnits(v as number, 'nats', 'bits'),
          outcome: fails('INVALID_ARGUMENT'),
        }),
      ),
      fc.record({ b: badBase, first: fc.boolean() }).map(
        ({ b, first }): Case => ({
          label: `convertUnits(bad ${first ? 'from' : 'to'})`,
          input: b,
          call: () =>
            first ? convertUnits(1, b as never, 'nats') : convertUnits(1, 'nats', b as never),
          outcome: fails('INVALID_OPTION'),
        }),
      ),
    );
    counter.check(fc.oneof(valid, invalid), 150);
  });
});

describe('fuzz: discrete coverage', () => {
  it(`drove at least 1000 generated inputs`, () => {
    counter.expectEnough();
  });
});
