/**
 * Property tests: the classical facts of information theory that the paper's proofs lean on
 * (paper/THEORY.md, "Classical facts": non-negativity of KL and MI, Gibbs, Pinsker, data
 * processing, H(f(X)) ≤ H(X), the chain rules, the TV triangle inequality), each stated as a
 * theorem and attacked with fast-check on the exact discrete functions.
 *
 * The library clamps KL, MI, CMI, JS and TV into their true ranges, so "MI ≥ 0" alone cannot
 * fail. Each such bound is therefore paired with an identity computed by an independent code path
 * (entropies of marginals, cross-entropy minus entropy, ...), which a wrong sign or a wrong term
 * would break whatever the clamp does.
 *
 * Generators come from `src/testing` (what users import: pmf, pmfPair, pmfTriple, jointTable,
 * markovChain, permutation, pmfWithMap, labelTriples, logBase, and pmfWithSubnormals with the
 * pairs and tables built from it), near-degenerate pmfs (entries down to 1e-300) and subnormal
 * ones (below 2.2e-308) included on purpose.
 *
 * The "subnormal" block found the overflow bugs of KL, MI, CMI and JS at denominators below
 * 2.2e-308 (NaN, a spurious Infinity, log 2 for JS ≈ 0); they are fixed (CHANGELOG), and the
 * block stays as their regression test.
 *
 * Runs: NUM_RUNS (1000) per property, 20000 with INFOBOUND_LONG set; each property has a fixed
 * seed, so a CI failure reproduces locally.
 */
import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { type Base, convertUnits } from '../../src/core/units.js';
import {
  conditionalEntropy,
  conditionalMutualInformation,
  conditionalMutualInformationFromSamples,
  crossEntropy,
  entropy,
  entropyFromSamples,
  jointEntropy,
  jsDivergence,
  klDivergence,
  mutualInformation,
  mutualInformationFromSamples,
  normalizedMutualInformation,
  tvDistance,
} from '../../src/discrete/index.js';
import {
  logBase as base,
  jointTable,
  labelTriples,
  markovChain,
  permutation,
  pmf,
  pmfPair,
  pmfPairWithSubnormals,
  pmfTriple,
  pmfWithMap,
  tableWithSubnormals,
} from '../../src/testing/index.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;

/** Unit roundoff of binary64 arithmetic, ε = 2^-52. */
const EPS = Number.EPSILON;

/**
 * Absolute tolerance for identities between O(1) information quantities (nats) of tables of at
 * most 125 cells (the largest tables tested: 5×5×5). Where it comes from:
 * - every quantity is a compensated (Neumaier) sum of terms p·log r, r a quotient of a cell and
 *   at most three marginals; a marginal is a plain sum of at most 25 non-negative cells, so its
 *   relative error is ≤ 24ε, r's is ≤ (3·24 + 4)ε = 76ε (plus 2ε for the renormalisation by
 *   the table's sum), and log r is then off by ≤ 78ε absolute; weighted by p (Σp = 1), ≤ 78ε;
 * - each product p·log r and the compensated sum add ≤ 3ε·Σ|p log r| ≤ 3ε·(4·log 125) ≈ 58ε
 *   (Σ|p log r| is at most a sum of four entropies, each ≤ log 125);
 * - so one quantity is off by ≤ ~140ε ≈ 3e-14, an identity between four of them by ≤ 1.3e-13.
 * 1e-12 leaves a margin of 8 over that worst case (the typical error is ~1e-15).
 */
const TOL = 1e-12;

/**
 * Tolerance for quantities that can be large (cross-entropy and KL reach ~700 nats when
 * q(x) ≈ 1e-300): the error bound above is proportional to 1 + Σ|terms|, so the tolerance is
 * TOL·max(1, magnitude), with magnitude the largest |value| involved.
 */
function tolFor(...magnitudes: number[]): number {
  let m = 1;
  for (const v of magnitudes) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return TOL * m;
}

function check<Ts>(property: fc.IProperty<Ts>, seed: number): void {
  fc.assert(property, { numRuns: NUM_RUNS, seed });
}

