/** Counting helpers for the estimators that work from label samples (not public). */
import type { Labels } from '../core/input.js';

/** Number of occurrences of each code 0..k−1. @internal */
export function bincount(codes: Int32Array, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < codes.length; i++) out[codes[i] as number]++;
  return out;
}

/**
 * Dense codes of the pairs (a_i, b_i), in order of first appearance, plus for each pair code the
 * index of its first occurrence (to read back its components). The key a·k_b + b is exact while
 * k_a·k_b < 2^53, which holds for any n below 9·10^7 samples.
 * @internal
 */
export function pairCodes(a: Labels, b: Labels): Labels & { first: Int32Array } {
  const n = a.codes.length;
  const codes = new Int32Array(n);
  const seen = new Map<number, number>();
  const first: number[] = [];
  const kb = b.nClasses;
  for (let i = 0; i < n; i++) {
    const key = (a.codes[i] as number) * kb + (b.codes[i] as number);
    let c = seen.get(key);
    if (c === undefined) {
      c = seen.size;
      seen.set(key, c);
      first.push(i);
    }
    codes[i] = c;
  }
  return { codes, nClasses: seen.size, first: Int32Array.from(first) };
}
