/**
 * Fuzz: every public function of `kernel` (the kernel constructors, hsic, cka, hsicTest with
 * both methods, hsicRff, hsicNystrom, hsicBlock, pairedHsic) on generated valid and invalid input.
 * Valid: samples of every kind, every kernel type (median and fixed bandwidths, custom and
 * precomputed), sizes at and above each estimator's minimum. Invalid: one corruption at a time.
 *
 * Scales: every kernel is driven from 1e-150 to 1e150. The median-bandwidth kernels are
 * scale-free; linear and polynomial Gram entries grow like |x|² and |x|^(2·degree), and where HSIC
 * (or the gamma test's null variance) can pass the doubles' range the call may throw NON_FINITE
 * instead (never NaN): see {@link overflowCodes}, and the regression tests at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernel } from '../../src/index.js';
import { expectInfoboundError } from '../helpers.js';
import {
  badCount,
  badSeed,
  type Case,
  corrupt,
  type Data,
  data,
  FuzzCounter,
  fails,
  form,
  inForm,
  inRange,
  type Outcome,
  ok,
  scaleIn,
} from './harness.js';

const counter = new FuzzCounter('kernel');

type Kernel = ReturnType<typeof kernel.gaussianKernel>;

/** A kernel for samples of scale s, and the data scales it is driven at. */
interface KernelChoice {
  name: string;
  make: (s: number) => Kernel;
  scale: fc.Arbitrary<number>;
  /** log10 of a bound on |K_ij| for data of scale s (coordinates ≤ 4 in size, d ≤ 2). */
  log10Max: (s: number) => number;
}

/**
 * NON_FINITE is allowed where the kernel values can make a reported value overflow: HSIC ~ K·L,
 * and the gamma test's null variance ~ (K·L)² times n⁴ ≤ 16⁴; below 1e140 for K·L neither can.
 */
const overflowCodes = (kx: KernelChoice, sx: number, ky: KernelChoice, sy: number) =>
  kx.log10Max(sx) + ky.log10Max(sy) > 140 ? (['NON_FINITE'] as const) : ([] as const);

const relative = fc.integer({ min: -2, max: 2 }).map((e) => 10 ** e);

/** Kernels on samples (not precomputed), each with the scales where it is driven. */
const sampleKernels: fc.Arbitrary<KernelChoice & { rel: number }> = fc
  .record({
    which: fc.nat({ max: 7 }),
    rel: relative,
    degree: fc.integer({ min: 1, max: 3 }),
    pscale: fc.constantFrom(0.1, 1, 10),
    offset: fc.constantFrom(0, 0.5, 2),
  })
  .map(({ which, rel, degree, pscale, offset }) => {
    // Median bandwidths down to 1e-150: below ~1e-154 σ² used to underflow (regression below).
    const wide = scaleIn(-150, 150);
    const bounded = () => 0;
    const choices: (KernelChoice & { rel: number })[] = [
      {
        name: 'gaussian(median)',
        make: () => kernel.gaussianKernel(),
        scale: wide,
        log10Max: bounded,
        rel,
      },
      {
        name: 'laplace(median)',
        make: () => kernel.laplaceKernel(),
        scale: wide,
        log10Max: bounded,
        rel,
      },
      {
        name: `gaussian(σ = ${rel}·s)`,
        make: (s) => kernel.gaussianKernel({ bandwidth: rel * s }),
        scale: wide,
        log10Max: bounded,
        rel,
      },
      {
        name: `laplace(σ = ${rel}·s)`,
        make: (s) => kernel.laplaceKernel({ bandwidth: rel * s }),
        scale: wide,
        log10Max: bounded,
        rel,
      },
      // Gram entries ~|x|² (‖x‖² ≤ 2·4²·s²): HSIC sums their products, CKA takes a ratio.
      {
        name: 'linear',
        make: () => kernel.linearKernel(),
        scale: wide,
        log10Max: (s) => Math.log10(32) + 2 * Math.log10(s),
        rel,
      },
      {
        name: `polynomial(${degree}, ${pscale}, ${offset})`,
        make: () => kernel.polynomialKernel({ degree, scale: pscale, offset }),
        scale: wide,
        log10Max: (s) => degree * Math.log10(pscale * 32 * s * s + offset),
        rel,
      },
      {
        name: 'custom(inverse multiquadric)',
        make: (s) =>
          kernel.customKernel((a, b) => {
            let q = 0;
            for (let i = 0; i < a.length; i++)
              q += (((a[i] as number) - (b[i] as number)) / s) ** 2;
            return 1 / Math.sqrt(1 + q);
          }),
        scale: wide,
        log10Max: bounded,
        rel,
      },
      {
        name: 'gaussian(median), default',
        make: () => kernel.gaussianKernel({ bandwidth: 'median' }),
        scale: wide,
        log10Max: bounded,
        rel,
      },
    ];
    return choices[which] as KernelChoice & { rel: number };
  });

