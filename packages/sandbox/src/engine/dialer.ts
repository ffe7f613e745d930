import type { CallPartyTo } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { Employee, EmployeeNumber, Group, PhonePolicy } from '../office/types.js';
import type { ClockTimer } from './clock.js';
import type { Call, DialSpec, HuntHandle, Leg, Party } from './model.js';
import type { Dialing } from './ports/dialing.js';
import type { EnginePorts } from './ports/index.js';
import type { LegInit } from './ports/legs.js';
import { GroupPlans } from './groupPlans.js';
import { groupRingPlan, isOpen, mainNumber, ringPlan } from './schedule.js';

/** Ring time of an outside number or an employee device with `wait_sec` 0 (platform default). */
const DEFAULT_RING_SEC = 30;
/** How often a queued call looks for a free operator besides "operator freed" wake-ups. */
const QUEUE_POLL_MS = 5000;
/** Delay before a scripted phone answers when its policy does not say. */
const DEFAULT_ANSWER_SEC = 3;
/** Ends of a device's turn after which an in-turn dial moves on to the employee's next device. */
const TURN_OVER = new Set<number>([
  RESULT.NO_ANSWER,
  RESULT.BUSY,
  RESULT.REJECTED,
  RESULT.DO_NOT_DISTURB,
  RESULT.CC_DO_NOT_DISTURB,
]);
/** A busy or DND phone answers the ring with its signal after this long. */
const SIGNAL_MS = 1000;

/** A device rung by a dial: one of the employee's numbers, or an explicit one (`from.number`). */
interface Device {
  number: string;
  wait_sec: number;
}

/** What the dialer needs. */
export type DialerPorts = Pick<EnginePorts, 'clock' | 'directory' | 'presence' | 'legs'>;

/** The dialer's own state, shared by its dials. */
interface DialerState {
  readonly k: DialerPorts;
  /** The dial serving each queued call. */
  readonly queued: WeakMap<Call, Hunt>;
  /** Operators of each group in calling order. */
  readonly plans: GroupPlans;
}

/**
 * Rings targets on behalf of a caller: one employee (their devices at once, in turn or the main
 * one, by `dial_alg`, reference §3.5), an outside number, or a group hunted by its
 * `dial_alg_group`, each operator's devices chosen by `dial_alg_users` (reference §3.6.1) — busy,
 * unreachable and off-schedule operators are skipped, DND and busy phones answer with their
 * signal, and a group with a queue parks the caller (`location: queue`) within its size and wait
 * limits (1162, 1163).
 */
export class Dialer implements Dialing {
  private readonly state: DialerState;
  private rngState: number;

  /** `seed` seeds the random operator order (`dial_alg_group` 3). */
  constructor(k: DialerPorts, seed = 0x9e3779b9) {
    this.rngState = seed;
    this.state = { k, queued: new WeakMap(), plans: new GroupPlans(k, () => this.random()) };
  }

  dial(spec: DialSpec): HuntHandle {
    const hunt = new Hunt(this.state, spec);
    hunt.start();
    return hunt;
  }

  /** An employee became free: the first queued call of their groups that rings nobody hunts again. */
  employeeFree(userId: number): void {
    const { k, queued } = this.state;
    for (const [groupId, calls] of k.presence.queues()) {
      if (calls.length === 0) continue;
      const group = k.directory.groupById(groupId);
      if (!group?.operators.some((o) => o.id === userId)) continue;
      // Deferred: the operator is freed from inside the end of a leg.
      k.clock.later(0, () => {
        for (const call of k.presence.queue(groupId)) {
          const hunt = queued.get(call);
          if (hunt?.idleInQueue()) {
            hunt.retry();
            return;
          }
        }
      });
    }
  }

  /** A deterministic pseudo-random number in [0, 1) (xorshift32). */
  private random(): number {
    let x = this.rngState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rngState = x >>> 0;
    return this.rngState / 2 ** 32;
  }
}