// --- assertions that say what failed (fast-check prints the shrunk counterexample with them) ---

function fail(message: string): never {
  throw new Error(message);
}

function assertClose(actual: number, expected: number, tol: number, what: string): void {
  if (actual === expected) return; // also equal infinities
  const diff = Math.abs(actual - expected);
  if (!(diff <= tol)) {
    fail(`${what}: got ${actual}, expected ${expected} (|diff| = ${diff} > tol = ${tol})`);
  }
}

function assertLeq(lhs: number, rhs: number, tol: number, what: string): void {
  if (!(lhs <= rhs + tol)) fail(`${what}: ${lhs} > ${rhs} + ${tol} (excess ${lhs - rhs})`);
}

function assertInRange(v: number, lo: number, hi: number, what: string): void {
  if (!(v >= lo && v <= hi)) fail(`${what}: ${v} is outside [${lo}, ${hi}]`);
}

// --- table helpers: an independent code path (plain loops over nested arrays) ---

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** p(x) of a table pxy[x][y]. */
function rowMarginal(pxy: number[][]): number[] {
  return pxy.map(sum);
}

/** p(y) of a table pxy[x][y]. */
function colMarginal(pxy: number[][]): number[] {
  const out = new Array<number>(pxy[0].length).fill(0);
  for (const row of pxy) for (let y = 0; y < row.length; y++) out[y] += row[y];
  return out;
}

function transpose(pxy: number[][]): number[][] {
  return pxy[0].map((_, y) => pxy.map((row) => row[y]));
}

/** p(x, y) = Σ_z p(x, y, z). */
function marginalXY(pxyz: number[][][]): number[][] {
  return pxyz.map((plane) => plane.map(sum));
}

/** p(x, z) = Σ_y p(x, y, z). */
function marginalXZ(pxyz: number[][][]): number[][] {
  return pxyz.map(colMarginal);
}

/** p(y, z) = Σ_x p(x, y, z). */
function marginalYZ(pxyz: number[][][]): number[][] {
  return pxyz[0].map((row, y) => row.map((_, z) => sum(pxyz.map((plane) => plane[y][z]))));
}

/** The table of (X, (Y, Z)): rows x, columns the pairs (y, z) in row-major order. */
function xByYZ(pxyz: number[][][]): number[][] {
  return pxyz.map((plane) => plane.flat());
}

/** Reorders the axes of a 3-D table: out[i0][i1][i2] = t[...] with axis k of out = axis order[k] of t. */
function permuteAxes(t: number[][][], order: readonly [number, number, number]): number[][][] {
  const shape = [t.length, t[0].length, t[0][0].length];
  const [a, b, c] = order;
  const out: number[][][] = [];
  const idx = [0, 0, 0];
  for (let i = 0; i < shape[a]; i++) {
    const plane: number[][] = [];
    for (let j = 0; j < shape[b]; j++) {
      const row: number[] = [];
      for (let k = 0; k < shape[c]; k++) {
        idx[a] = i;
        idx[b] = j;
        idx[c] = k;
        row.push(t[idx[0]][idx[1]][idx[2]]);
      }
      plane.push(row);
    }
    out.push(plane);
  }
  return out;
}

/** Applies a permutation of outcomes: out[i] = v[perm[i]]. */
function permute<T>(v: readonly T[], perm: readonly number[]): T[] {
  return perm.map((i) => v[i] as T);
}

/** Distribution of f(X): q[j] = Σ_{x: f(x) = j} p[x]. */
function pushforward(p: readonly number[], f: readonly number[]): number[] {
  const q = new Array<number>(p.length).fill(0);
  for (let x = 0; x < p.length; x++) q[f[x]] += p[x];
  return q;
}

/** Empirical pmf counts/N of labels coded 0..k−1. */
function empiricalPmf(codes: readonly number[], k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const v of codes) c[v]++;
  return c.map((v) => v / codes.length);
}

