import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations, type Migration } from './migrations.js';
import type { DbRow } from './rows.js';
import { toStoredEvent } from './rows.js';
import { type FileLock, lockDatabaseFile } from './sqliteLock.js';
import { SqliteWriter } from './sqliteWriter.js';
import { type Dialect, INSERT_EVENT, type ProjectionBuilder, SqlStore, type Statement } from './sqlStore.js';
import type { InsertOutcome, NotificationInput, StoredEvent } from './types.js';

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
  /** The schema versions to apply (default the gateway's own; for tests of upgrades). */
  migrations?: readonly Migration[];
}

const SQLITE: Dialect = {
  kind: 'sqlite',
  inIds: 'IN (SELECT value FROM json_each(?))',
  ids: (list) => JSON.stringify(list),
  skipLocked: '',
  singleProcess: true,
  // Exact and one index lookup: ids are rowids given as the largest one plus one, a rolled-back
  // insert leaves no gap, and events are never deleted.
  eventCountEstimate: 'SELECT coalesce(max(id), 0) AS n FROM events',
};

/**
 * A stored event as the projection reads it: its id, path and call; the rest of the row (the
 * json above all) is read from the database the first time any of it is asked for, which the
 * projection does only for an event it no longer holds parsed.
 */
class LazyEvent implements StoredEvent {
  readonly id: number;
  readonly path: string;
  readonly entryId: string | null;
  private full: StoredEvent | undefined;

  constructor(
    row: DbRow,
    private readonly read: Database.Statement,
  ) {
    this.id = Number(row.id);
    this.path = String(row.path);
    this.entryId = row.entry_id === null ? null : String(row.entry_id);
  }

  private get row(): StoredEvent {
    this.full ??= toStoredEvent(this.read.get(this.id) as DbRow);
    return this.full;
  }
  get type(): string {
    return this.row.type;
  }
  get name(): string {
    return this.row.name;
  }
  get callId(): string | null {
    return this.row.callId;
  }
  get seq(): number | null {
    return this.row.seq;
  }
  get json(): string {
    return this.row.json;
  }
  get receivedAt(): number {
    return this.row.receivedAt;
  }
}

/**
 * The embedded store: one SQLite file in WAL mode, owned by one process (a lock file refuses a
 * second gateway). better-sqlite3 is synchronous: each write runs whole, or in one
 * transaction, while no other write of this connection is in progress and the ingest writer
 * holds no lock; the batcher in front of `insertBatch` turns many requests into one commit.
 */
export class SqliteStore extends SqlStore {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  protected readonly dialect = SQLITE;
  private readonly db: Database.Database;
  private readonly synchronous: 'FULL' | 'NORMAL';
  private readonly statements = new Map<string, Database.Statement>();
  private readonly useWriter: boolean;
  private writer: SqliteWriter | null = null;
  private lock: FileLock | null = null;
  /** Serialises this connection's writes (a projection reads, folds, then writes). */
  private exclusiveTail: Promise<unknown> = Promise.resolve();

