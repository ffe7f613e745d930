export * from './disconnectReasons.js';
export * from './resultCodes.js';
export type { ResultCodeRow } from './resultCodeTable.js';
