import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyNotification } from 'mangokit';

/** One notification as the receiver saw it. */
export interface Received {
  /** Path relative to the base URL, e.g. `events/call`. */
  path: string;
  /** Parsed `json` field. */
  data: Record<string, unknown>;
  /** Raw form fields. */
  form: Record<string, string>;
  /** The signature check passed (verified with the SDK's `verifyNotification`). */
  verified: boolean;
  verifyError?: string;
}

/** A local webhook receiver on port 0 that records and verifies every notification. */
export interface Receiver {
  /** Base URL to give the sandbox (ends with `/hooks/`). */
  url: string;
  received: Received[];
  /** Forces the HTTP status of the next N answers (then 200 again). */
  failNext(status: number, times: number): void;
  /** Resolves once `predicate` holds over the received list (polls; rejects after `timeoutMs`). */
  waitFor(predicate: (all: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Notifications on one path, in arrival order. */
  on(path: string): Received[];
  close(): Promise<void>;
}

/** Starts a receiver that verifies signatures with the given credentials. */
export async function startReceiver(credentials: { apiKey: string; apiSalt: string }): Promise<Receiver> {
  const received: Received[] = [];
  let failStatus = 0;
  let failTimes = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failTimes > 0) {
        failTimes -= 1;
        res.writeHead(failStatus).end();
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const path = (req.url ?? '').replace(/^\/hooks\//, '');
      let verified = true;
      let verifyError: string | undefined;
      try {
        verifyNotification(credentials, form);
      } catch (err) {
        verified = false;
        verifyError = err instanceof Error ? err.message : String(err);
      }
      const entry: Received = {
        path,
        data: JSON.parse(form.json ?? '{}') as Record<string, unknown>,
        form,
        verified,
      };
      if (verifyError !== undefined) entry.verifyError = verifyError;
      received.push(entry);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/`,
    received,
    failNext(status, times) {
      failStatus = status;
      failTimes = times;
    },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline)
          throw new Error(`receiver: condition not met in ${timeoutMs} ms (${received.length} received)`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    on(path) {
      return received.filter((r) => r.path === path);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