  constructor(options: SqliteStoreOptions) {
    super(options.migrations);
    if (options.file) this.file = options.file;
    else if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      this.file = join(options.dataDir, 'gateway.db');
    } else throw new TypeError('SqliteStore needs dataDir or file');
    this.synchronous = options.synchronous ?? 'FULL';
    if (this.file !== ':memory:') this.lock = lockDatabaseFile(this.file);
    try {
      this.db = new Database(this.file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${this.synchronous}`);
      this.db.pragma('busy_timeout = 5000');
    } catch (err) {
      this.lock?.release();
      throw err;
    }
    this.useWriter = this.file !== ':memory:' && options.writerThread !== false;
  }

  protected async migrate(): Promise<void> {
    await this.exclusive(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        await applyMigrations(
          {
            query: async (sql) => this.db.prepare(sql).all() as DbRow[],
            exec: async (sql, params) => {
              if (params) this.db.prepare(sql).run(...params);
              else this.db.exec(sql);
            },
          },
          'sqlite',
          this.migrations,
        );
        this.db.exec('COMMIT');
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
    // The writer's statement needs the schema: its connection opens after the migrations.
    if (this.useWriter && !this.writer)
      this.writer = new SqliteWriter(this.file, this.synchronous, INSERT_EVENT);
  }

  async insertBatch(items: NotificationInput[]): Promise<InsertOutcome[]> {
    if (this.writer) return this.writer.insert(items);
    return this.exclusive(() => {
      const insert = this.stmt(INSERT_EVENT);
      const run = this.db.transaction((batch: NotificationInput[]) =>
        batch.map((n): InsertOutcome => {
          const row = insert.get(
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
    });
  }

  protected async query(sql: string, params: readonly unknown[] = []): Promise<DbRow[]> {
    return this.stmt(sql).all(...params) as DbRow[];
  }

  protected write(sql: string, params: readonly unknown[] = []): Promise<{ rows: DbRow[]; changes: number }> {
    return this.exclusive(() => {
      const s = this.stmt(sql);
      if (s.reader) {
        const rows = s.all(...params) as DbRow[];
        return { rows, changes: rows.length };
      }
      return { rows: [], changes: s.run(...params).changes };
    });
  }

  protected writeAll(statements: readonly Statement[]): Promise<void> {
    return this.exclusive(() => this.runInTransaction(statements));
  }

  protected projectWith(limit: number, build: ProjectionBuilder): Promise<number> {
    return this.exclusive(async () => {
      // One writer commits ids in order, so "projected through id N" is a cursor. Nothing else
      // writes calls meanwhile (this runs exclusively), so the reads need no transaction.
      const through = Number(
        (this.stmt("SELECT value FROM meta WHERE key = 'projected_through'").get() as DbRow).value,
      );
      // Id, path and call only: the projection folds the events parsed on arrival (ParsedEvents)
      // and reads the stored row only of those it no longer holds (after a restart, or a lag).
      const rowOf = this.stmt('SELECT * FROM events WHERE id = ?');
      const events = (
        this.stmt('SELECT id, path, entry_id FROM events WHERE id > ? ORDER BY id LIMIT ?').all(
          through,
          limit,
        ) as DbRow[]
      ).map((r) => new LazyEvent(r, rowOf));
      if (events.length === 0) return 0;
      const previous = this.stmt('SELECT data FROM calls WHERE entry_id = ?');
      const statements = await build(events, async (entryId) => {
        const row = previous.get(entryId) as DbRow | undefined;
        return row ? String(row.data) : null;
      });
      // The projection is derived from the events and its cursor commits with it: a power loss
      // can only roll both back together, and they are folded again. So its commit skips the
      // fsync (the WAL is fsynced by the next ingest commit anyway), which would otherwise block
      // the event loop, and hold ingest back, for a disk flush several times a second.
      const full = this.synchronous === 'FULL';
      if (full) this.db.pragma('synchronous = NORMAL');
      try {
        this.runInTransaction([
          ...statements,
          ["UPDATE meta SET value = ? WHERE key = 'projected_through'", [events[events.length - 1]!.id]],
        ]);
      } finally {
        if (full) this.db.pragma('synchronous = FULL');
      }
      return events.length;
    });
  }

  async ping(): Promise<void> {
    this.stmt('SELECT 1').get();
  }

  async probeWrite(): Promise<void> {
    await this.write("UPDATE meta SET value = value + 1 WHERE key = 'write_probe'");
  }

  async close(): Promise<void> {
    await this.exclusiveTail;
    await this.writer?.close();
    if (this.db.open) this.db.close();
    this.lock?.release();
  }

  /**
   * Runs `fn` when no other write of this connection is running and the ingest writer holds no
   * lock (new batches wait meanwhile), so it never meets a lock and SQLite never busy-waits on
   * the event loop.
   */
  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.exclusiveTail.then(async () => {
      const release = this.writer ? await this.writer.hold() : undefined;
      try {
        return await fn();
      } finally {
        release?.();
      }
    });
    this.exclusiveTail = run.catch(() => {});
    return run;
  }

  /** Runs statements in one IMMEDIATE transaction (the writer thread commits concurrently). */
  private runInTransaction(statements: readonly Statement[]): void {
    this.db
      .transaction(() => {
        for (const [sql, params] of statements) this.stmt(sql).run(...params);
      })
      .immediate();
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