/** One running dial. */
class Hunt implements HuntHandle {
  private readonly ringing = new Set<Leg>();
  private done = false;
  private steps: Employee[][] = [];
  private stepIndex = -1;
  private anyRung = false;
  private anyBusy = false;
  private lastReason: number = RESULT.NO_ANSWER;
  private timers: ClockTimer[] = [];
  private queued = false;
  /** In-turn ringing (`dial_alg` 1, `dial_alg_users` 4): what rings when a leg's turn is over. */
  private readonly nextDevice = new Map<Leg, () => void>();
  /** The employee's main number per leg, for the summary of a missed call (reference §4.2). */
  private readonly mainOf = new Map<Leg, string>();

  private readonly k: DialerPorts;

  constructor(
    private readonly dialer: DialerState,
    readonly spec: DialSpec,
  ) {
    this.k = dialer.k;
    spec.call.activities += 1;
    if (spec.allowQueue) spec.call.hunt = this;
  }

  start(): void {
    const { target } = this.spec;
    if (target.kind === 'employee') {
      this.ringEmployee(target.employee, target.device, undefined);
      if (this.ringing.size === 0 && !this.done) this.fail(this.lastReason);
    } else if (target.kind === 'number') {
      if (this.bannedOutbound(target.number)) {
        this.fail(RESULT.CALLED_NUMBER_RESTRICTED);
        return;
      }
      const party = this.k.directory.customer(target.number);
      const to: CallPartyTo = { number: target.number };
      if (this.spec.lineNumber !== undefined) to.line_number = this.spec.lineNumber;
      this.ring(party, this.k.presence.policyOf(party), DEFAULT_RING_SEC, to);
    } else {
      this.steps = this.dialer.plans.plan(target.group);
      this.nextStep();
    }
  }

  /** In queue and not ringing anybody. */
  idleInQueue(): boolean {
    return this.queued && !this.done && this.ringing.size === 0;
  }

  /** A new hunting round from the queue. */
  retry(): void {
    if (this.done || this.ringing.size > 0 || this.spec.target.kind !== 'group') return;
    this.steps = this.dialer.plans.plan(this.spec.target.group);
    this.stepIndex = -1;
    this.anyRung = false;
    this.anyBusy = false;
    this.nextStep();
  }

  /** A ringing leg's phone picked up. */
  answer(leg: Leg): void {
    if (this.done || !this.ringing.has(leg)) return;
    this.ringing.delete(leg);
    const call = this.spec.call;
    this.finish();
    for (const other of [...this.ringing])
      this.k.legs.transition(other, 'Disconnected', { reason: RESULT.ENDED_NORMALLY });
    this.ringing.clear();
    this.k.legs.transition(leg, 'Connected', {
      preliminary: this.spec.preliminary,
      continuesRecording: this.spec.continuesRecording,
    });
    if (leg.b.kind === 'employee' && !this.spec.preliminary) {
      call.to = {};
      if (leg.b.extension !== undefined) call.to.extension = leg.b.extension;
      if (leg.b.number !== undefined) call.to.number = leg.b.number;
    }
    if (this.spec.allowQueue && call.waiting && call.waiting !== leg) {
      const w = call.waiting;
      call.waiting = undefined;
      this.k.legs.transition(w, 'Disconnected', { reason: w.handoverReason ?? RESULT.ENDED_NORMALLY });
    }
    this.spec.onAnswered(leg);
  }

  cancel(reason: number, except?: Leg, exceptReason?: number): void {
    if (this.done) return;
    this.finish();
    for (const leg of [...this.ringing]) {
      leg.hunt = undefined;
      this.k.legs.transition(leg, 'Disconnected', {
        reason: leg === except && exceptReason !== undefined ? exceptReason : reason,
      });
    }
    this.ringing.clear();
  }

