import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseEvent } from 'mangokit';
import { eventIdentity, foldCall, type NotificationInput, SqliteStore } from '../src/index.js';
import { callEvent } from './support/notifications.js';

function input(entry: string, leg: string, seq: number): NotificationInput {
  const states = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;
  const json = JSON.stringify(callEvent(entry, leg, seq, states[(seq - 1) % 4]!));
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

describe('SqliteStore with its writer thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-writer-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('commits batches on the writer while the main connection projects, without lock errors', async () => {
    const store = new SqliteStore({ dataDir: dir });
    await store.init();
    try {
      const batches: NotificationInput[][] = [];
      for (let b = 0; b < 20; b++) {
        batches.push(Array.from({ length: 25 }, (_, i) => input(`E${b}`, `L${b}-${i >> 2}`, (i % 4) + 1)));
      }
      // Every batch and a projection pass are started together, as under load.
      const inserted = batches.map((batch) => store.insertBatch(batch));
      const projected: Promise<number>[] = [];
      for (let i = 0; i < 5; i++) projected.push(store.projectPending(100, foldCall));
      const outcomes = (await Promise.all(inserted)).flat();
      await Promise.all(projected);
      assert.equal(outcomes.length, 500);
      assert.ok(outcomes.every((o) => !o.duplicate && typeof o.id === 'number'));
      assert.equal(new Set(outcomes.map((o) => o.id)).size, 500);
      assert.equal(await store.countEvents(), 500);
      // The same batch again: every event is a duplicate and nothing new is stored.
      const again = await store.insertBatch(batches[3]!);
      assert.ok(again.every((o) => o.duplicate && o.id === null));
      assert.equal(await store.countEvents(), 500);
      while ((await store.projectPending(100, foldCall)) > 0) {}
      const call = await store.getCall('E7');
      assert.equal(call?.entryId, 'E7');
      assert.equal((await store.legsOfCall('E7')).length, 7);
    } finally {
      await store.close();
    }
    // Closed after the last commit: a fresh connection sees every row.
    const reopened = new SqliteStore({ dataDir: dir, writerThread: false });
    try {
      assert.equal(await reopened.countEvents(), 500);
    } finally {
      await reopened.close();
    }
  });

  it('answers batches that were joined into one commit each with its own rows, in order', async () => {
    const store = new SqliteStore({ file: join(dir, 'joined.db') });
    await store.init();
    try {
      // 40 batches handed over at once: the writer joins those waiting behind a commit.
      const batches = Array.from({ length: 40 }, (_, b) =>
        Array.from({ length: 8 }, (_, i) => input(`J${b}`, `JL${b}`, i + 1)),
      );
      // The same notification in two batches that may share a transaction: stored once.
      batches[21]![3] = batches[20]![3]!;
      const outcomes = await Promise.all(batches.map((batch) => store.insertBatch(batch)));
      assert.deepEqual(
        outcomes.map((o) => o.length),
        batches.map((b) => b.length),
      );
      assert.deepEqual(outcomes[21]![3], { id: null, duplicate: true });
      const ids = outcomes.flat().flatMap((o) => (o.id === null ? [] : [o.id]));
      assert.equal(ids.length, 319);
      // Ids follow submission order across batches: each batch got its own rows back.
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      );
      for (const [b, batch] of batches.entries()) {
        for (const [i, o] of outcomes[b]!.entries()) {
          if (o.id === null) continue;
          const [stored] = await store.eventsAfter(o.id - 1, 1);
          assert.equal(stored?.json, batch[i]!.json);
        }
      }
      assert.equal(await store.countEvents(), 319);
    } finally {
      await store.close();
    }
  });

  it('answers an insert after close with an error, never a success', async () => {
    const store = new SqliteStore({ file: join(dir, 'closed.db') });
    await store.close();
    await assert.rejects(store.insertBatch([input('X', 'LX', 1)]));
  });
});
