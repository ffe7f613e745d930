import { EventEmitter } from 'node:events';
import type {
  CallEventPayload,
  CallPartyFrom,
  CallPartyTo,
  CommandName,
  DctInfo,
  SummaryEventPayload,
} from 'mangokit';
import type { Employee, Group, Office, PhonePolicy } from '../office/types.js';
import type { ClockTimer, VirtualClock } from './clock.js';
import { runCommand } from './commands.js';
import type { CallRecord, CommandAck, EngineForApi, LegRecord, RecordingRecord } from './contract.js';
import { dial } from './dialer.js';
import { IdGenerator } from './ids.js';
import { startIncoming } from './ivr.js';
import type { Call, Leg, Party, Target } from './model.js';
import { Recorder } from './recording.js';
import { activeDevice } from './schedule.js';

/** Where the engine sends each notification (the webhook dispatcher). */
export type NotificationSink = (path: string, payload: unknown) => void;

/** Options of {@link CallEngine}. */
export interface EngineOptions {
  clock: VirtualClock;
  /** The live office (a getter: it may be replaced). */
  office: () => Office;
  sink?: NotificationSink;
  /** Seed of the random operator order (`dial_alg_group` 3). */
  seed?: number;
  /** Finished calls kept for stats (oldest dropped first). */
  historyLimit?: number;
}

/** A live leg as the control API shows it. */
export interface LiveLeg {
  call_id: string;
  entry_id: string;
  state: Leg['state'];
  location: Leg['location'];
  from: CallPartyFrom;
  to: CallPartyTo;
  seq: number;
  started: number;
  answered: number;
  manual: boolean;
  recording_id?: string;
  transfer?: Leg['transfer'];
}

/** A live call as the control API shows it. */
export interface LiveCall {
  entry_id: string;
  direction: 0 | 1 | 2;
  create_time: number;
  from: { extension?: string; number?: string };
  to: { extension?: string; number?: string };
  line_number?: string;
  /** The call-tracking number the call came in on (absent for other calls). */
  dct?: DctInfo;
  ivr_node?: string;
  legs: LiveLeg[];
}

/** Events of the engine for observers (the control stream). */
export interface EngineEvents {
  leg: [LiveLeg];
  call: [CallRecord];
  notification: [string, unknown];
}

/** The `dct` block of a call's notifications: its tracking number, or `{type: 0}` (reference §4.1). */
function dctOf(call: Call): DctInfo {
  return call.dct ? { ...call.dct } : { type: 0 };
}

/** Upper bound of a conversation nobody ends (a safety net for scripted phones). */
const MAX_TALK_MS = 4 * 3600_000;
/** A busy or DND phone answers the ring with its signal after this long. */
const SIGNAL_MS = 1000;

/**
 * The Virtual PBX call engine: live calls and legs on a virtual clock, driven by the office's
 * phone policies, by `/vpbx/` commands and by the control API, emitting every notification of
 * reference §4 in order through its sink.
 */
export class CallEngine extends EventEmitter<EngineEvents> implements EngineForApi {
  readonly clock: VirtualClock;
  readonly ids = new IdGenerator();
  readonly recorder: Recorder;
  /** Live calls by `entry_id`. */
  readonly live = new Map<string, Call>();
  /** Live legs by `call_id`. */
  readonly legs = new Map<string, Leg>();
  private readonly history: CallRecord[] = [];
  private readonly historyLimit: number;
  private readonly getOffice: () => Office;
  private sink: NotificationSink;
  /** Live legs per employee (`user_id`), for "busy". */
  private readonly employeeLegs = new Map<number, number>();
  /** When each employee last finished a call, for `dial_alg_group` 5. */
  private readonly lastIdle = new Map<number, number>();
  /** Employees driven live through the control API. */
  readonly manualEmployees = new Set<number>();
  /** Calls waiting in each group's queue, in arrival order. */
  readonly queues = new Map<number, Call[]>();
  /** Delivery reasons of the next SMS reports (reference §4.4); empty = 1000. */
  readonly smsReasons: number[] = [];
  private rngState: number;

  constructor(options: EngineOptions) {
    super();
    this.clock = options.clock;
    this.getOffice = options.office;
    this.sink = options.sink ?? (() => {});
    this.historyLimit = options.historyLimit ?? 100_000;
    this.rngState = options.seed ?? 0x9e3779b9;
    this.recorder = new Recorder(this);
  }

  /** The live office. */
  office(): Office {
    return this.getOffice();
  }

