/**
 * Kernel dependence measures: HSIC (biased and unbiased), its independence tests, and CKA, all
 * computed in blocks without n × n memory.
 * @packageDocumentation
 */
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