/** Empirical joint table of paired codes. */
function empiricalTable2(x: readonly number[], y: readonly number[], kx: number, ky: number) {
  const t = Array.from({ length: kx }, () => new Array<number>(ky).fill(0));
  for (let i = 0; i < x.length; i++) t[x[i]][y[i]] += 1 / x.length;
  return t;
}

function empiricalTable3(
  x: readonly number[],
  y: readonly number[],
  z: readonly number[],
  k: number,
): number[][][] {
  const t = Array.from({ length: k }, () =>
    Array.from({ length: k }, () => new Array<number>(k).fill(0)),
  );
  for (let i = 0; i < x.length; i++) t[x[i]][y[i]][z[i]] += 1 / x.length;
  return t;
}

// --- generators: all from src/testing; these two fix the sizes used here ---

/** 2-D joint tables p[x][y], each side 1..5 (≤ 25 cells). */
const table2 = (): fc.Arbitrary<number[][]> => jointTable({ maxStates: 5, dims: 2 });

/** 3-D joint tables p[x][y][z], each side 1..5 (≤ 125 cells). */
const table3 = (): fc.Arbitrary<number[][][]> =>
  jointTable({ maxStates: 5, dims: 3 }) as unknown as fc.Arbitrary<number[][][]>;

/** Labels of labelTriples() are coded 0..LABEL_STATES−1 (its default `states`). */
const LABEL_STATES = 5;

// -------------------------------------------------------------------------------------------------

describe('KL divergence and Gibbs inequality', () => {
  it('KL(p ‖ q) ≥ 0, and is +Infinity exactly when q(x) = 0 < p(x) for some x', () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        const kl = klDivergence(p, q);
        if (!(kl >= 0)) fail(`KL = ${kl}`);
        const singular = p.some((pi, i) => pi > 0 && q[i] === 0);
        if (singular !== (kl === Number.POSITIVE_INFINITY)) {
          fail(`KL = ${kl} but p ≪ q is ${!singular}`);
        }
      }),
      0x1b01,
    );
  });

  it("Gibbs' inequality: H(p, q) ≥ H(p) (the unclamped form of KL ≥ 0)", () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        const hpq = crossEntropy(p, q);
        const hp = entropy(p);
        assertLeq(hp, hpq, tolFor(hpq, hp), 'H(p) ≤ H(p, q)');
      }),
      0x1b02,
    );
  });

  it('KL(p ‖ q) = H(p, q) − H(p), both infinite together', () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        const kl = klDivergence(p, q);
        const hpq = crossEntropy(p, q);
        const hp = entropy(p);
        if (!Number.isFinite(kl) || !Number.isFinite(hpq)) {
          if (kl !== hpq) fail(`KL = ${kl} but H(p, q) = ${hpq}`);
          return;
        }
        // Cross-entropy's terms −p log q are all ≥ 0, so its error is ∝ its value: tolFor.
        assertClose(kl, hpq - hp, tolFor(hpq, kl), 'KL = H(p,q) − H(p)');
      }),
      0x1b03,
    );
  });
});

describe('entropy bounds and chain rule', () => {
  it('0 ≤ H(X) ≤ log |X|', () => {
    check(
      fc.property(pmf({ maxLength: 12 }), (p) => {
        const h = entropy(p);
        assertInRange(h, 0, Number.POSITIVE_INFINITY, 'H(X)');
        assertLeq(h, Math.log(p.length), TOL, 'H(X) ≤ log|X|');
      }),
      0x2e01,
    );
  });

  it('chain rule H(X, Y) = H(Y) + H(X | Y), and 0 ≤ H(X | Y) ≤ H(X)', () => {
    check(
      fc.property(table2(), (pxy) => {
        const hxy = jointEntropy(pxy);
        const hy = entropy(colMarginal(pxy));
        const hx = entropy(rowMarginal(pxy));
        const hxGy = conditionalEntropy(pxy);
        assertClose(hxy, hy + hxGy, TOL, 'H(X,Y) = H(Y) + H(X|Y)');
        assertInRange(hxGy, 0, Number.POSITIVE_INFINITY, 'H(X|Y)');
        assertLeq(hxGy, hx, TOL, 'H(X|Y) ≤ H(X)');
      }),
      0x2e02,
    );
  });

  it('H(f(X)) ≤ H(X) for any function f (eq. 20), with H(X) − H(f(X)) = H(X | f(X))', () => {
    check(
      fc.property(pmfWithMap(), ({ p, f }) => {
        const hx = entropy(p);
        const q = pushforward(p, f);
        const hfx = entropy(q);
        assertLeq(hfx, hx, TOL, 'H(f(X)) ≤ H(X)');
        // Joint of (X, f(X)): all mass of row x in column f(x). H(X, f(X)) = H(X).
        const joint = p.map((px, x) => q.map((_, j) => (j === f[x] ? px : 0)));
        assertClose(hx - hfx, conditionalEntropy(joint), TOL, 'H(X) − H(f(X)) = H(X|f(X))');
      }),
      0x2e03,
    );
  });
});

