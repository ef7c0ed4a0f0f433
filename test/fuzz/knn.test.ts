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
 * Scales for the Euclidean estimators (entropy, klDivergence): 1e-150 to 1e150, like KSG and
 * Frenzel–Pompe. Below ~1e-140 the default jitter (1e-10 × the column's spread) used to square to
 * below the doubles' range and tied data threw DEGENERATE_SAMPLES; extreme data now runs rescaled
 * by a power of two (regression tests below).
 */
const euclideanScale = scale;

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
    // X and Y at scales up to 1e200 apart: ν/ρ can pass 1e308 (the logs are then taken apart;
    // regression below). Not 1e300: squared distances from ρ ~ 1e-160 (the jitter of ties at
    // 1e-150) to ν ~ 1e150 span more than the doubles' whole range, 1e-324 to 1e308.
    const arb = fc
      .record({
        n: size,
        m: size,
        d: fc.integer({ min: 1, max: 3 }),
        sx: euclideanScale,
        sy: euclideanScale,
      })
      .filter(({ sx, sy }) => Math.abs(Math.log10(sx / sy)) <= 200)
      .chain(({ n, m, d, sx, sy }) =>
        fc.record({
          x: data({ minN: n, maxN: n, minD: d, maxD: d, scale: fc.constant(sx) }),
          y: data({ minN: m, maxN: m, minD: d, maxD: d, scale: fc.constant(sy) }),
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

describe('fuzz: knn, regressions (bugs the fuzzer found, minimal reproductions)', () => {
  // Fixed: the default jitter is 1e-10 × the column's standard deviation, and neighbour distances
  // are compared squared. For data at scale ≲ 1e-140 the jitter's squared size (≲ 1e-320)
  // underflowed, tied points stayed at distance 0, and the Euclidean estimators threw
  // DEGENERATE_SAMPLES, though docs/API say tied data gives a finite answer with the default
  // jitter (it does at scale 1: −21.73 for this input). Now data whose largest |x| is below 2^-400
  // (or near the top of the range) runs rescaled by a power of two: ĥ(aX) = ĥ(X) + log a.
  const ties = [0, 0, 1, 1, 2, 2];
  it('entropy of tied samples × 1e-150 is finite with the default jitter', () => {
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
  it('entropy of tied samples scales as ĥ(aX) = ĥ(X) + log a, at 2^-500 and 1e-150', () => {
    const h = knn.entropy(ties, { k: 1 });
    expect(h).toBeCloseTo(-21.727914359435438, 12);
    // A power of two scales every distance exactly: equal to rounding (1e-12).
    expect(
      knn.entropy(
        ties.map((v) => v * 2 ** -500),
        { k: 1 },
      ) +
        500 * Math.LN2,
    ).toBeCloseTo(h, 12);
    // 1e-150 is not a power of two: the data round at 1e-16, which moves the 1e-10 jitter's
    // tie-breaking distances by ~1e-6 of themselves.
    expect(
      knn.entropy(
        ties.map((v) => v * 1e-150),
        { k: 1 },
      ) - Math.log(1e-150),
    ).toBeCloseTo(h, 5);
  });
  it('klDivergence of tied samples × 1e-150 is finite with the default jitter', () => {
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
    // Scale-invariant: the same estimate as at scale 1 (−0.1686), to the data's rounding.
    expect(
      knn.klDivergence(
        ties.map((v) => v * 1e-150),
        y,
        { k: 1 },
      ),
    ).toBeCloseTo(knn.klDivergence(ties, [0, 1, 2], { k: 1 }), 6);
  });
  // The same for constant data at 1e-141 whose mean rounds (3 × 1e-141 / 3 ≠ 1e-141): the spread
  // was ~1e-157, not 0, so the column did not get the absolute jitter a constant column gets, and
  // its relative jitter underflowed. (Now rescaled, and a spread within the rounding of the mean,
  // sd ≤ n·ε·max|x|, counts as constant.)
  it('entropy of [1e-141, 1e-141, 1e-141] is finite with the default jitter', () => {
    expect(Number.isFinite(knn.entropy([1e-141, 1e-141, 1e-141], { k: 1 }))).toBe(true);
  });
  // Fixed: klDivergence summed Math.log(ν_i / ρ_i); when X's neighbour distances are ~1e-160 and
  // Y lies ~1e150 away the ratio overflowed and the result was +Infinity, though the estimate,
  // Σ (log ν_i − log ρ_i), is ~713 nats. Now the logarithms are taken apart where the ratio is
  // not a normal number.
  it('klDivergence of X ~ 1e-160 against Y ~ 1e150 is finite', () => {
    const xs = [0, 1e-10, 2e-10, 3e-10].map((v) => v * 1e-150);
    const ys = [1e150, 2e150, 3e150];
    expect(Number.isFinite(knn.klDivergence(xs, ys, { k: 1 }))).toBe(true);
    // (1/4)·Σ log(ν_i/ρ_i) + log(3/3), with ρ_i = 1e-160 and ν_i ≈ 1e150 (the jitter is 1e-10 of
    // X's spread, so it moves ρ_i by ~1e-10 of itself).
    expect(knn.klDivergence(xs, ys, { k: 1 })).toBeCloseTo(713.8, 1);
  });
  // Found by the long run after the fix above: constant X at 5e-138 (its mean rounds, so its
  // spread was ~1e-154 and its jitter ~1e-164) beside Y of size 0.5 is not extreme as a whole,
  // but X's jitter squared to 0: DEGENERATE_SAMPLES. (And X at 2e-174 beside Y at 5e123, which no
  // single scale fits.) A spread within the rounding of the mean now counts as constant and gets
  // the constant column's absolute jitter.
  it('klDivergence of 12 copies of 5e-138 against 15 zeros and 0.5 is finite', () => {
    const x = new Array(12).fill(5e-138);
    const y = [...new Array(15).fill(0), 0.5];
    expect(Number.isFinite(knn.klDivergence(x, y, { k: 1 }))).toBe(true);
    const far = new Array(11).fill(1.9901047203950528e-174);
    const y2 = [...new Array(14).fill(0), -5e123];
    expect(Number.isFinite(knn.klDivergence(far, y2, { k: 1 }))).toBe(true);
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
