import pg from 'pg';
import { applyMigrations, checkNotNewer, type Migration, MIGRATIONS } from './migrations.js';
import { type DbRow, toStoredEvent } from './rows.js';
import { type Dialect, type ProjectionBuilder, SqlStore, type Statement } from './sqlStore.js';
import type { InsertOutcome, NotificationInput } from './types.js';

/** Options of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:port/db` (or a unix-socket URL with `?host=/dir`). */
  databaseUrl: string;
  /** Pool size per instance (default 8). */
  poolSize?: number;
  /** Longest wait for a pooled connection, opening one included (default 2 000 ms). */
  connectTimeoutMs?: number;
  /**
   * Server-side `statement_timeout` (default 10 000 ms). A server that does not answer at all
   * (frozen, partitioned) is given up on 2 s after it, and that connection is closed.
   */
  statementTimeoutMs?: number;
  /** Idle pooled connections are closed after this long (default 10 000 ms). */
  idleTimeoutMs?: number;
  /** The schema versions to apply (default the gateway's own; for tests of upgrades). */
  migrations?: readonly Migration[];
}

/** The pool size and timeouts of a PostgreSQL store (`startGateway`'s `postgres` option). */
export type PostgresTuning = Pick<
  PostgresStoreOptions,
  'poolSize' | 'connectTimeoutMs' | 'statementTimeoutMs' | 'idleTimeoutMs'
>;

/**
 * Advisory lock key serialising ingest commits across instances, so event ids become visible
 * in id order and a cursor (`id > n`) never skips an event committed late by another instance.
 */
export const INGEST_LOCK = 72_615_001;
/**
 * The ingest insert of a whole batch, one statement run on its own (its own transaction: the
 * server commits it, with `synchronous_commit`, before it answers), so a batch costs one round
 * trip instead of four (BEGIN, lock, insert, COMMIT). The ingest lock is taken by an InitPlan
 * that gates the rows (a one-time filter), so it is held before the first id is drawn from the
 * sequence and until the commit, as a transaction-level advisory lock; one `unnest` gives the
 * same insert as INSERT_EVENT, per row. Named: each pooled connection parses and plans it once.
 */
const INSERT_BATCH = {
  name: 'mangokit_ingest_batch',
  text: `INSERT INTO events (dedup_key, path, type, name, entry_id, call_id, seq, json, received_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                         $7::bigint[], $8::text[], $9::bigint[])
    WHERE (SELECT pg_advisory_xact_lock(${INGEST_LOCK})::text) IS NOT NULL
    ON CONFLICT (dedup_key) DO NOTHING RETURNING id, dedup_key`,
};
/** Advisory lock key under which one instance at a time applies schema migrations. */
const MIGRATION_LOCK = INGEST_LOCK + 1;

const POSTGRES: Dialect = {
  kind: 'postgres',
  inIds: '= ANY(?::bigint[])',
  ids: (list) => list,
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  singleProcess: false,
  // The server's own row counts, kept as rows are written (by every instance): the statistics'
  // live rows, or the planner's estimate from the last ANALYZE / autovacuum when larger (the
  // statistics start from zero after a server crash). A catalog read, no lock on events, no
  // scan; ids are no count here (a sequence leaves gaps: duplicates, rollbacks).
  eventCountEstimate: `SELECT greatest(coalesce(pg_stat_get_live_tuples(c.oid), 0), c.reltuples::bigint, 0) AS n
    FROM pg_class c WHERE c.oid = to_regclass('events')`,
};

/**
 * The shared store: several gateway instances may point at one database. Unique constraints
 * with `ON CONFLICT DO NOTHING` de-duplicate across instances, `FOR UPDATE SKIP LOCKED` splits
 * projection and archive work, leases give each consumer one delivering instance at a time.
 */
export class PostgresStore extends SqlStore {
  readonly kind = 'postgres' as const;
  protected readonly dialect = POSTGRES;
  private readonly pool: pg.Pool;
  /** `?` placeholders rendered as `$1…$n`, per statement text. */
  private readonly rendered = new Map<string, string>();

