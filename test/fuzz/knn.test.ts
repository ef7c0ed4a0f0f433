/**
 * Fuzz: every public estimator of `knn` on generated valid and invalid input: samples of every
 * kind (duplicates, constant, collinear, constant columns, integers) at scales 1e-150 to 1e150,
 * every k from 1 to n − 1 (and k ≥ n), both search paths, with and without jitter; then one
 * corruption at a time (NaN/±Infinity, non-numbers, ragged rows, no rows, mismatched lengths) and
 * bad options. The default jitter must make every valid input finite; with jitter 0, tied data
 * may throw DEGENERATE_SAMPLES, and nothing else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knn } from '../../src/index.js';
import { expectInfoboundError } from '../helpers.js';
import {
  badBase,
  badCount,
  badSeed,
  type Case,
  corrupt,
  type Data,
  data,
  FuzzCounter,
  fails,
  form,
  goodBase,
  inForm,
  type Outcome,
  ok,
  scale,
  scaleIn,
} from './harness.js';

const counter = new FuzzCounter('knn');

/** Options every estimator takes, valid. */
const commonOptions = fc.record(
  {
    jitter: fc.constantFrom(0, 1e-10, 1e-6, 1e-3),
    seed: fc.integer({ min: -1000, max: 1000 }),
    search: fc.constantFrom('auto', 'kd-tree', 'brute'),
    base: goodBase,
  },
  { requiredKeys: [] },
);

/** The outcome of a valid call with neighbour order k on n samples. */
function expected(n: number, k: number, jitter: number | undefined, kMax = n - 1): Outcome {
  if (n < 2 || k > kMax) return fails('TOO_FEW_SAMPLES');
  // Without jitter, tied points put a neighbour at distance 0.
  return jitter === 0 ? ok({ orCodes: ['DEGENERATE_SAMPLES'] }) : ok();
}

const size = fc.integer({ min: 1, max: 20 });
/** k from 1 to n, sometimes n or more (TOO_FEW_SAMPLES). */
const kFor = (n: number) =>
  fc.oneof(fc.integer({ min: 1, max: Math.max(1, n - 1) }), fc.constant(n));

/**
 * Scales for the Euclidean estimators (entropy, klDivergence): 1e-110 to 1e150. Below ~1e-140 the
 * default jitter (1e-10 × the column's spread) squares to below the doubles' range and tied data
 * throws DEGENERATE_SAMPLES (BUG tests below). KSG and Frenzel–Pompe (max-norm) take 1e-150.
 */
const euclideanScale = scaleIn(-110, 150);

/** `count` paired sample sets of n rows (each its own kind, dimension and scale). */
const paired = (count: number, maxD = 2, s = scale) =>
  size.chain((n) =>
    fc.record({
      sets: fc.array(data({ minN: n, maxN: n, maxD, scale: s }), {
        minLength: count,
        maxLength: count,
      }),
      k: kFor(n),
      f: form,
      options: commonOptions,
    }),
  );

const describeSets = (sets: Data[]) =>
  sets.map((s) => `${s.kind} ${s.n}×${s.d} ×${s.scale}`).join(', ');

