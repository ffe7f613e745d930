import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseEvent } from 'mangokit';
import pg from 'pg';
import {
  type CallFolder,
  DatabaseInUseError,
  eventIdentity,
  foldCall,
  type GatewayStore,
  type Migration,
  MIGRATIONS,
  type NotificationInput,
  PostgresStore,
  SchemaTooNewError,
  SqliteStore,
} from '../src/index.js';
import { callEvent } from './support/notifications.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

const STATES = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;

function input(
  entry: string,
  leg: string,
  seq: number,
  extra: Record<string, unknown> = {},
): NotificationInput {
  const json = JSON.stringify(callEvent(entry, leg, seq, STATES[(seq - 1) % 4]!, extra));
  const event = parseEvent('events/call', json);
  return {
    ...eventIdentity(event, json),
    path: event.path,
    type: event.type,
    name: event.name,
    json,
    receivedAt: Date.now(),
  };
}

/** A fold that also reports one ready recording per call (named after the call). */
const foldWithRecording: CallFolder = (entryId, previous, events) => {
  const p = foldCall(entryId, previous, events);
  return { ...p, recordings: [{ recordingId: `rec-${entryId}`, entryId, state: 'Completed', ready: true }] };
};

/** How to open a store of one kind, fresh or on the same database again. */
interface Harness {
  kind: 'sqlite' | 'postgres';
  /** A store on a new, empty database. */
  fresh(
    name: string,
  ): Promise<{ open(migrations?: readonly Migration[]): GatewayStore; cleanup(): Promise<void> }>;
}

