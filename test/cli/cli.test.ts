/**
 * The `infobound` command, driven as a subprocess on small files (test/cli/fixtures, written by
 * generate.py there). Behaviour tests: every number the CLI prints is compared with the library
 * function it calls, on the same data read independently here. The CLI hands the same doubles to
 * the same function (JSON round-trips doubles exactly), so the comparisons are exact (`toBe`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/cli/output.js';
import { bounds, discrete, GaussianMixture, gaussian, gmm, kernel, knn } from '../../src/index.js';
import {
  buildCli,
  cli,
  cliJson,
  columns,
  fixture,
  readCsv,
  readJson,
  removeCli,
  root,
} from './helpers.js';

beforeAll(buildCli);
afterAll(removeCli);

const gauss = readCsv('gauss.csv').rows;
const labels = fixture('labels.csv')
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const size = labels.map((r) => r[0] as string);
const colour = labels.map((r) => r[1] as string);

/** Maximum-likelihood normal (mean, scatter/n), computed here independently of the CLI. */
function mlNormal(rows: number[][]): { mean: number[]; cov: number[][] } {
  const n = rows.length;
  const d = (rows[0] as number[]).length;
  const mean = Array.from(
    { length: d },
    (_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / n,
  );
  const cov = Array.from({ length: d }, (_, i) =>
    Array.from(
      { length: d },
      (_, j) =>
        rows.reduce(
          (s, r) =>
            s + ((r[i] as number) - (mean[i] as number)) * ((r[j] as number) - (mean[j] as number)),
          0,
        ) / n,
    ),
  );
  return { mean, cov };
}

describe.concurrent('infobound reads every input format as the same numbers, in order', () => {
  // HSIC of an input against gauss.csv pairs rows by position: equal to HSIC(rows, rows) only if
  // the input holds the same values in the same order.
  const same = kernel.hsic(gauss, gauss);

  it('CSV, TSV without header, JSON rows and records, JSONL, .npy (C and Fortran order), stdin', async () => {
    const runs = await Promise.all([
      cliJson(['hsic', 'gauss.csv', 'gauss.csv']),
      cliJson(['hsic', 'gauss-noheader.tsv', 'gauss.csv']),
      cliJson(['hsic', 'gauss.json', 'gauss.csv']),
      cliJson(['hsic', 'gauss.jsonl', 'gauss.csv']),
      cliJson(['hsic', 'gauss.npy', 'gauss.csv']),
      cliJson(['hsic', 'gauss-fortran.npy', 'gauss.csv']),
      cliJson(['hsic', '-', 'gauss.csv'], fixture('gauss.csv')),
      cliJson(['hsic', '-', 'gauss.csv'], fixture('gauss.npy')),
      cliJson(['hsic', '-', 'gauss.csv'], fixture('gauss.jsonl')),
      // Records without an embedding field: their keys are the columns.
      cliJson(['hsic', '-', 'gauss.csv'], JSON.stringify(gauss.map(([x, y, z]) => ({ x, y, z })))),
    ]);
    for (const r of runs) {
      expect(r.value).toBe(same);
      expect(r.n).toBe(60);
    }
  });

  it('.npy float32, int32, int64 and 1-D arrays', async () => {
    const ints = readJson<number[][]>('ints.json');
    const big = readJson<number[][]>('ints-i8.json');
    const f32 = gauss.map((r) => r.map(Math.fround));
    const x = columns(gauss, [0]);
    const [a, b, c, d] = await Promise.all([
      cliJson(['hsic', 'ints-i4.npy', 'ints.json']),
      cliJson(['hsic', 'ints-i8.npy', 'ints-i8.json']),
      cliJson(['hsic', 'gauss-f32.npy', 'gauss.csv']),
      cliJson(['hsic', 'x.npy', 'gauss.csv#x']),
    ]);
    expect(a.value).toBe(kernel.hsic(ints, ints));
    expect(b.value).toBe(kernel.hsic(big, big));
    expect(c.value).toBe(kernel.hsic(f32, gauss));
    expect(d.value).toBe(kernel.hsic(x, x));
  });
});

describe.concurrent('estimators', () => {
  it('entropy: knn (with --cols, --k, --base), gaussian, discrete', async () => {
    const [a, b, c, d] = await Promise.all([
      cliJson(['entropy', 'gauss.csv', '--cols', 'x,z', '-k', '5', '--base', 'bits']),
      cliJson(['entropy', 'gauss.csv', '-e', 'gaussian', '--correction', 'ahmed-gokhale']),
      cliJson([
        'entropy',
        'labels.csv',
        '-e',
        'discrete',
        '--cols',
        'colour',
        '--correction',
        'miller-madow',
      ]),
      cliJson(['entropy', 'labels.csv', '-e', 'discrete', '--base', '10']),
    ]);
    expect(a.value).toBe(knn.entropy(columns(gauss, [0, 2]), { k: 5, base: 'bits' }));
    expect(a).toMatchObject({ n: 60, d: 2, k: 5, unit: 'bits' });
    expect(b.value).toBe(gaussian.entropyFromSamples(gauss, { correction: 'ahmed-gokhale' }));
    expect(c.value).toBe(discrete.entropyFromSamples(colour, { correction: 'miller-madow' }));
    // Two columns: each row (size, colour) is one joint label.
    const joint = labels.map((r) => r.join('|'));
    expect(d.value).toBe(discrete.entropyFromSamples(joint, { base: 10 }));
    expect(d.unit).toBe(10);
  });

  it('mi: KSG from two inputs or one split, Gaussian, discrete', async () => {
    const [a, b, c, d] = await Promise.all([
      cliJson([
        'mi',
        'gauss.csv',
        'gauss.csv',
        '--x-cols',
        'x',
        '--y-cols',
        'y,z',
        '--algorithm',
        '2',
      ]),
      cliJson([
        'mi',
        'gauss.csv',
        '--x-cols',
        '1',
        '--y-cols',
        '2',
        '--standardize',
        '--seed',
        '7',
      ]),
      cliJson(['mi', 'gauss.npy', '--x-cols', '1', '--y-cols', '2-3', '-e', 'gaussian']),
      cliJson([
        'mi',
        'labels.csv',
        '--x-cols',
        'size',
        '--y-cols',
        'colour',
        '-e',
        'discrete',
        '--base',
        'bits',
      ]),
    ]);
    const x = columns(gauss, [0]);
    expect(a.value).toBe(knn.mutualInformation(x, columns(gauss, [1, 2]), { algorithm: 2 }));
    expect(b.value).toBe(
      knn.mutualInformation(x, columns(gauss, [1]), { standardize: true, seed: 7 }),
    );
    expect(c.value).toBe(gaussian.mutualInformationFromSamples(x, columns(gauss, [1, 2])));
    expect(d.value).toBe(discrete.mutualInformationFromSamples(size, colour, { base: 'bits' }));
  });

  it('kl: Wang–Kulkarni–Verdú, fitted normals, probability vectors, labels', async () => {
    const [a, b, c, d] = await Promise.all([
      cliJson(['kl', 'gauss.csv', '--p-cols', 'x', '--q-cols', 'z', '-k', '2']),
      cliJson(['kl', 'gauss.csv#x,y', 'gauss.json', '--q-cols', '2,3', '-e', 'gaussian']),
      cliJson(['kl', 'p.json', 'q.csv', '-e', 'discrete', '--base', 'bits']),
      cliJson([
        'kl',
        'counts.csv',
        '--p-cols',
        'p',
        '--q-cols',
        'q',
        '-e',
        'discrete',
        '--normalize',
      ]),
    ]);
    expect(a.value).toBe(knn.klDivergence(columns(gauss, [0]), columns(gauss, [2]), { k: 2 }));
    expect(b.value).toBe(
      gaussian.klDivergence(mlNormal(columns(gauss, [0, 1])), mlNormal(columns(gauss, [1, 2]))),
    );
    expect(c.value).toBe(discrete.klDivergence([0.5, 0.3, 0.2], [0.2, 0.3, 0.5], { base: 'bits' }));
    expect(d.value).toBe(discrete.klDivergence([5, 3, 2], [2, 3, 5], { normalize: true }));
  });

  it('tv: probability vectors, counts, label samples', async () => {
    const [a, b, c] = await Promise.all([
      cliJson(['tv', 'p.json', 'q.csv']),
      cliJson(['tv', 'counts.csv', '--p-cols', 'p', '--q-cols', 'q', '--normalize']),
      cliJson(['tv', 'labels.csv', '--labels', '--p-cols', 'colour', '--q-cols', 'colour']),
    ]);
    expect(a.value).toBe(discrete.tvDistance([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]));
    expect(b.value).toBe(discrete.tvDistance([5, 3, 2], [2, 3, 5], { normalize: true }));
    expect(c.value).toBe(0);
  });

  it('hsic: unbiased, gamma test, seeded permutation test', async () => {
    const x = columns(gauss, [0]);
    const z = columns(gauss, [2]);
    const lin = kernel.linearKernel();
    const [a, b, c] = await Promise.all([
      cliJson([
        'hsic',
        'gauss.csv',
        '--x-cols',
        'x',
        '--y-cols',
        'z',
        '-e',
        'unbiased',
        '--kernel',
        'linear',
      ]),
      cliJson([
        'hsic',
        'gauss.csv',
        '--x-cols',
        'x',
        '--y-cols',
        'y',
        '--test',
        'gamma',
        '--bandwidth',
        '0.8',
      ]),
      cliJson([
        'hsic',
        'gauss.csv',
        '--x-cols',
        'x',
        '--y-cols',
        'z',
        '--test',
        'permutation',
        '--permutations',
        '99',
        '--seed',
        '3',
      ]),
    ]);
    expect(a.value).toBe(kernel.hsic(x, z, { kernelX: lin, kernelY: lin, estimator: 'unbiased' }));
    const g = kernel.gaussianKernel({ bandwidth: 0.8 });
    const gamma = kernel.hsicTest(x, columns(gauss, [1]), { kernelX: g, kernelY: g });
    expect(b).toMatchObject({ pValue: gamma.pValue, statistic: gamma.statistic, test: 'gamma' });
    const perm = kernel.hsicTest(x, z, { method: 'permutation', permutations: 99, seed: 3 });
    expect(c).toMatchObject({
      pValue: perm.pValue,
      exceedances: perm.exceedances,
      permutations: 99,
    });
  });

  it('fit-gmm: one size (and --out), or the size chosen by BIC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infobound-cli-'));
    try {
      const out = join(dir, 'model.json');
      const [a, b] = await Promise.all([
        cliJson(['fit-gmm', 'gauss.csv', '-n', '2', '--seed', '1', '--out', out]),
        cliJson(['fit-gmm', 'gauss.csv', '-n', '1-3', '--covariance-type', 'diag']),
      ]);
      const fitted = new GaussianMixture({ nComponents: 2, seed: 1 }).fit(gauss);
      expect(a.model).toEqual(fitted.toJSON());
      expect(a.bic).toBe(fitted.bic(gauss));
      expect(GaussianMixture.fromJSON(JSON.parse(readFileSync(out, 'utf8'))).toJSON()).toEqual(
        fitted.toJSON(),
      );
      const sel = gmm.selectNComponents(gauss, {
        nComponents: { min: 1, max: 3 },
        covarianceType: 'diag',
      });
      expect(b.nComponents).toBe(sel.nComponents);
      expect(b.selection).toEqual({ criterion: 'bic', curve: sel.curve });
      expect(b.model).toEqual(sel.best.toJSON());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('synth-report: the App. G terms, with clusters, probabilities and the generation pairing', async () => {
    const appg = readJson<Record<'anchor' | 'synthetic' | 'training', number[][]>>('appg.json');
    const records = fixture('appg-synthetic.jsonl')
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { cluster: string; probability: number; source: number });
    const r = await cliJson([
      'synth-report',
      'appg.json#anchor',
      'appg.json#synthetic',
      'appg.json#training',
      '--clusters',
      'appg-synthetic.jsonl#cluster',
      '--probabilities',
      'appg-synthetic.jsonl#probability',
      '--source',
      'appg-synthetic.jsonl#source',
      '--resamples',
      '5',
      '--seed',
      '2',
      '--base',
      'bits',
    ]);
    const expected = bounds.estimateSyntheticDataTerms(appg.anchor, appg.synthetic, appg.training, {
      syntheticClusters: records.map((s) => s.cluster),
      syntheticProbabilities: records.map((s) => s.probability),
      syntheticSource: records.map((s) => s.source),
      resamples: 5,
      seed: 2,
      base: 'bits',
    });
    expect(r).toMatchObject(JSON.parse(JSON.stringify(expected)));
    expect(r.sizes).toEqual({ anchor: 24, synthetic: 30, training: 20, dimension: 3 });
  });
});

