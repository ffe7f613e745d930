import type { Employee, PhonePolicy } from '../office/types.js';
import type { Call, Leg, Party } from './model.js';
import type { EngineClock } from './ports/clock.js';
import type { Presence } from './ports/presence.js';

/** {@link Presence}: busy counts per employee, idle times, employees driven live, group queues. */
export class PresenceBoard implements Presence {
  /** Live legs per employee (`user_id`), for "busy". */
  private readonly employeeLegs = new Map<number, number>();
  /** When each employee last finished a call, for `dial_alg_group` 5. */
  private readonly lastIdle = new Map<number, number>();
  /** Employees driven live through the control API. */
  readonly manual = new Set<number>();
  /** Calls waiting in each group's queue, in arrival order. */
  readonly waiting = new Map<number, Call[]>();

  /** `onFree` hears every employee whose last live leg ended (queued calls look for them). */
  constructor(
    private readonly clock: Pick<EngineClock, 'nowMs'>,
    private readonly onFree: (userId: number) => void,
  ) {}

  isBusy(emp: Employee): boolean {
    return (this.employeeLegs.get(emp.user_id) ?? 0) > 0;
  }

  idleSince(emp: Employee): number {
    return this.lastIdle.get(emp.user_id) ?? 0;
  }

  isManual(userId: number): boolean {
    return this.manual.has(userId);
  }

  policyOf(p: Party): PhonePolicy | undefined {
    if (p.employee) {
      if (this.manual.has(p.employee.user_id)) return undefined;
      return p.employee.policy;
    }
    return p.policy;
  }

  track(leg: Leg, delta: 1 | -1 | 0): void {
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

  queue(groupId: number): readonly Call[] {
    return this.waiting.get(groupId) ?? [];
  }

  queues(): Iterable<[number, readonly Call[]]> {
    return this.waiting;
  }

  enqueue(groupId: number, call: Call): void {
    const queue = this.waiting.get(groupId) ?? [];
    queue.push(call);
    this.waiting.set(groupId, queue);
    call.queuedGroup = groupId;
  }

  leaveQueue(call: Call): void {
    if (call.queuedGroup === undefined) return;
    const q = this.waiting.get(call.queuedGroup);
    if (q) {
      const i = q.indexOf(call);
      if (i >= 0) q.splice(i, 1);
    }
    call.queuedGroup = undefined;
  }

  private bump(userId: number, delta: number): void {
    const n = (this.employeeLegs.get(userId) ?? 0) + delta;
    if (n <= 0) {
      this.employeeLegs.delete(userId);
      this.lastIdle.set(userId, this.clock.nowMs());
      this.onFree(userId);
    } else this.employeeLegs.set(userId, n);
  }
}
