import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { createEnvelope, encodeEnvelope, signJson } from 'mangokit/protocol';
import { DELIVERY_ERRORS, type SandboxText } from '../i18n/messages.js';

/** One attempt to deliver a notification. */
export interface DeliveryAttempt {
  /** Unix ms when the attempt started. */
  at: number;
  httpStatus?: number;
  latencyMs: number;
  error?: string;
  /** `error` in Russian. */
  error_ru?: string;
}

/** A notification sent (or being sent) to one base URL, with its attempts. */
export interface Delivery {
  id: number;
  /** Full URL: base + path (reference §1.1). */
  url: string;
  path: string;
  payload: unknown;
  /** The urlencoded form body exactly as posted (signed once; replays post it again). */
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  httpStatus?: number;
  latencyMs?: number;
  error?: string;
  /** `error` in Russian. */
  error_ru?: string;
  replayOf?: number;
  /** Unix ms when created. */
  createdAt: number;
}

/** Options of {@link WebhookDispatcher}. */
export interface DispatcherOptions {
  /** Base URLs; the path of each notification is appended. */
  urls?: string[];
  /** Credentials used to sign (read at send time: the office may change). */
  credentials: () => { apiKey: string; apiSalt: string };
  /** Deliver in a random order: each notification waits 0..`shuffleMaxMs` before it is sent. */
  shuffle?: boolean;
  shuffleMaxMs?: number;
  /** Retries after the first failed attempt (default 3). */
  maxRetries?: number;
  /** First backoff delay in ms, doubled each retry (default 200). */
  backoffMs?: number;
  /** Per-attempt timeout in ms (default 5000). */
  timeoutMs?: number;
  /** Deliveries kept in the log (default 10 000). */
  logLimit?: number;
}

/** Events of the dispatcher. */
export interface DispatcherEvents {
  delivery: [Delivery];
}

/**
 * Posts notifications to the integrator the way the PBX does (reference §1.5): a signed
 * urlencoded form to `base + path`, to every base URL in parallel without waiting for earlier
 * ones (so they may arrive out of order, and with `shuffle` they will), retrying failures with
 * exponential backoff, and keeping a log of every delivery for inspection and replay.
 */
export class WebhookDispatcher extends EventEmitter<DispatcherEvents> {
  private urls: string[];
  shuffle: boolean;
  maxRetries: number;
  private readonly shuffleMaxMs: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly logLimit: number;
  private readonly credentials: DispatcherOptions['credentials'];
  private readonly log = new Map<number, Delivery>();
  private nextId = 1;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  private closed = false;

  constructor(options: DispatcherOptions) {
    super();
    this.credentials = options.credentials;
    this.urls = (options.urls ?? []).map(normaliseBase);
    this.shuffle = options.shuffle ?? false;
    this.shuffleMaxMs = options.shuffleMaxMs ?? 50;
    this.maxRetries = options.maxRetries ?? 3;
    this.backoffMs = options.backoffMs ?? 200;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.logLimit = options.logLimit ?? 10_000;
  }

  /** Current base URLs. */
  getUrls(): string[] {
    return [...this.urls];
  }

  /** Replaces the base URLs (a missing trailing `/` is added). */
  setUrls(urls: string[]): void {
    for (const u of urls) {
      const parsed = new URL(u);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        throw new TypeError(`not an http(s) URL: ${u}`);
    }
    this.urls = urls.map(normaliseBase);
  }

  /** Signs a notification and sends it to every base URL. */
  send(path: string, payload: unknown): void {
    if (this.urls.length === 0 || this.closed) return;
    const { apiKey, apiSalt } = this.credentials();
    const body = encodeEnvelope(createEnvelope({ apiKey, apiSalt }, payload));
    for (const base of this.urls) this.start(this.record(base + path, path, payload, body));
  }

  /**
   * Signs a notification's `json` exactly as given — byte for byte, not re-serialised — and sends
   * it to every base URL (a recorded notification replayed: `mangokit sandbox --replay`).
   * Answers the deliveries started.
   */
  sendRaw(path: string, json: string): Delivery[] {
    if (this.urls.length === 0 || this.closed) return [];
    const credentials = this.credentials();
    const body = encodeEnvelope({
      vpbx_api_key: credentials.apiKey,
      sign: signJson(credentials, json),
      json,
    });
    let payload: unknown = json;
    try {
      payload = JSON.parse(json);
    } catch {
      // Not JSON: the log shows the text as sent.
    }
    return this.urls.map((base) => {
      const d = this.record(base + path, path, payload, body);
      this.start(d);
      return d;
    });
  }

