import { oneOf, toLabels } from '../core/input.js';
import { addTo, newSum, total } from '../core/numerics.js';
import { type BaseOptions, fromNats } from '../core/units.js';
import { bincount } from './labels.js';

/** Options of {@link entropyFromSamples}. @public */
export interface EntropyFromSamplesOptions extends BaseOptions {
  /**
   * `'none'` (default): the plug-in (maximum-likelihood) estimate, biased low by about
   * (m − 1)/(2N). `'miller-madow'`: adds that first-order correction, m = number of distinct
   * labels observed.
   */
  correction?: 'none' | 'miller-madow';
}

/**
 * Entropy of a discrete variable estimated from samples of it.
 *
 * Plug-in: `Ĥ = −Σ_x (c_x / N) · log(c_x / N)` over the observed labels x with counts c_x.
 * Miller–Madow: `Ĥ_MM = Ĥ + (m − 1) / (2N)` (in nats; converted with `base`), m = number of
 * distinct labels observed.
 *
 * The plug-in estimate is biased downward (E Ĥ ≤ H), by about (|X| − 1)/(2N) when every outcome
 * is well sampled; Miller–Madow removes that first-order term but not the bias from unseen
 * outcomes. Labels may be numbers or strings (`1` and `'1'` differ). Cost: O(N) time, O(m)
 * memory.
 *
 * Reference: Miller (1955), "Note on the bias of information estimates"; Paninski (2003),
 * "Estimation of entropy and mutual information", Neural Computation 15(6).
 *
 * @param labels - N ≥ 1 samples.
 * @example
 * ```ts
 * import { discrete } from 'infobound';
 * discrete.entropyFromSamples(['a', 'b', 'a', 'b'], { base: 'bits' }); // 1
 * discrete.entropyFromSamples(['a', 'b', 'a', 'b'], { correction: 'miller-madow' }); // ln 2 + 1/8
 * ```
 * @public
 */
export function entropyFromSamples(
  labels: ArrayLike<number | string>,
  options: EntropyFromSamplesOptions = {},
): number {
  const correction = oneOf(options.correction, ['none', 'miller-madow'], 'none', 'correction');
  const l = toLabels(labels, 'labels');
  const n = l.codes.length;
  const h = entropyOfCounts(bincount(l.codes, l.nClasses), n);
  const nats = correction === 'miller-madow' ? h + (l.nClasses - 1) / (2 * n) : h;
  return fromNats(nats, options.base);
}

/** Plug-in entropy (nats) of counts summing to n. @internal */
export function entropyOfCounts(counts: ArrayLike<number>, n: number): number {
  const acc = newSum();
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > 0) {
      const p = c / n;
      addTo(acc, -p * Math.log(p));
    }
  }
  return total(acc);
}
