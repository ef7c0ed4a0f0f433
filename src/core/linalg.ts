/**
 * Dense symmetric positive-definite algebra on row-major Float64Arrays. The factorisation is
 * ml-matrix's; the triangular solves and log-determinants are small loops kept here so callers
 * stay on Float64Array without building Matrix objects per call.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { formatValue, InfoboundError } from './errors.js';
import { toSamples } from './input.js';

/** A square matrix after validation. @internal */
export interface Square {
  readonly data: Float64Array;
  readonly d: number;
}

/**
 * Reads a covariance matrix (any {@link SampleInput} matrix form, or a number for a 1 × 1
 * variance) and checks it is square, finite and symmetric (to 1e-12 relative).
 * Positive definiteness is checked by {@link cholesky}.
 * @internal
 */
export function toCovariance(x: unknown, name: string): Square {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) {
      throw new InfoboundError(
        'NON_FINITE',
        `${name} is ${formatValue(x)}: a variance must be finite`,
      );
    }
    return { data: Float64Array.of(x), d: 1 };
  }
  const s = toSamples(x, name);
  if (s.n !== s.d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} is ${s.n} × ${s.d}: a covariance matrix must be square`,
    );
  }
  checkSymmetric(s.data, s.d, name);
  return { data: s.data, d: s.d };
}

/**
 * Throws NOT_POSITIVE_DEFINITE unless the row-major d × d matrix is symmetric to 1e-12 relative
 * (looser than exact so that covariances computed in floating point pass).
 * @internal
 */
export function checkSymmetric(
  a: ArrayLike<number>,
  d: number,
  name: string,
  what = 'a covariance',
): void {
  if (a.length !== d * d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} has ${a.length} entries: expected ${d} × ${d}`,
    );
  }
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const u = a[i * d + j] as number;
      const v = a[j * d + i] as number;
      if (Math.abs(u - v) > 1e-12 * Math.max(Math.abs(u), Math.abs(v))) {
        throw new InfoboundError(
          'NOT_POSITIVE_DEFINITE',
          `${name}[${i}][${j}] is ${u} but ${name}[${j}][${i}] is ${v}: ${what} must be symmetric`,
        );
      }
    }
  }
}

/**
 * Lower Cholesky factor L (row-major, L·Lᵀ = A) of a symmetric matrix, or NOT_POSITIVE_DEFINITE
 * with the smallest eigenvalue in the message when A is not positive definite.
 * @internal
 */
export function cholesky(a: Float64Array, d: number, name: string): Float64Array {
  const m = new Matrix(d, d);
  // Exact symmetrisation: checkSymmetric accepts 1e-12 relative asymmetry from floating-point
  // arithmetic, but ml-matrix's factorisation demands exact symmetry.
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++)
      m.set(i, j, ((a[i * d + j] as number) + (a[j * d + i] as number)) / 2);
  }
  const chol = new CholeskyDecomposition(m);
  const L = chol.lowerTriangularMatrix;
  let ok = chol.isPositiveDefinite();
  const out = new Float64Array(d * d);
  for (let i = 0; i < d && ok; i++) {
    for (let j = 0; j <= i; j++) out[i * d + j] = L.get(i, j);
    // A squared pivot within rounding of zero is as good as singular: Cholesky's backward
    // error is about d·ε·A_ii, so a pivot² below 2d·ε·A_ii says nothing about positivity (an
    // exactly singular [[2, 2], [2, 2]] otherwise passes with a tiny pivot and a log det near −37).
    const pivot = out[i * d + i] as number;
    if (!(pivot * pivot > 2 * d * Number.EPSILON * (a[i * d + i] as number))) ok = false;
  }
  if (!ok) {
    const ev = d <= 500 ? smallestEigenvalue(m, d) : undefined;
    const detail = ev === undefined ? '' : ` (smallest eigenvalue ${formatValue(ev)})`;
    throw new InfoboundError(
      'NOT_POSITIVE_DEFINITE',
      `${name} is not positive definite${detail}: a covariance needs all eigenvalues > 0; if it is singular (a constant or linearly dependent variable), add a small ridge to its diagonal`,
    );
  }
  return out;
}

/**
 * The smallest eigenvalue of a symmetric matrix, for an error message only: undefined when it
 * cannot be computed. ml-matrix's QL iteration crashes (a TypeError in tql2) on subnormal entries
 * and on entries whose squares overflow (≳ 1e154), and turns 0/0 into NaN on a zero matrix, so
 * the eigenvalues are taken of A·2^−e, scaled exactly by a power of two to a largest entry in
 * [1, 2), with entries below 2^−500 of that flushed to 0: that moves an eigenvalue by at most
 * d·2^−500·max|A|, far below the ε·max|A| to which a singular matrix's eigenvalues are known.
 * The message must never throw, so any failure falls back to no eigenvalue.
 */
function smallestEigenvalue(m: Matrix, d: number): number | undefined {
  let max = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) max = Math.max(max, Math.abs(m.get(i, j)));
  if (max === 0) return 0;
  const e = exponentOf(max);
  const scaled = new Matrix(d, d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const v = ldexp(m.get(i, j), -e);
      scaled.set(i, j, Math.abs(v) < 2 ** -500 ? 0 : v);
    }
  }
  try {
    const ev = new EigenvalueDecomposition(scaled, { assumeSymmetric: true }).realEigenvalues;
    let min = Number.POSITIVE_INFINITY;
    for (const v of ev) min = Math.min(min, v);
    return Number.isFinite(min) ? ldexp(min, e) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The binary exponent e of x = ±f·2^e, f in [1, 2), for finite x ≠ 0 (subnormals included).
 * Used to rescale data by exact powers of two.
 * @internal
 */
export function exponentOf(x: number): number {
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  // log2 may round across a power of two (and 2^1024 overflows to Infinity): correct by one.
  const f = a / 2 ** e;
  if (f >= 2) e++;
  else if (f < 1) e--;
  return e;
}

/**
 * x·2^e for any integer e, in steps of at most 2^±1022 (2^e alone is not a double beyond them):
 * exact unless the result is subnormal or overflows; never NaN for finite x.
 * @internal
 */
export function ldexp(x: number, e: number): number {
  let y = x;
  let k = e;
  while (k > 1023) {
    y *= 2 ** 1023;
    k -= 1023;
  }
  while (k < -1022) {
    y *= 2 ** -1022;
    k += 1022;
  }
  return y * 2 ** k;
}

/** log det A from its Cholesky factor: 2 Σ log L_ii. @internal */
export function logDetFromCholesky(L: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(L[i * d + i] as number);
  return 2 * s;
}

/** Solves L·x = b in place of b (L lower triangular, row-major). @internal */
export function forwardSolve(L: Float64Array, b: Float64Array, d: number): Float64Array {
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let j = 0; j < i; j++) s -= (L[i * d + j] as number) * (b[j] as number);
    b[i] = s / (L[i * d + i] as number);
  }
  return b;
}

/** The sub-matrix of A on the rows and columns `idx`. @internal */
export function subMatrix(a: Float64Array, d: number, idx: readonly number[]): Float64Array {
  const k = idx.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++)
      out[i * k + j] = a[(idx[i] as number) * d + (idx[j] as number)] as number;
  }
  return out;
}
