/**
 * mangokit — the TypeScript SDK for the MANGO OFFICE Virtual PBX (VATS) API.
 * Outbound: `MangoClient` (every API method). Inbound: `verifyNotification`, `parseEvent`,
 * `createWebhookHandler`, `CallTracker`.
 */
export * from './core/index.js';
export * from './client/index.js';
export * from './events/index.js';
export * from './form/index.js';
export * from './webhooks/index.js';
export * from './tracker/index.js';
