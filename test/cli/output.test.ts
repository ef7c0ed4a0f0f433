/** Number formatting and tables of the CLI's text output. Behaviour tests. */
import { describe, expect, it } from 'vitest';
import { formatNumber, renderTable, toJsonLine } from '../../src/cli/output.js';

describe('formatNumber', () => {
  it('shows 6 significant digits, exponents for the very small and large, integers as they are', () => {
    expect(formatNumber(1.0986122886681096)).toBe('1.09861');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(-289.8123456)).toBe('-289.812');
    expect(formatNumber(9.2e-6)).toBe('9.2e-6');
    expect(formatNumber(1.23456789e7)).toBe('1.2346e+7');
    expect(formatNumber(150)).toBe('150');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});

describe('renderTable', () => {
  it('aligns columns, right-aligns numeric columns, underlines a header', () => {
    expect(
      renderTable(
        [
          ['name', 'value', 'note'],
          ['a', 1.5, 'x'],
          ['long name', 10, 'y'],
        ],
        true,
      ),
    ).toBe(
      'name       value  note\n---------  -----  ----\na            1.5  x\nlong name     10  y\n',
    );
  });

  it('left-aligns a column that mixes numbers and text', () => {
    expect(
      renderTable([
        ['p', 0.3],
        ['computed', 'text'],
      ]),
    ).toBe('p         0.3\ncomputed  text\n');
  });
});

describe('toJsonLine', () => {
  it('writes one line; infinities as strings, typed arrays as arrays', () => {
    expect(toJsonLine({ a: Number.POSITIVE_INFINITY, b: new Float64Array([1, 2]) })).toBe(
      '{"a":"Infinity","b":[1,2]}\n',
    );
  });
});
