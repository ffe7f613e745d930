import type { Employee, PhonePolicy } from '../../office/types.js';
import type { Call, Leg, Party } from '../model.js';

/** Who is on a call, who is driven live, and who waits in which group queue. */
export interface Presence {
  /** The employee is on a live leg (ringing or talking). */
  isBusy(emp: Employee): boolean;
  /** When the employee last finished a call, virtual ms (0 = never). */
  idleSince(emp: Employee): number;
  /** The employee is driven live through the control API instead of their phone policy. */
  isManual(userId: number): boolean;
  /** The phone policy in force for a party, `undefined` when it is driven live. */
  policyOf(party: Party): PhonePolicy | undefined;
  /** Counts a leg's employees busy (+1), free (−1), or re-counts them after a party swap (0). */
  track(leg: Leg, delta: 1 | -1 | 0): void;
  /** Calls waiting in a group's queue, in arrival order. */
  queue(groupId: number): readonly Call[];
  /** Groups with their queues (possibly empty). */
  queues(): Iterable<[number, readonly Call[]]>;
  /** Puts a call at the end of a group's queue. */
  enqueue(groupId: number, call: Call): void;
  /** Removes a call from its group queue (no-op when it waits nowhere). */
  leaveQueue(call: Call): void;
}