describe.concurrent('bounds', () => {
  const terms = readJson<Record<string, number>>('terms.json');

  it('evaluates every result whose terms are given or derivable', async () => {
    const r = (await cliJson(['bounds', 'terms.json'])) as unknown as {
      derived: Record<string, bounds.BoundResult>;
      results: Record<string, bounds.BoundResult>;
      skipped: Record<string, string[]>;
    };
    const infoGain = bounds.informationGain({ hModelOutput: 2, miPromptFactorOutput: 0.5 }).value;
    const all = { ...terms, infoGain } as unknown as bounds.Theorem47Input;
    expect(r.derived.infoGain?.value).toBe(infoGain);
    expect(r.results.lemma44).toMatchObject(
      bounds.lemma44({ sigma: 0.5, n: 50, mutualInformation: 2 }),
    );
    expect(r.results.lemma45).toMatchObject(bounds.lemma45(all));
    expect(r.results.lemma46).toMatchObject(bounds.lemma46(all));
    expect(r.results.theorem47).toMatchObject(bounds.theorem47(all));
    expect(Object.keys(r.results)).toEqual(['lemma44', 'lemma45', 'lemma46', 'theorem47']);
    expect(r.skipped.lemma31).toEqual(['genErrorSynthetic']);
  });

  it('--only, --model, --list', async () => {
    const [only, model, list] = await Promise.all([
      cliJson(['bounds', 'terms.json', '--only', 'lemma44']),
      cliJson(['bounds', 'model.json', '--model']),
      cli(['bounds', '--list']),
    ]);
    expect(Object.keys(only.results as object)).toEqual(['lemma44']);
    const m = readJson<bounds.SyntheticDataModel>('model.json');
    expect(model).toMatchObject(JSON.parse(JSON.stringify(bounds.evaluateModel(m))));
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/theorem410 +theorem410 +infoGain, alpha, hAnchorGivenW/);
  });

  it('rejects a bad term, a result without its terms, and a file of no use, with exit code 2', async () => {
    const bad = JSON.stringify({ ...terms, sigma: -1 });
    const [a, b, c] = await Promise.all([
      cli(['bounds', '-'], bad),
      cli(['bounds', 'terms.json', '--only', 'theorem410']),
      cli(['bounds', 'p.json']),
    ]);
    expect(a).toMatchObject({ code: 2, stdout: '' });
    expect(a.stderr).toBe('infobound: stdin: lemma44: sigma is -1: expected a number > 0\n');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(
      /^infobound: terms\.json: theorem410 needs alpha, hAnchorGivenW, deltaH/,
    );
    expect(c).toMatchObject({ code: 2 });
    expect(c.stderr).toMatch(/^infobound: p\.json: expected a JSON object of named terms/);
  });
});

