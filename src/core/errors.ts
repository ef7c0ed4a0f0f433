/**
 * Machine-readable reason codes carried by every {@link InfoboundError}.
 *
 * - `NON_FINITE`: a NaN or ±Infinity where a finite number is required.
 * - `SHAPE_MISMATCH`: ragged rows, wrong dimensionality, or lengths that must agree and do not.
 * - `NOT_A_DISTRIBUTION`: negative, non-finite or non-normalised probabilities.
 * - `NOT_POSITIVE_DEFINITE`: a covariance (or Gram) matrix that is not symmetric positive definite.
 * - `TOO_FEW_SAMPLES`: fewer samples than the estimator needs (empty input, k ≥ n, ...).
 * - `INVALID_OPTION`: an option outside its documented domain (base ≤ 0, unknown method, ...).
 * - `INVALID_ARGUMENT`: an argument of the wrong type (a string where a matrix is expected, ...).
 * - `DEGENERATE_SAMPLES`: samples an estimator cannot use as they are (duplicate points that make a
 *   nearest-neighbour distance 0 when jitter is off).
 *
 * @public
 */
export type InfoboundErrorCode =
  | 'NON_FINITE'
  | 'SHAPE_MISMATCH'
  | 'NOT_A_DISTRIBUTION'
  | 'NOT_POSITIVE_DEFINITE'
  | 'TOO_FEW_SAMPLES'
  | 'INVALID_OPTION'
  | 'INVALID_ARGUMENT'
  | 'DEGENERATE_SAMPLES';

/**
 * The one error type the library throws for bad input. Its `code` says what kind of problem it
 * is; its message names the argument, the offending index and the value.
 *
 * @example
 * ```ts
 * import { discrete, InfoboundError } from 'infobound';
 * try {
 *   discrete.entropy([0.5, -0.2, 0.7]);
 * } catch (e) {
 *   console.log(e instanceof InfoboundError && e.code); // 'NOT_A_DISTRIBUTION'
 * }
 * ```
 * @public
 */
export class InfoboundError extends Error {
  /** Machine-readable reason; stable across releases. */
  readonly code: InfoboundErrorCode;

  constructor(code: InfoboundErrorCode, message: string) {
    super(message);
    this.name = 'InfoboundError';
    this.code = code;
    // Keep `instanceof` working when compiled to ES5-style classes by a consumer's bundler.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** Formats a number for an error message: short, but exact enough to recognise the value. */
export function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const kind = typeof value === 'object' ? (value.constructor?.name ?? 'Object') : typeof value;
  return kind === 'Object' ? 'an object' : /^[aeiou]/i.test(kind) ? `an ${kind}` : `a ${kind}`;
}