describe('mutual information', () => {
  it('I(X; Y) ≥ 0 and I(X; Y) = H(X) + H(Y) − H(X, Y) (entropies of marginals)', () => {
    check(
      fc.property(table2(), (pxy) => {
        const mi = mutualInformation(pxy);
        assertInRange(mi, 0, Number.POSITIVE_INFINITY, 'I(X;Y)');
        const viaEntropies =
          entropy(rowMarginal(pxy)) + entropy(colMarginal(pxy)) - entropy(pxy.flat());
        assertClose(mi, viaEntropies, TOL, 'I(X;Y) = H(X) + H(Y) − H(X,Y)');
      }),
      0x3101,
    );
  });

  it('I(X; Y) ≤ min(H(X), H(Y))', () => {
    check(
      fc.property(table2(), (pxy) => {
        const mi = mutualInformation(pxy);
        const bound = Math.min(entropy(rowMarginal(pxy)), entropy(colMarginal(pxy)));
        assertLeq(mi, bound, TOL, 'I(X;Y) ≤ min(H(X), H(Y))');
      }),
      0x3102,
    );
  });

  it('symmetry: I(X; Y) = I(Y; X) (transposed table)', () => {
    check(
      fc.property(table2(), (pxy) => {
        assertClose(mutualInformation(pxy), mutualInformation(transpose(pxy)), TOL, 'I(X;Y)');
      }),
      0x3103,
    );
  });
});

describe('conditional mutual information', () => {
  it('I(X; Y | Z) ≥ 0 and = H(X, Z) + H(Y, Z) − H(X, Y, Z) − H(Z)', () => {
    check(
      fc.property(table3(), (pxyz) => {
        const cmi = conditionalMutualInformation(pxyz);
        assertInRange(cmi, 0, Number.POSITIVE_INFINITY, 'I(X;Y|Z)');
        const pyz = marginalYZ(pxyz);
        const viaEntropies =
          entropy(marginalXZ(pxyz).flat()) +
          entropy(pyz.flat()) -
          entropy(pxyz.flat(2)) -
          entropy(colMarginal(pyz));
        assertClose(cmi, viaEntropies, TOL, 'I(X;Y|Z) via entropies');
      }),
      0x3201,
    );
  });

  it('chain rule I(X; Y, Z) = I(X; Z) + I(X; Y | Z)', () => {
    check(
      fc.property(table3(), (pxyz) => {
        const lhs = mutualInformation(xByYZ(pxyz));
        const rhs = mutualInformation(marginalXZ(pxyz)) + conditionalMutualInformation(pxyz);
        assertClose(lhs, rhs, TOL, 'I(X;YZ) = I(X;Z) + I(X;Y|Z)');
      }),
      0x3202,
    );
  });
});

