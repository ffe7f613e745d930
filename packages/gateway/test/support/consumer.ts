import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One event as the gateway forwards it. */
export interface Delivered {
  id: number;
  entry_id: string | null;
  seq: number | null;
  type: string;
}

/** A consumer endpoint that records every delivered batch; `status` decides the answer. */
export interface TestConsumer {
  url: string;
  received: Delivered[];
  status: number;
  /** Starts listening (on the port given at creation, if any). */
  listen(): Promise<void>;
  close(): Promise<void>;
}

/** Creates a consumer; with `port` it can be started later on a known address ("down, then up"). */
export async function createConsumer(port = 0): Promise<TestConsumer> {
  let server: Server | null = null;
  const c: TestConsumer = {
    url: '',
    received: [],
    status: 200,
    async listen() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (d: Buffer) => chunks.push(d));
        req.on('end', () => {
          if (c.status >= 200 && c.status < 300) {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Delivered[] };
            c.received.push(...body.events);
          }
          res.writeHead(c.status).end();
        });
      });
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', () => r()));
      port = (server.address() as AddressInfo).port;
      c.url = `http://127.0.0.1:${port}/hook`;
    },
    async close() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
      server = null;
    },
  };
  if (port !== 0) c.url = `http://127.0.0.1:${port}/hook`;
  return c;
}

/** Waits until `cond()` holds (polling), or fails after `ms`. */
export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  ms: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asserts helper: per call, the first deliveries of its events come in increasing id order. */
export function perCallOrderViolations(received: Delivered[]): string[] {
  const seen = new Set<number>();
  const lastByCall = new Map<string, number>();
  const bad: string[] = [];
  for (const e of received) {
    if (seen.has(e.id)) continue; // at-least-once: a re-delivery may repeat an earlier event
    seen.add(e.id);
    if (e.entry_id === null) continue;
    const last = lastByCall.get(e.entry_id) ?? 0;
    if (e.id < last) bad.push(`${e.entry_id}: ${e.id} after ${last}`);
    lastByCall.set(e.entry_id, e.id);
  }
  return bad;
}
