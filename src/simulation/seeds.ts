/**
 * Seed derivation for the simulation: every random sub-step of every repetition gets its own
 * seed, a hash of the user's seed and the sub-step's coordinates, so a result depends only on
 * `seed` and never on the order (or the thread) in which repetitions are evaluated.
 */

/** MurmurHash3's 32-bit finaliser: a bijective avalanche mix, integer operations only. */
function fmix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * A seed for the sub-step at `path` (non-negative integers < 2³², e.g. `[repetition, step,
 * resample]`) of a run with seed `seed` (any safe integer): two 32-bit lanes absorb the seed's
 * low and high words and then each coordinate, and are joined into a safe integer in [0, 2⁵³).
 * Unlike an arithmetic layout (`seed·1e6 + repetition·1e3 + step`) it has no range limits that
 * would make two sub-steps share a seed when repetitions or resamples exceed a stride; distinct
 * paths collide only by chance (probability ~2⁻⁵³ per pair). Integer operations only, so the
 * same seeds on every engine.
 * @internal
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  let a = fmix32(lo ^ 0x9e3779b9);
  let b = fmix32(hi ^ 0x7f4a7c15 ^ a);
  for (const p of path) {
    a = fmix32((a ^ Math.imul(p | 0, 0xcc9e2d51)) + 0x6a09e667);
    b = fmix32((b ^ a ^ Math.imul(p | 0, 0x1b873593)) + 0x3c6ef372);
  }
  return (b >>> 11) * 4294967296 + (a >>> 0);
}
