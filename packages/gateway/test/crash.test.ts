import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createConsumer, perCallOrderViolations, waitFor } from './support/consumer.js';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';
import { sendAll } from './support/load.js';
import { callEvent, signedBody } from './support/notifications.js';

function countRows(dir: string): number {
  const db = new Database(join(dir, 'gateway.db'), { readonly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe('kill -9 under load (SQLite, real process)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-crash-'));
  let gw: GatewayProcess | undefined;
  after(async () => {
    await gw?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged notification exactly once across a crash', async () => {
    const states = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;
    const payloads = Array.from({ length: 4000 }, (_, i) =>
      callEvent(`crash-${i % 500}`, `leg-${i % 500}-${Math.floor(i / 2000)}`, i, states[i % 4]!),
    );
    const bodies = payloads.map((p) => signedBody(p));
    const consumer = await createConsumer();
    await consumer.listen();
    after(() => consumer.close());
    const args = ['--data-dir', dir, '--consumer', consumer.url, '--log-level', 'error'];
    gw = await startGatewayProcess(args);
    const first = gw;
    let killed: Promise<void> | null = null;
    const outcomes = await sendAll(
      () => `${first.url}/events/call`,
      bodies,
      32,
      (_done, ok) => {
        // Kill mid-stream, while requests are in flight and batches are committing.
        if (ok >= 1200 && !killed) killed = first.kill9();
      },
    );
    await killed;
    const acked = outcomes.map((o, i) => (o === 200 ? i : -1)).filter((i) => i >= 0);
    assert.ok(acked.length >= 1200, `acked ${acked.length}`);
    assert.ok(
      outcomes.some((o) => o !== 200),
      'the crash must have cut some requests off',
    );
    for (const o of outcomes) assert.ok(o === 200 || o === 'error', `unexpected status ${o}`);

    // Restart on the same data directory: it must come up and serve again.
    gw = await startGatewayProcess(args);
    const health = await fetch(`${gw.url}/health`);
    assert.equal(health.status, 200);
    await health.text();
    // Delivery resumes from the consumer's cursor: every stored event reaches the consumer.
    const total = await countRows(dir);
    await waitFor(
      () => new Set(consumer.received.map((e) => e.id)).size === total,
      30_000,
      'deliveries after restart',
    );
    assert.deepEqual(perCallOrderViolations(consumer.received), []);
    await gw.stop();

    const db = new Database(join(dir, 'gateway.db'), { readonly: true });
    try {
      const counts = new Map<string, number>();
      for (const row of db.prepare('SELECT json FROM events').all() as { json: string }[]) {
        counts.set(row.json, (counts.get(row.json) ?? 0) + 1);
      }
      for (const i of acked) {
        assert.equal(
          counts.get(JSON.stringify(payloads[i])),
          1,
          `acknowledged notification ${i} stored once`,
        );
      }
      // Nothing that was never sent, and nothing twice.
      const sent = new Set(payloads.map((p) => JSON.stringify(p)));
      for (const [json, n] of counts) {
        assert.ok(sent.has(json));
        assert.equal(n, 1);
      }
      assert.ok(counts.size >= acked.length);
      const lost = acked.filter((i) => counts.get(JSON.stringify(payloads[i])) !== 1).length;
      console.log(
        `# kill -9 (SQLite): acknowledged ${acked.length}, stored ${counts.size}, lost ${lost}, stored twice 0`,
      );
    } finally {
      db.close();
    }
  });
});
