import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { URL, urlToHttpOptions } from 'node:url';
import { MangoAbortError, MangoConnectionError, MangoTimeoutError } from '../core/errors.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

/** Options of the `node:http`/`node:https` transport. */
export interface NodeTransportOptions {
  /** Keep sockets open between requests (default true): the main source of throughput. */
  keepAlive?: boolean;
  /** Sockets per host (default unlimited). */
  maxSockets?: number;
  /** TLS settings of the https agent, e.g. `ca` for a private CA or a TLS-terminating proxy. */
  tls?: Pick<https.AgentOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized' | 'servername'>;
}

function wrap(res: http.IncomingMessage, clearTimer: () => void): TransportResponse {
  let consumed = false;
  const take = () => {
    if (consumed) throw new MangoConnectionError('response body already consumed');
    consumed = true;
  };
  return {
    status: res.statusCode ?? 0,
    header(name) {
      const v = res.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    },
    text() {
      take();
      return new Promise<string>((resolve, reject) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          clearTimer();
          resolve(parts.length === 1 ? parts[0]!.toString('utf8') : Buffer.concat(parts).toString('utf8'));
        });
        res.on('error', (err) => {
          clearTimer();
          reject(toMangoError(err));
        });
      });
    },
    chunks() {
      take();
      clearTimer();
      return bodyChunks(res);
    },
    stream() {
      take();
      clearTimer();
      return Readable.toWeb(res) as ReadableStream<Uint8Array>;
    },
    discard() {
      clearTimer();
      if (!consumed) {
        consumed = true;
        res.resume();
      }
    },
  };
}

/**
 * The body's chunks as they arrive; when the connection breaks mid-body, every byte received
 * before the break is handed over first, then the error is thrown. (Node's own iterator drops
 * what is still buffered in the response once it errors, and a resumed recording download
 * would then continue from an earlier byte than the one the cut happened at.)
 */
