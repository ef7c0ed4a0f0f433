/**
 * Fuzz: every public function of `gaussian` on generated valid and invalid input. Covariances are
 * s²·(A·Aᵀ + 0.1·I) for s from 1e-150 to 1e150 (valid), or singular (a repeated variable, a zero
 * variance), indefinite, asymmetric, non-square, ragged or non-finite (invalid), at the same
 * scales; samples are of every kind the harness makes (duplicates, collinear, constant columns)
 * at every scale, subnormal ones included.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { gaussian } from '../../src/index.js';
import { expectInfoboundError } from '../helpers.js';
import {
  badBase,
  type Case,
  corrupt,
  type Data,
  data,
  FuzzCounter,
  fails,
  form,
  goodBase,
  inForm,
  nonFinite,
  notAMatrix,
  ok,
  scale,
} from './harness.js';

const counter = new FuzzCounter('gaussian');

/**
 * Samples for the from-samples estimators: every kind, scales 1e-150 to 1e150, coordinates
 * spanning 300+ orders of magnitude; and, one time in four, all of it times 2^-1000, so that
 * entries are subnormal (the harness flushes those to 0). Singular input reaches the
 * NOT_POSITIVE_DEFINITE error path, whose message survives subnormal and huge entries (it once
 * crashed in ml-matrix's eigendecomposition: see the regression tests below).
 */
const sampleData = (o: { minN: number; maxN: number; maxD?: number }) =>
  fc.record({ x: data(o), tiny: fc.nat({ max: 3 }) }).map(({ x, tiny }): Data => {
    if (tiny > 0) return x;
    const f = 2 ** -1000;
    return { ...x, rows: x.rows.map((r) => r.map((v) => v * f)), scale: x.scale * f };
  });

/** s²·(A·Aᵀ + 0.1·I), d × d: symmetric positive definite, eigenvalues in [0.1, 9d + 0.1]·s². */
const covariance = (d: number, s: fc.Arbitrary<number> = scale) =>
  fc
    .record({
      a: fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), {
        minLength: d * d,
        maxLength: d * d,
      }),
      s,
    })
    .map(({ a, s }) => ({
      s,
      cov: Array.from({ length: d }, (_, i) =>
        Array.from({ length: d }, (_, j) => {
          let v = i === j ? 0.1 : 0;
          for (let t = 0; t < d; t++) v += (a[i * d + t] as number) * (a[j * d + t] as number);
          // Scale by s twice, not by s²: s² underflows to 0 below 1e-162.
          return v * s * s;
        }),
      ),
    }));

const dim = fc.integer({ min: 1, max: 4 });

/** A covariance made invalid in one way, with the code it must produce. */
const badCovariance = dim.chain((d) =>
  fc
    .record({
      c: covariance(d),
      how: fc.nat({ max: 7 }),
      v: nonFinite,
      i: fc.nat({ max: d - 1 }),
    })
    .map(({ c: { cov }, how, v, i }): { what: string; cov: unknown; code: string } => {
      const copy = cov.map((r) => [...r]);
      switch (how) {
        case 0: {
          // A repeated variable: rows and columns i and j equal, exactly singular.
          if (d === 1) return { what: 'zero variance', cov: [[0]], code: 'NOT_POSITIVE_DEFINITE' };
          const j = (i + 1) % d;
          for (let t = 0; t < d; t++) (copy[j] as number[])[t] = (copy[i] as number[])[t] as number;
          for (let t = 0; t < d; t++) (copy[t] as number[])[j] = (copy[t] as number[])[i] as number;
          return {
            what: `variables ${i} and ${j} equal`,
            cov: copy,
            code: 'NOT_POSITIVE_DEFINITE',
          };
        }
        case 1:
          return {
            what: 'negated (negative definite)',
            cov: copy.map((r) => r.map((x) => -x)),
            code: 'NOT_POSITIVE_DEFINITE',
          };
        case 2: {
          if (d === 1) return { what: 'negative variance', cov: -1, code: 'NOT_POSITIVE_DEFINITE' };
          (copy[0] as number[])[d - 1] = ((copy[0] as number[])[d - 1] as number) * 2 + 1;
          return { what: 'asymmetric', cov: copy, code: 'NOT_POSITIVE_DEFINITE' };
        }
        case 3:
          return { what: 'not square', cov: [...copy, copy[0]], code: 'SHAPE_MISMATCH' };
        case 4:
          (copy[i] as number[])[i] = v;
          return { what: `cov[${i}][${i}] = ${v}`, cov: copy, code: 'NON_FINITE' };
        case 5:
          return { what: 'a non-finite variance', cov: v, code: 'NON_FINITE' };
        case 6:
          return { what: 'no rows', cov: [], code: 'TOO_FEW_SAMPLES' };
        default:
          return { what: 'not a matrix', cov: 'cov', code: 'INVALID_ARGUMENT' };
      }
    }),
);