/** Paired X and Y of n rows, each with its kernel and its own scale. */
function pairedWithKernels(minN: number, maxN: number) {
  return fc
    .record({
      n: fc.integer({ min: minN, max: maxN }),
      kx: sampleKernels,
      ky: sampleKernels,
      f: form,
    })
    .chain(({ n, kx, ky, f }) =>
      fc.record({
        x: data({ minN: n, maxN: n, maxD: 2, scale: kx.scale, coords: 'moderate' }),
        y: data({ minN: n, maxN: n, maxD: 2, scale: ky.scale, coords: 'moderate' }),
        kx: fc.constant(kx),
        ky: fc.constant(ky),
        f: fc.constant(f),
      }),
    );
}

const sets = (x: Data, y: Data) =>
  `${x.kind} ${x.n}×${x.d} ×${x.scale}, ${y.kind} ${y.n}×${y.d} ×${y.scale}`;

/**
 * At least `min` rows, else TOO_FEW_SAMPLES; then a result with no NaN, checked further (or one
 * of `orCodes`: NON_FINITE where the kernel values can overflow, see {@link overflowCodes}).
 */
const need = (
  n: number,
  min: number,
  check?: (r: unknown) => void,
  orCodes: readonly 'NON_FINITE'[] = [],
): Outcome => (n < min ? fails('TOO_FEW_SAMPLES') : ok({ ...(check ? { check } : {}), orCodes }));

const nonNegativeField = (r: unknown, field: string) => {
  const v = (r as Record<string, number>)[field];
  if (!((v as number) >= 0)) throw new Error(`${field} is ${v}, not ≥ 0`);
};