async function* bodyChunks(res: http.IncomingMessage): AsyncGenerator<Uint8Array> {
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const onReadable = () => wake?.();
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (err: unknown) => {
    failure ??= err;
    wake?.();
  };
  // Closed neither ended nor errored: the response was destroyed without a reason.
  const onClose = () => {
    if (!ended) onError(new MangoConnectionError('connection closed before the end of the body'));
  };
  res.on('readable', onReadable);
  res.on('end', onEnd);
  res.on('error', onError);
  res.on('close', onClose);
  try {
    for (;;) {
      // read() still answers what is buffered after an error: that is the point of this loop.
      for (let chunk = res.read() as Buffer | null; chunk !== null; chunk = res.read() as Buffer | null)
        yield chunk;
      if (ended) return;
      if (failure !== undefined) throw toMangoError(failure);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    res.off('readable', onReadable);
    res.off('end', onEnd);
    res.off('error', onError);
    res.off('close', onClose);
    // The reader stopped early (break, throw): free the socket instead of leaving it paused.
    if (!ended) res.destroy();
  }
}

/** A response whose body was already read in full: one object, its methods on the prototype. */
class BufferedResponse implements TransportResponse {
  readonly status: number;
  constructor(
    private readonly res: http.IncomingMessage,
    private readonly body: Buffer,
  ) {
    this.status = res.statusCode ?? 0;
  }
  header(name: string): string | undefined {
    const v = this.res.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  }
  get bufferedText(): string {
    return this.body.toString('utf8');
  }
  text(): Promise<string> {
    return Promise.resolve(this.body.toString('utf8'));
  }
  async *chunks(): AsyncGenerator<Uint8Array> {
    yield this.body;
  }
  stream(): ReadableStream<Uint8Array> {
    const { body } = this;
    return new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
  }
  discard(): void {}
}

function toMangoError(err: unknown): Error {
  if (
    err instanceof MangoTimeoutError ||
    err instanceof MangoAbortError ||
    err instanceof MangoConnectionError
  ) {
    return err;
  }
  const code = (err as { code?: string }).code;
  return new MangoConnectionError(`connection failed${code ? ` (${code})` : ''}: ${(err as Error).message}`);
}

/** The default transport on Node: `node:http`/`node:https` with keep-alive agents (no dependencies). */
export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  const agentOptions = {
    keepAlive: options.keepAlive ?? true,
    maxSockets: options.maxSockets ?? Number.POSITIVE_INFINITY,
    scheduling: 'lifo' as const,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent({ ...agentOptions, ...options.tls });
  // Parsed request targets by URL: `http.request(url)` would parse the URL on every call.
  const targets = new Map<string, Target>();
  const targetOf = (url: string): Target => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      // `URL.host` is what Node would send: IPv6 in brackets, the default port left out.
      const { protocol, hostname, port, path, auth } = urlToHttpOptions(parsed);
      // Only what `http.request` reads: the options object is copied on every request.
      const options: http.RequestOptions = { protocol, hostname, port, path };
      if (auth) options.auth = auth;
      target = { options, host: parsed.host };
      // One-time download URLs are unique: keep the cache bounded.
      if (targets.size >= MAX_CACHED_TARGETS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };
  return (request: TransportRequest) =>
    new Promise<TransportResponse>((resolve, reject) => {
      const { signal } = request;
      if (signal?.aborted) {
        reject(new MangoAbortError('request aborted'));
        return;
      }
      const isHttps = request.url.startsWith('https:');
      const target = targetOf(request.url);
      const req = (isHttps ? https : http).request({
        ...target.options,
        method: request.method,
        headers: target.options.auth ? headerObject(request) : headerList(request, target.host),
        agent: isHttps ? httpsAgent : httpAgent,
      });
      let timer: NodeJS.Timeout | undefined;
      // Closures only when there is something to cancel: no signal, no abort listener.
      const onAbort = signal ? () => req.destroy(new MangoAbortError('request aborted')) : undefined;
      const clearTimer = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (onAbort) signal?.removeEventListener('abort', onAbort);
      };
      if (request.timeoutMs !== undefined && request.timeoutMs > 0 && Number.isFinite(request.timeoutMs)) {
        timer = setTimeout(onTimeout, request.timeoutMs, req, request.timeoutMs);
      }
      if (onAbort) signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res) => {
        if (!request.bufferBody) {
          resolve(wrap(res, clearTimer));
          return;
        }
        // JSON answers are small: read them here, in the same tick as the headers.
        let first: Buffer | undefined;
        let rest: Buffer[] | undefined;
        res.on('data', (c: Buffer) => {
          if (!first) first = c;
          else if (rest) rest.push(c);
          else rest = [first, c];
        });
        res.on('end', () => {
          clearTimer();
          resolve(new BufferedResponse(res, rest ? Buffer.concat(rest) : (first ?? EMPTY)));
        });
        res.on('error', (err) => {
          clearTimer();
          reject(toMangoError(err));
        });
      });
      req.on('error', (err) => {
        clearTimer();
        reject(toMangoError(err));
      });
      req.end(request.body);
    });
}

/** A parsed request URL and its Host header. */
interface Target {
  options: http.RequestOptions;
  host: string;
}

const MAX_CACHED_TARGETS = 256;

/**
 * Headers as a flat name/value list: Node writes such a list as given (still validating each
 * pair) instead of storing, lower-casing and re-reading every header, so it must hold Host and
 * Content-Length itself.
 */
function headerList(request: TransportRequest, host: string): string[] {
  const list: string[] = [];
  let hasHost = false;
  for (const name in request.headers) {
    if (name.toLowerCase() === 'host') hasHost = true;
    list.push(name, request.headers[name]!);
  }
  if (!hasHost) list.push('host', host);
  if (request.body !== undefined) list.push('content-length', String(Buffer.byteLength(request.body)));
  return list;
}

/** Headers as an object, for URLs with credentials (Node then adds Host and Authorization). */
function headerObject(request: TransportRequest): Record<string, string | number> {
  const headers: Record<string, string | number> = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
  return headers;
}
const EMPTY = Buffer.alloc(0);

function onTimeout(req: http.ClientRequest, ms: number): void {
  req.destroy(new MangoTimeoutError(`no answer within ${ms} ms`));
}
