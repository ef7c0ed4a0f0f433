import { formatValue, InfoboundError } from '../core/errors.js';
import type { SampleInput } from '../core/input.js';
import { cholesky, forwardSolve, logDetFromCholesky, toCovariance } from '../core/linalg.js';
import { type BaseOptions, fromNats } from '../core/units.js';

/** A Gaussian given by its mean vector and covariance matrix. @public */
export interface GaussianParameters {
  /** Mean vector (length d), or a number when d = 1. */
  mean: ArrayLike<number> | number;
  /** d × d covariance (symmetric positive definite), or a number (a variance) when d = 1. */
  cov: SampleInput | number;
}

function readMean(mean: unknown, d: number, name: string): Float64Array {
  const m = typeof mean === 'number' ? [mean] : mean;
  const ok =
    typeof m === 'object' && m !== null && typeof (m as ArrayLike<number>).length === 'number';
  if (!ok) {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `${name} is ${formatValue(mean)}: expected a vector of numbers`,
    );
  }
  const arr = m as ArrayLike<unknown>;
  if (arr.length !== d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `${name} has length ${arr.length} but the covariance is ${d} × ${d}`,
    );
  }
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const v = arr[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InfoboundError(
        typeof v === 'number' ? 'NON_FINITE' : 'INVALID_ARGUMENT',
        `${name}[${i}] is ${formatValue(v)}: means must be finite numbers`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * Kullback–Leibler divergence between two multivariate normal distributions, in closed form.
 *
 * `KL(N₀ ‖ N₁) = ½ [ tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀ Σ₁⁻¹ (μ₁ − μ₀) − d + log det Σ₁ − log det Σ₀ ]`.
 *
 * Both traces and the Mahalanobis term go through Cholesky factors and triangular solves
 * (`tr(Σ₁⁻¹Σ₀) = ‖L₁⁻¹L₀‖²_F`), never an explicit inverse. Units: nats unless `base`.
 * Cost: O(d³).
 *
 * Reference: Kullback (1959); e.g. Duchi, "Derivations for linear algebra and optimization", §9.
 *
 * @param p - N₀ = `{ mean, cov }`, the distribution the expectation is under.
 * @param q - N₁ = `{ mean, cov }`, the reference.
 * @example
 * ```ts
 * import { gaussian } from 'infobound';
 * gaussian.klDivergence({ mean: 0, cov: 1 }, { mean: 1, cov: 2 }); // 0.3465735902799726
 * ```
 * @public
 */
export function klDivergence(
  p: GaussianParameters,
  q: GaussianParameters,
  options: BaseOptions = {},
): number {
  const c0 = toCovariance(p?.cov, 'p.cov');
  const c1 = toCovariance(q?.cov, 'q.cov');
  const d = c0.d;
  if (c1.d !== d) {
    throw new InfoboundError(
      'SHAPE_MISMATCH',
      `p.cov is ${d} × ${d} but q.cov is ${c1.d} × ${c1.d}`,
    );
  }
  const m0 = readMean(p.mean, d, 'p.mean');
  const m1 = readMean(q.mean, d, 'q.mean');
  const L0 = cholesky(c0.data, d, 'p.cov');
  const L1 = cholesky(c1.data, d, 'q.cov');
  // tr(Σ₁⁻¹Σ₀) = Σ_j ‖L₁⁻¹ L₀[:, j]‖².
  let trace = 0;
  const col = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < d; i++) col[i] = L0[i * d + j] as number;
    forwardSolve(L1, col, d);
    for (let i = j; i < d; i++) trace += (col[i] as number) ** 2;
  }
  const diff = new Float64Array(d);
  for (let i = 0; i < d; i++) diff[i] = (m1[i] as number) - (m0[i] as number);
  forwardSolve(L1, diff, d);
  let maha = 0;
  for (let i = 0; i < d; i++) maha += (diff[i] as number) ** 2;
  const kl = 0.5 * (trace + maha - d + logDetFromCholesky(L1, d) - logDetFromCholesky(L0, d));
  return fromNats(Math.max(0, kl), options.base);
}
