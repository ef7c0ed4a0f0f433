/**
 * A reader for NumPy's .npy format (NEP 1, versions 1.0 to 3.0), for the numeric arrays the CLI
 * takes: little-endian float64, float32, int32 or int64, 1-D or 2-D, C or Fortran order.
 *
 * Why our own: the format is a fixed, small specification (a magic string, a header that is a
 * Python dict literal, then raw values), and the subset we read takes fewer lines than the
 * checks around a dependency. The npm packages for it (npyjs, numpy-parser) target loading
 * arrays over HTTP in browsers (npyjs depends on an HTTP client), return a typed array without
 * position-naming errors, and would add a runtime dependency to a package whose CLI otherwise
 * needs only commander, csv-parse and cli-progress.
 */
import { InfoboundError } from '../core/errors.js';

/** A parsed .npy array: `rows` × `columns` values, row-major (a 1-D array is one column). */
export interface NpyArray {
  data: Float64Array;
  rows: number;
  columns: number;
  /** The dtype as written in the file (`<f8`, `<f4`, `<i4`, `<i8`). */
  dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** Whether the bytes start with the .npy magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

const DTYPES: Record<string, { size: number; read: (v: DataView, offset: number) => number }> = {
  '<f8': { size: 8, read: (v, o) => v.getFloat64(o, true) },
  '<f4': { size: 4, read: (v, o) => v.getFloat32(o, true) },
  '<i4': { size: 4, read: (v, o) => v.getInt32(o, true) },
  // Integers beyond 2^53 lose precision as doubles, as they would in any float computation.
  '<i8': { size: 8, read: (v, o) => Number(v.getBigInt64(o, true)) },
};

function fail(file: string, what: string): InfoboundError {
  return new InfoboundError('INVALID_ARGUMENT', `${file}: ${what}`);
}

/**
 * Parses a .npy file.
 *
 * Header (NEP 1): magic `\x93NUMPY`, major and minor version bytes, the header length
 * (uint16 LE in version 1, uint32 LE in 2 and 3), then a Python dict literal with `descr`,
 * `fortran_order` and `shape`. The values follow, `prod(shape)` of them.
 *
 * @param bytes - The whole file.
 * @param file - Its name, for error messages.
 * @returns The values as a row-major n × d matrix (a 1-D array of n values is n × 1).
 * @throws InfoboundError (INVALID_ARGUMENT) naming the file and what is wrong: not a .npy file,
 *   an unsupported version, dtype or shape, a truncated file.
 */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  if (!isNpy(bytes)) throw fail(file, 'not a .npy file (it does not start with \\x93NUMPY)');
  if (bytes.length < 10) throw fail(file, 'truncated .npy header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6] as number;
  if (major < 1 || major > 3) throw fail(file, `unsupported .npy format version ${major}`);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lengthBytes;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw fail(file, 'truncated .npy header');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, dataStart),
  );

  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw fail(file, `unreadable .npy header ${JSON.stringify(header.trim())}`);
  }
  const dtype = DTYPES[descr];
  if (dtype === undefined) {
    const hint = descr.startsWith('>')
      ? ' (big-endian: save it with arr.astype("<f8"))'
      : ' (save it with arr.astype("float64"))';
    throw fail(
      file,
      `dtype ${JSON.stringify(descr)} is not supported: expected little-endian float64, float32, int32 or int64${hint}`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.length < 1 || shape.length > 2 || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw fail(
      file,
      `shape (${shapeText.trim()}) is not supported: expected a 1-D or 2-D array (samples in rows)`,
    );
  }
  const rows = shape[0] as number;
  const columns = shape.length === 2 ? (shape[1] as number) : 1;
  const count = rows * columns;
  const available = bytes.length - dataStart;
  if (available < count * dtype.size) {
    throw fail(
      file,
      `truncated: shape (${shapeText.trim()}) of ${descr} needs ${count * dtype.size} bytes of data, the file has ${available}`,
    );
  }
  const data = new Float64Array(count);
  const columnMajor = fortran === 'True' && shape.length === 2;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const stored = columnMajor ? j * rows + i : i * columns + j;
      data[i * columns + j] = dtype.read(view, dataStart + stored * dtype.size);
    }
  }
  return { data, rows, columns, dtype: descr };
}
