import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayStore } from '../store/types.js';
import type { Signal } from '../work/signal.js';
import {
  ApiError,
  getCall,
  listCalls,
  listConsumers,
  listDeadLetters,
  listEvents,
  redeliver,
} from './api.js';
import { adminAllowed } from './auth.js';
import type { StreamHub } from './stream.js';

/** What the admin endpoints need. */
export interface AdminContext {
  /** The store as the HTTP endpoints see it (bounded in time, failures → 503). */
  store: GatewayStore;
  metrics: Metrics;
  streams: StreamHub;
  /** Woken after a redelivery, so the forwarders look at once. */
  stored: Signal;
  /** Bearer token required on every admin endpoint; undefined only on a loopback-only gateway. */
  token: string | undefined;
}

/**
 * The admin and data endpoints (`/events`, `/calls`, `/calls/:id`, `/stream`, `/consumers`,
 * `/dead-letters`, `POST /consumers/:name/redeliver`, `/metrics`): all behind the token.
 */
export async function handleAdmin(
  ctx: AdminContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (!adminAllowed(req, ctx.token)) {
    throw ctx.token === undefined
      ? new ApiError(
          401,
          'unauthorized',
          'this gateway has no admin token and answers its admin API only to direct local clients',
        )
      : new ApiError(401, 'unauthorized', 'Authorization: Bearer <admin token> required');
  }
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const only = (m: string) => {
    if (method !== m) throw new ApiError(405, 'method_not_allowed', `use ${m}`);
  };
  if (path === '/metrics') {
    only('GET');
    const text = await ctx.metrics.render();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(text);
    return;
  }
  const get: Record<string, () => Promise<void>> = {
    '/calls': () => listCalls(ctx.store, url, res),
    '/events': () => listEvents(ctx.store, url, res),
    '/stream': () => ctx.streams.open(req, res, url),
    '/consumers': () => listConsumers(ctx.store, res),
    '/dead-letters': () => listDeadLetters(ctx.store, url, res),
  };
  const handler =
    get[path] ??
    (path.startsWith('/calls/') ? () => getCall(ctx.store, segment(path.slice(7)), res) : undefined);
  if (handler) {
    only('GET');
    return handler();
  }
  const m = /^\/consumers\/([^/]+)\/redeliver$/.exec(path);
  if (m) {
    only('POST');
    const n = await redeliver(ctx.store, segment(m[1]!), req, res);
    if (n > 0) ctx.stored.notify();
    return;
  }
  throw new ApiError(404, 'not_found', 'no such endpoint');
}

/** Decodes one percent-encoded path segment; broken encoding is the client's error (400). */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, 'bad_path', 'malformed percent-encoding in the path');
  }
}
