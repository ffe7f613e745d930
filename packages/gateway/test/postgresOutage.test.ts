import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { waitFor } from './support/consumer.js';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';
import { type LoadRecord, startLoad } from './support/load.js';
import { callEvent, signedBody } from './support/notifications.js';
import { startPartition } from './support/partition.js';
import { freePort, startPostgres, type TestPostgres } from './support/postgres.js';

/** The promised bound: every request, and every health check, is answered within it. */
const BOUND_MS = 5_000;

interface HealthRecord {
  status: number | 'error';
  start: number;
  end: number;
}

/** Polls `/health` every 200 ms until stopped. */
function pollHealth(url: string): { records: HealthRecord[]; stop(): Promise<void> } {
  const records: HealthRecord[] = [];
  let stopped = false;
  const run = (async () => {
    while (!stopped) {
      const start = Date.now();
      let status: number | 'error';
      try {
        const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(15_000) });
        await r.text();
        status = r.status;
      } catch {
        status = 'error';
      }
      records.push({ status, start, end: Date.now() });
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    records,
    async stop() {
      stopped = true;
      await run;
    },
  };
}

function payload(scenario: string, i: number) {
  return callEvent(`${scenario}-${i % 200}`, `${scenario}-leg-${i}`, i + 1, 'Appeared');
}

/**
 * Runs one outage under load: a gateway process on its own database takes 16 concurrent
 * notifications (each a new event) while `outage` breaks PostgreSQL; then checks every answer
 * came within the bound, the process never died, and every acknowledged notification is stored.
 */
async function underLoad(
  server: TestPostgres,
  scenario: string,
  outage: () => Promise<number>,
  expect: {
    refusals: boolean;
    /** Once the store is known unreachable, refusals come at once: the median 503 is fast. */
    fastRefusals?: boolean;
    /** Poll `/health` only after the outage (nothing but the traffic tells the gateway). */
    quiet?: boolean;
  },
  /** Port of a relay (`startPartition`) the gateway reaches the server through. */
  relayPort?: number,
): Promise<void> {
  const direct = await server.createDatabase(`gw_${scenario}`);
  const url = relayPort === undefined ? direct : direct.replace(`:${server.port}/`, `:${relayPort}/`);
  const gw: GatewayProcess = await startGatewayProcess(['--database-url', url, '--log-level', 'error']);
  try {
    const bodies = new Map<number, string>();
    const load = startLoad(
      `${gw.url}/events/call`,
      (i) => {
        const b = signedBody(payload(scenario, i));
        bodies.set(i, b);
        return b;
      },
      16,
    );
    let health = expect.quiet ? null : pollHealth(gw.url);
    await waitFor(() => load.records.filter((r) => r.outcome === 200).length >= 300, 20_000, 'warm-up');
    const began = Date.now();
    const ended = await outage();
    health ??= pollHealth(gw.url);
    const polled = health;
    // Recovered: a notification sent after the server was back is acknowledged, and /health agrees.
    await waitFor(
      () => {
        if (gw.child.exitCode !== null || gw.child.signalCode !== null)
          throw new Error(
            `the gateway process died (${gw.child.exitCode ?? gw.child.signalCode}): ${gw.logs().slice(-1500)}`,
          );
        return (
          load.records.some((r) => r.start > ended && r.outcome === 200) &&
          polled.records.some((h) => h.start > ended && h.status === 200)
        );
      },
      30_000,
      'recovery',
    );
    const recoveredAt = Math.min(
      ...load.records.filter((r) => r.start > ended && r.outcome === 200).map((r) => r.end),
    );
    await new Promise((r) => setTimeout(r, 500));
    const records: LoadRecord[] = await load.stop();
    await polled.stop();

    assert.equal(gw.child.exitCode, null, `the gateway process died: ${gw.logs().slice(-2000)}`);
    assert.equal(gw.child.signalCode, null);
    const outcomes = new Map<string, number>();
    for (const r of records) outcomes.set(String(r.outcome), (outcomes.get(String(r.outcome)) ?? 0) + 1);
    const tally = [...outcomes].map(([o, n]) => `${o}×${n}`).join(', ');
    for (const r of records)
      assert.ok(r.outcome === 200 || r.outcome === 503, `every request answered 200 or 503: ${tally}`);
    const slowest = Math.max(...records.map((r) => r.end - r.start));
    assert.ok(slowest <= BOUND_MS, `slowest answer ${slowest} ms (bound ${BOUND_MS} ms)`);
    const slowestHealth = Math.max(...polled.records.map((h) => h.end - h.start));
    assert.ok(slowestHealth <= BOUND_MS, `slowest /health ${slowestHealth} ms`);
    assert.ok(
      polled.records.every((h) => h.status === 200 || h.status === 503),
      '/health answered 200 or 503',
    );
    const refused = records.filter((r) => r.outcome === 503);
    const healthDown = polled.records.filter((h) => h.status === 503 && h.start >= began);
    if (expect.refusals) {
      assert.ok(refused.length > 0, `the outage was answered 503: ${tally}`);
      if (!expect.quiet) assert.ok(healthDown.length > 0, '/health reported the outage');
    }
    const first503 = refused.length > 0 ? Math.min(...refused.map((r) => r.end)) - began : null;
    const firstHealth503 = healthDown.length > 0 ? Math.min(...healthDown.map((h) => h.end)) - began : null;

    // Acknowledged against stored: every 200 is in the database, once.
    const acked = records.filter((r) => r.outcome === 200);
    const c = new pg.Client({ connectionString: direct });
    await c.connect();
    let stored: Map<string, number>;
    try {
      const rows = (await c.query('SELECT json, count(*)::int AS n FROM events GROUP BY json')).rows as {
        json: string;
        n: number;
      }[];
      stored = new Map(rows.map((r) => [r.json, r.n]));
    } finally {
      await c.end();
    }
    const lost = acked.filter((r) => stored.get(JSON.stringify(payload(scenario, r.index))) !== 1);
    const refusal = refused.map((r) => r.end - r.start).sort((a, b) => a - b);
    const pct = (q: number) => refusal[Math.min(refusal.length - 1, Math.floor(q * refusal.length))] ?? '-';
    if (expect.fastRefusals)
      assert.ok(
        Number(pct(0.5)) < 1_000,
        `refused at once once the store is known unreachable: median time to 503 ${pct(0.5)} ms`,
      );
    console.log(
      `# ${scenario}: time to 503 over ${refusal.length} refusals: median ${pct(0.5)} ms, p90 ${pct(0.9)} ms, ` +
        `max ${refusal.at(-1) ?? '-'} ms`,
    );
    console.log(
      `# ${scenario}: acknowledged ${acked.length}, stored ${stored.size}, lost ${lost.length}; ` +
        `requests ${tally}; first 503 ${first503 ?? '-'} ms and first /health 503 ${firstHealth503 ?? '-'} ms ` +
        `after the outage began; outage ${ended - began} ms; first acknowledgement ${recoveredAt - ended} ms ` +
        `after the server was back; slowest answer ${slowest} ms, slowest /health ${slowestHealth} ms`,
    );
    assert.equal(lost.length, 0, 'no acknowledged notification is lost');
    assert.ok(
      [...stored.values()].every((n) => n === 1),
      'nothing stored twice',
    );
  } finally {
    await gw.stop();
  }
}

