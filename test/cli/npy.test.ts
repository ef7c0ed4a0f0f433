/**
 * The .npy reader against files NumPy wrote (test/cli/fixtures/generate.py) and against headers
 * built here by the format's rules (NEP 1) for the versions and errors NumPy rarely writes.
 */
import { describe, expect, it } from 'vitest';
import { isNpy, parseNpy } from '../../src/cli/npy.js';
import { fixture, readCsv } from './helpers.js';

/** A .npy file: magic, version, header length, header padded to a multiple of 64, the data. */
function npy(major: number, header: string, data: ArrayBufferView): Uint8Array {
  const lengthBytes = major === 1 ? 2 : 4;
  const prefix = 8 + lengthBytes;
  const total = Math.ceil((prefix + header.length + 1) / 64) * 64;
  const text = `${header.padEnd(total - prefix - 1, ' ')}\n`;
  const out = new Uint8Array(total + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  out.set(new TextEncoder().encode(text), prefix);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  return out;
}

describe('parseNpy', () => {
  it('reads what NumPy wrote: the same doubles as the CSV, in C and Fortran order', () => {
    const csv = readCsv('gauss.csv').rows.flat();
    for (const name of ['gauss.npy', 'gauss-fortran.npy']) {
      const a = parseNpy(fixture(name), name);
      expect([a.rows, a.columns, a.dtype]).toEqual([60, 3, '<f8']);
      expect(Array.from(a.data)).toEqual(csv);
    }
    const x = parseNpy(fixture('x.npy'), 'x.npy');
    expect([x.rows, x.columns]).toEqual([60, 1]);
  });

  it('reads format versions 2 and 3, and an empty array', () => {
    const data = new Float64Array([1.5, -2, 3.25, 4]);
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
    for (const major of [1, 2, 3]) {
      const a = parseNpy(npy(major, header, data), 'a.npy');
      expect(Array.from(a.data)).toEqual([1.5, -2, 3.25, 4]);
    }
    const empty = parseNpy(
      npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", new Float64Array(0)),
      'e.npy',
    );
    expect([empty.rows, empty.columns]).toEqual([0, 3]);
  });

  it('names the file and the problem', () => {
    const f = new Float64Array([1]);
    expect(() => parseNpy(new Uint8Array([1, 2, 3]), 'a.npy')).toThrow(/^a\.npy: not a \.npy file/);
    expect(() =>
      parseNpy(npy(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (1,), }", f), 'b.npy'),
    ).toThrow('b.npy: dtype "<i2" is not supported');
    expect(() =>
      parseNpy(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", f), 'c.npy'),
    ).toThrow('c.npy: shape () is not supported');
    expect(() =>
      parseNpy(npy(4, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", f), 'd.npy'),
    ).toThrow('d.npy: unsupported .npy format version 4');
    expect(() => parseNpy(npy(1, "{'shape': (1,)}", f), 'e.npy')).toThrow(
      /^e\.npy: unreadable \.npy header/,
    );
    expect(isNpy(fixture('gauss.csv'))).toBe(false);
  });
});
