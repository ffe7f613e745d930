import type { CallState } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { Call, Leg } from './model.js';
import { callEventOf, summaryOf } from './payloads.js';
import type { EnginePorts } from './ports/index.js';
import type {
  CallInit,
  ConnectOptions,
  DisconnectOptions,
  HoldOptions,
  LegInit,
  Legs,
  LegSide,
} from './ports/legs.js';
import { IllegalTransitionError, isLegalTransition } from './transitions.js';

/** Upper bound of a conversation nobody ends (a safety net for scripted phones). */
const MAX_TALK_MS = 4 * 3600_000;

/** What the legs kernel needs. */
export type LegsPorts = Pick<EnginePorts, 'clock' | 'ids' | 'presence' | 'notifier' | 'billing' | 'recorder'>;

/** The fields of a leg only {@link LegBook} writes. */
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * {@link Legs}: the live calls and legs, and their lifecycle. Every change of a leg's state goes
 * through {@link LegBook.transition}, which checks the table of `transitions.ts`, keeps the books
 * and emits `events/call` (the only place that assigns `state` and bumps `seq` is {@link setState}).
 */
export class LegBook implements Legs {
  /** Live calls by `entry_id`. */
  readonly calls = new Map<string, Call>();
  /** Live legs by `call_id`. */
  readonly legs = new Map<string, Leg>();

  constructor(private readonly k: LegsPorts) {}

  leg(callId: string): Leg | undefined {
    return this.legs.get(callId);
  }

  call(entryId: string): Call | undefined {
    return this.calls.get(entryId);
  }

  openLegs(): IterableIterator<Leg> {
    return this.legs.values();
  }

  openCalls(): IterableIterator<Call> {
    return this.calls.values();
  }

  newCall(init: CallInit): Call {
    const now = this.k.clock.nowMs();
    const call: Call = {
      entry_id: this.k.ids.next('entry'),
      direction: init.direction,
      createMs: now,
      forwardMs: 0,
      talkMs: 0,
      from: init.from,
      to: init.to,
      caller: init.caller,
      legs: new Map(),
      finished: [],
      activities: 0,
      lastReason: RESULT.ENDED_NORMALLY,
      answered: false,
      cost: 0,
      timers: [],
      ended: false,
    };
    if (init.line_number !== undefined) call.line_number = init.line_number;
    if (init.command_id !== undefined) call.command_id = init.command_id;
    if (init.dct !== undefined) call.dct = { ...init.dct };
    if (init.sip_call_id !== undefined) call.sip_call_id = init.sip_call_id;
    this.calls.set(call.entry_id, call);
    return call;
  }

  newLeg(call: Call, init: LegInit): Leg {
    const leg: Leg = {
      call_id: this.k.ids.next('call'),
      call,
      location: init.location,
      state: 'Appeared',
      seq: 0,
      from: init.from,
      to: init.to,
      a: init.a,
      b: init.b,
      startedMs: this.k.clock.nowMs(),
      answeredMs: 0,
      timers: [],
      manual: init.manual ?? false,
      records: [],
      counted: [],
      ended: false,
    };
    for (const key of ['command_id', 'transfer', 'callback_initiator', 'intercepted', 'group_id'] as const) {
      if (init[key] !== undefined) (leg as unknown as Record<string, unknown>)[key] = init[key];
    }
    call.legs.set(leg.call_id, leg);
    this.legs.set(leg.call_id, leg);
    this.k.presence.track(leg, +1);
    this.announce(leg);
    return leg;
  }

  legTimer(leg: Leg, ms: number, fn: () => void): void {
    leg.timers.push(
      this.k.clock.later(ms, () => {
        if (!leg.ended) fn();
      }),
    );
  }

  canTransition(leg: Leg, to: CallState): boolean {
    return !leg.ended && isLegalTransition(leg.state, to);
  }

  transition(leg: Leg, to: 'Connected', options?: ConnectOptions): void;
  transition(leg: Leg, to: 'OnHold', options?: HoldOptions): void;
  transition(leg: Leg, to: 'Disconnected', options: DisconnectOptions): void;
  transition(
    leg: Leg,
    to: 'Connected' | 'OnHold' | 'Disconnected',
    options?: ConnectOptions | HoldOptions | DisconnectOptions,
  ): void {
    // Ending is idempotent: a leg is ended once, however many parts of a call let go of it.
    if (to === 'Disconnected' && leg.ended) return;
    if (!this.canTransition(leg, to)) throw new IllegalTransitionError(leg.call_id, leg.state, to);
    if (to === 'Disconnected') this.disconnect(leg, options as DisconnectOptions);
    else if (to === 'OnHold') this.hold(leg, (options as HoldOptions | undefined)?.initiator);
    else if (leg.state === 'OnHold') this.resume(leg);
    else this.answer(leg, (options as ConnectOptions | undefined) ?? {});
  }

