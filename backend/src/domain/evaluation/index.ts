/** The evaluation engine's public entry: pure functions, no framework. */
export { evaluateTender } from './award';
export type * from './types';
