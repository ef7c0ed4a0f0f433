import * as fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { InfoboundError } from '../../src/core/errors.js';
import { knn } from '../../src/index.js';
import { expectClose, expectInfoboundError, readFixture } from '../helpers.js';

const { conditionalMutualInformation: cmi, mutualInformation } = knn;
const SEARCHES = ['kd-tree', 'brute'] as const;
type Options = NonNullable<Parameters<typeof cmi>[3]>;

// ---------------------------------------------------------------------------------------------
// test/fixtures/knn/knn.json (see generate.py beside it)
// ---------------------------------------------------------------------------------------------

interface SampleSet {
  n: number;
  d: number;
  values: number[];
}
interface CmiCase {
  name: string;
  X: string;
  Y: string;
  Z: string;
  k: number;
  expected: number;
  /** Smallest gap (in column standard deviations) a jitter would have to cross to change a count. */
  margin: number;
}
const fixture = readFixture('knn/knn.json') as {
  samples: Record<string, SampleSet>;
  conditionalMutualInformation: CmiCase[];
};

/** A fixture sample set as rows. */
function rows(name: string): number[][] {
  const s = fixture.samples[name];
  if (s === undefined) throw new Error(`no samples ${name} in knn.json`);
  return Array.from({ length: s.n }, (_, i) => s.values.slice(i * s.d, (i + 1) * s.d));
}

const scaleRows = (x: number[][], a: number) => x.map((r) => r.map((v) => a * v));
const xyz = (base: string) => [rows(`${base}-x`), rows(`${base}-y`), rows(`${base}-z`)] as const;

/** Discrete, heavily tied: z ∈ {0..3}, x = z + {0, 1}, y = z + {0, 1, 2}. */
const zInt = Array.from({ length: 240 }, (_, i) => i % 4);
const xInt = zInt.map((v, i) => v + (i % 2));
const yInt = zInt.map((v, i) => v + ((i * 5) % 3));

describe('reference: SciPy cKDTree (test/fixtures/knn/generate.py)', () => {
  // Formula-exact: the counts are integers both sides compute from the same doubles; the sums
  // differ in order and digamma in its last bits: 1e-9 relative (STYLE.md), with an absolute
  // floor of 1e-14 (a few ulps of the O(10) digamma terms) for estimates near 0.
  for (const c of fixture.conditionalMutualInformation) {
    it(c.name, () => {
      const [x, y, z] = [rows(c.X), rows(c.Y), rows(c.Z)];
      const [tree, brute] = SEARCHES.map((search) => cmi(x, y, z, { k: c.k, jitter: 0, search }));
      expect(tree).toBe(brute);
      expectClose(tree as number, c.expected, 1e-9, 1e-14);
    });
  }
});

