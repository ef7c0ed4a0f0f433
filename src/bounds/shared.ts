/** Validation and result shape shared by the bound calculators (not public). */
import { formatValue, InfoboundError } from '../core/errors.js';

/** What every calculator returns. @public */
export interface BoundResult<T extends Record<string, number> = Record<string, number>> {
  /** The bound (or quantity) itself. */
  value: number;
  /** Every term that went into it, named as in the paper. */
  terms: T;
  /** Where it comes from: the paper's result and equation (THEORY.md numbering). */
  reference: string;
}

/** Reads a required finite number. @internal */
export function num(input: Record<string, unknown>, key: string): number {
  const v = input?.[key];
  if (typeof v !== 'number') {
    throw new InfoboundError('INVALID_ARGUMENT', `${key} is ${formatValue(v)}: expected a number`);
  }
  if (!Number.isFinite(v)) {
    throw new InfoboundError('NON_FINITE', `${key} is ${formatValue(v)}: expected a finite number`);
  }
  return v;
}

/** An entropy or mutual-information term: finite and ≥ 0. @internal */
export function info(input: Record<string, unknown>, key: string): number {
  const v = num(input, key);
  if (v < 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${key} is ${v}: an entropy or mutual information of discrete variables cannot be negative`,
    );
  }
  return v;
}

/** A number that must be > 0 (σ, n, ...). @internal */
export function positive(input: Record<string, unknown>, key: string): number {
  const v = num(input, key);
  if (!(v > 0))
    throw new InfoboundError('INVALID_ARGUMENT', `${key} is ${v}: expected a number > 0`);
  return v;
}

/** A sample count n ≥ 1 (an integer). @internal */
export function count(input: Record<string, unknown>, key: string): number {
  const v = num(input, key);
  if (!Number.isInteger(v) || v < 1) {
    throw new InfoboundError('INVALID_ARGUMENT', `${key} is ${v}: expected an integer ≥ 1`);
  }
  return v;
}

/** A probability-like number in [0, 1] (a total variation distance). @internal */
export function unit(input: Record<string, unknown>, key: string): number {
  const v = num(input, key);
  if (v < 0 || v > 1) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${key} is ${v}: a total variation distance lies in [0, 1]`,
    );
  }
  return v;
}

/**
 * The depth factor exp(−(L/2)·log(1/η)) = η^{L/2} of Lemmas 4.4, 4.6 and 4.8, from optional
 * `layers` (L ≥ 0, integer; default 0) and `eta` (0 < η ≤ 1; default 1). With the defaults it is
 * 1 and the bounds reduce to Xu & Raginsky's.
 * @internal
 */
export function depthFactor(
  input: Record<string, unknown>,
  etaKey = 'eta',
): { layers: number; eta: number; factor: number } {
  const layers = input?.layers === undefined ? 0 : num(input, 'layers');
  if (!Number.isInteger(layers) || layers < 0) {
    throw new InfoboundError('INVALID_ARGUMENT', `layers is ${layers}: expected an integer ≥ 0`);
  }
  const eta = input?.[etaKey] === undefined ? 1 : num(input, etaKey);
  if (!(eta > 0) || eta > 1) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${etaKey} is ${eta}: a contraction factor must satisfy 0 < η ≤ 1`,
    );
  }
  return { layers, eta, factor: Math.exp(-(layers / 2) * Math.log(1 / eta)) };
}

/** Smallest positive normal double, 2^-1022: below it a product has lost bits. */
const MIN_NORMAL = 2.2250738585072014e-308;

const isNormal = (v: number): boolean => v >= MIN_NORMAL && v <= Number.MAX_VALUE;

/**
 * sqrt(2σ²·I/n) after checking that the information term is not negative.
 *
 * Formed as before, √((2σσ·I)/n), whenever each intermediate product is a normal double (so the
 * results at ordinary scales keep their bits); otherwise as σ·(√2·√I/√n), which has no
 * intermediate beyond the bound itself: σ²·I overflowed for σ = I = 1e150 (Infinity instead of
 * √2·1e225) and underflowed for σ = I = 1e-150 (0 instead of √2·1e-225).
 * @internal
 */
export function xuRaginsky(sigma: number, information: number, n: number, what: string): number {
  if (information < 0) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${what} is ${information}: it bounds a mutual information, so a negative value means the terms are inconsistent`,
    );
  }
  if (information === 0) return 0;
  const s2 = 2 * sigma * sigma;
  const s2i = s2 * information;
  const p = s2i / n;
  if (isNormal(s2) && isNormal(s2i) && isNormal(p)) return Math.sqrt(p);
  return sigma * ((Math.SQRT2 * Math.sqrt(information)) / Math.sqrt(n));
}
