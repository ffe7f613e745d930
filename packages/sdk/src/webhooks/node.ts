import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationForm } from '../events/verify.js';
import { formKind, MalformedFormError, parseEnvelopeForm } from '../form/index.js';
import { type Outcome, STATUS_TEXT, type WebhookCore, type WebhookHandlerOptions } from './core.js';
import { coreOf, createWebhookHandler, type WebhookHandler, type WebhookSubscriptions } from './handler.js';

/**
 * The `node:http` adapter. It does not build a web `Request` per notification: it reads the
 * socket's body straight into a Buffer and runs the same core as the web handler, which roughly
 * doubles throughput on a busy receiver (see bench/receiver.ts).
 */

/** A `node:http` request listener; `next` is called for paths outside the base when given (Express, Connect). */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** A `node:http` listener with the handler's subscription methods. */
export interface NodeWebhookListener extends NodeListener, WebhookSubscriptions<NodeWebhookListener> {
  /** The web-standard handler behind this listener. */
  readonly handler: WebhookHandler;
}

// Precomputed answers: the common 200 costs one writeHead and one end.
const ANSWERS = new Map<number, { body: string; headers: Record<string, string> }>();
for (const [code, text] of Object.entries(STATUS_TEXT)) {
  const status = Number(code);
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=utf-8',
    // ASCII texts: characters are bytes (and no Buffer at import time on non-Node runtimes).
    'content-length': String(text.length),
  };
  if (status === 405) headers.allow = 'POST';
  ANSWERS.set(status, { body: text, headers });
}

function send(res: ServerResponse, status: number, close = false): void {
  const answer = ANSWERS.get(status)!;
  if (res.headersSent) return;
  res.writeHead(status, close ? { ...answer.headers, connection: 'close' } : answer.headers);
  res.end(answer.body);
}

function finish(core: WebhookCore, res: ServerResponse, outcome: Outcome): void {
  if (outcome.event === undefined) {
    send(res, outcome.status);
    return;
  }
  if (core.awaitHandlers) {
    const pending = core.deliver(outcome.event);
    if (pending === undefined) send(res, outcome.status);
    else pending.then(() => send(res, outcome.status));
    return;
  }
  send(res, outcome.status);
  // On the next macrotask: subscribers of many notifications then run after the event loop
  // has answered every request of its I/O phase (measured cheaper than a nextTick each).
  core.deliver(outcome.event);
}

function completeFromBody(
  core: WebhookCore,
  res: ServerResponse,
  path: string,
  body: Buffer,
  contentType: string,
): void {
  let form: NotificationForm;
  try {
    form = parseEnvelopeForm(body, contentType);
  } catch (error) {
    send(res, error instanceof MalformedFormError && path === 'ping' ? 200 : 400);
    return;
  }
  finish(core, res, core.complete(path, form));
}

/** A body some framework already read: a parsed form object, a Buffer or a string. */
function preReadBody(req: IncomingMessage): NotificationForm | Buffer | undefined {
  const body = (req as IncomingMessage & { body?: unknown }).body;
  if (body === undefined || body === null) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (typeof body === 'object' && Object.keys(body).length > 0) return body as NotificationForm;
  return undefined;
}

/**
 * Turns a handler from `createWebhookHandler` into a `node:http` listener on the direct path.
 * Works as Express/Connect middleware too: with `next`, paths outside `basePath` are passed on,
 * and a body already read by a body parser (form object, Buffer or string) is used as is.
 */
export function toNodeListener(handler: WebhookHandler): NodeListener {
  const core = coreOf(handler);
  const limit = core.maxBodyBytes;
  return (req, res, next) => {
    const headers = req.headers;
    // Express strips its mount path from `url`; `basePath` is always the full path the PBX posts to.
    const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';
    const contentType = headers['content-type'];
    const forwarded = headers['x-forwarded-for'];
    const decision = core.head(
      {
        method: req.method,
        url,
        contentType,
        contentLength: headers['content-length'],
        // Read only for an allow-list: the first read per socket costs a getpeername call.
        socketIp: core.needsClientIp ? req.socket.remoteAddress : undefined,
        forwardedFor: Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
      },
      formKind,
    );
    if (decision.status !== 0) {
      if (decision.status === 404 && next !== undefined && core.relativePath(url) === undefined) {
        next();
        return;
      }
      // An unread body would otherwise be parsed as the next request on a kept-alive socket.
      send(res, decision.status, !req.complete);
      return;
    }
    const { path } = decision as { path: string };
    const pre = preReadBody(req);
    if (pre !== undefined) {
      if (Buffer.isBuffer(pre)) {
        if (pre.length > limit) send(res, 413);
        else completeFromBody(core, res, path, pre, contentType ?? '');
      } else {
        finish(core, res, core.complete(path, pre));
      }
      return;
    }
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        send(res, 413, true);
        return;
      }
      if (first === undefined) first = chunk;
      else {
        if (chunks === undefined) chunks = [first];
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0));
      completeFromBody(core, res, path, body, contentType ?? '');
    });
    req.on('error', () => {
      if (!res.headersSent) res.destroy();
    });
  };
}

/** Creates a notification receiver as a `node:http` listener: `http.createServer(createNodeListener(opts))`. */
export function createNodeListener(options: WebhookHandlerOptions): NodeWebhookListener {
  const handler = createWebhookHandler(options);
  const listener = toNodeListener(handler) as NodeWebhookListener;
  Object.defineProperty(listener, 'handler', { value: handler });
  listener.on = (name, fn) => {
    handler.on(name, fn);
    return listener;
  };
  listener.onAny = (fn) => {
    handler.onAny(fn);
    return listener;
  };
  listener.onError = (fn) => {
    handler.onError(fn);
    return listener;
  };
  return listener;
}
