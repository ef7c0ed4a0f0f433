/**
 * How the command-line tool reports failures: bad input and library errors become one line on
 * stderr and exit code 2; anything else is a bug, exit code 1.
 */
import { CommanderError } from 'commander';
import { InfoboundError, type InfoboundErrorCode } from '../core/errors.js';

/** Exit code of a successful run. */
export const EXIT_OK = 0;
/** Exit code of an unexpected failure (a bug: please report it). */
export const EXIT_INTERNAL = 1;
/** Exit code of a usage error, bad input, or input the library rejects. */
export const EXIT_USAGE = 2;

/**
 * Where in an input file a value sits, for error messages. `row` and `column` are 1-based as the
 * user sees them: a line of a CSV, TSV or JSONL file (header included), an element of a JSON
 * array, a row of a .npy array.
 */
export interface Location {
  /** The file as the user named it (`stdin` for `-`). */
  file: string;
  row?: number | undefined;
  column?: number | undefined;
  /** The column's header name, when there is one. */
  columnName?: string | undefined;
}

/** Formats a location as `file, row 3, column 2 ("x")`. */
export function formatLocation(at: Location): string {
  let s = at.file;
  if (at.row !== undefined) s += `, row ${at.row}`;
  if (at.column !== undefined) s += `, column ${at.column}`;
  if (at.columnName !== undefined && at.columnName !== '')
    s += ` (${JSON.stringify(at.columnName)})`;
  return s;
}

/**
 * An InfoboundError about a place in an input file: `data.csv, row 4, column 2 ("x"): "abc" is
 * not a number`.
 */
export function inputError(code: InfoboundErrorCode, at: Location, what: string): InfoboundError {
  return new InfoboundError(code, `${formatLocation(at)}: ${what}`);
}

/** Keeps a message on one line (library messages are already one line; this is a guard). */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};

/** Whether an error is, or was caused by, a module that could not be found. */
function isModuleNotFound(error: Error): boolean {
  const codes = ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND'];
  const code = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return codes.includes(String(code(error))) || codes.includes(String(code(error.cause)));
}

/**
 * Turns any error thrown by a command into a message on stderr and an exit code: 2 for
 * usage errors (commander has printed them already), for {@link InfoboundError}s, for files
 * that cannot be read or written and for a missing optional package; 1, with a hint to rerun with `INFOBOUND_DEBUG=1` for the stack,
 * for anything else.
 *
 * @param error - What the command threw.
 * @param writeErr - Writes to stderr.
 * @param debug - Print the stack trace of unexpected errors.
 * @returns The process exit code.
 */
export function reportError(error: unknown, writeErr: (s: string) => void, debug = false): number {
  if (error instanceof CommanderError) {
    // Commander printed its message; help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof InfoboundError) {
    writeErr(`infobound: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  const sys = error as NodeJS.ErrnoException;
  if (sys instanceof Error && typeof sys.code === 'string' && sys.code in SYSTEM_ERRORS) {
    const path = typeof sys.path === 'string' ? sys.path : '';
    const verb = sys.syscall === 'open' || sys.syscall === 'read' ? 'cannot open' : 'cannot access';
    writeErr(`infobound: ${verb} ${path}: ${SYSTEM_ERRORS[sys.code]}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof Error && isModuleNotFound(error)) {
    // A missing optional package (the figures' vega, vega-lite, @resvg/resvg-js): the message
    // says what to install; nothing to debug.
    writeErr(`infobound: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(
    `infobound: internal error: ${oneLine(message)}${debug ? '' : ' (rerun with INFOBOUND_DEBUG=1 for the stack trace)'}\n`,
  );
  if (debug && error instanceof Error && error.stack) writeErr(`${error.stack}\n`);
  return EXIT_INTERNAL;
}
