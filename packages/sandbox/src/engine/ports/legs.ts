import type { CallPartyFrom, CallPartyTo, CallState, DctInfo } from 'mangokit';
import type { Call, Leg, Party } from '../model.js';

/** What opens a call group. */
export interface CallInit {
  direction: 0 | 1 | 2;
  caller: Party;
  from: Call['from'];
  to: Call['to'];
  line_number?: string;
  command_id?: string;
  /** Call tracking of the line an incoming call came in on. */
  dct?: DctInfo;
  /** The caller's SIP Call-ID, passed on when the office allows it (reference §4.1). */
  sip_call_id?: string;
}

/** What opens a leg (in `Appeared`). */
export interface LegInit {
  location: Leg['location'];
  a: Party;
  b: Party;
  from: CallPartyFrom;
  to: CallPartyTo;
  command_id?: string;
  transfer?: Leg['transfer'];
  callback_initiator?: string;
  intercepted?: boolean;
  group_id?: number;
  manual?: boolean;
}

/** Which side of a leg's wire `from`/`to` acted. */
export type LegSide = 'from' | 'to';

/** Options of a move to `Connected`: from `Appeared` (answered) or from `OnHold` (taken off hold). */
export interface ConnectOptions {
  /** The first leg of a callback: no talk timers, no automatic recording, the call is not yet answered. */
  preliminary?: boolean;
  /** A recording moves into this leg: no automatic one is started. */
  continuesRecording?: boolean;
}

/** Options of a move to `OnHold`. */
export interface HoldOptions {
  /** The side that holds: its wire party gets `hold_initiator` (default `to`). */
  initiator?: LegSide;
}

/** Options of a move to `Disconnected`. */
export interface DisconnectOptions {
  /** The leg's `disconnect_reason` (reference §6). */
  reason: number;
  /** The side that left by a transfer: its wire party gets `was_transferred`. */
  initiator?: LegSide;
}

/**
 * Live calls and legs, and the one way a leg's state changes. A leg opens in `Appeared`; every
 * later state comes from {@link Legs.transition}, which checks the transition table, keeps the
 * books (timers, busy counts, recordings, charges, history) and emits `events/call`.
 */
export interface Legs {
  /** A live leg by `call_id`. */
  leg(callId: string): Leg | undefined;
  /** A live call by `entry_id`. */
  call(entryId: string): Call | undefined;
  /** Live legs, oldest first. */
  openLegs(): IterableIterator<Leg>;
  /** Live calls, oldest first. */
  openCalls(): IterableIterator<Call>;
  /** Opens a call group. */
  newCall(init: CallInit): Call;
  /** Opens a leg in `Appeared` and announces it. */
  newLeg(call: Call, init: LegInit): Leg;
  /** Schedules a timer that dies with the leg. */
  legTimer(leg: Leg, ms: number, fn: () => void): void;
  /** Whether the transition table lets the live leg move to `to` now. */
  canTransition(leg: Leg, to: CallState): boolean;
  /**
   * Moves a leg to `to`: the only way a leg's state changes. Throws `IllegalTransitionError`
   * when the table forbids it; ending a leg that already ended does nothing.
   */
  transition(leg: Leg, to: 'Connected', options?: ConnectOptions): void;
  transition(leg: Leg, to: 'OnHold', options?: HoldOptions): void;
  transition(leg: Leg, to: 'Disconnected', options: DisconnectOptions): void;
  /** Takes a leg off hold if it still is (a consultation ended). */
  releaseHold(leg: Leg): void;
  /** A party of a talking leg hangs up (during a consultation the initiator joins the others). */
  partyHangup(leg: Leg, side: 'a' | 'b'): void;
  /** Joins a held leg's remaining party with the consult target (reference §2.8). */
  joinConsult(held: Leg, consult: Leg): void;
  /** The initiator hangs up while the consultation still rings: the held party takes the ringing leg. */
  handOverRinging(held: Leg, consult: Leg): void;
  /** Ends a consultation without joining: the consult leg ends, the held leg talks again. */
  cancelConsult(held: Leg, reason: number): void;
  /** Ends every leg and all pending work of a call. */
  hangupCall(call: Call, reason: number): void;
  /** Finishes the call when no leg and no work is left. */
  maybeFinish(call: Call): void;
}
