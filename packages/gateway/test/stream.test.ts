import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type GatewayStore, SqliteStore, silentLogger, startGateway } from '../src/index.js';
import { waitFor } from './support/consumer.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';

/** An open SSE connection that collects the ids it receives. */
interface OpenStream {
  ids: number[];
  status: number;
  close(): void;
}

function openStream(url: string, agent: http.Agent): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const s: OpenStream = { ids: [], status: res.statusCode ?? 0, close: () => req.destroy() };
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i = buf.indexOf('\n\n');
        while (i >= 0) {
          const m = /^id: (\d+)$/m.exec(buf.slice(0, i));
          if (m) s.ids.push(Number(m[1]));
          buf = buf.slice(i + 2);
          i = buf.indexOf('\n\n');
        }
      });
      res.on('error', () => {});
      resolve(s);
    });
    req.on('error', reject);
  });
}

/** The store with a count of `eventsAfter` calls (each one a read of the store). */
function counting(store: GatewayStore): { store: GatewayStore; reads: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop, target);
      if (prop === 'eventsAfter' && typeof v === 'function')
        return (...args: unknown[]) => {
          n++;
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: proxy, reads: () => n };
}

describe('SSE: one fan-out for every client', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-sse-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('feeds 200 clients from one reader, idle streams do not read the store, and the limit answers 503', async () => {
    const { store, reads } = counting(new SqliteStore({ dataDir: dir }));
    const gw = await startGateway({
      port: 0,
      apiKey: KEY,
      apiSalt: SALT,
      store,
      maxStreams: 201,
      pollMs: 50,
      logger: silentLogger,
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 300 });
    const streams: OpenStream[] = [];
    try {
      assert.equal(
        (await post(gw.url, 'events/call', signedBody(callEvent('F0', 'L0', 1, 'Appeared')))).status,
        200,
      );
      for (let i = 0; i < 200; i++) streams.push(await openStream(`${gw.url}/stream`, agent));
      assert.ok(streams.every((s) => s.status === 200));
      assert.match(await (await fetch(`${gw.url}/metrics`)).text(), /^mangokit_gateway_sse_clients 200$/m);

      // Idle: 200 open streams, and the store is not read in a loop for each of them.
      await new Promise((r) => setTimeout(r, 300));
      const idleFrom = reads();
      await new Promise((r) => setTimeout(r, 1_000));
      const idleReads = reads() - idleFrom;
      assert.ok(idleReads <= 2, `idle streams read the store ${idleReads} times in 1 s`);

      // Live: every client gets every new event, and the store is read once per wake-up, not per client.
      const before = reads();
      const posted: number[] = [];
      for (let i = 1; i <= 10; i++) {
        const r = await post(gw.url, 'events/call', signedBody(callEvent('F1', 'L1', i, 'Connected')));
        posted.push(r.body.id as number);
      }
      await waitFor(() => streams.every((s) => s.ids.length === 10), 10_000, 'fan-out');
      for (const s of streams) assert.deepEqual(s.ids, posted);
      const liveReads = reads() - before;
      assert.ok(liveReads <= 12, `${liveReads} store reads for 10 events to 200 clients`);

      // A client resuming from an old id catches up by itself, then joins the fan-out.
      const resumed = await openStream(`${gw.url}/stream?after=0`, agent);
      await waitFor(() => resumed.ids.length === 11, 5_000, 'catch-up');
      const r = await post(gw.url, 'events/call', signedBody(callEvent('F2', 'L2', 1, 'Appeared')));
      await waitFor(() => resumed.ids.length === 12, 5_000, 'live after catch-up');
      assert.equal(resumed.ids.at(-1), r.body.id);
      assert.deepEqual(
        resumed.ids,
        [...resumed.ids].sort((a, b) => a - b),
        'in order, no repeats',
      );

      const over = await openStream(`${gw.url}/stream`, agent);
      assert.equal(over.status, 503, 'the 202nd stream is refused');
      over.close();
      resumed.close();
    } finally {
      for (const s of streams) s.close();
      agent.destroy();
      await gw.close();
    }
  });
});
