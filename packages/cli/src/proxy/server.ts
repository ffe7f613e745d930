import { createHash } from 'node:crypto';
import http, {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { readRequestBody } from 'mangokit/protocol';
import { followLocation, followTarget } from './follow.js';

/** Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/** Largest request body the proxy holds (uploads are at most 20 MB by the vendor's rules, §2.6). */
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/** Redirect targets remembered for `/_mangokit/follow` (one-time links; oldest forgotten first). */
const MAX_FOLLOWS = 1000;

/** What the proxy saw of one exchange, before it is redacted for the file. */
export interface RawExchange {
  at: string;
  ms: number;
  /** The API path (`vpbx/commands/callback`), or the followed URL's path. */
  path: string;
  request: { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer };
  response?: {
    status: number;
    /** As the upstream sent them (the original `Location`), without hop-by-hop headers. */
    headers: Record<string, string | string[]>;
    /** Decoded body (content-encoding undone) when it fit `keepBytes`, else undefined. */
    body: Buffer | undefined;
    bytes: number;
    sha256: string;
  };
  error?: string;
}

/** Options of `startProxy`. */
export interface ProxyOptions {
  port: number;
  host: string;
  /** Where requests go: an origin, optionally with a path prefix prepended to every request path. */
  upstream: URL;
  /** Bodies of answers up to this size are kept for the recording; larger ones only as length + hash. */
  keepBytes: number;
  /** Told of every finished exchange (print, record); awaited before the next one is reported. */
  onExchange(exchange: RawExchange): void | Promise<void>;
  /** Upstream answer timeout in ms (default 60 s). */
  timeoutMs?: number;
}

/** A running proxy. */
export interface Proxy {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function forwardHeaders(headers: IncomingMessage['headers'], length: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  if (length > 0 || 'content-length' in headers) out['content-length'] = length;
  return out;
}

function answerHeaders(res: IncomingMessage): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function decoder(encoding: string | undefined): Transform | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** Collects a copy of what streams through, up to `keep` bytes, with its length and SHA-256. */
class Tap extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  private chunks: Buffer[] | undefined = [];
  constructor(private readonly keep: number) {
    super();
  }
  override _transform(
    chunk: Buffer,
    _enc: BufferEncoding,
    done: (err?: Error | null, data?: Buffer) => void,
  ) {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.chunks) {
      if (this.bytes > this.keep) this.chunks = undefined;
      else this.chunks.push(chunk);
    }
    done(null, chunk);
  }
  kept(): Buffer | undefined {
    return this.chunks ? Buffer.concat(this.chunks) : undefined;
  }
}

/** The API path of a request target: no leading or trailing slashes, no query. */
export function apiPath(target: string): string {
  const q = target.indexOf('?');
  return (q < 0 ? target : target.slice(0, q)).replace(/^\/+|\/+$/g, '');
}

/**
 * Starts a recording HTTP proxy between an application and the API (or a sandbox): every
 * request is forwarded to `upstream` + its path with its bytes and headers (hop-by-hop headers
 * aside, Host set to the upstream's), the answer is streamed back as it arrives — status, headers
 * and body, binary ones included — and each exchange is reported once the answer is complete.
 * Redirects are passed back through the proxy (`follow.ts`) so a recording download is seen too.
 */
export function startProxy(options: ProxyOptions): Promise<Proxy> {
  const upstreamPrefix = options.upstream.pathname.replace(/\/+$/, '');
  const follows = new Set<string>();
  let selfOrigin = '';
  let reporting: Promise<void> = Promise.resolve();
  const inFlight = new Set<ServerResponse>();
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };

  const report = (exchange: RawExchange) => {
    // In completion order, one at a time: the file gets whole lines in a stable order.
    reporting = reporting.then(() => options.onExchange(exchange)).catch(() => undefined);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = new Date().toISOString();
    const started = performance.now();
    const target = req.url ?? '/';
    if (!target.startsWith('/')) {
      // An absolute-form target would make this an open proxy to any host.
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad_request', message: 'send API paths, not absolute URLs' }));
      return;
    }
    const followed = followTarget(target);
    if (followed !== undefined && !follows.has(followed)) {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found', message: 'not a redirect this proxy passed on' }));
      return;
    }
    const destination =
      followed !== undefined ? new URL(followed) : new URL(upstreamPrefix + target, options.upstream);
    const path = followed !== undefined ? apiPath(destination.pathname) : apiPath(target);
    const read = await readRequestBody(req, MAX_REQUEST_BYTES);
    if (read === undefined) {
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(
        JSON.stringify({
          error: 'payload_too_large',
          message: `the proxy holds at most ${MAX_REQUEST_BYTES} bytes`,
        }),
      );
      return;
    }
    const body = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
    const exchange: RawExchange = {
      at,
      ms: 0,
      path,
      request: { method: req.method ?? 'GET', url: followed ?? target, headers: req.headers, body },
    };
    const client = destination.protocol === 'https:' ? https : http;
    const upstreamReq = client.request(destination, {
      method: req.method,
      headers: forwardHeaders(req.headers, body.length),
      agent: destination.protocol === 'https:' ? agents.https : agents.http,
      timeout: options.timeoutMs ?? 60_000,
    });
    const fail = (message: string) => {
      exchange.ms = Math.round(performance.now() - started);
      exchange.error = message;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: 'bad_gateway', message: `upstream ${destination.origin}: ${message}` }),
        );
      } else res.destroy();
      report(exchange);
    };
    upstreamReq.on('timeout', () => upstreamReq.destroy(new Error('no answer in time')));
    upstreamReq.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message));
    upstreamReq.on('response', (upstreamRes) => {
      exchange.ms = Math.round(performance.now() - started);
      const status = upstreamRes.statusCode ?? 502;
      const headers = answerHeaders(upstreamRes);
      const toClient: Record<string, string | string[]> = { ...headers };
      const location = upstreamRes.headers.location;
      if (location !== undefined && status >= 300 && status < 400) {
        const absolute = new URL(location, destination).href;
        follows.add(absolute);
        if (follows.size > MAX_FOLLOWS) follows.delete(follows.values().next().value as string);
        toClient.location = followLocation(location, destination, selfOrigin);
      }
      res.writeHead(status, toClient);
      // The client gets the bytes as sent; the recording gets them decoded.
      const tap = new Tap(options.keepBytes);
      const decode = decoder(upstreamRes.headers['content-encoding']);
      const copy = new Transform({
        transform(chunk: Buffer, _enc, done) {
          if (decode) decode.write(chunk);
          else tap.write(chunk);
          done(null, chunk);
        },
        flush(done) {
          if (decode) decode.end();
          else tap.end();
          done();
        },
      });
      if (decode) decode.pipe(tap);
      tap.resume();
      const tapped = new Promise<void>((resolve) => {
        tap.on('end', resolve);
        tap.on('error', () => resolve());
        decode?.on('error', () => resolve());
      });
      pipeline(upstreamRes, copy, res)
        .then(async () => {
          await tapped;
          const sha256 = tap.hash.digest('hex');
          exchange.response = { status, headers, body: tap.kept(), bytes: tap.bytes, sha256 };
          report(exchange);
        })
        .catch((err: Error) => fail(`answer interrupted: ${err.message}`));
    });
    upstreamReq.end(body);
  }

  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'proxy_error', message: err.message }));
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      selfOrigin = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
      resolve({
        url: `${selfOrigin}/`,
        server,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          const deadline = Date.now() + 2000;
          while (inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
          server.closeAllConnections();
          await closed;
          await reporting;
          agents.http.destroy();
          agents.https.destroy();
        },
      });
    });
  });
}
