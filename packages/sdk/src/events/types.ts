import type { CommandName } from '../methods/commands.js';
import type {
  AddressBookEventPayload,
  CallEventPayload,
  CommandResultPayload,
  DtmfEventPayload,
  PingPayload,
  RecognizedOfflinePayload,
  RecordingEventPayload,
  RecordStoredEventPayload,
  SmsEventPayload,
  StatsReadyPayload,
  SummaryEventPayload,
  UserSessionEndPayload,
  UserStatusChangedPayload,
} from './payloads.js';

/** Fields every parsed notification carries. */
interface EventBase<T extends string, N extends string, P> {
  /** Which notification this is; the discriminant of `MangoEvent`. */
  type: T;
  /** The subscription name it is delivered under (e.g. `call.appeared`, `result.callback`). */
  name: N;
  /** The notification path relative to the integrator base, e.g. `events/call`. */
  path: string;
  /** The normalised payload. */
  payload: P;
}

/** `events/call` (§4.1). */
export type CallEvent = EventBase<
  'call',
  'call.appeared' | 'call.connected' | 'call.onhold' | 'call.disconnected',
  CallEventPayload
>;
/** `events/summary` (§4.2). */
export type SummaryEvent = EventBase<'summary', 'summary', SummaryEventPayload>;
/** `events/recording` (§4.3). */
export type RecordingEvent = EventBase<
  'recording',
  'recording.started' | 'recording.continued' | 'recording.completed',
  RecordingEventPayload
>;
/** `events/record/added` (§4.6). */
export type RecordAddedEvent = EventBase<'record.added', 'record.added', RecordStoredEventPayload>;
/** `events/record/tagged` (§4.6). */
export type RecordTaggedEvent = EventBase<'record.tagged', 'record.tagged', RecordStoredEventPayload>;
/** `events/dtmf` (§4.5). */
export type DtmfEvent = EventBase<'dtmf', 'dtmf', DtmfEventPayload>;
/** `events/sms` (§4.4). */
export type SmsEvent = EventBase<'sms', 'sms', SmsEventPayload>;
/** `result/<command>` (§1.4); `command` is the vendor's command path. */
export type CommandResultEvent = EventBase<'result', `result.${CommandName}`, CommandResultPayload> & {
  command: CommandName;
};
/** `result/stats` or `result/stat` (§3.1, §9.5). */
export type StatsReadyEvent = EventBase<'stats.ready', 'stats.ready', StatsReadyPayload>;
/** `ping` (§1.5). */
export type PingEvent = EventBase<'ping', 'ping', PingPayload>;
/** `events/ab/` (§4.8). */
export type AddressBookEvent = EventBase<'ab', 'ab', AddressBookEventPayload>;
/** `events/recognized/offline` (§4.10). */
export type RecognizedOfflineEvent = EventBase<
  'recognized.offline',
  'recognized.offline',
  RecognizedOfflinePayload
>;
/** `events/user/status_changed` (§4.9). */
export type UserStatusChangedEvent = EventBase<
  'user.status_changed',
  'user.status_changed',
  UserStatusChangedPayload
>;
/** `events/user/session_end` (§4.9). */
export type UserSessionEndEvent = EventBase<'user.session_end', 'user.session_end', UserSessionEndPayload>;
/** Any path this version does not know (including `result/<unknown command>`); `payload` is the raw JSON. */
export type UnknownEvent = EventBase<'unknown', 'unknown', unknown>;

/** Every notification the PBX posts, discriminated on `type` (reference §4). */
export type MangoEvent =
  | CallEvent
  | SummaryEvent
  | RecordingEvent
  | RecordAddedEvent
  | RecordTaggedEvent
  | DtmfEvent
  | SmsEvent
  | CommandResultEvent
  | StatsReadyEvent
  | PingEvent
  | AddressBookEvent
  | RecognizedOfflineEvent
  | UserStatusChangedEvent
  | UserSessionEndEvent
  | UnknownEvent;

/** The `type` of a `MangoEvent`. */
export type MangoEventType = MangoEvent['type'];

/** The exact event delivered for each subscription name: fine names (`call.appeared`) and coarse ones (`call`). */
export type MangoEventMap = { [E in MangoEvent as E['name']]: E } & {
  [E in MangoEvent as E['type']]: E;
} & {
  [C in CommandName as `result.${C}`]: CommandResultEvent & { command: C; name: `result.${C}` };
};

/** A name accepted by `on()`. */
export type MangoEventName = keyof MangoEventMap;