describe('data processing on Markov chains X → Y → Z (eqs 18, 31)', () => {
  const chains = markovChain({ maxStates: 5 });

  it('I(X; Z) ≤ I(X; Y) and I(X; Z) ≤ I(Y; Z)', () => {
    check(
      fc.property(chains, ({ pxyz }) => {
        const ixz = mutualInformation(marginalXZ(pxyz));
        const ixy = mutualInformation(marginalXY(pxyz));
        const iyz = mutualInformation(marginalYZ(pxyz));
        assertLeq(ixz, ixy, TOL, 'I(X;Z) ≤ I(X;Y)');
        assertLeq(ixz, iyz, TOL, 'I(X;Z) ≤ I(Y;Z)');
      }),
      0x4d01,
    );
  });

  it('I(X; Z | Y) = 0', () => {
    check(
      fc.property(chains, ({ pxyz }) => {
        // conditionalMutualInformation conditions on the last axis: reorder to [x][z][y].
        const cmi = conditionalMutualInformation(permuteAxes(pxyz, [0, 2, 1]));
        assertClose(cmi, 0, TOL, 'I(X;Z|Y)');
      }),
      0x4d02,
    );
  });
});

describe('total variation', () => {
  it('TV ∈ [0, 1] and TV = Σ_x max(p(x) − q(x), 0) (= sup_A |p(A) − q(A)|)', () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        const tv = tvDistance(p, q);
        assertInRange(tv, 0, 1, 'TV');
        // Each of ≤ 8 differences is exact or rounded once; the sums add ≤ 8ε: 1e-12 is ample.
        const excess = sum(p.map((pi, i) => Math.max(pi - q[i], 0)));
        assertClose(tv, excess, TOL, 'TV = Σ (p − q)⁺');
      }),
      0x5401,
    );
  });

  it('triangle inequality TV(p, r) ≤ TV(p, q) + TV(q, r)', () => {
    check(
      fc.property(pmfTriple(), ([p, q, r]) => {
        assertLeq(
          tvDistance(p, r),
          tvDistance(p, q) + tvDistance(q, r),
          TOL,
          'TV(p,r) ≤ TV(p,q) + TV(q,r)',
        );
      }),
      0x5402,
    );
  });

  it("Pinsker's inequality TV(p, q) ≤ sqrt(KL(p ‖ q) / 2)", () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        const tv = tvDistance(p, q);
        const kl = klDivergence(p, q);
        // sqrt is not Lipschitz at 0, so the rounding error δ of KL must go inside it. Each of
        // ≤ 8 terms p·log(p/q) is off by ≤ p·ε·(3 + 2|log(p/q)|), and Σ p|log(p/q)| ≤ KL + 2·TV
        // (log(q/p) ≤ q/p − 1 on the negative terms); with the compensated sum,
        // |δ| ≤ ε·(11 + 4·KL) < 1e-14·(1 + KL). TV itself is off by ≤ 1e-15.
        const deltaKl = 1e-14 * (1 + kl);
        assertLeq(tv, Math.sqrt((kl + deltaKl) / 2), 1e-14, 'TV ≤ sqrt(KL/2)');
      }),
      0x5403,
    );
  });
});

describe('Jensen–Shannon divergence', () => {
  it('JS ∈ [0, log 2] and JS = H((p + q)/2) − (H(p) + H(q))/2', () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        const js = jsDivergence(p, q);
        assertInRange(js, 0, Math.LN2, 'JS');
        const m = p.map((pi, i) => (pi + q[i]) / 2);
        assertClose(js, entropy(m) - (entropy(p) + entropy(q)) / 2, TOL, 'JS via entropies');
      }),
      0x6a01,
    );
  });

  it('symmetry JS(p, q) = JS(q, p)', () => {
    check(
      fc.property(pmfPair(), ([p, q]) => {
        assertClose(jsDivergence(p, q), jsDivergence(q, p), TOL, 'JS(p,q) = JS(q,p)');
      }),
      0x6a02,
    );
  });
});

