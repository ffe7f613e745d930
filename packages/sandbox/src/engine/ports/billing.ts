import type { CallRecord } from '../contract.js';
import type { Call, Leg } from '../model.js';

/** The account and the call history: balance, charges, finished calls. */
export interface Billing {
  /** The account balance. */
  balance(): number;
  /** Takes an amount off the balance (rounded to kopecks). */
  debit(amount: number): void;
  /** A leg ended with `reason`: its record joins the call's, its talk with an outside party is charged. */
  legEnded(leg: Leg, reason: number): void;
  /** A call finished: its cost leaves the balance and its record joins the history, which it returns. */
  settle(call: Call): CallRecord;
  /** Finished calls, oldest first. */
  calls(): readonly CallRecord[];
  /** Forgets the history (office reset). */
  clear(): void;
}
