/**
 * The worker thread of {@link runRepetitions}: runs the repetitions it is sent and posts their
 * summaries back. Node only.
 */
import { parentPort } from 'node:worker_threads';
import { InfoboundError } from '../core/errors.js';
import {
  klGapRepetition,
  type RepetitionSummary,
  type ResolvedKlGapOptions,
  summarizeRepetition,
} from '../simulation/klGap.js';

/** A chunk of repetitions of one setting. @internal */
export interface Job {
  id: number;
  options: ResolvedKlGapOptions;
  start: number;
  end: number;
}

/** A worker's answer: the chunk's summaries, or the error it raised. @internal */
export type JobResult =
  | { id: number; reps: RepetitionSummary[] }
  | { id: number; error: { message: string; code?: string } };

parentPort?.on('message', (job: Job) => {
  try {
    const reps: RepetitionSummary[] = [];
    for (let r = job.start; r < job.end; r++) {
      reps.push(summarizeRepetition(klGapRepetition(job.options, r)));
    }
    parentPort?.postMessage({ id: job.id, reps } satisfies JobResult);
  } catch (e) {
    const error =
      e instanceof InfoboundError
        ? { message: e.message, code: e.code }
        : { message: e instanceof Error ? e.message : String(e) };
    parentPort?.postMessage({ id: job.id, error } satisfies JobResult);
  }
});
