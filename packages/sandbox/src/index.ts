export type * from './office/types.js';
export type * from './engine/contract.js';
