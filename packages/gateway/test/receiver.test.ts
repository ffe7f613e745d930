import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flood, meanwhile, toldTooLarge } from '../../sdk/test/support/flood.js';
import {
  type Gateway,
  type GatewayOptions,
  type InsertOutcome,
  type NotificationInput,
  SqliteStore,
  silentLogger,
  startGateway,
} from '../src/index.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';

/** Starts a gateway on 127.0.0.1 port 0 over a fresh SQLite directory; `run` gets it, then all is removed. */
async function withGateway(options: GatewayOptions, run: (gw: Gateway) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-receiver-'));
  const gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    apiKey: KEY,
    apiSalt: SALT,
    dataDir: dir,
    logger: silentLogger,
    ...options,
  });
  try {
    await run(gw);
  } finally {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the gateway receives through the SDK receiver', () => {
  it('allowIps means what it means in the SDK: 127.0.0.0/8 admits 127.0.0.1', async () => {
    await withGateway({ allowIps: ['127.0.0.0/8'] }, async (gw) => {
      const r = await post(gw.url, 'events/call', signedBody(callEvent('N1', 'L1', 1, 'Appeared')));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(await gw.store.countEvents(), 1);
    });
    await withGateway({ allowIps: ['10.0.0.0/8', '::1'] }, async (gw) => {
      const r = await post(gw.url, 'events/call', signedBody(callEvent('N2', 'L1', 1, 'Appeared')));
      assert.equal(r.status, 403);
      assert.equal(r.body.error, 'address_not_allowed');
      assert.equal(await gw.store.countEvents(), 0);
    });
  });

  it('refuses a signed events/call body re-posted to events/dtmf (400 invalid_payload), storing nothing', async () => {
    await withGateway({}, async (gw) => {
      const body = signedBody(callEvent('D1', 'L1', 1, 'Appeared'));
      const r = await post(gw.url, 'events/dtmf', body);
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_payload');
      assert.match(String(r.body.message), /"dtmf" is missing/);
      assert.equal(await gw.store.countEvents(), 0);
      assert.equal((await post(gw.url, 'events/call', body)).status, 200, 'on its own path it is stored');
      // Every answer of the receiver is counted by status.
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      assert.match(metrics, /^mangokit_gateway_requests_total\{status="400"\} 1$/m);
      assert.match(metrics, /^mangokit_gateway_requests_total\{status="200"\} 1$/m);
    });
  });

  it('answers 503 + Retry-After while the store cannot commit, never 200, and stores the retry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-receiver-store-'));
    let down = true;
    // A real SQLite store whose commits fail while `down` is set, as a full disk makes them.
    const store = new (class extends SqliteStore {
      override async insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]> {
        if (down) throw new Error('SQLITE_FULL: database or disk is full');
        return super.insertBatch(items);
      }
    })({ dataDir: dir });
    try {
      await withGateway({ store }, async (gw) => {
        const body = signedBody(callEvent('S1', 'L1', 1, 'Appeared'));
        const refused = await fetch(`${gw.url}/events/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        assert.equal(refused.status, 503);
        assert.equal(refused.headers.get('retry-after'), '1');
        const text = await refused.text();
        assert.equal(JSON.parse(text).error, 'not_accepted');
        assert.doesNotMatch(text, /SQLITE/, 'the store error stays in the log');
        down = false;
        const again = await post(gw.url, 'events/call', body);
        assert.equal(again.status, 200);
        assert.equal(typeof again.body.id, 'number');
        assert.equal(await gw.store.countEvents(), 1);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops reading after 413 and closes the connection; another client is unaffected', async () => {
    await withGateway({ maxBodyBytes: 64 * 1024 }, async (gw) => {
      const port = Number(new URL(gw.url).port);
      let seq = 0;
      const notify = async () =>
        (await post(gw.url, 'events/call', signedBody(callEvent('B1', 'L1', ++seq, 'Connected')))).status;
      const attacks = [
        { path: '/events/call', length: 2 * 1024 ** 3 },
        { path: '/events/call', length: 'chunked' as const },
        // The REST API's own body reader (redeliver takes a JSON body) behaves the same.
        { path: '/consumers/x/redeliver', length: 2 * 1024 ** 3 },
        { path: '/consumers/x/redeliver', length: 'chunked' as const },
      ];
      for (const { path, length } of attacks) {
        const attack = flood(port, {
          path,
          length,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        const others = await meanwhile(attack, notify);
        const result = await attack;
        const label = `${path} ${length}`;
        assert.ok(toldTooLarge(result.response), `${label}: ${result.response}`);
        assert.ok(
          result.written < 32 * 1024 ** 2,
          `${label}: the gateway took ${result.written} bytes after its 413`,
        );
        assert.ok(others.length > 0 && others.every((o) => o.status === 200), JSON.stringify(others));
      }
      assert.equal(await gw.store.countEvents(), seq);
    });
  });
});