describe('a PostgreSQL gateway through database outages under load (real processes, real server)', () => {
  let server: TestPostgres;
  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server?.stop();
  });

  it('server killed -9, then started again: 503 meanwhile, recovers by itself, loses nothing', async () => {
    await underLoad(
      server,
      'kill',
      async () => {
        await server.kill9();
        await new Promise((r) => setTimeout(r, 3_000));
        await server.start();
        return Date.now();
      },
      { refusals: true },
    );
  });

  it('server frozen (SIGSTOP) for 8 s: 503 within the bound, then at once; recovers after SIGCONT', async () => {
    await underLoad(
      server,
      'freeze',
      async () => {
        server.freeze();
        await new Promise((r) => setTimeout(r, 8_000));
        server.thaw();
        return Date.now();
      },
      { refusals: true, fastRefusals: true },
    );
  });

  it('server frozen for 8 s with nobody asking /health: commits past the deadline have it probed, then 503 at once', async () => {
    await underLoad(
      server,
      'freezequiet',
      async () => {
        server.freeze();
        await new Promise((r) => setTimeout(r, 8_000));
        server.thaw();
        return Date.now();
      },
      { refusals: true, fastRefusals: true, quiet: true },
    );
  });

  it('network partition for 8 s (no error, no answer, connects unanswered): 503 at once after the first failed connect', async () => {
    const relay = await startPartition(server.port);
    try {
      await underLoad(
        server,
        'partition',
        async () => {
          relay.cut();
          await new Promise((r) => setTimeout(r, 8_000));
          relay.heal();
          return Date.now();
        },
        { refusals: true, fastRefusals: true, quiet: true },
        relay.port,
      );
    } finally {
      await relay.close();
    }
  });

  it('server restarted (pg_ctl restart -m fast): no crash, recovers, loses nothing', async () => {
    await underLoad(
      server,
      'restart',
      async () => {
        await server.restart();
        return Date.now();
      },
      { refusals: false },
    );
  });

  it('database turned read-only for 4 s (as a replica after a failover): 503 and "cannot write", recovers', async () => {
    const admin = async (sql: string) => {
      const c = new pg.Client({ connectionString: server.adminUrl });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await underLoad(
      server,
      'readonly',
      async () => {
        await admin('ALTER DATABASE gw_readonly SET default_transaction_read_only = on');
        await server.terminateSessions('gw_readonly'); // new sessions come up read-only
        await new Promise((r) => setTimeout(r, 4_000));
        await admin('ALTER DATABASE gw_readonly SET default_transaction_read_only = off');
        await server.terminateSessions('gw_readonly');
        return Date.now();
      },
      { refusals: true },
    );
  });

  it('sessions terminated (pg_terminate_backend) ten times: no crash, loses nothing', async () => {
    await underLoad(
      server,
      'terminate',
      async () => {
        let terminated = 0;
        for (let i = 0; i < 10; i++) {
          terminated += await server.terminateSessions('gw_terminate');
          await new Promise((r) => setTimeout(r, 300));
        }
        assert.ok(terminated > 0, 'sessions were terminated');
        return Date.now();
      },
      { refusals: false },
    );
  });
});