describe('fuzz: closed forms (entropy, klDivergence, mutualInformation)', () => {
  it('entropy: any SPD covariance at any scale → finite; invalid covariances → typed errors', () => {
    const valid = fc.record({ c: dim.chain(covariance), base: goodBase }).map(
      ({ c: { cov }, base }): Case => ({
        label: 'entropy(SPD covariance)',
        input: { cov, base },
        call: () => gaussian.entropy(cov, { base } as never),
        outcome: ok(),
      }),
    );
    const invalid = fc.oneof(
      badCovariance.map(
        ({ what, cov, code }): Case => ({
          label: `entropy(${what})`,
          input: cov,
          call: () => gaussian.entropy(cov as never),
          outcome: fails(code as never),
        }),
      ),
      badBase.map(
        (base): Case => ({
          label: 'entropy(bad base)',
          input: base,
          call: () => gaussian.entropy(1, { base: base as never }),
          outcome: fails('INVALID_OPTION'),
        }),
      ),
    );
    counter.check(fc.oneof(valid, invalid), 300);
  });

  it('klDivergence: SPD pairs at any scales → ≥ 0 (+Infinity only past double range); junk → typed errors', () => {
    const mean = (d: number, s: number) =>
      fc
        .array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: d, maxLength: d })
        .map((m) => m.map((v) => v * s));
    const valid = dim
      .chain((d) =>
        fc.record({
          p: covariance(d),
          q: covariance(d),
          ms: scale,
          d: fc.constant(d),
          base: fc.constantFrom<'nats' | 'bits' | undefined>(undefined, 'nats', 'bits'),
        }),
      )
      .chain(({ p, q, ms, d, base }) =>
        fc.record({ mp: mean(d, ms), mq: mean(d, ms) }).map(({ mp, mq }): Case => {
          // KL grows like (s_p/s_q)² and (|Δμ|/s_q)²: past ~1e154 it exceeds the doubles.
          const huge = p.s / q.s > 1e140 || ms / q.s > 1e140;
          return {
            label: `klDivergence(d = ${d}, s_p = ${p.s}, s_q = ${q.s}, means × ${ms})`,
            input: { p: { mean: mp, cov: p.cov }, q: { mean: mq, cov: q.cov } },
            call: () =>
              gaussian.klDivergence({ mean: mp, cov: p.cov }, { mean: mq, cov: q.cov }, {
                base,
              } as never),
            outcome: ok({
              infinity: huge ? '+Infinity' : 'never',
              check: (r) => {
                if (!((r as number) >= 0)) throw new Error(`KL ${r} < 0`);
              },
            }),
          };
        }),
      );
    const invalid = fc.oneof(
      fc
        .record({ b: badCovariance, first: fc.boolean() })
        .map(({ b: { what, cov, code }, first }): Case => {
          const good = { mean: 0, cov: 1 };
          // Shape errors of one side are checked against the other side's dimension only later.
          const bad = { mean: 0, cov };
          return {
            label: `klDivergence(${first ? 'p' : 'q'}.cov ${what})`,
            input: cov,
            call: () =>
              first
                ? gaussian.klDivergence(bad as never, good)
                : gaussian.klDivergence(good, bad as never),
            outcome: fails(code as never, 'SHAPE_MISMATCH'),
          };
        }),
      fc
        .record({
          d: fc.integer({ min: 2, max: 3 }),
          how: fc.constantFrom('length', 'nan', 'type', 'missing', 'dims'),
          v: nonFinite,
        })
        .map(({ d, how, v }): Case => {
          const eye = Array.from({ length: d }, (_, i) =>
            Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)),
          );
          const m = new Array(d).fill(0);
          const cases = {
            length: [{ mean: [...m, 0], cov: eye }, 'SHAPE_MISMATCH'],
            nan: [{ mean: [v, ...m.slice(1)], cov: eye }, 'NON_FINITE'],
            type: [{ mean: ['0', ...m.slice(1)], cov: eye }, 'INVALID_ARGUMENT'],
            missing: [{ cov: eye }, 'INVALID_ARGUMENT'],
            dims: [{ mean: [0], cov: 1 }, 'SHAPE_MISMATCH'],
          } as const;
          const [bad, code] = cases[how];
          return {
            label: `klDivergence(q: bad mean, ${how})`,
            input: bad,
            call: () => gaussian.klDivergence({ mean: m, cov: eye }, bad as never),
            outcome: fails(code),
          };
        }),
      notAMatrix.map(
        (x): Case => ({
          label: 'klDivergence(p not parameters)',
          input: x,
          call: () => gaussian.klDivergence(x as never, { mean: 0, cov: 1 }),
          outcome: fails('INVALID_ARGUMENT'),
        }),
      ),
    );
    counter.check(
      fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: invalid, weight: 1 }),
      300,
    );
  });

  it('mutualInformation: SPD covariances and disjoint indices → ≥ 0; bad indices → typed errors', () => {
    const valid = fc
      .integer({ min: 2, max: 4 })
      .chain((d) =>
        fc.record({
          c: covariance(d),
          perm: fc.shuffledSubarray(
            Array.from({ length: d }, (_, i) => i),
            { minLength: d, maxLength: d },
          ),
          cut: fc.integer({ min: 1, max: d - 1 }),
          drop: fc.nat({ max: d - 2 }),
          asNumber: fc.boolean(),
          base: goodBase,
        }),
      )
      .map(({ c: { cov }, perm, cut, drop, asNumber, base }): Case => {
        const xs = perm.slice(0, cut);
        // Not every coordinate need be in X or Y: drop some from Y (keeping one).
        const ys = perm.slice(cut, Math.max(cut + 1, perm.length - drop));
        const x = asNumber && xs.length === 1 ? (xs[0] as number) : xs;
        return {
          label: 'mutualInformation(SPD, disjoint indices)',
          input: { cov, x, ys },
          call: () => gaussian.mutualInformation(cov, x, ys, { base } as never),
          outcome: ok({
            check: (r) => {
              if (base !== 0.5 && !((r as number) >= 0)) throw new Error(`MI ${r} < 0`);
            },
          }),
        };
      });
    const eye = [
      [1, 0.5, 0],
      [0.5, 1, 0],
      [0, 0, 1],
    ];
    const invalid = fc.oneof(
      fc
        .constantFrom<[unknown, unknown, string]>(
          [[0], [0], 'INVALID_ARGUMENT'],
          [[0, 1], [1], 'INVALID_ARGUMENT'],
          [[], [1], 'SHAPE_MISMATCH'],
          [[3], [1], 'INVALID_ARGUMENT'],
          [[-1], [1], 'INVALID_ARGUMENT'],
          [[0.5], [1], 'INVALID_ARGUMENT'],
          [[0, 0], [1], 'INVALID_ARGUMENT'],
          ['0', [1], 'INVALID_ARGUMENT'],
          [[0], null, 'INVALID_ARGUMENT'],
          [[Number.NaN], [1], 'INVALID_ARGUMENT'],
        )
        .map(
          ([x, y, code]): Case => ({
            label: 'mutualInformation(bad indices)',
            input: { x, y },
            call: () => gaussian.mutualInformation(eye, x as never, y as never),
            outcome: fails(code as never),
          }),
        ),
      badCovariance.map(
        ({ what, cov, code }): Case => ({
          label: `mutualInformation(cov ${what})`,
          input: cov,
          // X = the first coordinate, Y = all the others: the joint is the whole covariance.
          call: () => {
            const d = Array.isArray(cov) ? Math.max(2, cov.length) : 2;
            return gaussian.mutualInformation(
              cov as never,
              [0],
              Array.from({ length: d - 1 }, (_, i) => i + 1),
            );
          },
          // A 1 × 1 covariance has no index 1: the indices may be reported first.
          outcome: fails(code as never, 'INVALID_ARGUMENT'),
        }),
      ),
    );
    counter.check(
      fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: invalid, weight: 1 }),
      250,
    );
  });
});

