import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MangoEvent } from 'mangokit';
import { normalisePath } from 'mangokit/protocol';
import { type ArchiveOptions, startArchiver } from './archive/archiver.js';
import { ParsedEvents } from './calls/parsedEvents.js';
import { startProjector } from './calls/projector.js';
import { type ConsumerOptions, Forwarder } from './delivery/forwarder.js';
import { handleAdmin } from './http/admin.js';
import { ApiError } from './http/api.js';
import { adminPolicy } from './http/auth.js';
import { BodyTooLargeError } from './http/body.js';
import { handleHealth } from './http/health.js';
import { sendJson } from './http/respond.js';
import { StreamHub } from './http/stream.js';
import { createNotificationListener } from './ingest/notificationHandler.js';
import { createJsonLogger, type GatewayLogger, type LogLevel } from './observability/logger.js';
import { BATCH_BUCKETS, Metrics } from './observability/metrics.js';
import { CommitBatcher } from './store/batcher.js';
import { StoreCircuit } from './store/circuit.js';
import { guardStore, StoreUnavailableError, StoreUnreachableError, withDeadline } from './store/guard.js';
import { StoreHealth } from './store/health.js';
import { PostgresStore, type PostgresTuning } from './store/postgresStore.js';
import { SqliteStore } from './store/sqliteStore.js';
import type { GatewayStore, InsertOutcome, NotificationInput } from './store/types.js';
import { Signal, type WorkLoop } from './work/signal.js';

/** Deadline of the circuit's probe of an open store (a ping), ms. */
const PROBE_TIMEOUT_MS = 2_000;

/** Options of `startGateway`. Credentials fall back to `MANGO_API_KEY` / `MANGO_API_SALT`. */
export interface GatewayOptions {
  /** Port to listen on (default 8080; 0 picks a free one). */
  port?: number;
  /**
   * Interface to bind (default `127.0.0.1`). On any other address the admin endpoints need
   * `adminToken`, and the gateway refuses to start without one.
   */
  host?: string;
  apiKey?: string;
  apiSalt?: string;
  /** SQLite data directory (default `./mangokit-gateway-data`); ignored with `databaseUrl`. */
  dataDir?: string;
  /** PostgreSQL connection URL: several instances may share one database. */
  databaseUrl?: string;
  /**
   * PostgreSQL pool size and timeouts (with `databaseUrl`): connect (2 000 ms), server-side
   * `statement_timeout` (10 000 ms; the client gives up on a silent server 2 s after it), idle
   * connections (10 000 ms), pool size (8).
   */
  postgres?: PostgresTuning;
  /** A ready store instead of `dataDir` / `databaseUrl`. */
  store?: GatewayStore;
  /** `synchronous` of SQLite: `FULL` (default, survives power loss) or `NORMAL` (survives process crashes). */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** Path prefix the PBX posts under, as configured in the cabinet (default `/`). */
  basePath?: string;
  /** HTTP consumers the events are forwarded to (a URL or full options). */
  consumers?: Array<string | ConsumerOptions>;
  /** Archive ready recordings into this directory (shorthand for `archive: { dir }`). */
  archiveDir?: string;
  archive?: ArchiveOptions;
  /** Only these source addresses may post notifications (403 otherwise); see `MANGO_NOTIFICATION_IPS`. */
  allowIps?: readonly string[];
  /** Trusted proxies in front of the gateway (`true` = 1): the client address comes from `X-Forwarded-For`. */
  trustProxy?: boolean | number;
  /**
   * Bearer token required on every endpoint except notifications and `/health` (default
   * `GATEWAY_ADMIN_TOKEN`). Required unless the gateway binds only loopback without a trusted
   * proxy; without one, loopback clients use the admin endpoints without a token.
   */
  adminToken?: string;
  /** Open `/stream` connections beyond this are answered 503 (default 1 000). */
  maxStreams?: number;
  /** Largest accepted notification body (default 256 KiB; larger → 413). */
  maxBodyBytes?: number;
  /** Group-commit tuning. */
  batch?: { maxBatch?: number; concurrency?: number };
  /**
   * Longest a notification waits for its commit before it is answered 503 (default 3 000 ms);
   * the REST endpoints give up on the store after the same time, `/health` after 2 s per probe.
   */
  storeTimeoutMs?: number;
  /** How often idle workers and streams look for work stored by other instances (default 200 ms). */
  pollMs?: number;
  /** A logger, or a level for the built-in JSON-lines logger on stderr (default `info`). */
  logger?: GatewayLogger | LogLevel;
  /** Name of this instance in leases and logs (default a random id). */
  instanceId?: string;
}

