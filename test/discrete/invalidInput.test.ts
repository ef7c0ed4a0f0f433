/**
 * Fuzzing every public discrete function with invalid input: each must throw an InfoboundError
 * with the right code and a message naming the argument and index, and never return (NaN or
 * anything else). Valid parts of the inputs come from the arbitraries users get in
 * `infobound/testing`.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Base } from '../../src/core/units.js';
import { discrete } from '../../src/index.js';
import { pmf, pmfPair, probabilityTable } from '../../src/testing/index.js';
import { expectInfoboundError } from '../helpers.js';

const RUNS = 200;
/** Seeded, so a failure reproduces; fast-check prints the counterexample. */
const check = <Ts extends unknown[]>(property: fc.IProperty<Ts>) =>
  fc.assert(property, { seed: 42, numRuns: RUNS });

type Table = unknown[];
type Labels = (number | string)[];

/** NaN, ±Infinity or a negative number: each makes a pmf invalid. */
const badProbability = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double({ min: -1e300, max: -Number.MIN_VALUE, noNaN: true }),
);

/** Valid options that must not change which error is thrown. */
const distributionOptions = fc.record(
  {
    base: fc.constantFrom<Base>('nats', 'bits', 2, 10, 0.5),
    normalize: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** A deep copy of a nested table with `value` written at `index`. */
function withValue(table: unknown, index: readonly number[], value: unknown): Table {
  const copy = structuredClone(table) as Table;
  let cur = copy;
  for (let a = 0; a < index.length - 1; a++) cur = cur[index[a] as number] as Table;
  cur[index[index.length - 1] as number] = value;
  return copy;
}

const path = (index: readonly number[]) => index.map((i) => `[${i}]`).join('');

/** A table of the given rank (sides 1..4) with one entry replaced by a bad probability. */
function tableWithBadEntry(rank: number) {
  return fc
    .array(fc.integer({ min: 1, max: 4 }), { minLength: rank, maxLength: rank })
    .chain((shape) =>
      fc.record({
        table: probabilityTable(shape),
        index: fc.tuple(...shape.map((s) => fc.integer({ min: 0, max: s - 1 }))),
        value: badProbability,
      }),
    )
    .map(({ table, index, value }) => ({ table: withValue(table, index, value), index, value }));
}

/**
 * A table of the given rank (≥ 2) with one innermost row, not the first, one entry too short or
 * too long: `at` is that row's index.
 */
function raggedTable(rank: number) {
  return fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: rank - 1, maxLength: rank - 1 }),
      fc.integer({ min: 1, max: 4 }),
    )
    .filter(([outer]) => outer.reduce((a, b) => a * b, 1) >= 2)
    .chain(([outer, inner]) =>
      fc.record({
        table: probabilityTable([...outer, inner]),
        at: fc.tuple(...outer.map((s) => fc.integer({ min: 0, max: s - 1 }))),
        grow: fc.boolean(),
      }),
    )
    .filter(({ at }) => at.some((i) => i > 0))
    .map(({ table, at, grow }) => {
      const copy = structuredClone(table) as Table;
      let row = copy;
      for (const i of at) row = row[i] as Table;
      if (grow || row.length === 1) row.push(0);
      else row.pop();
      return { table: copy, at };
    });
}

function expectBadEntry(
  fn: () => unknown,
  name: string,
  index: readonly number[],
  value: number,
): void {
  expectInfoboundError(fn, 'NOT_A_DISTRIBUTION', `${name}${path(index)} is ${String(value)}`);
}

describe('tables of any rank: entropy, jointEntropy', () => {
  const fns = { entropy: discrete.entropy, jointEntropy: discrete.jointEntropy };
  for (const [fnName, fn] of Object.entries(fns)) {
    const name = fnName === 'entropy' ? 'p' : 'pxy';

    it(`${fnName}: a NaN, ±Infinity or negative entry → NOT_A_DISTRIBUTION naming it`, () => {
      check(
        fc.property(
          fc.integer({ min: 1, max: 3 }).chain(tableWithBadEntry),
          distributionOptions,
          ({ table, index, value }, options) => {
            expectBadEntry(() => fn(table as never, options), name, index, value);
          },
        ),
      );
    });

    it(`${fnName}: a ragged table → SHAPE_MISMATCH naming the row`, () => {
      check(
        fc.property(fc.integer({ min: 2, max: 3 }).chain(raggedTable), ({ table, at }) => {
          expectInfoboundError(() => fn(table as never), 'SHAPE_MISMATCH', `${name}${path(at)}`);
        }),
      );
    });
  }
});

