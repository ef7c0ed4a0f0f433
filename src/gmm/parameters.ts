/**
 * Reading and validating mixture parameters given by the user (initial values, `fromParameters`,
 * `fromJSON`): nested arrays of the shapes scikit-learn uses, checked once here, then converted
 * to the flat covariance / precision-Cholesky pair the EM code works with.
 */
import { formatValue, InfoboundError } from '../core/errors.js';
import { checkDistribution, isMatrixLike } from '../core/input.js';
import { checkSymmetric, cholesky } from '../core/linalg.js';
import { type CovarianceType, covarianceShape, inverseTransposeInto } from './em.js';

/** Nested arrays of numbers of any depth (a vector, a matrix, a stack of matrices). @public */
export type NumericArray = ArrayLike<number> | ArrayLike<NumericArray>;

/** A parsed numeric array: its values row-major and its shape. @internal */
export interface ParsedArray {
  readonly data: Float64Array;
  readonly shape: readonly number[];
}

function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return (
    Array.isArray(x) ||
    ArrayBuffer.isView(x) ||
    (typeof x === 'object' &&
      x !== null &&
      !isMatrixLike(x) &&
      typeof (x as ArrayLike<unknown>).length === 'number')
  );
}

/**
 * Reads a rank-`rank` nested array (the last two levels may be an ml-matrix `Matrix`) of finite
 * numbers, rectangular, and returns it flat with its shape. @internal
 */
export function readArray(x: unknown, rank: number, name: string): ParsedArray {
  const shape: number[] = [];
  let cur: unknown = x;
  for (let r = 0; r < rank; r++) {
    if (isMatrixLike(cur) && rank - r === 2) {
      shape.push(cur.rows, cur.columns);
      break;
    }
    if (!isArrayLike(cur)) {
      throw new InfoboundError(
        r === 0 ? 'INVALID_ARGUMENT' : 'SHAPE_MISMATCH',
        `${name}${'[0]'.repeat(r)} is ${formatValue(cur)}: expected ${rank === 1 ? 'an array of numbers' : `a ${rank}-D array of numbers`}`,
      );
    }
    shape.push(cur.length);
    cur = cur.length > 0 ? cur[0] : undefined;
    if (cur === undefined && r < rank - 1) {
      throw new InfoboundError('SHAPE_MISMATCH', `${name} is empty`);
    }
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let at = 0;
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === rank) {
      if (typeof v !== 'number') {
        throw new InfoboundError(
          isArrayLike(v) ? 'SHAPE_MISMATCH' : 'INVALID_ARGUMENT',
          `${name}${path} is ${formatValue(v)}: expected a number`,
        );
      }
      if (!Number.isFinite(v)) {
        throw new InfoboundError(
          'NON_FINITE',
          `${name}${path} is ${formatValue(v)}: must be finite`,
        );
      }
      data[at++] = v;
      return;
    }
    const len = shape[depth] as number;
    if (isMatrixLike(v) && rank - depth === 2) {
      if (v.rows !== len || v.columns !== shape[depth + 1]) {
        throw new InfoboundError(
          'SHAPE_MISMATCH',
          `${name}${path} is ${v.rows} × ${v.columns} but ${name}${'[0]'.repeat(depth)} is ${len} × ${shape[depth + 1]}`,
        );
      }
      for (let i = 0; i < v.rows; i++)
        for (let j = 0; j < v.columns; j++) walk(v.get(i, j), rank, `${path}[${i}][${j}]`);
      return;
    }
    if (!isArrayLike(v) || v.length !== len) {
      const what = isArrayLike(v) ? `has length ${v.length}` : `is ${formatValue(v)}`;
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${name}${path} ${what} but should have length ${len}: arrays must be rectangular`,
      );
    }
    for (let i = 0; i < len; i++) walk(v[i], depth + 1, `${path}[${i}]`);
  };
  walk(x, 0, '');
  return { data, shape };
}

/** Throws SHAPE_MISMATCH unless `shape` is `expected`. @internal */
export function expectShape(
  shape: readonly number[],
  expected: readonly number[],
  name: string,
  why: string,
): void {
  if (shape.length !== expected.length || shape.some((s, i) => s !== expected[i])) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} has shape [${shape.join(', ')}] but ${why} needs [${expected.join(', ')}]`,
    );
  }
}

