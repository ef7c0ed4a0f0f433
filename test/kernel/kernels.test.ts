import { describe, expect, it } from 'vitest';
import { kernel } from '../../src/index.js';
import { prepareGram } from '../../src/kernel/gram.js';
import {
  checkKernel,
  customKernel,
  gaussianKernel,
  type Kernel,
  laplaceKernel,
  linearKernel,
  polynomialKernel,
  precomputedKernel,
} from '../../src/kernel/kernels.js';
import { expectClose, expectInfoboundError } from '../helpers.js';

const MEDIAN = { seed: 0, sampleSize: 1000 };

/** The 2 × 2 Gram matrix of two rows, through the same code path HSIC uses. */
function pairGram(k: Kernel, a: number[], b: number[]): Float64Array {
  const out = new Float64Array(4);
  prepareGram([a, b], k, 'X', MEDIAN).block(0, 2, 0, 2, out);
  return out;
}

describe('constructors: plain descriptions with documented defaults', () => {
  it('gaussianKernel and laplaceKernel default to the median bandwidth', () => {
    expect(gaussianKernel()).toEqual({ type: 'gaussian', bandwidth: 'median' });
    expect(gaussianKernel({ bandwidth: 'median' })).toEqual({
      type: 'gaussian',
      bandwidth: 'median',
    });
    expect(gaussianKernel({ bandwidth: 0.5 })).toEqual({ type: 'gaussian', bandwidth: 0.5 });
    expect(laplaceKernel()).toEqual({ type: 'laplace', bandwidth: 'median' });
    expect(laplaceKernel({ bandwidth: 2 })).toEqual({ type: 'laplace', bandwidth: 2 });
  });

  it('linearKernel, polynomialKernel (degree 2, scale 1, offset 1), precomputedKernel', () => {
    expect(linearKernel()).toEqual({ type: 'linear' });
    expect(polynomialKernel()).toEqual({ type: 'polynomial', degree: 2, scale: 1, offset: 1 });
    expect(polynomialKernel({ degree: 3, scale: -0.5, offset: 0 })).toEqual({
      type: 'polynomial',
      degree: 3,
      scale: -0.5,
      offset: 0,
    });
    expect(precomputedKernel()).toEqual({ type: 'precomputed' });
  });

  it('customKernel keeps the function', () => {
    const fn = (x: Float64Array, y: Float64Array) => (x[0] as number) * (y[0] as number);
    const k = customKernel(fn);
    expect(k.type).toBe('custom');
    expect((k as { fn: unknown }).fn).toBe(fn);
  });

  it('the constructors are the ones exported as kernel.*', () => {
    expect(kernel.gaussianKernel).toBe(gaussianKernel);
    expect(kernel.laplaceKernel).toBe(laplaceKernel);
    expect(kernel.linearKernel).toBe(linearKernel);
    expect(kernel.polynomialKernel).toBe(polynomialKernel);
    expect(kernel.customKernel).toBe(customKernel);
    expect(kernel.precomputedKernel).toBe(precomputedKernel);
  });
});

describe('reference: each kernel on a pair of points (closed forms)', () => {
  // Small integers and powers of two: every distance and dot product below is exact, so the only
  // rounding is exp's (≤ 1 ulp in V8) and the division by 2σ² (exact for σ a power of two):
  // 4 ulps (1e-15 relative) is generous.
  const a = [1, 2, -2];
  const b = [3, 0, -1]; // a − b = (−2, 2, −1): ‖a − b‖² = 9, ‖a − b‖ = 3, a·b = 5
  const TOL = 4 * 2 ** -52;

  it('gaussian: exp(−‖x − y‖²/(2σ²)), 1 on the diagonal', () => {
    const g = pairGram(gaussianKernel({ bandwidth: 2 }), a, b);
    expect(g[0]).toBe(1);
    expect(g[3]).toBe(1);
    expectClose(g[1] as number, Math.exp(-9 / 8), TOL, 0);
    expect(g[2]).toBe(g[1]);
  });

  it('laplace: exp(−‖x − y‖₂/σ) with the Euclidean norm (not scikit-learn’s L1)', () => {
    const g = pairGram(laplaceKernel({ bandwidth: 2 }), a, b);
    expect(g[0]).toBe(1);
    expectClose(g[1] as number, Math.exp(-3 / 2), TOL, 0);
    // The L1 distance would be 5: exp(−5/2) is far from what we get.
    expect(Math.abs((g[1] as number) - Math.exp(-5 / 2))).toBeGreaterThan(0.1);
  });

  it('linear: x·y (uncentred)', () => {
    expect(Array.from(pairGram(linearKernel(), a, b))).toEqual([9, 5, 5, 10]);
  });

  it('polynomial: (scale·x·y + offset)^degree', () => {
    expect(Array.from(pairGram(polynomialKernel(), a, b))).toEqual([100, 36, 36, 121]);
    expect(
      Array.from(pairGram(polynomialKernel({ degree: 3, scale: 0.5, offset: -1 }), a, b)),
    ).toEqual([3.5 ** 3, 1.5 ** 3, 1.5 ** 3, 4 ** 3]);
  });

  it('custom: the function, called on the two rows', () => {
    const k = customKernel((x, y) => Math.min(x[0] as number, y[0] as number) + 1);
    expect(Array.from(pairGram(k, a, b))).toEqual([2, 2, 2, 4]);
  });

  it('gaussian and laplace with the median bandwidth: σ = the one distance', () => {
    // Two points: one pair, the median is its distance 3.
    expectClose(pairGram(gaussianKernel(), a, b)[1] as number, Math.exp(-0.5), TOL, 0);
    expectClose(pairGram(laplaceKernel(), a, b)[1] as number, Math.exp(-1), TOL, 0);
  });
});

