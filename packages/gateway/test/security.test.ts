import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { InsecureAdminError, silentLogger, startGateway } from '../src/index.js';
import { waitFor } from './support/consumer.js';
import { startGatewayProcess } from './support/gatewayProcess.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'gw-sec-'));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('secure by default: the admin API', () => {
  it('binds loopback by default and refuses a reachable address without a token', async () => {
    const dir = tmp();
    const gw = await startGateway({
      port: 0,
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      logger: silentLogger,
    });
    try {
      assert.match(gw.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      // Loopback only: a local client may read without a token.
      assert.equal((await fetch(`${gw.url}/events`)).status, 200);
      // …but not one that came through a proxy (someone exposed this port).
      const proxied = await fetch(`${gw.url}/events`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      assert.equal(proxied.status, 401);
    } finally {
      await gw.close();
    }
    for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
      await assert.rejects(
        startGateway({ port: 0, host, apiKey: KEY, apiSalt: SALT, dataDir: dir, logger: silentLogger }),
        (err: Error) => err instanceof InsecureAdminError && /without a token/.test(err.message),
      );
    }
    await assert.rejects(
      startGateway({
        port: 0,
        trustProxy: true,
        apiKey: KEY,
        apiSalt: SALT,
        dataDir: dir,
        logger: silentLogger,
      }),
      InsecureAdminError,
    );
    // Nothing was left holding the data directory.
    const again = await startGateway({
      port: 0,
      host: '0.0.0.0',
      adminToken: 'a-long-enough-admin-token',
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      logger: silentLogger,
    });
    await again.close();
  });

  it('the binary refuses --host 0.0.0.0 without a token, and says what to do', async () => {
    await assert.rejects(
      startGatewayProcess(['--data-dir', tmp(), '--host', '0.0.0.0', '--log-level', 'error']),
      (err: Error) =>
        /exited with 1/.test(err.message) && /--admin-token or GATEWAY_ADMIN_TOKEN/.test(err.message),
    );
  });

  it('with a token, every admin endpoint needs it (Bearer in any case); notifications and /health do not', async () => {
    const token = 'a-long-enough-admin-token';
    const gw = await startGateway({
      port: 0,
      host: '0.0.0.0',
      adminToken: token,
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: tmp(),
      consumers: [{ name: 'crm', url: 'http://127.0.0.1:9/hook' }],
      logger: silentLogger,
    });
    try {
      assert.equal(
        (await post(gw.url, 'events/call', signedBody(callEvent('S1', 'L', 1, 'Appeared')))).status,
        200,
      );
      assert.equal((await fetch(`${gw.url}/health`)).status, 200);
      const endpoints: Array<[string, string]> = [
        ['GET', '/events'],
        ['GET', '/calls'],
        ['GET', '/calls/S1'],
        ['GET', '/consumers'],
        ['GET', '/dead-letters'],
        ['GET', '/metrics'],
        ['GET', '/stream?after=0'],
        ['POST', '/consumers/crm/redeliver'],
        ['GET', '/nothing-here'],
      ];
      for (const [method, path] of endpoints) {
        for (const authorization of [
          undefined,
          'Bearer wrong-token',
          `Basic ${token}`,
          `Bearer ${token}x`,
          token,
        ]) {
          const r = await fetch(`${gw.url}${path}`, {
            method,
            headers: authorization ? { authorization } : {},
          });
          assert.equal(r.status, 401, `${method} ${path} with ${authorization ?? 'no token'}`);
          await r.text();
        }
      }
      for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
        const r = await fetch(`${gw.url}/events?after=0`, {
          headers: { authorization: `${scheme} ${token}` },
        });
        assert.equal(r.status, 200, scheme);
        assert.equal(((await r.json()) as { events: unknown[] }).events.length, 1);
      }
    } finally {
      await gw.close();
    }
  });

  it('answers malformed percent-encoding in a path with 400, not 500', async () => {
    const gw = await startGateway({
      port: 0,
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: tmp(),
      logger: silentLogger,
    });
    try {
      for (const [method, path] of [
        ['GET', '/calls/%E0%A4%A'],
        ['GET', '/calls/%ZZ'],
        ['POST', '/consumers/%E0%A4%A/redeliver'],
      ] as const) {
        const r = await fetch(`${gw.url}${path}`, { method });
        assert.equal(r.status, 400, path);
        assert.equal(((await r.json()) as { error: string }).error, 'bad_path');
      }
      assert.equal((await fetch(`${gw.url}/calls/${encodeURIComponent('a/b c')}`)).status, 404);
    } finally {
      await gw.close();
    }
  });
});

describe('secrets in consumer URLs are redacted everywhere', () => {
  it('keeps user:pass@ and token parameters out of /metrics, /consumers, the consumer header and the database', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const consumer = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    await new Promise<void>((r) => consumer.listen(0, '127.0.0.1', () => r()));
    const port = (consumer.address() as AddressInfo).port;
    const secrets = ['hunter2', 's3cr3t-t0ken', 'sig-value-42'];
    const url = `http://crm-user:hunter2@127.0.0.1:${port}/hook?token=s3cr3t-t0ken&sig=sig-value-42&team=sales`;
    const dir = tmp();
    // A consumer stored by a release that named it by its full URL: its cursor carries over.
    const gw0 = await startGateway({
      port: 0,
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      logger: silentLogger,
    });
    await gw0.store.ensureConsumer(url, url);
    await gw0.store.advanceCursor(url, 0, []);
    await gw0.close();
    const gw = await startGateway({
      port: 0,
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      consumers: [url],
      logger: silentLogger,
    });
    try {
      assert.equal(
        (await post(gw.url, 'events/call', signedBody(callEvent('K1', 'L', 1, 'Appeared')))).status,
        200,
      );
      await waitFor(() => seen.length > 0, 10_000, 'delivery');
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      const consumers = await (await fetch(`${gw.url}/consumers`)).text();
      const header = String(seen[0]!['x-mangokit-consumer']);
      for (const place of [metrics, consumers, header]) {
        for (const s of secrets) assert.ok(!place.includes(s), `${s} leaked: ${place.slice(0, 300)}`);
      }
      assert.match(header, /^http:\/\/\*\*\*@127\.0\.0\.1:\d+\/hook\?token=\*\*\*&sig=\*\*\*&team=sales$/);
      assert.match(metrics, /mangokit_gateway_deliveries_total\{consumer="http:\/\/\*\*\*@127\.0\.0\.1/);
      const list = JSON.parse(consumers) as { consumers: Array<{ name: string; url: string }> };
      assert.equal(list.consumers.length, 1, 'the old row was renamed, not duplicated');
      assert.equal(list.consumers[0]!.name, header);
    } finally {
      await gw.close();
      consumer.close();
    }
    const db = new Database(join(dir, 'gateway.db'), { readonly: true });
    try {
      const rows = JSON.stringify(db.prepare('SELECT * FROM consumers').all());
      for (const s of secrets) assert.ok(!rows.includes(s), `${s} stored`);
    } finally {
      db.close();
    }
  });

  it('refuses two consumers that would share one name (and one cursor)', async () => {
    await assert.rejects(
      startGateway({
        port: 0,
        apiKey: KEY,
        apiSalt: SALT,
        dataDir: tmp(),
        consumers: ['http://crm/hook?token=a', 'http://crm/hook?token=b'],
        logger: silentLogger,
      }),
      /two consumers are named "http:\/\/crm\/hook\?token=\*\*\*"/,
    );
  });
});