  /** Replaces where notifications go. */
  setSink(sink: NotificationSink): void {
    this.sink = sink;
  }

  // ---- EngineForApi ----

  /** Runs a `/vpbx/commands/*` command: the acknowledgement now, `result/<name>` right after. */
  command(name: CommandName, params: Record<string, unknown>): CommandAck {
    return runCommand(this, name, params);
  }

  /** Finished calls, oldest first. */
  calls(): readonly CallRecord[] {
    return this.history;
  }

  /** A recording by id. */
  recording(recordingId: string): RecordingRecord | undefined {
    return this.recorder.get(recordingId);
  }

  /** The clock, Unix seconds. */
  now(): number {
    return this.clock.now();
  }

  /** Emits a signed notification to the integrator. */
  notify(path: string, payload: unknown): void {
    this.sink(path, payload);
    if (this.listenerCount('notification') > 0) this.emit('notification', path, payload);
  }

  // ---- helpers shared by the engine's parts ----

  /** Runs `fn` after `ms` of virtual time. */
  later(ms: number, fn: () => void): ClockTimer {
    return this.clock.setTimeout(fn, ms);
  }

  /** A deterministic pseudo-random number in [0, 1) (xorshift32). */
  random(): number {
    let x = this.rngState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rngState = x >>> 0;
    return this.rngState / 2 ** 32;
  }

  employeeByExtension(ext: string): Employee | undefined {
    return this.office().employees.find((e) => e.extension === ext);
  }

  employeeById(id: number): Employee | undefined {
    const list = this.office().employees;
    // An index over the live list: hunting a large group looks every operator up on each call.
    let idx = this.byId;
    if (!idx || idx.list !== list || idx.length !== list.length) {
      idx = { list, length: list.length, map: new Map(list.map((e, i) => [e.user_id, i])) };
      this.byId = idx;
    }
    const i = idx.map.get(id);
    const hit = i === undefined ? undefined : list[i];
    if (hit && hit.user_id === id) return hit;
    // The list was edited in place: fall back to a scan and rebuild next time.
    this.byId = undefined;
    return list.find((e) => e.user_id === id);
  }

  private byId: { list: Employee[]; length: number; map: Map<number, number> } | undefined;

  groupByExtension(ext: string): Group | undefined {
    return this.office().groups.find((g) => g.extension === ext);
  }

  /** The employee owning a device number (or extension), if any. */
  employeeByNumber(num: string): Employee | undefined {
    return this.office().employees.find(
      (e) => e.extension === num || e.numbers.some((n) => n.number === num) || e.mobile === num,
    );
  }

  /** Resolves a dialled string: employee extension, group short number, employee device, or outside number. */
  resolveTarget(to: string): Target {
    const emp = this.employeeByExtension(to);
    if (emp) return { kind: 'employee', employee: emp };
    const group = this.groupByExtension(to);
    if (group) return { kind: 'group', group };
    const owner = this.employeeByNumber(to);
    if (owner) return { kind: 'employee', employee: owner, device: to };
    return { kind: 'number', number: to };
  }

  /** A customer party with the office's policy for that number. */
  customer(number: string, policy?: PhonePolicy): Party {
    const office = this.office();
    return {
      kind: 'customer',
      number,
      policy: policy ?? office.customers?.[number] ?? office.default_customer_policy,
    };
  }

  /** An employee party on a device (the active one unless given). */
  employeeParty(emp: Employee, device?: string): Party {
    const p: Party = { kind: 'employee', employee: emp, policy: emp.policy };
    const dev = device ?? activeDevice(emp.numbers, this.clock.nowMs())?.number ?? emp.numbers[0]?.number;
    if (dev !== undefined) p.number = dev;
    if (emp.extension !== undefined) p.extension = emp.extension;
    return p;
  }

  /** The employee is on a live leg (ringing or talking). */
  isBusy(emp: Employee): boolean {
    return (this.employeeLegs.get(emp.user_id) ?? 0) > 0;
  }

  /** When the employee last finished a call (0 = never). */
  idleSince(emp: Employee): number {
    return this.lastIdle.get(emp.user_id) ?? 0;
  }

  /** The phone policy in force for a party, `undefined` when it is driven live. */
  policyOf(p: Party): PhonePolicy | undefined {
    if (p.employee) {
      if (this.manualEmployees.has(p.employee.user_id)) return undefined;
      return p.employee.policy;
    }
    return p.policy;
  }

  // ---- calls and legs ----