describe('2-D tables: conditionalEntropy, mutualInformation', () => {
  const fns = {
    conditionalEntropy: discrete.conditionalEntropy,
    mutualInformation: discrete.mutualInformation,
  };
  for (const [fnName, fn] of Object.entries(fns)) {
    it(`${fnName}: a NaN, ±Infinity or negative entry → NOT_A_DISTRIBUTION naming it`, () => {
      check(
        fc.property(
          tableWithBadEntry(2),
          distributionOptions,
          ({ table, index, value }, options) => {
            expectBadEntry(() => fn(table as never, options), 'pxy', index, value);
          },
        ),
      );
    });

    it(`${fnName}: a ragged table → SHAPE_MISMATCH naming the row`, () => {
      check(
        fc.property(raggedTable(2), ({ table, at }) => {
          expectInfoboundError(() => fn(table as never), 'SHAPE_MISMATCH', `pxy${path(at)}`);
        }),
      );
    });

    it(`${fnName}: a valid table of rank 1 or 3 → SHAPE_MISMATCH`, () => {
      check(
        fc.property(
          fc.oneof(pmf(), probabilityTable([2, 2, 2]), probabilityTable([1, 3, 1])),
          (table) => {
            expectInfoboundError(
              () => fn(table as never),
              'SHAPE_MISMATCH',
              'expected a 2-D table',
            );
          },
        ),
      );
    });
  }
});

describe('3-D tables: conditionalMutualInformation', () => {
  const fn = discrete.conditionalMutualInformation;

  it('a NaN, ±Infinity or negative entry → NOT_A_DISTRIBUTION naming it', () => {
    check(
      fc.property(tableWithBadEntry(3), distributionOptions, ({ table, index, value }, options) => {
        expectBadEntry(() => fn(table as never, options), 'pxyz', index, value);
      }),
    );
  });

  it('a ragged table → SHAPE_MISMATCH naming the row', () => {
    check(
      fc.property(raggedTable(3), ({ table, at }) => {
        expectInfoboundError(() => fn(table as never), 'SHAPE_MISMATCH', `pxyz${path(at)}`);
      }),
    );
  });

  it('a valid table of rank 1, 2 or 4 → SHAPE_MISMATCH', () => {
    check(
      fc.property(
        fc.oneof(pmf(), probabilityTable([2, 3]), probabilityTable([2, 1, 2, 1])),
        (table) => {
          expectInfoboundError(() => fn(table as never), 'SHAPE_MISMATCH', 'expected a 3-D table');
        },
      ),
    );
  });
});

describe('pairs: klDivergence, crossEntropy, jsDivergence, tvDistance', () => {
  const fns = {
    klDivergence: discrete.klDivergence,
    crossEntropy: discrete.crossEntropy,
    jsDivergence: discrete.jsDivergence,
    tvDistance: discrete.tvDistance,
  };
  for (const [fnName, fn] of Object.entries(fns)) {
    it(`${fnName}: a NaN, ±Infinity or negative entry in p or q → NOT_A_DISTRIBUTION naming it`, () => {
      check(
        fc.property(
          pmfPair(),
          fc.nat(),
          badProbability,
          fc.boolean(),
          distributionOptions,
          ([p, q], k, value, inQ, options) => {
            const i = k % p.length;
            const [a, b] = inQ ? [p, withValue(q, [i], value)] : [withValue(p, [i], value), q];
            expectBadEntry(() => fn(a as never, b as never, options), inQ ? 'q' : 'p', [i], value);
          },
        ),
      );
    });

    it(`${fnName}: p and q of different lengths → SHAPE_MISMATCH`, () => {
      check(
        fc.property(pmf(), pmf(), fc.boolean(), (p, q, normalize) => {
          fc.pre(p.length !== q.length);
          expectInfoboundError(
            () => fn(p, q, { normalize }),
            'SHAPE_MISMATCH',
            `p has shape [${p.length}] but q has shape [${q.length}]`,
          );
        }),
      );
    });

    it(`${fnName}: a ragged p or q → SHAPE_MISMATCH naming the row`, () => {
      check(
        fc.property(raggedTable(2), fc.boolean(), ({ table, at }, inQ) => {
          const valid = [[1]];
          const [a, b] = inQ ? [valid, table] : [table, valid];
          expectInfoboundError(
            () => fn(a as never, b as never),
            'SHAPE_MISMATCH',
            `${inQ ? 'q' : 'p'}${path(at)}`,
          );
        }),
      );
    });
  }
});

