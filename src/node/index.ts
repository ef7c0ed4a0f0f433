/**
 * Node-only parts of infobound: the paper's simulation on worker threads. `figure4` and `klGap`
 * here take the options of their namesakes in `infobound/simulation` plus `workers`, run the
 * repetitions in parallel, and return the same bits as the single-threaded functions for any
 * number of workers.
 * @packageDocumentation
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { type Figure4Options, type Figure4Result, figure4Plan } from '../simulation/figure4.js';
import {
  assembleKlGap,
  type KlGapOptions,
  type KlGapResult,
  resolveKlGapOptions,
} from '../simulation/klGap.js';
import { resolveWorkers, runRepetitions } from './pool.js';

/** Options of the parallel runs: worker threads and a finer progress report. @public */
export interface ParallelOptions {
  /** Worker threads (default `os.availableParallelism()`; 1 runs on the calling thread). */
  workers?: number;
  /** Called as repetitions finish, with the count so far and the total. */
  onRepetition?: (done: number, total: number) => void;
}

function progress(
  total: number,
  onRepetition: ParallelOptions['onRepetition'],
): ((k: number) => void) | undefined {
  if (onRepetition === undefined) return undefined;
  if (typeof onRepetition !== 'function') {
    throw new InfoboundError(
      'INVALID_OPTION',
      `onRepetition is ${formatValue(onRepetition)}: expected a function`,
    );
  }
  let done = 0;
  return (k) => {
    done += k;
    onRepetition(done, total);
  };
}

/**
 * `simulation.klGap` on worker threads: the same result, bit for bit, for any `workers`.
 *
 * @example
 * ```ts
 * import { klGap } from 'infobound/node';
 * import { simulation } from 'infobound';
 * const o = { K: 2, J: 2, L: 2, repetitions: 4, resamples: 1, resampleSize: 100, seed: 3 };
 * const r = await klGap({ ...o, workers: 2 });
 * r.mean === simulation.klGap(o).mean; // true
 * ```
 * @public
 */
export async function klGap(options: KlGapOptions & ParallelOptions): Promise<KlGapResult> {
  const { workers, onRepetition, ...rest } = options;
  const o = resolveKlGapOptions(rest);
  const w = resolveWorkers(workers);
  const [reps] = await runRepetitions([o], w, progress(o.repetitions, onRepetition));
  return assembleKlGap(o, reps as NonNullable<typeof reps>);
}

/**
 * `simulation.figure4` on worker threads: the same result, bit for bit, for any `workers`. The
 * repetitions of all 3 × values.length settings share one pool, so the load stays balanced.
 * `onProgress` is called after each setting completes (in setting order), `onRepetition` as
 * repetitions finish.
 *
 * @example
 * ```ts
 * import { figure4 } from 'infobound/node';
 * const f = await figure4({ values: [2, 3], repetitions: 2, resamples: 1, resampleSize: 100, workers: 2 });
 * f.K.length; // 2
 * ```
 * @public
 */
export async function figure4(
  options: Figure4Options & ParallelOptions = {},
): Promise<Figure4Result> {
  const { workers, onRepetition, ...rest } = options;
  const { settings, onProgress } = figure4Plan(rest);
  const w = resolveWorkers(workers);
  const total = settings.reduce((a, s) => a + s.resolved.repetitions, 0);
  const reps = await runRepetitions(
    settings.map((s) => s.resolved),
    w,
    progress(total, onRepetition),
  );
  const out: Figure4Result = { K: [], J: [], L: [] };
  settings.forEach((s, i) => {
    const r = assembleKlGap(s.resolved, reps[i] as NonNullable<(typeof reps)[number]>);
    out[s.sweep].push({ value: s.value, mean: r.mean, std: r.std, values: r.values });
    onProgress?.({ sweep: s.sweep, value: s.value, done: i + 1, total: settings.length });
  });
  return out;
}