/** Expected outcome of a Gaussian fit to samples: n > d, and a positive-definite scatter. */
function sampleOutcome(x: Data, more: Data[] = []) {
  const all = [x, ...more];
  const d = all.reduce((a, s) => a + s.d, 0);
  if (x.n <= d) {
    // With two variables, one may already be found singular before the joint is counted.
    return more.length === 0
      ? fails('TOO_FEW_SAMPLES')
      : fails('TOO_FEW_SAMPLES', 'NOT_POSITIVE_DEFINITE');
  }
  // Constant data and constant columns have a zero scatter (row and column), however the mean
  // rounds: NOT_POSITIVE_DEFINITE. Duplicates, collinear rows and half-integer coordinates are
  // singular or nearly so: either outcome, never NaN.
  if (all.some((s) => s.kind === 'constant' || s.kind === 'constant-column')) {
    return fails('NOT_POSITIVE_DEFINITE');
  }
  return ok({ orCodes: ['NOT_POSITIVE_DEFINITE'] });
}

describe('fuzz: from samples (entropyFromSamples, mutualInformationFromSamples)', () => {
  const correction = fc.constantFrom<'none' | 'ahmed-gokhale' | undefined>(
    undefined,
    'none',
    'ahmed-gokhale',
  );

  it('entropyFromSamples: samples of every kind and scale → finite or a typed singular/too-few error', () => {
    const valid = fc
      .record({
        x: sampleData({ minN: 1, maxN: 12 }),
        f: form,
        correction,
        base: goodBase,
      })
      .map(
        ({ x, f, correction: c, base }): Case => ({
          label: `entropyFromSamples(${x.kind}, n = ${x.n}, d = ${x.d}, × ${x.scale})`,
          input: { rows: x.rows, c, base },
          call: () =>
            gaussian.entropyFromSamples(
              inForm(x.rows, f) as never,
              { correction: c, base } as never,
            ),
          outcome: x.n < 2 ? fails('TOO_FEW_SAMPLES') : sampleOutcome(x),
        }),
      );
    const invalid = fc.oneof(
      data({ minN: 6, maxN: 10, maxD: 2, kinds: ['generic'] })
        .chain(corrupt)
        .map(
          ({ what, rows, code }): Case => ({
            label: `entropyFromSamples(${what})`,
            input: rows,
            call: () => gaussian.entropyFromSamples(rows as never),
            outcome: fails(code),
          }),
        ),
      fc.constantFrom<unknown>('unbiased', 'Ahmed-Gokhale', 1, null).map(
        (c): Case => ({
          label: 'entropyFromSamples(bad correction)',
          input: c,
          call: () => gaussian.entropyFromSamples([1, 2, 3], { correction: c as never }),
          outcome: fails('INVALID_OPTION'),
        }),
      ),
    );
    counter.check(
      fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 1 }),
      300,
    );
  });

  it('mutualInformationFromSamples: paired samples of every kind → finite or typed; unpaired → SHAPE_MISMATCH', () => {
    const valid = fc
      .record({
        n: fc.integer({ min: 2, max: 12 }),
        correction,
        base: goodBase,
        f: form,
      })
      .chain(({ n, correction: c, base, f }) =>
        fc
          .record({
            x: sampleData({ minN: n, maxN: n, maxD: 2 }),
            y: sampleData({ minN: n, maxN: n, maxD: 2 }),
          })
          .map(
            ({ x, y }): Case => ({
              label: `mutualInformationFromSamples(${x.kind} × ${x.scale}, ${y.kind} × ${y.scale}, n = ${n})`,
              input: { x: x.rows, y: y.rows, c, base },
              call: () =>
                gaussian.mutualInformationFromSamples(
                  inForm(x.rows, f) as never,
                  inForm(y.rows, f) as never,
                  { correction: c, base } as never,
                ),
              outcome: sampleOutcome(x, [y]),
            }),
          ),
      );
    const invalid = fc.oneof(
      fc
        .record({ x: data({ minN: 6, maxN: 8, maxD: 2, kinds: ['generic'] }), first: fc.boolean() })
        .chain(({ x, first }) =>
          corrupt(x).map(
            ({ what, rows, code }): Case => ({
              label: `mutualInformationFromSamples(${first ? 'X' : 'Y'}: ${what})`,
              input: rows,
              call: () =>
                first
                  ? gaussian.mutualInformationFromSamples(rows as never, x.rows)
                  : gaussian.mutualInformationFromSamples(x.rows, rows as never),
              outcome: fails(code),
            }),
          ),
        ),
      fc
        .record({ n: fc.integer({ min: 3, max: 8 }), m: fc.integer({ min: 3, max: 8 }) })
        .filter(({ n, m }) => n !== m)
        .map(
          ({ n, m }): Case => ({
            label: `mutualInformationFromSamples(${n} vs ${m} rows)`,
            input: { n, m },
            call: () =>
              gaussian.mutualInformationFromSamples(
                Array.from({ length: n }, (_, i) => Math.sin(i)),
                Array.from({ length: m }, (_, i) => Math.cos(i)),
              ),
            outcome: fails('SHAPE_MISMATCH'),
          }),
        ),
    );
    counter.check(
      fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: invalid, weight: 1 }),
      300,
    );
  });
});

