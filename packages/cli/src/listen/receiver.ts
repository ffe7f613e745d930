import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MangoSignatureError, type MangoEvent, parseEvent, verifyNotification } from 'mangokit';
import { formKind, normalisePath, parseEnvelopeForm } from 'mangokit/protocol';

/** What the receiver hands on for each request it got. */
export type Reception =
  | { ok: true; path: string; event: MangoEvent; json: string; verified: boolean }
  | { ok: false; path: string; status: number; reason: string; message: string };

/** Options of `startReceiver`. */
export interface ReceiverOptions {
  port: number;
  host: string;
  /** Credentials to verify against; `undefined` accepts unsigned notifications (marked unverified). */
  credentials: { apiKey: string; apiSalt: string } | undefined;
  onReception: (reception: Reception) => void;
  /** Largest accepted body (default 1 MiB). */
  maxBodyBytes?: number;
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

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Starts an HTTP server that takes PBX notifications on any path, verifies the signature over
 * the raw `json` string, parses the event and reports it. It always answers quickly: 200 for an
 * accepted notification (the PBX only reads the status, reference §4.11), 401 for a bad
 * signature, 400 for a body that is not a notification.
 */
export function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const server = createServer(async (req, res) => {
    const path = notificationPath(new URL(req.url ?? '/', 'http://local').pathname);
    const answer = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const reject = (status: number, reason: string, message: string) => {
      options.onReception({ ok: false, path, status, reason, message });
      answer(status, { error: message });
    };
    if (req.method !== 'POST') {
      // A browser or health check: say what this is instead of failing silently.
      answer(200, { service: 'mangokit listen', post: 'notifications to <this url>/events/call, …' });
      return;
    }
    try {
      const body = await readBody(req, limit);
      if (!body) return reject(413, 'too_large', `body larger than ${limit} bytes`);
      // Urlencoded or multipart, both are sent (reference §1.2); no content type reads as urlencoded.
      const contentType = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
      if (formKind(contentType) === undefined) {
        return reject(400, 'malformed', `content type ${contentType} is not a form`);
      }
      const fields = parseEnvelopeForm(body, contentType, { lenient: true });
      const json = fields.json ?? '';
      let verified = false;
      if (options.credentials) {
        verifyNotification(options.credentials, fields);
        verified = true;
      }
      const event = parseEvent(path, json);
      options.onReception({ ok: true, path, event, json, verified });
      answer(200, { ok: true });
    } catch (err) {
      if (err instanceof MangoSignatureError) return reject(401, err.reason, err.message);
      return reject(400, 'malformed', (err as Error).message);
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
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
