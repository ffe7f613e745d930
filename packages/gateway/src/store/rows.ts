import type { ArchiveJob, CallRow, LegRow, ParkedRow, RecordingRow, StoredEvent } from './types.js';

/** A database row as both drivers return it (PostgreSQL BIGINTs arrive as strings). */
export type DbRow = Record<string, unknown>;

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** Maps an `events` row. */
export function toStoredEvent(r: DbRow): StoredEvent {
  return {
    id: Number(r.id),
    path: String(r.path),
    type: String(r.type),
    name: String(r.name),
    entryId: str(r.entry_id),
    callId: str(r.call_id),
    seq: num(r.seq),
    json: String(r.json),
    receivedAt: Number(r.received_at),
  };
}

/** Maps a `calls` row. */
export function toCallRow(r: DbRow): CallRow {
  return {
    entryId: String(r.entry_id),
    direction: str(r.direction),
    fromNumber: str(r.from_number),
    toNumber: str(r.to_number),
    lineNumber: str(r.line_number),
    employee: str(r.employee),
    outcome: String(r.outcome),
    startedAt: num(r.started_at),
    answeredAt: num(r.answered_at),
    endedAt: num(r.ended_at),
    talkSeconds: num(r.talk_seconds),
    updatedAt: Number(r.updated_at),
    data: String(r.data),
  };
}

/** Maps a `legs` row. */
export function toLegRow(r: DbRow): LegRow {
  return {
    callId: String(r.call_id),
    entryId: String(r.entry_id),
    state: str(r.state),
    fromNumber: str(r.from_number),
    fromExtension: str(r.from_extension),
    toNumber: str(r.to_number),
    toExtension: str(r.to_extension),
    startedAt: num(r.started_at),
    answeredAt: num(r.answered_at),
    endedAt: num(r.ended_at),
    disconnectReason: num(r.disconnect_reason),
    data: String(r.data),
  };
}

/** Maps a `recordings` row. */
export function toRecordingRow(r: DbRow): RecordingRow {
  return {
    recordingId: String(r.recording_id),
    entryId: str(r.entry_id),
    state: str(r.state),
    ready: Boolean(r.ready),
    archiveStatus: str(r.archive_status) as RecordingRow['archiveStatus'],
    attempts: Number(r.attempts),
    filePath: str(r.file_path),
    lastError: str(r.last_error),
  };
}

/** Maps a `parked` row. */
export function toParkedRow(r: DbRow): ParkedRow {
  return {
    consumer: String(r.consumer),
    eventId: Number(r.event_id),
    entryKey: str(r.entry_key),
    attempts: Number(r.attempts),
    nextAt: Number(r.next_at),
    status: r.status === 'dead' ? 'dead' : 'pending',
    lastError: str(r.last_error),
  };
}

/** Maps the `recordings` row of a claimed archive job. */
export function toArchiveJob(r: DbRow): ArchiveJob {
  return { recordingId: String(r.recording_id), entryId: str(r.entry_id), attempts: Number(r.attempts) };
}

/** Parameters of one `calls` upsert, in column order. */
export function callParams(c: CallRow): unknown[] {
  return [
    c.entryId,
    c.direction,
    c.fromNumber,
    c.toNumber,
    c.lineNumber,
    c.employee,
    c.outcome,
    c.startedAt,
    c.answeredAt,
    c.endedAt,
    c.talkSeconds,
    c.updatedAt,
    c.data,
  ];
}

/** Parameters of one `legs` upsert, in column order. */
export function legParams(l: LegRow): unknown[] {
  return [
    l.callId,
    l.entryId,
    l.state,
    l.fromNumber,
    l.fromExtension,
    l.toNumber,
    l.toExtension,
    l.startedAt,
    l.answeredAt,
    l.endedAt,
    l.disconnectReason,
    l.data,
  ];
}

/** Column list of `calls`, in the order of `callParams`. */
export const CALL_COLUMNS =
  'entry_id, direction, from_number, to_number, line_number, employee, outcome, started_at, answered_at, ended_at, talk_seconds, updated_at, data';
/** Column list of `legs`, in the order of `legParams`. */
export const LEG_COLUMNS =
  'call_id, entry_id, state, from_number, from_extension, to_number, to_extension, started_at, answered_at, ended_at, disconnect_reason, data';

/** `SET col = excluded.col` for every column but the key. */
export function excludedSet(columns: string): string {
  return columns
    .split(',')
    .slice(1)
    .map((c) => `${c.trim()} = excluded.${c.trim()}`)
    .join(', ');
}

/** Groups events by call, keeping id order inside each group; events without a call are skipped. */
export function groupByEntry(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (e.entryId === null) continue;
    const g = groups.get(e.entryId);
    if (g) g.push(e);
    else groups.set(e.entryId, [e]);
  }
  return groups;
}
