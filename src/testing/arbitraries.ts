import * as fc from 'fast-check';
import type { Base } from '../core/units.js';

/** Options of {@link pmf}. @public */
export interface PmfOptions {
  /** Fewest outcomes (default 1). */
  minLength?: number;
  /** Most outcomes (default 8). */
  maxLength?: number;
  /** Allow exact zeros (default true). */
  zeros?: boolean;
  /**
   * Allow weights spread over many orders of magnitude (down to 1e-300 relative), which makes
   * near-degenerate distributions (default true).
   */
  extremes?: boolean;
}

/**
 * One non-negative weight: 0, an ordinary value, or (with `extremes`) a value many orders of
 * magnitude below 1, so that normalised pmfs include near-point masses and tiny probabilities.
 */
function weight(zeros: boolean, extremes: boolean): fc.Arbitrary<number> {
  const ordinary = fc.double({ min: 1e-3, max: 1, noNaN: true });
  const parts: fc.Arbitrary<number>[] = [ordinary, ordinary];
  if (zeros) parts.push(fc.constant(0));
  if (extremes) {
    parts.push(
      fc
        .tuple(fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 4, max: 300 }))
        .map(([m, e]) => m * 10 ** -e),
    );
  }
  return fc.oneof(...parts);
}

function normalise(w: number[]): number[] {
  let s = 0;
  for (const v of w) s += v;
  if (s === 0) {
    const out = w.map(() => 0);
    out[0] = 1;
    return out;
  }
  return w.map((v) => v / s);
}

/**
 * Probability mass functions as `number[]`: non-negative, summing to 1 up to rounding; with exact
 * zeros and near-degenerate ones unless turned off.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { pmf } from 'infobound/testing';
 * fc.assert(fc.property(pmf({ maxLength: 6 }), (p) => discrete.entropy(p) <= Math.log(p.length) + 1e-12));
 * ```
 * @public
 */
export function pmf(options: PmfOptions = {}): fc.Arbitrary<number[]> {
  const { minLength = 1, maxLength = 8, zeros = true, extremes = true } = options;
  return fc.array(weight(zeros, extremes), { minLength, maxLength }).map(normalise);
}

/**
 * Two pmfs over the same number of outcomes.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { pmfPair } from 'infobound/testing';
 * // Pinsker: TV(p, q) ≤ sqrt(KL(p ‖ q) / 2).
 * fc.assert(fc.property(pmfPair(), ([p, q]) =>
 *   discrete.tvDistance(p, q) <= Math.sqrt(discrete.klDivergence(p, q) / 2) + 1e-12));
 * ```
 * @public
 */
export function pmfPair(options: PmfOptions = {}): fc.Arbitrary<[number[], number[]]> {
  const { minLength = 1, maxLength = 8, zeros = true, extremes = true } = options;
  return fc.integer({ min: minLength, max: maxLength }).chain((k) => {
    const one = pmf({ minLength: k, maxLength: k, zeros, extremes });
    return fc.tuple(one, one);
  });
}

/** Builds nested arrays of `shape` from a flat row-major list. */
function reshape(flat: number[], shape: readonly number[]): unknown {
  if (shape.length === 1) return flat;
  const [head, ...rest] = shape as [number, ...number[]];
  const stride = flat.length / head;
  return Array.from({ length: head }, (_, i) =>
    reshape(flat.slice(i * stride, (i + 1) * stride), rest),
  );
}

/**
 * A joint probability table of the given shape as nested arrays (first index = first variable).
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { probabilityTable } from 'infobound/testing';
 * // I(X; Y | Z) ≥ 0 on every 2 × 3 × 2 table.
 * fc.assert(fc.property(probabilityTable([2, 3, 2]), (t) =>
 *   discrete.conditionalMutualInformation(t as number[][][]) >= -1e-12));
 * ```
 * @public
 */
