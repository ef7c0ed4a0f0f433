/**
 * fast-check arbitraries for property-testing information theory: the generators infobound's own
 * property tests use, exported so users can attack their own claims with them.
 *
 * Needs the optional peer dependency `fast-check` (≥ 4). Only at the subpath `infobound/testing`.
 * @packageDocumentation
 */
export {
  type ChannelOptions,
  channel,
  type JointTableOptions,
  jointTable,
  type MarkovChain,
  type MarkovChainOptions,
  markovChain,
  type PmfOptions,
  pmf,
  pmfPair,
  probabilityTable,
} from './arbitraries.js';