/** The storage contract: the same tests, run against each store. */
function contract(h: Harness): void {
  const opened: GatewayStore[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const make = async (name: string) => {
    const db = await h.fresh(name);
    cleanups.push(db.cleanup);
    const store = db.open();
    opened.push(store);
    await store.init();
    return { store, db };
  };
  after(async () => {
    for (const s of opened) await s.close().catch(() => {});
    for (const c of cleanups) await c();
  });

  it('stores a batch in order and reports duplicates, within the batch and across batches', async () => {
    const { store } = await make('ingest');
    const a = input('E1', 'L1', 1);
    const b = input('E1', 'L1', 2);
    const first = await store.insertBatch([a, b, a]);
    assert.deepEqual(
      first.map((o) => o.duplicate),
      [false, false, true],
    );
    assert.ok((first[0]!.id as number) < (first[1]!.id as number));
    const again = await store.insertBatch([b, input('E2', 'L2', 1)]);
    assert.deepEqual(
      again.map((o) => o.duplicate),
      [true, false],
    );
    assert.equal(await store.countEvents(), 3);
    assert.equal(await store.latestEventId(), again[1]!.id);
    const all = await store.eventsAfter(0, 10);
    assert.deepEqual(
      all.map((e) => [e.entryId, e.seq]),
      [
        ['E1', 1],
        ['E1', 2],
        ['E2', 1],
      ],
    );
    assert.equal(all[0]!.json, a.json, 'the raw json as received');
    assert.deepEqual(
      (await store.eventsAfter(all[0]!.id, 1)).map((e) => e.id),
      [all[1]!.id],
    );
    assert.deepEqual(
      (await store.eventsOfCall('E1')).map((e) => e.seq),
      [1, 2],
    );
  });

  it('projects calls once, and answers queries on them', async () => {
    const { store } = await make('calls');
    await store.insertBatch([
      input('C1', 'A', 1),
      input('C1', 'A', 2),
      input('C1', 'A', 3, {}),
      input('C1', 'A', 4),
      input('C2', 'B', 1, { from: { number: '79990000000' } }),
    ]);
    assert.equal(await store.projectPending(100, foldWithRecording), 5);
    assert.equal(await store.projectPending(100, foldWithRecording), 0, 'nothing twice');
    const c1 = await store.getCall('C1');
    assert.equal(c1?.outcome, 'ended');
    assert.equal(c1?.employee, '101');
    assert.equal((await store.legsOfCall('C1'))[0]?.state, 'Disconnected');
    const recs = await store.recordingsOfCall('C1');
    assert.deepEqual(
      recs.map((r) => [r.recordingId, r.ready, r.archiveStatus]),
      [['rec-C1', true, null]],
    );
    assert.deepEqual((await store.queryCalls({})).map((c) => c.entryId).sort(), ['C1', 'C2']);
    assert.deepEqual(
      (await store.queryCalls({ number: '79990000000' })).map((c) => c.entryId),
      ['C2'],
    );
    assert.deepEqual(
      (await store.queryCalls({ outcome: 'ended' })).map((c) => c.entryId),
      ['C1'],
    );
    assert.deepEqual((await store.queryCalls({ employee: '101' })).map((c) => c.entryId).sort(), [
      'C1',
      'C2',
    ]);
    assert.equal((await store.queryCalls({ limit: 1 })).length, 1);
    assert.equal((await store.queryCalls({ limit: 10, offset: 1 })).length, 1);
    assert.equal((await store.queryCalls({ from: 1_767_225_600 + 100 })).length, 0);
    // More events of a projected call fold into its stored state.
    await store.insertBatch([input('C2', 'B', 2)]);
    assert.equal(await store.projectPending(100, foldCall), 1);
    assert.equal((await store.legsOfCall('C2'))[0]?.state, 'Connected');
    assert.equal(await store.getCall('nope'), null);
  });

  it('delivers: cursor, parked retries, dead letters and redelivery', async () => {
    const { store } = await make('delivery');
    const ids = (await store.insertBatch([1, 2, 3, 4].map((s) => input('D', 'L', s)))).map(
      (o) => o.id as number,
    );
    await store.ensureConsumer('crm', 'http://crm/1');
    await store.ensureConsumer('crm', 'http://crm/2'); // re-pointed, not duplicated
    assert.deepEqual(await store.consumerStatus(), [
      { name: 'crm', url: 'http://crm/2', cursor: 0, pending: 0, dead: 0 },
    ]);
    const park = (eventId: number, nextAt: number) => ({
      consumer: 'crm',
      eventId,
      entryKey: 'D',
      attempts: 1,
      nextAt,
      status: 'pending' as const,
      lastError: 'HTTP 500',
    });
    await store.advanceCursor('crm', ids[2]!, [park(ids[1]!, 0), park(ids[0]!, 0)]);
    await store.advanceCursor('crm', ids[0]!, []); // never moves back
    assert.equal(await store.getCursor('crm'), ids[2]);
    const pending = await store.pendingParked('crm', 10);
    assert.deepEqual(
      pending.map((p) => [p.eventId, p.event.seq, p.attempts]),
      [
        [ids[0], 1, 1],
        [ids[1], 2, 1],
      ],
    );
    assert.equal(await store.failParked('crm', [ids[0]!, ids[1]!], 5, 3, 'HTTP 502'), 0);
    assert.equal(await store.failParked('crm', [ids[0]!], 5, 3, 'HTTP 503'), 1, 'third attempt: dead');
    const dead = await store.deadLetters('crm', 10);
    assert.deepEqual(
      dead.map((d) => [d.eventId, d.attempts, d.lastError]),
      [[ids[0], 3, 'HTTP 503']],
    );
    assert.equal((await store.deadLetters(null, 10)).length, 1);
    assert.equal((await store.deadLetters('other', 10)).length, 0);
    assert.deepEqual(
      (await store.consumerStatus()).map((c) => [c.pending, c.dead]),
      [[1, 1]],
    );
    assert.equal(await store.redeliver('crm', [ids[3]!]), 0, 'only dead letters are redelivered');
    assert.equal(await store.redeliver('crm', null), 1);
    assert.deepEqual(
      (await store.pendingParked('crm', 10)).map((p) => [p.eventId, p.attempts]),
      [
        [ids[0], 0],
        [ids[1], 2],
      ],
    );
    await store.resolveParked('crm', [ids[0]!, ids[1]!]);
    assert.deepEqual(await store.pendingParked('crm', 10), []);
    await store.failParked('crm', [], 0, 1, 'x'); // empty lists are fine
    await store.resolveParked('crm', []);
    // A rename carries the cursor and the parked events along, and never merges two consumers.
    await store.advanceCursor('crm', ids[3]!, [park(ids[3]!, 0)]);
    await store.renameConsumer('crm', 'crm-renamed');
    await store.ensureConsumer('other', 'http://other');
    await store.renameConsumer('crm-renamed', 'other');
    await store.renameConsumer('nobody', 'x');
    assert.deepEqual(
      (await store.consumerStatus()).map((c) => [c.name, c.cursor, c.pending]),
      [
        ['crm-renamed', ids[3], 1],
        ['other', 0, 0],
      ],
    );
  });

  it(`leases a consumer ${h.kind === 'sqlite' ? '(always to this process)' : 'to one instance at a time'}`, async () => {
    const { store } = await make('lease');
    await store.ensureConsumer('crm', 'http://crm');
    assert.equal(await store.leaseConsumer('crm', 'a', 60_000), true);
    assert.equal(await store.leaseConsumer('crm', 'a', 60_000), true, 'renewed');
    // SQLite: one process owns the file, so a lease left by a crashed predecessor is taken over.
    assert.equal(await store.leaseConsumer('crm', 'b', 60_000), h.kind === 'sqlite');
    await store.releaseConsumer('crm', h.kind === 'sqlite' ? 'b' : 'a');
    assert.equal(await store.leaseConsumer('crm', 'c', 1), true, 'free after release');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal(await store.leaseConsumer('crm', 'd', 60_000), true, 'free after expiry');
    assert.equal(await store.leaseConsumer('nobody', 'a', 60_000), false);
  });

  it('claims archive jobs once, retries failures later, and records the file', async () => {
    const { store } = await make('archive');
    await store.insertBatch([input('R1', 'A', 1), input('R2', 'B', 1)]);
    await store.projectPending(100, foldWithRecording);
    const first = await store.claimArchiveJob('w1', 60_000);
    const second = await store.claimArchiveJob('w2', 60_000);
    assert.ok(first && second);
    assert.notEqual(first.recordingId, second.recordingId);
    assert.equal(await store.claimArchiveJob('w3', 60_000), null, 'both are taken');
    await store.completeArchiveJob(first.recordingId, '/archive/one.mp3');
    await store.failArchiveJob(second.recordingId, Date.now() + 60_000, 2, 'HTTP 404');
    assert.equal(await store.claimArchiveJob('w3', 60_000), null, 'the retry is not due yet');
    await store.failArchiveJob(second.recordingId, 0, 2, 'HTTP 404'); // second attempt: failed for good
    assert.equal(await store.claimArchiveJob('w3', 60_000), null);
    const recs = [...(await store.recordingsOfCall('R1')), ...(await store.recordingsOfCall('R2'))];
    const byId = new Map(recs.map((r) => [r.recordingId, r]));
    assert.equal(byId.get(first.recordingId)?.archiveStatus, 'archived');
    assert.equal(byId.get(first.recordingId)?.filePath, '/archive/one.mp3');
    assert.equal(byId.get(second.recordingId)?.archiveStatus, 'failed');
    assert.equal(byId.get(second.recordingId)?.attempts, 2);
    assert.equal(byId.get(second.recordingId)?.lastError, 'HTTP 404');
  });

  it('takes a claimed job back when its lease expires', async () => {
    const { store } = await make('archive_lease');
    await store.insertBatch([input('R3', 'A', 1)]);
    await store.projectPending(100, foldWithRecording);
    const job = await store.claimArchiveJob('crashed', 1);
    assert.equal(job?.recordingId, 'rec-R3');
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await store.claimArchiveJob('w2', 60_000))?.recordingId, 'rec-R3');
  });

  it('answers ping and a write probe', async () => {
    const { store } = await make('health');
    await store.ping();
    await store.probeWrite();
    assert.equal(await store.countEvents(), 0, 'the probe leaves no event behind');
  });

  it('counts its events without reading the events table (estimateEvents)', async () => {
    const { store, db } = await make('estimate');
    assert.equal(await store.estimateEvents(), 0);
    const batch = Array.from({ length: 300 }, (_, i) => input(`C${i % 30}`, `L${i}`, 1));
    await store.insertBatch(batch.slice(0, 200));
    // Duplicates and a write probe: on PostgreSQL each takes a sequence value, so ids have gaps.
    await store.insertBatch(batch.slice(100));
    await store.probeWrite();
    assert.equal(await store.countEvents(), 300);
    assert.ok((await store.latestEventId()) > 300 || h.kind === 'sqlite', 'ids are no count on PostgreSQL');
    // PostgreSQL's statistics take a session's counts when it ends (or within seconds): reopen.
    await store.close();
    const again = db.open();
    opened.push(again);
    await again.init();
    const deadline = Date.now() + 10_000;
    while ((await again.estimateEvents()) !== 300 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(await again.estimateEvents(), 300);
  });

  it('records its schema version, applies a new version to an existing database, and refuses a newer one', async () => {
    const { store, db } = await make('migrations');
    await store.insertBatch([input('M1', 'A', 1)]);
    await store.close();
    const v2: Migration = {
      version: 2,
      name: 'a column a later release adds',
      sqlite: 'ALTER TABLE events ADD COLUMN note TEXT',
      postgres: 'ALTER TABLE events ADD COLUMN note TEXT',
    };
    const upgraded = db.open([...MIGRATIONS, v2]);
    opened.push(upgraded);
    await upgraded.init();
    await upgraded.init(); // applied once
    assert.equal(await upgraded.countEvents(), 1, 'the data survives the upgrade');
    assert.equal((await upgraded.eventsAfter(0, 1))[0]?.entryId, 'M1');
    await upgraded.close();
    const old = db.open(MIGRATIONS);
    opened.push(old);
    await assert.rejects(old.init(), SchemaTooNewError);
    await old.close();
  });
}

