import { MangoValidationError } from '../core/errors.js';
import {
  type JsonObject,
  isObject,
  objectField,
  optBoolean,
  optEnum,
  optNumber,
  optString,
  put,
  reqEnum,
  reqNumber,
  reqString,
} from './coerce.js';
import { normaliseCallbackInitiator } from './normalise.js';
import { COMMAND_NAMES, type CommandName } from '../methods/commands.js';
import type {
  CallEventPayload,
  CallPartyFrom,
  CallPartyTo,
  CallState,
  DctInfo,
  DtmfEventPayload,
  RecognizedOfflinePayload,
  RecordingEventPayload,
  RecordStoredEventPayload,
  StatsReadyPayload,
  SummaryEventPayload,
  UserSessionEndPayload,
  UserStatusChangedPayload,
} from './payloads.js';
import type { CallEvent, MangoEvent, RecordingEvent } from './types.js';

const CALL_STATES: readonly CallState[] = ['Appeared', 'Connected', 'OnHold', 'Disconnected'];
const CALL_NAMES = {
  Appeared: 'call.appeared',
  Connected: 'call.connected',
  OnHold: 'call.onhold',
  Disconnected: 'call.disconnected',
} as const satisfies Record<CallState, CallEvent['name']>;
const RECORDING_STATES = ['Started', 'Continued', 'Completed'] as const;
const RECORDING_NAMES = {
  Started: 'recording.started',
  Continued: 'recording.continued',
  Completed: 'recording.completed',
} as const satisfies Record<RecordingEventPayload['recording_state'], RecordingEvent['name']>;
const COMMANDS = new Set<string>(COMMAND_NAMES);

