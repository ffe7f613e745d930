import type {
  CallPartyFrom,
  CallPartyTo,
  CallState,
  DctInfo,
  RecordingEventPayload,
  SummaryEventPayload,
  TransferKind,
} from '../events/payloads.js';

/**
 * What the tracker knows about one leg (`call_id`, reference §4.1). Plain data, so a store can
 * serialise it. Current fields come from the event with the highest `seq`; `*_at` facts are
 * kept from every event, so late deliveries still fill them in.
 */
export interface TrackedLeg {
  call_id: string;
  /** State of the highest-`seq` event; `Disconnected` is terminal (§4.1). */
  state: CallState;
  /** Highest `seq` applied to this leg. */
  seq: number;
  /** Every `seq` seen, to drop duplicate deliveries. */
  seqs: number[];
  location: string;
  from: CallPartyFrom;
  to: CallPartyTo;
  command_id?: string;
  /** Every `transfer` kind this leg carried (a consult leg may turn `blind`, §4.1). */
  transfers: TransferKind[];
  appeared_at?: number;
  connected_at?: number;
  ended_at?: number;
  disconnect_reason?: number;
  /** The leg reached `Connected` at some point. */
  answered: boolean;
  /** How this leg relates to `from.taken_from_call_id`, once known. */
  relation?: 'intercepted' | 'rerouted' | 'continuation';
}

/** What the tracker knows about one recording (§4.3, §4.6). */
export interface TrackedRecording {
  recording_id: string;
  state?: RecordingEventPayload['recording_state'];
  seq: number;
  call_id?: string;
  extension?: string;
  completion_code?: number;
  recipient?: RecordingEventPayload['recipient'];
  /** `events/record/added` arrived: the file can be downloaded. */
  ready: boolean;
}

/** How a finished call ended, from `events/summary` (§4.2). */
export type CallOutcome = 'answered' | 'missed' | 'ended_in_ivr';

/** Durations in seconds derived from `events/summary` times (§4.2). */
export interface CallDurations {
  /** Before the call was handed to employees (IVR, queue). */
  wait: number;
  /** Ringing employees before one answered (or until the caller gave up). */
  ring: number;
  /** Conversation. */
  talk: number;
}

/** One call (`entry_id`) as folded from its notifications. */
export interface TrackedCall {
  entry_id: string;
  /** Legs ordered by `call_id` (use `findLeg` to look one up). */
  legs: TrackedLeg[];
  /** Recordings ordered by `recording_id`. */
  recordings: TrackedRecording[];
  summary?: SummaryEventPayload;
  outcome?: CallOutcome;
  durations?: CallDurations;
  /** `events/summary` arrived: the call is over. */
  finished: boolean;
  /** Smallest event timestamp seen (Unix seconds). */
  first_timestamp?: number;
  /**
   * The call came in on a call-tracking number (`dct` of its notifications, type 1 dynamic or
   * 2 static): `client.dct.userInfo({ number: dct.number })` finds the site visitor behind it.
   */
  dct?: DctInfo;
}

/** The parties of a leg as a CRM reads them. */
export interface LegMoment {
  call: TrackedCall;
  leg: TrackedLeg;
}

/** Moments the tracker emits, by name, with their payloads. */
export interface CallTrackerEvents {
  /** An employee's phone rings: pop the card of `caller`. */
  ringing: LegMoment & { caller?: string; employee?: string; line_number?: string; dct?: DctInfo };
  /** A leg to an employee was picked up. */
  answered: LegMoment & { by: CallPartyTo; caller?: string };
  /** The leg went on hold; `initiator` says which side put it there (v2 `hold_initiator`). */
  held: LegMoment & { initiator?: 'from' | 'to' };
  /** The leg came back from hold. */
  resumed: LegMoment;
  /** The leg results from a transfer command (§2.8): `blind`, `consultative` or `return_blind`. */
  transferred: LegMoment & { kind: TransferKind; from_call_id?: string };
  /** A ringing leg was taken over with `commands/route` (§2.7). */
  intercepted: LegMoment & { from_call_id: string };
  /** A leg in IVR or a queue was re-routed with `commands/route` (§2.7). */
  rerouted: LegMoment & { from_call_id: string };
  /** The call ended without a conversation (`entry_result` 0). */
  missed: { call: TrackedCall; summary: SummaryEventPayload; caller?: string; missed_by?: string };
  /** The call is over: outcome and durations from the summary. */
  completed: {
    call: TrackedCall;
    summary: SummaryEventPayload;
    outcome: CallOutcome;
    durations: CallDurations;
    answered_by?: string;
  };
  /** A recording is stored and downloadable (`events/record/added`). */
  recordingReady: { call: TrackedCall; recording: TrackedRecording };
}

/** A moment name accepted by `CallTracker.on()`. */
export type CallTrackerEventName = keyof CallTrackerEvents;

/** A moment as produced by folding one event: its name and payload. */
export type CallMoment = {
  [K in CallTrackerEventName]: { name: K; data: CallTrackerEvents[K] };
}[CallTrackerEventName];