  constructor(options: PostgresStoreOptions) {
    super(options.migrations);
    const statementMs = options.statementTimeoutMs ?? 10_000;
    this.pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 8,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
      idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
      statement_timeout: statementMs,
      // The client-side read timeout: for a server that stops answering (SIGSTOP, a partition).
      query_timeout: statementMs + 2_000,
      // A transaction left open by a frozen instance would hold the ingest lock for everyone.
      idle_in_transaction_session_timeout: 60_000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'mangokit-gateway',
    });
    // A connection can fail at any moment: a restart, a failover, pg_terminate_backend, the
    // server killed. pg emits 'error' on the client, and an 'error' without a listener ends
    // the process. The pool listens on idle clients only; this listener covers every client
    // for its whole life, checked out or not. The query in flight gets the error itself.
    this.pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    this.pool.on('error', () => {});
  }

  protected async migrate(): Promise<void> {
    const migrations = this.migrations ?? MIGRATIONS;
    // Up to date (the usual start): no lock, no DDL near the tables running instances write.
    try {
      const rows = await this.query('SELECT version FROM schema_migrations');
      const versions = rows.map((r) => Number(r.version));
      checkNotNewer(versions, migrations);
      if (migrations.every((m) => versions.includes(m.version))) return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42P01') throw err; // 42P01: no version table yet
    }
    await this.tx(async (c) => {
      // Instances starting together apply each version once.
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await applyMigrations(
        {
          query: async (sql) => (await c.query(sql)).rows as DbRow[],
          exec: async (sql, params) => {
            await c.query(sql, params as unknown[] | undefined);
          },
        },
        'postgres',
        migrations,
      );
    });
  }

  async insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]> {
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (const n of items) {
      cols[0]!.push(n.dedupKey);
      cols[1]!.push(n.path);
      cols[2]!.push(n.type);
      cols[3]!.push(n.name);
      cols[4]!.push(n.entryId);
      cols[5]!.push(n.callId);
      cols[6]!.push(n.seq);
      cols[7]!.push(n.json);
      cols[8]!.push(n.receivedAt);
    }
    // One round trip, committed when it answers: see INSERT_BATCH. A failed one takes its
    // connection out of the pool (pg-pool destroys a client released with an error).
    const inserted = (await this.pool.query({ ...INSERT_BATCH, values: cols })).rows as DbRow[];
    const ids = new Map<string, number>();
    for (const r of inserted) ids.set(String(r.dedup_key), Number(r.id));
    return items.map((n) => {
      const id = ids.get(n.dedupKey);
      if (id === undefined) return { id: null, duplicate: true };
      ids.delete(n.dedupKey); // a second copy inside the same batch is a duplicate
      return { id, duplicate: false };
    });
  }

  protected async query(sql: string, params: readonly unknown[] = []): Promise<DbRow[]> {
    return (await this.pool.query(this.render(sql), params as unknown[])).rows as DbRow[];
  }

  protected async write(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<{ rows: DbRow[]; changes: number }> {
    const r = await this.pool.query(this.render(sql), params as unknown[]);
    return { rows: r.rows as DbRow[], changes: r.rowCount ?? 0 };
  }

  protected async writeAll(statements: readonly Statement[]): Promise<void> {
    await this.tx(async (c) => {
      for (const [sql, params] of statements) await c.query(this.render(sql), params as unknown[]);
    });
  }

  protected projectWith(limit: number, build: ProjectionBuilder): Promise<number> {
    return this.tx(async (c) => {
      const pending = (
        await c.query(
          'SELECT * FROM events WHERE NOT projected ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
          [limit],
        )
      ).rows as DbRow[];
      if (pending.length === 0) return 0;
      const statements = await build(pending.map(toStoredEvent), async (entryId) => {
        // Serialise projections of one call across instances, so two instances folding
        // different events of one call cannot overwrite each other's result.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [entryId]);
        const row = (await c.query('SELECT data FROM calls WHERE entry_id = $1', [entryId])).rows[0] as
          | DbRow
          | undefined;
        return row ? String(row.data) : null;
      });
      for (const [sql, params] of statements) await c.query(this.render(sql), params as unknown[]);
      await c.query('UPDATE events SET projected = true WHERE id = ANY($1::bigint[])', [
        pending.map((r) => Number(r.id)),
      ]);
      return pending.length;
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async probeWrite(): Promise<void> {
    // The ingest insert itself, undone: a read-only server (a replica after a failover), a
    // refused insert or a lost connection fails it.
    await this.tx(async (c) => {
      await c.query('SAVEPOINT probe');
      await c.query(
        `INSERT INTO events (dedup_key, path, type, name, json, received_at)
         VALUES ('health|write-probe', 'ping', 'ping', 'ping', '{}', 0) ON CONFLICT (dedup_key) DO NOTHING`,
      );
      await c.query('ROLLBACK TO SAVEPOINT probe');
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  isUnreachableError(err: unknown): boolean {
    return isConnectionFailure(err);
  }

  private render(sql: string): string {
    let out = this.rendered.get(sql);
    if (out === undefined) {
      let i = 0;
      out = sql.replace(/\?/g, () => `$${++i}`);
      this.rendered.set(sql, out);
    }
    return out;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (err) {
      // A statement the server refused leaves the session usable: roll back and reuse it. A
      // lost or silent connection cannot roll back; closing it makes the server roll back.
      if (sessionSurvives(err)) {
        await c.query('ROLLBACK').catch(() => {
          broken = true;
        });
      } else broken = true;
      throw err;
    } finally {
      // A client whose connection failed must not go back to the pool.
      c.release(broken);
    }
  }
}

/**
 * True for an error meaning the server cannot be reached or is ending the session: a refused,
 * reset or timed-out connection, a name that does not resolve (yet), a read timeout, a
 * connection pg reports terminated, SQLSTATE class 08 (connection exception), 57P (shutdown,
 * terminate, starting up) and 53300 (too many connections). A statement the server refused on a
 * live session (a constraint, a read-only transaction, a statement timeout) is not one; neither
 * is a wrong password or a missing database, which retrying does not mend.
 */
export function isConnectionFailure(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  // Node's socket and resolver errors first: ECONNREFUSED, ECONNRESET, ETIMEDOUT, ENOTFOUND, EPIPE…
  if (code !== undefined && /^E[A-Z_]+$/.test(code)) return true;
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code))
    return code.startsWith('08') || code.startsWith('57P') || code === '53300';
  return /connection terminated|timeout exceeded when trying to connect|query read timeout|not queryable|connection refused/i.test(
    String(e?.message ?? ''),
  );
}

/**
 * True for an error the server answered with a SQLSTATE on a live session (a constraint, a
 * statement timeout…); false for a connection failure (no SQLSTATE: closed socket, read
 * timeout) or a session the server is ending (class 08 connection exception, 57P operator
 * intervention: terminate, shutdown).
 */
function sessionSurvives(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return !code.startsWith('08') && !code.startsWith('57P');
}
