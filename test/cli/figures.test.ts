import { afterEach, describe, expect, it, vi } from 'vitest';
import { figure2Svg, figure4Svg, svgToPng } from '../../src/cli/figures.js';
import { InfoboundError } from '../../src/core/errors.js';
import { GaussianMixture } from '../../src/gmm/GaussianMixture.js';
import type { Figure4Point, Figure4Result } from '../../src/simulation/figure4.js';
import { klGapRepetition, resolveKlGapOptions } from '../../src/simulation/klGap.js';

/** The data mark groups of a kind, in drawing order: the group's name and its number of marks. */
function marks(svg: string, kind: 'symbol' | 'rect' | 'line' | 'area'): [string, number][] {
  const re = new RegExp(`<g class="mark-${kind} role-mark ([^"]*)"[^>]*>(.*?)</g>`, 'gs');
  return [...svg.matchAll(re)].map((m) => [
    m[1] as string,
    (m[2] as string).match(/<path/g)?.length ?? 0,
  ]);
}

const total = (groups: [string, number][]) => groups.reduce((a, [, n]) => a + n, 0);
const counts = (groups: [string, number][]) => groups.map(([, n]) => n);

function sweep(values: number[], f: (v: number) => number): Figure4Point[] {
  return values.map((value) => ({ value, mean: f(value), std: 0.3 + value / 20, values: [] }));
}

const values = [2, 3, 5, 8];
const monteCarlo: Figure4Result = {
  K: sweep(values, (v) => 1 - 0.2 * v),
  J: sweep(values, (v) => 0.5 + 0.3 * v),
  L: sweep(values, (v) => -0.1 * v),
};
const histogram: Figure4Result = {
  K: sweep(values, (v) => 3 - 0.1 * v),
  J: sweep(values, (v) => 2 + 0.05 * v),
  L: sweep(values, (v) => 2.5 - 0.05 * v),
};
const results = [
  { estimator: 'monte-carlo', result: monteCarlo },
  { estimator: 'histogram', result: histogram },
];

const settings = { K: 3, J: 2, L: 2 };
const repetition = klGapRepetition(
  resolveKlGapOptions({ ...settings, repetitions: 2, resamples: 1, resampleSize: 50, seed: 3 }),
  0,
);
const figure2Data = { ...repetition, ...settings };

