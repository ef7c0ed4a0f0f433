import { describe, expect, it } from 'vitest';
import { formatValue, InfoboundError, type InfoboundErrorCode } from '../../src/core/errors.js';

const CODES: InfoboundErrorCode[] = [
  'NON_FINITE',
  'SHAPE_MISMATCH',
  'NOT_A_DISTRIBUTION',
  'NOT_POSITIVE_DEFINITE',
  'TOO_FEW_SAMPLES',
  'INVALID_OPTION',
  'INVALID_ARGUMENT',
  'DEGENERATE_SAMPLES',
];

describe('InfoboundError (behaviour)', () => {
  it('is an Error and an InfoboundError, with code, name and message', () => {
    for (const code of CODES) {
      const e = new InfoboundError(code, `p[3] is -0.2: ${code}`);
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(InfoboundError);
      expect(e.code).toBe(code);
      expect(e.name).toBe('InfoboundError');
      expect(e.message).toBe(`p[3] is -0.2: ${code}`);
      expect(String(e)).toBe(`InfoboundError: p[3] is -0.2: ${code}`);
      expect(typeof e.stack).toBe('string');
    }
  });

  it('keeps instanceof and code when thrown and caught', () => {
    let caught: unknown;
    try {
      throw new InfoboundError('NOT_A_DISTRIBUTION', 'p[3] is -0.2: probabilities must be ≥ 0');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InfoboundError);
    expect((caught as InfoboundError).code).toBe('NOT_A_DISTRIBUTION');
  });

  it('keeps the prototype chain for subclasses', () => {
    class Sub extends InfoboundError {}
    const e = new Sub('INVALID_OPTION', 'x');
    expect(e).toBeInstanceOf(Sub);
    expect(e).toBeInstanceOf(InfoboundError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('InfoboundError');
  });

  it('is not confused with a plain Error', () => {
    expect(new Error('x')).not.toBeInstanceOf(InfoboundError);
  });
});

describe('formatValue (behaviour)', () => {
  it('writes numbers exactly, and NaN and the infinities by name', () => {
    expect(formatValue(-0.2)).toBe('-0.2');
    expect(formatValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatValue(1e-300)).toBe('1e-300');
    expect(formatValue(Number.NaN)).toBe('NaN');
    expect(formatValue(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatValue(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('quotes strings and names other types', () => {
    expect(formatValue('1')).toBe('"1"');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue([1, 2, 3])).toBe('an array of length 3');
    expect(formatValue(new Map())).toBe('a Map');
    expect(formatValue(true)).toBe('a boolean');
    expect(formatValue(() => 1)).toBe('a function');
  });
});
