import type { MangoEvent, MangoEventMap, MangoEventName } from '../events/types.js';
import { formKind, MalformedFormError, parseEnvelopeForm } from '../form/index.js';
import { STATUS_TEXT, WebhookCore, type WebhookHandlerOptions } from './core.js';
import type { ErrorListener, EventListener } from './subscriptions.js';

/** Connection facts a web `Request` does not carry; adapters fill them in. */
export interface RequestInfo {
  /** Peer address of the socket. Needed when `allowIps` is set (without it the request gets 403). */
  ip?: string;
}

/** The subscription methods shared by the web handler and the `node:http` listener. */
export interface WebhookSubscriptions<Self> {
  /** Subscribes to one notification name (`call.appeared`) or type (`call`) with its exact event type. */
  on<N extends MangoEventName>(name: N, listener: EventListener<MangoEventMap[N]>): Self;
  /** Subscribes to every accepted notification. */
  onAny(listener: EventListener<MangoEvent>): Self;
  /** Receives errors thrown or rejected by subscribers; they never reach the PBX. */
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

function answer(status: number): Response {
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (status === 405) headers.allow = 'POST';
  return new Response(STATUS_TEXT[status] ?? '', { status, headers });
}

/** Reads a body stream up to `limit` bytes; `undefined` when it is larger. */
async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array | undefined> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Creates the notification receiver (reference §1.5, §4) as a web-standard handler, usable
 * as-is by Next.js route handlers, Hono, Bun, Deno and workers. Status contract: 200 accepted;
 * 400 malformed form or JSON; 401 wrong key or signature; 403 source address not allowed;
 * 404 unknown path; 405 not POST; 413 too large; 415 wrong content type. Subscribers run after
 * the answer unless `awaitHandlers` is set; their errors go to `onError`.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const core = new WebhookCore(options);
  const handler = (async (request: Request, info?: RequestInfo): Promise<Response> => {
    const url = new URL(request.url);
    const decision = core.head(
      {
        method: request.method,
        url: url.pathname,
        contentType: request.headers.get('content-type'),
        contentLength: request.headers.get('content-length'),
        socketIp: info?.ip,
        forwardedFor: request.headers.get('x-forwarded-for'),
      },
      formKind,
    );
    if (decision.status !== 0) return answer(decision.status);
    const { path } = decision as { path: string };
    const body = await readLimited(request.body, core.maxBodyBytes);
    if (body === undefined) return answer(413);
    let outcome: ReturnType<WebhookCore['complete']>;
    try {
      const form = parseEnvelopeForm(body, request.headers.get('content-type'));
      outcome = core.complete(path, form);
    } catch (error) {
      if (error instanceof MalformedFormError) return answer(path === 'ping' ? 200 : 400);
      throw error;
    }
    if (outcome.event !== undefined) {
      const pending = core.deliver(outcome.event);
      if (pending) await pending;
    }
    return answer(outcome.status);
  }) as WebhookHandler;
  handler.on = (name, listener) => {
    core.subscriptions.on(name, listener);
    return handler;
  };
  handler.onAny = (listener) => {
    core.subscriptions.onAny(listener);
    return handler;
  };
  handler.onError = (listener) => {
    core.subscriptions.onError(listener);
    return handler;
  };
  cores.set(handler, core);
  return handler;
}
