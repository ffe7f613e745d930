import { EventEmitter } from 'node:events';
import type { CommandName } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { Employee, Office, PhonePolicy } from '../office/types.js';
import {
  answer,
  callerHangup,
  callerPress,
  employeeHangup,
  findCallOf,
  findLeg,
  hold,
  type LegRef,
  reject,
  unhold,
} from './actions.js';
import type { VirtualClock } from './clock.js';
import { runCommand } from './commands/index.js';
import type { CallRecord, CommandAck, EngineForApi, RecordingRecord } from './contract.js';
import type { EngineForControl } from './controlContract.js';
import { Dialer } from './dialer.js';
import { OfficeDirectory } from './directory.js';
import { CallStateError, NotFoundError } from './errors.js';
import { CONTROL_ERRORS } from '../i18n/messages.js';
import { IdGenerator } from './ids.js';
import { Ivr } from './ivr.js';
import { LegBook } from './legs.js';
import { Ledger } from './ledger.js';
import { startOutgoing } from './outgoing.js';
import type { Call, Leg } from './model.js';
import type { EngineClock, EnginePorts, Notifier } from './ports/index.js';
import { PresenceBoard } from './presence.js';
import { Recorder } from './recording.js';
import { type LiveCall, type LiveLeg, liveCallView, liveLegView } from './views.js';

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

/** Events of the engine for observers (the control stream). */
export interface EngineEvents {
  leg: [LiveLeg];
  call: [CallRecord];
  notification: [string, unknown];
}

/**
 * The Virtual PBX call engine: live calls and legs on a virtual clock, driven by the office's
 * phone policies, by `/vpbx/` commands and by the control API, emitting every notification of
 * reference §4 in order through its sink. It composes the engine's parts, each of which sees
 * only the ports it needs (`ports/`); the vendor API reaches it through {@link EngineForApi}, the
 * control API through {@link EngineForControl}.
 */
export class CallEngine extends EventEmitter<EngineEvents> implements EngineForApi, EngineForControl {
  readonly clock: VirtualClock;
  /** Delivery reasons of the next SMS reports (reference §4.4); empty = 1000. */
  readonly smsReasons: number[] = [];
  private readonly getOffice: () => Office;
  private sink: NotificationSink;
  private readonly ports: EnginePorts;
  private readonly book: LegBook;
  private readonly presence: PresenceBoard;
  private readonly directory: OfficeDirectory;
  private readonly ledger: Ledger;
  private readonly recorder: Recorder;

  constructor(options: EngineOptions) {
    super();
    const vclock = options.clock;
    this.clock = vclock;
    this.getOffice = options.office;
    this.sink = options.sink ?? (() => {});
    const clock: EngineClock = {
      now: () => vclock.now(),
      nowMs: () => vclock.nowMs(),
      later: (ms, fn) => vclock.setTimeout(fn, ms),
      cancel: (timer) => vclock.clearTimeout(timer),
    };
    const notifier: Notifier = {
      notify: (path, payload) => this.notify(path, payload),
      // Views are built only while someone observes: under load nobody pays for them.
      legChanged: (leg) => {
        if (this.listenerCount('leg') > 0) this.emit('leg', liveLegView(leg, this.presence));
      },
      callFinished: (record) => {
        if (this.listenerCount('call') > 0) this.emit('call', record);
      },
    };
    const ids = new IdGenerator();
    const directory = new OfficeDirectory(options.office, clock);
    // A freed employee is offered the calls waiting in their groups' queues.
    const presence = new PresenceBoard(clock, (userId) => dialer.employeeFree(userId));
    const billing = new Ledger(options.office, clock, options.historyLimit ?? 100_000);
    const recorder = new Recorder({ clock, ids, directory, notifier });
    const legs = new LegBook({ clock, ids, presence, notifier, billing, recorder });
    const dialer = new Dialer({ clock, directory, presence, legs }, options.seed);
    const ivr = new Ivr({ clock, directory, presence, legs, dialer, notifier });
    this.ports = {
      clock,
      ids,
      directory,
      presence,
      legs,
      notifier,
      billing,
      recorder,
      dialer,
      ivr,
      smsReasons: this.smsReasons,
    };
    this.book = legs;
    this.presence = presence;
    this.directory = directory;
    this.ledger = billing;
    this.recorder = recorder;
  }

  /** The live office. */
  office(): Office {
    return this.getOffice();
  }

  /** Replaces where notifications go. */
  setSink(sink: NotificationSink): void {
    this.sink = sink;
  }