export function probabilityTable(
  shape: readonly number[],
  options: Omit<PmfOptions, 'minLength' | 'maxLength'> = {},
): fc.Arbitrary<unknown> {
  const size = shape.reduce((a, b) => a * b, 1);
  return pmf({ ...options, minLength: size, maxLength: size }).map((flat) => reshape(flat, shape));
}

/** Options of {@link jointTable}. @public */
export interface JointTableOptions extends Omit<PmfOptions, 'minLength' | 'maxLength'> {
  /** Most outcomes of each variable (default 5). */
  maxStates?: number;
  /** Number of variables, i.e. table dimensions (default 2). */
  dims?: number;
}

/**
 * Joint tables `p[x][y]…` of random shape (each side 1..maxStates), as nested arrays.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { jointTable } from 'infobound/testing';
 * // I(X; Y) = H(X) − H(X | Y).
 * fc.assert(fc.property(jointTable(), (pxy) => {
 *   const px = pxy.map((row) => row.reduce((s, v) => s + v, 0));
 *   const gap = discrete.entropy(px) - discrete.conditionalEntropy(pxy) - discrete.mutualInformation(pxy);
 *   return Math.abs(gap) <= 1e-12;
 * }));
 * ```
 * @public
 */
export function jointTable(options: JointTableOptions = {}): fc.Arbitrary<number[][]> {
  const { maxStates = 5, dims = 2, ...rest } = options;
  return fc
    .array(fc.integer({ min: 1, max: maxStates }), { minLength: dims, maxLength: dims })
    .chain((shape) => probabilityTable(shape, rest)) as fc.Arbitrary<number[][]>;
}

/** Options of {@link channel}. @public */
export interface ChannelOptions extends Omit<PmfOptions, 'minLength' | 'maxLength'> {
  /** Number of input symbols. */
  inputs: number;
  /** Number of output symbols. */
  outputs: number;
}

/**
 * A discrete memoryless channel: a row-stochastic matrix `W[x][y] = P(Y = y | X = x)`.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { channel } from 'infobound/testing';
 * // Every row is a pmf.
 * fc.assert(fc.property(channel({ inputs: 3, outputs: 4 }), (w) =>
 *   w.every((row) => Math.abs(row.reduce((s, v) => s + v, 0) - 1) <= 1e-12)));
 * ```
 * @public
 */
export function channel(options: ChannelOptions): fc.Arbitrary<number[][]> {
  const { inputs, outputs, ...rest } = options;
  const row = pmf({ ...rest, minLength: outputs, maxLength: outputs });
  return fc.array(row, { minLength: inputs, maxLength: inputs });
}

/** A Markov chain X → Y → Z and its joint table. @public */
export interface MarkovChain {
  /** Distribution of X. */
  px: number[];
  /** Channel X → Y: `pyGivenX[x][y]`. */
  pyGivenX: number[][];
  /** Channel Y → Z: `pzGivenY[y][z]`. */
  pzGivenY: number[][];
  /** The joint `pxyz[x][y][z] = px[x] · pyGivenX[x][y] · pzGivenY[y][z]`. */
  pxyz: number[][][];
}

/** Options of {@link markovChain}. @public */
export interface MarkovChainOptions extends Omit<PmfOptions, 'minLength' | 'maxLength'> {
  /** Most states of each variable (default 4). */
  maxStates?: number;
}

/**
 * Random Markov chains X → Y → Z over small alphabets, with their exact joint table. Data
 * processing says I(X; Z) ≤ I(X; Y) on every one of them.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { markovChain } from 'infobound/testing';
 * fc.assert(fc.property(markovChain(), ({ pxyz }) => {
 *   const pxy = pxyz.map((ys) => ys.map((zs) => zs.reduce((s, v) => s + v, 0)));
 *   const pxz = pxyz.map((ys) => ys[0].map((_, z) => ys.reduce((s, zs) => s + zs[z], 0)));
 *   return discrete.mutualInformation(pxz) <= discrete.mutualInformation(pxy) + 1e-12;
 * }));
 * ```
 * @public
 */
