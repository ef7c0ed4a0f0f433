/**
 * The paper's Figures 2 and 4 as SVG (Vega-Lite specifications compiled and rendered by Vega) and
 * PNG (the SVG rasterised by resvg). Node only.
 *
 * `vega`, `vega-lite` and `@resvg/resvg-js` are not dependencies of the library: they are loaded on
 * first use, and a missing one is reported with the command that installs them.
 */
import { InfoboundError } from '../core/errors.js';
import type { GaussianMixture } from '../gmm/GaussianMixture.js';
import type { Figure4Result } from '../simulation/figure4.js';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
type Resvg = typeof import('@resvg/resvg-js');
/** A Vega-Lite specification (the figures' specs are plain JSON objects). */
type Spec = Parameters<VegaLite['compile']>[0];

const INSTALL = 'npm i vega vega-lite @resvg/resvg-js';

/**
 * Imports an optional package. The specifier is a variable so that bundlers leave the import to
 * run time instead of inlining (or failing on) a package the library does not depend on.
 */
async function loadOptional<T>(name: string, purpose: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (cause) {
    throw new Error(
      `${purpose} needs the optional package '${name}', which could not be loaded: install the figure packages with \`${INSTALL}\``,
      { cause },
    );
  }
}

/** The font stack of every text: Helvetica's metrics ({@link helveticaWidth}), found by resvg on most systems. */
const FONT = 'Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif';

/** Shared Vega-Lite configuration: white background, one font stack, a light grey frame per panel. */
const CONFIG = {
  background: 'white',
  font: FONT,
  view: { stroke: '#bbbbbb' },
  title: { fontSize: 14, anchor: 'middle', offset: 8 },
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: '#e6e6e6' },
  // Labels at the ends of a y range stay inside it, so every panel's top (and title) lines up.
  axisY: { labelFlush: true },
  legend: { labelFontSize: 11, titleFontSize: 11 },
  concat: { spacing: 28 },
} as const;

/**
 * Advance widths of Helvetica (= Arial, Liberation Sans) for the printable ASCII characters 32–126,
 * in thousandths of an em, from the font's AFM metrics.
 */
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
  611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
  667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
  222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/**
 * Text width in pixels for Vega's layout: Helvetica's metrics (bold ≈ 10% wider; other characters
 * as a digit). Vega's own estimate without a canvas, 0.8 em per character, is about half again too
 * wide, which truncates labels and spreads the panels apart; this one is deterministic and close
 * to what resvg draws with Arial or Liberation Sans.
 */
function helveticaWidth(item: { fontSize?: number; fontWeight?: string | number }, text: unknown) {
  const size = typeof item.fontSize === 'number' ? item.fontSize : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600);
  let em = 0;
  for (const ch of String(text ?? '')) {
    const code = ch.codePointAt(0) as number;
    em += code >= 32 && code <= 126 ? (HELVETICA_WIDTHS[code - 32] as number) : 556;
  }
  return (em / 1000) * size * (bold ? 1.1 : 1);
}

/** Vega's text measure: width in pixels of `text` drawn with `item`'s font. */
type TextWidth = (item: never, text: unknown) => number;

/** The tail of the render queue: renders run one at a time (see {@link renderSvg}). */
let renderQueue: Promise<unknown> = Promise.resolve();

/**
 * Compiles a Vega-Lite spec and renders it headless to an SVG string. Vega numbers its SVG
 * definitions (clip paths, gradients) with module-level counters, reset before each render, and
 * text is measured with {@link helveticaWidth} through Vega's documented hook
 * `textMetrics.width` (restored afterwards); renders are queued so that concurrent calls cannot
 * interleave on this shared state, and the same spec always gives the same string.
 */
