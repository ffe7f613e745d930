import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createEnvelope, signJson } from 'mangokit/protocol';
import { type Gateway, silentLogger, startGateway } from '../src/index.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';

describe('notification ingest (SQLite)', () => {
  let gw: Gateway;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-ingest-'));
    gw = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      maxBodyBytes: 4096,
      logger: silentLogger,
    });
  });
  after(async () => {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a signed urlencoded notification and answers 200 with its id', async () => {
    const before = await gw.store.countEvents();
    const r = await post(gw.url, 'events/call', signedBody(callEvent('E1', 'L1', 1, 'Appeared')));
    assert.equal(r.status, 200);
    assert.equal(typeof r.body.id, 'number');
    assert.equal(await gw.store.countEvents(), before + 1);
  });

  it('accepts multipart bodies (reference §1.2)', async () => {
    const env = createEnvelope({ apiKey: KEY, apiSalt: SALT }, callEvent('E1', 'L1', 2, 'Connected'));
    const form = new FormData();
    form.set('vpbx_api_key', env.vpbx_api_key);
    form.set('sign', env.sign);
    form.set('json', env.json);
    const r = await post(gw.url, 'events/call', form, null);
    assert.equal(r.status, 200);
    const events = await gw.store.eventsOfCall('E1');
    assert.deepEqual(
      events.map((e) => e.seq),
      [1, 2],
    );
  });

  it('answers a replayed notification 200 and stores nothing new', async () => {
    const body = signedBody(callEvent('E2', 'L2', 1, 'Appeared'));
    const first = await post(gw.url, 'events/call', body);
    const n = await gw.store.countEvents();
    const again = await post(gw.url, 'events/call', body);
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    // The same event re-serialised with another key order is the same event too.
    const p = callEvent('E2', 'L2', 1, 'Appeared');
    const reordered = Object.fromEntries(Object.entries(p).reverse());
    assert.equal((await post(gw.url, 'events/call', signedBody(reordered))).body.duplicate, true);
    assert.equal(await gw.store.countEvents(), n);
  });

  it('rejects forged, malformed, oversized and misdirected requests without storing anything', async () => {
    const n = await gw.store.countEvents();
    const good = callEvent('E3', 'L3', 1, 'Appeared');
    const cases: Array<[string, string, string | null, number]> = [
      ['events/call', signedBody(good, KEY, 'wrong-salt'), 'application/x-www-form-urlencoded', 401],
      ['events/call', signedBody(good, 'otherkey', SALT), 'application/x-www-form-urlencoded', 401],
      [
        'events/call',
        signedBody(good).replace(/sign=[0-9a-f]+/, 'sign=' + '0'.repeat(64)),
        'application/x-www-form-urlencoded',
        401,
      ],
      [
        'events/call',
        signedBody(good).replace(/&sign=[0-9a-f]+/, ''),
        'application/x-www-form-urlencoded',
        400,
      ],
      ['events/call', `vpbx_api_key=${KEY}&sign=x&json=`, 'application/x-www-form-urlencoded', 400],
      ['events/call', signedBody({ entry_id: 'E3' }), 'application/x-www-form-urlencoded', 400],
      // The SDK's strict form reader: a repeated field or broken percent-encoding is not guessed.
      ['events/call', `${signedBody(good)}&json=%7B%7D`, 'application/x-www-form-urlencoded', 400],
      ['events/call', `vpbx_api_key=${KEY}&sign=x&json=%ZZ`, 'application/x-www-form-urlencoded', 400],
      ['events/call', signedBody(good), 'application/json', 415],
      ['events/call', signedBody(good), null, 415],
      [
        'events/call',
        signedBody({ ...good, pad: 'x'.repeat(5000) }),
        'application/x-www-form-urlencoded',
        413,
      ],
      ['nowhere/else', signedBody(good), 'application/x-www-form-urlencoded', 404],
    ];
    for (const [path, body, type, status] of cases) {
      const r = await post(gw.url, path, body, type);
      assert.equal(
        r.status,
        status,
        `${path} ${type} → ${status} (got ${r.status} ${JSON.stringify(r.body)})`,
      );
    }
    // Malformed JSON inside a valid signature.
    const raw = '{"entry_id":';
    const bad = `vpbx_api_key=${KEY}&sign=${signJson({ apiKey: KEY, apiSalt: SALT }, raw)}&json=${encodeURIComponent(raw)}`;
    assert.equal((await post(gw.url, 'events/call', bad)).status, 400);
    const get = await fetch(`${gw.url}/events/call`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    await get.text();
    assert.equal(await gw.store.countEvents(), n);
  });

  it('stores unknown notification paths and answers ping', async () => {
    assert.equal((await post(gw.url, 'ping', signedBody({}))).status, 200);
    // An unsigned ping is answered 200 (reference §1.5) but not stored.
    const n = await gw.store.countEvents();
    assert.equal((await post(gw.url, 'ping', 'x=1')).status, 200);
    assert.equal(await gw.store.countEvents(), n);
    assert.equal((await post(gw.url, 'events/some/new/thing', signedBody({ a: 1 }))).status, 200);
    const all = await gw.store.eventsAfter(0, 1000);
    assert.ok(all.some((e) => e.type === 'unknown' && e.path === 'events/some/new/thing'));
    assert.ok(all.some((e) => e.type === 'ping'));
  });
});

describe('access control', () => {
  it('refuses notifications from outside allowIps and REST calls without the admin token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-acl-'));
    const gw = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      allowIps: ['81.88.80.132'],
      trustProxy: true,
      adminToken: 'admintoken-1',
      logger: silentLogger,
    });
    try {
      const body = signedBody(callEvent('A1', 'L', 1, 'Appeared'));
      assert.equal((await post(gw.url, 'events/call', body)).status, 403);
      const viaProxy = await fetch(`${gw.url}/events/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '81.88.80.132' },
        body,
      });
      assert.equal(viaProxy.status, 200);
      await viaProxy.text();
      const health = await fetch(`${gw.url}/health`);
      assert.equal(health.status, 200, 'health stays open');
      await health.text();
      const denied = await fetch(`${gw.url}/calls`);
      assert.equal(denied.status, 401);
      await denied.text();
      const allowed = await fetch(`${gw.url}/events?after=0`, {
        headers: { authorization: 'Bearer admintoken-1' },
      });
      assert.equal(allowed.status, 200);
      assert.equal(((await allowed.json()) as { events: unknown[] }).events.length, 1);
    } finally {
      await gw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails to start on a taken port and leaves nothing running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-port-'));
    const first = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: dir,
      logger: silentLogger,
    });
    try {
      await assert.rejects(
        startGateway({
          port: first.port,
          host: '127.0.0.1',
          apiKey: KEY,
          apiSalt: SALT,
          dataDir: join(dir, 'b'),
          logger: silentLogger,
        }),
        /EADDRINUSE/,
      );
      await assert.rejects(
        startGateway({ port: 0, apiKey: KEY, apiSalt: '', dataDir: dir, logger: silentLogger }),
        /apiSalt/,
      );
    } finally {
      await first.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
