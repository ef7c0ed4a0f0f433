import { describe, expect, it } from 'vitest';
import { simulation } from '../../src/index.js';
import { figure4, klGap } from '../../src/node/index.js';
import { expectInfoboundError } from '../helpers.js';

// Worker threads here load the TypeScript source through tsx (about a second each to start).
const tiny = { values: [2, 4], repetitions: 5, resamples: 2, resampleSize: 150, seed: 9 } as const;

describe('infobound/node: the simulation on worker threads', () => {
  it('figure4 gives the same bits as the single-threaded run for 1, 2 and 3 workers', async () => {
    for (const klEstimator of ['monte-carlo', 'histogram'] as const) {
      const serial = simulation.figure4({ ...tiny, klEstimator });
      for (const workers of [1, 2, 3]) {
        const progress: number[] = [];
        const parallel = await figure4({
          ...tiny,
          klEstimator,
          workers,
          onRepetition: (done, total) => {
            expect(total).toBe(6 * 5);
            progress.push(done);
          },
        });
        expect(parallel).toEqual(serial);
        expect(progress.at(-1)).toBe(30);
      }
    }
  }, 60_000);

  it('klGap gives the same bits as simulation.klGap', async () => {
    const o = { K: 3, J: 1, L: 2, repetitions: 7, resamples: 2, resampleSize: 100, seed: 2 };
    expect(await klGap({ ...o, workers: 2 })).toEqual(simulation.klGap(o));
  }, 60_000);

  it('rejects bad options before starting any thread', async () => {
    await expect(klGap({ K: 0, J: 1, L: 1 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(klGap({ K: 1, J: 1, L: 1, workers: 0 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(figure4({ ...tiny, workers: 1.5 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
    await expect(
      figure4({ ...tiny, onRepetition: 3 as unknown as () => void }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, values: [] }),
      'INVALID_OPTION',
      'values',
    );
  });
});
