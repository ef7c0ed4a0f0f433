/**
 * Seeded randomness, wrapped once. Every random draw in the library goes through a {@link Random}
 * made by {@link createRandom}; nothing reads Math.random or global state.
 *
 * Bit-identical everywhere: the generator (pure-rand's xoroshiro128+, the one fast-check uses)
 * works on 32-bit integers, and the normal deviates need a logarithm. ECMAScript leaves Math.log's
 * last bit to the engine, so this file carries its own logarithm ({@link detLog}), built only from
 * IEEE-754 +, −, ×, ÷ (which every engine rounds identically) following the classic fdlibm
 * algorithm. Math.sqrt is correctly rounded by the standard, so it is safe as is.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { formatValue, InfoboundError } from './errors.js';
import { checkSymmetric, cholesky } from './linalg.js';
import { ZIG_F, ZIG_R, ZIG_RATIO, ZIG_X } from './zigguratTables.js';

/** A seeded random source. Not shared between calls: each public function makes its own. @internal */
export interface Random {
  /** Uniform on [0, 1), a multiple of 2^-53. */
  uniform(): number;
  /** Uniform integer in [from, to], both included. */
  int(from: number, to: number): number;
  /** Standard normal (the ziggurat method, exact tail). */
  normal(): number;
  /** n draws from N(mean, cov) via the Cholesky factor of cov (d × d, row-major); n × d row-major. */
  multivariateNormal(mean: ArrayLike<number>, cov: ArrayLike<number>, n: number): Float64Array;
  /** n draws of an index with probabilities p (non-negative, summing to 1), into `out` if given. */
  categorical(p: ArrayLike<number>, n: number, out?: Int32Array): Int32Array;
  /** Fisher–Yates shuffle, in place; returns its argument. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
  /** A permutation of 0..n−1. */
  permutation(n: number): Int32Array;
}

/**
 * Checks a user's `seed` option: any safe integer (negative ones included).
 * @internal
 */
export function checkSeed(seed: unknown, name = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new InfoboundError(
      'INVALID_OPTION',
      `${name} is ${formatValue(seed)}: a seed must be a safe integer`,
    );
  }
  return seed;
}

/**
 * SplitMix32 finaliser step: a bijective 32-bit mixer (integer ops only, so identical on every
 * engine), used to spread a seed over the generator's 128-bit state.
 */
function splitmix32(state: number): number {
  let t = (state + 0x9e3779b9) | 0;
  t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return (t ^ (t >>> 15)) | 0;
}

/**
 * The xoroshiro128+ state for a seed: four 32-bit words from SplitMix32 over the seed's low and
 * high halves. Seeding the generator's state with the raw seed (as pure-rand's
 * `xoroshiro128plus(seed)` does) leaves the first outputs of nearby seeds nearly equal
 * (measured: the first uniform of seeds 0, 1, 2, … was 1 − (seed + 1)·2^-26), which would
 * correlate replicates run with seeds `s, s + 1, …`; mixing removes that.
 * @internal
 */
export function seedState(seed: number): number[] {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let x = splitmix32(lo ^ splitmix32(hi));
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    words.push(x);
    x = splitmix32(x + i + 1);
  }
  // xoroshiro128+ must not start from the all-zero state.
  if (words.every((w): boolean => w === 0)) words[0] = 1;
  return words;
}

/**
 * Creates a seeded random source: pure-rand's xoroshiro128+ started from {@link seedState}.
 * Every safe integer (negative ones included) is a distinct seed.
 * @internal
 */
export function createRandom(seed: number): Random {
  checkSeed(seed);
  return new Xoroshiro(seed);
}

/**
 * The generator behind {@link createRandom}. A class, not closures: its methods live on one
 * prototype, so V8 can inline `uniform` into `normal` and `categorical` and `normal` into the
 * samplers that call it; with per-instance closures every call site saw a different function
 * and nothing was inlined (measured: categorical 28 → ~10 ns per draw). The pure-rand generator
 * object is kept, for uniformInt and so the stream is exactly pure-rand's.
 */
class Xoroshiro implements Random {
  private readonly g: ReturnType<typeof xoroshiro128plusFromState>;

  constructor(seed: number) {
    this.g = xoroshiro128plusFromState(seedState(seed));
  }

  uniform(): number {
    return uniformFloat64(this.g);
  }

  int(from: number, to: number): number {
    return uniformInt(this.g, from, to);
  }

  /** Tail of the ziggurat beyond r (Marsaglia 1964): exact, ~1.1 rounds on average. */
  private tail(negative: boolean): number {
    let a: number;
    let b: number;
    do {
      a = -detLog(1 - this.uniform()) / ZIG_R;
      b = -detLog(1 - this.uniform());
    } while (2 * b < a * a);
    return negative ? -(ZIG_R + a) : ZIG_R + a;
  }

  // The ziggurat (Marsaglia & Tsang 2000; 128 layers, double-precision variant as in Doornik
  // 2005): ~97% of draws cost one layer index, one uniform and one comparison, with no
  // logarithm, ~2.5× faster than the polar method (measured); the rest go to the wedge test or
  // the tail, both through detLog, so every engine draws the same bits. The layer index takes
  // its own output of the generator, so it is independent of u.
  normal(): number {
    const zx = ZIG_X;
    const zr = ZIG_RATIO;
    const zf = ZIG_F;
    for (;;) {
      const i = this.g.next() & 127;
      const u = 2 * this.uniform() - 1;
      const xi = zx[i] as number;
      if (Math.abs(u) < (zr[i] as number)) return u * xi;
      if (i === 0) return this.tail(u < 0);
      // The wedge of layer i: y uniform between f(x[i]) and f(x[i+1]), accepted under f(x).
      const x = u * xi;
      const fHi = zf[i + 1] as number;
      const y = fHi - this.uniform() * (fHi - (zf[i] as number));
      if (detLog(y) < -0.5 * x * x) return x;
    }
  }

