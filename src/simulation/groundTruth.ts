/**
 * Random Gaussian components for the simulation: the ground truth G's components and the
 * generator's task-irrelevant ones.
 */
import type { Random } from '../core/random.js';

/** A Gaussian component: its mean (d) and covariance (d × d, row-major). @internal */
export interface Component {
  mean: Float64Array;
  cov: Float64Array;
}

/**
 * A random symmetric positive-definite covariance `Σ = A·Aᵀ/d + c·I`, `A` with independent
 * Uniform[0, 1) entries (drawn row by row) and `c = floor > 0`.
 *
 * Why this form: A·Aᵀ is symmetric positive semi-definite for every A, and the ridge c·I makes
 * every eigenvalue ≥ c, so the component is a proper Gaussian with a bounded condition number.
 * The division by d keeps the scale the same in every dimension (E[Σ_aa] = 1/3 + c,
 * E[Σ_ab] = 1/4 for a ≠ b, so the components are positively correlated, as in the authors' setup).
 * The authors' script draws `A·Bᵀ` with A, B independent: its expected entries are d/4 everywhere
 * (0.5 at d = 2, vs 0.43 here with c = 0.1), but it is not symmetric, and its symmetric part is
 * not always positive definite (numpy's `multivariate_normal` then warns and samples from an
 * SVD-based factor of a matrix that is not a covariance).
 * @internal
 */
export function randomCovariance(rng: Random, d: number, floor: number): Float64Array {
  const A = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) A[i] = rng.uniform();
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (A[i * d + k] as number) * (A[j * d + k] as number);
      const v = s / d + (i === j ? floor : 0);
      cov[i * d + j] = v;
      cov[j * d + i] = v;
    }
  }
  return cov;
}

/**
 * `count` random components, each drawn in turn: a mean uniform in [0, range)^d, then a
 * {@link randomCovariance}. Drawing component by component from one stream means the first m
 * components are the same whatever `count` is (so sweeping J leaves G's anchor part unchanged).
 * @internal
 */
export function randomComponents(
  rng: Random,
  count: number,
  d: number,
  range: number,
  floor: number,
): Component[] {
  const out: Component[] = [];
  for (let c = 0; c < count; c++) {
    const mean = new Float64Array(d);
    for (let a = 0; a < d; a++) mean[a] = rng.uniform() * range;
    out.push({ mean, cov: randomCovariance(rng, d, floor) });
  }
  return out;
}

/**
 * Sample mean and sample covariance (divisor n − 1, numpy's `np.cov` default) of n rows
 * (n × d, row-major), plus `ridge·I`, as the authors' script builds the generator's anchor part.
 * @internal
 */
export function sampleMoments(X: Float64Array, n: number, d: number, ridge: number): Component {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let a = 0; a < d; a++) mean[a] += X[i * d + a] as number;
  for (let a = 0; a < d; a++) mean[a] = (mean[a] as number) / n;
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        s +=
          ((X[i * d + a] as number) - (mean[a] as number)) *
          ((X[i * d + b] as number) - (mean[b] as number));
      }
      const v = s / (n - 1) + (a === b ? ridge : 0);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return { mean, cov };
}
