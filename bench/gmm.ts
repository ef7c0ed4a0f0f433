/**
 * GMM family: time per EM iteration of GaussianMixture.fit at n = 20000, k = 10, d = 2, 8, 32,
 * from a fixed initialisation (weights 1/k, means = the first k samples, identity precisions)
 * with tol = 0 so every fit runs all its iterations, against scikit-learn's GaussianMixture on
 * identical data and initial parameters (bench/compare/gmm.py). Per-iteration time is
 * (t(iters) − t(1)) / (iters − 1) on both sides, so neither side's fixed costs count.
 * `full`: 100 iterations per fit and the diag covariance type too; otherwise 20 (10 at d = 32).
 * `npx tsx bench/gmm.ts --full --types=diag --dims=2,8` times a subset (both sides).
 */
import { createRandom } from '../src/core/random.js';
import { GaussianMixture } from '../src/index.js';
import { runPython } from './compare.js';
import { report, type Timing, time } from './harness.js';

const N = 20_000;
const K = 10;

interface Case {
  n: number;
  d: number;
  k: number;
  iters: number;
  reps: number;
  covarianceType: 'full' | 'diag';
  X: Float64Array;
  weights: number[];
  means: number[][];
  precisions: number[][][] | number[][];
}

/** n draws from a k-component mixture in d dimensions: means uniform in [0, 10)^d, covariances A·Aᵀ/d + 0.5·I. */
function mixtureData(n: number, d: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const means = Array.from({ length: K }, () =>
    Array.from({ length: d }, () => 10 * rng.uniform()),
  );
  const covariances = Array.from({ length: K }, () => {
    const a = Array.from({ length: d * d }, () => rng.normal());
    return Array.from({ length: d }, (_, i) =>
      Array.from({ length: d }, (_, j) => {
        let v = i === j ? 0.5 : 0;
        for (let t = 0; t < d; t++) v += (a[i * d + t]! * a[j * d + t]!) / d;
        return v;
      }),
    );
  });
  const truth = GaussianMixture.fromParameters({
    weights: new Array(K).fill(1 / K),
    means,
    covariances,
  });
  const { samples } = truth.sample(n, { seed: seed + 1 });
  const X = new Float64Array(n * d);
  samples.forEach((r, i) => {
    X.set(r, i * d);
  });
  return X;
}

function makeCase(d: number, covarianceType: 'full' | 'diag', full: boolean): Case {
  const X = mixtureData(N, d, 100 + d);
  const iters = full ? 100 : d >= 32 ? 10 : 20;
  const reps = d >= 32 ? 3 : 5;
  const means = Array.from({ length: K }, (_, j) => Array.from(X.subarray(j * d, (j + 1) * d)));
  const eye = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)),
  );
  const precisions =
    covarianceType === 'full'
      ? Array.from({ length: K }, () => eye)
      : Array.from({ length: K }, () => new Array<number>(d).fill(1));
  return {
    n: N,
    d,
    k: K,
    iters,
    reps,
    covarianceType,
    X,
    weights: new Array(K).fill(1 / K),
    means,
    precisions,
  };
}

function fitter(c: Case, iters: number, rows: Float64Array[]): () => number {
  return () =>
    new GaussianMixture({
      nComponents: c.k,
      covarianceType: c.covarianceType,
      tol: 0,
      maxIter: iters,
      weightsInit: c.weights,
      meansInit: c.means,
      precisionsInit: c.precisions,
    }).fit(rows).lowerBound;
}

export function benchGmm(
  full: boolean,
  only: { types?: ('full' | 'diag')[] | undefined; dims?: number[] | undefined } = {},
): void {
  const types = (full ? (['full', 'diag'] as const) : (['full'] as const)).filter(
    (t) => only.types === undefined || only.types.includes(t),
  );
  const dims = [2, 8, 32].filter((d) => only.dims === undefined || only.dims.includes(d));
  const cases = types.flatMap((t) => dims.map((d) => makeCase(d, t, full)));
  const ours = new Map<Case, { timing: Timing; lowerBound: number }>();
  for (const c of cases) {
    const rows = Array.from({ length: c.n }, (_, i) => c.X.subarray(i * c.d, (i + 1) * c.d));
    const many = fitter(c, c.iters, rows);
    const one = fitter(c, 1, rows);
    const per: number[] = [];
    one();
    let lowerBound = Number.NaN;
    for (let r = 0; r < c.reps; r++) {
      const tMany = time('', many, 1, 0).medianMs;
      const tOne = time('', one, 1, 0).medianMs;
      per.push((tMany - tOne) / (c.iters - 1));
    }
    lowerBound = many();
    per.sort((a, b) => a - b);
    const at = (q: number) => per[Math.min(per.length - 1, Math.floor(q * (per.length - 1)))]!;
    ours.set(c, {
      timing: {
        name: `EM iteration, ${c.covarianceType}, n = ${c.n}, k = ${c.k}, d = ${c.d}`,
        medianMs: at(0.5),
        q1Ms: at(0.25),
        q3Ms: at(0.75),
        reps: c.reps,
      },
      lowerBound,
    });
  }
  const py = runPython<
    {
      d: number;
      covarianceType: string;
      medianMs: number;
      q1Ms: number;
      q3Ms: number;
      reps: number;
      lowerBound: number;
      blas: string[];
    }[]
  >(
    'gmm.py',
    cases.map((c) => ({ ...c, X: Array.from(c.X) })),
  );
  const rows: [Timing, Timing][] = cases.map((c, i) => {
    const o = ours.get(c)!;
    const p = py?.[i];
    return [
      o.timing,
      p
        ? { name: 'scikit-learn', medianMs: p.medianMs, q1Ms: p.q1Ms, q3Ms: p.q3Ms, reps: p.reps }
        : {
            name: 'scikit-learn (not run)',
            medianMs: Number.NaN,
            q1Ms: Number.NaN,
            q3Ms: Number.NaN,
            reps: 0,
          },
    ];
  });
  report(
    `gmm: time per EM iteration (${full ? 100 : '20 (10 at d = 32)'} iterations, tol = 0, same initial parameters)`,
    rows,
  );
  if (py) {
    console.log(`\nscikit-learn's BLAS: ${py[0]?.blas.join(', ')}`);
    console.log('\nSame EM on both sides: final lower bounds (per-sample mean log-likelihood)');
    console.log('| covariance | d | ours | scikit-learn | |difference| |');
    console.log('|---|---:|---:|---:|---:|');
    cases.forEach((c, i) => {
      const a = ours.get(c)!.lowerBound;
      const b = py[i]!.lowerBound;
      console.log(
        `| ${c.covarianceType} | ${c.d} | ${a} | ${b} | ${Math.abs(a - b).toExponential(1)} |`,
      );
    });
  }
}

// `npx tsx bench/gmm.ts [--full] [--types=full,diag] [--dims=2,8,32]` runs this benchmark alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) =>
    process.argv
      .find((a) => a.startsWith(`--${name}=`))
      ?.slice(name.length + 3)
      .split(',');
  benchGmm(process.argv.includes('--full'), {
    types: arg('types') as ('full' | 'diag')[] | undefined,
    dims: arg('dims')?.map(Number),
  });
}
