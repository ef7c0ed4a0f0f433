import { formatValue, InfoboundError } from '../core/errors.js';
import { oneOf, type SampleInput, type Samples, toSamples } from '../core/input.js';
import { checkSeed, createRandom } from '../core/random.js';
import { type Base, fromNats, logOfBase } from '../core/units.js';
import { semanticEntropy } from '../discrete/semanticEntropy.js';
import { entropyFromSamples as gaussianEntropy } from '../gaussian/entropyFromSamples.js';
import { pairedHsic } from '../kernel/pairing.js';
import { entropy as knnEntropy } from '../knn/entropy.js';

/** An estimate with its uncertainty and how it was made. @public */
export interface Estimate {
  value: number;
  /** Standard error (see `estimator` for how it was obtained). */
  standardError: number;
  /** The estimator and the uncertainty method, in words. */
  estimator: string;
}

/** Options of {@link estimateSyntheticDataTerms}. @public */
export interface SyntheticDataTermsOptions {
  /** Semantic cluster label of each synthetic sample (for the semantic entropy of S_gen). */
  syntheticClusters?: ArrayLike<number | string>;
  /** Per-sample probabilities of the synthetic samples (probability-weighted semantic entropy). */
  syntheticProbabilities?: ArrayLike<number>;
  /**
   * Differential-entropy estimator for H(S_anchor), H(S_gen): `'knn'` (Kozachenko–Leonenko,
   * default) or `'gaussian'` (Gaussian model, Ahmed–Gokhale unbiased). In high dimension both are
   * crude; ΔH, a difference of two estimates with the same bias, is more trustworthy than either.
   */
  entropyEstimator?: 'knn' | 'gaussian';
  /** k of the kNN entropy estimator (default 3). */
  k?: number;
  /** Subsamples for the entropy standard errors, and bootstrap resamples for semantic entropy (default 20). */
  resamples?: number;
  /** Random pairings averaged by the HSIC (default 20). */
  hsicRepeats?: number;
  /** Unit of the entropies (default nats). HSIC has no unit. */
  base?: Base;
  /** Seed of every random choice (default 0). */
  seed?: number;
}

/** Result of {@link estimateSyntheticDataTerms}. @public */
export interface SyntheticDataTerms {
  /** HSIC(T, S_gen): the App. G proxy of I(T; S_gen) (lower read as larger information gain ΔI). */
  hsic: Estimate & { size: number; repeats: number };
  /** Semantic entropy of S_gen (App. G's proxy of H(S_gen)), when clusters are given. */
  semanticEntropy?: Estimate & { clusters: number };
  /** H(S_anchor) of the anchor embeddings. */
  hAnchor: Estimate;
  /** H(S_gen) of the synthetic embeddings. */
  hSynthetic: Estimate;
  /** ΔH = H(S_anchor) − H(S_gen) (Theorem 4.10), standard error from the two, independent. */
  deltaH: Estimate;
}

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

function sd(v: number[]): number {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
}

function rowsOf(s: Samples, idx: Int32Array): Float64Array[] {
  return Array.from(idx, (r) => s.data.subarray(r * s.d, (r + 1) * s.d));
}

/**
 * The estimable terms of the paper's App. G workflow from your own data: anchor, synthetic and
 * training samples as embeddings (rows), plus optional semantic cluster labels of the synthetic
 * samples.
 *
 * - `hsic`: unbiased HSIC between the training set and the synthetic set with Gaussian kernels
 *   (median bandwidths), averaged over `hsicRepeats` random pairings of equal-size subsets
 *   ({@link kernel.pairedHsic}); the standard error is that of the pairing average. The paper reads a
 *   lower HSIC(T, S_gen) as a larger information gain ΔI (THEORY.md, App. G).
 * - `semanticEntropy`: the entropy of the synthetic samples' cluster distribution (frequency or
 *   probability-weighted), with a bootstrap standard error over samples.
 * - `hAnchor`, `hSynthetic`, `deltaH`: differential entropies of the embeddings (kNN or Gaussian),
 *   with standard errors from `resamples` half-size subsamples without replacement (sd/√2: the
 *   variance of these estimators scales as 1/n; a bootstrap would duplicate points, which distorts
 *   nearest-neighbour distances).
 *
 * What this does not give: the terms of Lemma 4.5 and Theorem 4.10 that involve the trained
 * parameters W (I(S_gen; W), H(S_anchor | W), …) are not estimable from embeddings alone.
 *
 * @param anchor - m × d anchor embeddings (S_anchor).
 * @param synthetic - n × d synthetic embeddings (S_gen), same d.
 * @param training - t × d' embeddings of the training set T (paired with S_gen by random coupling).
 * @example
 * ```ts
 * import { bounds } from 'infobound';
 * const terms = bounds.estimateSyntheticDataTerms(anchor, synthetic, training, { syntheticClusters });
 * terms.deltaH.value; // H(S_anchor) − H(S_gen)
 * ```
 * @public
 */