function renderSvg(spec: Spec): Promise<string> {
  const run = async (): Promise<string> => {
    const [vega, vl] = await Promise.all([
      loadOptional<Vega>('vega', 'Drawing a figure'),
      loadOptional<VegaLite>('vega-lite', 'Drawing a figure'),
    ]);
    // `textMetrics` is exported by vega (from vega-scenegraph) but missing from its typings.
    const metrics = (vega as unknown as { textMetrics?: { width: TextWidth } }).textMetrics;
    const saved = metrics?.width;
    if (metrics) metrics.width = helveticaWidth;
    const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
    try {
      vega.resetSVGDefIds();
      return await view.toSVG();
    } finally {
      view.finalize();
      if (metrics && saved) metrics.width = saved;
    }
  };
  const result = renderQueue.then(run);
  renderQueue = result.catch(() => undefined);
  return result;
}

/** Rounds for the figures' data: 6 significant digits keeps the SVG stable and small. */
function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : x;
}

/** What each swept count counts, for the x-axis titles. */
const SWEEP_MEANING: Record<string, string> = {
  K: 'anchor',
  J: 'unsampled',
  L: 'task-irrelevant',
};

/**
 * Figure 4 of the paper as an SVG string: three side-by-side panels, the KL Gap against the swept
 * count K, J and L (the other two fixed), each a line through the mean with points and a shaded
 * mean ± 1 std band, one colour per estimator (legend at the bottom). Each panel has its own y
 * scale.
 *
 * @param results - One `figure4` result per KL estimator, with the estimator's name as it should
 *   appear in the legend (e.g. `'monte-carlo'`, `'histogram'`).
 * @param options - `title`: a title above the three panels (none by default).
 * @returns The SVG document (deterministic: the same input gives the same string).
 * @throws Error naming `npm i vega vega-lite @resvg/resvg-js` when vega or vega-lite is missing;
 *   InfoboundError `INVALID_ARGUMENT` when `results` is empty or a sweep holds a non-finite mean.
 *
 * @example
 * ```ts
 * const result = simulation.figure4({ values: [2, 5, 10], repetitions: 10 });
 * const svg = await figure4Svg([{ estimator: 'monte-carlo', result }]);
 * await writeFile('figure4.svg', svg);
 * ```
 */
