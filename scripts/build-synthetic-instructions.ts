/**
 * Builds the toy instruction data set of data/synthetic-instructions (see the README there) from
 * its hand-written sources, deterministically:
 *
 *   npx tsx scripts/build-synthetic-instructions.ts
 *
 * - reads anchor.jsonl (42 hand-written records, 7 in each of 6 categories: S_anchor);
 * - writes synthetic.jsonl: 150 records from a templated "generator" run on the anchor records
 *   (S_gen), seeded through the library's createRandom(SYNTHETIC_SEED);
 * - writes training.jsonl: 120 records, two versions of each of the 60 hand-written training
 *   records below (the training set T), the second lightly rewritten, seeded by TRAINING_SEED;
 * - writes embeddings.json: the embedding of every record by scripts/featurize.ts.
 *
 * Nothing here is a language model: the "generator" mimics what the paper's App. G pipeline
 * produces (paraphrases of the prompt's examples, recombinations, and some output a curator would
 * discard) so that the estimators have data with a known structure to run on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom, type Random } from '../src/core/random.js';
import { DECIMALS, DIMENSION, featurize, recordText } from './featurize.js';

/** Seeds of the two generators (any change here changes the shipped files). */
export const SYNTHETIC_SEED = 20241;
export const TRAINING_SEED = 20242;

