/**
 * The learning algorithms of src/bounds/algorithms.ts as exact channels P(W | S) — gibbsAlgorithm,
 * noisyErmAlgorithm, layeredAlgorithm — and dobrushinCoefficient.
 *
 * - reference: small problems derived by hand (comments);
 * - property: each channel equals an independent brute-force computation (the direct sum over
 *   noisy samples or feature codes, the normalised Gibbs weights), and the Dobrushin coefficient
 *   is a strong-data-processing constant on random Markov chains;
 * - behaviour: validation.
 *
 * Tolerance: the channels are sums of ≤ 3³ products of ≤ 4 numbers in [0, 1] (and, for Gibbs, one
 * exp and one division per entry); both computations are within a few 1e-16 of the exact value,
 * so 1e-12 absolute leaves a margin of over 100. MIs (≤ 125 cells): 1e-12, as in
 * test/properties/discrete.test.ts. Properties: NUM_RUNS (1000), 20000 with INFOBOUND_LONG.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dobrushinCoefficient,
  evaluateLearningProblem,
  gibbsAlgorithm,
  layeredAlgorithm,
  noisyErmAlgorithm,
} from '../../src/bounds/index.js';
import { discrete } from '../../src/index.js';
import {
  gibbsLearningProblem,
  layeredLearningProblem,
  markovChain,
  noisyErmLearningProblem,
} from '../../src/testing/index.js';
import { expectInfoboundError } from '../helpers.js';

const LONG = (process.env.INFOBOUND_LONG ?? '') !== '';
const NUM_RUNS = LONG ? 20_000 : 1_000;
const TOL = 1e-12;
const LN2 = Math.log(2);

const close = (actual: number, expected: number, what = '', tol = TOL) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
const closeRows = (a: readonly (readonly number[])[], b: readonly (readonly number[])[]) => {
  expect(a.length).toBe(b.length);
  a.forEach((row, s) => {
    row.forEach((v, w) => {
      close(v, (b[s] as number[])[w] as number, `[${s}][${w}]`);
    });
  });
};

/** The digits of a training-set code s = Σ_i z_i·k^i. */
const digits = (s: number, k: number, n: number) =>
  Array.from({ length: n }, (_, i) => Math.floor(s / k ** i) % k);

const bsc = (q: number) => [
  [1 - q, q],
  [q, 1 - q],
];
const ZERO_ONE = [
  [0, 1],
  [1, 0],
];