/** A running gateway. */
export interface Gateway {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  store: GatewayStore;
  metrics: Metrics;
  /** Stops accepting, finishes in-flight commits, stops workers, closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the gateway: receives the PBX's notifications, stores each durably before answering
 * 200, folds them into calls, forwards them to consumers, streams them over SSE and
 * optionally archives recordings.
 */
export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const apiKey = options.apiKey ?? process.env.MANGO_API_KEY;
  const apiSalt = options.apiSalt ?? process.env.MANGO_API_SALT;
  if (!apiKey || !apiSalt)
    throw new TypeError('startGateway needs apiKey and apiSalt (or MANGO_API_KEY / MANGO_API_SALT)');
  const host = options.host ?? '127.0.0.1';
  const admin = adminPolicy({
    host,
    adminToken: options.adminToken ?? process.env.GATEWAY_ADMIN_TOKEN,
    trustProxy:
      options.trustProxy === true || (typeof options.trustProxy === 'number' && options.trustProxy > 0),
  });
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  const logger =
    typeof options.logger === 'object'
      ? options.logger
      : createJsonLogger(options.logger ?? 'info', undefined, { instance: instanceId });
  if (admin.token !== undefined && admin.token.length < 16)
    logger.warn(
      'the admin token is shorter than 16 characters: use a long random one (openssl rand -hex 24)',
    );
  const store: GatewayStore =
    options.store ??
    (options.databaseUrl
      ? new PostgresStore({ ...options.postgres, databaseUrl: options.databaseUrl })
      : new SqliteStore({
          dataDir: options.dataDir ?? './mangokit-gateway-data',
          synchronous: options.sqliteSynchronous,
        }));

  const metrics = new Metrics();
  const stored = new Signal();
  const pollMs = options.pollMs ?? 200;
  const storeTimeoutMs = options.storeTimeoutMs ?? 3_000;
  const parsed = new ParsedEvents();
  const forwarders = (options.consumers ?? []).map(
    (c) =>
      new Forwarder(
        store,
        typeof c === 'string' ? { url: c } : c,
        instanceId,
        stored,
        logger,
        metrics,
        pollMs,
      ),
  );
  const names = forwarders.map((f) => f.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    await store.close();
    // Two consumers under one name would share one cursor: each would miss events.
    throw new TypeError(`two consumers are named "${twice}": give each a distinct name`);
  }
  const archive = options.archive ?? (options.archiveDir ? { dir: options.archiveDir } : undefined);

  // Background work (projection, delivery, archive) starts once the store is open.
  const workers: WorkLoop[] = [];
  const startWork = async (): Promise<void> => {
    for (const f of forwarders) await f.start(); // idempotent: an attempt cut short is repeated
    if (workers.length > 0) return;
    workers.push(startProjector(store, new Signal(), logger, { idleMs: Math.max(pollMs, 250), parsed }));
    if (archive)
      workers.push(startArchiver(store, archive, { apiKey, apiSalt }, instanceId, stored, logger, metrics));
  };

