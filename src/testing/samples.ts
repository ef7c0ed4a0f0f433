import * as fc from 'fast-check';
import { InfoboundError } from '../core/errors.js';

/** N paired samples of three label variables, coded 0..states−1, from {@link labelTriples}. @public */
export interface LabelTriple {
  x: number[];
  y: number[];
  z: number[];
}

/** Options of {@link labelTriples}. @public */
export interface LabelTriplesOptions {
  /** Most samples N, drawn from 1..maxSamples (default 300). */
  maxSamples?: number;
  /** Number of labels K: every label is in 0..K−1 (default 5). */
  states?: number;
}

/**
 * Samples of a noisy Markov chain of labels X → Y → Z, for the plug-in estimators
 * (`entropyFromSamples`, `mutualInformationFromSamples`, NMI, …): N ∈ [1, maxSamples] samples;
 * X uniform on 0..kx−1 (kx ∈ [1, K]); Y = g(X) and Z = h(Y) for random maps g, h, except that
 * each is replaced, at a random rate in {0, 0.1, 0.5, 1}, by a fresh uniform label. Rate 0 gives
 * deterministic relations (NMI = 1), rate 1 independence.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { labelTriples } from 'infobound/testing';
 * // Data processing holds for the plug-in MI of the empirical distribution, too.
 * fc.assert(fc.property(labelTriples(), ({ x, y }) =>
 *   discrete.mutualInformationFromSamples(x, y) <= discrete.entropyFromSamples(x) + 1e-12));
 * ```
 * @public
 */
export function labelTriples(options: LabelTriplesOptions = {}): fc.Arbitrary<LabelTriple> {
  const { maxSamples = 300, states = 5 } = options;
  for (const [name, v] of [
    ['maxSamples', maxSamples],
    ['states', states],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new InfoboundError('INVALID_OPTION', `${name} is ${v}: expected an integer ≥ 1`);
    }
  }
  const label = fc.integer({ min: 0, max: states - 1 });
  const map = fc.array(label, { minLength: states, maxLength: states });
  const rate = fc.constantFrom(0, 0.1, 0.5, 1);
  return fc
    .tuple(fc.integer({ min: 1, max: maxSamples }), fc.integer({ min: 1, max: states }))
    .chain(([n, kx]) => {
      const col = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: n, maxLength: n });
      return fc.record({
        x: col(fc.integer({ min: 0, max: kx - 1 })),
        g: map,
        h: map,
        ry: rate,
        rz: rate,
        uy: col(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        uz: col(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        ny: col(label),
        nz: col(label),
      });
    })
    .map(({ x, g, h, ry, rz, uy, uz, ny, nz }) => {
      const y = x.map((xi, i) => ((uy[i] as number) < ry ? (ny[i] as number) : (g[xi] as number)));
      const z = y.map((yi, i) => ((uz[i] as number) < rz ? (nz[i] as number) : (h[yi] as number)));
      return { x, y, z };
    });
}