  /** Opens a call group. */
  newCall(init: {
    direction: 0 | 1 | 2;
    caller: Party;
    from: Call['from'];
    to: Call['to'];
    line_number?: string;
    command_id?: string;
    /** Call tracking of the line an incoming call came in on. */
    dct?: DctInfo;
  }): Call {
    const now = this.clock.nowMs();
    const call: Call = {
      entry_id: this.ids.next('entry'),
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
      lastReason: 1100,
      answered: false,
      cost: 0,
      timers: [],
      ended: false,
    };
    if (init.line_number !== undefined) call.line_number = init.line_number;
    if (init.command_id !== undefined) call.command_id = init.command_id;
    if (init.dct !== undefined) call.dct = { ...init.dct };
    this.live.set(call.entry_id, call);
    return call;
  }

  /** Opens a leg in `Appeared` and announces it. */
  newLeg(
    call: Call,
    init: {
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
    },
  ): Leg {
    const leg: Leg = {
      call_id: this.ids.next('call'),
      call,
      location: init.location,
      state: 'Appeared',
      seq: 0,
      from: init.from,
      to: init.to,
      a: init.a,
      b: init.b,
      startedMs: this.clock.nowMs(),
      answeredMs: 0,
      timers: [],
      manual: init.manual ?? false,
      records: [],
      counted: [],
      ended: false,
    };
    for (const k of ['command_id', 'transfer', 'callback_initiator', 'intercepted', 'group_id'] as const) {
      if (init[k] !== undefined) (leg as unknown as Record<string, unknown>)[k] = init[k];
    }
    call.legs.set(leg.call_id, leg);
    this.legs.set(leg.call_id, leg);
    this.track(leg, +1);
    this.emitLeg(leg);
    return leg;
  }

  /** Schedules a timer that dies with the leg. */
  legTimer(leg: Leg, ms: number, fn: () => void): void {
    leg.timers.push(
      this.later(ms, () => {
        if (!leg.ended) fn();
      }),
    );
  }

  /** The called party picked up: `Connected`, talk timers, automatic recording. */
  connect(leg: Leg, preliminary = false, continuesRecording = false): void {
    if (leg.ended || leg.state !== 'Appeared') return;
    for (const t of leg.timers) this.clock.clearTimeout(t);
    leg.timers = [];
    leg.hunt = undefined;
    leg.state = 'Connected';
    leg.answeredMs = this.clock.nowMs();
    const call = leg.call;
    if (!call.answered && !preliminary) {
      call.answered = true;
      call.talkMs = leg.answeredMs;
    }
    this.emitLeg(leg);
    this.recorder.onConnected(leg);
    if (preliminary) return;
    if (!continuesRecording) this.autoRecord(leg);
    this.armTalk(leg);
  }

  /** Hang-up timers of both parties' policies, once a leg talks. */
  armTalk(leg: Leg): void {
    const aPolicy = this.policyOf(leg.a);
    const bPolicy = leg.manual ? undefined : this.policyOf(leg.b);
    const aSec = aPolicy?.hangupAfterSec;
    const bSec = bPolicy?.hangupAfterSec;
    if (aSec !== undefined && (bSec === undefined || aSec <= bSec)) {
      this.legTimer(leg, aSec * 1000, () => this.partyHangup(leg, 'a'));
    } else if (bSec !== undefined) {
      this.legTimer(leg, bSec * 1000, () => this.partyHangup(leg, 'b'));
    } else {
      this.legTimer(leg, MAX_TALK_MS, () => this.endLeg(leg, 1100));
    }
  }

  /** Whether the office records this employee's calls in this direction. */
  private autoRecord(leg: Leg): void {
    if (leg.recording) return;
    const dir = leg.call.direction;
    for (const p of [leg.b, leg.a]) {
      const mode = p.employee?.recording;
      if (!mode || mode === 'none') continue;
      if (mode === 'all' || (mode === 'incoming' && dir === 1) || (mode === 'outgoing' && dir === 2)) {
        this.recorder.start(leg, p);
        return;
      }
    }
  }

  /**
   * A party of a talking leg hangs up. During a consultation the initiator hanging up joins the
   * held party with the target (reference §2.8).
   */
  partyHangup(leg: Leg, side: 'a' | 'b'): void {
    if (leg.ended) return;
    if (leg.consultOf && side === 'a' && leg.state === 'Connected') {
      this.joinConsult(leg.consultOf, leg);
      return;
    }
    if (leg.consult) this.cancelConsult(leg, 1100);
    const reason = side === 'a' ? 1110 : 1120;
    if (leg.call.waiting === leg) {
      this.hangupCall(leg.call, reason);
      return;
    }
    this.endLeg(leg, reason);
  }