describe('plug-in estimators from samples', () => {
  it('entropyFromSamples equals the entropy of the empirical pmf', () => {
    check(
      fc.property(labelTriples(), fc.boolean(), ({ x }, strings) => {
        const labels = strings ? x.map((v) => `s${v}`) : x;
        // N ≤ 300: entropies ≤ log 300 ≈ 5.7 and 1e-12 still covers the O(kε·H) error.
        assertClose(
          entropyFromSamples(labels),
          entropy(empiricalPmf(x, LABEL_STATES)),
          TOL,
          'Ĥ(labels) = H(empirical pmf)',
        );
      }),
      0x7001,
    );
  });

  it('mutualInformationFromSamples equals the MI of the empirical contingency table', () => {
    check(
      fc.property(labelTriples(), ({ x, y }) => {
        const table = empiricalTable2(x, y, LABEL_STATES, LABEL_STATES);
        assertClose(
          mutualInformationFromSamples(x, y),
          mutualInformation(table),
          TOL,
          'Î(X;Y) = I(empirical table)',
        );
      }),
      0x7002,
    );
  });

  it('conditionalMutualInformationFromSamples equals the CMI of the empirical table', () => {
    check(
      fc.property(labelTriples(), ({ x, y, z }) => {
        const table = empiricalTable3(x, y, z, LABEL_STATES);
        assertClose(
          conditionalMutualInformationFromSamples(x, y, z),
          conditionalMutualInformation(table),
          TOL,
          'Î(X;Y|Z) = I(empirical table)',
        );
      }),
      0x7003,
    );
  });

  it('NMI ∈ [0, 1], = Î / mean(Ĥ(X), Ĥ(Y)), and is 1 when Y is a relabelling of X', () => {
    check(
      fc.property(labelTriples(), permutation(LABEL_STATES), ({ x, y }, perm) => {
        const nmi = normalizedMutualInformation(x, y);
        assertInRange(nmi, 0, 1, 'NMI');
        const mi = mutualInformationFromSamples(x, y);
        const hx = entropyFromSamples(x);
        const hy = entropyFromSamples(y);
        if (mi > 0) {
          // mi > 0 needs two classes on each side, so each Ĥ ≥ H(1/N) ≥ 0.019 (N ≤ 300): the
          // division amplifies the ~1e-15 errors at most 100-fold.
          assertClose(nmi, mi / ((hx + hy) / 2), TOL, 'NMI = Î / ((Ĥx + Ĥy)/2)');
        }
        const relabelled = x.map((v) => `c${perm[v]}`);
        assertClose(normalizedMutualInformation(x, relabelled), 1, TOL, 'NMI(X, π(X))');
      }),
      0x7004,
    );
  });

  it('NMI and Î are invariant to renaming labels and to reordering the samples', () => {
    check(
      fc.property(
        labelTriples().chain((t) =>
          fc.tuple(
            fc.constant(t),
            permutation(LABEL_STATES),
            permutation(LABEL_STATES),
            permutation(t.x.length),
          ),
        ),
        ([{ x, y }, px, py, order]) => {
          const x2 = permute(x, order).map((v) => px[v]);
          const y2 = permute(y, order).map((v) => `y${py[v]}`);
          assertClose(
            normalizedMutualInformation(x2, y2),
            normalizedMutualInformation(x, y),
            TOL,
            'NMI after relabel + shuffle',
          );
          assertClose(
            mutualInformationFromSamples(x2, y2),
            mutualInformationFromSamples(x, y),
            TOL,
            'Î after relabel + shuffle',
          );
          assertClose(
            normalizedMutualInformation(y, x),
            normalizedMutualInformation(x, y),
            TOL,
            'NMI symmetric',
          );
        },
      ),
      0x7005,
    );
  });
});