describe('fuzz: valid input → finite (or DEGENERATE_SAMPLES without jitter)', () => {
  it('entropy', () => {
    const arb = paired(1, 3, euclideanScale).map(
      ({ sets: [x], k, f, options }): Case => ({
        label: `entropy(${describeSets([x as Data])}, k = ${k})`,
        input: { x: (x as Data).rows, k, options },
        call: () => knn.entropy(inForm((x as Data).rows, f) as never, { ...options, k } as never),
        outcome: expected((x as Data).n, k, options.jitter),
      }),
    );
    counter.check(arb, 300);
  });

  it('mutualInformation (both algorithms, standardize or not)', () => {
    const arb = fc
      .record({ p: paired(2), algorithm: fc.constantFrom(1, 2), standardize: fc.boolean() })
      .map(({ p: { sets, k, f, options }, algorithm, standardize }): Case => {
        const [x, y] = sets as [Data, Data];
        return {
          label: `mutualInformation(${describeSets(sets)}, k = ${k}, algorithm ${algorithm})`,
          input: { x: x.rows, y: y.rows, k, options, algorithm, standardize },
          call: () =>
            knn.mutualInformation(
              inForm(x.rows, f) as never,
              inForm(y.rows, f) as never,
              {
                ...options,
                k,
                algorithm: algorithm as 1 | 2,
                standardize,
              } as never,
            ),
          outcome: expected(x.n, k, options.jitter),
        };
      });
    counter.check(arb, 250);
  });

  it('conditionalMutualInformation', () => {
    const arb = fc
      .record({ p: paired(3, 1), standardize: fc.boolean() })
      .map(({ p: { sets, k, f, options }, standardize }): Case => {
        const [x, y, z] = sets as [Data, Data, Data];
        return {
          label: `conditionalMutualInformation(${describeSets(sets)}, k = ${k})`,
          input: { x: x.rows, y: y.rows, z: z.rows, k, options },
          call: () =>
            knn.conditionalMutualInformation(
              inForm(x.rows, f) as never,
              inForm(y.rows, f) as never,
              inForm(z.rows, f) as never,
              { ...options, k, standardize } as never,
            ),
          outcome: expected(x.n, k, options.jitter),
        };
      });
    counter.check(arb, 200);
  });

  it('klDivergence (X and Y of different sizes and scales)', () => {
    const arb = fc
      .record({ n: size, m: size, d: fc.integer({ min: 1, max: 3 }) })
      .chain(({ n, m, d }) =>
        fc.record({
          // Moderate coordinates: ν/ρ overflows past 1e308 otherwise (BUG test below).
          x: data({
            minN: n,
            maxN: n,
            minD: d,
            maxD: d,
            scale: euclideanScale,
            coords: 'moderate',
          }),
          y: data({
            minN: m,
            maxN: m,
            minD: d,
            maxD: d,
            scale: euclideanScale,
            coords: 'moderate',
          }),
          k: fc.integer({ min: 1, max: Math.max(n, m) }),
          f: form,
          options: commonOptions,
        }),
      )
      .map(
        ({ x, y, k, f, options }): Case => ({
          label: `klDivergence(${describeSets([x, y])}, k = ${k})`,
          input: { x: x.rows, y: y.rows, k, options },
          call: () =>
            knn.klDivergence(
              inForm(x.rows, f) as never,
              inForm(y.rows, f) as never,
              {
                ...options,
                k,
              } as never,
            ),
          // k < n (neighbours in X ∖ {x_i}) and k ≤ m (neighbours in Y); m ≥ 2 like n.
          outcome:
            y.n < 2
              ? fails('TOO_FEW_SAMPLES')
              : expected(x.n, k, options.jitter, Math.min(x.n - 1, y.n)),
        }),
      );
    counter.check(arb, 250);
  });
});

/** The four estimators with `count` sample arguments each. */
const estimators: Record<string, { count: number; call: (args: unknown[], o: object) => unknown }> =
  {
    entropy: { count: 1, call: ([x], o) => knn.entropy(x as never, o) },
    mutualInformation: {
      count: 2,
      call: ([x, y], o) => knn.mutualInformation(x as never, y as never, o),
    },
    conditionalMutualInformation: {
      count: 3,
      call: ([x, y, z], o) =>
        knn.conditionalMutualInformation(x as never, y as never, z as never, o),
    },
    klDivergence: { count: 2, call: ([x, y], o) => knn.klDivergence(x as never, y as never, o) },
  };
const names = Object.keys(estimators);

describe('fuzz: invalid input → the right InfoboundError', () => {
  it('one corrupted sample argument: NON_FINITE, INVALID_ARGUMENT, SHAPE_MISMATCH, TOO_FEW_SAMPLES', () => {
    const arb = fc
      .record({
        name: fc.constantFrom(...names),
        x: data({ minN: 5, maxN: 10, maxD: 2, kinds: ['generic'] }),
        which: fc.nat({ max: 2 }),
      })
      .chain(({ name, x, which }) =>
        corrupt(x).map(({ what, rows, code }): Case => {
          const e = estimators[name] as (typeof estimators)[string];
          const a = which % e.count;
          const args = Array.from({ length: e.count }, (_, i) => (i === a ? rows : x.rows));
          return {
            label: `${name}(argument ${a}: ${what})`,
            input: args,
            call: () => e.call(args, { k: 2 }),
            outcome: fails(code),
          };
        }),
      );
    counter.check(arb, 200);
  });

  it('mismatched lengths or dimensions: SHAPE_MISMATCH', () => {
    const arb = fc
      .record({
        name: fc.constantFrom('mutualInformation', 'conditionalMutualInformation', 'klDivergence'),
        n: fc.integer({ min: 4, max: 8 }),
        m: fc.integer({ min: 4, max: 8 }),
        dx: fc.integer({ min: 1, max: 2 }),
        dy: fc.integer({ min: 1, max: 2 }),
      })
      .filter(({ name, n, m, dx, dy }) => (name === 'klDivergence' ? dx !== dy : n !== m))
      .map(({ name, n, m, dx, dy }): Case => {
        const e = estimators[name] as (typeof estimators)[string];
        const rows = (r: number, d: number) =>
          Array.from({ length: r }, (_, i) =>
            Array.from({ length: d }, (_, j) => Math.sin(i * 7 + j)),
          );
        const args = [rows(n, dx), rows(m, dy), rows(n, 1)];
        return {
          label: `${name}(${n}×${dx} vs ${m}×${dy})`,
          input: { n, m, dx, dy },
          call: () => e.call(args, { k: 2 }),
          outcome: fails('SHAPE_MISMATCH'),
        };
      });
    counter.check(arb, 100);
  });

  it('bad options: k, jitter, seed, search, standardize, algorithm, base → INVALID_OPTION', () => {
    const bad = fc.oneof(
      badCount.map((k) => ({ k })),
      fc
        .constantFrom<unknown>(-1e-10, Number.NaN, Number.POSITIVE_INFINITY, '1e-10')
        .map((jitter) => ({ jitter })),
      badSeed.map((seed) => ({ seed })),
      fc.constantFrom<unknown>('kdtree', 'ball-tree', 1).map((search) => ({ search })),
      fc.constantFrom<unknown>('yes', 1, 0).map((standardize) => ({ standardize })),
      fc.constantFrom<unknown>(0, 3, '1', 1.5).map((algorithm) => ({ algorithm })),
      badBase.map((base) => ({ base })),
    );
    const arb = fc.record({ name: fc.constantFrom(...names), o: bad }).map(({ name, o }): Case => {
      const e = estimators[name] as (typeof estimators)[string];
      const key = Object.keys(o)[0] as string;
      // algorithm is an option of KSG only: elsewhere it is not read, and the call succeeds.
      // (standardize is checked by every estimator, though only MI and CMI use it.)
      const read = key !== 'algorithm' || name === 'mutualInformation';
      const x = Array.from({ length: 8 }, (_, i) => [Math.sin(i), Math.cos(3 * i)]);
      return {
        label: `${name}(bad option ${key})`,
        input: o,
        call: () => e.call([x, x, x], o),
        outcome: read ? fails('INVALID_OPTION') : ok(),
      };
    });
    counter.check(arb, 200);
  });
});

