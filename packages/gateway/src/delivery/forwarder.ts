import { parseEvent } from 'mangokit';
import { type GatewayLogger, redactUrl } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayStore, ParkedRow, StoredEvent } from '../store/types.js';
import { type Signal, WorkLoop } from '../work/signal.js';
import { postJson } from './postJson.js';

/** One HTTP consumer of the event stream. */
export interface ConsumerOptions {
  /**
   * Stable name: the cursor and dead letters are kept under it, and it is what `/consumers`,
   * `/metrics` and the `x-mangokit-consumer` header show (default: the URL with its
   * credentials and secret query parameters replaced by `***`).
   */
  name?: string;
  url: string;
  /** HMAC-SHA256 key for `x-mangokit-signature` (optional). */
  secret?: string;
  /** Extra request headers (e.g. an authorization token of the consumer). */
  headers?: Record<string, string>;
  /** Attempts before an event is dead-lettered (default 10). */
  maxAttempts?: number;
  /** Events per POST (default 100). */
  batchSize?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** First retry delay (default 1 s); doubles per attempt with jitter, capped by `maxBackoffMs`. */
  backoffMs?: number;
  /** Longest retry delay (default 5 minutes). */
  maxBackoffMs?: number;
}

/** The JSON body POSTed to a consumer: `{ "events": [ForwardedEvent, …] }`. */
export interface ForwardedEvent {
  /** Position in the gateway's store; strictly increasing, use it to de-duplicate. */
  id: number;
  path: string;
  type: string;
  name: string;
  entry_id: string | null;
  call_id: string | null;
  seq: number | null;
  received_at: string;
  /** The normalised payload (as `parseEvent` returns it). */
  payload: unknown;
}

/** Shapes a stored event for consumers (and the SSE stream). */
export function forwardedEvent(e: StoredEvent): ForwardedEvent {
  let payload: unknown;
  try {
    payload = parseEvent(e.path, e.json).payload;
  } catch {
    payload = null;
  }
  return {
    id: e.id,
    path: e.path,
    type: e.type,
    name: e.name,
    entry_id: e.entryId,
    call_id: e.callId,
    seq: e.seq,
    received_at: new Date(e.receivedAt).toISOString(),
    payload,
  };
}

/**
 * At-least-once delivery to one consumer. New events are read after the consumer's cursor and
 * POSTed in batches; a failed event is parked with a retry time, and later events of the same
 * call are parked behind it, so each call's events reach the consumer in the order they were
 * stored. After `maxAttempts` an event becomes a dead letter (and its call moves on); dead
 * letters are redelivered on request. With PostgreSQL a lease keeps one instance per consumer.
 */
export class Forwarder {
  readonly name: string;
  private readonly loop: WorkLoop;
  private readonly leaseMs: number;
  private leaseUntil = 0;
  private readonly o: Required<Omit<ConsumerOptions, 'secret' | 'headers' | 'name'>>;

  constructor(
    private readonly store: GatewayStore,
    private readonly consumer: ConsumerOptions,
    private readonly owner: string,
    signal: Signal,
    private readonly logger: GatewayLogger,
    private readonly metrics: Metrics,
    idleMs = 200,
  ) {
    this.name = consumer.name ?? redactUrl(consumer.url);
    this.o = {
      url: consumer.url,
      maxAttempts: consumer.maxAttempts ?? 10,
      batchSize: consumer.batchSize ?? 100,
      timeoutMs: consumer.timeoutMs ?? 10_000,
      backoffMs: consumer.backoffMs ?? 1_000,
      maxBackoffMs: consumer.maxBackoffMs ?? 300_000,
    };
    this.leaseMs = Math.max(15_000, this.o.timeoutMs * 3);
    this.loop = new WorkLoop(
      () => this.step(),
      signal,
      idleMs,
      (err) => logger.error('delivery step failed', { consumer: this.name, error: err }),
    );
  }

  /** Registers the consumer and starts delivering. */
  async start(): Promise<void> {
    // Releases before names were redacted kept such a consumer under its full URL: carry its
    // cursor and parked events over instead of starting again from the first event.
    if (this.consumer.name === undefined && this.name !== this.consumer.url)
      await this.store.renameConsumer(this.consumer.url, this.name);
    // The URL itself is not stored with its secrets: the running gateway has it in memory.
    await this.store.ensureConsumer(this.name, redactUrl(this.o.url));
    this.loop.start();
  }