/** Labels: small integers and strings, 1..20 of them. */
const labels = (n: number) =>
  fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('a', 'b', '1')), {
    minLength: n,
    maxLength: n,
  });
const nonFiniteLabel = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);
const notALabel = fc.constantFrom<unknown>(
  {},
  null,
  undefined,
  true,
  false,
  [1],
  ['a'],
  1n,
  Symbol('s'),
  () => 1,
);

const labelFns: Record<string, { arity: number; call: (args: Labels[]) => unknown }> = {
  entropyFromSamples: {
    arity: 1,
    call: ([x]) => discrete.entropyFromSamples(x as Labels, { correction: 'miller-madow' }),
  },
  mutualInformationFromSamples: {
    arity: 2,
    call: ([x, y]) =>
      discrete.mutualInformationFromSamples(x as Labels, y as Labels, { base: 'bits' }),
  },
  conditionalMutualInformationFromSamples: {
    arity: 3,
    call: ([x, y, z]) =>
      discrete.conditionalMutualInformationFromSamples(x as Labels, y as Labels, z as Labels),
  },
  normalizedMutualInformation: {
    arity: 2,
    call: ([x, y]) =>
      discrete.normalizedMutualInformation(x as Labels, y as Labels, {
        averageMethod: 'geometric',
      }),
  },
};
const ARG_NAMES = ['xLabels', 'yLabels', 'zLabels'];

