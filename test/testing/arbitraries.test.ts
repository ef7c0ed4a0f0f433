/**
 * The generators of `infobound/testing` checked themselves: every value they produce is what its
 * documentation promises (a distribution, a row-stochastic channel, an exact Markov chain), and
 * the near-degenerate cases the property tests rely on (exact zeros, probabilities below 1e-100)
 * really occur. Behaviour tests on fixed seeds, plus fast-check properties over the options.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  channel,
  jointTable,
  logBase,
  markovChain,
  permutation,
  pmf,
  pmfPair,
  pmfPairWithSubnormals,
  pmfTriple,
  pmfWithMap,
  pmfWithSubnormals,
  probabilityTable,
  tableWithSubnormals,
} from '../../src/testing/index.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;
const EPS = Number.EPSILON;

/**
 * How far from 1 a generated pmf (or channel row, or joint table) may sum. `normalise` divides k
 * non-negative weights by their plain sum s (relative error ≤ (k−1)ε), each quotient is rounded
 * once more, and re-summing here adds (k−1)ε: the sum is within ≈ 2kε of 1, ≤ 5.6e-14 for the
 * largest tables below (k = 125). A Markov chain's table multiplies three such pmfs: ≤ 2kε + 3·2·5ε
 * ≈ 6e-14. 1e-12 leaves a margin of over 15.
 */
const SUM_TOL = 1e-12;

function check<Ts>(property: fc.IProperty<Ts>, seed: number): void {
  fc.assert(property, { numRuns: NUM_RUNS, seed });
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Shape of a rectangular nested array; throws if it is ragged. */
function shapeOf(t: unknown): number[] {
  if (!Array.isArray(t)) return [];
  const inner = t.map(shapeOf);
  for (const s of inner) {
    if (s.join() !== (inner[0] as number[]).join())
      throw new Error(`ragged table: ${JSON.stringify(t)}`);
  }
  return [t.length, ...(inner[0] ?? [])];
}

/** Throws (fast-check then shrinks and reports the value) unless `ok`. Cheaper than expect in loops. */
function assert(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

/** Asserts that the flat values are a distribution: finite, in [0, 1], summing to 1. */
function expectDistribution(values: readonly number[]): void {
  for (const v of values) assert(v >= 0 && v <= 1, () => `${v} is not a probability`);
  const s = sum(values);
  assert(Math.abs(s - 1) <= SUM_TOL, () => `sums to ${s}: |sum − 1| > ${SUM_TOL}`);
}

const isTiny = (v: number) => v > 0 && v < 1e-100;

const pmfOptions = fc
  .record({
    minLength: fc.integer({ min: 1, max: 10 }),
    extra: fc.integer({ min: 0, max: 10 }),
    zeros: fc.boolean(),
    extremes: fc.boolean(),
  })
  .map(({ minLength, extra, zeros, extremes }) => ({
    minLength,
    maxLength: minLength + extra,
    zeros,
    extremes,
  }));

describe('pmf', () => {
  it('is a distribution of the requested length, for every combination of options', () => {
    check(
      fc.property(
        pmfOptions.chain((o) => fc.tuple(fc.constant(o), pmf(o))),
        ([o, p]) => {
          assert(p.length >= o.minLength && p.length <= o.maxLength, () => `length ${p.length}`);
          expectDistribution(p);
          if (!o.zeros) {
            // Without zero weights every weight is ≥ 1e-300 and s ≤ 20, so no entry is 0.
            assert(!p.includes(0), () => 'an exact zero with zeros: false');
          }
          if (!o.extremes) {
            // Ordinary weights are in [1e-3, 1], so a non-zero entry is ≥ 1e-3 / k (up to rounding).
            const floor = (1e-3 / p.length) * (1 - 1e-12);
            for (const v of p)
              assert(v === 0 || v >= floor, () => `${v} < ${floor} without extremes`);
          }
        },
      ),
      0xa7b01,
    );
  });

  it('produces exact zeros and probabilities below 1e-100 in a good share of draws', () => {
    // Fixed seed: these are counts of one deterministic sample of 2000 draws (measured: 62% with
    // a zero, 44% with an entry < 1e-100, 31% with both); the bounds guard against a generator
    // change that quietly drops the near-degenerate cases.
    const draws = fc.sample(pmf(), { numRuns: 2000, seed: 42 });
    const withZero = draws.filter((p) => p.includes(0)).length;
    const withTiny = draws.filter((p) => p.some(isTiny)).length;
    const withBoth = draws.filter((p) => p.includes(0) && p.some(isTiny)).length;
    expect(withZero).toBeGreaterThan(200);
    expect(withTiny).toBeGreaterThan(200);
    expect(withBoth).toBeGreaterThan(100);
  });

  it('with zeros and extremes off, produces neither', () => {
    const draws = fc.sample(pmf({ minLength: 2, zeros: false, extremes: false }), {
      numRuns: 2000,
      seed: 43,
    });
    for (const p of draws) {
      expect(p.includes(0)).toBe(false);
      expect(p.some((v) => v < 1e-4)).toBe(false);
    }
  });
});

describe('pmfPair', () => {
  it('gives two distributions over the same number of outcomes', () => {
    check(
      fc.property(
        pmfOptions.chain((o) => fc.tuple(fc.constant(o), pmfPair(o))),
        ([o, [p, q]]) => {
          assert(q.length === p.length, () => `lengths ${p.length} and ${q.length}`);
          assert(p.length >= o.minLength && p.length <= o.maxLength, () => `length ${p.length}`);
          expectDistribution(p);
          expectDistribution(q);
        },
      ),
      0xa7b02,
    );
  });
});

describe('probabilityTable', () => {
  it('has the requested shape and is a distribution', () => {
    const shapes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 });
    check(
      fc.property(
        shapes.chain((shape) => fc.tuple(fc.constant(shape), probabilityTable(shape))),
        ([shape, t]) => {
          expect(shapeOf(t)).toEqual(shape);
          expectDistribution((t as number[]).flat(shape.length) as number[]);
        },
      ),
      0xa7b03,
    );
  });
});

