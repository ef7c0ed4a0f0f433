/**
 * `npm run bench`: every benchmark, each against a baseline timed in the same run. Prints
 * Markdown tables of medians and ratios (ratio = ours / baseline; > 1 means slower).
 */
import { benchDiscrete } from './discrete.js';

console.log(`# infobound benchmarks\n\nNode ${process.version}, ${new Date().toISOString()}`);
benchDiscrete();