  legFailed(leg: Leg, reason: number): void {
    if (this.done || !this.ringing.delete(leg)) return;
    this.lastReason = reason;
    const call = this.spec.call;
    const main = this.mainOf.get(leg) ?? leg.b.number;
    this.mainOf.delete(leg);
    if (!call.firstMissed && leg.b.kind === 'employee') {
      call.firstMissed = {};
      if (leg.b.extension !== undefined) call.firstMissed.extension = leg.b.extension;
      // An unsuccessful group call has no `to.number` in its summary (reference §4.2).
      if (main !== undefined && leg.group_id === undefined) call.firstMissed.number = main;
    }
    const next = this.nextDevice.get(leg);
    this.nextDevice.delete(leg);
    // Unanswered, busy or rejected: the turn passes to the next device; an API hangup ends
    // the employee's turn.
    if (next && TURN_OVER.has(reason)) {
      next();
      if (this.done) return;
    }
    if (this.ringing.size > 0) return;
    if (this.spec.target.kind === 'group') this.nextStep();
    else this.fail(reason);
  }

  private finish(): void {
    this.done = true;
    for (const t of this.timers) this.k.clock.cancel(t);
    this.timers = [];
    this.nextDevice.clear();
    this.mainOf.clear();
    const call = this.spec.call;
    if (call.hunt === this) call.hunt = undefined;
    if (this.queued) {
      this.k.presence.leaveQueue(call);
      this.dialer.queued.delete(call);
      this.queued = false;
    }
    call.activities -= 1;
  }

  private fail(reason: number): void {
    if (this.done) return;
    this.finish();
    this.spec.call.lastReason = reason;
    this.spec.onFailed(reason);
    this.k.legs.maybeFinish(this.spec.call);
  }

  private bannedOutbound(number: string): boolean {
    const ob = this.k.directory.office().outbound_blacklist;
    if (!ob.enabled || this.spec.call.direction === 1) return false;
    // Mode 1 direct calls, 3 both (reference §3.7).
    return ob.numbers.some((n) => n.enabled && n.number === number && (n.mode === 1 || n.mode === 3));
  }

  private nextStep(): void {
    const target = this.spec.target;
    if (target.kind !== 'group') return;
    for (;;) {
      this.stepIndex += 1;
      const step = this.steps[this.stepIndex];
      if (!step) {
        this.exhausted(target.group);
        return;
      }
      for (const emp of step) this.ringEmployee(emp, undefined, target.group);
      if (this.ringing.size > 0 || this.done) return;
    }
  }

  private exhausted(group: Group): void {
    if (this.spec.allowQueue && group.queue) {
      this.enterQueue(group);
      return;
    }
    // Nobody rang because every operator talks → queueing forbidden; nobody reachable → all unavailable.
    this.fail(
      this.anyRung ? this.lastReason : this.anyBusy ? RESULT.QUEUE_FORBIDDEN : RESULT.NO_OPERATOR_AVAILABLE,
    );
  }