describe('jointTable', () => {
  it('has `dims` sides of 1..maxStates states and is a distribution', () => {
    const options = fc.record({
      maxStates: fc.integer({ min: 1, max: 5 }),
      dims: fc.integer({ min: 1, max: 3 }),
    });
    check(
      fc.property(
        options.chain((o) => fc.tuple(fc.constant(o), jointTable(o))),
        ([o, t]) => {
          const shape = shapeOf(t);
          expect(shape.length).toBe(o.dims);
          for (const s of shape) {
            expect(s).toBeGreaterThanOrEqual(1);
            expect(s).toBeLessThanOrEqual(o.maxStates);
          }
          expectDistribution(t.flat(o.dims) as number[]);
        },
      ),
      0xa7b04,
    );
  });
});

describe('channel', () => {
  it('is an inputs × outputs row-stochastic matrix', () => {
    const sizes = fc.record({
      inputs: fc.integer({ min: 1, max: 6 }),
      outputs: fc.integer({ min: 1, max: 6 }),
    });
    check(
      fc.property(
        sizes.chain((o) => fc.tuple(fc.constant(o), channel(o))),
        ([o, w]) => {
          expect(shapeOf(w)).toEqual([o.inputs, o.outputs]);
          for (const row of w) expectDistribution(row);
        },
      ),
      0xa7b05,
    );
  });
});

describe('markovChain', () => {
  it('is consistent: px a pmf, both channels row-stochastic, pxyz their product and a distribution', () => {
    const options = fc.record({ maxStates: fc.integer({ min: 1, max: 5 }) });
    check(
      fc.property(
        options.chain((o) => fc.tuple(fc.constant(o), markovChain(o))),
        ([o, { px, pyGivenX, pzGivenY, pxyz }]) => {
          const nx = px.length;
          const ny = (pyGivenX[0] as number[]).length;
          const nz = (pzGivenY[0] as number[]).length;
          for (const n of [nx, ny, nz]) expect(n).toBeLessThanOrEqual(o.maxStates);
          expectDistribution(px);
          expect(shapeOf(pyGivenX)).toEqual([nx, ny]);
          expect(shapeOf(pzGivenY)).toEqual([ny, nz]);
          for (const row of pyGivenX) expectDistribution(row);
          for (const row of pzGivenY) expectDistribution(row);
          expect(shapeOf(pxyz)).toEqual([nx, ny, nz]);
          for (let x = 0; x < nx; x++) {
            for (let y = 0; y < ny; y++) {
              for (let z = 0; z < nz; z++) {
                // Two roundings of a product of three numbers: relative 2ε, or, once the product
                // is subnormal, an absolute ≤ 2^-1074 per rounding.
                const product = px[x] * pyGivenX[x][y] * pzGivenY[y][z];
                const cell = pxyz[x][y][z];
                assert(
                  Math.abs(cell - product) <= 4 * EPS * product + 2 * Number.MIN_VALUE,
                  () => `pxyz[${x}][${y}][${z}] = ${cell} but the product is ${product}`,
                );
              }
            }
          }
          expectDistribution(pxyz.flat(2));
          // Its X-marginal is px again (each row of the channels sums to 1 within ≤ 10ε).
          pxyz.forEach((plane, x) => {
            const mass = sum(plane.flat());
            assert(
              Math.abs(mass - px[x]) <= SUM_TOL,
              () => `Σ_yz p(${x},y,z) = ${mass} ≠ ${px[x]}`,
            );
          });
        },
      ),
      0xa7b06,
    );
  });

  it('produces zeros and cells below 1e-100 in a good share of draws', () => {
    // Fixed seed, deterministic counts (measured: 88% with a zero cell, 62% below 1e-100, 2.6%
    // with a subnormal cell, < 2.2e-308).
    const draws = fc.sample(markovChain(), { numRuns: 2000, seed: 42 }).map((c) => c.pxyz.flat(2));
    expect(draws.filter((p) => p.includes(0)).length).toBeGreaterThan(200);
    expect(draws.filter((p) => p.some(isTiny)).length).toBeGreaterThan(200);
  });
});

