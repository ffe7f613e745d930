/** Columns of basic statistics (reference §3.1, `fields`). */
export type StatsField =
  | 'records'
  | 'start'
  | 'finish'
  | 'answer'
  | 'from_extension'
  | 'from_number'
  | 'to_extension'
  | 'to_number'
  | 'disconnect_reason'
  | 'entry_id'
  | 'line_number'
  | 'location'
  | 'create';

/** The vendor's default column list and order (reference §3.1). */
export const DEFAULT_STATS_FIELDS: readonly StatsField[] = Object.freeze([
  'records',
  'start',
  'finish',
  'answer',
  'from_extension',
  'from_number',
  'to_extension',
  'to_number',
  'disconnect_reason',
  'line_number',
  'location',
]);

/** Every known column. */
export const STATS_FIELDS: readonly StatsField[] = Object.freeze([
  ...DEFAULT_STATS_FIELDS,
  'entry_id',
  'create',
]);

/** Columns converted to numbers (Unix seconds, codes). */
export const NUMERIC_STATS_FIELDS: ReadonlySet<string> = new Set([
  'start',
  'finish',
  'answer',
  'disconnect_reason',
  'create',
]);

/**
 * One row of basic statistics (one call leg). Only requested columns are present.
 * Times are Unix seconds; `answer` is 0 when never answered; an empty or non-numeric
 * number column reads as `null`.
 */
export interface StatsRow {
  /** Recording ids, the `[a,b]` list split. */
  records?: string[];
  start?: number | null;
  finish?: number | null;
  answer?: number | null;
  from_extension?: string;
  from_number?: string;
  to_extension?: string;
  to_number?: string;
  /** Code of reference §6. */
  disconnect_reason?: number | null;
  entry_id?: string;
  line_number?: string;
  location?: string;
  create?: number | null;
}

/** Normalises `fields` given as an array or the vendor's comma-separated string (spaces tolerated). */
export function normaliseStatsFields(fields: readonly string[] | string | undefined): string[] {
  if (fields === undefined) return [...DEFAULT_STATS_FIELDS];
  const list = typeof fields === 'string' ? fields.split(',') : [...fields];
  return list.map((f) => f.trim()).filter((f) => f !== '');
}