  // A store that cannot be reached at start (a database that is down, or still starting) does
  // not stop the gateway: it listens, answers 503, and opens the store (connect, migrations)
  // in the background until it can. Any other failure (a wrong password, a schema newer than
  // this release, a SQLite directory in use) stops the start as before.
  let ready = false;
  try {
    await store.init();
    ready = true;
  } catch (err) {
    if (store.isUnreachableError?.(err) !== true) throw err;
    logger.warn('the store is unreachable: listening anyway, answering 503 until it can be opened', {
      store: store.kind,
      error: err,
    });
  }
  if (ready) await startWork();
  let closing = false;
  let lastProbeLog = 0;
  const circuit = new StoreCircuit({
    startOpen: !ready,
    isUnreachable: (err) => store.isUnreachableError?.(err) === true,
    probe: async () => {
      if (ready) return withDeadline(store.ping(), PROBE_TIMEOUT_MS, 'probe');
      // Not open yet: connect and apply the migrations, then start the work that needs them.
      await store.init();
      if (closing) return;
      await startWork();
      ready = true;
      logger.info('store opened', { store: store.kind });
    },
    onChange: (open, error, failedProbes) => {
      if (open) logger.warn('store unreachable: answering 503 at once until a probe reaches it', { error });
      else logger.info('store reachable', { failed_probes: failedProbes });
    },
    onProbeFailed: (error, failedProbes) => {
      // A long outage is reminded of every 30 s, not at each probe; a store that answers but
      // refuses (a wrong password, a schema too new) is an error to act on.
      const now = Date.now();
      if (now - lastProbeLog < 30_000) return;
      lastProbeLog = now;
      const refused = store.isUnreachableError?.(error) !== true;
      logger[refused ? 'error' : 'warn']('store still not available', { failed_probes: failedProbes, error });
    },
  });
  // The HTTP endpoints' view of the store: bounded in time, failures answered 503, refused at
  // once while the store is known unreachable.
  const apiStore = guardStore(store, storeTimeoutMs, circuit);
  // The batcher is declared below; the health check asks it only once requests arrive.
  const health = new StoreHealth(store, {
    commitAgeMs: () => batcher.commitAgeMs(),
    stallMs: storeTimeoutMs,
    circuit,
  });
  const batcher = new CommitBatcher<NotificationInput, InsertOutcome>(
    (items) => {
      // Known unreachable since these were queued: refused without asking the store.
      if (circuit.open) return Promise.reject(circuit.refusal('insertBatch'));
      // A commit that outlives the deadline without an error (a frozen server) has the
      // circuit probe the store: if that fails too, later requests are refused at once.
      const slow = setTimeout(() => circuit.suspect(), storeTimeoutMs);
      return store.insertBatch(items).then(
        (r) => {
          clearTimeout(slow);
          health.recordWrite(true);
          return r;
        },
        (err: unknown) => {
          clearTimeout(slow);
          health.recordWrite(false);
          circuit.failed(err);
          throw err;
        },
      );
    },
    {
      maxBatch: options.batch?.maxBatch ?? 512,
      // Two batches in flight: the next one is already queued when a commit (and its fsync)
      // ends, so the store is never idle waiting for the event loop to hand it work. More
      // would keep the disk no busier (SQLite's writer joins what waits into one commit) but
      // cut batches smaller: each hand-over to the writer thread costs ~8 µs of CPU besides
      // ~1 µs per row, and the gateway is CPU-bound before it is disk-bound (BENCHMARKS.md).
      concurrency: options.batch?.concurrency ?? 2,
      timeoutMs: storeTimeoutMs,
    },
    (n) => metrics.observe('mangokit_gateway_batch_size', n, {}, BATCH_BUCKETS),
  );
  metrics.gauge(
    'mangokit_gateway_store_writable',
    'Whether the latest write to the store succeeded (1) or failed (0).',
    () => (health.writable ? 1 : 0),
  );
  metrics.gauge(
    'mangokit_gateway_store_reachable',
    'Whether the store is reachable (1), or known unreachable (0): requests are then answered 503 at once until a probe reaches it.',
    () => (circuit.open ? 0 : 1),
  );
  metrics.gauge(
    'mangokit_gateway_ingest_backlog',
    'Notifications waiting for a storage commit.',
    () => batcher.backlog,
  );
  metrics.gauge(
    'mangokit_gateway_events',
    "Events in the store, read without scanning the events table: exact on SQLite (the newest id; events are never deleted); on PostgreSQL the server's live-row statistics for the table (or the planner's estimate from the last ANALYZE when larger), which may lag the writes by seconds.",
    () => apiStore.estimateEvents(),
  );

