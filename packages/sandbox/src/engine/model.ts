import type { CallLocation, CallPartyFrom, CallPartyTo, CallState, DctInfo, TransferKind } from 'mangokit';
import type { Employee, Group, PhonePolicy } from '../office/types.js';
import type { ClockTimer } from './clock.js';
import type { LegRecord } from './contract.js';

/** One side of a leg: a simulated customer or an employee on one of their devices. */
export interface Party {
  kind: 'customer' | 'employee' | 'pbx';
  /** Customer number, or the employee's device. */
  number?: string;
  extension?: string;
  employee?: Employee;
  /** How the phone behaves; for employees it is read live from the office. */
  policy: PhonePolicy;
}

/** What a dial rings: an employee, a group (hunting), or any outside number. */
export type Target =
  | { kind: 'employee'; employee: Employee; device?: string }
  | { kind: 'group'; group: Group }
  | { kind: 'number'; number: string };

/** A live recording attached to a leg (reference §4.3). */
export interface Recording {
  recording_id: string;
  seq: number;
  leg: Leg;
  extension?: string;
  user_id?: number;
  command_id?: string;
  /** Virtual ms when audio started; 0 while waiting for the leg to connect. */
  startedMs: number;
  /** Talk milliseconds recorded in legs already left behind. */
  accumulatedMs: number;
}

/**
 * A live leg: one connection between a caller (`a`) and a called party (`b`). Its `state`, `seq`,
 * `answeredMs` and `ended` are read-only here: only the legs kernel's `transition()` changes them.
 */
export interface Leg {
  readonly call_id: string;
  readonly call: Call;
  readonly location: CallLocation;
  readonly state: CallState;
  /** `seq` of the last `events/call` emitted for this leg. */
  readonly seq: number;
  from: CallPartyFrom;
  to: CallPartyTo;
  a: Party;
  b: Party;
  readonly startedMs: number;
  /** When the leg connected, virtual ms (0 = never). */
  readonly answeredMs: number;
  command_id?: string;
  transfer?: TransferKind;
  callback_initiator?: string;
  intercepted?: boolean;
  group_id?: number;
  /** Timers bound to this leg (ring timeout, answer, hang-up); cleared when it ends. */
  timers: ClockTimer[];
  /** The called side is driven live through the control API instead of its policy. */
  manual: boolean;
  /** The dial that rang this leg, while it rings. */
  hunt?: HuntHandle;
  /** The reason this leg ends with when the customer it holds is handed over (1100 ivr, 1000 callback). */
  handoverReason?: number;
  /** Consultative transfer: the consult leg of a held leg, and back. */
  consult?: Leg;
  consultOf?: Leg;
  /** Consultative transfer still ringing the target. */
  consultHunt?: HuntHandle;
  recording?: Recording;
  /** Employees counted busy for this leg. */
  counted: number[];
  records: string[];
  /** The leg ended (or is ending): set once, by the move to `Disconnected`. */
  readonly ended: boolean;
}

/** The part of a running dial that legs and commands need. */
export interface HuntHandle {
  /** A ringing leg of this dial is answered: the others stop ringing, the leg connects. */
  answer(leg: Leg): void;
  /** Stops ringing: every leg still ringing ends with `reason` (`except` ends with `exceptReason`). */
  cancel(reason: number, except?: Leg, exceptReason?: number): void;
  /** A ringing leg of this dial stopped ringing without an answer (rejected, hung up by API). */
  legFailed(leg: Leg, reason: number): void;
  readonly spec: DialSpec;
}

/** How to ring a target on behalf of a caller party. */
export interface DialSpec {
  call: Call;
  /** Who calls (the `from` party of created legs). */
  a: Party;
  /** Wire `from` of created legs. */
  from: CallPartyFrom;
  target: Target;
  lineNumber?: string;
  commandId?: string;
  transfer?: TransferKind;
  callbackInitiator?: string;
  intercepted?: boolean;
  /** May wait in the group's queue (the caller is a customer parked in `call.waiting`). */
  allowQueue: boolean;
  /** The first leg of a callback: no talk timers, no automatic recording. */
  preliminary?: boolean;
  /** A recording moves into the answered leg: no automatic one is started there. */
  continuesRecording?: boolean;
  onAnswered(leg: Leg): void;
  onFailed(reason: number): void;
}

/** Scheme position of an incoming call. */
export interface IvrState {
  schemaId: number;
  nodeId: string;
  /** Menu key that led here, for `ivr.N` (reference §4.5). */
  viaKey?: string;
  timers: ClockTimer[];
  /** True while a prompt plays or input is awaited (play/start allowed, reference §2.6). */
  window: boolean;
  /** DISA digits collected so far. */
  digits: string;
  /** Customer policy digits not yet pressed. */
  scriptedDigits: string;
  dtmfSeq: number;
  kind?: 'menu' | 'disa' | 'play';
}

/** A live call group (`entry_id`). */
export interface Call {
  entry_id: string;
  direction: 0 | 1 | 2;
  createMs: number;
  forwardMs: number;
  talkMs: number;
  from: { extension?: string; number?: string };
  to: { extension?: string; number?: string };
  line_number?: string;
  command_id?: string;
  /** Call tracking of the line an incoming call came in on; absent = `{type: 0}` (reference §4.1). */
  dct?: DctInfo;
  /** The caller's SIP Call-ID on an incoming SIP call, when the office passes it on (reference §4.1). */
  sip_call_id?: string;
  /** The customer (incoming), or the initiating employee (outgoing). */
  caller: Party;
  legs: Map<string, Leg>;
  finished: LegRecord[];
  /** The leg the customer waits in (IVR, queue, callback first leg). */
  waiting?: Leg;
  ivr?: IvrState;
  /** Dials and other work in progress that keep the call alive between legs. */
  activities: number;
  /** The dial that serves the parked customer (route and hangup cancel it). */
  hunt?: HuntHandle;
  /** Queue membership, for queue size limits. */
  queuedGroup?: number;
  lastReason: number;
  answered: boolean;
  /** The first employee that missed the call (summary `to` on failure, reference §4.2). */
  firstMissed?: { extension?: string; number?: string };
  cost: number;
  timers: ClockTimer[];
  ended: boolean;
}