describe.concurrent('output', () => {
  it('prints a readable table by default, with the library value', async () => {
    const r = await cli(['entropy', 'gauss.csv', '--cols', 'x']);
    expect(r.code).toBe(0);
    const value = knn.entropy(columns(gauss, [0]));
    expect(r.stdout).toBe(
      [
        `entropy    ${formatNumber(value)} nats`,
        'estimator  knn, Kozachenko–Leonenko, k = 3',
        'input      gauss.csv, column x: 60 rows × 1 column',
        '',
      ].join('\n'),
    );
  });

  it('--help, --version and help <command> exit 0', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const [help, version, sub] = await Promise.all([
      cli(['--help']),
      cli(['--version']),
      cli(['help', 'kl']),
    ]);
    expect(help.code).toBe(0);
    for (const c of [
      'entropy',
      'mi',
      'kl',
      'tv',
      'hsic',
      'fit-gmm',
      'bounds',
      'synth-report',
      'repro',
    ]) {
      expect(help.stdout).toContain(`  ${c} `);
    }
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Wang–Kulkarni–Verdú');
  });
});

describe.concurrent('bad input: one line naming file, row and column, exit code 2', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'a word in a CSV',
      ['entropy', 'bad-text.csv'],
      /^bad-text\.csv, row 4, column 2 \("b"\): "oops" is not a number$/,
    ],
    [
      'a short row',
      ['entropy', 'bad-ragged.csv'],
      /^bad-ragged\.csv, row 3, column 3: 2 values, but row 1 has 3/,
    ],
    [
      'an empty cell',
      ['entropy', 'bad-empty.csv'],
      /^bad-empty\.csv, row 3, column 1 \("a"\): empty: expected a number$/,
    ],
    [
      'NaN',
      ['entropy', 'bad-nan.csv'],
      /^bad-nan\.csv, row 3, column 2 \("b"\): NaN is not finite/,
    ],
    [
      'a string in JSONL',
      ['entropy', 'bad-jsonl.jsonl'],
      /^bad-jsonl\.jsonl, row 2, column 2: "x" is not a number$/,
    ],
    [
      'a JSON syntax error',
      ['entropy', 'bad-json.json'],
      /^bad-json\.json, row 3, column 2: invalid JSON/,
    ],
    [
      'big-endian .npy',
      ['entropy', 'bad-bigendian.npy'],
      /^bad-bigendian\.npy: dtype ">f8" is not supported/,
    ],
    ['3-D .npy', ['entropy', 'bad-3d.npy'], /^bad-3d\.npy: shape \(2, 2, 2\) is not supported/],
    ['truncated .npy', ['entropy', 'bad-truncated.npy'], /^bad-truncated\.npy: truncated/],
    ['a missing file', ['entropy', 'missing.csv'], /^missing\.csv: no such file$/],
    [
      'an unknown column',
      ['entropy', 'gauss.csv', '--cols', 'w'],
      /^--cols "w": gauss\.csv has no column "w"/,
    ],
    [
      'mismatched rows',
      ['mi', 'gauss.csv', 'ints.json'],
      /^mi: gauss\.csv has 60 rows but ints\.json has 20/,
    ],
    [
      'k ≥ n (the library)',
      ['entropy', 'gauss.csv', '-k', '60'],
      /^entropy of gauss\.csv: k is 60 but X has 60 samples/,
    ],
    [
      'a --source of several columns',
      [
        'synth-report',
        'appg.json#anchor',
        'appg.json#synthetic',
        'appg.json#training',
        '--source',
        'appg.json#synthetic',
      ],
      /^synth-report: --source appg\.json has 3 columns/,
    ],
  ];
  it('a --source index that is not a training row (stdin)', async () => {
    const source = `${Array.from({ length: 29 }, () => '0').join('\n')}\n20\n`;
    const r = await cli(
      [
        'synth-report',
        'appg.json#anchor',
        'appg.json#synthetic',
        'appg.json#training',
        '--source',
        '-',
      ],
      source,
    );
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      'infobound: stdin, row 30, column 1: 20 is not a training row: expected a 0-based index in 0 to 19\n',
    );
  });

  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.endsWith('\n')).toBe(true);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]?.startsWith('infobound: ')).toBe(true);
      expect((lines[0] as string).slice('infobound: '.length)).toMatch(message);
    });
  }
});

describe.concurrent('usage errors: commander’s message, exit code 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown subcommand', ['entropi', 'gauss.csv'], /unknown command 'entropi'/],
    ['an unknown option', ['entropy', 'gauss.csv', '--bogus'], /unknown option '--bogus'/],
    ['a bad option value', ['entropy', 'gauss.csv', '-k', 'three'], /argument 'three' is invalid/],
    ['a missing argument', ['kl'], /missing required argument 'p'/],
    ['no subcommand', [], /Usage: infobound/],
    [
      'conflicting options',
      ['repro', 'figure4', '--quick', '--full'],
      /cannot be used with option '--quick'/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('the bin', () => {
  it('package.json points `infobound` at dist/cli.js; a built one is an executable ESM script', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin).toEqual({ infobound: './dist/cli.js' });
    const built = join(root, 'dist', 'cli.js');
    // Built by `npm run build` (CI builds before testing); a developer's unbuilt tree skips this.
    if (!existsSync(built)) return;
    expect(readFileSync(built, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
