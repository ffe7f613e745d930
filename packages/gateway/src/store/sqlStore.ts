import type { Migration } from './migrations.js';
import {
  CALL_COLUMNS,
  callParams,
  type DbRow,
  excludedSet,
  groupByEntry,
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
  CallProjection,
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

/** One statement and its parameters (placeholders are `?`, rendered per dialect). */
export type Statement = readonly [sql: string, params: readonly unknown[]];

/** The few SQL fragments in which the two databases differ. */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** `<column> <inIds>` matches a list of ids passed as one parameter (see `ids`). */
  readonly inIds: string;
  /** The parameter value for `inIds`. */
  ids(list: readonly number[]): unknown;
  /** Appended to a job-claiming sub-select: other instances skip rows one has locked. */
  readonly skipLocked: string;
  /** One process owns the store: leases are always ours, and work left `working` was a crash's. */
  readonly singleProcess: boolean;
  /** A query answering `n`, the number of stored events, without reading the events table. */
  readonly eventCountEstimate: string;
}

/**
 * Reads the previous state of a call inside a projection (PostgreSQL also takes the call's
 * lock), so the fold starts from it.
 */
export type PreviousOf = (entryId: string) => Promise<string | null>;

/** Builds the statements that write the projection of `events` (see `SqlStore.projectPending`). */
export type ProjectionBuilder = (events: StoredEvent[], previousOf: PreviousOf) => Promise<Statement[]>;

/** The statement that stores one notification, shared by both databases (and the SQLite writer thread). */
export const INSERT_EVENT = `INSERT INTO events (dedup_key, path, type, name, entry_id, call_id, seq, json, received_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`;

const UPSERT_CALL = `INSERT INTO calls (${CALL_COLUMNS}) VALUES (${marks(13)})
  ON CONFLICT (entry_id) DO UPDATE SET ${excludedSet(CALL_COLUMNS)}`;
const UPSERT_LEG = `INSERT INTO legs (${LEG_COLUMNS}) VALUES (${marks(12)})
  ON CONFLICT (call_id) DO UPDATE SET ${excludedSet(LEG_COLUMNS)}`;
const UPSERT_RECORDING = `INSERT INTO recordings (recording_id, entry_id, state, ready) VALUES (?, ?, ?, ?)
  ON CONFLICT (recording_id) DO UPDATE SET entry_id = coalesce(excluded.entry_id, recordings.entry_id),
    state = coalesce(excluded.state, recordings.state), ready = recordings.ready OR excluded.ready`;

/**
 * The gateway's SQL, once, over two thin dialects (`SqliteStore`, `PostgresStore`). Each
 * dialect supplies how a statement runs (`query`, `write`, `writeAll`), the hot ingest insert,
 * how a projection claims its events and locks its calls, the migration lock, and a few SQL
 * fragments (`Dialect`); every other statement of the store lives here.
 */
export abstract class SqlStore implements GatewayStore {
  abstract readonly kind: 'sqlite' | 'postgres';
  protected abstract readonly dialect: Dialect;

  constructor(protected readonly migrations?: readonly Migration[]) {}

  /** Rows of a read. */
  protected abstract query(sql: string, params?: readonly unknown[]): Promise<DbRow[]>;
  /** One write statement: its RETURNING rows (if any) and the number of rows it changed. */
  protected abstract write(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ rows: DbRow[]; changes: number }>;
  /** Several write statements in one transaction. */
  protected abstract writeAll(statements: readonly Statement[]): Promise<void>;
  /**
   * Claims up to `limit` events not yet projected, lets `build` turn them into statements, and
   * runs those and marks the events projected in one transaction; answers how many events.
   */
  protected abstract projectWith(limit: number, build: ProjectionBuilder): Promise<number>;
  /** Applies the schema migrations under the dialect's lock and transaction. */
  protected abstract migrate(): Promise<void>;

