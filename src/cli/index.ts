/**
 * The `infobound` executable (package.json `bin`, built to dist/cli.js): runs {@link main} on
 * the process's arguments and exits with its code. Node only.
 */
import { main } from './main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