  const basePath = `/${normalisePath(options.basePath ?? '/')}${options.basePath && normalisePath(options.basePath) ? '/' : ''}`;
  const streams = new StreamHub({
    store: apiStore,
    signal: stored,
    metrics,
    // This instance's commits wake the stream; polling only finds other instances' events.
    pollMs: store.kind === 'postgres' ? Math.max(pollMs, 250) : 5_000,
    ...(options.maxStreams !== undefined ? { maxStreams: options.maxStreams } : {}),
  });
  const adminContext = { store: apiStore, metrics, streams, stored, token: admin.token };
  const notifications = createNotificationListener({
    credentials: { apiKey, apiSalt },
    basePath,
    maxBodyBytes: options.maxBodyBytes ?? 256 * 1024,
    // Known unreachable: 503 at once instead of waiting for the commit deadline.
    store: (n: NotificationInput) =>
      circuit.open ? Promise.reject(circuit.refusal('store')) : batcher.submit(n),
    metrics,
    logger,
    onStored: (id: number, event: MangoEvent) => {
      parsed.add(id, event);
      stored.notify();
    },
    allowIps: options.allowIps,
    trustProxy: options.trustProxy,
  });

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://gateway.local');
    const path = url.pathname;
    if (path === '/health') {
      if (req.method !== 'GET') throw new ApiError(405, 'method_not_allowed', 'use GET');
      return handleHealth(
        res,
        health,
        { store: store.kind, instance: instanceId, backlog: batcher.backlog },
        logger,
      );
    }
    return handleAdmin(adminContext, req, res, url);
  };

  const server = createServer((req, res) => {
    // Notifications are the SDK receiver's (one status table); every other path is the REST API's.
    notifications(req, res, () => {
      route(req, res).catch((err: unknown) => {
        if (err instanceof ApiError)
          return sendJson(res, err.status, { error: err.code, message: err.message });
        // The rest of an oversized body is not read: the socket closes after this answer.
        if (err instanceof BodyTooLargeError)
          return sendJson(res, 413, { error: 'payload_too_large' }, { connection: 'close' });
        if (err instanceof StoreUnavailableError) {
          if (err instanceof StoreUnreachableError) logger.debug('store unreachable', { path: req.url });
          else logger.warn('store unavailable', { path: req.url, error: err.cause ?? err });
          return sendJson(res, 503, { error: 'storage_unavailable' }, { 'retry-after': '1' });
        }
        logger.error('request failed', { path: req.url, error: err });
        sendJson(res, 500, { error: 'internal' });
      });
    });
  });
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, host, () => resolve());
    });
  } catch (err) {
    // Port taken or not allowed: undo what was started before failing.
    closing = true;
    await circuit.stop();
    await streams.close();
    await Promise.all(forwarders.map((f) => f.stop()));
    await Promise.all(workers.map((w) => w.stop()));
    await store.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  logger.info('gateway listening', {
    url,
    store: store.kind,
    store_state: circuit.open ? 'unreachable: opening it in the background' : 'open',
    consumers: forwarders.map((f) => f.name),
    archive: archive?.dir,
    admin: admin.token === undefined ? 'loopback clients, no token' : 'bearer token',
  });

  let closed: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    metrics,
    close() {
      closed ??= (async () => {
        closing = true;
        const serverClosed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        await streams.close();
        // Clients that keep their connections busy get a grace period, then are cut off;
        // whatever they had in flight was either committed and answered or never answered 200.
        const grace = setTimeout(() => server.closeAllConnections(), 5_000);
        grace.unref();
        await serverClosed;
        clearTimeout(grace);
        // A probe opening the store finishes first, so no work starts after this.
        await circuit.stop();
        await Promise.all(forwarders.map((f) => f.stop()));
        await Promise.all(workers.map((w) => w.stop()));
        await store.close();
        logger.info('gateway stopped');
      })();
      return closed;
    },
  };
}