describe('invariance under a joint permutation of outcomes', () => {
  it('H, H(p, q), KL, JS and TV of pmfs', () => {
    check(
      fc.property(
        pmfPair().chain(([p, q]) =>
          fc.tuple(fc.constant(p), fc.constant(q), permutation(p.length)),
        ),
        ([p, q, perm]) => {
          const p2 = permute(p, perm);
          const q2 = permute(q, perm);
          const h = entropy(p);
          assertClose(entropy(p2), h, TOL, 'H');
          const hpq = crossEntropy(p, q);
          assertClose(crossEntropy(p2, q2), hpq, tolFor(hpq), 'H(p,q)');
          const kl = klDivergence(p, q);
          assertClose(klDivergence(p2, q2), kl, tolFor(kl), 'KL');
          assertClose(jsDivergence(p2, q2), jsDivergence(p, q), TOL, 'JS');
          assertClose(tvDistance(p2, q2), tvDistance(p, q), TOL, 'TV');
        },
      ),
      0x8001,
    );
  });

  it('H(X, Y), H(X | Y) and I(X; Y) under relabelling X and Y', () => {
    check(
      fc.property(
        table2().chain((t) =>
          fc.tuple(fc.constant(t), permutation(t.length), permutation(t[0].length)),
        ),
        ([pxy, px, py]) => {
          const t2 = permute(pxy, px).map((row) => permute(row, py));
          assertClose(jointEntropy(t2), jointEntropy(pxy), TOL, 'H(X,Y)');
          assertClose(conditionalEntropy(t2), conditionalEntropy(pxy), TOL, 'H(X|Y)');
          assertClose(mutualInformation(t2), mutualInformation(pxy), TOL, 'I(X;Y)');
        },
      ),
      0x8002,
    );
  });

  it('I(X; Y | Z) and H(X, Y, Z) under relabelling X, Y and Z', () => {
    check(
      fc.property(
        table3().chain((t) =>
          fc.tuple(
            fc.constant(t),
            permutation(t.length),
            permutation(t[0].length),
            permutation(t[0][0].length),
          ),
        ),
        ([pxyz, px, py, pz]) => {
          const t2 = permute(pxyz, px).map((plane) =>
            permute(plane, py).map((row) => permute(row, pz)),
          );
          assertClose(jointEntropy(t2), jointEntropy(pxyz), TOL, 'H(X,Y,Z)');
          assertClose(
            conditionalMutualInformation(t2),
            conditionalMutualInformation(pxyz),
            TOL,
            'I(X;Y|Z)',
          );
        },
      ),
      0x8003,
    );
  });
});

describe('probabilities below 2.2e-308 (subnormal): the same theorems, at the edge of the doubles', () => {
  // These are valid distributions (finite, ≥ 0, sum 1) and the theorems above hold for them
  // unchanged, with the same tolerances: a subnormal p contributes |p·log r| < 1e-305 to a sum,
  // and a subnormal q(x) under an ordinary p(x) adds a term ≤ 745·p(x) to KL and H(p, q), which
  // tolFor scales with. They are where a quotient such as p(x,y)/p(x)/p(y) or p(x)/q(x) can
  // overflow to Infinity (1/q > 1.8e308) although the true term p·log(ratio) is finite.
  const table2s = () => tableWithSubnormals(2) as fc.Arbitrary<number[][]>;
  const table3s = () => tableWithSubnormals(3) as fc.Arbitrary<number[][][]>;

  it('I(X; Y) = H(X) + H(Y) − H(X, Y)', () => {
    check(
      fc.property(table2s(), (pxy) => {
        const viaEntropies =
          entropy(rowMarginal(pxy)) + entropy(colMarginal(pxy)) - entropy(pxy.flat());
        assertClose(mutualInformation(pxy), viaEntropies, TOL, 'I(X;Y) = H(X) + H(Y) − H(X,Y)');
      }),
      0xa001,
    );
  });

  it('H(X, Y) = H(Y) + H(X | Y)', () => {
    check(
      fc.property(table2s(), (pxy) => {
        const rhs = entropy(colMarginal(pxy)) + conditionalEntropy(pxy);
        assertClose(jointEntropy(pxy), rhs, TOL, 'H(X,Y) = H(Y) + H(X|Y)');
      }),
      0xa002,
    );
  });

  it('I(X; Y | Z) = H(X, Z) + H(Y, Z) − H(X, Y, Z) − H(Z)', () => {
    check(
      fc.property(table3s(), (pxyz) => {
        const pyz = marginalYZ(pxyz);
        const viaEntropies =
          entropy(marginalXZ(pxyz).flat()) +
          entropy(pyz.flat()) -
          entropy(pxyz.flat(2)) -
          entropy(colMarginal(pyz));
        assertClose(conditionalMutualInformation(pxyz), viaEntropies, TOL, 'I(X;Y|Z)');
      }),
      0xa003,
    );
  });

  it('KL(p ‖ q) = H(p, q) − H(p), infinite exactly when q(x) = 0 < p(x)', () => {
    check(
      fc.property(pmfPairWithSubnormals(), ([p, q]) => {
        const kl = klDivergence(p, q);
        const hpq = crossEntropy(p, q);
        const singular = p.some((pi, i) => pi > 0 && q[i] === 0);
        if (singular !== (kl === Number.POSITIVE_INFINITY)) {
          fail(`KL = ${kl} (H(p,q) = ${hpq}) but p ≪ q is ${!singular}`);
        }
        if (!singular) assertClose(kl, hpq - entropy(p), tolFor(hpq, kl), 'KL = H(p,q) − H(p)');
      }),
      0xa004,
    );
  });

  it('JS = H((p + q)/2) − (H(p) + H(q))/2', () => {
    check(
      fc.property(pmfPairWithSubnormals(), ([p, q]) => {
        // (p + q)/2 rounds to 0 when p = 2^-1074 and q = 0. Here that only drops a ~1e-321 term
        // of H(m); inside KL(p ‖ m) it makes a term infinite, which must not happen.
        const m = p.map((pi, i) => (pi + q[i]) / 2);
        const viaEntropies = entropy(m) - (entropy(p) + entropy(q)) / 2;
        assertClose(jsDivergence(p, q), viaEntropies, TOL, 'JS via entropies');
      }),
      0xa005,
    );
  });
});

