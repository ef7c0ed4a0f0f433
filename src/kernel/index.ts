/**
 * Kernel dependence measures: HSIC (biased and unbiased), its independence tests, and CKA, all
 * computed in blocks without n × n memory; linear-time approximations (random Fourier features,
 * Nyström, block HSIC); and HSIC between unpaired sets of different sizes (random coupling).
 * @packageDocumentation
 */
export { type HsicBlockOptions, type HsicBlockResult, hsicBlock } from './blockHsic.js';
export { cka, type HsicOptions, hsic, type KernelOptions } from './hsic.js';
export { type HsicTestOptions, type HsicTestResult, hsicTest } from './hsicTest.js';
export {
  customKernel,
  gaussianKernel,
  type Kernel,
  laplaceKernel,
  linearKernel,
  polynomialKernel,
  precomputedKernel,
} from './kernels.js';
export { type HsicNystromOptions, hsicNystrom } from './nystrom.js';
export { type PairedHsicOptions, type PairedHsicResult, pairedHsic } from './pairing.js';
export { type HsicRffOptions, hsicRff } from './rff.js';
