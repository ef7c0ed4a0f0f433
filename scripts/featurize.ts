/**
 * The featuriser of data/synthetic-instructions: a hashed bag of words, small enough to be
 * specified in a paragraph and re-implemented in any language, so that the shipped embeddings can
 * be audited and regenerated without a model.
 *
 * For one text:
 * 1. lower-case it (`String.prototype.toLowerCase`);
 * 2. tokens = the maximal runs of `[a-z0-9_]` (the regular expression `\w+`, which in JavaScript
 *    is ASCII-only); features = every token (unigram) and every pair of adjacent tokens joined by
 *    one space (bigram), so a bigram can never equal a unigram;
 * 3. term frequency tf(f) = number of occurrences of feature f in the text; weight 1 + ln tf(f)
 *    (sublinear tf);
 * 4. signed feature hashing: h = FNV-1a 32-bit of the feature's UTF-8 bytes (offset basis
 *    2166136261, prime 16777619, arithmetic modulo 2^32); the feature goes to coordinate
 *    h mod 256 with sign +1 if bit 31 of h is 0 and −1 if it is 1;
 * 5. sum the signed weights per coordinate, divide the vector by its Euclidean norm, and round
 *    each coordinate to 6 decimal places (−0 written as 0).
 *
 *   npx tsx scripts/featurize.ts "some text"   (prints the nonzero coordinates of one text)
 */
import { fileURLToPath } from 'node:url';

/** Dimension of the embeddings. */
export const DIMENSION = 256;
/** Decimal places kept in the shipped embeddings. */
export const DECIMALS = 6;

const FNV_OFFSET_BASIS = 2166136261;
const FNV_PRIME = 16777619;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `s`; an unsigned integer. */
export function fnv1a32(s: string): number {
  let h = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(s)) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** The features of a text: its lower-cased `\w+` tokens and their adjacent pairs. */
export function features(text: string): string[] {
  const tokens = text.toLowerCase().match(/\w+/g) ?? [];
  const out = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

/** The embedding of one text (see the file comment for the exact recipe). */
export function featurize(text: string): number[] {
  const tf = new Map<string, number>();
  for (const f of features(text)) tf.set(f, (tf.get(f) ?? 0) + 1);
  const v = new Float64Array(DIMENSION);
  for (const [f, count] of tf) {
    const h = fnv1a32(f);
    const sign = h >>> 31 === 0 ? 1 : -1;
    v[h % DIMENSION] = (v[h % DIMENSION] as number) + sign * (1 + Math.log(count));
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  const scale = 10 ** DECIMALS;
  return Array.from(v, (x) => {
    const r = norm > 0 ? Math.round((x / norm) * scale) / scale : 0;
    return r === 0 ? 0 : r;
  });
}

/** The text of a record that is embedded: the instruction, a newline, the response. */
export function recordText(record: { instruction: string; response: string }): string {
  return `${record.instruction}\n${record.response}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = process.argv.slice(2).join(' ');
  const v = featurize(text);
  console.log(`features: ${features(text).join(' | ')}`);
  console.log(
    v
      .map((x, i) => [i, x] as const)
      .filter(([, x]) => x !== 0)
      .map(([i, x]) => `${i}: ${x}`)
      .join('\n'),
  );
}
