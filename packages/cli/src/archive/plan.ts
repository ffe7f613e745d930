import { createHash } from 'node:crypto';
import type { StatsRow } from 'mangokit';
import { fileStamp, formatMoscow } from '../core/dates.js';

/** Direction of a call as the archive names it. */
export type Direction = 'incoming' | 'outgoing' | 'internal';

/** One recording to archive, with the call metadata the manifest carries. */
export interface ArchiveItem {
  recording_id: string;
  /** Path relative to the archive directory. */
  file: string;
  entry_id: string;
  start: number;
  direction: Direction;
  /** The employee's extension on the call ('' when none). */
  employee: string;
  /** The other party's number ('' when unknown). */
  number: string;
  from_extension: string;
  from_number: string;
  to_extension: string;
  to_number: string;
  answered: boolean;
  talk_seconds: number;
  disconnect_reason: number | null;
  line_number: string;
}

/** Filters applied to history rows (the server filters by employee; the rest is done here). */
export interface ArchiveFilters {
  direction?: Direction;
  minTalk?: number;
  answered?: boolean;
  /** Extensions of a group's operators: keep calls where one of them is a party. */
  extensions?: ReadonlySet<string>;
}

/** The direction of a leg from which sides are employees (reference §3.1 columns). */
export function directionOf(row: StatsRow): Direction {
  const fromEmployee = Boolean(row.from_extension);
  const toEmployee = Boolean(row.to_extension);
  if (fromEmployee && toEmployee) return 'internal';
  return fromEmployee ? 'outgoing' : 'incoming';
}

/** Keeps a file-name part to safe characters: `sip:101@x.ru` → `sip-101-x.ru`. */
export function safePart(text: string, fallback: string): string {
  const cleaned = text
    .replace(/[^\w.+-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return cleaned || fallback;
}

/**
 * The archive path of a recording: `YYYY-MM-DD/YYYYMMDD-HHMMSS_<employee>_<number>_<id8>.mp3`
 * (Moscow time). The short hash of the recording id keeps names unique when one call has several
 * recordings, and stable across runs so a resumed run finds its files.
 */
export function archivePath(recordingId: string, start: number, employee: string, number: string): string {
  const stamp = fileStamp(start);
  const day = formatMoscow(start).slice(0, 10);
  const id8 = createHash('sha256').update(recordingId).digest('hex').slice(0, 8);
  return `${day}/${stamp}_${safePart(employee, 'none')}_${safePart(number, 'unknown')}_${id8}.mp3`;
}

/** Turns one history row into archive items (one per recording) if it passes the filters. */
export function itemsOf(row: StatsRow, filters: ArchiveFilters): ArchiveItem[] {
  const records = row.records ?? [];
  if (records.length === 0) return [];
  const direction = directionOf(row);
  const answered = (row.answer ?? 0) > 0;
  const talk = answered && row.finish ? Math.max(0, row.finish - (row.answer ?? 0)) : 0;
  if (filters.direction && filters.direction !== direction) return [];
  if (filters.answered && !answered) return [];
  if (filters.minTalk !== undefined && talk < filters.minTalk) return [];
  if (filters.extensions) {
    const ext = filters.extensions;
    if (!ext.has(row.from_extension ?? '') && !ext.has(row.to_extension ?? '')) return [];
  }
  const employee = (direction === 'incoming' ? row.to_extension : row.from_extension) ?? '';
  const number =
    (direction === 'incoming'
      ? row.from_number
      : direction === 'outgoing'
        ? row.to_number
        : row.to_extension) ?? '';
  const start = row.start ?? 0;
  return records.map((recording_id) => ({
    recording_id,
    file: archivePath(recording_id, start, employee, number),
    entry_id: row.entry_id ?? '',
    start,
    direction,
    employee,
    number,
    from_extension: row.from_extension ?? '',
    from_number: row.from_number ?? '',
    to_extension: row.to_extension ?? '',
    to_number: row.to_number ?? '',
    answered,
    talk_seconds: talk,
    disconnect_reason: row.disconnect_reason ?? null,
    line_number: row.line_number ?? '',
  }));
}