export const CATEGORIES = [
  'arithmetic',
  'cooking',
  'geography',
  'programming',
  'writing',
  'health',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A record of anchor.jsonl. */
export interface AnchorRecord {
  id: string;
  category: Category;
  instruction: string;
  response: string;
}

/** How a synthetic record was made. */
export type SyntheticKind =
  | 'paraphrase'
  | 'recombination'
  | 'off-topic'
  | 'truncated'
  | 'mismatched'
  | 'repetition';

/** A record of synthetic.jsonl. */
export interface SyntheticRecord {
  id: string;
  /** Semantic cluster: the category for on-task records, 'off-task' for curation noise. */
  cluster: Category | 'off-task';
  kind: SyntheticKind;
  /** Ids of the anchor records it was made from (empty for off-topic records). */
  sources: string[];
  instruction: string;
  response: string;
  /** Toy generation probability: QUALITY[kind] · exp(−(words in the response)/LENGTH_SCALE). */
  probability: number;
}

/** A record of training.jsonl. */
export interface TrainingRecord {
  id: string;
  category: Category;
  /** 0: the hand-written record; 1: its light rewrite. */
  variant: 0 | 1;
  instruction: string;
  response: string;
}

// ---------------------------------------------------------------------------------------------
// Hand-written sources (original text, written for this package)
// ---------------------------------------------------------------------------------------------

type Pair = readonly [instruction: string, response: string];

/** The 60 hand-written records of the training set T, 10 per category. */
const TRAINING_SOURCES: Record<Category, readonly Pair[]> = {
  arithmetic: [
    ['What is 23 plus 58?', '23 plus 58 is 81.'],
    ['What is 9 times 7?', '9 times 7 is 63.'],
    ['What is 100 minus 37?', '100 minus 37 leaves 63.'],
    ['What is 25 percent of 60?', 'A quarter of 60 is 15.'],
    ['Divide 81 by 9.', '81 divided by 9 is 9.'],
    ['Is 29 a prime number?', 'Yes. 29 has no divisors other than 1 and itself.'],
    ['What is the square of 14?', '14 squared is 196.'],
    ['Write 0.75 as a fraction.', '0.75 is three quarters, or 3/4.'],
    [
      'What is the median of 3, 8, 5, 10 and 1?',
      'In order the numbers are 1, 3, 5, 8 and 10, so the median is 5.',
    ],
    ['What is half of 250?', 'Half of 250 is 125.'],
  ],
  cooking: [
    [
      'How do I soften butter quickly?',
      'Cut it into small cubes and leave it at room temperature for about fifteen minutes.',
    ],
    [
      'How do I peel garlic easily?',
      'Press each clove with the flat of a knife and the skin slips off.',
    ],
    [
      'How long does it take to roast potatoes?',
      'Cut them into chunks and roast them at 200 degrees Celsius for about forty minutes, turning once.',
    ],
    [
      'What does it mean to fold ingredients?',
      'Folding means combining them gently with a spatula, cutting down and turning over, so the air stays in.',
    ],
    [
      'How can I thicken a sauce?',
      'Simmer it to reduce it, or whisk in a little cornflour mixed with cold water.',
    ],
    [
      'How do I stop onions from making me cry?',
      'Chill the onion first and use a sharp knife so that fewer cells are crushed.',
    ],
    [
      'How should I store fresh herbs?',
      'Stand soft herbs in a glass of water in the fridge and wrap woody herbs in a damp towel.',
    ],
    ['How do I know when bread is baked?', 'Tap the bottom of the loaf: it should sound hollow.'],
    [
      'Why do recipes ask for salted pasta water?',
      'Salt in the water seasons the pasta from the inside while it cooks.',
    ],
    [
      'How do I make a simple vinaigrette?',
      'Whisk three parts oil with one part vinegar, a pinch of salt and a little mustard.',
    ],
  ],
  geography: [
    ['What is the capital of Japan?', 'Tokyo is the capital of Japan.'],
    [
      'Which is the longest river in South America?',
      'The Amazon is the longest river in South America.',
    ],
    ['What is the capital of Brazil?', 'Brasilia is the capital of Brazil.'],
    ['Which country is the city of Marrakesh in?', 'Marrakesh is in Morocco.'],
    ['What is the smallest continent?', 'Australia is the smallest continent by area.'],
    [
      'Which sea lies between Europe and Africa?',
      'The Mediterranean Sea lies between southern Europe and northern Africa.',
    ],
    ['What is the capital of Argentina?', 'Buenos Aires is the capital of Argentina.'],
    [
      'Which mountains separate France and Spain?',
      'The Pyrenees run along the border between France and Spain.',
    ],
    ['What is the largest country by area?', 'Russia is the largest country by area.'],
    [
      'Which lake is the deepest in the world?',
      'Lake Baikal in Siberia is the deepest lake in the world.',
    ],
  ],
  programming: [
    ['How do I print text in Python?', "Call the print function, for example print('hello')."],
    [
      'What is a function?',
      'A function is a named block of code that takes inputs and can return a result.',
    ],
    [
      'How do I add an item to a list in Python?',
      'Call append on the list, for example items.append(4).',
    ],
    ['What does HTML stand for?', 'HTML stands for HyperText Markup Language.'],
    [
      'How do I turn a string into a number in JavaScript?',
      'Use Number(text), or parseInt(text, 10) for whole numbers.',
    ],
    [
      'What is a bug?',
      'A bug is a mistake in a program that makes it behave in a way you did not intend.',
    ],
    [
      'How do I create a new branch in git?',
      'Run git switch -c followed by the name of the branch.',
    ],
    [
      'What is recursion?',
      'Recursion is when a function calls itself on a smaller version of the same problem.',
    ],
    [
      'How do I write a comment in JavaScript?',
      'Start a line comment with two slashes, or wrap a block comment in slash-star and star-slash.',
    ],
    [
      'What is an array index?',
      'An index is the position of an element in an array, usually counted from zero.',
    ],
  ],
  writing: [
    ['How do I end an essay well?', 'Restate the main point in new words and say why it matters.'],
    [
      'Should I use contractions in formal writing?',
      'Usually leave them out of formal documents; they are fine in friendly emails.',
    ],
    [
      'How can I make a long report easier to skim?',
      'Use descriptive headings, short summaries and bullet lists for steps.',
    ],
    [
      'What is a topic sentence?',
      'It is the sentence that states the main idea of a paragraph, usually at its start.',
    ],
    [
      "How do I give feedback on someone's draft?",
      'Start with what works, then name the two or three changes that would help most.',
    ],
    [
      'How can I write a stronger opening line?',
      'Begin with a specific detail, a question or a surprising fact.',
    ],
    [
      'How do I cut words from a draft?',
      'Remove phrases such as in order to and very, and merge sentences that repeat each other.',
    ],
    [
      'When should I use a semicolon?',
      'Use it to join two closely related sentences that could each stand alone.',
    ],
    [
      'How do I write a short bio?',
      'Write in the third person and give your role, one achievement and one personal detail.',
    ],
    [
      'How can I proofread better?',
      'Take a break first, then read slowly on paper or aloud to catch errors.',
    ],
  ],
  health: [
    [
      'How can I fall asleep more easily?',
      'Keep a regular bedtime, dim the lights and put screens away for the last hour.',
    ],
    [
      'How many portions of fruit and vegetables should I eat a day?',
      'Many guidelines suggest at least five portions of fruit and vegetables a day.',
    ],
    [
      'How do I treat a small cut?',
      'Rinse it with clean water, press on it to stop the bleeding and cover it with a plaster.',
    ],
    [
      'Is stretching before running useful?',
      'A short warm-up of light jogging and dynamic stretches prepares the muscles better than long static stretches.',
    ],
    [
      'How can I lower my stress?',
      'Regular exercise, enough sleep and short breathing exercises all help.',
    ],
    [
      'How often should I replace my toothbrush?',
      'Replace it every three months, or sooner if the bristles are worn.',
    ],
    [
      'What helps with a mild headache?',
      'Drink water, rest in a quiet room and consider a standard dose of a common pain reliever.',
    ],
    [
      'How much sun protection do I need?',
      'Use a broad-spectrum sunscreen of SPF 30 or more and reapply it every two hours outdoors.',
    ],
    [
      'How can I sit better at a desk?',
      'Keep your feet flat and the screen at eye level, and stand up every half hour.',
    ],
    [
      'What should I do if someone is choking?',
      'If they cannot cough or speak, give firm back blows and abdominal thrusts and call emergency services.',
    ],
  ],
};

/** Off-topic exchanges, the kind of output a curator removes: 12 written for this package. */
const OFF_TOPIC: readonly Pair[] = [
  [
    'Tell me something random.',
    'Clouds can weigh hundreds of tonnes, and I also like the colour blue.',
  ],
  [
    'What is your favourite film?',
    'I do not watch films, but people often mention long trilogies.',
  ],
  [
    'Write a poem about nothing in particular.',
    'Nothing here, nothing there, a quiet line of empty air.',
  ],
  ['Are you awake?', 'I am always here, ready to talk about anything at all.'],
  [
    'Say hello in ten ways.',
    'Hello, hi, hey, greetings, howdy, hiya, good day, yo, salutations, welcome.',
  ],
  [
    "Can you predict tomorrow's lottery numbers?",
    'Nobody can predict lottery numbers; every draw is random.',
  ],
  [
    'What is the meaning of life?',
    'Traditions answer it differently, and one famous novel says forty-two.',
  ],
  [
    'Describe the colour of the wind.',
    'The wind has no colour, though poets often call it grey or silver.',
  ],
  ['Tell me about your day.', 'As a text model I do not have days, but thank you for asking.'],
  ['Suggest a name for my goldfish.', 'Bubbles, Captain Fin or Sir Swims-a-Lot could all work.'],
  ['Count backwards from five.', 'Five, four, three, two, one, lift-off.'],
  ['Give me a riddle.', 'What has keys but opens no locks? A piano.'],
];

// ---------------------------------------------------------------------------------------------
// The generator's templates and the toy probability
// ---------------------------------------------------------------------------------------------

/** Paraphrase templates of an instruction ({q}) and of a response ({r}); the first is identity. */
const INSTRUCTION_TEMPLATES = [
  '{q}',
  'Can you tell me this: {q}',
  'Quick question. {q}',
  'I would like to know something. {q}',
  'Help me out here: {q}',
  '{q} Please answer in a sentence or two.',
] as const;
const RESPONSE_TEMPLATES = [
  '{r}',
  'Sure. {r}',
  'Here is the answer. {r}',
  '{r} Let me know if you need more detail.',
  'In short: {r}',
  'Good question. {r}',
] as const;
/** Word swaps a paraphrase may apply (whole words, case kept as written here). */
const SYNONYMS: readonly (readonly [string, string])[] = [
  ['about', 'roughly'],
  ['largest', 'biggest'],
  ['highest', 'tallest'],
  ['Use', 'Try'],
  ['use', 'try'],
  ['small', 'little'],
  ['short', 'brief'],
  ['stop', 'prevent'],
  ['cut', 'trim'],
  ['many', 'lots of'],
];
const RECOMBINATION_TEMPLATES = [
  ['Please answer two questions. 1) {q1} 2) {q2}', '1) {r1} 2) {r2}'],
  ['{q1} Also, one more: {q2}', '{r1} And for the other one: {r2}'],
] as const;

/** Toy quality of each kind of record, the factor in front of the length term of `probability`. */
export const QUALITY: Record<SyntheticKind, number> = {
  paraphrase: 1,
  recombination: 0.6,
  'off-topic': 0.3,
  truncated: 0.2,
  mismatched: 0.15,
  repetition: 0.1,
};
/** Length scale (in words) of the toy probability: longer responses are less probable. */
export const LENGTH_SCALE = 40;

/** Records per category and of each noise kind (120 on-task + 30 off-task = 150). */
const PARAPHRASES_PER_CATEGORY = 12;
const RECOMBINATIONS_PER_CATEGORY = 8;
const NOISE: readonly (readonly [SyntheticKind, number])[] = [
  ['off-topic', 10],
  ['truncated', 7],
  ['mismatched', 7],
  ['repetition', 6],
];

/** Training rewrites: an instruction prefix and a response suffix, either possibly empty. */
const TRAINING_PREFIXES = ['', 'Quick question: ', 'Please tell me. ', 'I was wondering. ', 'Hi! '];
const TRAINING_SUFFIXES = ['', ' Hope that helps.', ' That is the usual answer.'];

/** The toy probability of a synthetic record (rounded to 6 significant digits). */
export function toyProbability(kind: SyntheticKind, response: string): number {
  const words = (response.match(/\w+/g) ?? []).length;
  return Number((QUALITY[kind] * Math.exp(-words / LENGTH_SCALE)).toPrecision(6));
}

function pick<T>(rng: Random, items: readonly T[]): T {
  return items[rng.int(0, items.length - 1)] as T;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] as string);
}