  /** Posts a past delivery's exact body again as a new delivery. */
  replay(id: number): Delivery | undefined {
    const old = this.log.get(id);
    if (!old) return undefined;
    const d = this.record(old.url, old.path, old.payload, old.body);
    d.replayOf = id;
    this.start(d);
    return d;
  }

  /** A delivery by id. */
  get(id: number): Delivery | undefined {
    return this.log.get(id);
  }

  /** The delivery log, oldest first, optionally filtered. */
  list(filter: { path?: string; status?: Delivery['status']; limit?: number } = {}): Delivery[] {
    let all = [...this.log.values()];
    if (filter.path) all = all.filter((d) => d.path === filter.path);
    if (filter.status) all = all.filter((d) => d.status === filter.status);
    if (filter.limit !== undefined) all = all.slice(-filter.limit);
    return all;
  }

  /** Resolves when nothing is being sent or waiting for a retry. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops retries and closes kept-alive sockets. */
  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.inFlight = 0;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private record(url: string, path: string, payload: unknown, body: string): Delivery {
    const d: Delivery = {
      id: this.nextId++,
      url,
      path,
      payload,
      body,
      status: 'pending',
      attempts: [],
      createdAt: Date.now(),
    };
    this.log.set(d.id, d);
    if (this.log.size > this.logLimit) {
      const first = this.log.keys().next().value;
      if (first !== undefined) this.log.delete(first);
    }
    return d;
  }

  private start(d: Delivery): void {
    this.inFlight += 1;
    if (this.shuffle) this.after(Math.random() * this.shuffleMaxMs, () => this.attempt(d));
    else this.attempt(d);
  }

  private after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private attempt(d: Delivery): void {
    if (this.closed) return;
    const started = Date.now();
    const t0 = performance.now();
    const url = this.parsed(d.url);
    const isHttps = url.protocol === 'https:';
    let settled = false;
    const done = (httpStatus: number | undefined, failure: SandboxText | undefined) => {
      const error = failure?.en;
      if (settled) return;
      settled = true;
      const latencyMs = Math.round((performance.now() - t0) * 100) / 100;
      const attempt: DeliveryAttempt = { at: started, latencyMs };
      if (httpStatus !== undefined) attempt.httpStatus = httpStatus;
      if (failure !== undefined) {
        attempt.error = failure.en;
        attempt.error_ru = failure.ru;
      }
      d.attempts.push(attempt);
      d.latencyMs = latencyMs;
      if (httpStatus !== undefined) d.httpStatus = httpStatus;
      const ok = httpStatus !== undefined && httpStatus >= 200 && httpStatus < 300;
      if (ok) {
        d.status = 'delivered';
        delete d.error;
        delete d.error_ru;
      } else {
        d.error = error ?? `HTTP ${httpStatus}`;
        d.error_ru = failure?.ru ?? `HTTP ${httpStatus}`;
        if (d.attempts.length <= this.maxRetries && !this.closed) {
          this.emit('delivery', d);
          this.after(this.backoffMs * 2 ** (d.attempts.length - 1), () => this.attempt(d));
          return;
        }
        d.status = 'failed';
      }
      this.emit('delivery', d);
      this.settle();
    };
    const req = (isHttps ? https : http).request(
      url,
      {
        method: 'POST',
        agent: isHttps ? this.httpsAgent : this.httpAgent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(d.body),
        },
        timeout: this.timeoutMs,
      },
      (res) => {
        // The PBX reads only the status (reference §1.5); drain the body to keep the socket reusable.
        res.resume();
        res.on('end', () => done(res.statusCode, undefined));
        res.on('error', (err) => done(undefined, DELIVERY_ERRORS.of(err)));
      },
    );
    req.on('timeout', () => {
      done(undefined, DELIVERY_ERRORS.timeout(this.timeoutMs));
      req.destroy();
    });
    req.on('error', (err) => done(undefined, DELIVERY_ERRORS.of(err)));
    req.end(d.body);
  }

  /** Parsed target URLs, cached: a URL parse per notification is measurable at thousands per second. */
  private readonly urlCache = new Map<string, URL>();

  private parsed(href: string): URL {
    let u = this.urlCache.get(href);
    if (!u) {
      u = new URL(href);
      if (this.urlCache.size > 1000) this.urlCache.clear();
      this.urlCache.set(href, u);
    }
    return u;
  }

  private settle(): void {
    this.inFlight -= 1;
    if (this.inFlight <= 0) {
      this.inFlight = 0;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}

function normaliseBase(u: string): string {
  return u.endsWith('/') ? u : `${u}/`;
}
