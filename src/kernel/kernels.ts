import { formatValue, InfoboundError } from '../core/errors.js';

/**
 * A kernel, as a plain description: built by {@link gaussianKernel}, {@link laplaceKernel},
 * {@link linearKernel}, {@link polynomialKernel}, {@link customKernel} or
 * {@link precomputedKernel}, and evaluated blockwise by the HSIC functions.
 * @public
 */
export type Kernel =
  | { readonly type: 'gaussian'; readonly bandwidth: number | 'median' }
  | { readonly type: 'laplace'; readonly bandwidth: number | 'median' }
  | { readonly type: 'linear' }
  | {
      readonly type: 'polynomial';
      readonly degree: number;
      readonly scale: number;
      readonly offset: number;
    }
  | { readonly type: 'custom'; readonly fn: (x: Float64Array, y: Float64Array) => number }
  | { readonly type: 'precomputed' };

function readBandwidth(b: unknown): number | 'median' {
  if (b === undefined || b === 'median') return 'median';
  if (typeof b !== 'number' || !Number.isFinite(b) || b <= 0) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `bandwidth is ${formatValue(b)}: expected a finite number > 0 or 'median'`,
    );
  }
  return b;
}

/**
 * Gaussian (RBF) kernel `k(x, y) = exp(−‖x − y‖² / (2σ²))`.
 *
 * `bandwidth: 'median'` (default) sets σ to the median of the pairwise Euclidean distances
 * ‖x_i − x_j‖ over i < j (the median heuristic; Gretton et al. 2005), computed exactly up to
 * n = 1000 and on a seeded subsample of 1000 points above. If that median is 0 (more than half of
 * the pairs coincide, as with discrete data), the median of the non-zero distances is used; if
 * every point coincides, σ = 1 (the Gram matrix is constant and HSIC is 0 whatever σ is).
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * kernel.gaussianKernel({ bandwidth: 0.5 }); // { type: 'gaussian', bandwidth: 0.5 }
 * ```
 * @public
 */
export function gaussianKernel(options: { bandwidth?: number | 'median' } = {}): Kernel {
  return { type: 'gaussian', bandwidth: readBandwidth(options.bandwidth) };
}

/**
 * Laplace kernel `k(x, y) = exp(−‖x − y‖ / σ)` with the Euclidean norm (scikit-learn's
 * `laplacian_kernel` uses the L1 norm instead). `'median'` as for {@link gaussianKernel}.
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const x = [-2, -1, 0, 1, 2];
 * const y = x.map((v) => v * v); // uncorrelated with x, but a function of it
 * const laplace = kernel.laplaceKernel({ bandwidth: 1 });
 * // > 0: the Laplace kernel is characteristic, so HSIC sees any dependence (a linear kernel gives 0).
 * kernel.hsic(x, y, { kernelX: laplace, kernelY: laplace }); // 0.12504422815662358
 * ```
 * @public
 */
export function laplaceKernel(options: { bandwidth?: number | 'median' } = {}): Kernel {
  return { type: 'laplace', bandwidth: readBandwidth(options.bandwidth) };
}

/**
 * Linear kernel `k(x, y) = x · y`. With it, biased HSIC is ‖Cov(X, Y)‖²_F up to the n/(n−1)
 * factors.
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const linear = kernel.linearKernel();
 * // Sample covariance of x and y: Σ(x − x̄)(y − ȳ) / (n − 1) = 3 / 3 = 1.
 * kernel.hsic([1, 2, 3, 4], [2, 1, 4, 3], { kernelX: linear, kernelY: linear }); // 1
 * ```
 * @public
 */
export function linearKernel(): Kernel {
  return { type: 'linear' };
}

/**
 * Polynomial kernel `k(x, y) = (scale · x·y + offset)^degree` (defaults: degree 2, scale 1,
 * offset 1).
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const x = [-2, -1, 0, 1, 2];
 * const y = x.map((v) => v * v); // uncorrelated with x, but a function of it
 * const linear = kernel.linearKernel();
 * const quadratic = kernel.polynomialKernel({ degree: 2 });
 * kernel.hsic(x, y, { kernelX: linear, kernelY: linear }); // 0
 * kernel.hsic(x, y, { kernelX: quadratic, kernelY: linear }); // 12.25 (x² is a feature of the quadratic kernel)
 * ```
 * @public
 */