/** Applies each synonym swap with probability ½ (whole words only). */
function swapWords(rng: Random, text: string): string {
  let out = text;
  for (const [from, to] of SYNONYMS) {
    const re = new RegExp(`\\b${from}\\b`, 'g');
    if (re.test(out) && rng.uniform() < 0.5) out = out.replace(re, to);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/** Parses a JSON Lines text. */
export function parseJsonl<T>(text: string): T[] {
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}

/**
 * The synthetic records, from the anchor records. Per category (in CATEGORIES order): 12
 * paraphrases (a random anchor record of the category through a random instruction template, a
 * random response template and random synonym swaps, never all three identity) and 8
 * recombinations (two distinct anchor records of the category joined by a random template). Then
 * 30 curation-noise records, cluster 'off-task': 10 off-topic exchanges (distinct, from OFF_TOPIC),
 * 7 truncated responses (the first 40% of the words, rounded up, then "..."), 7 mismatched pairs
 * (an instruction with the response of an anchor record of another category) and 6 repetitions
 * (one word of the response repeated four times). A candidate whose text (instruction + response)
 * is already in the set is drawn again. Finally the 150 records are shuffled and numbered.
 */
export function generateSynthetic(anchor: readonly AnchorRecord[]): SyntheticRecord[] {
  const rng = createRandom(SYNTHETIC_SEED);
  const seen = new Set<string>();
  const out: Omit<SyntheticRecord, 'id'>[] = [];
  const add = (make: () => Omit<SyntheticRecord, 'id' | 'probability'>): void => {
    for (;;) {
      const r = make();
      const key = recordText(r);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...r, probability: toyProbability(r.kind, r.response) });
      return;
    }
  };
  for (const category of CATEGORIES) {
    const pool = anchor.filter((a) => a.category === category);
    for (let i = 0; i < PARAPHRASES_PER_CATEGORY; i++) {
      add(() => {
        for (;;) {
          const a = pick(rng, pool);
          const q = fill(pick(rng, INSTRUCTION_TEMPLATES), { q: a.instruction });
          const r = swapWords(rng, fill(pick(rng, RESPONSE_TEMPLATES), { r: a.response }));
          if (q === a.instruction && r === a.response) continue;
          return {
            cluster: category,
            kind: 'paraphrase',
            sources: [a.id],
            instruction: q,
            response: r,
          };
        }
      });
    }
    for (let i = 0; i < RECOMBINATIONS_PER_CATEGORY; i++) {
      add(() => {
        const order = rng.permutation(pool.length);
        const a = pool[order[0] as number] as AnchorRecord;
        const b = pool[order[1] as number] as AnchorRecord;
        const [qt, rt] = pick(rng, RECOMBINATION_TEMPLATES);
        return {
          cluster: category,
          kind: 'recombination',
          sources: [a.id, b.id],
          instruction: fill(qt, { q1: a.instruction, q2: b.instruction }),
          response: fill(rt, { r1: a.response, r2: b.response }),
        };
      });
    }
  }
  for (const [kind, count] of NOISE) {
    const offTopicOrder = rng.permutation(OFF_TOPIC.length);
    for (let i = 0; i < count; i++) {
      add(() => {
        const a = pick(rng, anchor);
        const base = { cluster: 'off-task' as const, kind, sources: [a.id] };
        switch (kind) {
          case 'off-topic': {
            const [q, r] = OFF_TOPIC[offTopicOrder[i] as number] as Pair;
            return { ...base, sources: [], instruction: q, response: r };
          }
          case 'truncated': {
            const words = a.response.split(' ');
            const keep = Math.ceil(0.4 * words.length);
            return {
              ...base,
              instruction: a.instruction,
              response: `${words.slice(0, keep).join(' ')} ...`,
            };
          }
          case 'mismatched': {
            const other = pick(
              rng,
              anchor.filter((b) => b.category !== a.category),
            );
            return {
              ...base,
              sources: [a.id, other.id],
              instruction: a.instruction,
              response: other.response,
            };
          }
          default: {
            const words = a.response.split(' ');
            const at = rng.int(0, words.length - 1);
            const w = words[at] as string;
            words.splice(at, 1, w, w, w, w);
            return { ...base, instruction: a.instruction, response: words.join(' ') };
          }
        }
      });
    }
  }
  rng.shuffle(out);
  return out.map((r, i) => ({ id: `syn-${String(i + 1).padStart(3, '0')}`, ...r }));
}

