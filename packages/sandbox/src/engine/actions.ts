import { RESULT } from 'mangokit/protocol';
import { CallStateError, NotFoundError } from './errors.js';
import { CONTROL_ERRORS } from '../i18n/messages.js';
import type { Call, Leg } from './model.js';
import type { EnginePorts } from './ports/index.js';

/** What the control API's actions need. */
export type ActionPorts = Pick<EnginePorts, 'legs' | 'ivr'>;

/** How the control API names a leg: by id, by the employee on it, or by its call. */
export interface LegRef {
  call_id?: string;
  entry_id?: string;
  extension?: string;
}

/** A ringing leg at an employee's or a customer's phone. */
function ringing(leg: Leg): boolean {
  return leg.state === 'Appeared' && leg.location === 'abonent';
}

/** Finds the leg a control action means: by `call_id`; else the employee's ringing leg, then talking leg; else the call's waiting leg. */
export function findLeg(k: ActionPorts, ref: LegRef): Leg {
  if (ref.call_id !== undefined) {
    const leg = k.legs.leg(ref.call_id);
    if (!leg) throw new NotFoundError(CONTROL_ERRORS.noLiveLeg(ref.call_id));
    return leg;
  }
  if (ref.extension !== undefined) {
    const legs = [...k.legs.openLegs()].filter(
      (l) => l.b.extension === ref.extension || l.a.extension === ref.extension,
    );
    const leg =
      legs.find((l) => l.state === 'Appeared' && l.b.extension === ref.extension) ??
      legs.find((l) => l.state !== 'Appeared');
    if (!leg) throw new NotFoundError(CONTROL_ERRORS.extensionOnNoLeg(ref.extension));
    return leg;
  }
  if (ref.entry_id !== undefined) {
    const call = findCall(k, ref.entry_id);
    const leg = call.waiting ?? [...call.legs.values()][0];
    if (!leg) throw new NotFoundError(CONTROL_ERRORS.callHasNoLeg(ref.entry_id));
    return leg;
  }
  throw new CallStateError(CONTROL_ERRORS.nameTheLeg);
}

/** A live call by `entry_id`. */
export function findCall(k: ActionPorts, entryId: string): Call {
  const call = k.legs.call(entryId);
  if (!call) throw new NotFoundError(CONTROL_ERRORS.noLiveCall(entryId));
  return call;
}

/** The call a control action means: by `entry_id`, else the call of the leg `ref` names. */
export function findCallOf(k: ActionPorts, ref: LegRef): Call {
  if (ref.entry_id !== undefined) return findCall(k, ref.entry_id);
  return findLeg(k, ref).call;
}

/** The called party of a ringing leg picks up (through its dial, which stops the others ringing). */
export function answer(k: ActionPorts, leg: Leg): void {
  if (!ringing(leg)) throw new CallStateError(CONTROL_ERRORS.notRinging);
  if (leg.hunt) leg.hunt.answer(leg);
  else k.legs.transition(leg, 'Connected');
}

/** The called party of a ringing leg rejects it (1122) or answers busy (1121). */
export function reject(k: ActionPorts, leg: Leg, reason: number = RESULT.REJECTED): void {
  if (!ringing(leg)) throw new CallStateError(CONTROL_ERRORS.notRinging);
  k.legs.transition(leg, 'Disconnected', { reason });
}

/** An employee on the leg hangs up (a ringing leg is rejected). */
export function employeeHangup(k: ActionPorts, leg: Leg, extension?: string): void {
  if (leg.state === 'Appeared') {
    if (leg.location !== 'abonent') throw new CallStateError(CONTROL_ERRORS.notAtEmployee);
    // The initiator of a consultation that still rings hangs up: a blind transfer (PDF-2017 p.55-56).
    const held =
      extension !== undefined && leg.a.extension === extension && leg.hunt
        ? [...leg.call.legs.values()].find((h) => h.consultHunt === leg.hunt && !h.ended)
        : undefined;
    if (held) {
      k.legs.handOverRinging(held, leg);
      return;
    }
    k.legs.transition(leg, 'Disconnected', { reason: RESULT.REJECTED });
    return;
  }
  const side =
    extension !== undefined
      ? leg.a.extension === extension
        ? 'a'
        : 'b'
      : leg.b.kind === 'employee'
        ? 'b'
        : 'a';
  k.legs.partyHangup(leg, side);
}

/** The customer of a call hangs up: every leg ends with 1110. */
export function callerHangup(k: ActionPorts, call: Call): void {
  k.legs.hangupCall(call, RESULT.ENDED_BY_CALLER);
}

/** The caller presses keys in the IVR. */
export function callerPress(k: ActionPorts, call: Call, digits: string): void {
  k.ivr.press(call, digits);
}

/** Puts a talking leg on hold by the employee `extension`. */
export function hold(k: ActionPorts, leg: Leg, extension: string): void {
  if (!k.legs.canTransition(leg, 'OnHold')) throw new CallStateError(CONTROL_ERRORS.holdNeedsConnected);
  const side = leg.from.extension === extension || leg.a.extension === extension ? 'from' : 'to';
  k.legs.transition(leg, 'OnHold', { initiator: side });
}

/** Takes a leg off hold (a consultation in progress is cancelled). */
export function unhold(k: ActionPorts, leg: Leg): void {
  if (leg.state !== 'OnHold') throw new CallStateError(CONTROL_ERRORS.notOnHold);
  if (leg.consult || leg.consultHunt) k.legs.cancelConsult(leg, RESULT.ENDED_NORMALLY);
  else k.legs.transition(leg, 'Connected');
}
