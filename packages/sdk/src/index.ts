/**
 * mangokit — the TypeScript SDK for the MANGO OFFICE Virtual PBX (VATS) API, for integrators.
 * Outbound: `MangoClient` (every API method). Inbound: `createWebhookHandler` and its adapters,
 * `verifyNotification`, `parseEvent`, `CallTracker`. Errors, and code descriptions.
 *
 * It is `mangokit/web` (the runtime-neutral surface) plus what needs Node: the `node:http`
 * transport (the client's default on Node), `recordings.save`, the `node:http` listener and the
 * Express and Fastify adapters. The wire-level pieces tools need (signing, form parsing, the
 * per-method parameter spec, event names, code tables, rate table, stats CSV parsing) are
 * `mangokit/protocol`. This list is the public surface: `test/package/surface.test.ts` pins it,
 * so it changes only on purpose.
 */

// Everything runtime-neutral; the names below replace or add to it.
export * from './web.js';

// Outbound on Node: the client with the node:http transport and file saving.
export { MangoClient } from './client/mangoClient.js';
export { createNodeTransport, type NodeTransportOptions } from './internal/nodeTransport.js';

// Inbound on Node: the node:http listener and the Express and Fastify adapters.
export {
  createNodeListener,
  type NodeListener,
  type NodeWebhookListener,
  toExpressMiddleware,
  toFastifyPlugin,
  toNodeListener,
} from './webhooks/index.js';