export function markovChain(options: MarkovChainOptions = {}): fc.Arbitrary<MarkovChain> {
  const { maxStates = 4, ...rest } = options;
  const size = fc.integer({ min: 1, max: maxStates });
  return fc.tuple(size, size, size).chain(([nx, ny, nz]) =>
    fc
      .tuple(
        pmf({ ...rest, minLength: nx, maxLength: nx }),
        channel({ ...rest, inputs: nx, outputs: ny }),
        channel({ ...rest, inputs: ny, outputs: nz }),
      )
      .map(([px, pyGivenX, pzGivenY]) => ({
        px,
        pyGivenX,
        pzGivenY,
        pxyz: px.map((a, x) =>
          (pyGivenX[x] as number[]).map((b, y) => (pzGivenY[y] as number[]).map((c) => a * b * c)),
        ),
      })),
  );
}

/**
 * Three pmfs over the same number of outcomes ({@link pmfPair} for triples), e.g. for the TV
 * triangle inequality. Options as {@link pmf} (default 1–8 outcomes, zeros and extremes on).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { pmfTriple } from 'infobound/testing';
 * fc.assert(fc.property(pmfTriple(), ([p, q, r]) =>
 *   discrete.tvDistance(p, r) <= discrete.tvDistance(p, q) + discrete.tvDistance(q, r) + 1e-12));
 * ```
 * @public
 */
export function pmfTriple(options: PmfOptions = {}): fc.Arbitrary<[number[], number[], number[]]> {
  const { minLength = 1, maxLength = 8, zeros = true, extremes = true } = options;
  return fc.integer({ min: minLength, max: maxLength }).chain((k) => {
    const one = pmf({ minLength: k, maxLength: k, zeros, extremes });
    return fc.tuple(one, one, one);
  });
}

/**
 * Permutations of 0..n−1, as arrays: `perm[i]` is where i goes. For invariance properties
 * (relabelling outcomes, reordering samples).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { permutation, pmf } from 'infobound/testing';
 * // Entropy does not depend on the order of the outcomes.
 * fc.assert(fc.property(pmf({ minLength: 4, maxLength: 4 }), permutation(4), (p, perm) =>
 *   Math.abs(discrete.entropy(perm.map((i) => p[i])) - discrete.entropy(p)) <= 1e-12));
 * ```
 * @public
 */
export function permutation(n: number): fc.Arbitrary<number[]> {
  const ids = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(ids, { minLength: n, maxLength: n });
}

/** A pmf over 0..k−1 and a function on its outcomes, as from {@link pmfWithMap}. @public */
export interface PmfWithMap {
  /** The distribution of X. */
  p: number[];
  /** f: `f[x]` ∈ 0..k−1 is the image of outcome x (outcomes with the same image merge). */
  f: number[];
}

/**
 * A pmf p over 0..k−1 (from {@link pmf}, default up to 8 outcomes) and a random function
 * f: {0..k−1} → {0..k−1}, which merges outcomes: for H(f(X)) ≤ H(X) (eq. 20 of the paper) and
 * data processing through deterministic maps.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { pmfWithMap } from 'infobound/testing';
 * fc.assert(fc.property(pmfWithMap(), ({ p, f }) => {
 *   const q = p.map(() => 0);
 *   p.forEach((px, x) => { q[f[x]] += px; });
 *   return discrete.entropy(q) <= discrete.entropy(p) + 1e-12;
 * }));
 * ```
 * @public
 */
export function pmfWithMap(options: PmfOptions = {}): fc.Arbitrary<PmfWithMap> {
  const { maxLength = 8, ...rest } = options;
  return pmf({ ...rest, maxLength }).chain((p) =>
    fc
      .array(fc.integer({ min: 0, max: p.length - 1 }), {
        minLength: p.length,
        maxLength: p.length,
      })
      .map((f) => ({ p, f })),
  );
}