describe('behaviour', () => {
  const [X, Y, Z] = xyz('cmi-dep212-n300');

  it("base 'bits' divides the nats value by ln 2", () => {
    expect(cmi(X, Y, Z, { base: 'bits' })).toBe(cmi(X, Y, Z) / Math.LN2);
  });

  it('accepts number[][], a Matrix, Float64Array rows, and 1-D arrays as one column', () => {
    const v = cmi(X, Y, Z);
    expect(cmi(new Matrix(X), new Matrix(Y), new Matrix(Z))).toBe(v);
    expect(
      cmi(
        X,
        Y.map((r) => r[0] as number),
        Z.map((r) => Float64Array.from(r)),
      ),
    ).toBe(v);
    expect(
      cmi(
        X,
        Float64Array.from(Y, (r) => r[0] as number),
        Z,
      ),
    ).toBe(v);
  });

  it('with a constant Z and jitter 0 it is KSG-1 mutual information (up to summation order)', () => {
    // Every z-distance is 0 < ε_i, so n_z = n − 1 and ψ(n_z + 1) = ψ(n); the (x, z) and (y, z)
    // counts are the x and y counts. The two sums group the same digammas differently: a few ulps.
    const [x, y] = xyz('cmi-dep111-n300');
    const z = new Array(300).fill(2.5);
    for (const k of [1, 4]) {
      const mi = mutualInformation(x, y, { k, jitter: 0 });
      expectClose(cmi(x, y, z, { k, jitter: 0 }), mi, 0, 1e-13);
    }
  });

  describe('jitter', () => {
    it('the default jitter makes discrete-valued X, Y, Z finite', () => {
      for (const k of [1, 3, 10]) {
        const v = cmi(xInt, yInt, zInt, { k });
        expect(Number.isFinite(v), `k ${k}: ${v}`).toBe(true);
      }
    });

    it('with jitter 0, duplicate (x, y, z) points throw DEGENERATE_SAMPLES', () => {
      expectInfoboundError(() => cmi(xInt, yInt, zInt, { jitter: 0 }), 'DEGENERATE_SAMPLES');
    });

    it('is reproducible bit for bit for a seed; the seed changes the draws', () => {
      const a = cmi(xInt, yInt, zInt, { seed: 5 });
      expect(cmi(xInt, yInt, zInt, { seed: 5 })).toBe(a);
      expect(cmi(xInt, yInt, zInt, { seed: 6 })).not.toBe(a);
    });

    it('on tie-free continuous data changes no count: identical to jitter 0', () => {
      // As for MI: the jitter moves distances by under 1.2e-9 sd, every case's count boundaries
      // are more than 1e-8 sd away (generate.py's `margin`), and the estimate is a function of
      // the counts.
      const cases = fixture.conditionalMutualInformation.filter((c) => c.margin > 1e-8);
      expect(cases.length).toBe(fixture.conditionalMutualInformation.length);
      for (const c of cases) {
        const [x, y, z] = [rows(c.X), rows(c.Y), rows(c.Z)];
        expect(cmi(x, y, z, { k: c.k }), c.name).toBe(cmi(x, y, z, { k: c.k, jitter: 0 }));
      }
    });
  });

  it('standardize makes it invariant to rescaling any variable', () => {
    for (const jitter of [0, undefined]) {
      const opts: Options = { standardize: true, k: 3 };
      if (jitter !== undefined) opts.jitter = jitter;
      const base = cmi(X, Y, Z, opts);
      for (const a of [2, 1.7, 1e3, 1e-3]) {
        expect(cmi(scaleRows(X, a), Y, Z, opts)).toBe(base);
        expect(cmi(X, scaleRows(Y, a), Z, opts)).toBe(base);
        expect(cmi(X, Y, scaleRows(Z, a), opts)).toBe(base);
      }
    }
  });

  it('without standardize, rescaling one variable changes it (max-norm, as for KSG)', () => {
    const base = cmi(X, Y, Z, { jitter: 0 });
    expect(cmi(scaleRows(X, 2), Y, Z, { jitter: 0 })).not.toBe(base);
    expect(cmi(X, Y, scaleRows(Z, 1.7), { jitter: 0 })).not.toBe(base);
    // Scaling all three by one factor preserves every comparison.
    expect(cmi(scaleRows(X, 2), scaleRows(Y, 2), scaleRows(Z, 2), { jitter: 0 })).toBe(base);
  });

  it('is invariant to permuting the samples jointly (jitter 0) and symmetric in X, Y', () => {
    // jitter: 0 because the jitter is drawn row by row (a permutation hands each point another
    // draw); without it only the order of the compensated digamma sum changes: a few ulps.
    const [x, y, z] = xyz('cmi-chain111-n2000');
    const perm = Array.from({ length: 2000 }, (_, i) => (i * 1237 + 11) % 2000);
    expect(new Set(perm).size).toBe(2000);
    const p = (m: number[][]) => perm.map((i) => m[i] as number[]);
    const v = cmi(x, y, z, { jitter: 0 });
    expectClose(cmi(p(x), p(y), p(z), { jitter: 0 }), v, 0, 1e-13);
    expectClose(cmi(y, x, z, { jitter: 0 }), v, 0, 1e-13);
  });
});