  private enterQueue(group: Group): void {
    if (this.queued) {
      this.timers.push(this.k.clock.later(QUEUE_POLL_MS, () => this.retry()));
      return;
    }
    const call = this.spec.call;
    if (this.k.presence.queue(group.id).length >= (group.queue?.max_size ?? 0)) {
      this.fail(RESULT.QUEUE_FULL);
      return;
    }
    const old = call.waiting;
    if (old?.location !== 'queue') {
      const pbx: Party = { kind: 'pbx', policy: { onRing: 'answer' } };
      const from = { ...this.spec.from };
      if (old) from.taken_from_call_id = old.call_id;
      const to: CallPartyTo = {};
      if (this.spec.lineNumber !== undefined) to.line_number = this.spec.lineNumber;
      if (group.extension !== undefined) to.acd_group = group.extension;
      const init: LegInit = {
        location: 'queue',
        a: this.spec.a,
        b: pbx,
        from,
        to,
        group_id: group.id,
      };
      if (this.spec.commandId !== undefined) init.command_id = this.spec.commandId;
      const q = this.k.legs.newLeg(call, init);
      q.handoverReason = RESULT.ENDED_NORMALLY;
      call.waiting = q;
      if (old)
        this.k.legs.transition(old, 'Disconnected', { reason: old.handoverReason ?? RESULT.ENDED_NORMALLY });
    }
    this.k.presence.enqueue(group.id, call);
    this.queued = true;
    this.dialer.queued.set(call, this);
    this.timers.push(
      this.k.clock.later((group.queue?.max_wait_sec ?? 60) * 1000, () => {
        if (this.done) return;
        const ringing = [...this.ringing];
        this.ringing.clear();
        for (const leg of ringing) {
          leg.hunt = undefined;
          this.k.legs.transition(leg, 'Disconnected', { reason: RESULT.ENDED_NORMALLY });
        }
        this.fail(RESULT.QUEUE_TIMEOUT);
      }),
    );
    this.timers.push(this.k.clock.later(QUEUE_POLL_MS, () => this.retry()));
  }

  /** Rings one employee unless they are busy (skipped) or have no reachable device (skipped). */
  private ringEmployee(emp: Employee, device: string | undefined, group: Group | undefined): void {
    if (this.k.presence.isBusy(emp)) {
      this.anyBusy = true;
      if (group) return;
      // A direct call to a talking employee hears "busy".
      this.lastReason = RESULT.BUSY;
      const party = this.k.directory.employeeParty(emp, device);
      const main = device === undefined ? mainNumber(emp.numbers)?.number : undefined;
      this.ring(party, { onRing: 'busy' }, DEFAULT_RING_SEC, this.toFor(party, group), undefined, main);
      return;
    }
    // A Contact-Center user on a break (3) or offline (4) is not offered calls (reference §4.9).
    if (emp.use_status && (emp.cc_status === 3 || emp.cc_status === 4)) {
      this.lastReason = RESULT.CALLEE_DEACTIVATED;
      return;
    }
    if (device !== undefined) {
      // An explicit device (callback `from.number`, return_blind) rings alone, whatever the card says.
      this.ringDevice(emp, { number: device, wait_sec: 0 }, false, group, undefined);
      return;
    }
    const now = this.k.clock.nowMs();
    const plan = group
      ? groupRingPlan(emp.numbers, group.dial_alg_users, emp.dial_alg, now)
      : ringPlan(emp.numbers, emp.dial_alg, now);
    if (plan.devices.length === 0) {
      // Off schedule or no active device: no events at all (reference §4.1 filtering).
      this.lastReason = RESULT.CALLEE_OFF_SCHEDULE;
      return;
    }
    // A missed call names the employee's main number, not the device that rang last (reference §4.2).
    const main = mainNumber(emp.numbers)?.number;
    if (plan.inTurn) this.ringInTurn(emp, plan.devices, 0, group, main);
    else for (const dev of plan.devices) this.ringDevice(emp, dev, false, group, main);
  }

  /**
   * Rings the first device from `index` still active and in its schedule; when its turn ends
   * unanswered the next one rings, and devices after the one that answers never ring.
   */
  private ringInTurn(
    emp: Employee,
    devices: readonly EmployeeNumber[],
    index: number,
    group: Group | undefined,
    main: string | undefined,
  ): void {
    const now = this.k.clock.nowMs();
    for (let i = index; i < devices.length; i++) {
      const dev = devices[i]!;
      // Read live: a device switched off or leaving its schedule while an earlier one rang is skipped.
      if (dev.status !== 'on' || !isOpen(dev.schedule, now)) continue;
      const leg = this.ringDevice(emp, dev, true, group, main);
      if (i + 1 < devices.length && !leg.ended) {
        this.nextDevice.set(leg, () => this.ringInTurn(emp, devices, i + 1, group, main));
      }
      return;
    }
  }