describe('labels: entropyFromSamples, (conditional) mutualInformationFromSamples, NMI', () => {
  for (const [fnName, { arity, call }] of Object.entries(labelFns)) {
    const argName = (a: number) => (arity === 1 ? 'labels' : (ARG_NAMES[a] as string));

    /** `arity` label arrays of one length n, plus an argument a and an index i < n. */
    const validArgs = fc
      .integer({ min: 1, max: 20 })
      .chain((n) =>
        fc.tuple(
          fc.array(labels(n), { minLength: arity, maxLength: arity }),
          fc.integer({ min: 0, max: arity - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
        ),
      );

    it(`${fnName}: a NaN or ±Infinity label → NON_FINITE naming it`, () => {
      check(
        fc.property(validArgs, nonFiniteLabel, ([args, a, i], value) => {
          const bad = args.map((l, k) => (k === a ? withValue(l, [i], value) : l)) as Labels[];
          expectInfoboundError(() => call(bad), 'NON_FINITE', `${argName(a)}[${i}] is ${value}`);
        }),
      );
    });

    it(`${fnName}: a label neither number nor string → INVALID_ARGUMENT naming it`, () => {
      check(
        fc.property(validArgs, notALabel, ([args, a, i], value) => {
          const bad = args.map((l, k) => (k === a ? withValue(l, [i], value) : l)) as Labels[];
          expectInfoboundError(() => call(bad), 'INVALID_ARGUMENT', `${argName(a)}[${i}] is`);
        }),
      );
    });

    if (arity > 1) {
      it(`${fnName}: label arrays of different lengths → SHAPE_MISMATCH`, () => {
        check(
          fc.property(
            fc.array(fc.integer({ min: 1, max: 20 }), { minLength: arity, maxLength: arity }),
            fc.integer({ min: 0, max: 4 }),
            (lengths, label) => {
              fc.pre(lengths.some((n) => n !== lengths[0]));
              const args = lengths.map((n) => new Array<number>(n).fill(label));
              const b = lengths.findIndex((n) => n !== lengths[0]);
              expectInfoboundError(
                () => call(args),
                'SHAPE_MISMATCH',
                `xLabels has ${lengths[0]} samples but ${ARG_NAMES[b]} has ${lengths[b]}`,
              );
            },
          ),
        );
      });
    }

    it(`${fnName}: an empty sample → TOO_FEW_SAMPLES`, () => {
      check(
        fc.property(fc.integer({ min: 0, max: arity - 1 }), labels(3), (a, valid) => {
          const args = Array.from({ length: arity }, (_, k) => (k === a ? [] : valid));
          expectInfoboundError(() => call(args), 'TOO_FEW_SAMPLES', `${argName(a)} has 0 labels`);
        }),
      );
    });
  }
});

describe('invalid options, for every function that takes them', () => {
  const badBase = fc.oneof(
    fc.constantFrom<unknown>(
      1,
      0,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ),
    fc.double({ min: -1e300, max: 0, noNaN: true }),
    fc.string().filter((s) => s !== 'nats' && s !== 'bits'),
    fc.constantFrom<unknown>(null, true, {}, [2]),
  );
  // Pmfs with zeros make KL and cross-entropy infinite on many runs: the base must be checked on
  // that early-return path too.
  const pairs = pmfPair();
  const unary: Record<string, (p: number[], base: Base) => unknown> = {
    entropy: (p, base) => discrete.entropy(p, { base }),
    jointEntropy: (p, base) => discrete.jointEntropy([p], { base }),
    conditionalEntropy: (p, base) => discrete.conditionalEntropy([p], { base }),
    mutualInformation: (p, base) => discrete.mutualInformation([p], { base }),
    conditionalMutualInformation: (p, base) =>
      discrete.conditionalMutualInformation([[p]], { base }),
    entropyFromSamples: (p, base) => discrete.entropyFromSamples(p, { base }),
    mutualInformationFromSamples: (p, base) =>
      discrete.mutualInformationFromSamples(p, p, { base }),
    conditionalMutualInformationFromSamples: (p, base) =>
      discrete.conditionalMutualInformationFromSamples(p, p, p, { base }),
  };
  const binary: Record<string, (p: number[], q: number[], base: Base) => unknown> = {
    klDivergence: (p, q, base) => discrete.klDivergence(p, q, { base }),
    crossEntropy: (p, q, base) => discrete.crossEntropy(p, q, { base }),
    jsDivergence: (p, q, base) => discrete.jsDivergence(p, q, { base }),
  };

  for (const [fnName, fn] of Object.entries(unary)) {
    it(`${fnName}: an invalid base → INVALID_OPTION`, () => {
      check(
        fc.property(pairs, badBase, ([p], base) => {
          expectInfoboundError(() => fn(p, base as Base), 'INVALID_OPTION', 'base is');
        }),
      );
    });
  }
  for (const [fnName, fn] of Object.entries(binary)) {
    it(`${fnName}: an invalid base → INVALID_OPTION`, () => {
      check(
        fc.property(pairs, badBase, ([p, q], base) => {
          expectInfoboundError(() => fn(p, q, base as Base), 'INVALID_OPTION', 'base is');
        }),
      );
    });
  }

  const tableFns: Record<string, (p: number[], o: object) => unknown> = {
    entropy: (p, o) => discrete.entropy(p, o),
    jointEntropy: (p, o) => discrete.jointEntropy([p], o),
    conditionalEntropy: (p, o) => discrete.conditionalEntropy([p], o),
    mutualInformation: (p, o) => discrete.mutualInformation([p], o),
    conditionalMutualInformation: (p, o) => discrete.conditionalMutualInformation([[p]], o),
    klDivergence: (p, o) => discrete.klDivergence(p, p, o),
    crossEntropy: (p, o) => discrete.crossEntropy(p, p, o),
    jsDivergence: (p, o) => discrete.jsDivergence(p, p, o),
    tvDistance: (p, o) => discrete.tvDistance(p, p, o),
  };
  // null is left out: like undefined, it reads as "not given" (the options default with ??).
  const badOption = fc.oneof(
    fc.record({
      tolerance: fc.oneof(
        fc.double({ min: -1e300, max: -Number.MIN_VALUE, noNaN: true }),
        fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, '1e-6', {}),
      ),
    }),
    fc.record({ normalize: fc.constantFrom<unknown>(1, 0, 'true', 'false', {}) }),
  );
  for (const [fnName, fn] of Object.entries(tableFns)) {
    it(`${fnName}: an invalid tolerance or normalize → INVALID_OPTION`, () => {
      check(
        fc.property(pmf(), badOption, (p, o) => {
          const name = 'tolerance' in o ? 'tolerance' : 'normalize';
          expectInfoboundError(() => fn(p, o), 'INVALID_OPTION', `${name} is`);
        }),
      );
    });
  }

  it('entropyFromSamples: an unknown correction → INVALID_OPTION', () => {
    check(
      fc.property(labels(5), fc.string(), (x, correction) => {
        fc.pre(correction !== 'none' && correction !== 'miller-madow');
        expectInfoboundError(
          () => discrete.entropyFromSamples(x, { correction: correction as 'none' }),
          'INVALID_OPTION',
          'correction is',
        );
      }),
    );
  });

  it('normalizedMutualInformation: an unknown averageMethod → INVALID_OPTION', () => {
    check(
      fc.property(labels(5), fc.string(), (x, averageMethod) => {
        fc.pre(!['arithmetic', 'geometric', 'min', 'max'].includes(averageMethod));
        expectInfoboundError(
          () =>
            discrete.normalizedMutualInformation(x, x, { averageMethod: averageMethod as 'min' }),
          'INVALID_OPTION',
          'averageMethod is',
        );
      }),
    );
  });
});
