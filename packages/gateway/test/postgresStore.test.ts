import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type Gateway, PostgresStore, silentLogger, startGateway } from '../src/index.js';
import { waitFor } from './support/consumer.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';
import { skipWithout } from '../../../scripts/test-tools.mjs';
import { startPostgres, type TestPostgres } from './support/postgres.js';

describe('PostgreSQL store', { skip: skipWithout('postgresql') }, () => {
  let pgServer: TestPostgres;
  let gw: Gateway;
  before(async () => {
    pgServer = await startPostgres({ fsync: false });
    const url = await pgServer.createDatabase('gw_store');
    gw = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      databaseUrl: url,
      logger: silentLogger,
    });
  });
  after(async () => {
    await gw?.close();
    await pgServer?.stop();
  });

  it('stores, de-duplicates and folds a call', async () => {
    const bodies = [
      signedBody(callEvent('P1', 'A', 1, 'Appeared')),
      signedBody(callEvent('P1', 'A', 2, 'Connected')),
      signedBody(callEvent('P1', 'A', 3, 'Disconnected')),
    ];
    const results = await Promise.all([...bodies, bodies[1]!].map((b) => post(gw.url, 'events/call', b)));
    assert.deepEqual(
      results.map((r) => r.status),
      [200, 200, 200, 200],
    );
    assert.equal(results.filter((r) => r.body.duplicate === true).length, 1);
    assert.equal(await gw.store.countEvents(), 3);
    await waitFor(async () => (await gw.store.getCall('P1'))?.outcome === 'ended', 5000, 'projection');
    const call = await gw.store.getCall('P1');
    assert.equal(call?.employee, '101');
    const legs = await gw.store.legsOfCall('P1');
    assert.equal(legs.length, 1);
    assert.equal(legs[0]?.state, 'Disconnected');
  });

  it('answers 503 when it cannot store, and stores nothing', async () => {
    const url = await pgServer.createDatabase('gw_gone');
    const store = new PostgresStore({ databaseUrl: url });
    const g2 = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      store,
      logger: silentLogger,
    });
    try {
      // Make every insert fail underneath the running gateway (the database itself stays up).
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('ALTER TABLE events ADD CONSTRAINT refuse_all CHECK (false) NOT VALID');
      await admin.end();
      const r = await post(g2.url, 'events/call', signedBody(callEvent('P2', 'B', 1, 'Appeared')));
      assert.equal(r.status, 503);
      // The database answers reads, but what the gateway is for (storing) fails: not healthy.
      const health = await fetch(`${g2.url}/health`);
      assert.equal(health.status, 503);
      assert.deepEqual(
        { ...((await health.json()) as object), instance: undefined },
        { status: 'unavailable', reason: 'cannot_write', store: 'postgres', instance: undefined },
      );
      assert.equal(await store.countEvents(), 0);
    } finally {
      await g2.close();
    }
  });

  it('scrapes /metrics without reading the events table: a lock on it holds no scrape up', async () => {
    const url = await pgServer.createDatabase('gw_metrics');
    const g3 = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      databaseUrl: url,
      logger: silentLogger,
    });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      for (let i = 1; i <= 5; i++)
        assert.equal(
          (await post(g3.url, 'events/call', signedBody(callEvent('M1', 'A', i, 'Appeared')))).status,
          200,
        );
      // A long transaction holding the table (a migration, a VACUUM FULL, a bulk job) would stall
      // a count(*) until the store deadline, and every scrape with it.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await fetch(`${g3.url}/metrics`);
      const text = await res.text();
      const took = Date.now() - started;
      assert.equal(res.status, 200);
      assert.ok(took < 1_500, `scraped in ${took} ms with the events table locked`);
      assert.match(text, /# HELP mangokit_gateway_events Events in the store, read without scanning/);
      assert.match(text, /^mangokit_gateway_events \d+$/m);
      assert.match(text, /^mangokit_gateway_store_reachable 1$/m);
    } finally {
      await admin.query('ROLLBACK').catch(() => {});
      await admin.end();
      await g3.close();
    }
  });
});