describe('fuzz: gaussian, regressions (bugs the fuzzer found, minimal reproductions)', () => {
  // Fixed: the scatter matrix centres on the rounded mean Σx/n, so constant samples whose sum
  // rounds (0.1 + 0.1 + 0.1 = 0.30000000000000004) get a tiny positive variance (~1e-34) that
  // passes the Cholesky pivot test: a finite entropy (−37.4 nats) for singular data. Expected:
  // NOT_POSITIVE_DEFINITE, as for [1, 1, 1]. Same for a constant column among others. Now a column
  // whose spread is within rounding of its magnitude is taken as constant (gaussian/scatter.ts).
  it('entropyFromSamples of constant samples [0.1, 0.1, 0.1] is NOT_POSITIVE_DEFINITE', () => {
    expectInfoboundError(
      () => gaussian.entropyFromSamples([0.1, 0.1, 0.1]),
      'NOT_POSITIVE_DEFINITE',
    );
  });
  it('entropyFromSamples with a constant column [[0.1, 1], [0.1, 2], [0.1, 5]] is NOT_POSITIVE_DEFINITE', () => {
    expectInfoboundError(
      () =>
        gaussian.entropyFromSamples([
          [0.1, 1],
          [0.1, 2],
          [0.1, 5],
        ]),
      'NOT_POSITIVE_DEFINITE',
    );
  });

  // Fixed: core/linalg.ts cholesky built its error message with ml-matrix's
  // EigenvalueDecomposition, which crashes (TypeError "Cannot read properties of undefined
  // (reading '0')" in tql2) on a matrix with subnormal entries. Expected: NOT_POSITIVE_DEFINITE.
  // Now the eigenvalue is taken of the matrix scaled by a power of two, tiny entries flushed, and
  // the message is built without it if that still fails.
  // Reached from samples too: entropyFromSamples([[0, 0], [0, 0], [1e-323, 1]]).
  it('entropy([[0, 1e-320], [1e-320, 1]]) is NOT_POSITIVE_DEFINITE, not a TypeError', () => {
    expectInfoboundError(
      () =>
        gaussian.entropy([
          [0, 1e-320],
          [1e-320, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
    );
  });
  // The same crash at huge scale: a singular matrix with entries ≳ 1e154 (the eigendecomposition
  // squares them). In range for samples of scale 1e78, whose scatter entries are ~1e156.
  it('entropy of a singular 3 × 3 covariance × 1e155 is NOT_POSITIVE_DEFINITE, not a TypeError', () => {
    const singular = [
      [3, -3, 2],
      [-3, 27, 6],
      [2, 6, 4],
    ];
    // At scale 1 this throws NOT_POSITIVE_DEFINITE as it should.
    expectInfoboundError(() => gaussian.entropy(singular), 'NOT_POSITIVE_DEFINITE');
    expectInfoboundError(
      () => gaussian.entropy(singular.map((r) => r.map((v) => v * 1e155))),
      'NOT_POSITIVE_DEFINITE',
    );
  });
  it('entropyFromSamples of 4 duplicated points × 1e78 in 3-D is NOT_POSITIVE_DEFINITE', () => {
    expectInfoboundError(
      () =>
        gaussian.entropyFromSamples([
          [0, 3e78, 0],
          [0, 0, -1e78],
          [0, 0, -1e78],
          [1e78, 0, 0],
        ]),
      'NOT_POSITIVE_DEFINITE',
    );
  });
  // And on a matrix whose entries span ~300 orders of magnitude: constant samples mixing a column
  // at 1.5e-248 with one at 3e75.
  it('entropyFromSamples of 6 copies of [1.4821969375237396e-248, 3e75] is NOT_POSITIVE_DEFINITE', () => {
    expectInfoboundError(
      () =>
        gaussian.entropyFromSamples(
          Array.from({ length: 6 }, () => [1.4821969375237396e-248, 3e75]),
        ),
      'NOT_POSITIVE_DEFINITE',
    );
  });
  it('entropyFromSamples([[0, 0], [0, 0], [1e-323, 1]]) is NOT_POSITIVE_DEFINITE', () => {
    expectInfoboundError(
      () =>
        gaussian.entropyFromSamples([
          [0, 0],
          [0, 0],
          [1e-323, 1],
        ]),
      'NOT_POSITIVE_DEFINITE',
    );
  });
});

describe('fuzz: gaussian coverage', () => {
  it('drove at least 1000 generated inputs', () => {
    counter.expectEnough();
  });
});
