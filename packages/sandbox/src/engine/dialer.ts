import type { CallPartyTo } from 'mangokit';
import type { Employee, EmployeeNumber, Group, PhonePolicy } from '../office/types.js';
import type { ClockTimer } from './clock.js';
import type { CallEngine } from './engine.js';
import type { Call, DialSpec, HuntHandle, Leg, Party } from './model.js';
import { groupRingPlan, isOpen, mainNumber, ringPlan } from './schedule.js';

/** Ring time of an outside number or an employee device with `wait_sec` 0 (platform default). */
const DEFAULT_RING_SEC = 30;
/** How often a queued call looks for a free operator besides "operator freed" wake-ups. */
const QUEUE_POLL_MS = 5000;
/** Delay before a scripted phone answers when its policy does not say. */
const DEFAULT_ANSWER_SEC = 3;
/** Ends of a device's turn after which an in-turn dial moves on to the employee's next device. */
const TURN_OVER = new Set([1111, 1121, 1122, 1123]);

/** A device rung by a dial: one of the employee's numbers, or an explicit one (`from.number`). */
interface Device {
  number: string;
  wait_sec: number;
}

const queuedHunts = new WeakMap<Call, Hunt>();
const planCache = new WeakMap<
  Group,
  {
    operators: Group['operators'];
    opCount: number;
    employees: Employee[];
    empCount: number;
    alg: number;
    steps: Employee[][];
  }
>();

/**
 * Rings a target on behalf of `spec.a`: one employee (their devices at once, in turn or the
 * main one, by `dial_alg`, reference §3.5), an outside number, or a group hunted by its
 * `dial_alg_group`, each operator's devices chosen by `dial_alg_users` (reference §3.6.1) —
 * busy, unreachable and off-schedule operators are skipped, DND and busy phones answer with
 * their signal, and a group with a queue parks the caller (`location: queue`) within its size
 * and wait limits (1162, 1163).
 */
export function dial(engine: CallEngine, spec: DialSpec): HuntHandle {
  if (!engine.onEmployeeFree) engine.onEmployeeFree = (userId) => wakeQueues(engine, userId);
  const hunt = new Hunt(engine, spec);
  hunt.start();
  return hunt;
}

function wakeQueues(engine: CallEngine, userId: number): void {
  for (const [groupId, calls] of engine.queues) {
    if (calls.length === 0) continue;
    const group = engine.office().groups.find((g) => g.id === groupId);
    if (!group?.operators.some((o) => o.id === userId)) continue;
    // Deferred: the operator is freed from inside the end of a leg.
    engine.later(0, () => {
      for (const call of engine.queues.get(groupId) ?? []) {
        const hunt = queuedHunts.get(call);
        if (hunt?.idleInQueue()) {
          hunt.retry();
          return;
        }
      }
    });
  }
}

class Hunt implements HuntHandle {
  private readonly ringing = new Set<Leg>();
  private done = false;
  private steps: Employee[][] = [];
  private stepIndex = -1;
  private anyRung = false;
  private anyBusy = false;
  private lastReason = 1111;
  private timers: ClockTimer[] = [];
  private queued = false;
  /** In-turn ringing (`dial_alg` 1, `dial_alg_users` 4): what rings when a leg's turn is over. */
  private readonly nextDevice = new Map<Leg, () => void>();
  /** The employee's main number per leg, for the summary of a missed call (reference §4.2). */
  private readonly mainOf = new Map<Leg, string>();

