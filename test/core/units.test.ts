import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Base, convertUnits, fromNats, logOfBase } from '../../src/core/units.js';
import { EPS, expectClose, expectInfoboundError } from './helpers.js';

const BASES: Base[] = ['nats', 'bits', 2, 10, Math.E, 0.5, 3.7, 1e-3, 1e6];
const INVALID: unknown[] = [0, 1, -1, -2, Number.NaN, Number.POSITIVE_INFINITY, 'foo', null, '2'];

describe('logOfBase (behaviour)', () => {
  it('maps each unit to the natural log of its base', () => {
    expect(logOfBase(undefined)).toBe(1);
    expect(logOfBase('nats')).toBe(1);
    expect(logOfBase(Math.E)).toBe(1);
    expect(logOfBase('bits')).toBe(Math.LN2);
    expect(logOfBase(10)).toBe(Math.log(10));
    // A base below 1 is allowed; its logarithm is negative.
    expect(logOfBase(0.5)).toBe(-Math.LN2);
  });

  it('rejects bases that are not finite, positive and other than 1, naming the argument', () => {
    for (const b of INVALID) {
      expectInfoboundError(() => logOfBase(b as Base), 'INVALID_OPTION', 'base is');
      expectInfoboundError(() => logOfBase(b as Base, 'unit'), 'INVALID_OPTION', 'unit is');
    }
  });
});

describe('convertUnits (behaviour)', () => {
  it('converts bits to nats by ln 2, and back', () => {
    expect(convertUnits(1, 'bits', 'nats')).toBe(Math.LN2);
    expect(convertUnits(Math.LN2, 'nats', 'bits')).toBe(1);
    expect(convertUnits(3, 'bits', 'nats')).toBe(3 * Math.LN2);
    // The same unit, under two names, is the identity.
    expect(convertUnits(0.7, 'nats', Math.E)).toBe(0.7);
    expect(convertUnits(0.7, 'bits', 'bits')).toBe(0.7);
  });

  it('converts to and from base 10 (hartleys)', () => {
    // One or two roundings of a product and quotient: within 2ε relative.
    expectClose(convertUnits(1, 10, 'nats'), Math.LN10, 2 * EPS);
    expectClose(convertUnits(1, 'bits', 10), Math.log10(2), 2 * EPS);
    expectClose(convertUnits(1, 10, 'bits'), Math.log2(10), 2 * EPS);
    expectClose(convertUnits(2, 100, 10), 4, 2 * EPS);
    expectClose(convertUnits(4, 10, 100), 2, 2 * EPS);
  });

  it('keeps zero, sign and infinity', () => {
    expect(convertUnits(0, 'bits', 'nats')).toBe(0);
    expect(convertUnits(-1, 'nats', 'bits')).toBe(-1 / Math.LN2);
    expect(convertUnits(Number.POSITIVE_INFINITY, 'nats', 'bits')).toBe(Number.POSITIVE_INFINITY);
  });

  it('round-trips between any two units (property)', () => {
    // Four roundings (×, ÷ out; ×, ÷ back), each ≤ ε/2 relative: within 2ε of the start, plus
    // slack to 4ε for the logarithms Math.log itself rounds.
    const value = fc.oneof(
      fc.constant(0),
      fc.double({ min: 1e-290, max: 1e290, noNaN: true }),
      fc.double({ min: -1e290, max: -1e-290, noNaN: true }),
    );
    fc.assert(
      fc.property(value, fc.constantFrom(...BASES), fc.constantFrom(...BASES), (v, a, b) => {
        const there = convertUnits(v, a, b);
        const back = convertUnits(there, b, a);
        expectClose(back, v, 4 * EPS);
        // And the conversion itself is v · ln a / ln b.
        expectClose(there, (v * logOfBase(a)) / logOfBase(b), 2 * EPS);
      }),
    );
  });

  it('composes: from → via → to equals from → to (property)', () => {
    // Two independent conversions of ≤ 2 roundings each plus the direct one: within 6ε.
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.constantFrom(...BASES),
        fc.constantFrom(...BASES),
        fc.constantFrom(...BASES),
        (v, a, via, b) => {
          expectClose(
            convertUnits(convertUnits(v, a, via), via, b),
            convertUnits(v, a, b),
            6 * EPS,
            1e-300,
          );
        },
      ),
    );
  });

  it('rejects invalid bases with INVALID_OPTION naming from or to', () => {
    for (const b of INVALID) {
      expectInfoboundError(() => convertUnits(1, b as Base, 'nats'), 'INVALID_OPTION', 'from is');
      expectInfoboundError(() => convertUnits(1, 'nats', b as Base), 'INVALID_OPTION', 'to is');
    }
    expectInfoboundError(
      () => convertUnits(1, 'bits', 'foo' as Base),
      'INVALID_OPTION',
      'to is "foo"',
    );
    expectInfoboundError(() => convertUnits(1, 1, 'bits'), 'INVALID_OPTION', 'from is 1');
  });

  it('rejects a NaN value', () => {
    expectInfoboundError(
      () => convertUnits(Number.NaN, 'bits', 'nats'),
      'NON_FINITE',
      'value is NaN',
    );
  });
});

describe('fromNats (behaviour)', () => {
  it('is exact for nats and one division otherwise', () => {
    const v = 1.2345678901234567;
    expect(fromNats(v, undefined)).toBe(v);
    expect(fromNats(v, 'nats')).toBe(v);
    expect(fromNats(v, Math.E)).toBe(v);
    expect(fromNats(v, 'bits')).toBe(v / Math.LN2);
    expect(fromNats(v, 10)).toBe(v / Math.log(10));
    expect(fromNats(Math.LN2, 'bits')).toBe(1);
  });

  it('agrees with convertUnits from nats (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e300, max: 1e300, noNaN: true }),
        fc.constantFrom(...BASES),
        (v, b) => {
          // convertUnits multiplies by ln e = 1 first, which is exact: the same bits.
          expect(fromNats(v, b)).toBe(convertUnits(v, 'nats', b));
        },
      ),
    );
  });

  it('rejects an invalid base with INVALID_OPTION', () => {
    for (const b of INVALID) {
      expectInfoboundError(() => fromNats(1, b as Base), 'INVALID_OPTION', 'base is');
    }
  });
});
