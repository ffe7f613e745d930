export { CallTracker, type CallTrackerOptions } from './callTracker.js';
export { durationsOf, findLeg, outcomeOf } from './fold.js';
export { type CallStore, MemoryCallStore, type MemoryCallStoreOptions } from './store.js';
export type * from './types.js';
