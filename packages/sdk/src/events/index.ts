export * from './payloads.js';
export { EVENT_NAMES } from './names.js';
export { eventFromJson, isNotificationPath, normalisePath, parseEvent } from './parse.js';
export type * from './types.js';
export * from './verify.js';