describe('a PostgreSQL gateway started before its database (real processes, real server)', () => {
  it('listens, answers 503 and /health "unreachable", then opens the store by itself: loses nothing', async () => {
    // The server is initialised now but started only after the gateway: its port is known.
    const port = await freePort();
    const server = await startPostgres({ port, start: false });
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    let gw: GatewayProcess | undefined;
    try {
      gw = await startGatewayProcess(['--database-url', url, '--log-level', 'warn']);
      const running = gw;
      assert.match(running.logs(), /the store is unreachable: listening anyway/);
      const down = await fetch(`${running.url}/events/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: signedBody(payload('late', 1_000_000)),
      });
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '1');
      const health = await fetch(`${running.url}/health`);
      assert.equal(health.status, 503);
      assert.equal(((await health.json()) as { reason: string }).reason, 'unreachable');

      const bodies = (i: number) => signedBody(payload('late', i));
      const load = startLoad(`${running.url}/events/call`, bodies, 16);
      const polled = pollHealth(running.url);
      await new Promise((r) => setTimeout(r, 2_000));
      const began = Date.now();
      await server.start();
      const up = Date.now();
      await waitFor(
        () => {
          if (running.child.exitCode !== null || running.child.signalCode !== null)
            throw new Error(`the gateway process died: ${running.logs().slice(-1500)}`);
          return (
            load.records.some((r) => r.start > up && r.outcome === 200) &&
            polled.records.some((h) => h.start > up && h.status === 200)
          );
        },
        30_000,
        'the store opened',
      );
      await new Promise((r) => setTimeout(r, 500));
      const records = await load.stop();
      await polled.stop();

      assert.equal(running.child.exitCode, null);
      for (const r of records) assert.ok(r.outcome === 200 || r.outcome === 503, `answered ${r.outcome}`);
      const whileDown = records.filter((r) => r.end < began);
      assert.ok(whileDown.length > 0 && whileDown.every((r) => r.outcome === 503), 'refused while down');
      const downHealth = polled.records.filter((h) => h.end < began);
      assert.ok(downHealth.length > 0 && downHealth.every((h) => h.status === 503), '/health 503 while down');
      const firstAck = Math.min(...records.filter((r) => r.outcome === 200).map((r) => r.end));
      const refusal = whileDown.map((r) => r.end - r.start).sort((a, b) => a - b);

      const c = new pg.Client({ connectionString: url });
      await c.connect();
      let stored: Map<string, number>;
      try {
        const versions = (await c.query('SELECT version FROM schema_migrations')).rows;
        assert.deepEqual(versions, [{ version: 1 }], 'the migrations ran once the server was up');
        const rows = (await c.query('SELECT json, count(*)::int AS n FROM events GROUP BY json')).rows as {
          json: string;
          n: number;
        }[];
        stored = new Map(rows.map((r) => [r.json, r.n]));
      } finally {
        await c.end();
      }
      const acked = records.filter((r) => r.outcome === 200);
      const lost = acked.filter((r) => stored.get(JSON.stringify(payload('late', r.index))) !== 1);
      console.log(
        `# late start: acknowledged ${acked.length}, stored ${stored.size}, lost ${lost.length}; ` +
          `${whileDown.length} refused while the server was down (time to 503: median ` +
          `${refusal[Math.floor(refusal.length / 2)]} ms, max ${refusal.at(-1)} ms); first acknowledgement ` +
          `${firstAck - up} ms after the server accepted connections`,
      );
      assert.ok(acked.length > 0);
      assert.equal(lost.length, 0, 'no acknowledged notification is lost');
      assert.ok(
        [...stored.values()].every((n) => n === 1),
        'nothing stored twice',
      );
    } finally {
      await gw?.stop();
      await server.stop();
    }
  });
});