  releaseHold(leg: Leg): void {
    if (leg.state === 'OnHold' && this.canTransition(leg, 'Connected')) this.transition(leg, 'Connected');
  }

  partyHangup(leg: Leg, side: 'a' | 'b'): void {
    if (leg.ended) return;
    if (leg.consultOf && side === 'a' && leg.state === 'Connected') {
      this.joinConsult(leg.consultOf, leg);
      return;
    }
    if (leg.consult) this.cancelConsult(leg, RESULT.ENDED_NORMALLY);
    const reason = side === 'a' ? RESULT.ENDED_BY_CALLER : RESULT.ENDED_BY_CALLEE;
    if (leg.call.waiting === leg) {
      this.hangupCall(leg.call, reason);
      return;
    }
    this.transition(leg, 'Disconnected', { reason });
  }

  joinConsult(held: Leg, consult: Leg): void {
    held.consult = undefined;
    consult.consultOf = undefined;
    for (const t of consult.timers) this.k.clock.cancel(t);
    consult.timers = [];
    // Not a change of state: the talking consult leg is announced again with its new caller.
    this.handHeldPartyTo(held, consult, 'consultative', () => this.armTalk(consult));
  }

  /**
   * The initiator hangs up while the consultation still rings: the held party takes their place
   * on the ringing leg, which is announced again (`Appeared`, the held party as its caller, now a
   * blind transfer), and the held leg ends — PDF-2017's blind transfer example (p.55-56).
   */
  handOverRinging(held: Leg, consult: Leg): void {
    held.consultHunt = undefined;
    this.handHeldPartyTo(held, consult, 'blind');
  }

  /**
   * The held party (the side that did not put the leg on hold) becomes the caller of `consult`,
   * which takes over the recording and is announced again; the held leg ends with 1183
   * (a new operator assigned), its initiator the side that held it.
   */
  private handHeldPartyTo(
    held: Leg,
    consult: Leg,
    transfer: 'blind' | 'consultative',
    beforePresence?: () => void,
  ): void {
    const initiatorSide = held.from.hold_initiator ? 'from' : 'to';
    const remainingWire = initiatorSide === 'from' ? held.to : held.from;
    consult.a = initiatorSide === 'from' ? held.b : held.a;
    consult.from = { taken_from_call_id: held.call_id };
    if (remainingWire.extension !== undefined) consult.from.extension = remainingWire.extension;
    if (remainingWire.number !== undefined) consult.from.number = remainingWire.number;
    consult.transfer = transfer;
    this.k.recorder.move(held, consult);
    this.announce(consult);
    beforePresence?.();
    this.k.presence.track(consult, 0);
    this.transition(held, 'Disconnected', { reason: RESULT.NEW_OPERATOR_ASSIGNED, initiator: initiatorSide });
  }

  cancelConsult(held: Leg, reason: number): void {
    const consult = held.consult;
    const hunt = held.consultHunt;
    held.consult = undefined;
    held.consultHunt = undefined;
    if (consult) {
      consult.consultOf = undefined;
      this.transition(consult, 'Disconnected', { reason });
    }
    if (hunt) hunt.cancel(reason);
    this.releaseHold(held);
  }

  hangupCall(call: Call, reason: number): void {
    if (call.ended) return;
    call.activities += 1;
    // The dial serving the customer stops too (a queued call must not ring anyone afterwards).
    call.hunt?.cancel(reason);
    for (const t of call.timers) this.k.clock.cancel(t);
    call.timers = [];
    if (call.ivr) {
      for (const t of call.ivr.timers) this.k.clock.cancel(t);
      call.ivr = undefined;
    }
    this.k.presence.leaveQueue(call);
    for (const leg of [...call.legs.values()]) {
      if (leg.hunt) leg.hunt.cancel(reason);
      this.transition(leg, 'Disconnected', { reason });
    }
    call.activities -= 1;
    this.maybeFinish(call);
  }

  maybeFinish(call: Call): void {
    if (call.ended || call.legs.size > 0 || call.activities > 0) return;
    call.ended = true;
    for (const t of call.timers) this.k.clock.cancel(t);
    if (call.ivr) for (const t of call.ivr.timers) this.k.clock.cancel(t);
    this.k.presence.leaveQueue(call);
    this.k.recorder.onCallFinished(call);
    this.calls.delete(call.entry_id);
    const record = this.k.billing.settle(call);
    this.k.notifier.notify('events/summary', summaryOf(record, call));
    this.k.notifier.callFinished(record);
  }

