import pg from 'pg';
import { INGEST_LOCK, POSTGRES_SCHEMA } from './postgresSchema.js';
import {
  CALL_COLUMNS,
  type DbRow,
  callParams,
  groupByEntry,
  callQueryWhere,
  excludedSet,
  LEG_COLUMNS,
  legParams,
  toArchiveJob,
  toCallRow,
  toLegRow,
  toParkedRow,
  toRecordingRow,
  toStoredEvent,
} from './rows.js';
import type {
  ArchiveJob,
  CallFolder,
  CallQuery,
  CallRow,
  ConsumerStatus,
  GatewayStore,
  InsertOutcome,
  LegRow,
  NotificationInput,
  ParkedRow,
  RecordingRow,
  StoredEvent,
} from './types.js';

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
}

/**
 * The shared store: several gateway instances may point at one database. Unique constraints
 * with `ON CONFLICT DO NOTHING` de-duplicate across instances, `FOR UPDATE SKIP LOCKED` splits
 * projection and archive work, leases give each consumer one delivering instance at a time.
 */
export class PostgresStore implements GatewayStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;

  constructor(options: PostgresStoreOptions) {
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

  async init(): Promise<void> {
    // DDL on tables that running instances are writing takes locks that can deadlock with
    // their transactions (CREATE INDEX IF NOT EXISTS locks the table before it checks), so an
    // existing schema is left alone; the last object created marks it complete.
    const ready = await this.rows("SELECT to_regclass('parked') IS NOT NULL AS ok", []);
    if (ready[0]?.ok === true) return;
    await this.tx(async (c) => {
      // Two instances starting together would race on CREATE TABLE IF NOT EXISTS.
      await c.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK + 1]);
      const again = await c.query("SELECT to_regclass('parked') IS NOT NULL AS ok");
      if ((again.rows[0] as DbRow | undefined)?.ok !== true) await c.query(POSTGRES_SCHEMA);
    });
  }

  async insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]> {
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (const n of items) {
      const v = [n.dedupKey, n.path, n.type, n.name, n.entryId, n.callId, n.seq, n.json, n.receivedAt];
      v.forEach((x, i) => {
        cols[i]!.push(x);
      });
    }
    const inserted = await this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
      const r = await c.query(
        `INSERT INTO events (dedup_key, path, type, name, entry_id, call_id, seq, json, received_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                              $7::bigint[], $8::text[], $9::bigint[])
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id, dedup_key`,
        cols,
      );
      return r.rows as DbRow[];
    });
    const ids = new Map<string, number>();
    for (const r of inserted) ids.set(String(r.dedup_key), Number(r.id));
    return items.map((n) => {
      const id = ids.get(n.dedupKey);
      if (id === undefined) return { id: null, duplicate: true };
      ids.delete(n.dedupKey); // a second copy inside the same batch is a duplicate
      return { id, duplicate: false };
    });
  }

  async eventsAfter(afterId: number, limit: number): Promise<StoredEvent[]> {
    return (await this.rows('SELECT * FROM events WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit])).map(
      toStoredEvent,
    );
  }

  async eventsOfCall(entryId: string): Promise<StoredEvent[]> {
    return (await this.rows('SELECT * FROM events WHERE entry_id = $1 ORDER BY id', [entryId])).map(
      toStoredEvent,
    );
  }

  async countEvents(): Promise<number> {
    return Number((await this.rows('SELECT count(*) AS n FROM events', []))[0]?.n ?? 0);
  }

  async latestEventId(): Promise<number> {
    return Number((await this.rows('SELECT coalesce(max(id), 0) AS n FROM events', []))[0]?.n ?? 0);
  }

  async projectPending(limit: number, fold: CallFolder): Promise<number> {
    return this.tx(async (c) => {
      const pending = (
        await c.query(
          'SELECT * FROM events WHERE NOT projected ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
          [limit],
        )
      ).rows as DbRow[];
      if (pending.length === 0) return 0;
      const groups = groupByEntry(pending.map(toStoredEvent));
      for (const entryId of [...groups.keys()].sort()) {
        // Serialise projections of one call across instances (sorted order: no deadlock), so two
        // instances folding different events of one call cannot overwrite each other's result.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [entryId]);
        const prev = (await c.query('SELECT data FROM calls WHERE entry_id = $1', [entryId])).rows[0] as
          | DbRow
          | undefined;
        const p = fold(entryId, prev ? String(prev.data) : null, groups.get(entryId)!);
        if (p.call) {
          await c.query(
            `INSERT INTO calls (${CALL_COLUMNS}) VALUES (${ph(13)}) ON CONFLICT (entry_id) DO UPDATE SET ${excludedSet(CALL_COLUMNS)}`,
            callParams(p.call),
          );
        }
        for (const l of p.legs) {
          await c.query(
            `INSERT INTO legs (${LEG_COLUMNS}) VALUES (${ph(12)}) ON CONFLICT (call_id) DO UPDATE SET ${excludedSet(LEG_COLUMNS)}`,
            legParams(l),
          );
        }
        for (const r of p.recordings) {
          await c.query(
            `INSERT INTO recordings (recording_id, entry_id, state, ready) VALUES ($1, $2, $3, $4)
             ON CONFLICT (recording_id) DO UPDATE SET entry_id = coalesce(excluded.entry_id, recordings.entry_id),
               state = coalesce(excluded.state, recordings.state), ready = recordings.ready OR excluded.ready`,
            [r.recordingId, r.entryId, r.state, r.ready],
          );
        }
      }
      await c.query('UPDATE events SET projected = true WHERE id = ANY($1::bigint[])', [
        pending.map((r) => Number(r.id)),
      ]);
      return pending.length;
    });
  }

  async queryCalls(query: CallQuery): Promise<CallRow[]> {
    const { where, params } = callQueryWhere(query, (i) => `$${i}`);
    const n = params.length;
    const rows = await this.rows(
      `SELECT c.* FROM calls c ${where} ORDER BY c.started_at DESC NULLS LAST, c.entry_id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, query.limit ?? 100, query.offset ?? 0],
    );
    return rows.map(toCallRow);
  }

  async getCall(entryId: string): Promise<CallRow | null> {
    const [row] = await this.rows('SELECT * FROM calls WHERE entry_id = $1', [entryId]);
    return row ? toCallRow(row) : null;
  }

  async legsOfCall(entryId: string): Promise<LegRow[]> {
    return (
      await this.rows('SELECT * FROM legs WHERE entry_id = $1 ORDER BY started_at, call_id', [entryId])
    ).map(toLegRow);
  }

  async recordingsOfCall(entryId: string): Promise<RecordingRow[]> {
    return (
      await this.rows('SELECT * FROM recordings WHERE entry_id = $1 ORDER BY recording_id', [entryId])
    ).map(toRecordingRow);
  }

  async ensureConsumer(name: string, url: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO consumers (name, url) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET url = excluded.url',
      [name, url],
    );
  }

  async leaseConsumer(name: string, owner: string, ms: number): Promise<boolean> {
    const now = Date.now();
    const r = await this.pool.query(
      `UPDATE consumers SET lease_owner = $1, lease_until = $2
       WHERE name = $3 AND (lease_owner = $1 OR lease_owner IS NULL OR lease_until < $4)`,
      [owner, now + ms, name, now],
    );
    return r.rowCount === 1;
  }

  async releaseConsumer(name: string, owner: string): Promise<void> {
    await this.pool.query(
      'UPDATE consumers SET lease_owner = NULL, lease_until = 0 WHERE name = $1 AND lease_owner = $2',
      [name, owner],
    );
  }

  async getCursor(name: string): Promise<number> {
    const [row] = await this.rows('SELECT cursor FROM consumers WHERE name = $1', [name]);
    return row ? Number(row.cursor) : 0;
  }

  async advanceCursor(name: string, cursor: number, park: ParkedRow[]): Promise<void> {
    await this.tx(async (c) => {
      if (park.length > 0) {
        await c.query(
          `INSERT INTO parked (consumer, event_id, entry_key, attempts, next_at, status, last_error)
           SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::int[], $5::bigint[], $6::text[], $7::text[])
           ON CONFLICT (consumer, event_id) DO NOTHING`,
          [
            name,
            park.map((p) => p.eventId),
            park.map((p) => p.entryKey),
            park.map((p) => p.attempts),
            park.map((p) => p.nextAt),
            park.map((p) => p.status),
            park.map((p) => p.lastError),
          ],
        );
      }
      await c.query('UPDATE consumers SET cursor = $1 WHERE name = $2 AND cursor < $1', [cursor, name]);
    });
  }

  async pendingParked(name: string, limit: number): Promise<Array<ParkedRow & { event: StoredEvent }>> {
    const rows = await this.rows(
      `SELECT p.consumer, p.event_id, p.entry_key, p.attempts, p.next_at, p.status, p.last_error, e.*
       FROM parked p JOIN events e ON e.id = p.event_id
       WHERE p.consumer = $1 AND p.status = 'pending' ORDER BY p.event_id LIMIT $2`,
      [name, limit],
    );
    return rows.map((r) => ({ ...toParkedRow(r), event: toStoredEvent(r) }));
  }

  async resolveParked(name: string, eventIds: number[]): Promise<void> {
    await this.pool.query('DELETE FROM parked WHERE consumer = $1 AND event_id = ANY($2::bigint[])', [
      name,
      eventIds,
    ]);
  }

  async failParked(
    name: string,
    eventIds: number[],
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<number> {
    const r = await this.pool.query(
      `UPDATE parked SET attempts = attempts + 1, next_at = $1, last_error = $2,
         status = CASE WHEN attempts + 1 >= $3 THEN 'dead' ELSE 'pending' END
       WHERE consumer = $4 AND event_id = ANY($5::bigint[]) RETURNING status`,
      [nextAt, error, maxAttempts, name, eventIds],
    );
    return (r.rows as DbRow[]).filter((x) => x.status === 'dead').length;
  }

  async deadLetters(name: string | null, limit: number): Promise<ParkedRow[]> {
    const rows =
      name === null
        ? await this.rows("SELECT * FROM parked WHERE status = 'dead' ORDER BY event_id LIMIT $1", [limit])
        : await this.rows(
            "SELECT * FROM parked WHERE status = 'dead' AND consumer = $1 ORDER BY event_id LIMIT $2",
            [name, limit],
          );
    return rows.map(toParkedRow);
  }

  async redeliver(name: string, eventIds: number[] | null): Promise<number> {
    const r =
      eventIds === null
        ? await this.pool.query(
            "UPDATE parked SET status = 'pending', attempts = 0, next_at = $1 WHERE consumer = $2 AND status = 'dead'",
            [Date.now(), name],
          )
        : await this.pool.query(
            `UPDATE parked SET status = 'pending', attempts = 0, next_at = $1
             WHERE consumer = $2 AND event_id = ANY($3::bigint[]) AND status = 'dead'`,
            [Date.now(), name, eventIds],
          );
    return r.rowCount ?? 0;
  }

  async consumerStatus(): Promise<ConsumerStatus[]> {
    const rows = await this.rows(
      `SELECT c.name, c.url, c.cursor,
         (SELECT count(*) FROM parked p WHERE p.consumer = c.name AND p.status = 'pending') AS pending,
         (SELECT count(*) FROM parked p WHERE p.consumer = c.name AND p.status = 'dead') AS dead
       FROM consumers c ORDER BY c.name`,
      [],
    );
    return rows.map((r) => ({
      name: String(r.name),
      url: String(r.url),
      cursor: Number(r.cursor),
      pending: Number(r.pending),
      dead: Number(r.dead),
    }));
  }

  async claimArchiveJob(owner: string, leaseMs: number): Promise<ArchiveJob | null> {
    const now = Date.now();
    const [row] = await this.rows(
      `UPDATE recordings SET archive_status = 'working', lease_owner = $1, lease_until = $2
       WHERE recording_id = (
         SELECT recording_id FROM recordings
         WHERE ready AND (archive_status IS NULL
           OR (archive_status = 'pending' AND next_at <= $3)
           OR (archive_status = 'working' AND lease_until < $3))
         ORDER BY next_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING recording_id, entry_id, attempts`,
      [owner, now + leaseMs, now],
    );
    return row ? toArchiveJob(row) : null;
  }

  async completeArchiveJob(recordingId: string, filePath: string): Promise<void> {
    await this.pool.query(
      `UPDATE recordings SET archive_status = 'archived', file_path = $1, last_error = NULL, lease_owner = NULL
       WHERE recording_id = $2`,
      [filePath, recordingId],
    );
  }

  async failArchiveJob(
    recordingId: string,
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE recordings SET attempts = attempts + 1, next_at = $1, last_error = $2, lease_owner = NULL,
         archive_status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE 'pending' END
       WHERE recording_id = $4`,
      [nextAt, error, maxAttempts, recordingId],
    );
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

  private async rows(sql: string, params: unknown[]): Promise<DbRow[]> {
    return (await this.pool.query(sql, params)).rows as DbRow[];
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

function ph(n: number): string {
  return Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
}