export async function figure4Svg(
  results: { estimator: string; result: Figure4Result }[],
  options: { title?: string } = {},
): Promise<string> {
  if (!Array.isArray(results) || results.length === 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      'results is empty: expected at least one { estimator, result } to draw',
    );
  }
  const sweeps = ['K', 'J', 'L'] as const;
  const rows: Record<string, number | string>[] = [];
  for (const { estimator, result } of results) {
    for (const sweep of sweeps) {
      const points = result?.[sweep];
      if (!Array.isArray(points)) {
        throw new InfoboundError(
          'INVALID_ARGUMENT',
          `results for '${estimator}' have no ${sweep} sweep: expected a figure4 result { K, J, L }`,
        );
      }
      for (const p of points) {
        if (!Number.isFinite(p.mean)) {
          throw new InfoboundError(
            'INVALID_ARGUMENT',
            `results for '${estimator}': the ${sweep} sweep's mean at ${sweep} = ${p.value} is ${p.mean}, not a finite number`,
          );
        }
        const std = Number.isFinite(p.std) ? p.std : 0;
        rows.push({
          estimator,
          sweep,
          value: p.value,
          mean: round(p.mean),
          std: round(std),
          lo: round(p.mean - std),
          hi: round(p.mean + std),
        });
      }
    }
  }
  const estimators = results.map((r) => r.estimator);
  const color = {
    field: 'estimator',
    type: 'nominal',
    title: 'KL estimator',
    scale: { domain: estimators },
    legend: {
      orient: 'bottom',
      direction: 'horizontal',
      labelLimit: 400,
      symbolType: 'circle',
      symbolOpacity: 1,
    },
  } as const;
  const x = (sweep: string) =>
    ({
      field: 'value',
      type: 'quantitative',
      title: `${sweep} (number of ${SWEEP_MEANING[sweep]} components)`,
      scale: { zero: false, nice: false, padding: 6 },
      axis: { tickMinStep: 1, format: 'd' },
    }) as const;
  const panel = (sweep: (typeof sweeps)[number]) => ({
    title: `KL Gap vs ${sweep}`,
    width: 230,
    height: 200,
    transform: [{ filter: `datum.sweep === '${sweep}'` }],
    layer: [
      {
        mark: { type: 'area', opacity: 0.18, aria: false },
        encoding: {
          x: x(sweep),
          y: { field: 'lo', type: 'quantitative' },
          y2: { field: 'hi' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 1.8 },
        encoding: {
          x: x(sweep),
          y: {
            field: 'mean',
            type: 'quantitative',
            title: 'KL Gap (nats), mean ± std',
            scale: { zero: false },
          },
          color,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 28, opacity: 1 },
        encoding: {
          x: x(sweep),
          y: { field: 'mean', type: 'quantitative' },
          color,
        },
      },
    ],
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(options.title === undefined ? {} : { title: options.title }),
    data: { values: rows },
    hconcat: sweeps.map(panel),
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared' } },
    config: CONFIG,
  } as unknown as Spec;
  return renderSvg(spec);
}

/** The data of Figure 2: one repetition of the simulation (`Repetition` of klGap.ts). */
export interface Figure2Data {
  /** The true density G (K + J components), d = 2. */
  truth: GaussianMixture;
  /** The generator density M (K + J + L components), d = 2. */
  generator: GaussianMixture;
  /** The anchor samples, row-major n × 2. */
  anchorData: Float64Array;
  /** The synthetic samples, row-major m × 2. */
  synthetic: Float64Array;
  /** Anchor components of G. */
  K: number;
  /** Unsampled components of G. */
  J: number;
  /** Task-irrelevant components of M. */
  L: number;
}

/** Legend labels of the two kinds of samples. */
const ANCHOR_LABEL = 'anchor samples (from G)';
const SYNTHETIC_LABEL = 'synthetic samples (from M)';

function checkPoints(X: unknown, name: string): Float64Array {
  if (!(X instanceof Float64Array)) {
    throw new InfoboundError('INVALID_ARGUMENT', `${name} must be a row-major n × 2 Float64Array`);
  }
  if (X.length % 2 !== 0) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} has ${X.length} numbers: Figure 2 needs row-major n × 2 points (d = 2), an even count`,
    );
  }
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new InfoboundError(
        'NON_FINITE',
        `${name}[${i}] is ${X[i]}: Figure 2 needs finite points`,
      );
    }
  }
  return X;
}

/**
 * The mixture's density on a gridSize × gridSize grid of cells (row-major, y outer), at the
 * cell centres.
 */
function densityGrid(
  gm: GaussianMixture,
  x0: number,
  y0: number,
  step: number,
  gridSize: number,
): Float64Array {
  const centres: number[][] = [];
  for (let j = 0; j < gridSize; j++) {
    for (let i = 0; i < gridSize; i++) {
      centres.push([x0 + (i + 0.5) * step, y0 + (j + 0.5) * step]);
    }
  }
  return gm.scoreSamples(centres).map(Math.exp);
}

/**
 * Figure 2 of the paper as an SVG string, for d = 2: two panels on one square extent. Left, the
 * anchor samples over a heatmap of the true density G; right, the synthetic samples over a heatmap
 * of the generator density M. Both heatmaps share one colour scale (density, white at 0); cells
 * below 0.5% of the larger peak are left white. Anchor samples are orange circles, synthetic
 * samples black crosses.
 *
 * @param data - One repetition of the simulation: `truth`, `generator`, `anchorData`, `synthetic`
 *   (row-major n × 2) and the counts K, J, L (shown in the panel titles).
 * @param options - `title` (default `'Figure 2: K = …, J = …, L = …'`); `gridSize`, the heatmap
 *   cells per axis (default 60, 10 to 400; the SVG grows with its square).
 * @returns The SVG document (deterministic: the same input gives the same string).
 * @throws InfoboundError `SHAPE_MISMATCH` when a mixture or a sample is not 2-dimensional,
 *   `INVALID_OPTION` for a bad gridSize; Error naming `npm i vega vega-lite @resvg/resvg-js` when
 *   vega or vega-lite is missing.
 *
 * @example
 * ```ts
 * const o = resolveKlGapOptions({ K: 3, J: 2, L: 2, repetitions: 2, resamples: 1 });
 * const rep = klGapRepetition(o, 0);
 * const svg = await figure2Svg({ ...rep, K: 3, J: 2, L: 2 });
 * ```
 */
export async function figure2Svg(
  data: Figure2Data,
  options: { title?: string; gridSize?: number } = {},
): Promise<string> {
  const { truth, generator, K, J, L } = data;
  for (const [name, gm] of [
    ['truth', truth],
    ['generator', generator],
  ] as const) {
    if (gm?.nFeatures !== 2) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${name} has d = ${gm?.nFeatures}: Figure 2 draws 2-dimensional mixtures only (d = 2)`,
      );
    }
  }
  const anchor = checkPoints(data.anchorData, 'anchorData');
  const synthetic = checkPoints(data.synthetic, 'synthetic');
  const gridSize = options.gridSize ?? 60;
  if (!Number.isInteger(gridSize) || gridSize < 10 || gridSize > 400) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `gridSize is ${gridSize}: expected an integer from 10 to 400`,
    );
  }

  // One square extent covering every sample and every component mean, padded by 6%.
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  const extend = (x: number, y: number) => {
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  };
  for (const X of [anchor, synthetic]) {
    for (let i = 0; i < X.length; i += 2) extend(X[i] as number, X[i + 1] as number);
  }
  for (const gm of [truth, generator]) for (const [mx, my] of gm.means) extend(mx!, my!);
  const span = Math.max(xMax - xMin, yMax - yMin, 1e-9) * 1.12;
  const x0 = (xMin + xMax - span) / 2;
  const y0 = (yMin + yMax - span) / 2;
  const step = span / gridSize;

  const panels = [
    { key: 'G', gm: truth, points: anchor, label: ANCHOR_LABEL },
    { key: 'M', gm: generator, points: synthetic, label: SYNTHETIC_LABEL },
  ] as const;
  const grids = panels.map((p) => densityGrid(p.gm, x0, y0, step, gridSize));
  const peak = Math.max(...grids.map((g) => g.reduce((a, b) => Math.max(a, b), 0)));
  const cutoff = peak * 0.005;

  const rows: Record<string, number | string>[] = [];
  panels.forEach((p, k) => {
    const g = grids[k] as Float64Array;
    for (let j = 0; j < gridSize; j++) {
      for (let i = 0; i < gridSize; i++) {
        const density = g[j * gridSize + i] as number;
        if (!(density >= cutoff)) continue;
        rows.push({ panel: p.key, i, j, density: round(density) });
      }
    }
    for (let i = 0; i < p.points.length; i += 2) {
      rows.push({
        panel: p.key,
        kind: p.label,
        x: round(p.points[i] as number),
        y: round(p.points[i + 1] as number),
      });
    }
  });

  // The heatmap's cells are placed on their own scales, in cell units [0, gridSize], over a
  // plot of a whole number of pixels per cell: every cell edge is an integer pixel, so the SVG
  // is compact and the PNG has no seams between cells. The samples use data-unit scales over
  // the same square extent, with the axes.
  const size = Math.max(1, Math.round(300 / gridSize)) * gridSize;
  const cellScale = { domain: [0, gridSize], nice: false, zero: false };
  const xScale = { domain: [round(x0), round(x0 + span)], nice: false, zero: false };
  const yScale = { domain: [round(y0), round(y0 + span)], nice: false, zero: false };
  const panelSpec = (
    key: 'G' | 'M',
    title: string,
    subtitle: string[],
  ): Record<string, unknown> => ({
    title: { text: title, subtitle, subtitleFontSize: 10, subtitleColor: '#555555' },
    width: size,
    height: size,
    transform: [{ filter: `datum.panel === '${key}'` }],
    layer: [
      {
        transform: [
          { filter: 'isValid(datum.density)' },
          { calculate: 'datum.i + 1', as: 'i1' },
          { calculate: 'datum.j + 1', as: 'j1' },
        ],
        mark: { type: 'rect', aria: false },
        encoding: {
          x: { field: 'i', type: 'quantitative', scale: cellScale, axis: null },
          x2: { field: 'i1' },
          y: { field: 'j', type: 'quantitative', scale: cellScale, axis: null },
          y2: { field: 'j1' },
          color: {
            field: 'density',
            type: 'quantitative',
            title: 'density',
            scale: {
              domain: [0, round(peak)],
              range: ['#ffffff', '#2166ac'],
              interpolate: 'lab',
              nice: false,
            },
            legend: { orient: 'right', gradientLength: 160, format: '.2f' },
          },
        },
      },
      {
        transform: [{ filter: 'isValid(datum.kind)' }],
        mark: {
          type: 'point',
          filled: true,
          size: 24,
          strokeWidth: 0.5,
          opacity: 0.9,
          aria: false,
        },
        encoding: {
          x: {
            field: 'x',
            type: 'quantitative',
            scale: xScale,
            title: 'x1',
            axis: { orient: 'bottom', grid: false, zindex: 1 },
          },
          y: {
            field: 'y',
            type: 'quantitative',
            scale: yScale,
            title: 'x2',
            axis: { orient: 'left', grid: false, zindex: 1 },
          },
          fill: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { domain: [ANCHOR_LABEL, SYNTHETIC_LABEL], range: ['#f28e2b', '#111111'] },
            legend: { orient: 'bottom', direction: 'horizontal', symbolSize: 70, labelLimit: 400 },
          },
          shape: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { domain: [ANCHOR_LABEL, SYNTHETIC_LABEL], range: ['circle', 'cross'] },
          },
          stroke: { value: 'white' },
        },
      },
    ],
    resolve: { scale: { x: 'independent', y: 'independent' } },
  });
  const nAnchor = anchor.length / 2;
  const nSynthetic = synthetic.length / 2;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title ?? `Figure 2: K = ${K}, J = ${J}, L = ${L}`,
    data: { values: rows },
    hconcat: [
      panelSpec('G', 'True density G with the anchor data', [
        `G: ${K} anchor + ${J} unsampled components`,
        `${nAnchor} anchor samples`,
      ]),
      panelSpec('M', 'Generator density M with the synthetic data', [
        `M: ${K} anchor-moment + ${J} unsampled + ${L} task-irrelevant components`,
        `${nSynthetic} synthetic samples`,
      ]),
    ],
    resolve: { scale: { color: 'shared', fill: 'shared', shape: 'shared' } },
    config: CONFIG,
  } as unknown as Spec;
  return renderSvg(spec);
}

/**
 * Rasterises an SVG (e.g. from {@link figure4Svg} or {@link figure2Svg}) to PNG with resvg, on a
 * white background, with the system fonts.
 *
 * @param svg - The SVG document.
 * @param scale - Zoom factor (default 2, for a sharp figure; > 0).
 * @returns The PNG file's bytes.
 * @throws Error naming `npm i vega vega-lite @resvg/resvg-js` when @resvg/resvg-js is missing;
 *   InfoboundError `INVALID_OPTION` for a bad scale.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  if (!(typeof scale === 'number' && Number.isFinite(scale) && scale > 0)) {
    throw new InfoboundError('INVALID_OPTION', `scale is ${scale}: expected a positive number`);
  }
  const { Resvg } = await loadOptional<Resvg>('@resvg/resvg-js', 'Rendering a PNG');
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true },
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
