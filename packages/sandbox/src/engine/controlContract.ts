import type { CommandName } from 'mangokit';
import type { PhonePolicy } from '../office/types.js';
import type { LegRef } from './actions.js';
import type { CallRecord, CommandAck, RecordingRecord } from './contract.js';
import type { LiveCall } from './views.js';

/**
 * What the `/_sandbox/` control API needs from the call engine: views of live and finished
 * calls, and the outside world's moves (a customer calls, presses keys or hangs up; an employee
 * answers, rejects, holds or hangs up). The engine implements it; the control layer only reads
 * requests, calls these, and renders answers. Legs are named by {@link LegRef}; a name that
 * matches nothing throws `NotFoundError`, a move the call's state does not allow `CallStateError`.
 */
export interface EngineForControl {
  /** How many calls and legs are live. */
  liveCounts(): { calls: number; legs: number };
  /** Calls in progress with their legs. */
  liveCalls(): LiveCall[];
  /** A call in progress, or undefined once it finished (or never was). */
  liveCall(entryId: string): LiveCall | undefined;
  /** Finished calls, oldest first. */
  calls(): readonly CallRecord[];
  /** Every recording, oldest first. */
  recordings(): RecordingRecord[];
  /** Runs a `/vpbx/commands/*` command as the API does. */
  command(name: CommandName, params: Record<string, unknown>): CommandAck;
  /**
   * A customer calls a line of the office (default: the first line); `sipCallId` is the caller's
   * SIP Call-ID (reference §4.1: passed on for SIP lines when the office allows it).
   */
  incomingCall(
    from: string,
    line?: string,
    policy?: PhonePolicy,
    sipCallId?: string,
  ): { entry_id: string; call_id: string };
  /**
   * An employee dials `to` from their phone (an outgoing or internal call placed without the
   * API, reference §4.1: its legs carry no `command_id`); `device` is the phone they use.
   */
  employeeCall(
    extension: string,
    to: string,
    options?: { line?: string; device?: string },
  ): { entry_id: string; call_id: string };
  /** The PBX's "check connection" (ЛК «Проверить подключение», reference §1.5): a `ping` notification. */
  ping(): void;
  /** Queues the delivery reason of the next SMS report; answers how many are queued. */
  queueSmsReason(reason: number): number;
  /** Drives an employee live (`true`) or by their phone policy again (`false`). */
  setManual(extension: string, manual: boolean): void;
  /** The called party of a ringing leg picks up; answers the leg's `call_id`. */
  answer(ref: LegRef): string;
  /** The called party of a ringing leg rejects it (1122) or answers busy (1121). */
  reject(ref: LegRef, reason: number): void;
  /** An employee on the leg hangs up (a ringing leg is rejected). */
  employeeHangup(ref: LegRef, extension?: string): void;
  /**
   * One side of a connected leg hangs up: `from` (its caller, 1110) or `to` (its called party,
   * 1120), whoever they are — an employee, a customer dialled by a callback, a held party.
   */
  partyHangup(ref: LegRef, side: 'from' | 'to'): void;
  /** The employee `extension` puts a talking leg on hold. */
  hold(ref: LegRef, extension: string): void;
  /** Takes a leg off hold. */
  unhold(ref: LegRef): void;
  /** The customer of the call (by `entry_id`, else of the leg named) hangs up. */
  callerHangup(ref: LegRef): void;
  /** The customer of the call (by `entry_id`, else of the leg named) presses keys. */
  callerPress(ref: LegRef, digits: string): void;
  /** Drops history and recordings (office reset). */
  clearHistory(): void;
  /** Hangs up every live call (office reload). */
  hangupAll(reason?: number): void;
}
