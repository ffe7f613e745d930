import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createConsumer, perCallOrderViolations, type TestConsumer, waitFor } from './support/consumer.js';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';
import { type SendOutcome, sendAll } from './support/load.js';
import { callEvent, signedBody } from './support/notifications.js';
import { skipWithout } from '../../../scripts/test-tools.mjs';
import { startPostgres, type TestPostgres } from './support/postgres.js';

const STATES = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;

/** `200×n, error×m, …` — what a batch of requests got, for failure messages. */
function tally(outcomes: SendOutcome[]): string {
  const counts = new Map<SendOutcome, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  return [...counts].map(([o, n]) => `${o}×${n}`).join(', ');
}

describe('two gateway instances on one PostgreSQL (real processes)', {
  skip: skipWithout('postgresql'),
}, () => {
  let server: TestPostgres;
  let url: string;
  let consumer: TestConsumer;
  const instances: GatewayProcess[] = [];
  before(async () => {
    server = await startPostgres({ fsync: false });
    url = await server.createDatabase('gw_shared');
    consumer = await createConsumer();
    await consumer.listen();
  });
  after(async () => {
    await Promise.all(instances.map((g) => g.stop()));
    await consumer?.close();
    await server?.stop();
  });

  it('stores every notification once, including ones posted to both at the same time', async () => {
    const args = [
      '--database-url',
      url,
      '--consumer',
      consumer.url,
      '--retry-backoff-ms',
      '50',
      '--log-level',
      'error',
    ];
    instances.push(...(await Promise.all([startGatewayProcess(args), startGatewayProcess(args)])));
    const [a, b] = instances as [GatewayProcess, GatewayProcess];
    const calls = 100;
    const perCall = 8;
    const payloads = Array.from({ length: calls * perCall }, (_, i) => {
      const c = i % calls;
      const s = Math.floor(i / calls) + 1;
      return callEvent(`multi-${c}`, `leg-${c}`, s, STATES[(s - 1) % 4]!);
    });
    const bodies = payloads.map((p) => signedBody(p));
    // Every notification goes to A; every other one also to B at the same moment (the PBX or a
    // load balancer retrying on the other instance), the rest to B only once more later.
    const [ra, rb] = await Promise.all([
      sendAll(() => `${a.url}/events/call`, bodies, 16),
      sendAll(
        () => `${b.url}/events/call`,
        bodies.filter((_, i) => i % 2 === 0),
        16,
      ),
    ]);
    const rb2 = await sendAll(
      () => `${b.url}/events/call`,
      bodies.filter((_, i) => i % 2 === 1),
      16,
    );
    for (const o of [...ra, ...rb, ...rb2]) assert.equal(o, 200);

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = (await db.query('SELECT json, count(*)::int AS n FROM events GROUP BY json')).rows as {
        json: string;
        n: number;
      }[];
      assert.equal(rows.length, payloads.length, 'no loss');
      assert.ok(
        rows.every((r) => r.n === 1),
        'no duplicates',
      );
      const stored = new Set(rows.map((r) => r.json));
      for (const p of payloads) assert.ok(stored.has(JSON.stringify(p)));

      // Both instances project; every call ends up folded once, from all of its events.
      await waitFor(
        async () =>
          (await db.query('SELECT count(*)::int AS n FROM events WHERE NOT projected')).rows[0].n === 0,
        30_000,
        'projection',
      );
      const callsRows = (await db.query('SELECT entry_id, outcome FROM calls')).rows as { outcome: string }[];
      assert.equal(callsRows.length, calls);
      assert.ok(
        callsRows.every((c) => c.outcome === 'ended'),
        'every call saw its Disconnected leg',
      );
      const legs = (await db.query("SELECT count(*)::int AS n FROM legs WHERE state = 'Disconnected'"))
        .rows[0].n;
      assert.equal(legs, calls);
    } finally {
      await db.end();
    }

    // One consumer shared by both instances: everything delivered, per-call order kept.
    await waitFor(
      () => new Set(consumer.received.map((e) => e.id)).size === payloads.length,
      30_000,
      'deliveries',
    );
    assert.deepEqual(perCallOrderViolations(consumer.received), []);
  });

  it('loses nothing when one instance is killed -9 under load and restarted', async () => {
    const db = await server.createDatabase('gw_kill');
    const sink = await createConsumer();
    await sink.listen();
    const args = (id: string) => [
      '--database-url',
      db,
      '--consumer',
      sink.url,
      '--retry-backoff-ms',
      '50',
      '--instance-id',
      id,
      '--log-level',
      'error',
    ];
    let a = await startGatewayProcess(args('a'));
    const b = await startGatewayProcess(args('b'));
    instances.push(b);
    try {
      const payloads = Array.from({ length: 1600 }, (_, i) =>
        callEvent(
          `kill-${i % 200}`,
          `leg-${i % 200}`,
          Math.floor(i / 200) + 1,
          STATES[Math.floor(i / 200) % 4]!,
        ),
      );
      const bodies = payloads.map((p) => signedBody(p));
      const first = a;
      let killed: Promise<void> | null = null;
      const even = bodies.filter((_, i) => i % 2 === 0);
      const odd = bodies.filter((_, i) => i % 2 === 1);
      const [ra, rb] = await Promise.all([
        sendAll(
          () => `${first.url}/events/call`,
          even,
          16,
          (_d, ok) => {
            if (ok >= 200 && !killed) killed = first.kill9();
          },
        ),
        sendAll(() => `${b.url}/events/call`, odd, 16),
      ]);
      await killed;
      assert.ok(
        rb.every((o) => o === 200),
        `the surviving instance kept answering: ${tally(rb)}`,
      );
      assert.ok(
        ra.some((o) => o !== 200),
        `the kill cut requests off: ${tally(ra)}`,
      );
      a = await startGatewayProcess(args('a'));
      instances.push(a);
      // The PBX retries what was not acknowledged; send it to the restarted instance.
      const retry = even.filter((_, i) => ra[i] !== 200);
      for (const o of await sendAll(() => `${a.url}/events/call`, retry, 16)) assert.equal(o, 200);

      const c = new pg.Client({ connectionString: db });
      await c.connect();
      try {
        const rows = (await c.query('SELECT json, count(*)::int AS n FROM events GROUP BY json')).rows as {
          json: string;
          n: number;
        }[];
        const acked = ra.filter((o) => o === 200).length + rb.filter((o) => o === 200).length;
        console.log(
          `# kill -9 (PostgreSQL, 2 instances): acknowledged ${acked} by both instances around the kill + ${retry.length} unacknowledged ones re-sent after the restart, stored ${rows.length} of ${payloads.length} sent, lost ${payloads.length - rows.length}`,
        );
        assert.equal(rows.length, payloads.length, 'no loss');
        assert.ok(
          rows.every((r) => r.n === 1),
          'no duplicates',
        );
      } finally {
        await c.end();
      }
      await waitFor(
        () => new Set(sink.received.map((e) => e.id)).size === payloads.length,
        30_000,
        'deliveries',
      );
      assert.deepEqual(perCallOrderViolations(sink.received), []);
    } finally {
      await sink.close();
    }
  });
});
