/**
 * The gateway's schema as versioned migrations. Each version is applied once, in order, in one
 * transaction with its row in `schema_migrations` (PostgreSQL: under an advisory lock, so
 * instances starting together apply it once; SQLite: one immediate transaction). A release
 * that changes the schema appends a version here; it never edits an applied one.
 */

/** One schema version: its SQL per dialect. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
  /**
   * PostgreSQL only: a query answering one row `{ ok: true }` when the objects of this version
   * already exist (a database created before the schema had versions); the version is then
   * recorded without running its DDL, which would take table locks running instances contend for.
   */
  postgresBaseline?: string;
}

/** The table that records applied versions (same SQL on both databases). */
export const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

const V1_SQLITE = `
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  dedup_key TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  entry_id TEXT,
  call_id TEXT,
  seq INTEGER,
  json TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_entry ON events(entry_id, id);
-- One writer commits ids in order, so "projected through id N" is a cursor, not a flag per row.
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT OR IGNORE INTO meta (key, value) VALUES ('projected_through', 0);
-- Bumped by the health check's write probe: a committed write, so a full disk shows.
INSERT OR IGNORE INTO meta (key, value) VALUES ('write_probe', 0);
CREATE TABLE IF NOT EXISTS calls (
  entry_id TEXT PRIMARY KEY,
  direction TEXT,
  from_number TEXT,
  to_number TEXT,
  line_number TEXT,
  employee TEXT,
  outcome TEXT NOT NULL,
  started_at INTEGER,
  answered_at INTEGER,
  ended_at INTEGER,
  talk_seconds INTEGER,
  updated_at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_started ON calls(started_at);
CREATE TABLE IF NOT EXISTS legs (
  call_id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  state TEXT,
  from_number TEXT,
  from_extension TEXT,
  to_number TEXT,
  to_extension TEXT,
  started_at INTEGER,
  answered_at INTEGER,
  ended_at INTEGER,
  disconnect_reason INTEGER,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS legs_entry ON legs(entry_id);
CREATE TABLE IF NOT EXISTS recordings (
  recording_id TEXT PRIMARY KEY,
  entry_id TEXT,
  state TEXT,
  ready INTEGER NOT NULL DEFAULT 0,
  archive_status TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  file_path TEXT,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS recordings_entry ON recordings(entry_id);
CREATE TABLE IF NOT EXISTS consumers (
  name TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  cursor INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS parked (
  consumer TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  entry_key TEXT,
  attempts INTEGER NOT NULL,
  next_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  PRIMARY KEY (consumer, event_id)
);
`;

const V1_POSTGRES = `
CREATE TABLE IF NOT EXISTS events (
  id BIGSERIAL PRIMARY KEY,
  dedup_key TEXT NOT NULL UNIQUE,
  path TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  entry_id TEXT,
  call_id TEXT,
  seq BIGINT,
  json TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  projected BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS events_entry ON events(entry_id, id);
CREATE INDEX IF NOT EXISTS events_unprojected ON events(id) WHERE NOT projected;
CREATE TABLE IF NOT EXISTS calls (
  entry_id TEXT PRIMARY KEY,
  direction TEXT,
  from_number TEXT,
  to_number TEXT,
  line_number TEXT,
  employee TEXT,
  outcome TEXT NOT NULL,
  started_at BIGINT,
  answered_at BIGINT,
  ended_at BIGINT,
  talk_seconds BIGINT,
  updated_at BIGINT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS calls_started ON calls(started_at);
CREATE TABLE IF NOT EXISTS legs (
  call_id TEXT PRIMARY KEY,
  entry_id TEXT NOT NULL,
  state TEXT,
  from_number TEXT,
  from_extension TEXT,
  to_number TEXT,
  to_extension TEXT,
  started_at BIGINT,
  answered_at BIGINT,
  ended_at BIGINT,
  disconnect_reason BIGINT,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS legs_entry ON legs(entry_id);
CREATE TABLE IF NOT EXISTS recordings (
  recording_id TEXT PRIMARY KEY,
  entry_id TEXT,
  state TEXT,
  ready BOOLEAN NOT NULL DEFAULT false,
  archive_status TEXT,
  attempts INT NOT NULL DEFAULT 0,
  next_at BIGINT NOT NULL DEFAULT 0,
  lease_until BIGINT NOT NULL DEFAULT 0,
  lease_owner TEXT,
  file_path TEXT,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS recordings_entry ON recordings(entry_id);
CREATE TABLE IF NOT EXISTS consumers (
  name TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  cursor BIGINT NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS parked (
  consumer TEXT NOT NULL,
  event_id BIGINT NOT NULL,
  entry_key TEXT,
  attempts INT NOT NULL,
  next_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  PRIMARY KEY (consumer, event_id)
);
`;

/** Every schema version, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, calls, legs, recordings, consumers, parked',
    sqlite: V1_SQLITE,
    postgres: V1_POSTGRES,
    // The unversioned schema was created in one transaction, `parked` last.
    postgresBaseline: "SELECT to_regclass('parked') IS NOT NULL AS ok",
  },
];

/** The database's schema is newer than this gateway: it refuses to run on it. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

/** What the migration runner needs inside its transaction. */
export interface MigrationSession {
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  exec(sql: string, params?: unknown[]): Promise<void>;
}

/**
 * Applies the versions `session` has not recorded yet, in order; throws `SchemaTooNewError`
 * when the database records a version this gateway does not know. Runs inside the caller's
 * transaction and lock. Returns the versions it applied.
 */
export async function applyMigrations(
  session: MigrationSession,
  dialect: 'sqlite' | 'postgres',
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await session.exec(VERSION_TABLE);
  const done = new Set(
    (await session.query('SELECT version FROM schema_migrations')).map((r) => Number(r.version)),
  );
  checkNotNewer(done, migrations);
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    const existing =
      dialect === 'postgres' && m.postgresBaseline
        ? (await session.query(m.postgresBaseline))[0]?.ok === true
        : false;
    if (!existing) await session.exec(dialect === 'sqlite' ? m.sqlite : m.postgres);
    await session.exec(
      dialect === 'sqlite'
        ? 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)'
        : 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
      [m.version, m.name, Date.now()],
    );
    applied.push(m.version);
  }
  return applied;
}

/** The latest version of `migrations`. */
export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return Math.max(0, ...migrations.map((m) => m.version));
}

/** Throws `SchemaTooNewError` when `recorded` holds a version `migrations` does not know. */
export function checkNotNewer(recorded: Iterable<number>, migrations: readonly Migration[]): void {
  const latest = latestVersion(migrations);
  const newest = Math.max(0, ...recorded);
  if (newest > latest)
    throw new SchemaTooNewError(
      `the database schema is at version ${newest}, newer than this gateway knows (${latest}): upgrade the gateway`,
    );
}
