import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
import { SQLITE_SCHEMA } from './sqliteSchema.js';
import { SqliteWriter } from './sqliteWriter.js';
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

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** Directory of `gateway.db` (created if missing); or pass `file`. */
  dataDir?: string;
  /** Full path of the database file (`:memory:` for throw-away tests). */
  file?: string;
  /**
   * `FULL` (default) fsyncs every batch commit: an acknowledged notification survives a power
   * loss. `NORMAL` survives a process crash (kill -9) but not a power loss, and is faster.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * Commit ingest batches on a worker thread (default `true` for a file; always off for
   * `:memory:`), so a commit's fsync does not stall the event loop.
   */
  writerThread?: boolean;
}

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so every
 * method runs its statements inside one transaction and the batcher in front of `insertBatch`
 * turns many concurrent requests into one commit.
 */
export class SqliteStore implements GatewayStore {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  private readonly db: Database.Database;
  private readonly insertEvent: Database.Statement;
  private readonly synchronous: 'FULL' | 'NORMAL';
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writer: SqliteWriter | null;

  constructor(options: SqliteStoreOptions) {
    if (options.file) this.file = options.file;
    else if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      this.file = join(options.dataDir, 'gateway.db');
    } else throw new TypeError('SqliteStore needs dataDir or file');
    this.synchronous = options.synchronous ?? 'FULL';
    this.db = new Database(this.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${this.synchronous}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SQLITE_SCHEMA);
    this.insertEvent = this.db.prepare(
      `INSERT INTO events (dedup_key, path, type, name, entry_id, call_id, seq, json, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
    );
    // The schema exists before the writer's connection opens.
    this.writer =
      this.file !== ':memory:' && options.writerThread !== false
        ? new SqliteWriter(this.file, this.synchronous)
        : null;
  }

  async init(): Promise<void> {
    return this.write(() => {
      // Downloads a crashed predecessor was running are ours to retry now.
      this.stmt(
        "UPDATE recordings SET archive_status = 'pending', lease_owner = NULL WHERE archive_status = 'working'",
      ).run();
    });
  }

  async insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]> {
    if (this.writer) return this.writer.insert(items);
    const run = this.db.transaction((batch: NotificationInput[]) =>
      batch.map((n): InsertOutcome => {
        const row = this.insertEvent.get(
          n.dedupKey,
          n.path,
          n.type,
          n.name,
          n.entryId,
          n.callId,
          n.seq,
          n.json,
          n.receivedAt,
        ) as { id: number } | undefined;
        return row ? { id: row.id, duplicate: false } : { id: null, duplicate: true };
      }),
    );
    return run(items);
  }

  async eventsAfter(afterId: number, limit: number): Promise<StoredEvent[]> {
    return this.all('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?', afterId, limit).map(
      toStoredEvent,
    );
  }

  async eventsOfCall(entryId: string): Promise<StoredEvent[]> {
    return this.all('SELECT * FROM events WHERE entry_id = ? ORDER BY id', entryId).map(toStoredEvent);
  }

  async countEvents(): Promise<number> {
    return Number((this.stmt('SELECT count(*) AS n FROM events').get() as DbRow).n);
  }

  async latestEventId(): Promise<number> {
    return Number((this.stmt('SELECT coalesce(max(id), 0) AS n FROM events').get() as DbRow).n);
  }

  async projectPending(limit: number, fold: CallFolder): Promise<number> {
    return this.write(() => {
      const run = this.db.transaction(() => {
        const through = Number(
          (this.stmt("SELECT value FROM meta WHERE key = 'projected_through'").get() as DbRow).value,
        );
        const events = this.all('SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?', through, limit).map(
          toStoredEvent,
        );
        if (events.length === 0) return 0;
        const previous = this.stmt('SELECT data FROM calls WHERE entry_id = ?');
        for (const [entryId, group] of groupByEntry(events)) {
          const prev = previous.get(entryId) as DbRow | undefined;
          this.writeProjection(fold(entryId, prev ? String(prev.data) : null, group));
        }
        this.stmt("UPDATE meta SET value = ? WHERE key = 'projected_through'").run(
          events[events.length - 1]!.id,
        );
        return events.length;
      });
      // IMMEDIATE: the writer thread commits concurrently, and a deferred transaction that read
      // first could not upgrade to a write after its commit (SQLITE_BUSY_SNAPSHOT).
      return run.immediate();
    });
  }

  private writeProjection(p: ReturnType<CallFolder>): void {
    if (p.call) {
      this.stmt(UPSERT_CALL).run(...callParams(p.call));
    }
    const leg = this.stmt(UPSERT_LEG);
    for (const l of p.legs) leg.run(...legParams(l));
    const rec = this.stmt(
      `INSERT INTO recordings (recording_id, entry_id, state, ready) VALUES (?, ?, ?, ?)
       ON CONFLICT (recording_id) DO UPDATE SET entry_id = coalesce(excluded.entry_id, recordings.entry_id),
         state = coalesce(excluded.state, recordings.state), ready = max(recordings.ready, excluded.ready)`,
    );
    for (const r of p.recordings) rec.run(r.recordingId, r.entryId, r.state, r.ready ? 1 : 0);
  }

  async queryCalls(query: CallQuery): Promise<CallRow[]> {
    const { where, params } = callQueryWhere(query, (i) => `@p${i}`);
    const bind: Record<string, unknown> = {};
    params.forEach((v, i) => {
      bind[`p${i + 1}`] = v;
    });
    bind.limit = query.limit ?? 100;
    bind.offset = query.offset ?? 0;
    const rows = this.stmt(
      `SELECT c.* FROM calls c ${where} ORDER BY c.started_at DESC, c.entry_id LIMIT @limit OFFSET @offset`,
    ).all(bind) as DbRow[];
    return rows.map(toCallRow);
  }

  async getCall(entryId: string): Promise<CallRow | null> {
    const row = this.stmt('SELECT * FROM calls WHERE entry_id = ?').get(entryId) as DbRow | undefined;
    return row ? toCallRow(row) : null;
  }

  async legsOfCall(entryId: string): Promise<LegRow[]> {
    return this.all('SELECT * FROM legs WHERE entry_id = ? ORDER BY started_at, call_id', entryId).map(
      toLegRow,
    );
  }

  async recordingsOfCall(entryId: string): Promise<RecordingRow[]> {
    return this.all('SELECT * FROM recordings WHERE entry_id = ? ORDER BY recording_id', entryId).map(
      toRecordingRow,
    );
  }

  async ensureConsumer(name: string, url: string): Promise<void> {
    return this.write(() => {
      this.stmt(
        'INSERT INTO consumers (name, url) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET url = excluded.url',
      ).run(name, url);
    });
  }

  async leaseConsumer(name: string, owner: string, ms: number): Promise<boolean> {
    return this.write(() => {
      // One process owns a SQLite file, so the lease is always ours: a lease left by a crashed
      // predecessor must not pause delivery until it expires.
      return (
        this.stmt('UPDATE consumers SET lease_owner = ?, lease_until = ? WHERE name = ?').run(
          owner,
          Date.now() + ms,
          name,
        ).changes === 1
      );
    });
  }

  async releaseConsumer(name: string, owner: string): Promise<void> {
    return this.write(() => {
      this.stmt(
        'UPDATE consumers SET lease_owner = NULL, lease_until = 0 WHERE name = ? AND lease_owner = ?',
      ).run(name, owner);
    });
  }

  async getCursor(name: string): Promise<number> {
    const row = this.stmt('SELECT cursor FROM consumers WHERE name = ?').get(name) as DbRow | undefined;
    return row ? Number(row.cursor) : 0;
  }

  async advanceCursor(name: string, cursor: number, park: ParkedRow[]): Promise<void> {
    return this.write(() => {
      const ins = this.stmt(
        `INSERT INTO parked (consumer, event_id, entry_key, attempts, next_at, status, last_error)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consumer, event_id) DO NOTHING`,
      );
      const upd = this.stmt('UPDATE consumers SET cursor = ? WHERE name = ? AND cursor < ?');
      this.db
        .transaction(() => {
          for (const p of park)
            ins.run(name, p.eventId, p.entryKey, p.attempts, p.nextAt, p.status, p.lastError);
          upd.run(cursor, name, cursor);
        })
        .immediate();
    });
  }

  async pendingParked(name: string, limit: number): Promise<Array<ParkedRow & { event: StoredEvent }>> {
    return this.all(
      `SELECT p.consumer, p.event_id, p.entry_key, p.attempts, p.next_at, p.status, p.last_error, e.*
       FROM parked p JOIN events e ON e.id = p.event_id
       WHERE p.consumer = ? AND p.status = 'pending' ORDER BY p.event_id LIMIT ?`,
      name,
      limit,
    ).map((r) => ({ ...toParkedRow(r), event: toStoredEvent(r) }));
  }

  async resolveParked(name: string, eventIds: number[]): Promise<void> {
    return this.write(() => {
      const del = this.stmt('DELETE FROM parked WHERE consumer = ? AND event_id = ?');
      this.db
        .transaction(() => {
          for (const id of eventIds) del.run(name, id);
        })
        .immediate();
    });
  }

  async failParked(
    name: string,
    eventIds: number[],
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<number> {
    return this.write(() => {
      const upd = this.stmt(
        `UPDATE parked SET attempts = attempts + 1, next_at = ?, last_error = ?,
         status = CASE WHEN attempts + 1 >= ? THEN 'dead' ELSE 'pending' END
       WHERE consumer = ? AND event_id = ? RETURNING status`,
      );
      return this.db
        .transaction(() => {
          let dead = 0;
          for (const id of eventIds) {
            const r = upd.get(nextAt, error, maxAttempts, name, id) as DbRow | undefined;
            if (r?.status === 'dead') dead++;
          }
          return dead;
        })
        .immediate();
    });
  }

  async deadLetters(name: string | null, limit: number): Promise<ParkedRow[]> {
    const rows =
      name === null
        ? this.all("SELECT * FROM parked WHERE status = 'dead' ORDER BY event_id LIMIT ?", limit)
        : this.all(
            "SELECT * FROM parked WHERE status = 'dead' AND consumer = ? ORDER BY event_id LIMIT ?",
            name,
            limit,
          );
    return rows.map(toParkedRow);
  }

  async redeliver(name: string, eventIds: number[] | null): Promise<number> {
    return this.write(() => {
      const now = Date.now();
      if (eventIds === null) {
        return this.stmt(
          "UPDATE parked SET status = 'pending', attempts = 0, next_at = ? WHERE consumer = ? AND status = 'dead'",
        ).run(now, name).changes;
      }
      const upd = this.stmt(
        "UPDATE parked SET status = 'pending', attempts = 0, next_at = ? WHERE consumer = ? AND event_id = ? AND status = 'dead'",
      );
      return this.db
        .transaction(() => {
          let n = 0;
          for (const id of eventIds) n += upd.run(now, name, id).changes;
          return n;
        })
        .immediate();
    });
  }

  async consumerStatus(): Promise<ConsumerStatus[]> {
    return this.all(
      `SELECT c.name, c.url, c.cursor,
         (SELECT count(*) FROM parked p WHERE p.consumer = c.name AND p.status = 'pending') AS pending,
         (SELECT count(*) FROM parked p WHERE p.consumer = c.name AND p.status = 'dead') AS dead
       FROM consumers c ORDER BY c.name`,
    ).map((r) => ({
      name: String(r.name),
      url: String(r.url),
      cursor: Number(r.cursor),
      pending: Number(r.pending),
      dead: Number(r.dead),
    }));
  }

  async claimArchiveJob(owner: string, leaseMs: number): Promise<ArchiveJob | null> {
    return this.write(() => {
      const now = Date.now();
      const row = this.stmt(
        `UPDATE recordings SET archive_status = 'working', lease_owner = ?, lease_until = ?
         WHERE recording_id = (
           SELECT recording_id FROM recordings
           WHERE ready = 1 AND (archive_status IS NULL
             OR (archive_status = 'pending' AND next_at <= ?)
             OR (archive_status = 'working' AND lease_until < ?))
           ORDER BY next_at LIMIT 1)
         RETURNING recording_id, entry_id, attempts`,
      ).get(owner, now + leaseMs, now, now) as DbRow | undefined;
      return row ? toArchiveJob(row) : null;
    });
  }

  async completeArchiveJob(recordingId: string, filePath: string): Promise<void> {
    return this.write(() => {
      this.stmt(
        "UPDATE recordings SET archive_status = 'archived', file_path = ?, last_error = NULL, lease_owner = NULL WHERE recording_id = ?",
      ).run(filePath, recordingId);
    });
  }

  async failArchiveJob(
    recordingId: string,
    nextAt: number,
    maxAttempts: number,
    error: string,
  ): Promise<void> {
    return this.write(() => {
      this.stmt(
        `UPDATE recordings SET attempts = attempts + 1, next_at = ?, last_error = ?, lease_owner = NULL,
           archive_status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE 'pending' END
         WHERE recording_id = ?`,
      ).run(nextAt, error, maxAttempts, recordingId);
    });
  }

  async ping(): Promise<void> {
    this.stmt('SELECT 1').get();
  }

  async probeWrite(): Promise<void> {
    return this.write(() => {
      this.stmt("UPDATE meta SET value = value + 1 WHERE key = 'write_probe'").run();
    });
  }

  async close(): Promise<void> {
    await this.writer?.close();
    if (this.db.open) this.db.close();
  }

  /**
   * Runs a write on this connection when the ingest writer holds no lock (new batches wait
   * meanwhile), so it starts at once instead of busy-waiting on the event loop.
   */
  private async write<T>(fn: () => T): Promise<T> {
    if (!this.writer) return fn();
    const release = await this.writer.hold();
    try {
      return fn();
    } finally {
      release();
    }
  }

  private all(sql: string, ...params: unknown[]): DbRow[] {
    return this.stmt(sql).all(...params) as DbRow[];
  }

  /** Prepared statements are cached: preparing is a measurable share of a small transaction. */
  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}

// Built once: the projection writes them for every call it folds.
const UPSERT_CALL = `INSERT INTO calls (${CALL_COLUMNS}) VALUES (${qs(13)}) ON CONFLICT (entry_id) DO UPDATE SET ${excludedSet(CALL_COLUMNS)}`;
const UPSERT_LEG = `INSERT INTO legs (${LEG_COLUMNS}) VALUES (${qs(12)}) ON CONFLICT (call_id) DO UPDATE SET ${excludedSet(LEG_COLUMNS)}`;

function qs(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
