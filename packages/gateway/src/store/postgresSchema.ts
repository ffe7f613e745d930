/** The PostgreSQL schema; idempotent, so every instance may run it at start. */
export const POSTGRES_SCHEMA = `
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

/**
 * Advisory lock key serialising ingest commits across instances, so event ids become visible
 * in id order and a cursor (`id > n`) never skips an event committed late by another instance.
 */
export const INGEST_LOCK = 72_615_001;
