import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AcceptedNotification, createNodeListener, type WebhookRejectionReason } from 'mangokit';
import { normalisePath } from 'mangokit/protocol';
import type { NotificationRecorder } from './recorder.js';

/** A request the receiver refused, as printed. */
export interface Rejection {
  path: string;
  status: number;
  reason: WebhookRejectionReason;
  message: string;
}

/** Options of `startReceiver`. */
export interface ReceiverOptions {
  port: number;
  host: string;
  /** Credentials to verify against; `undefined` accepts unsigned notifications (marked unverified). */
  credentials: { apiKey: string; apiSalt: string } | undefined;
  /**
   * The acceptance step (print, forward), run before the answer: if it throws, the sender gets
   * 503 with Retry-After (or the error's own `status`) and sends the notification again.
   */
  onNotification: (notification: AcceptedNotification) => unknown;
  /** Told of every request answered with anything but 200. */
  onRejection: (rejection: Rejection) => void;
  /** Largest accepted body (default 1 MiB). */
  maxBodyBytes?: number;
  /** Writes every notification received, as received, to a traffic file (`--record`). */
  recorder?: NotificationRecorder;
}

/** A running notification receiver. */
export interface Receiver {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Finds the notification path inside a request path, so the PBX's integrator base may carry any
 * prefix: `/crm/mango/events/call` → `events/call` (reference §1.1: the PBX appends the path).
 */
export function notificationPath(requestPath: string): string {
  const path = normalisePath(requestPath);
  const m = /(?:^|\/)((?:events|result)\/.+|ping)$/.exec(path);
  return m ? (m[1] as string) : path;
}

/** A path `notificationPath` found a notification in. */
const NOTIFICATION_PATH = /^(?:(?:events|result)\/.+|ping)$/;

/**
 * Starts an HTTP server that takes PBX notifications on any path ending in `events/…`,
 * `result/…` or `ping`, through the SDK's receiver: the same body limit, status table,
 * verification over the raw `json` string and per-path payload shapes as every other mangokit
 * receiver. A browser's GET on any other path gets a short description of the service.
 */
export function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const recorder = options.recorder;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const listener = createNodeListener({
    ...(options.credentials ?? { skipVerification: true }),
    maxBodyBytes,
    acceptUnknownPaths: true,
    // Recording is the last acceptance step: a notification that cannot be written is answered 503.
    accept: recorder
      ? async (n) => {
          const answer = await options.onNotification(n);
          await recorder.accepted(n.verified);
          return answer;
        }
      : options.onNotification,
    onRejected: (r) => {
      recorder?.refused(r.reason);
      options.onRejection({ path: r.path ?? '', status: r.status, reason: r.reason, message: r.message });
    },
  });
  // Answers not yet written: closing waits for them, so the last notification still gets its answer.
  const inFlight = new Set<ServerResponse>();
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (inFlight.size === 0) drained?.();
    });
    const url = new URL(req.url ?? '/', 'http://local');
    const path = notificationPath(url.pathname);
    const serve = () => {
      // The receiver's base is `/`: hand it the notification path without the integrator's prefix.
      req.url = `/${path}${url.search}`;
      listener(req, res, next);
    };
    // A browser's GET of the info page is not traffic; everything posted is.
    if (recorder && (req.method === 'POST' || NOTIFICATION_PATH.test(path)))
      recorder.capture(req, res, path, maxBodyBytes, serve);
    else serve();
    function next() {
      req.resume();
      if (req.method === 'GET' || req.method === 'HEAD') {
        // A browser or health check: say what this is instead of failing silently.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ service: 'mangokit listen', post: 'notifications to <this url>/events/call, …' }),
        );
        return;
      }
      const message = 'not a notification path (events/…, result/… or ping)';
      options.onRejection({ path, status: 404, reason: 'not_found', message });
      recorder?.refused('not_found');
      res.writeHead(404, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ error: 'not_found', message }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const addr = server.address() as AddressInfo;
      const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `http://${host}:${addr.port}/`,
        server,
        close: async () => {
          const closed = new Promise<void>((done) => server.close(() => done()));
          server.closeIdleConnections();
          if (inFlight.size > 0) {
            await new Promise<void>((done) => {
              drained = done;
              setTimeout(done, 2_000).unref();
            });
          }
          server.closeAllConnections();
          await closed;
        },
      });
    });
  });
}
