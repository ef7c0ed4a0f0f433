/**
 * Nonparametric k-nearest-neighbour estimators of entropy, mutual information, conditional
 * mutual information and KL divergence from samples (Kozachenko–Leonenko, KSG, Frenzel–Pompe,
 * Wang–Kulkarni–Verdú), on a k-d tree at low dimension and a brute-force scan at high.
 * @packageDocumentation
 */
export { conditionalMutualInformation } from './conditionalMutualInformation.js';
export { entropy } from './entropy.js';
export { klDivergence } from './klDivergence.js';
export { type KsgOptions, mutualInformation } from './mutualInformation.js';
export { BRUTE_FORCE_DIMENSION, type NeighborSearch } from './neighbors.js';
export type { KnnDependenceOptions, KnnOptions } from './shared.js';