/**
 * The training records: for each hand-written training record (CATEGORIES order), the record
 * itself (variant 0) and a light rewrite (variant 1): a random instruction prefix, random synonym
 * swaps on the response and a random response suffix, drawn again until the rewrite differs.
 */
export function generateTraining(): TrainingRecord[] {
  const rng = createRandom(TRAINING_SEED);
  const out: TrainingRecord[] = [];
  for (const category of CATEGORIES) {
    for (const [q, r] of TRAINING_SOURCES[category]) {
      out.push({ id: '', category, variant: 0, instruction: q, response: r });
      for (;;) {
        const q2 = pick(rng, TRAINING_PREFIXES) + q;
        const r2 = swapWords(rng, r) + pick(rng, TRAINING_SUFFIXES);
        if (q2 === q && r2 === r) continue;
        out.push({ id: '', category, variant: 1, instruction: q2, response: r2 });
        break;
      }
    }
  }
  return out.map((r, i) => ({ ...r, id: `train-${String(i + 1).padStart(3, '0')}` }));
}

/** The content of embeddings.json. */
export interface EmbeddingsFile {
  featurizer: string;
  dimension: number;
  ids: { anchor: string[]; synthetic: string[]; training: string[] };
  anchor: number[][];
  synthetic: number[][];
  training: number[][];
}

