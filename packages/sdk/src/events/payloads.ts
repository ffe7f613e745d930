/**
 * Payload shapes of every notification the PBX posts to an integrator (reference §4), in their
 * normalised form: numbers arrive as strings or numbers on the wire (§1.2) and are numbers here;
 * `was_transfered` (one "r", §9.7) is read as `was_transferred`; Cyrillic letters in
 * `callback_initiator` are mapped to Latin (§9.8). Field names are the vendor's.
 */

/** Where a leg is (§4.1). */
export type CallLocation = 'ivr' | 'queue' | 'abonent';

/** State of a leg (§4.1). */
export type CallState = 'Appeared' | 'Connected' | 'OnHold' | 'Disconnected';

/** v2 `transfer` field of `events/call` (§4.1). */
export type TransferKind = 'consultative' | 'blind' | 'return_blind';

/** `callback_initiator` of `events/call`, normalised to Latin letters (§4.1, §9.8). */
export type CallbackInitiator =
  | 'CC'
  | 'API'
  | 'WEB'
  | 'ObDial'
  | 'CallbackWidget'
  | 'MissGroupCallCallback'
  | 'MissInIvrCallCallback';

/** Dynamic call-tracking block (§4.1): `type` 0 none, 1 dynamic, 2 static. */
export interface DctInfo {
  number?: string;
  type: 0 | 1 | 2;
}

/** The calling side of a leg (§4.1). */
export interface CallPartyFrom {
  extension?: string;
  number?: string;
  taken_from_call_id?: string;
  was_transferred?: boolean;
  hold_initiator?: boolean;
}

/** The called side of a leg (§4.1). */
export interface CallPartyTo {
  extension?: string;
  number?: string;
  line_number?: string;
  acd_group?: string;
  was_transferred?: boolean;
  hold_initiator?: boolean;
}

/** `events/call`: one state change of one leg (§4.1). */
export interface CallEventPayload {
  entry_id: string;
  call_id: string;
  timestamp: number;
  seq: number;
  call_state: CallState;
  /** A `CallLocation`; other values are passed through as sent. */
  location: CallLocation | (string & {});
  from: CallPartyFrom;
  to: CallPartyTo;
  dct?: DctInfo;
  disconnect_reason?: number;
  transfer?: TransferKind;
  sip_call_id?: string;
  command_id?: string;
  task_id?: number;
  callback_initiator?: CallbackInitiator | (string & {});
}

/** `events/summary`: the final record of a call group (§4.2). */
export interface SummaryEventPayload {
  entry_id: string;
  /** 0 internal, 1 incoming, 2 outgoing. */
  call_direction: 0 | 1 | 2;
  from: { extension?: string; number?: string };
  to: { extension?: string; number?: string };
  /** Read from the top level or from inside `to` (§9.6). */
  line_number?: string;
  dct?: DctInfo;
  create_time: number;
  forward_time: number;
  talk_time: number;
  end_time: number;
  /** 1 a conversation happened, 0 missed. */
  entry_result: 0 | 1;
  disconnect_reason: number;
  sip_call_id?: string;
}

/** `events/recording` (§4.3). */
export interface RecordingEventPayload {
  recording_id: string;
  recording_state: 'Started' | 'Continued' | 'Completed';
  seq: number;
  entry_id: string;
  call_id: string;
  extension?: string;
  timestamp: number;
  completion_code?: number;
  recipient?: 'Cloud' | 'Mail' | 'CloudAndMail';
  command_id?: string;
}

/** `events/record/added` and `events/record/tagged` (§4.6). */
export interface RecordStoredEventPayload {
  entry_id: string;
  product_id: number;
  user_id: number;
  timestamp: number;
  recording_id: string;
}

/** `events/dtmf` (§4.5). */
export interface DtmfEventPayload {
  seq: number;
  dtmf: string;
  timestamp: number;
  call_id: string;
  entry_id: string;
  location: string;
  initiator: string;
  from_number?: string;
  to_number?: string;
  line_number?: string;
}

/** `events/sms`: delivery report of `commands/sms` (§4.4). */
export interface SmsEventPayload {
  command_id: string;
  timestamp: number;
  /** 1000 delivered, or a 43xx code. */
  reason: number;
}

/** `result/<command>` (§1.4, §4.7). */
export interface CommandResultPayload {
  command_id: string;
  result: number;
}

/** `result/stats` or `result/stat`: a basic-statistics job is ready (§3.1). */
export interface StatsReadyPayload {
  key: string;
  request_id?: string;
}

/** `events/recognized/offline` (§4.10). */
export interface RecognizedOfflinePayload {
  product_id: number;
  request_id: string;
  /** Unix milliseconds. */
  recognized: number;
  result: number;
  message?: string;
}

/** `events/user/status_changed` (§4.9). Times are Unix milliseconds. */
export interface UserStatusChangedPayload {
  abonent_id: number;
  status: number;
  status_alias?: string;
  parent_status?: number;
  when?: number;
  timestamp: number;
}

/** `events/user/session_end` (§4.9); `abonent_id` is read from `abonent` too. */
export interface UserSessionEndPayload {
  result: number;
  abonent_id: number;
  session?: string;
  timestamp: number;
}

/** `events/ab/`: an address-book object was created, updated or deleted (§4.8); shape varies by object. */
export type AddressBookEventPayload = Record<string, unknown>;

/** `ping`: the personal cabinet's "check connection" request (§1.5); payload undocumented. */
export type PingPayload = Record<string, unknown>;
