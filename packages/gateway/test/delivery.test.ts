import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { silentLogger, startGateway } from '../src/index.js';
import { createConsumer, perCallOrderViolations, waitFor } from './support/consumer.js';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';
import { sendAll } from './support/load.js';
import { callEvent, KEY, post, SALT, signedBody } from './support/notifications.js';
import { freePort } from './support/postgres.js';

const STATES = ['Appeared', 'Connected', 'OnHold', 'Disconnected'] as const;

describe('forwarding to consumers', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'gw-deliver-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('delivers everything, in per-call order, to a consumer that was down for a while', async () => {
    const port = await freePort();
    const consumer = await createConsumer(port); // not listening yet: connections are refused
    let gw: GatewayProcess | undefined;
    try {
      gw = await startGatewayProcess([
        '--data-dir',
        tmp(),
        '--consumer',
        consumer.url,
        '--retry-backoff-ms',
        '50',
        '--max-attempts',
        '1000',
        '--log-level',
        'error',
      ]);
      const calls = 40;
      const perCall = 12;
      // Each call's events are sent one after another (so stored order is seq order), calls in parallel.
      const bodies: string[][] = Array.from({ length: calls }, (_, c) =>
        Array.from({ length: perCall }, (_, s) =>
          signedBody(callEvent(`down-${c}`, `leg-${c}`, s + 1, STATES[s % 4]!)),
        ),
      );
      const url = gw.url;
      const outcomes = (
        await Promise.all(bodies.map((list) => sendAll(() => `${url}/events/call`, list, 1)))
      ).flat();
      assert.ok(outcomes.every((o) => o === 200));
      await new Promise((r) => setTimeout(r, 700)); // the consumer stays down; retries pile up
      assert.equal(consumer.received.length, 0);
      await consumer.listen();
      await waitFor(
        () => new Set(consumer.received.map((e) => e.id)).size === calls * perCall,
        30_000,
        'all deliveries',
      );
      assert.deepEqual(perCallOrderViolations(consumer.received), []);
      // Stored order equals seq order here, so each call's seqs arrive ascending.
      for (let c = 0; c < calls; c++) {
        const seqs = [
          ...new Map(
            consumer.received.filter((e) => e.entry_id === `down-${c}`).map((e) => [e.id, e.seq]),
          ).values(),
        ];
        assert.deepEqual(
          seqs,
          Array.from({ length: perCall }, (_, s) => s + 1),
        );
      }
      const status = (await (await fetch(`${url}/consumers`)).json()) as {
        consumers: { pending: number; dead: number }[];
      };
      assert.equal(status.consumers[0]?.dead, 0);
    } finally {
      await gw?.stop();
      await consumer.close();
    }
  });

  it('dead-letters after the last attempt and redelivers on request', async () => {
    const consumer = await createConsumer();
    await consumer.listen();
    consumer.status = 500;
    const gw = await startGateway({
      port: 0,
      host: '127.0.0.1',
      apiKey: KEY,
      apiSalt: SALT,
      dataDir: tmp(),
      consumers: [{ name: 'crm', url: consumer.url, maxAttempts: 2, backoffMs: 20 }],
      pollMs: 20,
      logger: silentLogger,
    });
    try {
      for (let s = 1; s <= 3; s++) {
        assert.equal(
          (await post(gw.url, 'events/call', signedBody(callEvent('dl', 'dl-leg', s, STATES[s % 4]!))))
            .status,
          200,
        );
      }
      await waitFor(
        async () =>
          ((await (await fetch(`${gw.url}/dead-letters?consumer=crm`)).json()) as { dead_letters: unknown[] })
            .dead_letters.length === 3,
        10_000,
        'dead letters',
      );
      assert.equal(consumer.received.length, 0);
      consumer.status = 200;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(consumer.received.length, 0, 'dead letters stay dead until redelivered');
      const r = await fetch(`${gw.url}/consumers/crm/redeliver`, { method: 'POST' });
      assert.equal(r.status, 200);
      assert.deepEqual(await r.json(), { redelivered: 3 });
      await waitFor(() => consumer.received.length >= 3, 10_000, 'redelivery');
      assert.deepEqual(
        consumer.received.map((e) => e.seq),
        [1, 2, 3],
      );
      const unknown = await fetch(`${gw.url}/consumers/nope/redeliver`, { method: 'POST' });
      assert.equal(unknown.status, 404);
      await unknown.text();
    } finally {
      await gw.close();
      await consumer.close();
    }
  });
});