/** Strips slashes around a path and the query string: `/events/ab/?x` → `events/ab`. */
export function normalisePath(path: string): string {
  let end = path.indexOf('?');
  if (end < 0) end = path.length;
  let start = 0;
  while (start < end && path.charCodeAt(start) === 47) start++;
  while (end > start && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(start, end);
}

/**
 * Parses the raw `json` field of a notification posted to `path` (relative to the integrator
 * base, e.g. `events/call`) into a typed event (reference §4). Numbers sent as strings, both
 * `was_transferred` spellings, Cyrillic `callback_initiator` letters and `line_number` inside
 * `to` are normalised. An unknown path gives an `unknown` event; malformed JSON or a
 * missing/ill-typed field of a known notification throws `MangoValidationError`.
 */
export function parseEvent(path: string, json: string): MangoEvent {
  if (typeof json !== 'string') {
    throw new MangoValidationError('parseEvent expects the raw json string of the notification');
  }
  let data: unknown;
  try {
    data = json === '' ? {} : JSON.parse(json);
  } catch {
    throw new MangoValidationError('notification json is not valid JSON');
  }
  return eventFromJson(normalisePath(path), data);
}

/** Builds the typed event for an already-normalised path and parsed JSON value. */
export function eventFromJson(path: string, data: unknown): MangoEvent {
  const known = knownPath(path);
  if (known === undefined) return { type: 'unknown', name: 'unknown', path, payload: data };
  if (!isObject(data)) throw new MangoValidationError(`notification json of ${path} must be an object`);
  switch (known) {
    case 'events/call': {
      const payload = callPayload(data);
      return { type: 'call', name: CALL_NAMES[payload.call_state], path, payload };
    }
    case 'events/summary':
      return { type: 'summary', name: 'summary', path, payload: summaryPayload(data) };
    case 'events/recording': {
      const payload = recordingPayload(data);
      return { type: 'recording', name: RECORDING_NAMES[payload.recording_state], path, payload };
    }
    case 'events/record/added':
      return { type: 'record.added', name: 'record.added', path, payload: recordStoredPayload(data) };
    case 'events/record/tagged':
      return { type: 'record.tagged', name: 'record.tagged', path, payload: recordStoredPayload(data) };
    case 'events/dtmf':
      return { type: 'dtmf', name: 'dtmf', path, payload: dtmfPayload(data) };
    case 'events/sms':
      return {
        type: 'sms',
        name: 'sms',
        path,
        payload: {
          command_id: reqString(data, 'command_id'),
          timestamp: reqNumber(data, 'timestamp'),
          reason: reqNumber(data, 'reason'),
        },
      };
    case 'result/stats': {
      const payload: StatsReadyPayload = { key: reqString(data, 'key') };
      put(payload, 'request_id', optString(data, 'request_id'));
      return { type: 'stats.ready', name: 'stats.ready', path, payload };
    }
    case 'ping':
      return { type: 'ping', name: 'ping', path, payload: data };
    case 'events/ab':
      return { type: 'ab', name: 'ab', path, payload: data };
    case 'events/recognized/offline':
      return {
        type: 'recognized.offline',
        name: 'recognized.offline',
        path,
        payload: recognizedPayload(data),
      };
    case 'events/user/status_changed':
      return {
        type: 'user.status_changed',
        name: 'user.status_changed',
        path,
        payload: userStatusPayload(data),
      };
    case 'events/user/session_end':
      return { type: 'user.session_end', name: 'user.session_end', path, payload: sessionEndPayload(data) };
    default: {
      const command = known.slice('result/'.length) as CommandName;
      return {
        type: 'result',
        name: `result.${command}`,
        command,
        path,
        payload: { command_id: reqString(data, 'command_id'), result: reqNumber(data, 'result') },
      };
    }
  }
}

type KnownPath =
  | 'events/call'
  | 'events/summary'
  | 'events/recording'
  | 'events/record/added'
  | 'events/record/tagged'
  | 'events/dtmf'
  | 'events/sms'
  | 'result/stats'
  | 'ping'
  | 'events/ab'
  | 'events/recognized/offline'
  | 'events/user/status_changed'
  | 'events/user/session_end'
  | `result/${CommandName}`;

const FIXED_PATHS = new Set<string>([
  'events/call',
  'events/summary',
  'events/recording',
  'events/record/added',
  'events/record/tagged',
  'events/dtmf',
  'events/sms',
  'result/stats',
  'ping',
  'events/ab',
  'events/recognized/offline',
  'events/user/status_changed',
  'events/user/session_end',
]);

/** True when `path` (normalised, e.g. `events/call`) is a notification of reference §4. */
export function isNotificationPath(path: string): boolean {
  return knownPath(path) !== undefined;
}

/**
 * The notification a path names, spelt one way (`result/stat` → `result/stats`, `events/ab/x` →
 * `events/ab`), or `undefined` when it is not one of reference §4 — for tools that compare paths.
 */
export function canonicalNotificationPath(path: string): string | undefined {
  return knownPath(normalisePath(path));
}

/** Maps a path to the notification it names, or `undefined` when it is not one of §4. */
function knownPath(path: string): KnownPath | undefined {
  if (FIXED_PATHS.has(path)) return path as KnownPath;
  // The stats-ready path is spelt both ways (§9.5).
  if (path === 'result/stat') return 'result/stats';
  // Address-book notifications may carry an object type below `events/ab/` (§4.8).
  if (path.startsWith('events/ab/')) return 'events/ab';
  if (path.startsWith('result/') && COMMANDS.has(path.slice(7))) return path as KnownPath;
  return undefined;
}

function dct(data: JsonObject): DctInfo | undefined {
  if (data.dct === undefined || data.dct === null || data.dct === '') return undefined;
  const source = objectField(data, 'dct');
  const info: DctInfo = { type: optEnum(source, 'type', [0, 1, 2] as const) ?? 0 };
  put(info, 'number', optString(source, 'number'));
  return info;
}

/** `was_transferred`, also spelt `was_transfered` (§4.1, §9.7). */
function wasTransferred(party: JsonObject): boolean | undefined {
  return optBoolean(party, 'was_transferred') ?? optBoolean(party, 'was_transfered');
}

function partyFrom(data: JsonObject): CallPartyFrom {
  const source = objectField(data, 'from');
  const from: CallPartyFrom = {};
  put(from, 'extension', optString(source, 'extension'));
  put(from, 'number', optString(source, 'number'));
  put(from, 'taken_from_call_id', optString(source, 'taken_from_call_id'));
  put(from, 'was_transferred', wasTransferred(source));
  put(from, 'hold_initiator', optBoolean(source, 'hold_initiator'));
  return from;
}

function partyTo(data: JsonObject): CallPartyTo {
  const source = objectField(data, 'to');
  const to: CallPartyTo = {};
  put(to, 'extension', optString(source, 'extension'));
  put(to, 'number', optString(source, 'number'));
  put(to, 'line_number', optString(source, 'line_number'));
  put(to, 'acd_group', optString(source, 'acd_group'));
  put(to, 'was_transferred', wasTransferred(source));
  put(to, 'hold_initiator', optBoolean(source, 'hold_initiator'));
  return to;
}

function callPayload(data: JsonObject): CallEventPayload {
  const payload: CallEventPayload = {
    entry_id: reqString(data, 'entry_id'),
    call_id: reqString(data, 'call_id'),
    timestamp: reqNumber(data, 'timestamp'),
    seq: reqNumber(data, 'seq'),
    call_state: reqEnum(data, 'call_state', CALL_STATES),
    location: optString(data, 'location') ?? '',
    from: partyFrom(data),
    to: partyTo(data),
  };
  put(payload, 'dct', dct(data));
  put(payload, 'disconnect_reason', optNumber(data, 'disconnect_reason'));
  put(payload, 'transfer', optEnum(data, 'transfer', ['consultative', 'blind', 'return_blind'] as const));
  put(payload, 'sip_call_id', optString(data, 'sip_call_id'));
  put(payload, 'command_id', optString(data, 'command_id'));
  put(payload, 'task_id', optNumber(data, 'task_id'));
  const initiator = optString(data, 'callback_initiator');
  if (initiator !== undefined && initiator !== '') {
    payload.callback_initiator = normaliseCallbackInitiator(initiator);
  }
  return payload;
}

function summaryPayload(data: JsonObject): SummaryEventPayload {
  const fromSource = objectField(data, 'from');
  const toSource = objectField(data, 'to');
  const from: SummaryEventPayload['from'] = {};
  put(from, 'extension', optString(fromSource, 'extension'));
  put(from, 'number', optString(fromSource, 'number'));
  const to: SummaryEventPayload['to'] = {};
  put(to, 'extension', optString(toSource, 'extension'));
  put(to, 'number', optString(toSource, 'number'));
  const payload: SummaryEventPayload = {
    entry_id: reqString(data, 'entry_id'),
    call_direction: reqEnum(data, 'call_direction', [0, 1, 2] as const),
    from,
    to,
    create_time: reqNumber(data, 'create_time'),
    forward_time: optNumber(data, 'forward_time') ?? 0,
    talk_time: optNumber(data, 'talk_time') ?? 0,
    end_time: reqNumber(data, 'end_time'),
    entry_result: reqEnum(data, 'entry_result', [0, 1] as const),
    disconnect_reason: optNumber(data, 'disconnect_reason') ?? 0,
  };
  // Top level per the docs, inside `to` per one production client (§9.6).
  const line = optString(data, 'line_number') || optString(toSource, 'line_number');
  if (line) payload.line_number = line;
  put(payload, 'dct', dct(data));
  put(payload, 'sip_call_id', optString(data, 'sip_call_id'));
  return payload;
}

function recordingPayload(data: JsonObject): RecordingEventPayload {
  const payload: RecordingEventPayload = {
    recording_id: reqString(data, 'recording_id'),
    recording_state: reqEnum(data, 'recording_state', RECORDING_STATES),
    seq: optNumber(data, 'seq') ?? 0,
    entry_id: reqString(data, 'entry_id'),
    call_id: optString(data, 'call_id') ?? '',
    timestamp: reqNumber(data, 'timestamp'),
  };
  put(payload, 'extension', optString(data, 'extension'));
  put(payload, 'completion_code', optNumber(data, 'completion_code'));
  put(payload, 'recipient', optEnum(data, 'recipient', ['Cloud', 'Mail', 'CloudAndMail'] as const));
  put(payload, 'command_id', optString(data, 'command_id'));
  return payload;
}

function recordStoredPayload(data: JsonObject): RecordStoredEventPayload {
  // Both carry recording_id, entry_id and timestamp; `recording_state` exists only in events/recording (§4.3, §4.6).
  if (data.recording_state !== undefined) {
    throw new MangoValidationError('notification field "recording_state" belongs to events/recording');
  }
  return {
    entry_id: reqString(data, 'entry_id'),
    product_id: optNumber(data, 'product_id') ?? 0,
    user_id: optNumber(data, 'user_id') ?? -1,
    timestamp: reqNumber(data, 'timestamp'),
    recording_id: reqString(data, 'recording_id'),
  };
}

function dtmfPayload(data: JsonObject): DtmfEventPayload {
  // `dtmf` is what makes the packet (§4.5): without it this is another notification's body.
  const digits = optString(data, 'dtmf');
  if (digits === undefined) throw new MangoValidationError('notification field "dtmf" is missing');
  const payload: DtmfEventPayload = {
    seq: optNumber(data, 'seq') ?? 0,
    dtmf: digits,
    timestamp: reqNumber(data, 'timestamp'),
    call_id: reqString(data, 'call_id'),
    entry_id: reqString(data, 'entry_id'),
    location: optString(data, 'location') ?? '',
    initiator: optString(data, 'initiator') ?? '',
  };
  put(payload, 'from_number', optString(data, 'from_number'));
  put(payload, 'to_number', optString(data, 'to_number'));
  put(payload, 'line_number', optString(data, 'line_number'));
  return payload;
}

function recognizedPayload(data: JsonObject): RecognizedOfflinePayload {
  const payload: RecognizedOfflinePayload = {
    product_id: optNumber(data, 'product_id') ?? 0,
    request_id: reqString(data, 'request_id'),
    recognized: optNumber(data, 'recognized') ?? 0,
    result: reqNumber(data, 'result'),
  };
  put(payload, 'message', optString(data, 'message'));
  return payload;
}

function userStatusPayload(data: JsonObject): UserStatusChangedPayload {
  const payload: UserStatusChangedPayload = {
    abonent_id: reqNumber(data, 'abonent_id'),
    status: reqNumber(data, 'status'),
    timestamp: optNumber(data, 'timestamp') ?? 0,
  };
  put(payload, 'status_alias', optString(data, 'status_alias'));
  put(payload, 'parent_status', optNumber(data, 'parent_status'));
  put(payload, 'when', optNumber(data, 'when'));
  return payload;
}

function sessionEndPayload(data: JsonObject): UserSessionEndPayload {
  // The doc's table says `abonent_id`, its example `abonent` (§4.9).
  const abonent = optNumber(data, 'abonent_id') ?? optNumber(data, 'abonent');
  if (abonent === undefined) throw new MangoValidationError('notification field "abonent_id" is missing');
  const payload: UserSessionEndPayload = {
    result: reqNumber(data, 'result'),
    abonent_id: abonent,
    timestamp: optNumber(data, 'timestamp') ?? 0,
  };
  put(payload, 'session', optString(data, 'session'));
  return payload;
}
