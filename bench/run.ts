/**
 * `npm run bench`: every benchmark, each against a baseline timed in the same run. Prints
 * Markdown tables of medians and ratios (ratio = ours / baseline; > 1 means slower).
 * `npm run bench -- --full` adds the largest sizes (n = 10^6 for KSG) and runs the entire Figure 4.
 */
import { benchDiscrete } from './discrete.js';
import { benchGmm } from './gmm.js';
import { benchKernel } from './kernel.js';
import { benchKnn } from './knn.js';
import { benchSimulation } from './simulation.js';

const full = process.argv.includes('--full');
console.log(`# infobound benchmarks\n\nNode ${process.version}, ${new Date().toISOString()}`);
benchDiscrete();
benchKnn(full);
benchKernel(full);
benchGmm(full);
await benchSimulation(full);
