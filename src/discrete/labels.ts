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
  const first: number[] = [];
  const kb = b.nClasses;
  const keys = a.nClasses * kb;
  if (keys <= 4 * n + 1024) {
    // Few enough possible pairs for a direct lookup table (far faster than a Map).
    const table = new Int32Array(keys).fill(-1);
    for (let i = 0; i < n; i++) {
      const key = (a.codes[i] as number) * kb + (b.codes[i] as number);
      let c = table[key] as number;
      if (c < 0) {
        c = first.length;
        table[key] = c;
        first.push(i);
      }
      codes[i] = c;
    }
    return { codes, nClasses: first.length, first: Int32Array.from(first) };
  }
  const seen = new Map<number, number>();
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