/** Mixing weights: k numbers forming a distribution (sum 1 within 1e-6; rescaled to sum 1). @internal */
export function readWeights(x: unknown, name: string, k?: number): Float64Array {
  const w = readArray(x, 1, name);
  if (k !== undefined) expectShape(w.shape, [k], name, `nComponents = ${k}`);
  if (w.data.length === 0) {
    throw new InfoboundError('NOT_A_DISTRIBUTION', `${name} is empty: a mixture needs a component`);
  }
  return checkDistribution(w.data, w.shape, name);
}

/** The rank of the covariance (and precision) array of a type. @internal */
export function covarianceRank(type: CovarianceType): number {
  return type === 'full' ? 3 : type === 'spherical' ? 1 : 2;
}

/** k and d as far as a covariance array of this type tells them (undefined where it does not). */
export function dimensionsOf(
  type: CovarianceType,
  shape: readonly number[],
): { k: number | undefined; d: number | undefined } {
  switch (type) {
    case 'full':
      return { k: shape[0], d: shape[1] };
    case 'diag':
      return { k: shape[0], d: shape[1] };
    case 'spherical':
      return { k: shape[0], d: undefined };
    case 'tied':
      return { k: undefined, d: shape[0] };
  }
}

/** A covariance / precision-Cholesky pair. @internal */
export interface Covariances {
  readonly covariances: Float64Array;
  readonly precisionsCholesky: Float64Array;
  /** k (full, diag, spherical) or undefined (tied). */
  readonly k: number | undefined;
  /** d (full, diag, tied) or undefined (spherical). */
  readonly d: number | undefined;
}

/** U⁻¹ of an upper triangular U (row-major), by back substitution. */
function upperInverse(U: Float64Array, o: number, d: number): Float64Array {
  const W = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    W[c * d + c] = 1 / (U[o + c * d + c] as number);
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let p = i + 1; p <= c; p++) s -= (U[o + i * d + p] as number) * (W[p * d + c] as number);
      W[i * d + c] = s / (U[o + i * d + i] as number);
    }
  }
  return W;
}

/**
 * Reads covariances (`kind = 'covariances'`) or precisions (`'precisions'`) of a covariance
 * type and returns both the covariances and the precision Cholesky factors. Matrices must be
 * symmetric (to 1e-12 relative; then symmetrised exactly) and positive definite, vectors
 * positive: otherwise NOT_POSITIVE_DEFINITE naming the component.
 *
 * From a precision matrix Λ the factor is the upper triangular U with U·Uᵀ = Λ (a Cholesky
 * factorisation in reversed index order), the form scikit-learn's M-step produces; scikit-learn
 * itself takes the lower factor of Λ for `precisions_init`, which gives the same quadratic forms
 * and log-determinants to rounding.
 * @internal
 */
