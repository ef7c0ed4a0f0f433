/**
 * The `infobound` command: a commander program with one subcommand per estimator family, the
 * bounds, the App. G report and the reproduction of the paper's figures.
 */
import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registerBounds } from './commands/bounds.js';
import { registerEntropy } from './commands/entropy.js';
import { registerFitGmm } from './commands/fitGmm.js';
import { registerHsic } from './commands/hsic.js';
import { registerKl } from './commands/kl.js';
import { registerMi } from './commands/mi.js';
import { registerRepro } from './commands/repro.js';
import { registerSynthReport } from './commands/synthReport.js';
import { registerTv } from './commands/tv.js';
import type { CliIO, Context } from './context.js';
import { EXIT_OK, reportError } from './errors.js';
import { createReader, readBytesFromDisk } from './input.js';
import { noProgress, progressBar } from './progress.js';

/**
 * The process's IO: stdout and stderr, files and stdin from disk, a progress bar only when both
 * stdout and stderr are terminals (the bar is drawn on stderr, the result goes to stdout).
 */
export function processIO(): CliIO {
  const interactive = Boolean(process.stdout.isTTY && process.stderr.isTTY);
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readBytes: readBytesFromDisk,
    progress: (label) => (interactive ? progressBar(label, process.stderr) : noProgress),
    // Loaded on use: the figures' libraries are not needed by the other subcommands.
    repro: {
      reproFigure4: async (options) => (await import('./repro.js')).reproFigure4(options),
      reproFigure2: async (options) => (await import('./repro.js')).reproFigure2(options),
    },
  };
}

/**
 * Builds the `infobound` program. Usage errors (unknown subcommand or option, bad option
 * value, missing argument) are thrown as commander errors instead of exiting, so that
 * {@link main} can map them to exit code 2.
 *
 * @param io - Where output goes and input comes from.
 * @returns The program and the context its subcommands share.
 */
export function createProgram(io: CliIO): Command {
  const reader = createReader(io.readBytes);
  const ctx: Context = { io, read: reader.table, readJson: reader.json };
  const program = new Command('infobound')
    .description(
      "Information-theoretic estimators and Gan & Liu's bounds on your data.\n" +
        'Inputs: CSV, TSV, JSON, JSONL or .npy files, or - for stdin. Docs: docs/cli.md.',
    )
    .version(packageJson.version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 2 usage error or bad input (one line on stderr), 1 internal error.',
    );
  registerEntropy(program, ctx);
  registerMi(program, ctx);
  registerKl(program, ctx);
  registerTv(program, ctx);
  registerHsic(program, ctx);
  registerFitGmm(program, ctx);
  registerBounds(program, ctx);
  registerSynthReport(program, ctx);
  registerRepro(program, ctx);
  return program;
}

/**
 * Runs the CLI on an argument vector and returns the exit code: 0 on success, 2 for a usage
 * error or bad input (a one-line message on stderr, no stack trace), 1 for an internal error.
 *
 * @param argv - Arguments after the executable and script (`process.argv.slice(2)`).
 * @param io - The IO (default: the process's).
 * @param env - Environment; `INFOBOUND_DEBUG=1` prints the stack of internal errors.
 * @example
 * ```ts
 * const code = await main(['entropy', 'data.csv', '--json']);
 * ```
 */
export async function main(
  argv: readonly string[],
  io: CliIO = processIO(),
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io.stderr, env.INFOBOUND_DEBUG === '1');
  }
}
