import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NotificationForm } from '../events/verify.js';
import { readNodeBody } from './body.js';
import type { Outcome, WebhookCore, WebhookHandlerOptions } from './core.js';
import {
  addSubscriptions,
  coreOf,
  createWebhookHandler,
  type WebhookHandler,
  type WebhookSubscriptions,
} from './handler.js';

/**
 * The `node:http` adapter. It does not build a web `Request` per notification: it reads the
 * socket's body straight into a Buffer and runs the same core as the web handler, which roughly
 * doubles throughput on a busy receiver (see bench/receiver.ts).
 */

/** A `node:http` request listener; `next` is called for paths this receiver does not serve (Express, Connect, a host server's own routes). */
export type NodeListener = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

/** A `node:http` listener with the handler's subscription methods. */
export interface NodeWebhookListener extends NodeListener, WebhookSubscriptions<NodeWebhookListener> {
  /** The web-standard handler behind this listener (same core, same subscriptions). */
  readonly handler: WebhookHandler;
}

/**
 * Writes an outcome. A request whose body was not read to its end (413, or refused before
 * reading) is answered with `Connection: close`: node then destroys the socket once the answer
 * is flushed, instead of reading the rest of the body to find the next request.
 */
function respond(core: WebhookCore, req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
  if (res.headersSent || res.destroyed) return;
  const answer = core.answer(outcome, outcome.status === 200 ? undefined : req.socket.remoteAddress);
  res.writeHead(answer.status, req.complete ? answer.headers : { ...answer.headers, connection: 'close' });
  res.end(answer.body);
}

function settleThen(
  core: WebhookCore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  run: () => Outcome | Promise<Outcome>,
): void {
  let outcome: Outcome | Promise<Outcome>;
  try {
    outcome = run();
  } catch (error) {
    outcome = core.failure(path, error);
  }
  if (outcome instanceof Promise) {
    outcome.then(
      (o) => respond(core, req, res, o),
      (error: unknown) => respond(core, req, res, core.failure(path, error)),
    );
  } else {
    respond(core, req, res, outcome);
  }
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
 * Works as Express/Connect middleware too: with `next`, requests for paths this receiver does
 * not serve (outside `basePath`, or not a notification path) are passed on, and a body already
 * read by a body parser (form object, Buffer or string) is used as is.
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
    const decision = core.head({
      method: req.method,
      url,
      contentType,
      contentLength: headers['content-length'],
      // Read only for an allow-list: the first read per socket costs a getpeername call.
      socketIp: core.needsClientIp ? req.socket.remoteAddress : undefined,
      forwardedFor: Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
    });
    if (decision.status !== 0) {
      const outcome = decision as Outcome;
      if (outcome.reason === 'not_found' && next !== undefined) {
        next();
        return;
      }
      respond(core, req, res, outcome);
      return;
    }
    const { path } = decision as { path: string };
    const pre = preReadBody(req);
    if (pre !== undefined) {
      if (!Buffer.isBuffer(pre)) settleThen(core, req, res, path, () => core.receiveForm(path, pre));
      else if (pre.length > limit) respond(core, req, res, core.tooLarge(path));
      else settleThen(core, req, res, path, () => core.receive(path, pre, contentType));
      return;
    }
    readNodeBody(req, limit, {
      body: (body) => settleThen(core, req, res, path, () => core.receive(path, body, contentType)),
      tooLarge: () => respond(core, req, res, core.tooLarge(path)),
      failed: () => {
        if (!res.headersSent) res.destroy();
      },
    });
  };
}

/**
 * Creates a notification receiver as a `node:http` listener:
 * `http.createServer(createNodeListener({ basePath: '/mango' }).on('call', onCall))`.
 * `apiKey` and `apiSalt` default to `MANGO_API_KEY` and `MANGO_API_SALT`.
 */
export function createNodeListener(options: WebhookHandlerOptions = {}): NodeWebhookListener {
  const handler = createWebhookHandler(options);
  const listener = addSubscriptions<NodeWebhookListener>(toNodeListener(handler), coreOf(handler));
  Object.defineProperty(listener, 'handler', { value: handler });
  return listener;
}