type Texted = { id: string; instruction: string; response: string };

/** The embeddings of the three sets, in file order. */
export function embed(
  anchor: readonly Texted[],
  synthetic: readonly Texted[],
  training: readonly Texted[],
): EmbeddingsFile {
  const rows = (set: readonly Texted[]) => set.map((r) => featurize(recordText(r)));
  return {
    featurizer: `scripts/featurize.ts: lower-case; \\w+ tokens and adjacent-token bigrams; sublinear tf (1 + ln tf); signed FNV-1a 32-bit feature hashing into ${DIMENSION} dimensions (coordinate h mod ${DIMENSION}, sign from bit 31); L2-normalised; rounded to ${DECIMALS} decimals. Text = instruction + newline + response.`,
    dimension: DIMENSION,
    ids: {
      anchor: anchor.map((r) => r.id),
      synthetic: synthetic.map((r) => r.id),
      training: training.map((r) => r.id),
    },
    anchor: rows(anchor),
    synthetic: rows(synthetic),
    training: rows(training),
  };
}

const toJsonl = (records: readonly object[]): string =>
  `${records.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** The directory of the data set. */
export const DATA_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'data',
  'synthetic-instructions',
);

/** The generated files' contents, by file name, from the anchor.jsonl in `dir`. */
export function build(dir = DATA_DIR): Record<string, string> {
  const anchor = parseJsonl<AnchorRecord>(readFileSync(join(dir, 'anchor.jsonl'), 'utf8'));
  const synthetic = generateSynthetic(anchor);
  const training = generateTraining();
  const e = embed(anchor, synthetic, training);
  // One row per line: diffable, and far smaller than pretty-printing every number on its own line.
  const embeddings = `{\n${[
    `"featurizer": ${JSON.stringify(e.featurizer)}`,
    `"dimension": ${e.dimension}`,
    `"ids": ${JSON.stringify(e.ids)}`,
    ...(['anchor', 'synthetic', 'training'] as const).map(
      (set) => `"${set}": [\n${e[set].map((row) => JSON.stringify(row)).join(',\n')}\n]`,
    ),
  ].join(',\n')}\n}\n`;
  return {
    'synthetic.jsonl': toJsonl(synthetic),
    'training.jsonl': toJsonl(training),
    'embeddings.json': embeddings,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, content] of Object.entries(build())) {
    writeFileSync(join(DATA_DIR, name), content);
    console.log(`wrote data/synthetic-instructions/${name} (${content.length} bytes)`);
  }
}