describe('fuzz: knn, bugs found (minimal reproductions, marked to fail until fixed)', () => {
  // BUG: the default jitter is 1e-10 × the column's standard deviation, and neighbour distances
  // are compared squared. For data at scale ≲ 1e-140 the jitter's squared size (≲ 1e-320)
  // underflows, tied points stay at distance 0, and the Euclidean estimators throw
  // DEGENERATE_SAMPLES, though docs/API say tied data gives a finite answer with the default
  // jitter (it does at scale 1: −21.73 for this input). Expected: finite, ĥ(aX) = ĥ(X) + log a.
  const ties = [0, 0, 1, 1, 2, 2];
  it.fails('entropy of tied samples × 1e-150 is finite with the default jitter', () => {
    expect(Number.isFinite(knn.entropy(ties, { k: 1 }))).toBe(true);
    expect(
      Number.isFinite(
        knn.entropy(
          ties.map((v) => v * 1e-150),
          { k: 1 },
        ),
      ),
    ).toBe(true);
  });
  it.fails('klDivergence of tied samples × 1e-150 is finite with the default jitter', () => {
    const y = [0, 1, 2].map((v) => v * 1e-150);
    expect(
      Number.isFinite(
        knn.klDivergence(
          ties.map((v) => v * 1e-150),
          y,
          { k: 1 },
        ),
      ),
    ).toBe(true);
  });
  // The same for constant data at 1e-141 whose mean rounds (3 × 1e-141 / 3 ≠ 1e-141): the spread
  // is ~1e-157, not 0, so the column does not get the absolute jitter a constant column gets, and
  // its relative jitter underflows.
  it.fails('entropy of [1e-141, 1e-141, 1e-141] is finite with the default jitter', () => {
    expect(Number.isFinite(knn.entropy([1e-141, 1e-141, 1e-141], { k: 1 }))).toBe(true);
  });
  // BUG: klDivergence sums Math.log(ν_i / ρ_i); when X's neighbour distances are ~1e-160 and
  // Y lies ~1e150 away the ratio overflows and the result is +Infinity, though the estimate,
  // Σ (log ν_i − log ρ_i), is ~713 nats. Expected: finite (take the logarithms separately).
  it.fails('klDivergence of X ~ 1e-160 against Y ~ 1e150 is finite', () => {
    const xs = [0, 1e-10, 2e-10, 3e-10].map((v) => v * 1e-150);
    const ys = [1e150, 2e150, 3e150];
    expect(Number.isFinite(knn.klDivergence(xs, ys, { k: 1 }))).toBe(true);
  });
  it('(for contrast: where the mean is exact the constant column gets an absolute jitter)', () => {
    const x = [3e-141, 3e-141, 3e-141];
    expect(Number.isFinite(knn.entropy(x, { k: 1 }))).toBe(true);
    expectInfoboundError(() => knn.entropy(x, { k: 1, jitter: 0 }), 'DEGENERATE_SAMPLES');
  });
});

describe('fuzz: knn coverage', () => {
  it('drove at least 1000 generated inputs', () => {
    counter.expectEnough();
  });
});
