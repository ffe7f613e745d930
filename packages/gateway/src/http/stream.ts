import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedEvent } from '../delivery/forwarder.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayStore, StoredEvent } from '../store/types.js';
import type { Signal } from '../work/signal.js';
import { sendJson } from './respond.js';

/** What the event stream needs. */
export interface StreamHubOptions {
  store: GatewayStore;
  /** Notified when this instance stores an event. */
  signal: Signal;
  metrics: Metrics;
  /** How often to look for events stored by other instances (the one poll of the whole hub). */
  pollMs: number;
  /** Open streams beyond this are answered 503 (default 1 000). */
  maxStreams?: number;
  heartbeatMs?: number;
  /** A client that falls this far behind (bytes unsent) is cut off; it reconnects and resumes (default 1 MiB). */
  maxBufferedBytes?: number;
}

interface Client {
  res: ServerResponse;
  /** Id of the last event written to this client. */
  cursor: number;
  /** Caught up: fed by the hub's fan-out from now on. */
  live: boolean;
}

const PAGE = 500;

/**
 * `GET /stream`: server-sent events, one per stored notification, `id:` = the event's store
 * id. One in-process fan-out feeds every client: one reader follows the store (woken by this
 * instance's commits, polling for other instances' at `pollMs`) and writes each event, framed
 * once, to every client that is caught up. A client resuming from an older id
 * (`Last-Event-ID` or `?after=`) reads its backlog itself, then joins the fan-out. Idle
 * streams cost nothing but their sockets and one heartbeat timer for all.
 */
export class StreamHub {
  private readonly clients = new Set<Client>();
  /** Id of the newest event the fan-out has seen (-1 before its first read). */
  private last = -1;
  private running: Promise<void> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private readonly maxStreams: number;
  private readonly maxBuffered: number;

  constructor(private readonly o: StreamHubOptions) {
    this.maxStreams = o.maxStreams ?? 1_000;
    this.maxBuffered = o.maxBufferedBytes ?? 1 << 20;
  }

  /** Open streams. */
  get size(): number {
    return this.clients.size;
  }

  /**
   * Serves one stream until the client goes. A reconnecting client sends `Last-Event-ID` (or
   * `?after=<id>`) and receives everything after it; without either, the stream starts at the
   * newest event (`?after=0` replays all).
   */
  async open(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (this.closed || this.clients.size >= this.maxStreams) {
      sendJson(res, 503, { error: 'too_many_streams', max: this.maxStreams }, { 'retry-after': '5' });
      return;
    }
    const fromHeader = req.headers['last-event-id'];
    const raw = (Array.isArray(fromHeader) ? fromHeader[0] : fromHeader) ?? url.searchParams.get('after');
    let cursor = raw !== null && raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw) : -1;
    if (cursor < 0) cursor = this.last >= 0 ? this.last : await this.o.store.latestEventId();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const client: Client = { res, cursor, live: false };
    this.clients.add(client);
    this.changed();
    res.on('close', () => {
      this.clients.delete(client);
      this.changed();
    });
    await this.catchUp(client);
  }

  /** Ends every stream and stops the fan-out. */
  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.clients) c.res.end();
    this.clients.clear();
    this.changed();
    this.o.signal.notify();
    await this.running;
  }

  /** Reads a resuming client's backlog until it reaches the fan-out, then hands it over. */
  private async catchUp(c: Client): Promise<void> {
    while (this.clients.has(c)) {
      let rows: StoredEvent[];
      try {
        rows = await this.o.store.eventsAfter(c.cursor, PAGE);
      } catch {
        await this.o.signal.wait(this.o.pollMs);
        continue;
      }
      for (const e of rows) {
        if (!this.clients.has(c)) return;
        this.send(c, frame(e), e.id);
        if (c.res.writableNeedDrain) await new Promise<void>((r) => c.res.once('drain', r).once('close', r));
      }
      // Checked synchronously with the fan-out's position: nothing can slip in between.
      if (rows.length < PAGE && this.last >= 0 && c.cursor >= this.last) {
        c.live = true;
        return;
      }
      if (rows.length < PAGE && this.last < 0) {
        // The fan-out has not read yet: it will start from here.
        this.last = c.cursor;
        c.live = true;
        return;
      }
    }
  }

  private send(c: Client, text: string, id: number): void {
    if (id <= c.cursor) return;
    c.cursor = id;
    c.res.write(text);
    // A client that does not read is not buffered for without end: cut off, it resumes later.
    if (c.res.writableLength > this.maxBuffered) c.res.destroy();
  }

  /** Starts or stops the fan-out and the heartbeat with the first and last client. */
  private changed(): void {
    this.o.metrics.set('mangokit_gateway_sse_clients', this.clients.size);
    if (this.clients.size > 0 && !this.closed) {
      this.running ??= this.fanOut().finally(() => {
        this.running = null;
        if (this.clients.size > 0 && !this.closed) this.changed();
      });
      this.heartbeat ??= setInterval(() => {
        for (const c of this.clients) c.res.write(': keep-alive\n\n');
      }, this.o.heartbeatMs ?? 15_000);
      this.heartbeat.unref();
    } else if (this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private async fanOut(): Promise<void> {
    while (this.clients.size > 0 && !this.closed) {
      if (this.last < 0) {
        await this.o.signal.wait(this.o.pollMs); // the first client sets the starting point
        continue;
      }
      let rows: StoredEvent[];
      try {
        rows = await this.o.store.eventsAfter(this.last, PAGE);
      } catch {
        await this.o.signal.wait(this.o.pollMs);
        continue;
      }
      if (rows.length > 0) {
        // Framed once for every client, and written to each in one piece.
        const frames = rows.map(frame);
        const all = frames.join('');
        const first = rows[0]!.id;
        const newest = rows[rows.length - 1]!.id;
        for (const c of this.clients) {
          if (!c.live || c.cursor >= newest) continue;
          if (c.cursor < first) this.send(c, all, newest);
          else
            rows.forEach((e, i) => {
              this.send(c, frames[i]!, e.id);
            });
        }
        this.last = newest;
      }
      if (rows.length < PAGE) await this.o.signal.wait(this.o.pollMs);
    }
  }
}

function frame(e: StoredEvent): string {
  return `id: ${e.id}\nevent: ${e.name}\ndata: ${JSON.stringify(forwardedEvent(e))}\n\n`;
}
