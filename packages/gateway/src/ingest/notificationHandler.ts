import type { ServerResponse } from 'node:http';
import { createNodeListener, type MangoEvent, type NodeListener, type WebhookRejection } from 'mangokit';
import type { GatewayLogger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { StoreUnreachableError } from '../store/guard.js';
import type { InsertOutcome, NotificationInput } from '../store/types.js';
import { eventIdentity } from './identity.js';

/** What the notification endpoint needs. */
export interface NotificationContext {
  credentials: { apiKey: string; apiSalt: string };
  /** Path prefix the PBX posts under (`/` or `/mango/`). */
  basePath: string;
  maxBodyBytes: number;
  /** Stores one notification; resolves after its batch has committed. */
  store: (n: NotificationInput) => Promise<InsertOutcome>;
  metrics: Metrics;
  logger: GatewayLogger;
  /** Called after a new event is committed (wakes delivery, streams, projection), with its parsed form. */
  onStored: (id: number, event: MangoEvent) => void;
  /** Source addresses and CIDR ranges allowed to post (others get 403); e.g. `MANGO_NOTIFICATION_IPS`. */
  allowIps?: readonly string[];
  /** Proxies in front of the gateway whose `X-Forwarded-For` entry is trusted (`true` = 1). */
  trustProxy?: boolean | number;
}

/** The store could not commit a notification: answered 503 + Retry-After by the SDK's receiver. */
class NotStoredError extends Error {
  override name = 'NotStoredError';
}

/**
 * The gateway's notification endpoint: the SDK's receiver (body limit, status table, allow-list,
 * verification, per-path payload shapes) with the durable store as its acceptance hook — a
 * notification is answered 200 only once its batch has committed, 503 when the store cannot
 * commit it, and a duplicate 200 without storing anything new. Unknown paths under `events/` and
 * `result/` are stored as `unknown` events. Requests for other paths go to `next`.
 */
export function createNotificationListener(ctx: NotificationContext): NodeListener {
  const onRejected = (r: WebhookRejection) => {
    if (r.reason === 'not_accepted') {
      const error = r.error instanceof NotStoredError ? r.error.cause : r.error;
      // Refused while the store is known unreachable: the outage itself was logged once.
      if (error instanceof StoreUnreachableError)
        ctx.logger.debug('notification not stored', { path: r.path });
      else ctx.logger.error('notification not stored', { path: r.path, error });
    } else {
      ctx.logger.warn('notification rejected', {
        path: r.path,
        status: r.status,
        reason: r.reason,
        remote: r.ip,
      });
    }
  };
  const listener = createNodeListener({
    ...ctx.credentials,
    basePath: ctx.basePath,
    maxBodyBytes: ctx.maxBodyBytes,
    allowIps: ctx.allowIps,
    trustProxy: ctx.trustProxy,
    acceptUnknownPaths: true,
    onRejected,
    // A plain function returning the store's promise, not an async one: one promise and one
    // resumption fewer per notification (the receiver awaits the hook and catches its throws).
    accept: ({ event, json }) => {
      const identity = eventIdentity(event, json);
      const record: NotificationInput = {
        dedupKey: identity.dedupKey,
        entryId: identity.entryId,
        callId: identity.callId,
        seq: identity.seq,
        path: event.path,
        type: event.type,
        name: event.name,
        json,
        receivedAt: Date.now(),
      };
      let stored: Promise<InsertOutcome>;
      try {
        stored = ctx.store(record);
      } catch (error) {
        stored = Promise.reject(error);
      }
      return stored.then(
        (outcome) => {
          ctx.logger.debug('notification stored', {
            path: event.path,
            id: outcome.id,
            duplicate: outcome.duplicate,
          });
          if (outcome.duplicate) {
            ctx.metrics.inc('mangokit_gateway_events_duplicate_total');
            return { ok: true, duplicate: true };
          }
          ctx.metrics.inc('mangokit_gateway_events_stored_total');
          ctx.onStored(outcome.id as number, event);
          return { ok: true, id: outcome.id };
        },
        (error: unknown) => {
          throw new NotStoredError('the store did not commit the notification', { cause: error });
        },
      );
    },
  });
  return (req, res, next) => {
    const started = performance.now();
    let passedOn = false;
    res.once('finish', () => {
      if (!passedOn) count(ctx.metrics, res, started);
    });
    listener(req, res, () => {
      passedOn = true;
      next?.();
    });
  };
}

function count(metrics: Metrics, res: ServerResponse, started: number): void {
  metrics.inc('mangokit_gateway_requests_total', { status: String(res.statusCode) });
  if (res.statusCode === 200) {
    metrics.observe('mangokit_gateway_ack_seconds', (performance.now() - started) / 1000);
  }
}