describe('fuzz: valid input → a result with no NaN (and in range)', () => {
  it('hsic (biased, unbiased) and cka, every kernel type', () => {
    const arb = fc
      .record({
        p: pairedWithKernels(1, 16),
        estimator: fc.constantFrom<'biased' | 'unbiased'>('biased', 'unbiased'),
        fn: fc.constantFrom('hsic', 'cka'),
        blockSize: fc.constantFrom(undefined, 1, 3, 256),
      })
      .map(({ p: { x, y, kx, ky, f }, estimator, fn, blockSize }): Case => {
        // Explicit undefined options (as exactOptionalPropertyTypes forbids) read as not given.
        const options = {
          kernelX: kx.make(x.scale),
          kernelY: ky.make(y.scale),
          blockSize,
        } as { kernelX: Kernel; kernelY: Kernel; blockSize: number };
        return {
          label: `${fn}(${sets(x, y)}, ${kx.name}, ${ky.name}${fn === 'hsic' ? `, ${estimator}` : ''})`,
          input: { x: x.rows, y: y.rows, estimator, blockSize },
          call: () =>
            fn === 'hsic'
              ? kernel.hsic(inForm(x.rows, f) as never, inForm(y.rows, f) as never, {
                  ...options,
                  estimator,
                })
              : kernel.cka(inForm(x.rows, f) as never, inForm(y.rows, f) as never, options),
          outcome:
            fn === 'cka'
              ? need(x.n, 2, (r) => inRange(r, 0, 1, 'CKA'))
              : need(
                  x.n,
                  estimator === 'unbiased' ? 4 : 2,
                  undefined,
                  overflowCodes(kx, x.scale, ky, y.scale),
                ),
        };
      });
    counter.check(arb, 300);
  });

  it('hsic and cka with precomputed Gram matrices', () => {
    const arb = fc
      .record({ x: data({ minN: 2, maxN: 12, maxD: 2, coords: 'moderate' }), f: form })
      .map(({ x, f }): Case => {
        // A Gaussian Gram matrix of unit-free data (bandwidth = the data's scale): symmetric.
        const g = x.rows.map((a) =>
          x.rows.map((b) =>
            Math.exp(
              -a.reduce((acc, v, i) => acc + ((v - (b[i] as number)) / x.scale) ** 2, 0) / 2,
            ),
          ),
        );
        const p = { kernelX: kernel.precomputedKernel(), kernelY: kernel.precomputedKernel() };
        return {
          label: `hsic/cka(precomputed ${x.n}×${x.n})`,
          input: g,
          call: () => [
            kernel.hsic(inForm(g, f) as never, g, p),
            kernel.cka(g, inForm(g, f) as never, p),
          ],
          outcome: ok(),
        };
      });
    counter.check(arb, 60);
  });

  it('hsicTest: gamma (n ≥ 6) and permutation (n ≥ 2), p-values in [0, 1]', () => {
    const arb = fc
      .record({
        p: pairedWithKernels(2, 16),
        method: fc.constantFrom<'gamma' | 'permutation'>('gamma', 'permutation'),
        permutations: fc.integer({ min: 1, max: 20 }),
        seed: fc.integer({ min: 0, max: 99 }),
      })
      .map(
        ({ p: { x, y, kx, ky, f }, method, permutations, seed }): Case => ({
          label: `hsicTest(${sets(x, y)}, ${kx.name}, ${ky.name}, ${method})`,
          input: { x: x.rows, y: y.rows, method, permutations },
          call: () =>
            kernel.hsicTest(inForm(x.rows, f) as never, inForm(y.rows, f) as never, {
              kernelX: kx.make(x.scale),
              kernelY: ky.make(y.scale),
              method,
              permutations,
              seed,
            }),
          outcome: need(
            x.n,
            method === 'gamma' ? 6 : 2,
            (r) => inRange((r as { pValue: number }).pValue, 0, 1, 'pValue'),
            overflowCodes(kx, x.scale, ky, y.scale),
          ),
        }),
      );
    counter.check(arb, 200);
  });

  it('hsicRff (Gaussian kernels, median or fixed bandwidths), ≥ 0', () => {
    const arb = fc
      .record({
        n: fc.integer({ min: 1, max: 16 }),
        features: fc.integer({ min: 1, max: 32 }),
        bx: fc.option(relative),
        by: fc.option(relative),
        seed: fc.integer({ min: 0, max: 99 }),
      })
      .chain(({ n, ...rest }) =>
        fc.record({
          x: data({ minN: n, maxN: n, maxD: 2, scale: scaleIn(-150, 150), coords: 'moderate' }),
          y: data({ minN: n, maxN: n, maxD: 2, scale: scaleIn(-150, 150), coords: 'moderate' }),
          rest: fc.constant(rest),
        }),
      )
      .map(
        ({ x, y, rest: { features, bx, by, seed } }): Case => ({
          label: `hsicRff(${sets(x, y)}, D = ${features})`,
          input: { x: x.rows, y: y.rows, features, bx, by },
          call: () =>
            kernel.hsicRff(x.rows, y.rows, {
              features,
              bandwidthX: bx === null ? 'median' : bx * x.scale,
              bandwidthY: by === null ? 'median' : by * y.scale,
              seed,
            }),
          outcome: need(x.n, 2, (r) => inRange(r, 0, Number.MAX_VALUE, 'hsicRff')),
        }),
      );
    counter.check(arb, 150);
  });

  it('hsicNystrom (any sample kernel, rank below and above n)', () => {
    const arb = fc
      .record({
        p: pairedWithKernels(1, 16),
        rank: fc.integer({ min: 1, max: 20 }),
        seed: fc.nat(99),
      })
      .map(
        ({ p: { x, y, kx, ky, f }, rank, seed }): Case => ({
          label: `hsicNystrom(${sets(x, y)}, ${kx.name}, ${ky.name}, rank ${rank})`,
          input: { x: x.rows, y: y.rows, rank },
          call: () =>
            kernel.hsicNystrom(inForm(x.rows, f) as never, inForm(y.rows, f) as never, {
              kernelX: kx.make(x.scale),
              kernelY: ky.make(y.scale),
              rank,
              seed,
            }),
          outcome: need(x.n, 2, undefined, overflowCodes(kx, x.scale, ky, y.scale)),
        }),
      );
    counter.check(arb, 150);
  });

  it('hsicBlock (n ≥ 2B) and pairedHsic (sets of different sizes)', () => {
    const block = fc
      .record({
        p: pairedWithKernels(4, 24),
        blockSize: fc.integer({ min: 4, max: 8 }),
        seed: fc.nat(99),
      })
      .map(
        ({ p: { x, y, kx, ky }, blockSize, seed }): Case => ({
          label: `hsicBlock(${sets(x, y)}, ${kx.name}, ${ky.name}, B = ${blockSize})`,
          input: { x: x.rows, y: y.rows, blockSize },
          call: () =>
            kernel.hsicBlock(x.rows, y.rows, {
              kernelX: kx.make(x.scale),
              kernelY: ky.make(y.scale),
              blockSize,
              seed,
            }),
          outcome: need(
            x.n,
            2 * blockSize,
            (r) => nonNegativeField(r, 'standardError'),
            overflowCodes(kx, x.scale, ky, y.scale),
          ),
        }),
      );
    const paired = fc
      .record({
        nx: fc.integer({ min: 1, max: 14 }),
        ny: fc.integer({ min: 1, max: 14 }),
        kx: sampleKernels,
        ky: sampleKernels,
        estimator: fc.constantFrom<'biased' | 'unbiased' | undefined>(
          undefined,
          'biased',
          'unbiased',
        ),
        repeats: fc.integer({ min: 2, max: 4 }),
        size: fc.option(fc.integer({ min: 2, max: 14 })),
        seed: fc.nat(99),
      })
      .chain(({ nx, ny, ...rest }) =>
        fc.record({
          x: data({ minN: nx, maxN: nx, maxD: 2, scale: rest.kx.scale, coords: 'moderate' }),
          y: data({ minN: ny, maxN: ny, maxD: 2, scale: rest.ky.scale, coords: 'moderate' }),
          rest: fc.constant(rest),
        }),
      )
      .map(({ x, y, rest: { kx, ky, estimator, repeats, size, seed } }): Case => {
        const minN = estimator === 'biased' ? 2 : 4;
        const largest = Math.min(x.n, y.n);
        const outcome: Outcome =
          largest < minN
            ? fails('TOO_FEW_SAMPLES')
            : size !== null && (size < minN || size > largest)
              ? fails('INVALID_OPTION')
              : ok({
                  check: (r) => nonNegativeField(r, 'standardError'),
                  orCodes: overflowCodes(kx, x.scale, ky, y.scale),
                });
        return {
          label: `pairedHsic(${sets(x, y)}, ${kx.name}, ${ky.name}, size ${size})`,
          input: { x: x.rows, y: y.rows, estimator, repeats, size },
          call: () =>
            kernel.pairedHsic(x.rows, y.rows, {
              kernelX: kx.make(x.scale),
              kernelY: ky.make(y.scale),
              estimator,
              repeats,
              size: size ?? undefined,
              seed,
            } as never),
          outcome,
        };
      });
    counter.check(fc.oneof(block, paired), 200);
  });
});

