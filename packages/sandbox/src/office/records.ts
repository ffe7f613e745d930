/*
 * What a finished call and a recording leave behind: the records the engine keeps of its calls and
 * an office's archive holds of calls before the sandbox started, read alike by statistics and
 * recording downloads. The office owns the shape (its archive is made of them); the engine
 * produces them (`engine/contract.ts` re-exports them for the API layer).
 */

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