describe('errors', () => {
  const [x, y, z] = xyz('cmi-chain111-n50');
  const call = (o: object) => () => cmi(x, y, z, o as Options);

  it('k ≥ n: TOO_FEW_SAMPLES', () => {
    expectInfoboundError(call({ k: 50 }), 'TOO_FEW_SAMPLES', 'k is 50');
    expect(Number.isFinite(cmi(x, y, z, { k: 49 }))).toBe(true);
  });

  it('k not an integer ≥ 1: INVALID_OPTION', () => {
    for (const k of [0, 1.5, -1]) expectInfoboundError(call({ k }), 'INVALID_OPTION', 'k is');
  });

  it('X, Y, Z with different numbers of rows: SHAPE_MISMATCH', () => {
    expectInfoboundError(() => cmi(x, y.slice(1), z), 'SHAPE_MISMATCH', 'Y has 49');
    expectInfoboundError(() => cmi(x, y, z.slice(2)), 'SHAPE_MISMATCH', 'Z has 48');
  });

  it('NaN in Z: NON_FINITE, naming the entry', () => {
    const bad = z.map((r) => [...r]);
    (bad[9] as number[])[0] = Number.NaN;
    expectInfoboundError(() => cmi(x, y, bad), 'NON_FINITE', 'Z[9][0]');
  });

  it('unknown search, negative jitter, non-boolean standardize: INVALID_OPTION', () => {
    expectInfoboundError(call({ search: 'ball-tree' }), 'INVALID_OPTION', 'search');
    expectInfoboundError(call({ jitter: -0.5 }), 'INVALID_OPTION', 'jitter');
    expectInfoboundError(call({ standardize: 1 }), 'INVALID_OPTION', 'standardize');
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. src/testing has no sample-set arbitraries yet, so these are built here.
// ---------------------------------------------------------------------------------------------

/** Ties and fast-check's edge values: small integers mixed with any double in [−100, 100]. */
const coordinate = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -100, max: 100, noNaN: true }),
);

const triples = fc.integer({ min: 2, max: 50 }).chain((n) => {
  const matrix = (d: number) =>
    fc.array(fc.array(coordinate, { minLength: d, maxLength: d }), { minLength: n, maxLength: n });
  return fc.record({
    x: fc.integer({ min: 1, max: 2 }).chain(matrix),
    y: matrix(1),
    z: fc.integer({ min: 1, max: 2 }).chain(matrix),
    perm: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    k: fc.integer({ min: 1, max: Math.min(5, n - 1) }),
  });
});

function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    if (e instanceof InfoboundError) return e.code;
    throw e;
  }
}

describe('properties', () => {
  it('joint permutation invariance (jitter 0), ties and duplicates included', () => {
    // Only ε_i and strict counts enter, and both are functions of the set of points.
    fc.assert(
      fc.property(triples, ({ x, y, z, perm, k }) => {
        const p = (m: number[][]) => perm.map((i) => m[i] as number[]);
        const a = outcome(() => cmi(x, y, z, { k, jitter: 0 }));
        const b = outcome(() => cmi(p(x), p(y), p(z), { k, jitter: 0 }));
        // Digamma terms below 10 for n ≤ 50: reordering their compensated sum costs a few ulps.
        return typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-13 : a === b;
      }),
      { seed: 20240618, numRuns: 100 },
    );
  });

  it("search 'kd-tree' and 'brute' give identical results (or the same error)", () => {
    fc.assert(
      fc.property(triples, ({ x, y, z, k }) =>
        [{ jitter: 0 }, {}, { standardize: true }].every((o) =>
          Object.is(
            outcome(() => cmi(x, y, z, { ...o, k, search: 'kd-tree' })),
            outcome(() => cmi(x, y, z, { ...o, k, search: 'brute' })),
          ),
        ),
      ),
      { seed: 20240619, numRuns: 100 },
    );
  });
});
