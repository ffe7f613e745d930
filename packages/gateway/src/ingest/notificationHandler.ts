import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type MangoEvent,
  MangoSignatureError,
  MangoValidationError,
  type ApiCredentials,
  parseEvent,
  verifyNotification,
} from 'mangokit';
import { formKind, MalformedFormError, parseEnvelopeForm } from 'mangokit/protocol';
import { BodyTooLargeError, readBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { GatewayLogger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { InsertOutcome, NotificationInput } from '../store/types.js';
import { eventIdentity } from './identity.js';

/** What the notification endpoint needs. */
export interface NotificationContext {
  credentials: ApiCredentials;
  maxBodyBytes: number;
  /** Stores one notification; resolves after its batch has committed. */
  store: (n: NotificationInput) => Promise<InsertOutcome>;
  metrics: Metrics;
  logger: GatewayLogger;
  /** Called after a new event is committed (wakes delivery, streams, projection), with its parsed form. */
  onStored: (id: number, event: MangoEvent) => void;
  /** Source addresses allowed to post (others get 403); e.g. `MANGO_NOTIFICATION_IPS`. */
  allowIps?: ReadonlySet<string>;
  /** Proxies in front of the gateway whose `X-Forwarded-For` entry is trusted (default 0). */
  proxyHops?: number;
}

/** The client address: the socket's, or the entry `hops` from the right of `X-Forwarded-For`. */
export function clientIp(req: IncomingMessage, hops: number): string | undefined {
  const socketIp = req.socket.remoteAddress?.replace(/^::ffff:/, '');
  const header = req.headers['x-forwarded-for'];
  if (hops <= 0 || !header) return socketIp;
  const chain = (Array.isArray(header) ? header.join(',') : header).split(',').map((s) => s.trim());
  return chain[Math.max(0, chain.length - hops)]?.replace(/^::ffff:/, '') ?? socketIp;
}

/** True for the paths the PBX posts to (reference §4: `events/*`, `result/*`, `ping`). */
export function isNotificationPath(path: string): boolean {
  return path === 'ping' || path.startsWith('events/') || path.startsWith('result/');
}

/**
 * Handles `POST <base>/<path>`: read (413), decode (415, 400), verify (401), parse (400), store
 * durably, and only then answer 200. A storage failure answers 503 so the sender retries; a
 * duplicate answers 200 without storing anything new.
 */
export async function handleNotification(
  ctx: NotificationContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const started = performance.now();
  const reply = (status: number, body: unknown, headers?: Record<string, string>) => {
    ctx.metrics.inc('mangokit_gateway_requests_total', { status: String(status) });
    if (status === 200)
      ctx.metrics.observe('mangokit_gateway_ack_seconds', (performance.now() - started) / 1000);
    sendJson(res, status, body, headers);
  };
  if (ctx.allowIps) {
    const ip = clientIp(req, ctx.proxyHops ?? 0);
    if (ip === undefined || !ctx.allowIps.has(ip)) {
      req.resume();
      ctx.logger.warn('notification from a disallowed address', { path, remote: ip });
      return reply(403, { error: 'forbidden' });
    }
  }
  // The cabinet's "check connection" ping has no documented payload (reference §1.5): it is
  // answered 200 whatever it carries, and stored only when it verifies.
  const isPing = path === 'ping';
  if (req.method !== 'POST') {
    req.resume();
    return isPing ? reply(200, { ok: true }) : reply(405, { error: 'method_not_allowed' }, { allow: 'POST' });
  }
  let record: NotificationInput;
  let event: MangoEvent;
  try {
    const body = await readBody(req, ctx.maxBodyBytes);
    const contentType = req.headers['content-type'];
    // Urlencoded is what the PBX sends; multipart is accepted too (reference §1.2). The SDK's
    // parser would read any other type as urlencoded; the gateway answers 415 instead.
    if (formKind(contentType) === undefined) throw new UnsupportedMediaTypeError(contentType);
    const form = parseEnvelopeForm(body, contentType);
    verifyNotification(ctx.credentials, form);
    const json = form.json as string;
    event = parseEvent(path, json);
    const id = eventIdentity(event, json);
    record = { ...id, path: event.path, type: event.type, name: event.name, json, receivedAt: Date.now() };
  } catch (err) {
    const [status, code] = rejection(err);
    if (isPing && status !== 413) return reply(200, { ok: true, stored: false });
    ctx.logger.warn('notification rejected', {
      path,
      status,
      reason: code,
      remote: req.socket.remoteAddress,
    });
    return reply(status, { error: code });
  }
  let outcome: InsertOutcome;
  try {
    outcome = await ctx.store(record);
  } catch (err) {
    ctx.logger.error('notification not stored', { path, error: err });
    return reply(503, { error: 'storage_unavailable' }, { 'retry-after': '1' });
  }
  ctx.logger.debug('notification stored', { path, id: outcome.id, duplicate: outcome.duplicate });
  if (outcome.duplicate) ctx.metrics.inc('mangokit_gateway_events_duplicate_total');
  else {
    ctx.metrics.inc('mangokit_gateway_events_stored_total');
    ctx.onStored(outcome.id as number, event);
  }
  reply(200, outcome.duplicate ? { ok: true, duplicate: true } : { ok: true, id: outcome.id });
}

/** The request's content type is neither form encoding (answered 415). */
class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
  constructor(type: string | undefined) {
    super(
      `content-type must be application/x-www-form-urlencoded or multipart/form-data, got "${type || 'none'}"`,
    );
  }
}

function rejection(err: unknown): [number, string] {
  if (err instanceof BodyTooLargeError) return [413, 'payload_too_large'];
  if (err instanceof UnsupportedMediaTypeError) return [415, 'unsupported_media_type'];
  if (err instanceof MalformedFormError) return [400, 'malformed_form'];
  if (err instanceof MangoSignatureError) {
    return err.reason === 'wrong_key' || err.reason === 'bad_signature'
      ? [401, err.reason]
      : [400, err.reason];
  }
  if (err instanceof MangoValidationError) return [400, 'malformed_json'];
  return [400, 'bad_request'];
}
