/** Options, input preparation and checks shared by the kNN estimators (not public). */
import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput, type Samples, toSamples } from '../core/input.js';
import { exponentOf, ldexp } from '../core/linalg.js';
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
   * otherwise make neighbour distances 0. A column with zero spread (constant, up to the rounding
   * of its mean: sd ≤ n·ε·max|x|) uses max(1, |value|) as its scale. At 1e-10 it does not change any neighbour count on continuous
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

/**
 * Below 2^-400 the data's largest |x| is brought to [1, 2) ({@link extremeExponent}).
 */
const TINY_EXPONENT = -400;

/**
 * The smallest jitter (or, without jitter, the smallest column spread) the Euclidean estimators
 * can square: below 2^-480 its square, ≲ 2^-960, is within a few factors of |Δz|² (two normal
 * draws' difference) and of d of leaving the normal range (2^-1022), and tied points end up at
 * distance 0.
 */
const SMALLEST_SCALE = -480;

/**
 * The exponent e such that the estimators run on the data × 2^e: 0 (data as given, bit for bit)
 * unless something they square would leave the doubles' normal range:
 * - the largest |x| over all `sets` is at least 2^(510 − ½ log2 max(n, d)), where n·(2 max|x|)²
 *   (a column's sum of squared deviations) or d·(2 max|x|)² (a squared distance) overflows: the
 *   data are brought down just below that, no further, so that the small values of data spanning
 *   a wide range (X ~ 1e-160 against Y ~ 1e150) stay out of the subnormals;
 * - the largest |x| is below 2^-400: it is brought to [1, 2);
 * - with `squared` distances (Euclidean), the jitter of some non-constant column, `jitter` × its
 *   spread, is below 2^-480 (tied data at 1e-150 beside data of size 1), so its square
 *   underflows: the data are brought up until it is not, as far as the largest |x| allows. (The
 *   max-norm estimators square nothing.)
 * Multiplying by a power of two is exact, so distances, spreads and the jitter scale exactly.
 * @internal
 */
export function extremeExponent(
  sets: readonly Samples[],
  jitter: number,
  squared: boolean,
): number {
  let max = 0;
  let size = 1;
  // The smallest column jitter scale: jitter·(spread/√n) ≤ jitter·sd, spread = max |x − mean|
  // (no squares, which underflow); the spread alone with jitter 0.
  let smallest = Number.POSITIVE_INFINITY;
  for (const s of sets) {
    const { data, n, d } = s;
    size = Math.max(size, n, d);
    for (let k = 0; k < d; k++) {
      let mean = 0;
      for (let i = 0; i < n; i++) mean += data[i * d + k] as number;
      mean /= n;
      let spread = 0;
      let colMax = 0;
      for (let i = 0; i < n; i++) {
        const v = data[i * d + k] as number;
        colMax = Math.max(colMax, Math.abs(v));
        spread = Math.max(spread, Math.abs(v - mean));
      }
      max = Math.max(max, colMax);
      // A spread within the rounding of the mean is a constant column's (columnSpread), whose
      // jitter is absolute.
      if (spread <= n * Number.EPSILON * colMax) continue;
      const scale = jitter > 0 ? (jitter * spread) / Math.sqrt(n) : spread;
      smallest = Math.min(smallest, scale);
    }
  }
  if (max === 0) return 0;
  const e = exponentOf(max);
  const hiExponent = 510 - Math.ceil(Math.log2(size) / 2);
  if (e >= hiExponent) return hiExponent - 1 - e;
  let up = e < TINY_EXPONENT ? -e : 0;
  if (squared && smallest < 2 ** SMALLEST_SCALE)
    up = Math.max(up, SMALLEST_SCALE - exponentOf(smallest));
  return Math.min(up, hiExponent - 1 - e);
}

/** The samples × 2^e (a copy), or the samples themselves when e = 0. @internal */
export function scaleSamples(s: Samples, e: number): Samples {
  if (e === 0) return s;
  const data = new Float64Array(s.data.length);
  for (let i = 0; i < data.length; i++) data[i] = ldexp(s.data[i] as number, e);
  return { data, n: s.n, d: s.d };
}

/**
 * Per-column mean and population standard deviation. A column whose sd is within the rounding of
 * its own mean, sd ≤ n·ε·max|x| (the bound gaussian/scatter.ts derives for a constant column),
 * gets sd 0: it is constant, and its jitter is the constant column's (max(1, |value|)), not
 * 1e-10 of a rounding error (which squares to 0 for data at 1e-140, and left [1e-141] × 3 with
 * another jitter than [3e-141] × 3, whose mean is exact).
 * @internal
 */
export function columnSpread(s: Samples): { mean: Float64Array; std: Float64Array } {
  const { data, n, d } = s;
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const max = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j] as number;
      const g = v - (mean[j] as number);
      std[j] = (std[j] as number) + g * g;
      max[j] = Math.max(max[j] as number, Math.abs(v));
    }
  }
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt((std[j] as number) / n);
    std[j] = sd <= n * Number.EPSILON * (max[j] as number) ? 0 : sd;
  }
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
      let scale = standardize ? 1 : sd;
      if (!(sd > 0)) {
        // A constant column: max(1, |value|), its value once centred. Where the mean rounded the
        // centred values are that rounding (~ε·|x|), not 0: they count too, or at 1e150 a jitter
        // of 1e-10 would be rounded away against them.
        scale = Math.max(1, Math.abs((mean[j] as number) - (centre[j] as number)));
        for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(data[i * d + j] as number));
      }
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