  /** Live calls by `entry_id`. */
  get live(): ReadonlyMap<string, Call> {
    return this.book.calls;
  }

  /** Live legs by `call_id`. */
  get legs(): ReadonlyMap<string, Leg> {
    return this.book.legs;
  }

  /** Calls waiting in each group's queue, in arrival order. */
  get queues(): ReadonlyMap<number, readonly Call[]> {
    return this.presence.waiting;
  }

  /** Employees (`user_id`) driven live through the control API instead of their phone policy. */
  get manualEmployees(): Set<number> {
    return this.presence.manual;
  }

  // ---- EngineForApi ----

  /** Runs a `/vpbx/commands/*` command: the acknowledgement now, `result/<name>` right after. */
  command(name: CommandName, params: Record<string, unknown>): CommandAck {
    return runCommand(this.ports, name, params);
  }

  /** Finished calls, oldest first. */
  calls(): readonly CallRecord[] {
    return this.ledger.calls();
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

  // ---- EngineForControl ----

  liveCounts(): { calls: number; legs: number } {
    return { calls: this.book.calls.size, legs: this.book.legs.size };
  }

  liveCalls(): LiveCall[] {
    return [...this.book.calls.values()].map((c) => liveCallView(c, this.presence));
  }

  liveCall(entryId: string): LiveCall | undefined {
    const call = this.book.calls.get(entryId);
    return call && liveCallView(call, this.presence);
  }

  recordings(): RecordingRecord[] {
    return this.recorder.list();
  }

  incomingCall(
    from: string,
    line?: string,
    policy?: PhonePolicy,
    sipCallId?: string,
  ): { entry_id: string; call_id: string } {
    return this.ports.ivr.startIncoming(from, line, policy, sipCallId);
  }

  employeeCall(
    extension: string,
    to: string,
    options: { line?: string; device?: string } = {},
  ): { entry_id: string; call_id: string } {
    return startOutgoing(this.ports, extension, to, options);
  }

  ping(): void {
    // No payload is documented (reference §1.5, §9 item 14): an empty object, signed as any other.
    this.notify('ping', {});
  }

  queueSmsReason(reason: number): number {
    return this.smsReasons.push(reason);
  }

  setManual(extension: string, manual: boolean): void {
    const emp = this.directory.employeeByExtension(extension);
    if (!emp) throw new NotFoundError(CONTROL_ERRORS.noEmployee(extension));
    if (manual) this.presence.manual.add(emp.user_id);
    else this.presence.manual.delete(emp.user_id);
  }

  answer(ref: LegRef): string {
    const leg = findLeg(this.ports, ref);
    answer(this.ports, leg);
    return leg.call_id;
  }

  reject(ref: LegRef, reason: number): void {
    reject(this.ports, findLeg(this.ports, ref), reason);
  }

  employeeHangup(ref: LegRef, extension?: string): void {
    employeeHangup(this.ports, findLeg(this.ports, ref), extension);
  }

  partyHangup(ref: LegRef, side: 'from' | 'to'): void {
    const leg = findLeg(this.ports, ref);
    if (leg.state === 'Appeared') throw new CallStateError(CONTROL_ERRORS.notConnected);
    this.book.partyHangup(leg, side === 'from' ? 'a' : 'b');
  }

  hold(ref: LegRef, extension: string): void {
    hold(this.ports, findLeg(this.ports, ref), extension);
  }

  unhold(ref: LegRef): void {
    unhold(this.ports, findLeg(this.ports, ref));
  }

  callerHangup(ref: LegRef): void {
    callerHangup(this.ports, findCallOf(this.ports, ref));
  }

  callerPress(ref: LegRef, digits: string): void {
    callerPress(this.ports, findCallOf(this.ports, ref), digits);
  }

  clearHistory(): void {
    this.ledger.clear();
    this.recorder.clear();
  }

  hangupAll(reason: number = RESULT.ENDED_NORMALLY): void {
    for (const call of [...this.book.calls.values()]) this.book.hangupCall(call, reason);
  }

  // ---- for tests and tools that drive the engine directly ----

  /** An employee by extension. */
  employeeByExtension(ext: string): Employee | undefined {
    return this.directory.employeeByExtension(ext);
  }

  /** The employee is on a live leg (ringing or talking). */
  isBusy(emp: Employee): boolean {
    return this.presence.isBusy(emp);
  }

  /** Ends every leg and all pending work of a live call with `reason`. */
  hangupCall(call: Call, reason: number): void {
    this.book.hangupCall(call, reason);
  }
}