  abstract insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]>;
  abstract ping(): Promise<void>;
  abstract probeWrite(): Promise<void>;
  abstract close(): Promise<void>;

  async init(): Promise<void> {
    await this.migrate();
    // Downloads a crashed predecessor was running are ours to retry now.
    if (this.dialect.singleProcess)
      await this.write(
        "UPDATE recordings SET archive_status = 'pending', lease_owner = NULL WHERE archive_status = 'working'",
      );
  }

  async eventsAfter(afterId: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.query('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?', [afterId, limit]);
    return rows.map(toStoredEvent);
  }

  async eventsOfCall(entryId: string): Promise<StoredEvent[]> {
    const rows = await this.query('SELECT * FROM events WHERE entry_id = ? ORDER BY id', [entryId]);
    return rows.map(toStoredEvent);
  }

  async countEvents(): Promise<number> {
    return Number((await this.query('SELECT count(*) AS n FROM events'))[0]?.n ?? 0);
  }

  async estimateEvents(): Promise<number> {
    return Number((await this.query(this.dialect.eventCountEstimate))[0]?.n ?? 0);
  }

  async latestEventId(): Promise<number> {
    return Number((await this.query('SELECT coalesce(max(id), 0) AS n FROM events'))[0]?.n ?? 0);
  }

  projectPending(limit: number, fold: CallFolder): Promise<number> {
    return this.projectWith(limit, async (events, previousOf) => {
      const groups = groupByEntry(events);
      const statements: Statement[] = [];
      // Sorted: on PostgreSQL each call is locked in turn, and one order means no deadlock.
      for (const entryId of [...groups.keys()].sort()) {
        const projection = fold(entryId, await previousOf(entryId), groups.get(entryId)!);
        statements.push(...projectionStatements(projection));
      }
      return statements;
    });
  }

  async queryCalls(query: CallQuery): Promise<CallRow[]> {
    const { where, params } = callQueryWhere(query);
    const rows = await this.query(
      `SELECT c.* FROM calls c ${where} ORDER BY c.started_at DESC NULLS LAST, c.entry_id LIMIT ? OFFSET ?`,
      [...params, query.limit ?? 100, query.offset ?? 0],
    );
    return rows.map(toCallRow);
  }

  async getCall(entryId: string): Promise<CallRow | null> {
    const [row] = await this.query('SELECT * FROM calls WHERE entry_id = ?', [entryId]);
    return row ? toCallRow(row) : null;
  }

  async legsOfCall(entryId: string): Promise<LegRow[]> {
    const rows = await this.query('SELECT * FROM legs WHERE entry_id = ? ORDER BY started_at, call_id', [
      entryId,
    ]);
    return rows.map(toLegRow);
  }

  async recordingsOfCall(entryId: string): Promise<RecordingRow[]> {
    const rows = await this.query('SELECT * FROM recordings WHERE entry_id = ? ORDER BY recording_id', [
      entryId,
    ]);
    return rows.map(toRecordingRow);
  }

  async ensureConsumer(name: string, url: string): Promise<void> {
    await this.write(
      'INSERT INTO consumers (name, url) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url',
      [name, url],
    );
  }

  async renameConsumer(from: string, to: string): Promise<void> {
    const free = 'NOT EXISTS (SELECT 1 FROM consumers WHERE name = ?)';
    await this.writeAll([
      [`UPDATE parked SET consumer = ? WHERE consumer = ? AND ${free}`, [to, from, to]],
      [`UPDATE consumers SET name = ? WHERE name = ? AND ${free}`, [to, from, to]],
    ]);
  }

  async leaseConsumer(name: string, owner: string, ms: number): Promise<boolean> {
    const now = Date.now();
    // With one process per store, a lease left by a crashed predecessor must not pause
    // delivery until it expires: the lease is always ours.
    const { changes } = await this.write(
      `UPDATE consumers SET lease_owner = ?, lease_until = ?
       WHERE name = ? AND (? = 1 OR lease_owner = ? OR lease_owner IS NULL OR lease_until < ?)`,
      [owner, now + ms, name, this.dialect.singleProcess ? 1 : 0, owner, now],
    );
    return changes === 1;
  }

  async releaseConsumer(name: string, owner: string): Promise<void> {
    await this.write(
      'UPDATE consumers SET lease_owner = NULL, lease_until = 0 WHERE name = ? AND lease_owner = ?',
      [name, owner],
    );
  }

  async getCursor(name: string): Promise<number> {
    const [row] = await this.query('SELECT cursor FROM consumers WHERE name = ?', [name]);
    return row ? Number(row.cursor) : 0;
  }

  async advanceCursor(name: string, cursor: number, park: ParkedRow[]): Promise<void> {
    const statements: Statement[] = park.map((p) => [
      `INSERT INTO parked (consumer, event_id, entry_key, attempts, next_at, status, last_error)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consumer, event_id) DO NOTHING`,
      [name, p.eventId, p.entryKey, p.attempts, p.nextAt, p.status, p.lastError],
    ]);
    statements.push([
      'UPDATE consumers SET cursor = ? WHERE name = ? AND cursor < ?',
      [cursor, name, cursor],
    ]);
    await this.writeAll(statements);
  }

  async pendingParked(name: string, limit: number): Promise<Array<ParkedRow & { event: StoredEvent }>> {
    const rows = await this.query(
      `SELECT p.consumer, p.event_id, p.entry_key, p.attempts, p.next_at, p.status, p.last_error, e.*
       FROM parked p JOIN events e ON e.id = p.event_id
       WHERE p.consumer = ? AND p.status = 'pending' ORDER BY p.event_id LIMIT ?`,
      [name, limit],
    );
    return rows.map((r) => ({ ...toParkedRow(r), event: toStoredEvent(r) }));
  }

  async resolveParked(name: string, eventIds: number[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.write(`DELETE FROM parked WHERE consumer = ? AND event_id ${this.dialect.inIds}`, [
      name,
      this.dialect.ids(eventIds),
    ]);
  }

  async failParked(
    name: string,
    eventIds: number[],
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<number> {
    if (eventIds.length === 0) return 0;
    const { rows } = await this.write(
      `UPDATE parked SET attempts = attempts + 1, next_at = ?, last_error = ?,
         status = CASE WHEN attempts + 1 >= ? THEN 'dead' ELSE 'pending' END
       WHERE consumer = ? AND event_id ${this.dialect.inIds} RETURNING status`,
      [nextAt, error, maxAttempts, name, this.dialect.ids(eventIds)],
    );
    return rows.filter((r) => r.status === 'dead').length;
  }

  async deadLetters(name: string | null, limit: number): Promise<ParkedRow[]> {
    const rows =
      name === null
        ? await this.query("SELECT * FROM parked WHERE status = 'dead' ORDER BY event_id LIMIT ?", [limit])
        : await this.query(
            "SELECT * FROM parked WHERE status = 'dead' AND consumer = ? ORDER BY event_id LIMIT ?",
            [name, limit],
          );
    return rows.map(toParkedRow);
  }

  async redeliver(name: string, eventIds: number[] | null): Promise<number> {
    const set = "UPDATE parked SET status = 'pending', attempts = 0, next_at = ?";
    const { changes } =
      eventIds === null
        ? await this.write(`${set} WHERE consumer = ? AND status = 'dead'`, [Date.now(), name])
        : await this.write(
            `${set} WHERE consumer = ? AND event_id ${this.dialect.inIds} AND status = 'dead'`,
            [Date.now(), name, this.dialect.ids(eventIds)],
          );
    return changes;
  }

  async consumerStatus(): Promise<ConsumerStatus[]> {
    const rows = await this.query(
      `SELECT c.name, c.url, c.cursor,
         (SELECT count(*) FROM parked p WHERE p.consumer = c.name AND p.status = 'pending') AS pending,
         (SELECT count(*) FROM parked p WHERE p.consumer = c.name AND p.status = 'dead') AS dead
       FROM consumers c ORDER BY c.name`,
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
    const { rows } = await this.write(
      `UPDATE recordings SET archive_status = 'working', lease_owner = ?, lease_until = ?
       WHERE recording_id = (
         SELECT recording_id FROM recordings
         WHERE ready AND (archive_status IS NULL
           OR (archive_status = 'pending' AND next_at <= ?)
           OR (archive_status = 'working' AND lease_until < ?))
         ORDER BY next_at LIMIT 1${this.dialect.skipLocked})
       RETURNING recording_id, entry_id, attempts`,
      [owner, now + leaseMs, now, now],
    );
    return rows[0] ? toArchiveJob(rows[0]) : null;
  }

  async completeArchiveJob(recordingId: string, filePath: string): Promise<void> {
    await this.write(
      `UPDATE recordings SET archive_status = 'archived', file_path = ?, last_error = NULL, lease_owner = NULL
       WHERE recording_id = ?`,
      [filePath, recordingId],
    );
  }

  async failArchiveJob(
    recordingId: string,
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<void> {
    await this.write(
      `UPDATE recordings SET attempts = attempts + 1, next_at = ?, last_error = ?, lease_owner = NULL,
         archive_status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END
       WHERE recording_id = ?`,
      [nextAt, error, maxAttempts, recordingId],
    );
  }
}

/** The upserts that write one call's projection. */
function projectionStatements(p: CallProjection): Statement[] {
  const out: Statement[] = [];
  if (p.call) out.push([UPSERT_CALL, callParams(p.call)]);
  for (const l of p.legs) out.push([UPSERT_LEG, legParams(l)]);
  for (const r of p.recordings)
    out.push([UPSERT_RECORDING, [r.recordingId, r.entryId, r.state, r.ready ? 1 : 0]]);
  return out;
}

/** The WHERE clause of `GET /calls`. */
function callQueryWhere(q: CallQuery): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (q.from !== undefined) {
    parts.push('c.started_at >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    parts.push('c.started_at <= ?');
    params.push(q.to);
  }
  if (q.outcome !== undefined) {
    parts.push('c.outcome = ?');
    params.push(q.outcome);
  }
  if (q.number !== undefined) {
    parts.push(
      `(c.from_number = ? OR c.to_number = ? OR c.line_number = ? OR EXISTS (SELECT 1 FROM legs l
        WHERE l.entry_id = c.entry_id AND (l.from_number = ? OR l.to_number = ?)))`,
    );
    params.push(...Array<string>(5).fill(q.number));
  }
  if (q.employee !== undefined) {
    parts.push(
      `(c.employee = ? OR EXISTS (SELECT 1 FROM legs l
        WHERE l.entry_id = c.entry_id AND (l.from_extension = ? OR l.to_extension = ?)))`,
    );
    params.push(...Array<string>(3).fill(q.employee));
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