describe('store contract: SQLite', () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  contract({
    kind: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'gw-contract-'));
      dirs.push(dir);
      return {
        open: (migrations) => new SqliteStore({ dataDir: dir, ...(migrations ? { migrations } : {}) }),
        async cleanup() {},
      };
    },
  });

  it('refuses a second store on the same data directory, and frees it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-lock-'));
    dirs.push(dir);
    const first = new SqliteStore({ dataDir: dir });
    await first.init();
    assert.throws(() => new SqliteStore({ dataDir: dir }), DatabaseInUseError);
    await first.close();
    const again = new SqliteStore({ dataDir: dir });
    await again.init();
    await again.close();
  });

  it('records version 1 on a database created before the schema had versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-legacy-'));
    dirs.push(dir);
    const s = new SqliteStore({ dataDir: dir });
    await s.init();
    await s.insertBatch([input('L', 'A', 1)]);
    await s.close();
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(join(dir, 'gateway.db'));
    raw.exec('DROP TABLE schema_migrations'); // as the unversioned releases left it
    raw.close();
    const reopened = new SqliteStore({ dataDir: dir });
    await reopened.init();
    assert.equal(await reopened.countEvents(), 1);
    await reopened.close();
    const check = new Database(join(dir, 'gateway.db'), { readonly: true });
    assert.deepEqual(check.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }]);
    check.close();
  });
});

