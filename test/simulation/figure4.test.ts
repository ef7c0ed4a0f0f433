import { describe, expect, it } from 'vitest';
import { simulation } from '../../src/index.js';
import type { Figure4Progress } from '../../src/simulation/index.js';
import { expectInfoboundError } from '../helpers.js';

const tiny = { values: [2, 3], repetitions: 2, resamples: 1, resampleSize: 100, seed: 4 } as const;

describe('figure4', () => {
  it('returns three sweeps of { value, mean, std }, each point a klGap run', () => {
    const f = simulation.figure4(tiny);
    for (const sweep of ['K', 'J', 'L'] as const) {
      expect(f[sweep].map((p) => p.value)).toEqual([2, 3]);
      for (const p of f[sweep]) {
        expect(Object.keys(p).sort()).toEqual(['mean', 'std', 'value', 'values']);
        expect(Number.isFinite(p.mean) && p.std >= 0).toBe(true);
      }
    }
    // K = J = L = 2 is one setting, run with the same seed in each sweep.
    expect(f.J[0]).toEqual(f.K[0]);
    expect(f.L[0]).toEqual(f.K[0]);
    const direct = simulation.klGap({
      K: 2,
      J: 3,
      L: 2,
      repetitions: 2,
      resamples: 1,
      resampleSize: 100,
      seed: 4,
    });
    expect(f.J[1]).toEqual({ value: 3, mean: direct.mean, std: direct.std, values: direct.values });
  });

  it('is reproducible and reports progress after each setting', () => {
    const progress: Figure4Progress[] = [];
    const a = simulation.figure4({
      ...tiny,
      klEstimator: 'histogram',
      onProgress: (p) => progress.push(p),
    });
    const b = simulation.figure4({ ...tiny, klEstimator: 'histogram' });
    expect(b).toEqual(a);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.every((p) => p.total === 6)).toBe(true);
    expect(progress.map((p) => `${p.sweep}${p.value}`)).toEqual([
      'K2',
      'K3',
      'J2',
      'J3',
      'L2',
      'L3',
    ]);
  });

  it('honours fixed', () => {
    const f = simulation.figure4({ ...tiny, values: [1], fixed: 1 });
    const direct = simulation.klGap({
      K: 1,
      J: 1,
      L: 1,
      repetitions: 2,
      resamples: 1,
      resampleSize: 100,
      seed: 4,
    });
    expect(f.L[0]?.mean).toBe(direct.mean);
  });

  it('validates its options before running anything', () => {
    let calls = 0;
    const onProgress = () => {
      calls++;
    };
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, values: [] }),
      'INVALID_OPTION',
      'values',
    );
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, values: [2, 2.5] }),
      'INVALID_OPTION',
      'values[1]',
    );
    // K = 0 is not a valid setting, even though J = 0 and L = 0 are.
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, values: [2, 0], onProgress }),
      'INVALID_OPTION',
      'K',
    );
    expect(calls).toBe(0);
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, fixed: 0 }),
      'INVALID_OPTION',
      'fixed',
    );
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, repetitions: 1 }),
      'INVALID_OPTION',
      'repetitions',
    );
    expectInfoboundError(
      () => simulation.figure4({ ...tiny, onProgress: 3 as never }),
      'INVALID_OPTION',
      'onProgress',
    );
    expectInfoboundError(() => simulation.figure4(null as never), 'INVALID_ARGUMENT');
  });
});
