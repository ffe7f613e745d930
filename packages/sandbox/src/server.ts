import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Language, languageFromEnv } from 'mangokit/protocol';
import type { ApiContext } from './api/context.js';
import { Lockout } from './api/http/lockout.js';
import { RequestLog, serveRequestLog } from './api/requestLog.js';
import type { StatsTiming } from './api/stats/timing.js';
import { createControlAccess, isLoopbackAddress } from './controlAccess.js';
import { createConsoleSupport } from './control/consoleSupport.js';
import { createControlHandler } from './control/router.js';
import { FaultStore } from './control/faults.js';
import { EventStream } from './control/stream.js';
import { VirtualClock } from './engine/clock.js';
import type { CallRecord } from './engine/contract.js';
import { CallEngine } from './engine/engine.js';
import type { LiveLeg } from './engine/views.js';
import { resolveOffice } from './office/loader.js';
import { officePreset } from './office/presets.js';
import type { Office } from './office/types.js';
import { BANNER, type SandboxText, WARNINGS } from './i18n/messages.js';
import { type Delivery, WebhookDispatcher } from './webhooks/dispatcher.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; 0 = any free port (default 5080). */
  port?: number;
  /**
   * Interface to listen on (default `127.0.0.1`). On an address other machines can reach,
   * everything under `/_sandbox/` (control API, request log, recording audio) needs
   * `controlToken` (one is generated when none is given).
   */
  host?: string;
  /**
   * Token for `/_sandbox/` (and so the console): `Authorization: Bearer <token>`, or open the
   * console at `/?token=<token>`. Default: none on loopback; generated on any other address.
   */
  controlToken?: string;
  /** The office: an object, a preset name (`demo`, `vendor-examples`), a path to a JSON/YAML file, or nothing for the demo office. */
  office?: Office | string;
  /** Base URL that receives notifications (`…/events/call` etc. are appended). */
  webhookUrl?: string;
  /** Several base URLs, each receiving every notification. */
  webhookUrls?: string[];
  /** `real` (default) runs with wall time × `speed`; `manual` moves only on `clock.advance()`. */
  clock?: 'real' | 'manual';
  speed?: number;
  /** Clock start, Unix ms (default: now). */
  startMs?: number;
  /** The invalid-request lock-out of reference §1.3 (default true). */
  lockout?: boolean;
  /** The per-method rate limits of reference §1.3 (default true). */
  rateLimits?: boolean;
  /** How long `stats/*` reports take to prepare by size (default: up to 1000 rows ready at once). */
  statsTiming?: Partial<StatsTiming>;
  /** Deliver notifications in a random order. */
  shuffle?: boolean;
  /** Webhook retries after a failed attempt (default 3). */
  maxRetries?: number;
  /** Webhook backoff base in ms (default 200). */
  retryBackoffMs?: number;
  /** Folder of the web console (default `packages/sandbox/console/` when it exists). */
  consoleDir?: string;
  /** Print the console URL, API base URL and the office credentials once started. */
  banner?: boolean;
  /**
   * Language of the banner and warnings (default: the locale, `languageFromEnv(process.env)`).
   * The API's answers never change with it; the request log carries both languages.
   */
  lang?: Language;
  /**
   * Answers requests before the vendor API does (a recorded cassette: `mangokit sandbox --replay`);
   * resolving false hands the request on. The control API and the console are not intercepted.
   */
  intercept?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

/** A running sandbox. */
export interface Sandbox {
  /** e.g. `http://127.0.0.1:40123` */
  url: string;
  /** `url + '/vpbx/'`: point any Mango client here. */
  apiBaseUrl: string;
  /** The token `/_sandbox/` requires (undefined: loopback only, no token). */
  controlToken: string | undefined;
  /** The live office (replaced by a control-API load). */
  readonly office: Office;
  engine: CallEngine;
  clock: VirtualClock;
  deliveries: WebhookDispatcher;
  faults: FaultStore;
  /** Stops the server, the clock and pending deliveries. */
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
};

async function loadApiHandler(ctx: ApiContext, lang: Language): Promise<Handler> {
  try {
    const mod = await import('./api/index.js');
    return mod.createApiHandler(ctx);
  } catch (err) {
    // The /vpbx/ surface is optional at runtime: without it the sandbox still runs calls and control.
    process.emitWarning(WARNINGS.apiUnavailable(err instanceof Error ? err.message : String(err))[lang]);
    return async () => false;
  }
}