export function readCovariances(
  x: unknown,
  type: CovarianceType,
  kind: 'covariances' | 'precisions',
  name: string,
): Covariances {
  const a = readArray(x, covarianceRank(type), name);
  const { k, d } = dimensionsOf(type, a.shape);
  const data = a.data;
  if (data.length === 0) throw new InfoboundError('SHAPE_MISMATCH', `${name} is empty`);
  const pc = new Float64Array(data.length);
  const cov = new Float64Array(data.length);
  if (type === 'full' || type === 'tied') {
    const dd = d as number;
    if (a.shape[a.shape.length - 1] !== dd) {
      throw new InfoboundError(
        'SHAPE_MISMATCH',
        `${name} has shape [${a.shape.join(', ')}]: each ${kind === 'covariances' ? 'covariance' : 'precision'} matrix must be square`,
      );
    }
    const nf = type === 'full' ? (k as number) : 1;
    for (let j = 0; j < nf; j++) {
      const o = j * dd * dd;
      const block = data.subarray(o, o + dd * dd);
      const label = type === 'full' ? `${name}[${j}]` : name;
      checkSymmetric(block, dd, label);
      // core/linalg's cholesky: rejects singular and near-singular matrices with the smallest eigenvalue in the message.
      if (kind === 'covariances') {
        const L = cholesky(block, dd, label);
        inverseTransposeInto(L, dd, pc, o);
        for (let r = 0; r < dd; r++)
          for (let c = 0; c < dd; c++)
            cov[o + r * dd + c] =
              ((block[r * dd + c] as number) + (block[c * dd + r] as number)) / 2;
      } else {
        // U with U Uᵀ = Λ: J Λ J = L' L'ᵀ (J reverses the indices), U = J L' J.
        const rev = new Float64Array(dd * dd);
        for (let r = 0; r < dd; r++)
          for (let c = 0; c < dd; c++)
            rev[r * dd + c] = block[(dd - 1 - r) * dd + (dd - 1 - c)] as number;
        const L = cholesky(rev, dd, label);
        for (let r = 0; r < dd; r++)
          for (let c = 0; c < dd; c++)
            pc[o + r * dd + c] = L[(dd - 1 - r) * dd + (dd - 1 - c)] as number;
        // Σ = Λ⁻¹ = U⁻ᵀ U⁻¹ = Wᵀ W with W = U⁻¹.
        const W = upperInverse(pc, o, dd);
        for (let r = 0; r < dd; r++) {
          for (let c = 0; c <= r; c++) {
            let s = 0;
            for (let p = 0; p <= c; p++) s += (W[p * dd + r] as number) * (W[p * dd + c] as number);
            cov[o + r * dd + c] = s;
            cov[o + c * dd + r] = s;
          }
        }
      }
    }
  } else {
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (!(v > 0)) {
        const where =
          type === 'diag' ? `[${Math.floor(i / (d as number))}][${i % (d as number)}]` : `[${i}]`;
        throw new InfoboundError(
          'NOT_POSITIVE_DEFINITE',
          `${name}${where} is ${formatValue(v)}: ${kind === 'covariances' ? 'variances' : 'precisions'} must be > 0`,
        );
      }
      if (kind === 'covariances') {
        cov[i] = v;
        pc[i] = 1 / Math.sqrt(v);
      } else {
        cov[i] = 1 / v;
        pc[i] = Math.sqrt(v);
      }
    }
  }
  return { covariances: cov, precisionsCholesky: pc, k, d };
}

/** Checks a parsed covariance pair against k and d. @internal */
export function checkCovarianceShape(
  c: Covariances,
  type: CovarianceType,
  k: number,
  d: number,
  name: string,
): void {
  const got =
    type === 'full'
      ? [c.k, c.d, c.d]
      : type === 'diag'
        ? [c.k, c.d]
        : type === 'spherical'
          ? [c.k]
          : [c.d, c.d];
  expectShape(
    got as number[],
    covarianceShape(type, k, d),
    name,
    `covarianceType '${type}' with ${k} components in ${d} dimensions`,
  );
}

/**
 * Nested plain arrays of a flat row-major array of shape `shape` (a copy). @internal
 */
export function toNested(data: ArrayLike<number>, shape: readonly number[]): unknown {
  const build = (offset: number, depth: number): unknown => {
    const len = shape[depth] as number;
    if (depth === shape.length - 1)
      return Array.from({ length: len }, (_, i) => data[offset + i] as number);
    const stride = shape.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: len }, (_, i) => build(offset + i * stride, depth + 1));
  };
  return build(0, 0);
}
