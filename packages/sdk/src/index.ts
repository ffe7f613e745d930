/**
 * mangokit — the TypeScript SDK for the MANGO OFFICE Virtual PBX (VATS) API, for integrators.
 * Outbound: `MangoClient` (every API method). Inbound: `createWebhookHandler` and its adapters,
 * `verifyNotification`, `parseEvent`, `CallTracker`. Errors, and code descriptions.
 *
 * The wire-level pieces tools need (signing, form parsing, the per-method parameter spec, event
 * names, code tables, rate table, stats CSV parsing) are `mangokit/protocol`. This list is the
 * public surface: `test/package/surface.test.ts` pins it, so it changes only on purpose.
 */

// Outbound: the client, its options and every method's parameter and answer types.
export { MangoClient } from './client/mangoClient.js';
export type { ClientOptions } from './client/options.js';
export type { Clock } from './internal/clock.js';
export type { FetchLike } from './internal/fetchTransport.js';
export type { Hooks, RequestHookInfo, ResponseHookInfo, RetryHookInfo } from './internal/hooks.js';
export type { LogFields, Logger, LogLevel } from './internal/logger.js';
export type { UploadFile } from './internal/multipart.js';
export { createNodeTransport, type NodeTransportOptions } from './internal/nodeTransport.js';
export type { RateLimitOptions } from './internal/rateLimiter.js';
export type { RequestOptions } from './internal/requestOptions.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './internal/retryPolicy.js';
export type { Transport, TransportRequest, TransportResponse } from './internal/transport.js';
export type * from './resources/addressBook.js';
export type * from './resources/autosecretary.js';
export type * from './resources/bwlists.js';
export type * from './resources/calls.js';
export type * from './resources/campaigns.js';
export type * from './resources/cc.js';
export type { CommandResult } from './resources/command.js';
export type * from './resources/dct.js';
export type * from './resources/forwarding.js';
export type * from './resources/groups.js';
export type * from './resources/inventory.js';
export type * from './resources/members.js';
export type { ScheduleItemType } from './methods/values.js';
export type * from './resources/outboundBlacklist.js';
export type * from './resources/recognition.js';
export type * from './resources/recordings.js';
export type * from './resources/s2t.js';
export type * from './resources/sips.js';
export type * from './resources/sms.js';
export type * from './resources/stats.js';
export type * from './resources/users.js';
export type { StatsField, StatsRow } from './stats/fields.js';
export type { StatsTime, StatsWindow } from './stats/windows.js';

// Errors.
export {
  MangoAbortError,
  MangoActionError,
  MangoApiError,
  type MangoApiErrorInit,
  MangoAuthError,
  MangoBillingError,
  MangoConnectionError,
  MangoError,
  MangoInvalidRequestError,
  MangoNotFoundError,
  MangoRateLimitError,
  MangoServerError,
  MangoSignatureError,
  MangoTimeoutError,
  MangoValidationError,
} from './core/errors.js';

// Code descriptions (the tables and the named constants are in mangokit/protocol).
export { type DisconnectReasonClass, describeDisconnectReason } from './codes/disconnectReasons.js';
export {
  describeResultCode,
  type ResultCodeClass,
  type ResultCodeDescription,
  type ResultCodeText,
} from './codes/resultCodes.js';

// Inbound: notifications, their typed events, the webhook handler and its adapters.
export type { CommandName } from './methods/commands.js';
export type * from './events/payloads.js';
export { parseEvent } from './events/parse.js';
export type * from './events/types.js';
export type { ApiCredentials } from './core/signing.js';
export { type NotificationForm, verifyNotification } from './events/verify.js';
export {
  type AcceptedNotification,
  createNodeListener,
  createWebhookHandler,
  type DedupeOptions,
  type ErrorListener,
  type EventListener,
  MANGO_NOTIFICATION_IPS,
  type NodeListener,
  type NodeWebhookListener,
  type RequestInfo,
  toExpressMiddleware,
  toFastifyPlugin,
  toHonoHandler,
  toNodeListener,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookRejection,
  type WebhookRejectionReason,
  type WebhookSubscriptions,
} from './webhooks/index.js';

// Calls folded from events.
export { CallTracker, type CallTrackerOptions } from './tracker/callTracker.js';
export { type CallStore, MemoryCallStore, type MemoryCallStoreOptions } from './tracker/store.js';
export type * from './tracker/types.js';
