/** Options, input preparation and checks shared by the kNN estimators (not public). */
import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput, type Samples, toSamples } from '../core/input.js';
import { checkSeed, createRandom, type Random } from '../core/random.js';
import type { BaseOptions } from '../core/units.js';
import { type NeighborSearch, resolveSearch } from './neighbors.js';

/** Options shared by every kNN estimator. @public */
export interface KnnOptions extends BaseOptions {
  /** Neighbour order k ≥ 1 (default 3). Larger k: less variance, more bias. */
  k?: number;
  /**
   * Relative size of the seeded Gaussian jitter added to every coordinate before the neighbour
   * search, as a multiple of the column's standard deviation (default 1e-10; 0 turns it off).
   * It breaks ties between equal values (discrete-valued data, repeated embeddings), which
   * otherwise make neighbour distances 0. A column with zero spread (constant) uses
   * max(1, |value|) as its scale. At 1e-10 it does not change any neighbour count on continuous
   * data unless two distances agree to 10 significant digits.
   */
  jitter?: number;
  /** Seed of the jitter (default 0): results are reproducible bit for bit. */
  seed?: number;
  /**
   * Neighbour search: `'kd-tree'`, `'brute'` (blocked scan), or `'auto'` (default: a k-d tree
   * up to d = 12 and n ≥ 64, brute force beyond). Distances and counts are identical on every
   * path; only speed differs (with `jitter: 0` on tied data, KSG algorithm 2 may keep a different
   * one of several points tied at the k-th distance).
   */
  search?: NeighborSearch;
}

/** Options of the kNN dependence estimators (MI, CMI). @public */
export interface KnnDependenceOptions extends KnnOptions {
  /**
   * Divide each column by its standard deviation first (default false). KSG uses the max-norm
   * across variables, so the estimate depends on their relative scales; standardising makes it
   * invariant to rescaling any column.
   */
  standardize?: boolean;
}

/** @internal */
export function readK(k: unknown, n: number, nameOfSet: string, maxK = n - 1): number {
  const kk = k === undefined ? 3 : k;
  if (typeof kk !== 'number' || !Number.isInteger(kk) || kk < 1) {
    throw new InfoboundError('INVALID_OPTION', `k is ${formatValue(kk)}: expected an integer ≥ 1`);
  }
  if (kk > maxK) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `k is ${kk} but ${nameOfSet} has ${n} samples: k must be < n (at most ${maxK})`,
    );
  }
  return kk;
}

/** @internal */
export function readJitter(jitter: unknown): number {
  const j = jitter === undefined ? 1e-10 : jitter;
  if (typeof j !== 'number' || !Number.isFinite(j) || j < 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `jitter is ${formatValue(j)}: expected a finite number ≥ 0`,
    );
  }
  return j;
}

/** Per-column mean and population standard deviation. @internal */
export function columnSpread(s: Samples): { mean: Float64Array; std: Float64Array } {
  const { data, n, d } = s;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const g = (data[i * d + j] as number) - (mean[j] as number);
      std[j] = (std[j] as number) + g * g;
    }
  }
  for (let j = 0; j < d; j++) std[j] = Math.sqrt((std[j] as number) / n);
  return { mean, std };
}

/**
 * Copies samples, optionally standardising columns, then adds the seeded jitter.
 * @internal
 */
export function prepare(
  s: Samples,
  jitter: number,
  rng: Random | undefined,
  standardize: boolean,
  shift?: Float64Array,
): Samples {
  const { n, d } = s;
  const data = Float64Array.from(s.data);
  if (jitter === 0 && !standardize) return { data, n, d };
  const { mean, std } = columnSpread(s);
  // Centre first (on the column means, or on a shift shared by two sample sets, as KL needs): the
  // estimators are shift-invariant, and far from 0 a jitter of 1e-10·std would fall below the
  // spacing of doubles near the values and be rounded away (measured: integer data offset by 1e4
  // gave a wrong KSG estimate, by 1e5 a DEGENERATE_SAMPLES error).
  const centre = shift ?? mean;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++)
      data[i * d + j] = (data[i * d + j] as number) - (centre[j] as number);
  }
  if (standardize) {
    for (let j = 0; j < d; j++) {
      const sd = std[j] as number;
      if (sd > 0) for (let i = 0; i < n; i++) data[i * d + j] = (data[i * d + j] as number) / sd;
    }
  }
  if (jitter > 0 && rng) {
    for (let j = 0; j < d; j++) {
      const sd = std[j] as number;
      const offset = Math.abs((mean[j] as number) - (centre[j] as number));
      const scale = sd > 0 ? (standardize ? 1 : sd) : Math.max(1, offset);
      std[j] = jitter * scale;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++)
        data[i * d + j] = (data[i * d + j] as number) + (std[j] as number) * rng.normal();
    }
  }
  return { data, n, d };
}

/** Reads the common options. @internal */
export function readOptions(options: KnnDependenceOptions, n: number, d: number) {
  const jitter = readJitter(options.jitter);
  const seed = options.seed === undefined ? 0 : checkSeed(options.seed);
  const search = resolveSearch(
    oneOf(options.search, ['auto', 'kd-tree', 'brute'], 'auto', 'search'),
    n,
    d,
  );
  const standardize = options.standardize === undefined ? false : options.standardize;
  if (typeof standardize !== 'boolean') {
    throw new InfoboundError(
      'INVALID_OPTION',
      `standardize is ${formatValue(standardize)}: expected true or false`,
    );
  }
  return { jitter, rng: jitter > 0 ? createRandom(seed) : undefined, search, standardize };
}

/** Reads samples for a kNN estimator: at least 2 rows. @internal */
export function readSamples(x: SampleInput, name: string): Samples {
  return toSamples(x, name, 2);
}

/** 1st, 2nd, 3rd, 4th, ... @internal */
export function ordinal(k: number): string {
  const t = k % 100;
  const suffix = t >= 11 && t <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${suffix}`;
}

/** Throws DEGENERATE_SAMPLES at the first zero neighbour distance. @internal */
export function assertPositiveDistances(dist: Float64Array, name: string, what: string): void {
  for (let i = 0; i < dist.length; i++) {
    if (!((dist[i] as number) > 0)) {
      throw new InfoboundError(
        'DEGENERATE_SAMPLES',
        `${name}[${i}] has ${what} at distance 0 (duplicate points): the estimator would take log 0; keep the default jitter, or pass jitter > 0, or remove duplicates`,
      );
    }
  }
}

/** Concatenates the columns of paired sample sets: row i = [a_i, b_i, ...]. @internal */
export function stackColumns(...sets: Samples[]): Samples {
  const n = (sets[0] as Samples).n;
  const d = sets.reduce((acc, s) => acc + s.d, 0);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let off = i * d;
    for (const s of sets) {
      data.set(s.data.subarray(i * s.d, (i + 1) * s.d), off);
      off += s.d;
    }
  }
  return { data, n, d };
}