describe('pmfTriple', () => {
  it('gives three distributions over the same number of outcomes', () => {
    check(
      fc.property(
        pmfOptions.chain((o) => fc.tuple(fc.constant(o), pmfTriple(o))),
        ([o, [p, q, r]]) => {
          assert(q.length === p.length && r.length === p.length, () => 'lengths differ');
          assert(p.length >= o.minLength && p.length <= o.maxLength, () => `length ${p.length}`);
          for (const d of [p, q, r]) expectDistribution(d);
        },
      ),
      0xa7b07,
    );
  });
});

describe('permutation', () => {
  it('is a permutation of 0..n−1, and every one of the n! occurs for n = 3', () => {
    check(
      fc.property(
        fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(fc.constant(n), permutation(n))),
        ([n, perm]) => {
          expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
        },
      ),
      0xa7b08,
    );
    const seen = new Set(
      fc.sample(permutation(3), { numRuns: 500, seed: 44 }).map((p) => p.join()),
    );
    expect(seen.size).toBe(6);
  });
});

describe('pmfWithMap', () => {
  it('gives a distribution and a map of its outcomes into themselves', () => {
    check(
      fc.property(pmfWithMap({ maxLength: 6 }), ({ p, f }) => {
        expectDistribution(p);
        assert(p.length <= 6, () => `length ${p.length}`);
        assert(
          f.length === p.length && f.every((j) => Number.isInteger(j) && j >= 0 && j < p.length),
          () => `f = ${f}`,
        );
      }),
      0xa7b09,
    );
  });
});

describe('pmfWithSubnormals / pmfPairWithSubnormals / tableWithSubnormals', () => {
  const isSubnormal = (v: number) => v > 0 && v < 2.2250738585072014e-308;

  it('are distributions (the subnormal cells do not change the sum), of the requested sizes', () => {
    check(
      fc.property(
        pmfWithSubnormals(1, 6),
        pmfPairWithSubnormals(5),
        fc
          .integer({ min: 1, max: 3 })
          .chain((d) => fc.tuple(fc.constant(d), tableWithSubnormals(d, 3))),
        (p, [q, r], [dims, t]) => {
          assert(p.length >= 1 && p.length <= 6, () => `length ${p.length}`);
          expectDistribution(p);
          assert(q.length === r.length && q.length <= 5, () => 'pair lengths');
          expectDistribution(q);
          expectDistribution(r);
          const shape = shapeOf(t);
          assert(shape.length === dims && shape.every((s) => s >= 1 && s <= 3), () => `${shape}`);
          expectDistribution((t as number[]).flat(dims) as number[]);
        },
      ),
      0xa7b0a,
    );
  });

  it('produce subnormal entries, Number.MIN_VALUE among them, in a good share of draws', () => {
    // Fixed seed: deterministic counts of 2000 draws.
    const draws = fc.sample(pmfWithSubnormals(), { numRuns: 2000, seed: 45 });
    expect(draws.filter((p) => p.some(isSubnormal)).length).toBeGreaterThan(500);
    expect(draws.filter((p) => p.includes(Number.MIN_VALUE)).length).toBeGreaterThan(100);
  });
});

describe('logBase', () => {
  it('gives bits, nats, 10, e, bases above 1 and bases in (0, 1)', () => {
    const draws = fc.sample(logBase(), { numRuns: 1000, seed: 46 });
    for (const b of draws) {
      expect(b === 'bits' || b === 'nats' || (typeof b === 'number' && b > 0 && b !== 1)).toBe(
        true,
      );
    }
    for (const b of ['bits', 'nats', 10, Math.E] as const) expect(draws).toContain(b);
    expect(draws.some((b) => typeof b === 'number' && b < 1)).toBe(true);
    expect(draws.some((b) => typeof b === 'number' && b > 10)).toBe(true);
  });
});