describe('units: base conversion', () => {
  // f(·, { base }) = f(·) / ln b: the nats value converted by one division. Converting through
  // bits instead (v/ln 2, then ·ln 2/ln b) is ≤ 4 correctly rounded operations away from the
  // same real number, so the two agree to a relative 4ε; 16ε leaves a margin of 4.
  const relTol = (v: number) => 16 * EPS * Math.abs(v);

  function assertUnits(nats: number, inBase: number, inBits: number, b: Base, what: string) {
    assertClose(inBase, convertUnits(nats, 'nats', b), relTol(inBase), `${what} nats → base`);
    assertClose(inBase, convertUnits(inBits, 'bits', b), relTol(inBase), `${what} bits → base`);
    assertClose(inBits, nats / Math.LN2, relTol(inBits), `${what} in bits`);
  }

  it('every information quantity in base b equals its value in nats / ln b', () => {
    check(
      fc.property(table3(), pmfPair(), base(), (pxyz, [p, q], b) => {
        const pxy = marginalXY(pxyz);
        const cases: [string, (o: { base?: Base }) => number][] = [
          ['H', (o) => entropy(p, o)],
          ['H(p,q)', (o) => crossEntropy(p, q, o)],
          ['KL', (o) => klDivergence(p, q, o)],
          ['JS', (o) => jsDivergence(p, q, o)],
          ['H(X,Y)', (o) => jointEntropy(pxy, o)],
          ['H(X|Y)', (o) => conditionalEntropy(pxy, o)],
          ['I(X;Y)', (o) => mutualInformation(pxy, o)],
          ['I(X;Y|Z)', (o) => conditionalMutualInformation(pxyz, o)],
        ];
        for (const [what, f] of cases)
          assertUnits(f({}), f({ base: b }), f({ base: 'bits' }), b, what);
        assertLeq(jsDivergence(p, q, { base: 'bits' }), 1, 0, 'JS ≤ 1 bit');
      }),
      0x9001,
    );
  });

  it('the sample estimators convert the same way', () => {
    check(
      fc.property(labelTriples(), base(), ({ x, y, z }, b) => {
        const cases: [string, (o: { base?: Base }) => number][] = [
          ['Ĥ', (o) => entropyFromSamples(x, o)],
          ['Î(X;Y)', (o) => mutualInformationFromSamples(x, y, o)],
          ['Î(X;Y|Z)', (o) => conditionalMutualInformationFromSamples(x, y, z, o)],
        ];
        for (const [what, f] of cases)
          assertUnits(f({}), f({ base: b }), f({ base: 'bits' }), b, what);
      }),
      0x9002,
    );
  });
});