export function estimateSyntheticDataTerms(
  anchor: SampleInput,
  synthetic: SampleInput,
  training: SampleInput,
  options: SyntheticDataTermsOptions = {},
): SyntheticDataTerms {
  const a = toSamples(anchor, 'anchor', 4);
  const s = toSamples(synthetic, 'synthetic', 4);
  toSamples(training, 'training', 4);
  if (a.d !== s.d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `anchor has ${a.d} columns but synthetic has ${s.d}: their entropies are compared, so they must share an embedding`,
    );
  }
  const method = oneOf(options.entropyEstimator, ['knn', 'gaussian'], 'knn', 'entropyEstimator');
  const seed = options.seed === undefined ? 0 : checkSeed(options.seed);
  const resamples = options.resamples === undefined ? 20 : options.resamples;
  if (!Number.isInteger(resamples) || resamples < 2) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `resamples is ${formatValue(resamples)}: expected an integer ≥ 2`,
    );
  }
  const k = options.k === undefined ? 3 : options.k;
  const base = options.base;
  logOfBase(base);

  const estimate = (rows: Float64Array[]): number =>
    method === 'knn'
      ? knnEntropy(rows, { k, seed, base: 'nats' })
      : gaussianEntropy(rows, { correction: 'ahmed-gokhale' });
  const rng = createRandom(seed);
  const entropyOf = (x: Samples, name: string): Estimate => {
    const all = rowsOf(
      x,
      Int32Array.from({ length: x.n }, (_, i) => i),
    );
    const value = estimate(all);
    const half = Math.floor(x.n / 2);
    if (half <= (method === 'knn' ? k : x.d)) {
      throw new InfoboundError(
        'TOO_FEW_SAMPLES',
        `${name} has ${x.n} samples: its standard error needs half-size subsamples larger than ${method === 'knn' ? `k = ${k}` : `d = ${x.d}`}`,
      );
    }
    const subs: number[] = [];
    for (let r = 0; r < resamples; r++)
      subs.push(estimate(rowsOf(x, rng.permutation(x.n).slice(0, half))));
    return {
      value: fromNats(value, base),
      standardError: fromNats(sd(subs) / Math.SQRT2, base),
      estimator:
        method === 'knn'
          ? `Kozachenko–Leonenko kNN entropy (k = ${k}); SE from ${resamples} half-size subsamples (sd/√2)`
          : `Gaussian entropy (Ahmed–Gokhale); SE from ${resamples} half-size subsamples (sd/√2)`,
    };
  };
  const hAnchor = entropyOf(a, 'anchor');
  const hSynthetic = entropyOf(s, 'synthetic');
  const deltaH: Estimate = {
    value: hAnchor.value - hSynthetic.value,
    standardError: Math.hypot(hAnchor.standardError, hSynthetic.standardError),
    estimator: 'difference of the two entropy estimates; SEs combined as independent',
  };

  const repeats = options.hsicRepeats === undefined ? 20 : options.hsicRepeats;
  const ph = pairedHsic(training, synthetic, {
    repeats,
    seed,
    estimator: 'unbiased',
  });
  const result: SyntheticDataTerms = {
    hsic: {
      value: ph.value,
      standardError: ph.standardError,
      estimator: `unbiased HSIC, Gaussian kernels with median bandwidths, mean over ${ph.repeats} random pairings of ${ph.size} rows (SE of that mean)`,
      size: ph.size,
      repeats: ph.repeats,
    },
    hAnchor,
    hSynthetic,
    deltaH,
  };

  if (options.syntheticClusters !== undefined) {
    const clusters = options.syntheticClusters;
    if (clusters.length !== s.n) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `syntheticClusters has ${clusters.length} labels but synthetic has ${s.n} rows: one label per sample`,
      );
    }
    const probs = options.syntheticProbabilities;
    const opts = probs === undefined ? {} : { probabilities: probs };
    const value = semanticEntropy(clusters, { ...opts, base: 'nats' });
    const boots: number[] = [];
    const labels = Array.from(clusters);
    for (let r = 0; r < resamples; r++) {
      const idx = Array.from({ length: s.n }, () => rng.int(0, s.n - 1));
      const bl = idx.map((i) => labels[i] as number | string);
      const bp = probs === undefined ? undefined : idx.map((i) => probs[i] as number);
      boots.push(
        semanticEntropy(
          bl,
          bp === undefined ? { base: 'nats' } : { probabilities: bp, base: 'nats' },
        ),
      );
    }
    result.semanticEntropy = {
      value: fromNats(value, base),
      standardError: fromNats(sd(boots), base),
      estimator: `semantic entropy (${probs === undefined ? 'cluster frequencies' : 'probability-weighted'}); bootstrap SE over ${resamples} resamples`,
      clusters: new Set(labels).size,
    };
  }
  return result;
}