describe('errors', () => {
  it('bandwidth must be a finite number > 0 or "median": INVALID_OPTION naming it', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 'mean', null]) {
      for (const make of [gaussianKernel, laplaceKernel]) {
        expectInfoboundError(
          () => make({ bandwidth: bad as unknown as number }),
          'INVALID_OPTION',
          'bandwidth',
        );
      }
    }
  });

  it('degree must be an integer ≥ 1; scale and offset finite', () => {
    for (const bad of [0, -2, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectInfoboundError(() => polynomialKernel({ degree: bad }), 'INVALID_OPTION', 'degree');
    }
    for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY, '1']) {
      expectInfoboundError(
        () => polynomialKernel({ scale: bad as unknown as number }),
        'INVALID_OPTION',
        'scale',
      );
      expectInfoboundError(
        () => polynomialKernel({ offset: bad as unknown as number }),
        'INVALID_OPTION',
        'offset',
      );
    }
  });

  it('customKernel needs a function: INVALID_ARGUMENT naming fn', () => {
    expectInfoboundError(
      () => customKernel('rbf' as unknown as (x: Float64Array, y: Float64Array) => number),
      'INVALID_ARGUMENT',
      'fn',
    );
  });

  it('not a kernel: INVALID_OPTION naming the option', () => {
    for (const bad of [undefined, null, 'gaussian', 3, {}, { type: 'rbf' }, { type: 'custom ' }]) {
      expectInfoboundError(() => checkKernel(bad, 'kernelX'), 'INVALID_OPTION', 'kernelX');
    }
    const k = gaussianKernel();
    expect(checkKernel(k, 'kernelY')).toBe(k);
  });

  it('a hand-built description (Kernel is a public plain-object type) is checked like the constructors’ options', () => {
    // `Kernel` is exported as a plain union type, so `{ type: 'gaussian', bandwidth: 0.5 }` is a
    // legal kernel in TypeScript. A missing or invalid field must be reported, not turned into
    // NaN kernel values: hsic would return NaN and hsicTest p = 1 ("no evidence"), silently.
    const x = [1, 2, 3, 4, 5, 7];
    const y = [2, 1, 4, 3, 6, 5];
    const cases: [unknown, string][] = [
      [{ type: 'gaussian' }, 'bandwidth'],
      [{ type: 'gaussian', bandwidth: -1 }, 'bandwidth'],
      [{ type: 'laplace', bandwidth: 0 }, 'bandwidth'],
      [{ type: 'polynomial', degree: 2 }, 'scale'],
      [{ type: 'polynomial', degree: 0.5, scale: 1, offset: 1 }, 'degree'],
      [{ type: 'custom' }, 'fn'],
    ];
    for (const [k, field] of cases) {
      expectInfoboundError(
        () => kernel.hsic(x, y, { kernelX: k as Kernel }),
        'INVALID_OPTION',
        field,
      );
      expectInfoboundError(
        () => kernel.hsicTest(x, y, { kernelY: k as Kernel }),
        'INVALID_OPTION',
        field,
      );
    }
  });

  it('through hsic: a non-kernel kernelX or kernelY is INVALID_OPTION naming it', () => {
    const x = [1, 2, 3, 4, 5];
    expectInfoboundError(
      () => kernel.hsic(x, x, { kernelX: { type: 'rbf' } as unknown as Kernel }),
      'INVALID_OPTION',
      'kernelX',
    );
    expectInfoboundError(
      () => kernel.hsic(x, x, { kernelY: 'linear' as unknown as Kernel }),
      'INVALID_OPTION',
      'kernelY',
    );
    expectInfoboundError(
      () => kernel.hsicTest(x.concat(x), x.concat(x), { kernelY: {} as unknown as Kernel }),
      'INVALID_OPTION',
      'kernelY',
    );
  });
});