  /** Appeared → Connected: the called party picked up; talk timers, automatic recording. */
  private answer(leg: Leg, { preliminary = false, continuesRecording = false }: ConnectOptions): void {
    for (const t of leg.timers) this.k.clock.cancel(t);
    leg.timers = [];
    leg.hunt = undefined;
    const answeredMs = this.k.clock.nowMs();
    (leg as Writable<Leg>).answeredMs = answeredMs;
    const call = leg.call;
    if (!call.answered && !preliminary) {
      call.answered = true;
      call.talkMs = answeredMs;
    }
    this.setState(leg, 'Connected');
    this.k.recorder.onConnected(leg);
    if (preliminary) return;
    if (!continuesRecording) this.autoRecord(leg);
    this.armTalk(leg);
  }

  /** Connected → OnHold, with `hold_initiator` on the initiator's side. */
  private hold(leg: Leg, initiator: LegSide | undefined): void {
    if (initiator === 'from') leg.from = { ...leg.from, hold_initiator: true };
    else leg.to = { ...leg.to, hold_initiator: true };
    this.setState(leg, 'OnHold');
  }

  /** OnHold → Connected. */
  private resume(leg: Leg): void {
    this.clearHoldMarks(leg);
    this.setState(leg, 'Connected');
  }

  /** Any live state → Disconnected: timers, consultation links, recording, busy counts, charges. */
  private disconnect(leg: Leg, { reason, initiator }: DisconnectOptions): void {
    (leg as Writable<Leg>).ended = true;
    for (const t of leg.timers) this.k.clock.cancel(t);
    leg.timers = [];
    const call = leg.call;
    if (leg.consult) {
      const consult = leg.consult;
      leg.consult = undefined;
      consult.consultOf = undefined;
    }
    if (leg.consultOf) {
      const held = leg.consultOf;
      leg.consultOf = undefined;
      held.consult = undefined;
      this.releaseHold(held);
    }
    this.clearHoldMarks(leg);
    if (initiator === 'from') leg.from.was_transferred = true;
    if (initiator === 'to') leg.to.was_transferred = true;
    this.k.recorder.onEnded(leg);
    this.setState(leg, 'Disconnected', reason);
    call.legs.delete(leg.call_id);
    this.legs.delete(leg.call_id);
    this.k.presence.track(leg, -1);
    if (call.waiting === leg) call.waiting = undefined;
    // 1000 only hands a callback's first leg over; it never describes how the call ended.
    if (reason !== RESULT.SUCCESS) call.lastReason = reason;
    this.k.billing.legEnded(leg, reason);
    const hunt = leg.hunt;
    leg.hunt = undefined;
    if (hunt && leg.answeredMs === 0) hunt.legFailed(leg, reason);
    this.maybeFinish(call);
  }

  /** The only assignment of a leg's state: sets it and announces it. */
  private setState(leg: Leg, to: CallState, reason?: number): void {
    (leg as Writable<Leg>).state = to;
    this.announce(leg, reason);
  }

  /** Emits `events/call` for the leg's current state, with the next `seq`. */
  private announce(leg: Leg, reason?: number): void {
    (leg as Writable<Leg>).seq = leg.seq + 1;
    this.k.notifier.notify('events/call', callEventOf(leg, this.k.clock.now(), reason));
    this.k.notifier.legChanged(leg);
  }

  private clearHoldMarks(leg: Leg): void {
    const { hold_initiator: _f, ...from } = leg.from;
    const { hold_initiator: _t, ...to } = leg.to;
    leg.from = from;
    leg.to = to;
  }

  /** Hang-up timers of both parties' policies, once a leg talks. */
  private armTalk(leg: Leg): void {
    const aPolicy = this.k.presence.policyOf(leg.a);
    const bPolicy = leg.manual ? undefined : this.k.presence.policyOf(leg.b);
    const aSec = aPolicy?.hangupAfterSec;
    const bSec = bPolicy?.hangupAfterSec;
    if (aSec !== undefined && (bSec === undefined || aSec <= bSec)) {
      this.legTimer(leg, aSec * 1000, () => this.partyHangup(leg, 'a'));
    } else if (bSec !== undefined) {
      this.legTimer(leg, bSec * 1000, () => this.partyHangup(leg, 'b'));
    } else {
      this.legTimer(leg, MAX_TALK_MS, () =>
        this.transition(leg, 'Disconnected', { reason: RESULT.ENDED_NORMALLY }),
      );
    }
  }

  /** Starts the recording the office asks for this employee's calls in this direction. */
  private autoRecord(leg: Leg): void {
    if (leg.recording) return;
    const dir = leg.call.direction;
    for (const p of [leg.b, leg.a]) {
      const mode = p.employee?.recording;
      if (!mode || mode === 'none') continue;
      if (mode === 'all' || (mode === 'incoming' && dir === 1) || (mode === 'outgoing' && dir === 2)) {
        this.k.recorder.start(leg, p);
        return;
      }
    }
  }
}
