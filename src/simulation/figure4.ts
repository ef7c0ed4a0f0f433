/** Figure 4 of the paper: the KL Gap as K, J and L each sweep a range with the other two fixed. */
import { formatValue, InfoboundError } from '../core/errors.js';
import {
  type KlGapOptions,
  klGap,
  type ResolvedKlGapOptions,
  resolveKlGapOptions,
} from './klGap.js';
import { integerOption } from './options.js';

/** One point of a sweep. @public */
export interface Figure4Point {
  /** The swept count (K, J or L). */
  value: number;
  /** Mean KL Gap over the repetitions, in nats. */
  mean: number;
  /** Sample standard deviation of the KL Gap over the repetitions (divisor repetitions − 1). */
  std: number;
  /** The KL Gap of each repetition (repetition r uses the same seeds at every point of a sweep). */
  values: number[];
}

/** The three sweeps of {@link figure4}. @public */
export interface Figure4Result {
  K: Figure4Point[];
  J: Figure4Point[];
  L: Figure4Point[];
}

/** A progress report of {@link figure4}, after each setting. @public */
export interface Figure4Progress {
  /** The sweep the finished setting belongs to. */
  sweep: 'K' | 'J' | 'L';
  /** The swept count of the finished setting. */
  value: number;
  /** Settings finished so far. */
  done: number;
  /** Settings in all (3 × values.length). */
  total: number;
}

/** Options of {@link figure4}: those of klGap but K, J, L, plus the sweep. @public */
export interface Figure4Options extends Omit<KlGapOptions, 'K' | 'J' | 'L'> {
  /** The counts each sweep visits (default 2, 3, …, 15; integers, ≥ 1 for K and ≥ 0 for J, L). */
  values?: readonly number[];
  /** The value of the two counts not being swept (default 2). */
  fixed?: number;
  /** Called after each of the 3 × values.length settings. */
  onProgress?: (progress: Figure4Progress) => void;
}

const DEFAULT_VALUES: readonly number[] = Array.from({ length: 14 }, (_, i) => i + 2);

/**
 * Figure 4 of the paper: three sweeps of {@link klGap}, varying K, then J, then L over `values`
 * with the other two at `fixed` (2), each point the mean ± std over `repetitions`.
 *
 * Every setting runs with the same `seed`, so the settings K = J = L = fixed of the three sweeps
 * are the same run and give identical points, and neighbouring settings share their random draws
 * where the construction allows (see klGap). Reported trends (Fig. 4): the gap increases with J
 * and decreases with K and with L.
 *
 * Complexity: 3 × values.length calls of klGap. The published protocol (values 2..15,
 * repetitions 100, resamples 100, resampleSize 1000) is 4200 repetitions and 4.2·10⁸ draws per
 * fitted model.
 *
 * Reference: Gan & Liu, Sec. 4.4, Figure 4.
 *
 * @example
 * ```ts
 * import { simulation } from 'infobound';
 * const f = simulation.figure4({ values: [2, 4], repetitions: 2, resamples: 1, resampleSize: 100, seed: 1 });
 * f.J.map((p) => p.value); // [ 2, 4 ]
 * f.K[0].mean === f.L[0].mean; // true (the same setting K = J = L = 2)
 * ```
 * @public
 */
export function figure4(options: Figure4Options = {}): Figure4Result {
  const { settings, onProgress } = figure4Plan(options);
  const out: Figure4Result = { K: [], J: [], L: [] };
  let done = 0;
  for (const s of settings) {
    const r = klGap(s.options);
    out[s.sweep].push({ value: s.value, mean: r.mean, std: r.std, values: r.values });
    done++;
    onProgress?.({ sweep: s.sweep, value: s.value, done, total: settings.length });
  }
  return out;
}

/** One setting of Figure 4. @internal */
export interface Figure4Setting {
  sweep: 'K' | 'J' | 'L';
  value: number;
  options: KlGapOptions;
  resolved: ResolvedKlGapOptions;
}

/**
 * Validates {@link figure4}'s options and lists its settings, sweep K, then J, then L (shared by
 * the sequential and the worker-thread runs). Every setting is validated before any runs, so a
 * bad option fails fast. @internal
 */
export function figure4Plan(options: Figure4Options): {
  settings: Figure4Setting[];
  onProgress: Figure4Options['onProgress'];
} {
  if (typeof options !== 'object' || options === null) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `options is ${formatValue(options)}: expected { values, repetitions, ... }`,
    );
  }
  const { values: rawValues, fixed: rawFixed, onProgress, ...rest } = options;
  const values = rawValues === undefined ? DEFAULT_VALUES : rawValues;
  if (!Array.isArray(values) || values.length === 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `values is ${formatValue(values)}: expected a non-empty array of integers`,
    );
  }
  values.forEach((v, i) => {
    integerOption(v, `values[${i}]`, 0);
  });
  const fixed = integerOption(rawFixed, 'fixed', 1, 2);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InfoboundError(
      'INVALID_OPTION',
      `onProgress is ${formatValue(onProgress)}: expected a function`,
    );
  }
  const sweeps = ['K', 'J', 'L'] as const;
  const settings = sweeps.flatMap((sweep) =>
    values.map((value) => {
      const opts = { ...rest, K: fixed, J: fixed, L: fixed, [sweep]: value } as KlGapOptions;
      return { sweep, value, options: opts, resolved: resolveKlGapOptions(opts) };
    }),
  );
  return { settings, onProgress };
}
