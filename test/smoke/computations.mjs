/**
 * The computations of the browser smoke test (scripts/smoke-browser.mjs), run once in Node and
 * once in headless Chromium on the browser bundle, so that the two sets of numbers can be compared
 * bit for bit. Plain JavaScript with no imports: the library comes in as an argument.
 *
 * The inputs are made with integer arithmetic and exact sums (no Math.sin or Math.random), so
 * that any difference between the platforms comes from the library, not from the test.
 */

/** Uniform doubles in [0, 1) from a 31-bit LCG: integer steps, exact on every engine. */
function uniforms(seed, n) {
  const out = new Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    out[i] = s / 2147483648;
  }
  return out;
}

/** Roughly normal samples: the sum of four uniforms, centred (Irwin–Hall), exact in doubles. */
function normals(seed, n) {
  const u = uniforms(seed, 4 * n);
  return Array.from(
    { length: n },
    (_, i) => u[4 * i] + u[4 * i + 1] + u[4 * i + 2] + u[4 * i + 3] - 2,
  );
}

/** Runs the estimators the smoke test compares; returns plain numbers (and a few flags). */
export function run(ib) {
  const n = 300;
  const a = normals(1, n);
  const b = normals(2, n);
  const x = a.map((v, i) => [v, 0.5 * v + 0.5 * b[i]]);
  const y = a.map((v, i) => v * v + 0.1 * b[i]);
  const out = {};

  out.discreteEntropyBits = ib.discrete.entropy([0.1, 0.2, 0.3, 0.4], { base: 'bits' });
  out.discreteMI = ib.discrete.mutualInformation([
    [0.4, 0.1],
    [0.1, 0.4],
  ]);
  out.knnEntropy = ib.knn.entropy(x, { k: 3 });
  out.knnEntropyTies = ib.knn.entropy(
    a.map((v) => Math.round(4 * v)),
    { k: 3, seed: 5 },
  );
  out.ksg = ib.knn.mutualInformation(
    x.map((r) => r[0]),
    x.map((r) => r[1]),
    { k: 4 },
  );
  out.hsic = ib.kernel.hsic(a, y);
  out.cka = ib.kernel.cka(x, y);
  out.hsicTestGammaP = ib.kernel.hsicTest(a, y).pValue;
  out.hsicTestPermutationP = ib.kernel.hsicTest(a.slice(0, 60), b.slice(0, 60), {
    method: 'permutation',
    permutations: 99,
    seed: 3,
  }).pValue;
  out.hsicRff = ib.kernel.hsicRff(a, y, { features: 64, seed: 4 });

  const blobs = [...x.slice(0, 100), ...x.slice(100, 200).map(([p, q]) => [p + 5, q - 3])];
  const gm = new ib.GaussianMixture({ nComponents: 2, seed: 1 }).fit(blobs);
  out.gmm = {
    weights: gm.weights,
    means: gm.means,
    covariances: gm.covariances,
    lowerBound: gm.lowerBound,
    nIter: gm.nIter,
    converged: gm.converged,
    sample: Array.from(gm.sample(3, { seed: 9 }).samples, (r) => Array.from(r)),
  };
  const q = ib.GaussianMixture.fromParameters({
    weights: [0.5, 0.5],
    means: [
      [0, 0],
      [4, -2],
    ],
    covariances: [
      [
        [1, 0],
        [0, 1],
      ],
      [
        [2, 0.5],
        [0.5, 1],
      ],
    ],
  });
  out.gmmKlMonteCarlo = ib.gmm.klDivergence(gm, q, { samples: 2000, seed: 2 });
  out.gmmKlVariational = ib.gmm.klDivergence(gm, q, { method: 'variational' }).value;

  const gap = ib.simulation.klGap({
    K: 2,
    J: 1,
    L: 1,
    repetitions: 2,
    resamples: 2,
    resampleSize: 200,
    anchorPerComponent: 20,
    nSynthetic: 40,
    seed: 7,
  });
  out.klGap = { mean: gap.mean, std: gap.std, values: gap.values };
  // The histogram protocol's resample loop: the WebAssembly kernel where the page allows it,
  // the JavaScript path under the strict policy.
  for (const klEstimator of ['histogram', 'histogram-shared']) {
    const h = ib.simulation.klGap({
      K: 2,
      J: 1,
      L: 2,
      repetitions: 2,
      resamples: 3,
      resampleSize: 300,
      anchorPerComponent: 20,
      nSynthetic: 40,
      klEstimator,
      seed: 8,
    });
    out[`klGap_${klEstimator}`] = { values: h.values, klAnchor: h.klAnchor, klGen: h.klGen };
  }

  try {
    ib.discrete.entropy([0.5, -0.2, 0.7]);
    out.typedError = 'no error';
  } catch (e) {
    out.typedError = { instanceOf: e instanceof ib.InfoboundError, code: e.code };
  }
  return out;
}