describe('store contract: PostgreSQL', () => {
  let server: TestPostgres;
  before(async () => {
    server = await startPostgres({ fsync: false });
  });
  after(async () => {
    await server?.stop();
  });
  contract({
    kind: 'postgres',
    async fresh(name) {
      const url = await server.createDatabase(`contract_${name}`);
      return {
        open: (migrations) => new PostgresStore({ databaseUrl: url, ...(migrations ? { migrations } : {}) }),
        async cleanup() {},
      };
    },
  });

  it('applies migrations once when instances start together, and adopts an unversioned database', async () => {
    const url = await server.createDatabase('contract_together');
    const stores = Array.from({ length: 4 }, () => new PostgresStore({ databaseUrl: url }));
    await Promise.all(stores.map((s) => s.init()));
    await stores[0]!.insertBatch([input('T', 'A', 1)]);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      assert.deepEqual((await c.query('SELECT version FROM schema_migrations')).rows, [{ version: 1 }]);
      // As the unversioned releases left it: the tables, no version table.
      await c.query('DROP TABLE schema_migrations');
    } finally {
      await c.end();
    }
    for (const s of stores) await s.close();
    const adopted = new PostgresStore({ databaseUrl: url });
    await adopted.init();
    assert.equal(await adopted.countEvents(), 1);
    await adopted.close();
  });

  it('estimates its events with a catalog read: a lock on the events table does not hold it up', async () => {
    const url = await server.createDatabase('contract_locked');
    const store = new PostgresStore({ databaseUrl: url });
    await store.init();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      assert.equal(await store.estimateEvents(), 0);
      assert.ok(Date.now() - started < 1_000, `estimated in ${Date.now() - started} ms under the lock`);
      // The lock does hold up whatever reads the table.
      const counted = store.countEvents();
      const first = await Promise.race([
        counted.then(() => 'count'),
        new Promise((r) => setTimeout(r, 500, 'held')),
      ]);
      assert.equal(first, 'held');
      await c.query('ROLLBACK');
      assert.equal(await counted, 0);
    } finally {
      await c.end();
      await store.close();
    }
  });
});