function staticHandler(dir: string | undefined): Handler {
  return async (req, res) => {
    if (!dir || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const rel = normalize(pathname === '/' ? '/index.html' : pathname);
    // Refuse anything that climbs out of the console folder.
    if (rel.includes('..')) return false;
    let file = join(dir, rel);
    try {
      const st = await stat(file);
      if (st.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    } catch {
      return false;
    }
  };
}

/**
 * The start-up banner: where the console and the API are, and the office credentials to
 * configure a client with (a local test office: printing them is the point), in `lang`.
 */
export function describeSandbox(
  url: string,
  office: Office,
  webhookUrls: readonly string[] = [],
  controlToken?: string,
  lang: Language = 'en',
): string {
  const l = BANNER.labels;
  const rows: [SandboxText, string][] = [
    [l.console, `${url}/`],
    [l.apiBase, `${url}/vpbx/`],
    [l.apiKey, office.api_key],
    [l.apiSalt, office.api_salt],
    [l.webhooks, webhookUrls.length > 0 ? webhookUrls.join(', ') : BANNER.noWebhooks[lang]],
    [l.control, `${url}/_sandbox/ (${BANNER.seeControl[lang]})`],
    ...(controlToken
      ? [[l.token, `${controlToken} (${BANNER.tokenUse(url, controlToken)[lang]})`] as [SandboxText, string]]
      : []),
  ];
  const width = Math.max(...rows.map(([label]) => label[lang].length)) + 1;
  return [
    BANNER.running(office.name)[lang],
    ...rows.map(([label, value]) => `  ${`${label[lang]}:`.padEnd(width)} ${value}`),
  ].join('\n');
}

/**
 * Starts a local Virtual PBX: the `/vpbx/` API, the call engine with its clock, webhook
 * delivery, the `/_sandbox/` control API and the console, on one HTTP port.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const lang = options.lang ?? languageFromEnv(process.env);
  let office = await resolveOffice(options.office);
  // A preset's past calls, served while its office (by product id) is the one loaded.
  const preset = typeof options.office === 'string' ? officePreset(options.office) : undefined;
  const archive = preset?.archive?.();
  const archiveOf = office.product_id;
  const initial = structuredClone(office);
  const clock = new VirtualClock({
    mode: options.clock ?? 'real',
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    ...(options.startMs !== undefined ? { startMs: options.startMs } : {}),
    onTimerError: (err) => process.emitWarning(WARNINGS.clockTimer(String(err))[lang]),
  });
  const urls = options.webhookUrls ?? (options.webhookUrl ? [options.webhookUrl] : []);
  const deliveries = new WebhookDispatcher({
    urls,
    credentials: () => ({ apiKey: office.api_key, apiSalt: office.api_salt }),
    shuffle: options.shuffle ?? false,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryBackoffMs !== undefined ? { backoffMs: options.retryBackoffMs } : {}),
  });
  const engine = new CallEngine({
    clock,
    office: () => office,
    sink: (path, payload) => deliveries.send(path, payload),
  });
  const faults = new FaultStore();
  const stream = new EventStream();
  // Engine views are built only while a console listens: under load nobody pays for them.
  const onLeg = (leg: LiveLeg) => stream.broadcast('leg', leg);
  const onCall = (record: CallRecord) =>
    stream.broadcast('call', { entry_id: record.entry_id, ended: true, record });
  const onNotification = (path: string, payload: unknown) =>
    stream.broadcast('notification', { path, payload });
  const onDelivery = (d: Delivery) => stream.broadcast('delivery', d);
  stream.onActiveChange = (active) => {
    if (active) {
      engine.on('leg', onLeg);
      engine.on('call', onCall);
      engine.on('notification', onNotification);
      deliveries.on('delivery', onDelivery);
    } else {
      engine.off('leg', onLeg);
      engine.off('call', onCall);
      engine.off('notification', onNotification);
      deliveries.off('delivery', onDelivery);
    }
  };
  clock.onAdvance = (nowMs) => stream.broadcast('clock', { now_ms: nowMs });

  let publicUrl = '';
  const requestLog = new RequestLog();
  // Shared with the control API, which shows it (`GET /_sandbox/state`, the console).
  const lockout = new Lockout();
  const ctx: ApiContext = {
    lockout,
    office: () => office,
    engine,
    options: {
      lockout: options.lockout ?? true,
      rateLimits: options.rateLimits ?? true,
      ...(options.statsTiming && { statsTiming: options.statsTiming }),
    },
    publicUrl: () => publicUrl,
    takeFault: (path) => faults.take(path),
    archive: () => (archive && office.product_id === archiveOf ? archive : undefined),
    log: (record) => {
      requestLog.add(record);
      stream.broadcast('request', record);
    },
  };
  const api = await loadApiHandler(ctx, lang);
  const controlDeps = {
    engine,
    clock,
    deliveries,
    faults,
    stream,
    office: () => office,
    setOffice: (next: Office) => {
      engine.hangupAll();
      office = next;
      stream.broadcast('office', { name: next.name });
    },
    initialOffice: () => initial,
    lockout: () => ({ enabled: ctx.options.lockout, ...lockout.status(engine.now(), office) }),
  };
  const control = createControlHandler(controlDeps);
  // The console's seekable recording audio; before `control`, which answers 404 to other /_sandbox/ paths.
  const consoleSupport = createConsoleSupport({ recording: (id) => engine.recording(id) });
  const defaultConsole = fileURLToPath(new URL('../console/', import.meta.url));
  const consoleDir = options.consoleDir ?? (existsSync(defaultConsole) ? defaultConsole : undefined);
  const files = staticHandler(consoleDir);

  let controlToken = options.controlToken;
  const access = createControlAccess(() => controlToken);
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        if (access(req, res)) return;
        if (consoleSupport(req, res)) return;
        if (serveRequestLog(requestLog, req, res)) return;
        if (await control(req, res)) return;
        if (options.intercept && (await options.intercept(req, res))) return;
        if (await api(req, res)) return;
        if (await files(req, res)) return;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'not found' }));
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
      }
    })();
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 5080, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  // Off loopback, nothing that returns call data or changes state answers without a token.
  if (!isLoopbackAddress(addr.address)) {
    controlToken ??= randomBytes(18).toString('base64url');
    process.emitWarning(WARNINGS.reachable(addr.address)[lang], { code: 'MANGOKIT_SANDBOX_PUBLIC' });
  }
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  publicUrl = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${addr.port}`;

  if (options.banner)
    process.stdout.write(`${describeSandbox(publicUrl, office, urls, controlToken, lang)}\n`);
  return {
    url: publicUrl,
    apiBaseUrl: `${publicUrl}/vpbx/`,
    controlToken,
    get office() {
      return office;
    },
    engine,
    clock,
    deliveries,
    faults,
    close: async () => {
      engine.hangupAll();
      clock.close();
      stream.close();
      deliveries.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
