/**
 * The CLI in-process, where a subprocess cannot look: `repro` hands the right options to
 * reproFigure4/reproFigure2 (replaced here by recording fakes) and drives the progress display;
 * errors map to exit codes. Behaviour tests.
 */
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';
import type { ReproFigure4Options } from '../../src/cli/repro.js';
import { InfoboundError } from '../../src/core/errors.js';

interface Recorder {
  io: CliIO;
  out: string[];
  err: string[];
  figure4: ReproFigure4Options[];
  figure2: unknown[];
  progress: { label: string; updates: [number, number][]; stopped: boolean }[];
}

function recorder(fail?: Error): Recorder {
  const r: Recorder = {
    out: [],
    err: [],
    figure4: [],
    figure2: [],
    progress: [],
  } as unknown as Recorder;
  r.io = {
    stdout: (s) => r.out.push(s),
    stderr: (s) => r.err.push(s),
    readBytes: () => {
      throw new Error('no file reads in these tests');
    },
    progress: (label) => {
      const p = { label, updates: [] as [number, number][], stopped: false };
      r.progress.push(p);
      return {
        update: (done, total) => p.updates.push([done, total]),
        stop: () => (p.stopped = true),
      };
    },
    repro: {
      reproFigure4: async (options) => {
        r.figure4.push(options);
        if (fail) throw fail;
        options.onProgress?.(1, 3);
        options.onProgress?.(3, 3);
        return {
          files: [`${options.outDir}/figure4.svg`, `${options.outDir}/figure4.json`],
          summary: 'K: down\n',
        };
      },
      reproFigure2: async (options) => {
        r.figure2.push(options);
        return { files: [`${options.outDir}/figure2.svg`], summary: 'figure 2' };
      },
    },
  };
  return r;
}

describe('repro', () => {
  it('figure4 passes mode, directory, seed, workers and estimators, and shows progress', async () => {
    const r = recorder();
    const code = await main(
      [
        'repro',
        'figure4',
        '--full',
        '--out',
        'out',
        '--seed',
        '5',
        '--workers',
        '2',
        '--estimator',
        'histogram,monte-carlo',
      ],
      r.io,
    );
    expect(code).toBe(0);
    expect(r.figure4).toHaveLength(1);
    const { onProgress, ...options } = r.figure4[0] as ReproFigure4Options;
    expect(options).toEqual({
      mode: 'full',
      outDir: 'out',
      seed: 5,
      workers: 2,
      klEstimators: ['histogram', 'monte-carlo'],
    });
    expect(typeof onProgress).toBe('function');
    expect(r.progress).toEqual([
      {
        label: 'Figure 4 (full)',
        updates: [
          [1, 3],
          [3, 3],
        ],
        stopped: true,
      },
    ]);
    expect(r.out.join('')).toBe('K: down\n\nfiles  out/figure4.svg\n       out/figure4.json\n');
  });

  it('figure4 defaults to --quick into infobound-figures; --json prints one object and no progress', async () => {
    const r = recorder();
    expect(await main(['repro', 'figure4', '--json'], r.io)).toBe(0);
    const { onProgress, ...options } = r.figure4[0] as ReproFigure4Options;
    expect(options).toEqual({ mode: 'quick', outDir: 'infobound-figures' });
    expect(onProgress).toBeUndefined();
    expect(r.progress).toEqual([]);
    expect(JSON.parse(r.out.join(''))).toEqual({
      command: 'repro figure4',
      mode: 'quick',
      outDir: 'infobound-figures',
      seed: 0,
      files: ['infobound-figures/figure4.svg', 'infobound-figures/figure4.json'],
      summary: 'K: down\n',
    });
  });

  it('figure2 passes K, J, L and the seed', async () => {
    const r = recorder();
    expect(
      await main(
        ['repro', 'figure2', '--K', '3', '--J', '1', '--L', '0', '--seed', '2', '-o', 'f'],
        r.io,
      ),
    ).toBe(0);
    expect(r.figure2).toEqual([{ outDir: 'f', seed: 2, K: 3, J: 1, L: 0 }]);
  });

  it('an InfoboundError is one line and exit code 2; any other error is an internal error, exit code 1', async () => {
    const bad = recorder(
      new InfoboundError('INVALID_OPTION', 'workers is 0: expected an integer ≥ 1'),
    );
    expect(await main(['repro', 'figure4'], bad.io)).toBe(2);
    expect(bad.err).toEqual(['infobound: workers is 0: expected an integer ≥ 1\n']);
    expect(bad.progress[0]?.stopped).toBe(true);

    const bug = recorder(new Error('boom'));
    expect(await main(['repro', 'figure4'], bug.io, {})).toBe(1);
    expect(bug.err).toEqual([
      'infobound: internal error: boom (rerun with INFOBOUND_DEBUG=1 for the stack trace)\n',
    ]);
    const debug = recorder(new Error('boom'));
    expect(await main(['repro', 'figure4'], debug.io, { INFOBOUND_DEBUG: '1' })).toBe(1);
    expect(debug.err[1]).toMatch(/^Error: boom\n\s+at /);
  });

  it('a missing optional package (the figures) is one line and exit code 2', async () => {
    const cause = Object.assign(new Error("Cannot find package 'vega'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const r = recorder(
      new Error("Drawing needs the optional package 'vega': install it", { cause }),
    );
    expect(await main(['repro', 'figure4'], r.io, {})).toBe(2);
    expect(r.err).toEqual(["infobound: Drawing needs the optional package 'vega': install it\n"]);
  });

  it('usage errors go to the given stderr with exit code 2', async () => {
    const r = recorder();
    expect(await main(['repro', 'figure4', '--workers', '0'], r.io)).toBe(2);
    expect(r.err.join('')).toMatch(/option '--workers <n>' argument '0' is invalid/);
    expect(await main(['repro', 'figure9'], r.io)).toBe(2);
  });
});
