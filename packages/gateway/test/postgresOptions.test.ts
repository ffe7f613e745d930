import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { skipWithout } from '../../../scripts/test-tools.mjs';
import { GatewayCliError, gatewayOptionsFrom } from '../src/cliOptions.js';
import { waitFor } from './support/consumer.js';
import { type GatewayProcess, startGatewayProcess } from './support/gatewayProcess.js';
import { callEvent, post, signedBody } from './support/notifications.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

/**
 * Posts one notification while another session holds the events table, and answers the status
 * and how long the answer took. The insert waits for the lock until a timeout ends it.
 */
async function postWhileLocked(
  gw: GatewayProcess,
  url: string,
  entry: string,
): Promise<{ status: number; ms: number }> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const r = await post(gw.url, 'events/call', signedBody(callEvent(entry, 'A', 1, 'Appeared')));
    return { status: r.status, ms: Date.now() - started };
  } finally {
    await holder.query('ROLLBACK').catch(() => {});
    await holder.end();
  }
}

describe('PostgreSQL timeouts from the command line and the environment (real processes, real server)', {
  skip: skipWithout('postgresql'),
}, () => {
  let server: TestPostgres;
  before(async () => {
    server = await startPostgres({ fsync: false });
  });
  after(async () => {
    await server?.stop();
  });

  it('--pg-statement-timeout-ms: a statement held up by a lock is ended by the server after that long', async () => {
    const url = await server.createDatabase('opts_flag');
    const gw = await startGatewayProcess([
      '--database-url',
      url,
      '--pg-statement-timeout-ms',
      '300',
      '--log-level',
      'error',
    ]);
    try {
      const held = await postWhileLocked(gw, url, 'S1');
      assert.equal(held.status, 503);
      // The server cancels the insert at 300 ms; without the option it would run on until the
      // commit deadline (3 s) answered for it.
      assert.ok(held.ms < 2_000, `answered in ${held.ms} ms`);
      await waitFor(() => /statement timeout/.test(gw.logs()), 5_000, 'the server ended the statement');
      const after = await post(gw.url, 'events/call', signedBody(callEvent('S1', 'A', 1, 'Appeared')));
      assert.equal(after.status, 200, 'the lock gone, the same notification is stored');
    } finally {
      await gw.stop();
    }
  });

  it('GATEWAY_STORE_TIMEOUT_MS and GATEWAY_PG_POOL_SIZE from the environment', async () => {
    const url = await server.createDatabase('opts_env');
    const gw = await startGatewayProcess(['--database-url', url, '--log-level', 'error'], {
      GATEWAY_STORE_TIMEOUT_MS: '1000',
      GATEWAY_PG_POOL_SIZE: '3',
    });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const stored = post(gw.url, 'events/call', signedBody(callEvent('E1', 'A', 1, 'Appeared'))).then(
        (r) => ({ status: r.status, ms: Date.now() - started }),
      );
      // Ten reads of the table wait for the lock too: each would take a connection of its own.
      const reads = Array.from({ length: 10 }, () =>
        fetch(`${gw.url}/events?after=0`).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      );
      await new Promise((r) => setTimeout(r, 500));
      const sessions = (
        await holder.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'opts_env' AND application_name = 'mangokit-gateway'",
        )
      ).rows[0] as { n: number };
      const held = await stored;
      const readStatuses = await Promise.all(reads);
      await holder.query('ROLLBACK');
      assert.equal(sessions.n, 3, 'the pool holds three connections, not the default eight');
      assert.equal(held.status, 503);
      // The commit deadline, not the server (statement_timeout stays at its 10 s): about 1 s.
      assert.ok(held.ms >= 900 && held.ms < 2_500, `answered in ${held.ms} ms`);
      assert.ok(
        readStatuses.every((s) => s === 503),
        'reads past the deadline are answered 503',
      );
    } finally {
      await holder.query('ROLLBACK').catch(() => {});
      await holder.end();
      await gw.stop();
    }
  });

  it('reads the values into startGateway options, and refuses what cannot be one', () => {
    const url = 'postgres://gw@db/gw';
    assert.deepEqual(
      gatewayOptionsFrom(
        { 'database-url': url, 'pg-connect-timeout-ms': '500', 'store-timeout-ms': '2500' },
        {
          GATEWAY_PG_STATEMENT_TIMEOUT_MS: '4000',
          GATEWAY_PG_IDLE_TIMEOUT_MS: '30000',
          GATEWAY_PG_POOL_SIZE: '4',
        },
      ).postgres,
      { connectTimeoutMs: 500, statementTimeoutMs: 4000, idleTimeoutMs: 30000, poolSize: 4 },
    );
    assert.equal(gatewayOptionsFrom({ 'store-timeout-ms': '2500' }, {}).storeTimeoutMs, 2500);
    // The flag wins over the variable.
    assert.equal(
      gatewayOptionsFrom({ 'database-url': url, 'pg-pool-size': '2' }, { GATEWAY_PG_POOL_SIZE: '9' }).postgres
        ?.poolSize,
      2,
    );
    assert.equal(
      gatewayOptionsFrom({}, { GATEWAY_PG_POOL_SIZE: '9' }).postgres,
      undefined,
      'SQLite: no pool',
    );
    assert.throws(() => gatewayOptionsFrom({ 'pg-pool-size': '0' }, {}), GatewayCliError);
    assert.throws(
      () => gatewayOptionsFrom({}, { GATEWAY_PG_CONNECT_TIMEOUT_MS: '2s' }),
      /--pg-connect-timeout-ms must be a whole number/,
    );
  });
});
