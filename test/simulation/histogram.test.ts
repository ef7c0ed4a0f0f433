import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import {
  histogramDensity,
  histogramEdges,
  histogramKl,
  sparseClippedEntropy,
  sparseHistogram,
} from '../../src/simulation/klEstimators.js';
import { expectClose } from '../helpers.js';

interface Case {
  name: string;
  d: number;
  bins: number;
  floor: number;
  P: number[][];
  Q: number[][];
  own: number;
  shared: number;
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/simulation/histogram.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

const flat = (rows: number[][]) => Float64Array.from(rows.flat());

/** The sparse path of klGap: own or shared edges, sparse histograms, sparse clipped entropy. */
function sparseKl(
  P: Float64Array,
  nP: number,
  Q: Float64Array,
  nQ: number,
  d: number,
  bins: number,
  floor: number,
  shared: boolean,
): number {
  const cells = bins ** d;
  const counts = new Float64Array(cells);
  const scratch = new Float64Array(cells);
  const eP = histogramEdges(
    shared
      ? [
          { X: P, n: nP },
          { X: Q, n: nQ },
        ]
      : [{ X: P, n: nP }],
    d,
    bins,
  );
  const eQ = shared ? eP : histogramEdges([{ X: Q, n: nQ }], d, bins);
  const v = sparseClippedEntropy(
    sparseHistogram(P, nP, d, bins, eP, counts),
    sparseHistogram(Q, nQ, d, bins, eQ, counts),
    floor,
    scratch,
  );
  // The scratch buffers come back zeroed, ready for the next call.
  expect(counts.every((c) => c === 0) && scratch.every((c) => c === 0)).toBe(true);
  return v;
}

describe('histogram KL: the published protocol against numpy + SciPy', () => {
  // numpy sums pairwise and we sum with Neumaier compensation; with edges and densities computed
  // the same way the results differ only in the last bits: 1e-13 relative.
  for (const c of fixture.cases) {
    it(`${c.name}: own edges and shared edges, dense and sparse`, () => {
      const P = flat(c.P);
      const Q = flat(c.Q);
      const nP = c.P.length;
      const nQ = c.Q.length;
      expectClose(histogramKl(P, nP, Q, nQ, c.d, c.bins, c.floor, false), c.own, 1e-13);
      expectClose(histogramKl(P, nP, Q, nQ, c.d, c.bins, c.floor, true), c.shared, 1e-13);
      expectClose(sparseKl(P, nP, Q, nQ, c.d, c.bins, c.floor, false), c.own, 1e-13);
      expectClose(sparseKl(P, nP, Q, nQ, c.d, c.bins, c.floor, true), c.shared, 1e-13);
    });
  }
});

describe('sparse histograms', () => {
  it('hold exactly the dense densities of the occupied cells', () => {
    const rng = createRandom(11);
    for (const [d, bins, n] of [
      [1, 7, 50],
      [2, 50, 1000],
      [3, 6, 300],
    ] as const) {
      const X = new Float64Array(n * d);
      // Values on a coarse lattice, so many land exactly on edges.
      for (let i = 0; i < X.length; i++) X[i] = Math.round(rng.normal() * 8) / 8;
      const edges = histogramEdges([{ X, n }], d, bins);
      const dense = histogramDensity(X, n, d, bins, edges);
      const sparse = sparseHistogram(X, n, d, bins, edges, new Float64Array(bins ** d));
      const fromSparse = new Float64Array(bins ** d);
      sparse.index.forEach((c, t) => {
        fromSparse[c] = sparse.density[t] as number;
      });
      expect(Array.from(fromSparse)).toEqual(Array.from(dense));
    }
  });
});
