import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/random.js';
import { initialResponsibilities, kmeansPlusPlus, lloyd } from '../../src/gmm/init.js';

/** Three tight clusters of 30 points around (0, 0), (10, 0), (0, 10). */
function clusters(seed: number): Float64Array {
  const rng = createRandom(seed);
  const centres = [
    [0, 0],
    [10, 0],
    [0, 10],
  ];
  const X = new Float64Array(90 * 2);
  for (let i = 0; i < 90; i++) {
    const c = centres[i % 3]!;
    X[2 * i] = c[0]! + 0.5 * rng.normal();
    X[2 * i + 1] = c[1]! + 0.5 * rng.normal();
  }
  return X;
}
const cluster = (X: Float64Array, i: number): number =>
  X[2 * i]! > 5 ? 1 : X[2 * i + 1]! > 5 ? 2 : 0;

describe('k-means++ seeding', () => {
  it('one seed per well-separated cluster, distinct, reproducible from the generator', () => {
    const X = clusters(1);
    for (let seed = 0; seed < 20; seed++) {
      const s = kmeansPlusPlus(X, 90, 2, 3, createRandom(seed));
      expect(new Set(Array.from(s, (i) => cluster(X, i))).size).toBe(3);
      expect(Array.from(kmeansPlusPlus(X, 90, 2, 3, createRandom(seed)))).toEqual(Array.from(s));
    }
  });

  it('never picks a point at distance 0 while a farther one exists (duplicates)', () => {
    // 10 copies of one point and one other point: the second seed must be the other point.
    const X = Float64Array.from([...Array.from({ length: 20 }, () => 1), 5, 5]);
    const s = kmeansPlusPlus(X, 11, 2, 2, createRandom(0));
    expect(new Set(Array.from(s, (i) => X[2 * i]))).toEqual(new Set([1, 5]));
  });
});

describe("Lloyd's k-means", () => {
  it('recovers the clusters and every cell is non-empty', () => {
    const X = clusters(2);
    const C = Float64Array.from([0, 0, 0.1, 0, 0, 0.1]);
    const labels = lloyd(X, 90, 2, C, 3);
    // Each label is one cluster exactly.
    const map = new Map<number, number>();
    for (let i = 0; i < 90; i++) {
      const c = cluster(X, i);
      if (!map.has(labels[i]!)) map.set(labels[i]!, c);
      expect(map.get(labels[i]!)).toBe(c);
    }
    expect(map.size).toBe(3);
  });

  it('empty cells are refilled with the farthest sample (all points equal: one sample each)', () => {
    const X = new Float64Array(2 * 12).fill(3);
    const C = new Float64Array(2 * 4).fill(3);
    const labels = lloyd(X, 12, 2, C, 4);
    for (let j = 0; j < 4; j++) expect(Array.from(labels).includes(j)).toBe(true);
  });
});

describe('initial responsibilities', () => {
  for (const method of ['kmeans++', 'kmeans', 'random'] as const) {
    it(`${method}: rows sum to 1; every component has a sample, even on identical points`, () => {
      for (const X of [clusters(3), new Float64Array(2 * 90).fill(-1)]) {
        const resp = new Float64Array(90 * 4);
        initialResponsibilities(method, X, 90, 2, 4, createRandom(1), resp);
        const cols = [0, 0, 0, 0];
        for (let i = 0; i < 90; i++) {
          let t = 0;
          for (let j = 0; j < 4; j++) {
            t += resp[i * 4 + j]!;
            cols[j]! += resp[i * 4 + j]!;
          }
          expect(Math.abs(t - 1)).toBeLessThan(1e-15);
        }
        for (const c of cols) expect(c).toBeGreaterThan(0.5);
      }
    });
  }
});
