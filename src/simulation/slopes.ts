/** The trends of Figure 4 as slopes with confidence intervals. */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { formatValue, InfoboundError } from '../core/errors.js';
import type { Figure4Point, Figure4Result } from './figure4.js';

/** The slope of one sweep of Figure 4, with its confidence interval. @public */
export interface TrendSlope {
  /** Mean over repetitions of each repetition's least-squares slope of KL Gap on the swept count (nats per component). */
  slope: number;
  /** Standard error of `slope`: sd of the per-repetition slopes / √repetitions. */
  standardError: number;
  /** The two-sided `level` Student-t interval for the mean slope (repetitions − 1 degrees of freedom). */
  lower: number;
  upper: number;
  /** 'increases', 'decreases', or 'flat' (the interval contains 0). */
  trend: 'increases' | 'decreases' | 'flat';
  /** Repetitions the slope averages. */
  repetitions: number;
}

/** {@link figure4Slopes} per sweep. @public */
export interface Figure4Slopes {
  K: TrendSlope;
  J: TrendSlope;
  L: TrendSlope;
  /** Confidence level of the intervals. */
  level: number;
}

function sweepSlope(points: readonly Figure4Point[], level: number, name: string): TrendSlope {
  const m = points.length;
  if (m < 2) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `result.${name} has ${m} point(s): a slope needs at least 2 swept values`,
    );
  }
  const R = (points[0] as Figure4Point).values.length;
  if (R < 2 || points.some((p) => p.values.length !== R)) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `result.${name}: every point needs the same number (≥ 2) of per-repetition values`,
    );
  }
  const xs = points.map((p) => p.value);
  const xBar = xs.reduce((a, b) => a + b, 0) / m;
  let sxx = 0;
  for (const x of xs) sxx += (x - xBar) ** 2;
  if (sxx === 0) {
    throw new InfoboundError('INVALID_ARGUMENT', `result.${name}: the swept values are all equal`);
  }
  // Repetition r uses the same seeds at every point of a sweep (common random numbers), so its
  // gaps across the sweep are one curve: fit its slope, then treat the R slopes as independent
  // draws (different repetitions share no random numbers).
  const slopes = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let sxy = 0;
    for (let i = 0; i < m; i++) {
      sxy += ((xs[i] as number) - xBar) * ((points[i] as Figure4Point).values[r] as number);
    }
    slopes[r] = sxy / sxx;
  }
  let mean = 0;
  for (const s of slopes) mean += s;
  mean /= R;
  let ss = 0;
  for (const s of slopes) ss += (s - mean) ** 2;
  const standardError = Math.sqrt(ss / (R - 1) / R);
  const half = tQuantile(0.5 + level / 2, R - 1) * standardError;
  const lower = mean - half;
  const upper = mean + half;
  const trend = lower > 0 ? 'increases' : upper < 0 ? 'decreases' : 'flat';
  return { slope: mean, standardError, lower, upper, trend, repetitions: R };
}

/**
 * The trend of each sweep of a {@link figure4} result as a slope with a confidence interval:
 * each repetition's KL Gaps along the sweep are fitted by least squares against the swept count,
 * and the mean of those per-repetition slopes gets a Student-t interval over repetitions.
 *
 * Why per repetition: figure4 runs every setting with the same seed, so repetition r draws the
 * same truth and data wherever the construction allows, and gaps of one repetition are
 * correlated across the sweep; slopes of different repetitions are independent, which is what
 * the interval needs. (A regression on the points' means with an ordinary standard error would
 * treat correlated points as independent.)
 *
 * `trend` is 'increases' / 'decreases' when the interval excludes 0, else 'flat'. The paper's
 * reported trends are: increases with J, decreases with K and with L.
 *
 * @param options - `level`: the confidence level in (0, 1), default 0.95.
 * @example
 * ```ts
 * import { simulation } from 'infobound';
 * const f = simulation.figure4({ values: [2, 4, 6], repetitions: 3, resamples: 1, resampleSize: 100, seed: 1 });
 * const s = simulation.figure4Slopes(f);
 * s.J.lower <= s.J.slope && s.J.slope <= s.J.upper; // true
 * ```
 * @public
 */
export function figure4Slopes(
  result: Figure4Result,
  options: { level?: number } = {},
): Figure4Slopes {
  const level = options.level ?? 0.95;
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `level is ${formatValue(level)}: expected a number in (0, 1)`,
    );
  }
  if (typeof result !== 'object' || result === null) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `result is ${formatValue(result)}: expected the result of figure4`,
    );
  }
  return {
    K: sweepSlope(result.K, level, 'K'),
    J: sweepSlope(result.J, level, 'J'),
    L: sweepSlope(result.L, level, 'L'),
    level,
  };
}