  /** Stops delivering and gives the lease back. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.store.releaseConsumer(this.name, this.owner).catch(() => {});
  }

  /** One round: retries that are due, then new events. Returns whether anything was done. */
  async step(): Promise<boolean> {
    const now = Date.now();
    // Renew the lease only when half of it is used up: each renewal is a write transaction.
    if (now > this.leaseUntil - this.leaseMs / 2) {
      if (!(await this.store.leaseConsumer(this.name, this.owner, this.leaseMs))) {
        this.leaseUntil = 0;
        return false;
      }
      this.leaseUntil = now + this.leaseMs;
    }
    const scan = 5_000;
    const pending = await this.store.pendingParked(this.name, scan);
    const blocked = new Set<string>();
    const headDue = new Map<string, boolean>();
    const due: Array<ParkedRow & { event: StoredEvent }> = [];
    for (const row of pending) {
      const key = row.entryKey;
      if (key === null) {
        if (row.nextAt <= now) due.push(row);
        continue;
      }
      blocked.add(key);
      // Only the call's oldest pending event decides when the call is retried.
      if (!headDue.has(key)) headDue.set(key, row.nextAt <= now);
      if (headDue.get(key)) due.push(row);
    }
    let worked = false;
    if (due.length > 0) {
      worked = true;
      const batch = due.slice(0, this.o.batchSize);
      const r = await this.send(batch.map((b) => b.event));
      const ids = batch.map((b) => b.eventId);
      if (r.ok) {
        await this.store.resolveParked(this.name, ids);
        // A call stays blocked only while some of its parked events remain.
        const sent = new Set(ids);
        blocked.clear();
        for (const row of pending)
          if (row.entryKey !== null && !sent.has(row.eventId)) blocked.add(row.entryKey);
      } else {
        const attempts = Math.max(...batch.map((b) => b.attempts)) + 1;
        const dead = await this.store.failParked(
          this.name,
          ids,
          now + this.backoff(attempts),
          this.o.maxAttempts,
          r.error ?? 'failed',
        );
        if (dead > 0) {
          this.metrics.inc('mangokit_gateway_dead_letters_total', { consumer: this.name }, dead);
          this.logger.warn('events dead-lettered', { consumer: this.name, count: dead, error: r.error });
        }
      }
    }
    // With a parked backlog larger than one scan, blocked calls are not fully known: drain first.
    if (pending.length >= scan) return worked;
    const cursor = await this.store.getCursor(this.name);
    const events = await this.store.eventsAfter(cursor, this.o.batchSize);
    if (events.length === 0) return worked;
    const park: ParkedRow[] = [];
    const send: StoredEvent[] = [];
    for (const e of events) {
      if (e.entryId !== null && blocked.has(e.entryId)) park.push(this.parked(e, 0, now, null));
      else send.push(e);
    }
    if (send.length > 0) {
      const r = await this.send(send);
      if (!r.ok) {
        const at = Date.now() + this.backoff(1);
        for (const e of send) park.push(this.parked(e, 1, at, r.error ?? 'failed'));
      }
    }
    await this.store.advanceCursor(this.name, events[events.length - 1]!.id, park);
    return true;
  }

  private parked(e: StoredEvent, attempts: number, nextAt: number, error: string | null): ParkedRow {
    return {
      consumer: this.name,
      eventId: e.id,
      entryKey: e.entryId,
      attempts,
      nextAt,
      status: 'pending',
      lastError: error,
    };
  }

  private async send(events: StoredEvent[]) {
    const body = JSON.stringify({ events: events.map(forwardedEvent) });
    const r = await postJson(this.o.url, body, {
      timeoutMs: this.o.timeoutMs,
      secret: this.consumer.secret,
      headers: { 'x-mangokit-consumer': this.name, ...this.consumer.headers },
    });
    this.metrics.inc(
      'mangokit_gateway_deliveries_total',
      { consumer: this.name, result: r.ok ? 'ok' : 'failed' },
      events.length,
    );
    if (!r.ok)
      this.logger.warn('delivery failed', { consumer: this.name, events: events.length, error: r.error });
    return r;
  }

  /** Exponential backoff with ±25 % jitter. */
  private backoff(attempt: number): number {
    const base = Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempt - 1));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }
}