  multivariateNormal(mean: ArrayLike<number>, cov: ArrayLike<number>, n: number): Float64Array {
    const d = mean.length;
    const c = Float64Array.from(cov);
    checkSymmetric(c, d, 'cov');
    const L = cholesky(c, d, 'cov');
    const out = new Float64Array(n * d);
    const z = new Float64Array(d);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < d; j++) z[j] = this.normal();
      for (let i = 0; i < d; i++) {
        let acc = mean[i] as number;
        for (let j = 0; j <= i; j++) acc += (L[i * d + j] as number) * (z[j] as number);
        out[r * d + i] = acc;
      }
    }
    return out;
  }

  categorical(p: ArrayLike<number>, n: number, into?: Int32Array): Int32Array {
    // Inverse-CDF search, the first i with u < cdf[i], started from the guide table
    // (categoricalTable): the same outcome as a binary search of the whole table for every u,
    // in O(1) expected time per draw.
    const { k, acc, cdf, zero, guide } = categoricalTable(p);
    const out = into ?? new Int32Array(n);
    const g = this.g;
    for (let r = 0; r < n; r++) {
      // Scale by the total so rounding in the cumulative sum never leaves a gap at the top.
      // pure-rand's uniformFloat64, inlined (the test against a binary search over uniform()
      // draws checks that the two agree draw for draw).
      const U =
        (g.next() & 0x3ffffff) * 1.4901161193847656e-8 +
        (g.next() & 0x7ffffff) * 1.1102230246251565e-16;
      const u = U * acc;
      // U < 1, so the bucket floor(U·k) is in 0 .. k − 1.
      let a = guide[(U * k) | 0] as number;
      // The guide may start a bucket off where rounding moves u across a bucket edge.
      while (a > 0 && u < (cdf[a - 1] as number)) a--;
      while (a < k - 1 && u >= (cdf[a] as number)) a++;
      // Skip zero-probability outcomes that share a cumulative value with the one below.
      while (a > 0 && zero[a] === 1) a--;
      out[r] = a;
    }
    return out;
  }

  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = uniformInt(this.g, 0, i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }
}

/**
 * The inverse-CDF table behind {@link Random.categorical}: cumulative sums `cdf` (total `acc`),
 * flags of the zero-probability outcomes, and a guide table (Chen & Asau 1974): guide[j] is the
 * first i with cdf[i] > j·acc/buckets, so the search for u in [j·acc/buckets, (j+1)·acc/buckets)
 * starts there and takes ~1 step on average (k buckets, as Random.categorical uses; the
 * simulation's WebAssembly sampler uses more, which changes where its searches start, not what
 * they find). @internal
 */
export interface CategoricalTable {
  k: number;
  acc: number;
  cdf: Float64Array;
  zero: Uint8Array;
  guide: Int32Array;
}

/** {@link CategoricalTable} of the probabilities p, with `buckets` guide entries (default k). @internal */
export function categoricalTable(p: ArrayLike<number>, buckets = p.length): CategoricalTable {
  const k = p.length;
  const cdf = new Float64Array(k);
  const zero = new Uint8Array(k);
  let acc = 0;
  for (let i = 0; i < k; i++) {
    acc += p[i] as number;
    cdf[i] = acc;
    zero[i] = (p[i] as number) === 0 ? 1 : 0;
  }
  const guide = new Int32Array(buckets);
  for (let j = 0, i = 0; j < buckets; j++) {
    const t = (j * acc) / buckets;
    while (i < k - 1 && (cdf[i] as number) <= t) i++;
    guide[j] = i;
  }
  return { k, acc, cdf, zero, guide };
}

// fdlibm's __ieee754_log coefficients, written as the shortest decimals of the same doubles (Remez polynomial for log((1+s)/(1−s)) on [0, 0.1716]).
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const TWO54 = 1.8014398509481984e16;
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

// One 8-byte buffer viewed as a double and as two 32-bit words: reading and writing the exponent
// word through typed arrays is ~4× faster in V8 than through a DataView. HI indexes the word
// holding the sign, exponent and top of the mantissa, whatever the platform's byte order.
const f64 = new Float64Array(1);
const i32 = new Int32Array(f64.buffer);
f64[0] = 1;
const HI = i32[1] === 0x3ff00000 ? 1 : 0;

/**
 * Natural logarithm computed with IEEE-754 basic operations only (fdlibm's algorithm: reduce to
 * 2^k·(1+f) with √2/2 < 1+f < √2, then a degree-14 odd polynomial in s = f/(2+f)), so every
 * JavaScript engine returns the same bits. Error < 1 ulp. Used where results must be reproducible
 * bit for bit across platforms (random normal deviates).
 * @internal
 */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  f64[0] = x;
  let hx = i32[HI] as number;
  let k = 0;
  if (hx < 0x00100000) {
    // Subnormal: scale up by 2^54 so the exponent field is meaningful.
    k -= 54;
    x *= TWO54;
    f64[0] = x;
    hx = i32[HI] as number;
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  // Normalise x to [√2/2, √2) by setting its exponent to 0 (or −1); the low word is unchanged.
  i32[HI] = hx | (i0 ^ 0x3ff00000);
  x = f64[0] as number;
  k += i0 >> 20;
  const f = x - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0
      ? f - (hfsq - s * (hfsq + R))
      : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}
