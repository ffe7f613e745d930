import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedEvent } from '../delivery/forwarder.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayStore } from '../store/types.js';
import type { Signal } from '../work/signal.js';

/** What the event stream needs. */
export interface StreamContext {
  store: GatewayStore;
  signal: Signal;
  metrics: Metrics;
  /** Open streams, so the gateway can end them on close. */
  open: Set<ServerResponse>;
  /** How often to look for events stored by other instances (default 500 ms). */
  pollMs?: number;
  heartbeatMs?: number;
}

/**
 * `GET /stream`: server-sent events, one per stored notification, `id:` = the event's store id.
 * A reconnecting client sends `Last-Event-ID` (or `?after=<id>`) and receives everything after
 * it; without either, the stream starts at the newest event (`?after=0` replays all).
 */
export async function handleStream(
  ctx: StreamContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const fromHeader = req.headers['last-event-id'];
  const raw = (Array.isArray(fromHeader) ? fromHeader[0] : fromHeader) ?? url.searchParams.get('after');
  let last = raw !== null && raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : -1;
  if (last < 0) last = await ctx.store.latestEventId();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  ctx.open.add(res);
  ctx.metrics.set('mangokit_gateway_sse_clients', ctx.open.size);
  let closed = false;
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), ctx.heartbeatMs ?? 15_000);
  heartbeat.unref();
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    ctx.open.delete(res);
    ctx.metrics.set('mangokit_gateway_sse_clients', ctx.open.size);
    ctx.signal.notify();
  });
  const page = 500;
  while (!closed && !res.writableEnded) {
    let rows: Awaited<ReturnType<GatewayStore['eventsAfter']>>;
    try {
      rows = await ctx.store.eventsAfter(last, page);
    } catch {
      await ctx.signal.wait(ctx.pollMs ?? 500);
      continue;
    }
    for (const e of rows) {
      if (closed) return;
      const ok = res.write(`id: ${e.id}\nevent: ${e.name}\ndata: ${JSON.stringify(forwardedEvent(e))}\n\n`);
      last = e.id;
      if (!ok) await new Promise<void>((r) => res.once('drain', r).once('close', r));
    }
    if (rows.length < page) await ctx.signal.wait(ctx.pollMs ?? 500);
  }
}
