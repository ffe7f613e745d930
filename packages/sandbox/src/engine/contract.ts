import type { CommandName } from 'mangokit';
import type { CallRecord, RecordingRecord } from '../office/records.js';

export type { CallRecord, LegRecord, RecordingRecord } from '../office/records.js';

/**
 * What the `/vpbx/` API layer needs from the call engine. The engine implements it; the API
 * layer only validates requests, calls these, and renders answers.
 */

/** The immediate answer to a command (reference §1.4): `result` 1000 when accepted. */
export interface CommandAck {
  result: number;
  /** Per-field codes for a 3100 answer (reference §1.3). */
  fields?: Record<string, number>;
}

export interface EngineForApi {
  /** Runs a command: validates it against live call state, answers at once, and later emits `result/<name>`. */
  command(name: CommandName, params: Record<string, unknown>): CommandAck;
  /** Finished calls, oldest first. */
  calls(): readonly CallRecord[];
  /** A recording by id, finished or not. */
  recording(recordingId: string): RecordingRecord | undefined;
  /** The engine's clock, Unix seconds. */
  now(): number;
  /** Emits a signed notification to the integrator (used for `result/stat`). */
  notify(path: string, payload: unknown): void;
}
