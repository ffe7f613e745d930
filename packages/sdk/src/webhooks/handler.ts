import type { MangoEvent, MangoEventMap, MangoEventName } from '../events/types.js';
import { formKind } from '../form/envelope.js';
import { readWebBody } from './body.js';
import { type Outcome, WebhookCore, type WebhookHandlerOptions } from './core.js';
import { utf8Length, type WebhookAnswer } from './status.js';
import type { ErrorListener, EventListener } from './subscriptions.js';

/** Connection facts a web `Request` does not carry; adapters fill them in. */
export interface RequestInfo {
  /** Peer address of the socket. Needed when `allowIps` is set (without it the request gets 403). */
  ip?: string;
}

/** The subscription methods of every receiver: the web handler and the `node:http` listener alike. */
export interface WebhookSubscriptions<Self> {
  /** Subscribes to one notification name (`call.appeared`) or type (`call`) with its exact event type. */
  on<N extends MangoEventName>(name: N, listener: EventListener<MangoEventMap[N]>): Self;
  /** Subscribes to every accepted notification. */
  onAny(listener: EventListener<MangoEvent>): Self;
  /** Receives errors thrown or rejected by subscribers (with `awaitHandlers` they also make the answer 503). */
  onError(listener: ErrorListener): Self;
}

/** A web-standard `(Request) => Promise<Response>` notification receiver with typed subscriptions. */
export interface WebhookHandler extends WebhookSubscriptions<WebhookHandler> {
  (request: Request, info?: RequestInfo): Promise<Response>;
}

const cores = new WeakMap<object, WebhookCore>();

/** The receiver core behind a handler, for the adapters of this package. */
export function coreOf(handler: WebhookHandler): WebhookCore {
  const core = cores.get(handler);
  if (core === undefined) throw new TypeError('not a handler made by createWebhookHandler');
  return core;
}

/** Adds `on`, `onAny` and `onError` of `core` to `target`, each returning `target` for chaining. */
export function addSubscriptions<T extends WebhookSubscriptions<T>>(target: object, core: WebhookCore): T {
  const self = target as T;
  self.on = (name, listener) => {
    core.subscriptions.on(name, listener);
    return self;
  };
  self.onAny = (listener) => {
    core.subscriptions.onAny(listener);
    return self;
  };
  self.onError = (listener) => {
    core.subscriptions.onError(listener);
    return self;
  };
  return self;
}

function toResponse(answer: WebhookAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * The path of a request URL (`/mango/events/call?x` of `http://host/mango/events/call?x`) by
 * string search: `Request.url` is already an absolute, serialised URL, so parsing it again with
 * `new URL` (a few microseconds per notification) would only give the same characters back.
 */
function pathOfUrl(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const slash = url.indexOf('/', scheme + 3);
  if (slash < 0) return '/';
  let end = url.indexOf('#', slash);
  if (end < 0) end = url.length;
  return url.slice(slash, end);
}

const DIGITS = /^\d+$/;

/**
 * Reads a request body up to `limit` bytes (`undefined` past it). With a declared length, which
 * `head()` has already held to the limit, the runtime reads the body itself (`arrayBuffer()`,
 * native on Bun and Deno and a direct read under `@hono/node-server`), far cheaper than pulling
 * a stream chunk by chunk; the length is checked again after. Without one (chunked), the stream
 * is read and cut off at the limit.
 */
async function readRequestBody(
  request: Request,
  contentLength: string | null,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (contentLength !== null && DIGITS.test(contentLength)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength > limit ? undefined : bytes;
  }
  return readWebBody(request.body, limit);
}

/**
 * Creates the notification receiver (reference §1.5, §4) as a web-standard handler, usable
 * as-is by Next.js route handlers, Hono, Bun, Deno and workers. The status table is in
 * `docs/webhooks.md`: 200 accepted; 400 malformed form, JSON or payload; 401 wrong key or
 * signature; 403 address not allowed; 404 not a notification path; 405 not POST; 413 too large;
 * 415 not a form; 503 (+ Retry-After) when the acceptance hook or an awaited subscriber failed.
 */
export function createWebhookHandler(options: WebhookHandlerOptions = {}): WebhookHandler {
  const core = new WebhookCore(options);
  const limit = core.maxBodyBytes;
  const receive = async (request: Request, info?: RequestInfo): Promise<Response> => {
    const ip = info?.ip;
    const headers = request.headers;
    const contentType = headers.get('content-type');
    const contentLength = headers.get('content-length');
    const decision = core.head({
      method: request.method,
      url: pathOfUrl(request.url),
      contentType,
      contentLength,
      socketIp: ip,
      // Only an allow-list reads the client address.
      forwardedFor: core.needsClientIp ? headers.get('x-forwarded-for') : undefined,
    });
    if (decision.status !== 0) return toResponse(core.answer(decision as Outcome, ip));
    const { path } = decision as { path: string };
    let outcome: Outcome | Promise<Outcome>;
    if (contentLength !== null && DIGITS.test(contentLength) && formKind(contentType) === 'urlencoded') {
      // What the PBX sends: the runtime decodes the body to text itself, no bytes copied.
      const text = await request.text();
      if (text.length > limit || (text.length * 3 > limit && utf8Length(text) > limit)) {
        return toResponse(core.answer(core.tooLarge(path), ip));
      }
      try {
        outcome = core.receiveText(path, text);
        if (outcome instanceof Promise) outcome = await outcome;
      } catch (error) {
        outcome = core.failure(path, error);
      }
      return toResponse(core.answer(outcome, ip));
    }
    const body = await readRequestBody(request, contentLength, limit);
    if (body === undefined) return toResponse(core.answer(core.tooLarge(path), ip));
    try {
      outcome = core.receive(path, body, contentType);
      if (outcome instanceof Promise) outcome = await outcome;
    } catch (error) {
      outcome = core.failure(path, error);
    }
    return toResponse(core.answer(outcome, ip));
  };
  const handler = addSubscriptions<WebhookHandler>(receive, core);
  cores.set(handler, core);
  return handler;
}