  /** Joins a held leg's remaining party with the consult target: the consult leg gets a second `Connected` with the caller swapped. */
  joinConsult(held: Leg, consult: Leg): void {
    held.consult = undefined;
    consult.consultOf = undefined;
    const initiatorSide = held.from.hold_initiator ? 'from' : 'to';
    const remaining = initiatorSide === 'from' ? held.b : held.a;
    const remainingWire = initiatorSide === 'from' ? held.to : held.from;
    consult.a = remaining;
    consult.from = { taken_from_call_id: held.call_id };
    if (remainingWire.extension !== undefined) consult.from.extension = remainingWire.extension;
    if (remainingWire.number !== undefined) consult.from.number = remainingWire.number;
    consult.transfer = 'consultative';
    for (const t of consult.timers) this.clock.clearTimeout(t);
    consult.timers = [];
    this.recorder.move(held, consult);
    this.emitLeg(consult);
    this.armTalk(consult);
    this.track(consult, 0);
    this.endLeg(held, 1183, initiatorSide);
  }

  /** Ends a consultation without joining: the consult leg ends, the held leg talks again. */
  cancelConsult(held: Leg, reason: number): void {
    const consult = held.consult;
    const hunt = held.consultHunt;
    held.consult = undefined;
    held.consultHunt = undefined;
    if (consult) {
      consult.consultOf = undefined;
      if (!consult.ended) this.endLeg(consult, reason);
    }
    if (hunt) hunt.cancel(reason);
    if (!held.ended && held.state === 'OnHold') this.setHold(held, false);
  }

  /** `OnHold` (with `hold_initiator` on the initiator's side) or back to `Connected`. */
  setHold(leg: Leg, on: boolean, initiator?: 'from' | 'to'): void {
    if (on) {
      leg.state = 'OnHold';
      if (initiator === 'from') leg.from = { ...leg.from, hold_initiator: true };
      else leg.to = { ...leg.to, hold_initiator: true };
    } else {
      leg.state = 'Connected';
      const { hold_initiator: _f, ...from } = leg.from;
      const { hold_initiator: _t, ...to } = leg.to;
      leg.from = from;
      leg.to = to;
    }
    this.emitLeg(leg);
  }

