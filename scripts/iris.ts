/**
 * The worked example behind `npm run example:iris`: the discrete family on Fisher's iris data (shipped
 * in data/iris.csv). How much does each measurement, cut into three bins, tell us about the
 * species? Every number printed is computed by infobound; the checks at the end restate
 * theorems the numbers must satisfy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { discrete } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [header, ...lines] = readFileSync(join(root, 'data', 'iris.csv'), 'utf8')
  .trim()
  .split('\n');
const columns = (header as string).split(',');
const rows = lines.map((l) => l.split(','));
const species = rows.map((r) => r[4] as string);
const features = columns.slice(0, 4);

/** Equal-width bins over the observed range: 0 = low, 1 = medium, 2 = high. */
function bin(values: number[], bins: number): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins)));
}

const bits = { base: 'bits' as const };
const fmt = (x: number) => x.toFixed(4).padStart(8);
const BINS = 3;

console.log("infobound demo: the discrete family on Fisher's iris data (150 flowers, 3 species)\n");
const hSpecies = discrete.entropyFromSamples(species, bits);
console.log(
  `H(species) = ${hSpecies.toFixed(4)} bits (three equal classes: log2 3 = ${Math.log2(3).toFixed(4)})\n`,
);

console.log(`Each measurement cut into ${BINS} equal-width bins:`);
console.log('feature          H(bin)  H_MM(bin)  I(bin;species)  H(species|bin)      NMI');
const binned: Record<string, number[]> = {};
for (const [j, name] of features.entries()) {
  const b = bin(
    rows.map((r) => Number(r[j])),
    BINS,
  );
  binned[name] = b;
  const h = discrete.entropyFromSamples(b, bits);
  const hmm = discrete.entropyFromSamples(b, { ...bits, correction: 'miller-madow' });
  const mi = discrete.mutualInformationFromSamples(b, species, bits);
  const nmi = discrete.normalizedMutualInformation(b, species);
  console.log(
    `${name.padEnd(14)} ${fmt(h)} ${fmt(hmm)}   ${fmt(mi)}        ${fmt(hSpecies - mi)}  ${fmt(nmi)}`,
  );
}

// Joint table of (petal width bin, species) from counts: the exact table functions.
const speciesNames = ['setosa', 'versicolor', 'virginica'];
const counts = Array.from({ length: BINS }, () => [0, 0, 0]);
const pw = binned.petal_width as number[];
species.forEach((s, i) => {
  (counts[pw[i] as number] as number[])[speciesNames.indexOf(s)]++;
});
console.log('\nJoint counts, rows = petal width bin (low, mid, high), columns = species:');
for (const r of counts) console.log(`  ${r.map((c) => String(c).padStart(4)).join('')}`);
const opts = { ...bits, normalize: true };
const mi = discrete.mutualInformation(counts, opts);
const hBinGivenSpecies = discrete.conditionalEntropy(counts, opts);
console.log(
  `I(petal width; species)   = ${mi.toFixed(4)} bits (table form; equals the sample form above)`,
);
console.log(`H(petal width | species)  = ${hBinGivenSpecies.toFixed(4)} bits`);

// Conditional MI: what petal length adds about species once petal width is known.
const pl = binned.petal_length as number[];
const cmi = discrete.conditionalMutualInformationFromSamples(pl, species, pw, bits);
console.log(
  `I(petal length; species | petal width) = ${cmi.toFixed(4)} bits (little left: the two are redundant)`,
);

// Divergences between the class-conditional distributions of the petal-length bin.
const conditional = (s: string) => {
  const c = new Array(BINS).fill(0);
  species.forEach((t, i) => {
    if (t === s) c[pl[i] as number]++;
  });
  return c;
};
const versicolor = conditional('versicolor');
const virginica = conditional('virginica');
const setosa = conditional('setosa');
console.log('\nPetal length bin given species (counts):');
console.log(
  `  setosa ${setosa.join(' ')} | versicolor ${versicolor.join(' ')} | virginica ${virginica.join(' ')}`,
);
const kl = discrete.klDivergence(versicolor, virginica, opts);
const klSet = discrete.klDivergence(versicolor, setosa, opts);
const js = discrete.jsDivergence(versicolor, virginica, opts);
const tv = discrete.tvDistance(versicolor, virginica, { normalize: true });
console.log(`KL(versicolor ‖ virginica) = ${kl.toFixed(4)} bits`);
console.log(
  `KL(versicolor ‖ setosa)    = ${klSet} (setosa never has a mid-length petal: q = 0 < p)`,
);
console.log(
  `JS(versicolor, virginica)  = ${js.toFixed(4)} bits (symmetric, ≤ 1 bit, always finite)`,
);
console.log(`TV(versicolor, virginica)  = ${tv.toFixed(4)}`);

// Theorems the numbers must satisfy.
const klNats = discrete.klDivergence(versicolor, virginica, { normalize: true });
const checks: [string, boolean][] = [
  ['Pinsker: TV ≤ sqrt(KL/2) (KL in nats)', tv <= Math.sqrt(klNats / 2)],
  [
    'I(bin; species) ≤ min(H(bin), H(species))',
    mi <=
      Math.min(
        discrete.entropy(
          counts.map((r) => r.reduce((a, b) => a + b, 0)),
          opts,
        ),
        hSpecies,
      ) +
        1e-12,
  ],
  ['JS ≤ 1 bit', js <= 1],
  [
    'Table MI = sample MI',
    Math.abs(mi - discrete.mutualInformationFromSamples(pw, species, bits)) < 1e-12,
  ],
];
console.log('\nChecks:');
for (const [name, ok] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
if (checks.some(([, ok]) => !ok)) process.exit(1);