/**
 * Pmfs whose entries are 0, ordinary (weights in [1e-3, 1] before normalising) or subnormal:
 * k·2^-1074 for 1 ≤ k < 2^52, i.e. below 2.2e-308, where 1/p overflows. The ordinary weights are
 * normalised first and the subnormal cells set afterwards, so they survive exactly; they change
 * the sum by < 1e-307, which is 0 in doubles. {@link pmf}'s `extremes` stop at 1e-300, where no
 * quotient of two probabilities can overflow: these go past it, to the edge of the doubles.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { pmfWithSubnormals } from 'infobound/testing';
 * fc.assert(fc.property(pmfWithSubnormals(1, 6), (p) => Number.isFinite(discrete.entropy(p))));
 * ```
 * @public
 */
export function pmfWithSubnormals(minLength = 1, maxLength = 8): fc.Arbitrary<number[]> {
  const subnormal = fc.oneof(
    fc.constant(Number.MIN_VALUE),
    fc.integer({ min: 1, max: 2 ** 52 - 1 }).map((k) => k * Number.MIN_VALUE),
  );
  const cell = fc.oneof(
    fc.double({ min: 1e-3, max: 1, noNaN: true }).map((w) => ({ w, tiny: 0 })),
    fc.constant({ w: 0, tiny: 0 }),
    subnormal.map((tiny) => ({ w: 0, tiny })),
  );
  return fc.array(cell, { minLength, maxLength }).map((cells) => {
    let s = 0;
    for (const c of cells) s += c.w;
    const p = cells.map((c) => (s === 0 ? 0 : c.w / s));
    if (s === 0) p[0] = 1;
    cells.forEach((c, i) => {
      if (p[i] === 0 && c.tiny > 0) p[i] = c.tiny;
    });
    return p;
  });
}

/**
 * Two {@link pmfWithSubnormals} over the same 1..maxLength outcomes (default 8).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { pmfPairWithSubnormals } from 'infobound/testing';
 * // KL stays finite where q > 0 wherever p > 0, even when q(x) is below 2.2e-308.
 * fc.assert(fc.property(pmfPairWithSubnormals(), ([p, q]) =>
 *   p.some((pi, i) => pi > 0 && q[i] === 0) || Number.isFinite(discrete.klDivergence(p, q))));
 * ```
 * @public
 */
export function pmfPairWithSubnormals(maxLength = 8): fc.Arbitrary<[number[], number[]]> {
  return fc.integer({ min: 1, max: maxLength }).chain((k) => {
    const one = pmfWithSubnormals(k, k);
    return fc.tuple(one, one);
  });
}

/**
 * Joint tables with subnormal cells ({@link pmfWithSubnormals}): `dims` sides of 1..maxStates
 * states (default 4), as nested arrays.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { tableWithSubnormals } from 'infobound/testing';
 * fc.assert(fc.property(tableWithSubnormals(2), (t) =>
 *   Number.isFinite(discrete.mutualInformation(t as number[][]))));
 * ```
 * @public
 */
export function tableWithSubnormals(dims: number, maxStates = 4): fc.Arbitrary<unknown> {
  return fc
    .array(fc.integer({ min: 1, max: maxStates }), { minLength: dims, maxLength: dims })
    .chain((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return pmfWithSubnormals(size, size).map((flat) => reshape(flat, shape));
    });
}

/**
 * Units for an information quantity's `base` option: 'bits', 'nats', 10, e, arbitrary bases in
 * (1, 1e6], and bases in [1e-3, 1) (below 1: units in which every positive quantity is negative).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { discrete } from 'infobound';
 * import { logBase } from 'infobound/testing';
 * fc.assert(fc.property(logBase(), (b) => discrete.entropy([0.5, 0.5], { base: b }) !== 0));
 * ```
 * @public
 */
export function logBase(): fc.Arbitrary<Base> {
  return fc.oneof(
    fc.constantFrom<Base>('bits', 'nats', 10, Math.E),
    fc.double({ min: 1.001, max: 1e6, noNaN: true }),
    fc.double({ min: 1e-3, max: 0.999, noNaN: true }),
  );
}