export function polynomialKernel(
  options: { degree?: number; scale?: number; offset?: number } = {},
): Kernel {
  const { degree = 2, scale = 1, offset = 1 } = options;
  if (!Number.isInteger(degree) || degree < 1) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `degree is ${formatValue(degree)}: expected an integer ≥ 1`,
    );
  }
  for (const [name, v] of [
    ['scale', scale],
    ['offset', offset],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InfoboundError(
        'INVALID_OPTION',
        `${name} is ${formatValue(v)}: expected a finite number`,
      );
    }
  }
  return { type: 'polynomial', degree, scale, offset };
}

/**
 * A kernel given as a function of two rows. It must be symmetric and positive semi-definite for
 * HSIC to mean anything (not checked). Evaluated once per pair: O(n² · cost of fn).
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * // The linear kernel, written out: rows are Float64Arrays.
 * const dot = kernel.customKernel((a, b) => a.reduce((s, v, i) => s + v * b[i], 0));
 * kernel.hsic([1, 2, 3, 4], [2, 1, 4, 3], { kernelX: dot, kernelY: dot }); // 1
 * ```
 * @public
 */
export function customKernel(fn: (x: Float64Array, y: Float64Array) => number): Kernel {
  if (typeof fn !== 'function') {
    throw new InfoboundError(
      'INVALID_ARGUMENT',
      `fn is ${formatValue(fn)}: expected a function of two rows`,
    );
  }
  return { type: 'custom', fn };
}

/**
 * The samples argument is already the n × n Gram matrix (symmetric, finite).
 *
 * @example
 * ```ts
 * import { kernel } from 'infobound';
 * const x = [1, 2, 3, 4];
 * const y = [2, 1, 4, 3];
 * const gram = (v: number[]) => v.map((a) => v.map((b) => a * b)); // the linear kernel's
 * const pre = kernel.precomputedKernel();
 * const linear = kernel.linearKernel();
 * kernel.hsic(gram(x), gram(y), { kernelX: pre, kernelY: pre }); // 1
 * kernel.hsic(x, y, { kernelX: linear, kernelY: linear }); // 1
 * ```
 * @public
 */
export function precomputedKernel(): Kernel {
  return { type: 'precomputed' };
}

/**
 * Checks a kernel description, including one built by hand as a plain object (the `Kernel` type is
 * public): every field its constructor would set must be present and valid, so that a missing
 * bandwidth cannot turn into NaN kernel values.
 * @internal
 */
export function checkKernel(k: unknown, name: string): Kernel {
  const types = ['gaussian', 'laplace', 'linear', 'polynomial', 'custom', 'precomputed'];
  if (typeof k !== 'object' || k === null || !types.includes((k as Kernel).type)) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is ${formatValue(k)}: expected a kernel from gaussianKernel(), laplaceKernel(), linearKernel(), polynomialKernel(), customKernel() or precomputedKernel()`,
    );
  }
  const kk = k as Record<string, unknown>;
  const need = (field: string) => {
    if (!(field in kk) || kk[field] === undefined) {
      throw new InfoboundError(
        'INVALID_OPTION',
        `${name}.${field} is missing: build kernels with their constructors (e.g. gaussianKernel()) or give every field`,
      );
    }
  };
  // Validate by running the constructor on the fields; return the caller's object unchanged.
  const rethrow = (fn: () => Kernel): Kernel => {
    try {
      fn();
      return k as Kernel;
    } catch (e) {
      if (e instanceof InfoboundError) throw new InfoboundError(e.code, `${name}.${e.message}`);
      throw e;
    }
  };
  switch ((k as Kernel).type) {
    case 'gaussian':
    case 'laplace':
      need('bandwidth');
      return rethrow(() =>
        (k as Kernel).type === 'gaussian'
          ? gaussianKernel({ bandwidth: kk.bandwidth as number })
          : laplaceKernel({ bandwidth: kk.bandwidth as number }),
      );
    case 'polynomial':
      for (const f of ['degree', 'scale', 'offset']) need(f);
      return rethrow(() =>
        polynomialKernel({
          degree: kk.degree as number,
          scale: kk.scale as number,
          offset: kk.offset as number,
        }),
      );
    case 'custom':
      if (typeof kk.fn !== 'function') {
        throw new InfoboundError(
          'INVALID_OPTION',
          `${name}.fn is ${formatValue(kk.fn)}: a custom kernel needs a function of two rows`,
        );
      }
      return k as Kernel;
    default:
      return k as Kernel;
  }
}