  /** Ends a leg: `Disconnected` with `reason`; `transferredSide` marks who left by a transfer (v2 `was_transferred`). */
  endLeg(leg: Leg, reason: number, transferredSide?: 'from' | 'to'): void {
    if (leg.ended) return;
    leg.ended = true;
    for (const t of leg.timers) this.clock.clearTimeout(t);
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
      if (!held.ended && held.state === 'OnHold') this.setHold(held, false);
    }
    const { hold_initiator: _f, ...from } = leg.from;
    const { hold_initiator: _t, ...to } = leg.to;
    leg.from = from;
    leg.to = to;
    if (transferredSide === 'from') leg.from.was_transferred = true;
    if (transferredSide === 'to') leg.to.was_transferred = true;
    leg.state = 'Disconnected';
    this.recorder.onEnded(leg);
    this.emitLeg(leg, reason);
    call.legs.delete(leg.call_id);
    this.legs.delete(leg.call_id);
    this.track(leg, -1);
    if (call.waiting === leg) call.waiting = undefined;
    // 1000 only hands a callback's first leg over; it never describes how the call ended.
    if (reason !== 1000) call.lastReason = reason;
    call.finished.push(this.legRecord(leg, reason));
    this.charge(leg);
    const hunt = leg.hunt;
    leg.hunt = undefined;
    if (hunt && leg.answeredMs === 0) hunt.legFailed(leg, reason);
    this.maybeFinish(call);
  }

  /** Ends every leg and all pending work of a call (caller hung up, API hangup of the waiting leg). */
  hangupCall(call: Call, reason: number): void {
    if (call.ended) return;
    call.activities += 1;
    // The dial serving the customer stops too (a queued call must not ring anyone afterwards).
    call.hunt?.cancel(reason);
    for (const t of call.timers) this.clock.clearTimeout(t);
    call.timers = [];
    if (call.ivr) {
      for (const t of call.ivr.timers) this.clock.clearTimeout(t);
      call.ivr = undefined;
    }
    this.leaveQueue(call);
    for (const leg of [...call.legs.values()]) {
      if (leg.hunt) leg.hunt.cancel(reason);
      this.endLeg(leg, reason);
    }
    call.activities -= 1;
    this.maybeFinish(call);
  }

  /** Removes a call from its group queue. */
  leaveQueue(call: Call): void {
    if (call.queuedGroup === undefined) return;
    const q = this.queues.get(call.queuedGroup);
    if (q) {
      const i = q.indexOf(call);
      if (i >= 0) q.splice(i, 1);
    }
    call.queuedGroup = undefined;
  }

  /** Finishes the call when no leg and no work is left. */
  maybeFinish(call: Call): void {
    if (call.ended || call.legs.size > 0 || call.activities > 0) return;
    call.ended = true;
    for (const t of call.timers) this.clock.clearTimeout(t);
    if (call.ivr) for (const t of call.ivr.timers) this.clock.clearTimeout(t);
    this.leaveQueue(call);
    this.recorder.onCallFinished(call);
    this.live.delete(call.entry_id);
    const end = this.clock.now();
    const office = this.office();
    office.account.balance = Math.round((office.account.balance - call.cost) * 100) / 100;
    const to = call.answered ? call.to : (call.firstMissed ?? call.to);
    const record: CallRecord = {
      entry_id: call.entry_id,
      call_direction: call.direction,
      from: call.from,
      to,
      create_time: Math.floor(call.createMs / 1000),
      forward_time: Math.floor((call.direction === 1 ? call.forwardMs : call.createMs) / 1000),
      talk_time: call.answered ? Math.floor(call.talkMs / 1000) : 0,
      end_time: end,
      entry_result: call.answered ? 1 : 0,
      disconnect_reason: call.lastReason,
      cost: Math.round(call.cost * 100) / 100,
      legs: call.finished,
    };
    if (call.line_number !== undefined) record.line_number = call.line_number;
    this.history.push(record);
    if (this.history.length > this.historyLimit)
      this.history.splice(0, this.history.length - this.historyLimit);
    const summary: SummaryEventPayload = {
      entry_id: record.entry_id,
      call_direction: record.call_direction,
      from: record.from,
      to: record.to,
      dct: dctOf(call),
      create_time: record.create_time,
      forward_time: record.forward_time,
      talk_time: record.talk_time,
      end_time: record.end_time,
      entry_result: record.entry_result,
      disconnect_reason: record.disconnect_reason,
    };
    if (record.line_number !== undefined) summary.line_number = record.line_number;
    this.notify('events/summary', summary);
    if (this.listenerCount('call') > 0) this.emit('call', record);
  }

  /** Rings a target; see {@link dial}. */
  dial(spec: Parameters<typeof dial>[1]): ReturnType<typeof dial> {
    return dial(this, spec);
  }

  /** Emits `events/call` for the leg's current state. */
  emitLeg(leg: Leg, reason?: number): void {
    leg.seq += 1;
    const payload: CallEventPayload = {
      entry_id: leg.call.entry_id,
      call_id: leg.call_id,
      timestamp: this.clock.now(),
      seq: leg.seq,
      call_state: leg.state,
      location: leg.location,
      from: { ...leg.from },
      to: { ...leg.to },
      dct: dctOf(leg.call),
    };
    if (reason !== undefined) payload.disconnect_reason = reason;
    if (leg.transfer !== undefined) payload.transfer = leg.transfer;
    if (leg.command_id !== undefined) payload.command_id = leg.command_id;
    if (leg.callback_initiator !== undefined) payload.callback_initiator = leg.callback_initiator;
    this.notify('events/call', payload);
    if (this.listenerCount('leg') > 0) this.emit('leg', this.liveLeg(leg));
  }

  /** Counts a leg's employees as busy (+1), free (−1), or re-counts after a party swap (0). */
  private track(leg: Leg, delta: number): void {
    const ids = new Set<number>();
    if (leg.a.employee) ids.add(leg.a.employee.user_id);
    if (leg.b.employee) ids.add(leg.b.employee.user_id);
    const counted = leg.counted;
    if (delta === 0) {
      for (const id of counted) this.bump(id, -1);
      for (const id of ids) this.bump(id, +1);
      leg.counted = [...ids];
      return;
    }
    if (delta > 0) {
      for (const id of ids) this.bump(id, +1);
      leg.counted = [...ids];
    } else {
      for (const id of counted) this.bump(id, -1);
      leg.counted = [];
    }
  }

  private bump(userId: number, delta: number): void {
    const n = (this.employeeLegs.get(userId) ?? 0) + delta;
    if (n <= 0) {
      this.employeeLegs.delete(userId);
      this.lastIdle.set(userId, this.clock.nowMs());
      this.onEmployeeFree?.(userId);
    } else this.employeeLegs.set(userId, n);
  }

  /** Set by the dialer: an employee became free (queues re-hunt). */
  onEmployeeFree: ((userId: number) => void) | undefined;

  /** Charges talk on a leg with an outside party at the office's tariffs (per started minute). */
  private charge(leg: Leg): void {
    if (leg.answeredMs === 0) return;
    const external = leg.a.kind === 'customer' || leg.b.kind === 'customer';
    if (!external) return;
    const tariffs = this.office().account.tariffs;
    const perMinute = leg.call.direction === 1 ? tariffs.incoming_per_minute : tariffs.outgoing_per_minute;
    const minutes = Math.ceil((this.clock.nowMs() - leg.answeredMs) / 60_000);
    leg.call.cost += minutes * perMinute;
  }

  private legRecord(leg: Leg, reason: number): LegRecord {
    const userIds = [leg.a.employee?.user_id, leg.b.employee?.user_id].filter(
      (x): x is number => x !== undefined,
    );
    const r: LegRecord = {
      entry_id: leg.call.entry_id,
      call_id: leg.call_id,
      records: [...leg.records],
      start: Math.floor(leg.startedMs / 1000),
      finish: this.clock.now(),
      answer: leg.answeredMs > 0 ? Math.floor(leg.answeredMs / 1000) : 0,
      disconnect_reason: reason,
      location: leg.location,
      create: Math.floor(leg.call.createMs / 1000),
      user_ids: [...new Set(userIds)],
    };
    if (leg.from.extension !== undefined) r.from_extension = leg.from.extension;
    if (leg.from.number !== undefined) r.from_number = leg.from.number;
    if (leg.to.extension !== undefined) r.to_extension = leg.to.extension;
    if (leg.to.number !== undefined) r.to_number = leg.to.number;
    const line = leg.to.line_number ?? leg.call.line_number;
    if (line !== undefined) r.line_number = line;
    if (leg.group_id !== undefined) r.group_id = leg.group_id;
    if (leg.intercepted) r.intercepted = true;
    if (leg.transfer !== undefined) r.transfer = leg.transfer;
    return r;
  }

  // ---- views ----

  /** A leg as the control API shows it. */
  liveLeg(leg: Leg): LiveLeg {
    const v: LiveLeg = {
      call_id: leg.call_id,
      entry_id: leg.call.entry_id,
      state: leg.state,
      location: leg.location,
      from: { ...leg.from },
      to: { ...leg.to },
      seq: leg.seq,
      started: Math.floor(leg.startedMs / 1000),
      answered: leg.answeredMs > 0 ? Math.floor(leg.answeredMs / 1000) : 0,
      manual:
        leg.manual || (leg.b.employee !== undefined && this.manualEmployees.has(leg.b.employee.user_id)),
    };
    if (leg.recording) v.recording_id = leg.recording.recording_id;
    if (leg.transfer) v.transfer = leg.transfer;
    return v;
  }

  /** Calls in progress with their legs. */
  liveCalls(): LiveCall[] {
    return [...this.live.values()].map((c) => this.liveCall(c));
  }

  /** A call in progress as the control API shows it. */
  liveCall(c: Call): LiveCall {
    const v: LiveCall = {
      entry_id: c.entry_id,
      direction: c.direction,
      create_time: Math.floor(c.createMs / 1000),
      from: c.from,
      to: c.to,
      legs: [...c.legs.values()].map((l) => this.liveLeg(l)),
    };
    if (c.line_number !== undefined) v.line_number = c.line_number;
    if (c.dct) v.dct = { ...c.dct };
    if (c.ivr) v.ivr_node = c.ivr.nodeId;
    return v;
  }

  // ---- the outside world (control API) ----

  /** A customer calls a line of the office (default: the first line). Returns the call and its first leg. */
  incomingCall(from: string, line?: string, policy?: PhonePolicy): { entry_id: string; call_id: string } {
    return startIncoming(this, from, line, policy);
  }

  /** Hangs up every live call (office reload). */
  hangupAll(reason = 1100): void {
    for (const call of [...this.live.values()]) this.hangupCall(call, reason);
  }

  /** Drops history and recordings (office reset). */
  clearHistory(): void {
    this.history.length = 0;
    this.recorder.clear();
  }

  /** Signal delay of busy/DND phones. */
  get signalMs(): number {
    return SIGNAL_MS;
  }
}