const estimators: Record<string, (x: unknown, y: unknown, o: object) => unknown> = {
  hsic: (x, y, o) => kernel.hsic(x as never, y as never, o),
  cka: (x, y, o) => kernel.cka(x as never, y as never, o),
  hsicTest: (x, y, o) => kernel.hsicTest(x as never, y as never, o),
  hsicRff: (x, y, o) => kernel.hsicRff(x as never, y as never, { features: 8, ...o }),
  hsicNystrom: (x, y, o) => kernel.hsicNystrom(x as never, y as never, o),
  hsicBlock: (x, y, o) => kernel.hsicBlock(x as never, y as never, { blockSize: 4, ...o }),
  pairedHsic: (x, y, o) => kernel.pairedHsic(x as never, y as never, { repeats: 2, ...o }),
};
const names = Object.keys(estimators);
/** Functions that take kernelX / kernelY. */
const withKernels = names.filter((n) => n !== 'hsicRff');
/** Functions that need the samples (precomputedKernel() is INVALID_OPTION). */
const samplesOnly = ['hsicNystrom', 'hsicBlock', 'pairedHsic'];

describe('fuzz: invalid input → the right InfoboundError', () => {
  it('one corrupted sample argument', () => {
    const arb = fc
      .record({
        name: fc.constantFrom(...names),
        x: data({ minN: 8, maxN: 12, maxD: 2, kinds: ['generic'] }),
        first: fc.boolean(),
      })
      .chain(({ name, x, first }) =>
        corrupt(x).map(
          ({ what, rows, code }): Case => ({
            label: `${name}(${first ? 'X' : 'Y'}: ${what})`,
            input: rows,
            call: () =>
              first
                ? (estimators[name] as (typeof estimators)[string])(rows, x.rows, {})
                : (estimators[name] as (typeof estimators)[string])(x.rows, rows, {}),
            outcome: fails(code),
          }),
        ),
      );
    counter.check(arb, 250);
  });

  it('unpaired X and Y: SHAPE_MISMATCH (pairedHsic excepted: it pairs them itself)', () => {
    const arb = fc
      .record({
        name: fc.constantFrom(...names.filter((n) => n !== 'pairedHsic')),
        n: fc.integer({ min: 8, max: 12 }),
        m: fc.integer({ min: 8, max: 12 }),
      })
      .filter(({ n, m }) => n !== m)
      .map(({ name, n, m }): Case => {
        const col = (k: number) => Array.from({ length: k }, (_, i) => Math.sin(3 * i));
        return {
          label: `${name}(${n} vs ${m} rows)`,
          input: { n, m },
          call: () => (estimators[name] as (typeof estimators)[string])(col(n), col(m), {}),
          outcome: fails('SHAPE_MISMATCH'),
        };
      });
    counter.check(arb, 80);
  });

  it('bad kernels: INVALID_OPTION from the options, INVALID_ARGUMENT from customKernel', () => {
    const badKernel = fc.constantFrom<unknown>(
      'gaussian',
      {},
      { type: 'rbf' },
      { type: 'gaussian' },
      { type: 'gaussian', bandwidth: 0 },
      { type: 'laplace', bandwidth: -1 },
      { type: 'polynomial', degree: 2, scale: 1 },
      { type: 'polynomial', degree: 0, scale: 1, offset: 1 },
      { type: 'custom', fn: 'x' },
    );
    const viaOption = fc
      .record({ name: fc.constantFrom(...withKernels), k: badKernel, onX: fc.boolean() })
      .map(({ name, k, onX }): Case => {
        const x = Array.from({ length: 8 }, (_, i) => Math.cos(i));
        return {
          label: `${name}(bad kernel${onX ? 'X' : 'Y'})`,
          input: k,
          call: () =>
            (estimators[name] as (typeof estimators)[string])(
              x,
              x,
              onX ? { kernelX: k } : { kernelY: k },
            ),
          outcome: fails('INVALID_OPTION'),
        };
      });
    const precomputed = fc.constantFrom(...samplesOnly).map(
      (name): Case => ({
        label: `${name}(precomputedKernel())`,
        input: name,
        call: () =>
          (estimators[name] as (typeof estimators)[string])(
            [1, 2, 3, 4, 5, 6, 7, 8],
            [1, 2, 3, 4, 5, 6, 7, 8],
            {
              kernelX: kernel.precomputedKernel(),
            },
          ),
        outcome: fails('INVALID_OPTION'),
      }),
    );
    const constructors = fc.oneof(
      fc
        .record({
          which: fc.constantFrom('gaussianKernel', 'laplaceKernel'),
          bandwidth: fc.constantFrom<unknown>(
            0,
            -1,
            Number.NaN,
            Number.POSITIVE_INFINITY,
            'mean',
            null,
          ),
        })
        .map(
          ({ which, bandwidth }): Case => ({
            label: `${which}({ bandwidth: ${String(bandwidth)} })`,
            input: bandwidth,
            call: () => kernel[which as 'gaussianKernel']({ bandwidth: bandwidth as number }),
            outcome: fails('INVALID_OPTION'),
          }),
        ),
      fc
        .constantFrom<Record<string, unknown>>(
          { degree: 0 },
          { degree: 1.5 },
          { degree: Number.NaN },
          { scale: Number.NaN },
          { offset: Number.POSITIVE_INFINITY },
          { scale: '1' },
        )
        .map(
          (o): Case => ({
            label: 'polynomialKernel(bad option)',
            input: o,
            call: () => kernel.polynomialKernel(o as never),
            outcome: fails('INVALID_OPTION'),
          }),
        ),
      fc.constantFrom<unknown>(42, 'k', null, {}).map(
        (fn): Case => ({
          label: 'customKernel(not a function)',
          input: fn,
          call: () => kernel.customKernel(fn as never),
          outcome: fails('INVALID_ARGUMENT'),
        }),
      ),
    );
    counter.check(fc.oneof(viaOption, precomputed, constructors), 250);
  });

  it('bad Gram matrices and custom kernel values: NOT_POSITIVE_DEFINITE, SHAPE_MISMATCH, NON_FINITE', () => {
    const arb = fc
      .record({
        name: fc.constantFrom('hsic', 'cka', 'hsicTest'),
        n: fc.integer({ min: 6, max: 9 }),
        how: fc.constantFrom('asymmetric', 'not square', 'nan', 'custom nan'),
        v: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      })
      .map(({ name, n, how, v }): Case => {
        const g = Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => Math.exp(-((i - j) ** 2) / 4)),
        );
        const fn = estimators[name] as (typeof estimators)[string];
        const pre = { kernelX: kernel.precomputedKernel() };
        const col = Array.from({ length: n }, (_, i) => i);
        if (how === 'asymmetric') {
          (g[0] as number[])[n - 1] = 2;
          return {
            label: `${name}(asymmetric Gram)`,
            input: g,
            call: () => fn(g, col, pre),
            outcome: fails('NOT_POSITIVE_DEFINITE'),
          };
        }
        if (how === 'not square') {
          return {
            label: `${name}(non-square Gram)`,
            input: g,
            call: () =>
              fn(
                g.map((r) => r.slice(1)),
                col,
                pre,
              ),
            outcome: fails('SHAPE_MISMATCH'),
          };
        }
        if (how === 'nan') {
          (g[1] as number[])[1] = v;
          return {
            label: `${name}(Gram with ${v})`,
            input: g,
            call: () => fn(g, col, pre),
            outcome: fails('NON_FINITE'),
          };
        }
        const custom = kernel.customKernel((a, b) =>
          (a[0] as number) === 3 && (b[0] as number) === 4 ? v : 1,
        );
        return {
          label: `${name}(custom kernel returns ${v})`,
          input: v,
          call: () => fn(col, col, { kernelX: custom }),
          outcome: fails('NON_FINITE'),
        };
      });
    counter.check(arb, 100);
  });

  it('bad options: INVALID_OPTION', () => {
    const bad = fc.oneof(
      fc.record({
        name: fc.constantFrom('hsic', 'pairedHsic'),
        o: fc.constantFrom<unknown>('u', 'BIASED', 1).map((estimator) => ({ estimator })),
      }),
      fc.record({ name: fc.constantFrom(...names), o: badSeed.map((seed) => ({ seed })) }),
      fc.record({
        name: fc.constantFrom(...names),
        o: fc
          .constantFrom<unknown>(1, 0, 2.5, 'all')
          .map((medianSampleSize) => ({ medianSampleSize })),
      }),
      fc.record({
        name: fc.constantFrom('hsic', 'cka', 'hsicTest', 'pairedHsic'),
        o: badCount.map((blockSize) => ({ blockSize })),
      }),
      fc.record({
        name: fc.constant('hsicTest'),
        o: fc.constantFrom<unknown>(
          { method: 'chi2' },
          { method: 'permutation', permutations: 0 },
          { method: 'permutation', permutations: 2.5 },
        ),
      }),
      fc.record({
        name: fc.constant('hsicRff'),
        o: fc.oneof(
          badCount.map((features) => ({ features })),
          fc.constantFrom<unknown>(0, -1, 'auto').map((bandwidthX) => ({ bandwidthX })),
        ),
      }),
      fc.record({ name: fc.constant('hsicNystrom'), o: badCount.map((rank) => ({ rank })) }),
      fc.record({
        name: fc.constant('hsicBlock'),
        o: fc.constantFrom<unknown>(3, 0, 4.5, '8').map((blockSize) => ({ blockSize })),
      }),
      fc.record({
        name: fc.constant('pairedHsic'),
        o: fc.constantFrom<unknown>({ repeats: 1 }, { repeats: 2.5 }, { size: 9 }, { size: 1 }),
      }),
    );
    const arb = bad.map(({ name, o }): Case => {
      const x = Array.from({ length: 8 }, (_, i) => Math.sin(i));
      return {
        label: `${name}(bad option ${JSON.stringify(o)})`,
        input: o,
        call: () => (estimators[name] as (typeof estimators)[string])(x, x, o as object),
        outcome: fails('INVALID_OPTION'),
      };
    });
    counter.check(arb, 200);
  });
});