  constructor(
    private readonly engine: CallEngine,
    readonly spec: DialSpec,
  ) {
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
        this.fail(1130);
        return;
      }
      const party = this.engine.customer(target.number);
      const to: CallPartyTo = { number: target.number };
      if (this.spec.lineNumber !== undefined) to.line_number = this.spec.lineNumber;
      this.ring(party, this.engine.policyOf(party), DEFAULT_RING_SEC, to);
    } else {
      this.steps = this.plan(target.group);
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
    this.steps = this.plan(this.spec.target.group);
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
    for (const other of [...this.ringing]) this.engine.endLeg(other, 1100);
    this.ringing.clear();
    this.engine.connect(leg, this.spec.preliminary, this.spec.continuesRecording);
    if (leg.b.kind === 'employee' && !this.spec.preliminary) {
      call.to = {};
      if (leg.b.extension !== undefined) call.to.extension = leg.b.extension;
      if (leg.b.number !== undefined) call.to.number = leg.b.number;
    }
    if (this.spec.allowQueue && call.waiting && call.waiting !== leg) {
      const w = call.waiting;
      call.waiting = undefined;
      this.engine.endLeg(w, w.handoverReason ?? 1100);
    }
    this.spec.onAnswered(leg);
  }

  cancel(reason: number, except?: Leg, exceptReason?: number): void {
    if (this.done) return;
    this.finish();
    for (const leg of [...this.ringing]) {
      leg.hunt = undefined;
      this.engine.endLeg(leg, leg === except && exceptReason !== undefined ? exceptReason : reason);
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
    for (const t of this.timers) this.engine.clock.clearTimeout(t);
    this.timers = [];
    this.nextDevice.clear();
    this.mainOf.clear();
    const call = this.spec.call;
    if (call.hunt === this) call.hunt = undefined;
    if (this.queued) {
      this.engine.leaveQueue(call);
      queuedHunts.delete(call);
      this.queued = false;
    }
    call.activities -= 1;
  }

  private fail(reason: number): void {
    if (this.done) return;
    this.finish();
    this.spec.call.lastReason = reason;
    this.spec.onFailed(reason);
    this.engine.maybeFinish(this.spec.call);
  }

  private bannedOutbound(number: string): boolean {
    const ob = this.engine.office().outbound_blacklist;
    if (!ob.enabled || this.spec.call.direction === 1) return false;
    // Mode 1 direct calls, 3 both (reference §3.7).
    return ob.numbers.some((n) => n.enabled && n.number === number && (n.mode === 1 || n.mode === 3));
  }

  /** Operators in calling order, grouped into rounds rung together (reference §3.6.1 `dial_alg_group`). */
  private plan(group: Group): Employee[][] {
    const alg = group.dial_alg_group;
    if (alg === 3 || alg === 5) return this.computePlan(group);
    // Fixed orders are cached per group: a call-centre group is hunted on every call.
    const employees = this.engine.office().employees;
    const cached = planCache.get(group);
    if (
      cached &&
      cached.operators === group.operators &&
      cached.opCount === group.operators.length &&
      cached.employees === employees &&
      cached.empCount === employees.length &&
      cached.alg === alg
    ) {
      return cached.steps;
    }
    const steps = this.computePlan(group);
    planCache.set(group, {
      operators: group.operators,
      opCount: group.operators.length,
      employees,
      empCount: employees.length,
      alg,
      steps,
    });
    return steps;
  }

  private computePlan(group: Group): Employee[][] {
    const ops = group.operators
      .map((o, i) => ({ o, i, e: this.engine.employeeById(o.id) }))
      .filter((x): x is { o: Group['operators'][number]; i: number; e: Employee } => x.e !== undefined);
    const byOrder = [...ops].sort((x, y) => (x.o.order ?? x.i) - (y.o.order ?? y.i));
    switch (group.dial_alg_group) {
      case 0:
        return byOrder.map((x) => [x.e]);
      case 1: {
        const tiers = new Map<number, Employee[]>();
        for (const x of [...byOrder].sort((p, q) => p.o.priority - q.o.priority)) {
          const t = tiers.get(x.o.priority) ?? [];
          t.push(x.e);
          tiers.set(x.o.priority, t);
        }
        return [...tiers.values()];
      }
      case 2:
        return [byOrder.map((x) => x.e)];
      case 3: {
        const shuffled = byOrder.map((x) => x.e);
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(this.engine.random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        return shuffled.map((e) => [e]);
      }
      case 5:
        return [...byOrder]
          .sort((p, q) => this.engine.idleSince(p.e) - this.engine.idleSince(q.e))
          .map((x) => [x.e]);
    }
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
    this.fail(this.anyRung ? this.lastReason : this.anyBusy ? 1161 : 1164);
  }

  private enterQueue(group: Group): void {
    if (this.queued) {
      this.timers.push(this.engine.later(QUEUE_POLL_MS, () => this.retry()));
      return;
    }
    const call = this.spec.call;
    const queue = this.engine.queues.get(group.id) ?? [];
    if (queue.length >= (group.queue?.max_size ?? 0)) {
      this.fail(1162);
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
      const init: Parameters<CallEngine['newLeg']>[1] = {
        location: 'queue',
        a: this.spec.a,
        b: pbx,
        from,
        to,
        group_id: group.id,
      };
      if (this.spec.commandId !== undefined) init.command_id = this.spec.commandId;
      const q = this.engine.newLeg(call, init);
      q.handoverReason = 1100;
      call.waiting = q;
      if (old) this.engine.endLeg(old, old.handoverReason ?? 1100);
    }
    queue.push(call);
    this.engine.queues.set(group.id, queue);
    call.queuedGroup = group.id;
    this.queued = true;
    queuedHunts.set(call, this);
    this.timers.push(
      this.engine.later((group.queue?.max_wait_sec ?? 60) * 1000, () => {
        if (this.done) return;
        const ringing = [...this.ringing];
        this.ringing.clear();
        for (const leg of ringing) {
          leg.hunt = undefined;
          this.engine.endLeg(leg, 1100);
        }
        this.fail(1163);
      }),
    );
    this.timers.push(this.engine.later(QUEUE_POLL_MS, () => this.retry()));
  }

  /** Rings one employee unless they are busy (skipped) or have no reachable device (skipped). */
  private ringEmployee(emp: Employee, device: string | undefined, group: Group | undefined): void {
    if (this.engine.isBusy(emp)) {
      this.anyBusy = true;
      if (group) return;
      // A direct call to a talking employee hears "busy".
      this.lastReason = 1121;
      const party = this.engine.employeeParty(emp, device);
      const main = device === undefined ? mainNumber(emp.numbers)?.number : undefined;
      this.ring(party, { onRing: 'busy' }, DEFAULT_RING_SEC, this.toFor(party, group), undefined, main);
      return;
    }
    // A Contact-Center user on a break (3) or offline (4) is not offered calls (reference §4.9).
    if (emp.use_status && (emp.cc_status === 3 || emp.cc_status === 4)) {
      this.lastReason = 1191;
      return;
    }
    if (device !== undefined) {
      // An explicit device (callback `from.number`, return_blind) rings alone, whatever the card says.
      this.ringDevice(emp, { number: device, wait_sec: 0 }, false, group, undefined);
      return;
    }
    const now = this.engine.clock.nowMs();
    const plan = group
      ? groupRingPlan(emp.numbers, group.dial_alg_users, emp.dial_alg, now)
      : ringPlan(emp.numbers, emp.dial_alg, now);
    if (plan.devices.length === 0) {
      // Off schedule or no active device: no events at all (reference §4.1 filtering).
      this.lastReason = 1192;
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
    const now = this.engine.clock.nowMs();
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
    const party = this.engine.employeeParty(emp, dev.number);
    let policy = this.engine.policyOf(party);
    if (policy && emp.cc_status === 2) policy = { onRing: 'dnd' };
    const own = dev.wait_sec > 0 ? dev.wait_sec : undefined;
    // In a group each operator rings for ring_sec; devices rung in turn keep their own wait_sec.
    const ringSec = group ? ((inTurn ? own : undefined) ?? group.ring_sec) : (own ?? DEFAULT_RING_SEC);
    return this.ring(party, policy, ringSec, this.toFor(party, group), group?.id, main);
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
  ): Leg {
    const { call, commandId, transfer, callbackInitiator, intercepted } = this.spec;
    if (call.direction === 1 && call.forwardMs === 0) call.forwardMs = this.engine.clock.nowMs();
    const init: Parameters<CallEngine['newLeg']>[1] = {
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
    const leg = this.engine.newLeg(call, init);
    leg.hunt = this;
    this.ringing.add(leg);
    if (main !== undefined) this.mainOf.set(leg, main);
    const e = this.engine;
    if (policy) {
      switch (policy.onRing) {
        case 'answer': {
          const after = (policy.answerAfterSec ?? DEFAULT_ANSWER_SEC) * 1000;
          if (after < ringSec * 1000) e.legTimer(leg, after, () => this.answer(leg));
          break;
        }
        case 'busy':
          e.legTimer(leg, e.signalMs, () => e.endLeg(leg, 1121));
          break;
        case 'dnd':
          e.legTimer(leg, e.signalMs, () => e.endLeg(leg, 1123));
          break;
        case 'reject':
          e.legTimer(leg, (policy.answerAfterSec ?? 2) * 1000, () => e.endLeg(leg, 1122));
          break;
        case 'never':
          break;
      }
    }
    e.legTimer(leg, ringSec * 1000, () => e.endLeg(leg, 1111));
    return leg;
  }
}

/** Answers a ringing leg from outside (the control API), through its dial when it has one. */
export function answerLeg(engine: CallEngine, leg: Leg): void {
  const hunt = leg.hunt as Hunt | undefined;
  if (hunt) hunt.answer(leg);
  else engine.connect(leg);
}
