import type { CommandName } from 'mangokit';

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

/** One finished leg, as `stats/request` reports it (reference §3.1). Times are Unix seconds. */
export interface LegRecord {
  entry_id: string;
  call_id: string;
  records: string[];
  start: number;
  finish: number;
  /** 0 when never answered. */
  answer: number;
  from_extension?: string;
  from_number?: string;
  to_extension?: string;
  to_number?: string;
  disconnect_reason: number;
  line_number?: string;
  location: 'ivr' | 'queue' | 'abonent';
  /** Creation time of the call group. */
  create: number;
  /** Employee user ids on the leg (for `stats/calls` filters). */
  user_ids: number[];
  group_id?: number;
  intercepted?: boolean;
  transfer?: 'blind' | 'consultative' | 'return_blind';
}

/** One finished call group, as `stats/calls` and `events/summary` see it (reference §3.2, §4.2). */
export interface CallRecord {
  entry_id: string;
  /** 0 internal, 1 incoming, 2 outgoing. */
  call_direction: 0 | 1 | 2;
  from: { extension?: string; number?: string };
  to: { extension?: string; number?: string };
  line_number?: string;
  create_time: number;
  forward_time: number;
  talk_time: number;
  end_time: number;
  entry_result: 0 | 1;
  disconnect_reason: number;
  /** Cost charged to the account for this call. */
  cost: number;
  legs: LegRecord[];
}

/** A recording the engine made (reference §3.3, §4.3). */
export interface RecordingRecord {
  recording_id: string;
  entry_id: string;
  call_id: string;
  extension?: string;
  user_id?: number;
  /** Unix seconds. */
  started_at: number;
  /** Unix seconds; absent while recording. */
  completed_at?: number;
  /** Length of the audio in seconds (the recorded talk). */
  duration_sec: number;
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
