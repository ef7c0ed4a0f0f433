import * as fc from 'fast-check';

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

/** Two pmfs over the same number of outcomes. @public */
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