describe('reference: channels derived by hand', () => {
  it('gibbsAlgorithm: fair bit, n = 1, 0-1 loss, β = log 3: P(W = Z) = ¾, gap ¼ = (I + L)/β', () => {
    // P(w | z) ∝ ½·exp(−β·[w ≠ z]) = ½ or ½·⅓ → (¾, ¼). R(w) = ½, R_S(W) = P(W ≠ Z) = ¼: gap ¼.
    // I = log 2 − h(¼) = ¾ log 3 − log 2; L = Σ_s ½ Σ_w ½ log(½ / P(w | s)) = ½ log(4/3);
    // I + L = ¼ log 3, and ¼ log 3 / (β·n) = ¼.
    const algorithm = gibbsAlgorithm({ outcomes: 2, n: 1, loss: ZERO_ONE, beta: Math.log(3) });
    closeRows(algorithm, bsc(0.25));
    const r = evaluateLearningProblem({
      distribution: [0.5, 0.5],
      n: 1,
      algorithm,
      loss: ZERO_ONE,
    });
    close(r.expectedGap, 0.25, 'gap');
    close(r.mutualInformation, 0.75 * Math.log(3) - LN2, 'I');
    close(r.lautumInformation, 0.5 * Math.log(4 / 3), 'L');
  });

  it('gibbsAlgorithm: β = 0 returns the prior on every row; a zero prior stays zero at any β', () => {
    const loss = [
      [0, 1],
      [1, 0],
      [0.5, 0.5],
    ];
    closeRows(
      gibbsAlgorithm({ outcomes: 2, n: 2, loss, beta: 0, prior: [0.2, 0.3, 0.5] }),
      Array.from({ length: 4 }, () => [0.2, 0.3, 0.5]),
    );
    const rows = gibbsAlgorithm({ outcomes: 2, n: 1, loss, beta: 1e6, prior: [0, 0.5, 0.5] });
    // β·n·ℓ = 1e6 separates the hypotheses completely: ERM over the support of the prior.
    expect(rows).toEqual([
      [0, 0, 1],
      [0, 1, 0],
    ]);
  });

  it('noisyErmAlgorithm: fair bit, n = 1, ρ = ½: the learner predicts Z with probability 1 − ρ/2 = ¾', () => {
    closeRows(noisyErmAlgorithm({ outcomes: 2, n: 1, loss: ZERO_ONE, flip: 0.5 }), bsc(0.25));
  });

  it('noisyErmAlgorithm: ρ = 0, n = 2: ERM, ties (Z_1 ≠ Z_2) split evenly; gap ¼, I = ½ log 2', () => {
    // Codes s = Z_1 + 2·Z_2: (0,0) → W = 0; (1,0), (0,1) → a tie, ½ each; (1,1) → W = 1.
    // R(w) = ½; R_S(W) = 0 on (0,0), (1,1) and ½ on the ties: gap = ½·½ + ½·0 = ¼.
    // P(W = 0) = ½; H(W | S) = ½·log 2: I = ½ log 2.
    const algorithm = noisyErmAlgorithm({ outcomes: 2, n: 2, loss: ZERO_ONE, flip: 0 });
    expect(algorithm).toEqual([
      [1, 0],
      [0.5, 0.5],
      [0.5, 0.5],
      [0, 1],
    ]);
    const r = evaluateLearningProblem({
      distribution: [0.5, 0.5],
      n: 2,
      algorithm,
      loss: ZERO_ONE,
    });
    close(r.expectedGap, 0.25, 'gap');
    close(r.mutualInformation, LN2 / 2, 'I');
  });

  it('noisyErmAlgorithm: ρ = 1 ignores the data (every row uniform over all training sets)', () => {
    const rows = noisyErmAlgorithm({ outcomes: 3, n: 2, loss: [[0, 1, 0.5]], flip: 1 });
    expect(rows).toEqual(Array.from({ length: 9 }, () => [1]));
    const two = noisyErmAlgorithm({ outcomes: 2, n: 1, loss: ZERO_ONE, flip: 1 });
    closeRows(two, [
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it('layeredAlgorithm: one BSC(¼) layer, the learner outputs its feature: P(W ≠ Z) = ¼', () => {
    const algorithm = layeredAlgorithm({
      n: 1,
      layers: [bsc(0.25)],
      algorithm: [
        [1, 0],
        [0, 1],
      ],
    });
    closeRows(algorithm, bsc(0.25));
  });

  it('layeredAlgorithm: two BSC layers compose to a BSC with crossover q₁ + q₂ − 2q₁q₂', () => {
    // ¼ and ⅛: ¼ + ⅛ − 2·(1/32) = 5/16.
    const algorithm = layeredAlgorithm({
      n: 1,
      layers: [bsc(0.25), bsc(0.125)],
      algorithm: [
        [1, 0],
        [0, 1],
      ],
    });
    closeRows(algorithm, bsc(5 / 16));
  });

  it('dobrushinCoefficient: BSC(q) → |1 − 2q|; equal rows → 0; a permutation → 1', () => {
    expect(dobrushinCoefficient(bsc(0.25))).toBe(0.5);
    expect(
      dobrushinCoefficient([
        [0.9, 0.1],
        [0.2, 0.8],
      ]),
    ).toBe(0.7);
    expect(
      dobrushinCoefficient([
        [0.3, 0.7],
        [0.3, 0.7],
        [0.3, 0.7],
      ]),
    ).toBe(0);
    expect(
      dobrushinCoefficient([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(1);
    expect(dobrushinCoefficient([[0.2, 0.8]])).toBe(0);
  });
});

describe('property: each channel equals an independent brute-force computation', () => {
  it('gibbsAlgorithm: P(w | s) = π(w)·exp(−β·Σ_i ℓ(w, z_i)) / Σ_v π(v)·exp(−β·Σ_i ℓ(v, z_i))', () => {
    fc.assert(
      fc.property(gibbsLearningProblem(), (p) => {
        const kz = p.distribution.length;
        p.algorithm.forEach((row, s) => {
          const z = digits(s, kz, p.n);
          const weights = p.loss.map((lw, w) => {
            let sum = 0;
            for (const zi of z) sum += lw[zi] as number;
            return (p.prior[w] as number) * Math.exp(-p.beta * sum);
          });
          const total = weights.reduce((a, b) => a + b, 0);
          // β·Σℓ ≤ 60 (the generator keeps β·C ≤ 20, n ≤ 3): no weight underflows.
          row.forEach((v, w) => {
            close(v, (weights[w] as number) / total, `P(${w} | ${s})`);
          });
        });
      }),
      { numRuns: NUM_RUNS, seed: 9301 },
    );
  });

  it('noisyErmAlgorithm: the double sum over noisy training sets of ERM with even ties', () => {
    fc.assert(
      fc.property(noisyErmLearningProblem({ maxSamples: 2 }), (p) => {
        const kz = p.distribution.length;
        const kw = p.loss.length;
        const configs = kz ** p.n;
        const keep = (z: number, t: number) => (z === t ? 1 - p.flip : 0) + p.flip / kz;
        let maxAbs = 0;
        for (const row of p.loss) for (const v of row) maxAbs = Math.max(maxAbs, Math.abs(v));
        for (let s = 0; s < configs; s++) {
          const z = digits(s, kz, p.n);
          const expected = new Array<number>(kw).fill(0);
          for (let t = 0; t < configs; t++) {
            const zt = digits(t, kz, p.n);
            let k = 1;
            for (let i = 0; i < p.n; i++) k *= keep(z[i] as number, zt[i] as number);
            const sums = p.loss.map((lw) => zt.reduce((a, zi) => a + (lw[zi] as number), 0));
            const min = Math.min(...sums);
            const tied = sums.map((v) => (v <= min + 1e-12 * p.n * maxAbs ? 1 : 0));
            const ties = tied.reduce((a: number, b) => a + b, 0);
            tied.forEach((b, w) => {
              expected[w] = (expected[w] as number) + (k * b) / ties;
            });
          }
          (p.algorithm[s] as number[]).forEach((v, w) => {
            close(v, expected[w] as number, `P(${w} | ${s})`);
          });
        }
      }),
      { numRuns: NUM_RUNS, seed: 9302 },
    );
  });

  it('layeredAlgorithm: Σ_t Π_i K(t_i | z_i)·A(w | t), with K the product of the layers', () => {
    fc.assert(
      fc.property(layeredLearningProblem({ maxSamples: 2 }), (p) => {
        const kz = p.distribution.length;
        let k = p.layers[0] as number[][];
        for (const next of p.layers.slice(1)) {
          k = k.map((row) =>
            (next[0] as number[]).map((_, u) =>
              row.reduce((a, v, t) => a + v * ((next[t] as number[])[u] as number), 0),
            ),
          );
        }
        const m = (k[0] as number[]).length;
        for (let s = 0; s < kz ** p.n; s++) {
          const z = digits(s, kz, p.n);
          const expected = new Array<number>(p.loss.length).fill(0);
          for (let t = 0; t < m ** p.n; t++) {
            const tt = digits(t, m, p.n);
            let c = 1;
            for (let i = 0; i < p.n; i++)
              c *= (k[z[i] as number] as number[])[tt[i] as number] as number;
            (p.learner[t] as number[]).forEach((a, w) => {
              expected[w] = (expected[w] as number) + c * a;
            });
          }
          (p.algorithm[s] as number[]).forEach((v, w) => {
            close(v, expected[w] as number, `P(${w} | ${s})`);
          });
        }
      }),
      { numRuns: NUM_RUNS, seed: 9303 },
    );
  });

  it('dobrushinCoefficient is a strong-data-processing constant: I(X; Z) ≤ η(K_{Z|Y})·I(X; Y)', () => {
    // On X → Y → Z, I(X; Z) ≤ η_KL(K)·I(X; Y) ≤ η_TV(K)·I(X; Y) (Cohen, Kemperman & Zbăganu
    // 1998). Also η ∈ [0, 1], and η = 0 exactly when all rows are equal (Z independent of Y).
    fc.assert(
      fc.property(markovChain({ maxStates: 4 }), ({ pxyz, pzGivenY }) => {
        const eta = dobrushinCoefficient(pzGivenY);
        expect(eta >= 0 && eta <= 1).toBe(true);
        const ixy = discrete.mutualInformation(
          pxyz.map((plane) => plane.map((r) => r.reduce((a, b) => a + b, 0))),
        );
        const ixz = discrete.mutualInformation(
          pxyz.map((plane) =>
            (plane[0] as number[]).map((_, z) => plane.reduce((a, r) => a + (r[z] as number), 0)),
          ),
        );
        expect(ixz).toBeLessThanOrEqual(eta * ixy + TOL);
      }),
      { numRuns: NUM_RUNS, seed: 9304 },
    );
  });
});

describe('behaviour: validation', () => {
  it('gibbsAlgorithm names each malformed input', () => {
    const valid = { outcomes: 2, n: 1, loss: ZERO_ONE, beta: 1 };
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, outcomes: 0 }),
      'INVALID_ARGUMENT',
      'outcomes is 0',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, n: 1.5 }),
      'INVALID_ARGUMENT',
      'n is 1.5',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, n: 17 }),
      'INVALID_ARGUMENT',
      '131072 training sets',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, beta: -1 }),
      'INVALID_ARGUMENT',
      'beta is -1',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, beta: Number.POSITIVE_INFINITY }),
      'INVALID_ARGUMENT',
      'beta is Infinity',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, loss: [[0]] }),
      'SHAPE_MISMATCH',
      'loss[0] must list 2',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, loss: [[0, Number.NaN]] }),
      'NON_FINITE',
      'loss[0][1] is NaN',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, prior: [1] }),
      'SHAPE_MISMATCH',
      'prior has 1',
    );
    expectInfoboundError(
      () => gibbsAlgorithm({ ...valid, prior: [0.5, 0.6] }),
      'NOT_A_DISTRIBUTION',
      'prior',
    );
  });

  it('noisyErmAlgorithm: ρ must be in [0, 1]', () => {
    const valid = { outcomes: 2, n: 1, loss: ZERO_ONE, flip: 0 };
    expectInfoboundError(
      () => noisyErmAlgorithm({ ...valid, flip: 1.5 }),
      'INVALID_ARGUMENT',
      'flip is 1.5',
    );
    expectInfoboundError(
      () => noisyErmAlgorithm({ ...valid, flip: Number.NaN }),
      'INVALID_ARGUMENT',
      'flip is NaN',
    );
    expectInfoboundError(
      () => noisyErmAlgorithm({ ...valid, loss: [] }),
      'SHAPE_MISMATCH',
      'loss is an array of length 0',
    );
  });

  it('layeredAlgorithm: layers chain, and the learner has |T|ⁿ rows', () => {
    const learner = [
      [1, 0],
      [0, 1],
    ];
    expectInfoboundError(
      () => layeredAlgorithm({ n: 1, layers: [], algorithm: learner }),
      'INVALID_ARGUMENT',
      'at least one channel',
    );
    expectInfoboundError(
      () => layeredAlgorithm({ n: 1, layers: [bsc(0.1), [[1, 0, 0]]], algorithm: learner }),
      'SHAPE_MISMATCH',
      'layers[1] must be a channel with 2 rows',
    );
    expectInfoboundError(
      () => layeredAlgorithm({ n: 2, layers: [bsc(0.1)], algorithm: learner }),
      'SHAPE_MISMATCH',
      'algorithm must be a channel with 4 rows',
    );
    expectInfoboundError(
      () => layeredAlgorithm({ n: 1, layers: [[[0.5, 0.6]]], algorithm: learner }),
      'NOT_A_DISTRIBUTION',
      'layers[0][0]',
    );
  });

  it('dobrushinCoefficient: rows must be distributions of equal length', () => {
    expectInfoboundError(() => dobrushinCoefficient([]), 'SHAPE_MISMATCH', 'channel');
    expectInfoboundError(
      () => dobrushinCoefficient([[1], [0.5, 0.5]]),
      'SHAPE_MISMATCH',
      'channel[1] has 2 outputs',
    );
  });
});