  /** Rings one device of an employee as its own leg, for its `wait_sec` or the group's `ring_sec`. */
  private ringDevice(
    emp: Employee,
    dev: Device,
    inTurn: boolean,
    group: Group | undefined,
    main: string | undefined,
  ): Leg {
    const party = this.k.directory.employeeParty(emp, dev.number);
    let policy = this.k.presence.policyOf(party);
    // A Contact-Center user in "do not disturb" (status 2, reference §4.9) is rung and answers at
    // once with 1124, the code DOC-2026 gives that status (§5); a phone's own DND signal is 1123.
    const ccDnd = emp.cc_status === 2;
    if (policy && ccDnd) policy = { onRing: 'dnd' };
    const own = dev.wait_sec > 0 ? dev.wait_sec : undefined;
    // In a group each operator rings for ring_sec; devices rung in turn keep their own wait_sec.
    const ringSec = group ? ((inTurn ? own : undefined) ?? group.ring_sec) : (own ?? DEFAULT_RING_SEC);
    const dndReason = ccDnd ? RESULT.CC_DO_NOT_DISTURB : RESULT.DO_NOT_DISTURB;
    return this.ring(party, policy, ringSec, this.toFor(party, group), group?.id, main, dndReason);
  }

  private toFor(party: Party, group: Group | undefined): CallPartyTo {
    const to: CallPartyTo = {};
    if (party.extension !== undefined) to.extension = party.extension;
    if (party.number !== undefined) to.number = party.number;
    if (this.spec.lineNumber !== undefined) to.line_number = this.spec.lineNumber;
    if (group?.extension !== undefined) to.acd_group = group.extension;
    return to;
  }

  /** Opens a ringing leg and arms what its phone will do. `policy` undefined = driven live. */
  private ring(
    b: Party,
    policy: PhonePolicy | undefined,
    ringSec: number,
    to: CallPartyTo,
    groupId?: number,
    main?: string,
    dndReason: number = RESULT.DO_NOT_DISTURB,
  ): Leg {
    const { call, commandId, transfer, callbackInitiator, intercepted } = this.spec;
    if (call.direction === 1 && call.forwardMs === 0) call.forwardMs = this.k.clock.nowMs();
    const init: LegInit = {
      location: 'abonent',
      a: this.spec.a,
      b,
      from: { ...this.spec.from },
      to,
      manual: policy === undefined,
    };
    if (commandId !== undefined) init.command_id = commandId;
    if (transfer !== undefined) init.transfer = transfer;
    if (callbackInitiator !== undefined) init.callback_initiator = callbackInitiator;
    if (intercepted) init.intercepted = true;
    if (groupId !== undefined) init.group_id = groupId;
    this.anyRung = true;
    const legs = this.k.legs;
    const leg = legs.newLeg(call, init);
    leg.hunt = this;
    this.ringing.add(leg);
    if (main !== undefined) this.mainOf.set(leg, main);
    const end = (reason: number) => () => legs.transition(leg, 'Disconnected', { reason });
    if (policy) {
      switch (policy.onRing) {
        case 'answer': {
          const after = (policy.answerAfterSec ?? DEFAULT_ANSWER_SEC) * 1000;
          if (after < ringSec * 1000) legs.legTimer(leg, after, () => this.answer(leg));
          break;
        }
        case 'busy':
          legs.legTimer(leg, SIGNAL_MS, end(RESULT.BUSY));
          break;
        case 'dnd':
          legs.legTimer(leg, SIGNAL_MS, end(dndReason));
          break;
        case 'reject':
          legs.legTimer(leg, (policy.answerAfterSec ?? 2) * 1000, end(RESULT.REJECTED));
          break;
        case 'never':
          break;
      }
    }
    legs.legTimer(leg, ringSec * 1000, end(RESULT.NO_ANSWER));
    return leg;
  }
}