describe('fuzz: kernel, regressions (bugs the fuzzer found, minimal reproductions)', () => {
  const lin = { kernelX: kernel.linearKernel(), kernelY: kernel.linearKernel() };
  const x = [1, 2, 3, 4, 5];
  const y = [2, 1, 4, 3, 5];
  const times = (v: number[], s: number) => v.map((a) => a * s);

  // Fixed: cka computed HSIC(K,L)/sqrt(HSIC(K,K)·HSIC(L,L)); the product of the two traces
  // overflowed for |x| ≳ 1e38 (each is ~|x|⁴) and the result was 0 instead of the scale-free
  // value (0.64 here); below |x| ≈ 1e-40 it underflowed (1 at 1e-80, 0.640000005 at 1e-40).
  // Now linear Gram matrices of extreme data are computed on the data × 2^e (exact), and the
  // product falls back to √kk·√ll outside the normal range.
  it('cka with linear kernels is invariant to scaling the data by 1e40 and 1e-80', () => {
    const c = kernel.cka(x, y, lin);
    expect(c).toBeCloseTo(0.64, 12);
    expect(kernel.cka(times(x, 1e40), times(y, 1e40), lin)).toBeCloseTo(c, 12);
    expect(kernel.cka(times(x, 1e-80), times(y, 1e-80), lin)).toBeCloseTo(c, 12);
    expect(kernel.cka(times(x, 1e150), times(y, 1e-150), lin)).toBeCloseTo(c, 12);
  });

  // Fixed: with linear (or polynomial) kernels on large data the Gram products K_ij·L_ij
  // overflowed (linear: |x| ≳ 1e77; polynomial of degree 3: |x| ≳ 1e26) and hsic, hsicTest,
  // hsicBlock and pairedHsic returned NaN (hsicNystrom returned Infinity at 1e77 and threw a
  // TypeError at 1e100). Now the Gram blocks are scaled near 1 by a power of two and HSIC is
  // scaled back: the value where it is representable (4·1e152 here at 1e76), NON_FINITE with
  // "rescale" where it is not (4e320 at 1e80).
  it('hsic with linear kernels on data × 1e80 is not NaN', () => {
    expect(kernel.hsic(x, y, lin)).toBe(4);
    expect(kernel.hsic(times(x, 1e76), times(y, 1e76), lin) / 4e304).toBeCloseTo(1, 12);
    expectInfoboundError(
      () => kernel.hsic(times(x, 1e80), times(y, 1e80), lin),
      'NON_FINITE',
      'rescale',
    );
    for (const fn of [
      () => kernel.hsicTest(times(x, 1e80), times(y, 1e80), { ...lin, method: 'permutation' }),
      () => kernel.hsicTest(times([...x, ...x], 1e80), times([...y, ...x], 1e80), lin),
      () =>
        kernel.hsicBlock(times([...x, ...x], 1e80), times([...y, ...x], 1e80), {
          ...lin,
          blockSize: 4,
        }),
      () => kernel.pairedHsic(times(x, 1e80), times(y, 1e80), { ...lin, repeats: 2 }),
      () =>
        kernel.hsic(times(x, 1e30), times(y, 1e30), {
          kernelX: kernel.polynomialKernel({ degree: 3 }),
          kernelY: kernel.polynomialKernel({ degree: 3 }),
        }),
    ]) {
      expectInfoboundError(fn, 'NON_FINITE', 'rescale');
    }
  });
  it('hsicNystrom with linear kernels on data × 1e100 throws an InfoboundError, not a TypeError', () => {
    expect(() => kernel.hsicNystrom(times(x, 1e100), times(y, 1e100), lin)).toThrow(
      expect.objectContaining({ name: 'InfoboundError' }),
    );
    // And where HSIC is representable, the value of hsic (rank ≥ n: exact up to the dropped
    // eigen-directions, 1e-9 relative; nystrom.test.ts).
    const h = kernel.hsic(times(x, 1e70), times(y, 1e70), lin);
    expect(kernel.hsicNystrom(times(x, 1e70), times(y, 1e70), lin) / h).toBeCloseTo(1, 9);
  });

  // Fixed: the Gaussian kernel uses c = −1/(2σ²); for σ ≲ 1e-154 (given, or the median distance
  // of data at that scale) σ² underflowed, c = −Infinity, and the diagonal exp(−Infinity · 0) was
  // NaN: hsic returned NaN (at σ ≲ 1e-162 the pairwise terms vanished too, and it returned 0
  // instead of the scale-free value). Now an extreme σ runs with the data and σ scaled by one
  // power of two, and the median heuristic squares scaled differences.
  it('hsic with a median-bandwidth Gaussian kernel on data × 1e-155 equals its value at scale 1', () => {
    const h = kernel.hsic(x, y);
    expect(kernel.hsic(times(x, 1e-155), y)).toBeCloseTo(h, 12);
    expect(kernel.hsic(times(x, 1e-300), times(y, 1e300))).toBeCloseTo(h, 12);
  });
  it('hsic with gaussianKernel({ bandwidth: 1e-160 }) is not NaN', () => {
    expect(
      kernel.hsic(x, y, { kernelX: kernel.gaussianKernel({ bandwidth: 1e-160 }) }),
    ).not.toBeNaN();
    // σ far below the spacing of the data: K is the identity, as it is (to exp(−5e5) = 0) for
    // σ = 1e-3.
    expect(kernel.hsic(x, y, { kernelX: kernel.gaussianKernel({ bandwidth: 1e-160 }) })).toBe(
      kernel.hsic(x, y, { kernelX: kernel.gaussianKernel({ bandwidth: 1e-3 }) }),
    );
  });
  it('(for contrast: the median-bandwidth hsic is scale-free from 1e-150 to 1e150)', () => {
    const h = kernel.hsic(x, y);
    expect(kernel.hsic(times(x, 1e-150), y)).toBeCloseTo(h, 12);
    expect(kernel.hsic(times(x, 1e150), y)).toBeCloseTo(h, 12);
    expectInfoboundError(() => kernel.hsic(x, [1, 2]), 'SHAPE_MISMATCH');
  });
});

describe('fuzz: kernel coverage', () => {
  it('drove at least 1000 generated inputs', () => {
    counter.expectEnough();
  });
});
