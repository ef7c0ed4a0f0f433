import { InfoboundError } from '../core/errors.js';
import type { Samples } from '../core/input.js';
import { cholesky, logDetFromCholesky } from '../core/linalg.js';
import { digamma } from '../core/special.js';

/**
 * Scatter matrix A = Σ_i (x_i − x̄)(x_i − x̄)ᵀ (row-major d × d), two-pass for accuracy.
 *
 * A column whose spread is at the rounding level of its magnitude, √(A_jj / n) ≤ n·ε·max_i |x_ij|,
 * is taken as constant: its row and column of A are set to 0, so that a Cholesky factorisation
 * finds A singular. Why n·ε: for a constant column v the computed mean Σx/n is off by at most
 * about (n/2)·ε·|v| (the recursive sum's error bound, γ_{n−1}·n|v| with γ_k ≈ k·ε/2, plus the
 * division), every deviation x_i − x̄ is that error, and so √(A_jj / n) is at most (n/2)·ε·|v|;
 * n·ε leaves a factor of 2 for the higher-order terms. Without this, 0.1 + 0.1 + 0.1 ≠ 0.3 left
 * [0.1, 0.1, 0.1] a variance of ~1e-34 that passes the pivot test and a finite entropy of −37
 * nats. A column that truly varies by less than that is lost in the rounding of its own mean.
 * @internal
 */
export function scatter(s: Samples): Float64Array {
  const { data, n, d } = s;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const a = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let j = 0; j < d; j++) {
      const rj = row[j] as number;
      for (let k = 0; k <= j; k++)
        a[j * d + k] = (a[j * d + k] as number) + rj * (row[k] as number);
    }
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) a[k * d + j] = a[j * d + k] as number;
  for (let j = 0; j < d; j++) {
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(data[i * d + j] as number));
    // Compared as standard deviations, not variances: (n·ε·max)² underflows for max ≲ 1e-146.
    if (Math.sqrt((a[j * d + j] as number) / n) <= n * Number.EPSILON * max) {
      for (let k = 0; k < d; k++) {
        a[j * d + k] = 0;
        a[k * d + j] = 0;
      }
    }
  }
  return a;
}

/** The estimate of log det Σ a Gaussian sample supports. @internal */
export type LogDetCorrection = 'none' | 'ahmed-gokhale';

/**
 * Estimate of log det Σ from the scatter A of n samples in k dimensions.
 * - `'none'`: log det(A/n), the maximum-likelihood plug-in (biased low).
 * - `'ahmed-gokhale'`: log det A − k log 2 − Σ_{i=1}^{k} ψ((n − i)/2), unbiased because A is
 *   Wishart_k(n − 1, Σ) and E log det A = log det Σ + k log 2 + Σ ψ((n − i)/2).
 * @internal
 */
export function logDetEstimate(
  a: Float64Array,
  k: number,
  n: number,
  correction: LogDetCorrection,
  name: string,
): number {
  if (n <= k) {
    throw new InfoboundError(
      'TOO_FEW_SAMPLES',
      `${name} has ${n} samples in ${k} dimensions: a Gaussian fit needs more samples than dimensions`,
    );
  }
  const logDetA = logDetFromCholesky(cholesky(a, k, `the sample covariance of ${name}`), k);
  if (correction === 'none') return logDetA - k * Math.log(n);
  let psi = 0;
  for (let i = 1; i <= k; i++) psi += digamma((n - i) / 2);
  return logDetA - k * Math.LN2 - psi;
}
