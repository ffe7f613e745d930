import type { CallRecord, RecordingRecord } from './records.js';

/**
 * Calls that happened before the sandbox started: their history rows and recordings are served by
 * `stats/*` and `queries/recording/*` like the engine's own (the engine itself never sees them).
 */
export interface CallArchive {
  /** Finished calls, oldest first. */
  calls: CallRecord[];
  /** Stored recordings of those calls. */
  recordings: RecordingRecord[];
}
