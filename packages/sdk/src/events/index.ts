export * from './payloads.js';
export { eventFromJson, normalisePath, parseEvent } from './parse.js';
export type * from './types.js';
export * from './verify.js';
