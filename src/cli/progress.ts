/** Progress bars for long runs, drawn by cli-progress on stderr, only on a terminal. */
import cliProgress from 'cli-progress';

/** A progress display: `update(done, total)` after each step, `stop()` at the end. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress display that shows nothing (output redirected, or `--json`). */
export const noProgress: Progress = { update: () => {}, stop: () => {} };

/**
 * A cli-progress bar on `stream` (stderr, so that stdout carries only the result).
 *
 * @param label - What is being counted, shown before the bar.
 * @param stream - Where to draw it.
 */
export function progressBar(label: string, stream: NodeJS.WritableStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
