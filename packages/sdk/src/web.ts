/**
 * mangokit/web — the SDK for any runtime with `fetch` and web `Request`/`Response` (Deno, Bun,
 * Cloudflare and other workers, edge functions, browsers): `MangoClient` over `fetch`, the
 * web-standard `createWebhookHandler` (and `toHonoHandler`), `verifyNotification`, `parseEvent`,
 * `CallTracker`, errors and code descriptions. No `node:` module is anywhere in its import graph
 * (`test/package/neutral.test.ts` bundles it for the browser and for a neutral platform).
 *
 * `mangokit` is this surface plus the Node parts (the `node:http` transport and listener, the
 * Express and Fastify adapters, `recordings.save`). `mangokit/protocol` is runtime-neutral too.
 */

// Outbound: the client, its options and every method's parameter and answer types.
export { MangoClient } from './client/webClient.js';
export type { ClientOptions } from './client/options.js';
export type { Clock } from './internal/clock.js';
export type { FetchLike } from './internal/fetchTransport.js';
export type { Hooks, RequestHookInfo, ResponseHookInfo, RetryHookInfo } from './internal/hooks.js';
export type { LogFields, Logger, LogLevel } from './internal/logger.js';
export type { UploadFile } from './internal/multipart.js';
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
export type { AcceptedNotification, WebhookHandlerOptions } from './webhooks/core.js';
export {
  createWebhookHandler,
  type RequestInfo,
  type WebhookHandler,
  type WebhookSubscriptions,
} from './webhooks/handler.js';
export { toHonoHandler } from './webhooks/hono.js';
export { MANGO_NOTIFICATION_IPS } from './webhooks/ips.js';
export type { DedupeOptions } from './webhooks/replays.js';
export type { WebhookRejection, WebhookRejectionReason } from './webhooks/status.js';
export type { ErrorListener, EventListener } from './webhooks/subscriptions.js';

// Calls folded from events.
export { CallTracker, type CallTrackerOptions } from './tracker/callTracker.js';
export { type CallStore, MemoryCallStore, type MemoryCallStoreOptions } from './tracker/store.js';
export type * from './tracker/types.js';
