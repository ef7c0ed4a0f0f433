/**
 * Runs the simulation's repetitions on a pool of worker threads. Each repetition depends only on
 * its options and its index (every random sub-step draws from a seed derived from both), and the
 * results are put back in repetition order, so the output is the same bits for any number of
 * workers, including none. Node only.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InfoboundError, type InfoboundErrorCode } from '../core/errors.js';
import { integerOption } from '../core/options.js';
import {
  klGapRepetition,
  type RepetitionSummary,
  type ResolvedKlGapOptions,
  summarizeRepetition,
} from '../simulation/klGap.js';
import type { Job, JobResult } from './worker.js';

/**
 * A worker running the worker script next to this module: the built JavaScript (`node-worker.js`
 * or `.cjs` beside the bundle), or, when this module is the TypeScript source (tests, tsx), the
 * `.ts` file loaded through tsx's ESM hooks, which a worker thread has to register for itself.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // ESM loader hooks do not reach worker threads on Node 20, so the source is loaded through
    // tsx's CommonJS require hook instead (tests and tsx runs only; users run the built file).
    const require = createRequire(here);
    const script = fileURLToPath(new URL('./worker.ts', here));
    return new Worker(
      `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(script)});`,
      { eval: true },
    );
  }
  return new Worker(
    new URL(here.endsWith('.cjs') ? './node-worker.cjs' : './node-worker.js', here),
  );
}

/** The `workers` option: default the machine's available parallelism. @internal */
export function resolveWorkers(workers: unknown): number {
  return integerOption(workers, 'workers', 1, availableParallelism());
}

/**
 * Runs repetitions `0 .. options.repetitions − 1` of every setting and returns their summaries,
 * per setting in repetition order. Work is cut into chunks of a few repetitions, handed to
 * `workers` threads as they become free; `onRepetitions(k)` is called as k more finish.
 * With `workers = 1` everything runs on the calling thread.
 * @internal
 */
export async function runRepetitions(
  settings: readonly ResolvedKlGapOptions[],
  workers: number,
  onRepetitions?: (finished: number) => void,
): Promise<RepetitionSummary[][]> {
  const out = settings.map((o) => new Array<RepetitionSummary>(o.repetitions));
  const total = settings.reduce((a, o) => a + o.repetitions, 0);
  if (workers === 1) {
    settings.forEach((o, s) => {
      for (let r = 0; r < o.repetitions; r++) {
        (out[s] as RepetitionSummary[])[r] = summarizeRepetition(klGapRepetition(o, r));
        onRepetitions?.(1);
      }
    });
    return out;
  }
  // Chunks small enough to balance the load (≥ 8 per worker), large enough that messages cost
  // nothing next to the work.
  const size = Math.max(1, Math.min(10, Math.floor(total / (8 * workers))));
  const jobs: (Job & { setting: number })[] = [];
  settings.forEach((options, setting) => {
    for (let start = 0; start < options.repetitions; start += size) {
      const end = Math.min(options.repetitions, start + size);
      jobs.push({ id: jobs.length, setting, options, start, end });
    }
  });
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, startWorker);
  try {
    let next = 0;
    await new Promise<void>((resolve, reject) => {
      let pending = jobs.length;
      const send = (w: Worker) => {
        if (next < jobs.length) {
          const { setting: _setting, ...job } = jobs[next++] as Job & { setting: number };
          w.postMessage(job);
        }
      };
      for (const w of pool) {
        w.on('message', (m: JobResult) => {
          if ('error' in m) {
            const { message, code } = m.error;
            reject(
              code === undefined
                ? new Error(message)
                : new InfoboundError(code as InfoboundErrorCode, message),
            );
            return;
          }
          const job = jobs[m.id] as Job & { setting: number };
          m.reps.forEach((rep, i) => {
            (out[job.setting] as RepetitionSummary[])[job.start + i] = rep;
          });
          onRepetitions?.(m.reps.length);
          if (--pending === 0) resolve();
          else send(w);
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`a simulation worker thread exited with code ${code}`));
        });
        send(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out;
}
