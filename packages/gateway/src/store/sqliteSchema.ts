/** The SQLite schema; every statement is idempotent so opening an existing data directory is safe. */
export const SQLITE_SCHEMA = `
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