describe('figure4Svg', () => {
  it('draws three titled panels with a point per estimator and setting, a line and a band', async () => {
    const svg = await figure4Svg(results, { title: 'My Figure 4' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const text of [
      'My Figure 4',
      'KL Gap vs K',
      'KL Gap vs J',
      'KL Gap vs L',
      'monte-carlo',
      'histogram',
    ]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    // One group of points per panel, a point per estimator and swept value.
    const points = marks(svg, 'symbol');
    expect(points.map(([name]) => name)).toEqual([0, 1, 2].map((i) => `concat_${i}_layer_2_marks`));
    expect(counts(points)).toEqual([1, 2, 3].map(() => 2 * values.length));
    // One line and one band per estimator in each panel.
    expect(counts(marks(svg, 'line'))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(counts(marks(svg, 'area'))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('is deterministic, also when renders run concurrently', async () => {
    const [a, b, c] = await Promise.all([
      figure4Svg(results),
      figure4Svg(results.slice(0, 1)),
      figure4Svg(results),
    ]);
    expect(c).toBe(a);
    expect(b).not.toBe(a);
    expect(await figure4Svg(results)).toBe(a);
    expect(a).not.toContain('>My Figure 4<');
  });

  it('rejects an empty list and non-finite means', async () => {
    await expect(figure4Svg([])).rejects.toThrow(/results is empty/);
    const partial = { K: monteCarlo.K, J: monteCarlo.J } as unknown as Figure4Result;
    await expect(figure4Svg([{ estimator: 'x', result: partial }])).rejects.toThrow(
      /results for 'x' have no L sweep/,
    );
    const bad = { ...monteCarlo, J: [{ value: 2, mean: Number.NaN, std: 0, values: [] }] };
    await expect(figure4Svg([{ estimator: 'x', result: bad }])).rejects.toThrow(
      /J sweep's mean at J = 2 is NaN/,
    );
  });
});

describe('figure2Svg', () => {
  it('draws the samples over the two density heatmaps', async () => {
    const svg = await figure2Svg(figure2Data, { gridSize: 20 });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of [
      'Figure 2: K = 3, J = 2, L = 2',
      'True density G with the anchor data',
      'Generator density M with the synthetic data',
      'anchor samples (from G)',
      'synthetic samples (from M)',
      'density',
    ]) {
      expect(svg).toContain(`>${text}</text>`);
    }
    const points = counts(marks(svg, 'symbol'));
    // Anchor samples on the left (K × 50), synthetic samples on the right (200).
    expect(points).toEqual([3 * 50, 200]);
    expect(repetition.anchorData.length / 2).toBe(150);
    const cells = counts(marks(svg, 'rect'));
    expect(cells).toHaveLength(2);
    for (const n of cells) expect(n > 20 && n <= 20 * 20).toBe(true);
    // Cell edges are whole pixels (15 px cells on a 300 px plot).
    expect(svg).toMatch(/<path d="M\d+,\d+h15v15h-15Z" fill="[^"]+"\/>/);
  });

  it('is deterministic and honours title and gridSize', async () => {
    const a = await figure2Svg(figure2Data, { gridSize: 20, title: 'Samples' });
    expect(await figure2Svg(figure2Data, { gridSize: 20, title: 'Samples' })).toBe(a);
    expect(a).toContain('>Samples</text>');
    const fine = await figure2Svg(figure2Data, { gridSize: 30 });
    expect(total(marks(fine, 'rect'))).toBeGreaterThan(total(marks(a, 'rect')));
  });

  it('rejects mixtures and samples that are not 2-dimensional', async () => {
    const d3 = GaussianMixture.fromParameters({
      weights: [1],
      means: [[0, 0, 0]],
      covariances: [
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      ],
    });
    const error = await figure2Svg({ ...figure2Data, truth: d3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InfoboundError);
    expect((error as InfoboundError).code).toBe('SHAPE_MISMATCH');
    expect((error as Error).message).toBe(
      'truth has d = 3: Figure 2 draws 2-dimensional mixtures only (d = 2)',
    );
    await expect(figure2Svg({ ...figure2Data, generator: d3 })).rejects.toThrow(
      /generator has d = 3/,
    );
    await expect(
      figure2Svg({ ...figure2Data, synthetic: new Float64Array([1, 2, 3]) }),
    ).rejects.toThrow(/synthetic has 3 numbers: Figure 2 needs row-major n × 2 points/);
    await expect(figure2Svg(figure2Data, { gridSize: 5 })).rejects.toThrow(/gridSize is 5/);
  });
});

describe('svgToPng', () => {
  it('rasterises an SVG to PNG bytes at the requested zoom', async () => {
    const svg = await figure4Svg(results.slice(0, 1));
    const png = await svgToPng(svg, 1);
    expect(png).toBeInstanceOf(Uint8Array);
    expect(Array.from(png.subarray(0, 8))).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    // IHDR: width and height as big-endian 32-bit integers at bytes 16 and 20.
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(16)).toBe(width);
    const png2 = await svgToPng(svg);
    expect(new DataView(png2.buffer, png2.byteOffset).getUint32(16)).toBe(2 * width);
    await expect(svgToPng(svg, 0)).rejects.toThrow(/scale is 0/);
  });
});

describe('missing optional packages', () => {
  afterEach(() => {
    vi.doUnmock('vega');
    vi.doUnmock('@resvg/resvg-js');
    vi.resetModules();
  });

  it('name the install command', async () => {
    vi.resetModules();
    vi.doMock('vega', () => {
      throw new Error("Cannot find package 'vega'");
    });
    vi.doMock('@resvg/resvg-js', () => {
      throw new Error("Cannot find package '@resvg/resvg-js'");
    });
    const fresh = await import('../../src/cli/figures.js');
    await expect(fresh.figure4Svg(results)).rejects.toThrow(
      /optional package 'vega'.*npm i vega vega-lite @resvg\/resvg-js/,
    );
    await expect(fresh.svgToPng('<svg/>')).rejects.toThrow(
      /optional package '@resvg\/resvg-js'.*npm i vega vega-lite @resvg\/resvg-js/,
    );
  });
});
