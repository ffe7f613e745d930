import type { CallState } from 'mangokit';
import { CallStateError } from './errors.js';

/**
 * The states a leg may move to from each state (reference §4.1): a ringing leg is answered or
 * ends, a talking leg is held or ends, a held leg talks again or ends, an ended leg stays ended.
 */
export const LEG_TRANSITIONS: Readonly<Record<CallState, readonly CallState[]>> = Object.freeze({
  Appeared: ['Connected', 'Disconnected'],
  Connected: ['OnHold', 'Disconnected'],
  OnHold: ['Connected', 'Disconnected'],
  Disconnected: [],
});

/** Whether the table lets a leg move from `from` to `to`. */
export function isLegalTransition(from: CallState, to: CallState): boolean {
  return LEG_TRANSITIONS[from].includes(to);
}

/** A leg was asked to move where the transition table does not allow (control API: 409). */
export class IllegalTransitionError extends CallStateError {
  constructor(
    readonly callId: string,
    readonly from: CallState,
    readonly to: CallState,
  ) {
    super(`leg ${callId} cannot go from ${from} to ${to}`);
    this.name = 'IllegalTransitionError';
  }
}
