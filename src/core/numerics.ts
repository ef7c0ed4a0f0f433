/**
 * Small numeric kernels shared by every family. Written here rather than taken from mathjs because
 * they sit in inner loops over Float64Array, where a generic, type-dispatching function costs more
 * than the arithmetic it does.
 */

/**
 * Neumaier's compensated sum of `values`: the error is O(ε) times Σ|v| instead of O(n·ε), which
 * matters for the long sums of tiny terms entropy estimators produce.
 * @internal
 */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const t = s + v;
    // Once the sum is ±Infinity (or NaN) the correction is meaningless (∞ − ∞): skip it.
    if (Number.isFinite(t)) c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return Number.isFinite(s) ? s + c : s;
}

/**
 * A running Neumaier sum for loops that produce their terms one at a time (no array to hold them).
 * Use as `const acc = newSum(); addTo(acc, v); ...; total(acc)`.
 * @internal
 */
export interface CompensatedSum {
  s: number;
  c: number;
}

/** @internal */
export function newSum(): CompensatedSum {
  return { s: 0, c: 0 };
}

/** @internal */
export function addTo(acc: CompensatedSum, v: number): void {
  const t = acc.s + v;
  if (Number.isFinite(t)) acc.c += Math.abs(acc.s) >= Math.abs(v) ? acc.s - t + v : v - t + acc.s;
  acc.s = t;
}

/** @internal */
export function total(acc: CompensatedSum): number {
  return Number.isFinite(acc.s) ? acc.s + acc.c : acc.s;
}

/**
 * `x · log x` with the information-theoretic convention `0 · log 0 = 0`. Defined for x ≥ 0.
 * @internal
 */
export function xlogx(x: number): number {
  return x === 0 ? 0 : x * Math.log(x);
}

/**
 * `x · log(x / y)` with the conventions of relative entropy (SciPy's `rel_entr`): 0 when x = 0,
 * +Infinity when x > 0 = y. Defined for x, y ≥ 0.
 * @internal
 */
export function relEntr(x: number, y: number): number {
  if (x === 0) return 0;
  if (y === 0) return Number.POSITIVE_INFINITY;
  const r = x / y;
  // x/y overflows when y is subnormal (y < 2^-1022 · x): take the logs apart instead. One log of
  // the ratio is kept for the ordinary case, where it is more accurate than a difference of logs.
  return r === Number.POSITIVE_INFINITY || r === 0
    ? x * (Math.log(x) - Math.log(y))
    : x * Math.log(r);
}

/**
 * `log Σ exp(v_i)`, computed stably by shifting by the maximum. Returns -Infinity for an empty
 * input or when every value is -Infinity, and +Infinity if any value is +Infinity.
 * @internal
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  const acc = newSum();
  for (let i = 0; i < n; i++) addTo(acc, Math.exp((values[i] as number) - max));
  return max + Math.log(total(acc));
}
