import { answerLeg } from './dialer.js';
import type { CallEngine } from './engine.js';
import { CallStateError, press } from './ivr.js';
import type { Call, Leg } from './model.js';

/** Thrown when a call or leg named by the control API does not exist (control API: 404). */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** How the control API names a leg: by id, by the employee on it, or by its call. */
export interface LegRef {
  call_id?: string;
  entry_id?: string;
  extension?: string;
}

/** Finds the leg a control action means: by `call_id`; else the employee's ringing leg, then talking leg; else the call's waiting leg. */
export function findLeg(engine: CallEngine, ref: LegRef): Leg {
  if (ref.call_id !== undefined) {
    const leg = engine.legs.get(ref.call_id);
    if (!leg) throw new NotFoundError(`no live leg ${ref.call_id}`);
    return leg;
  }
  if (ref.extension !== undefined) {
    const legs = [...engine.legs.values()].filter(
      (l) => l.b.extension === ref.extension || l.a.extension === ref.extension,
    );
    const leg =
      legs.find((l) => l.state === 'Appeared' && l.b.extension === ref.extension) ??
      legs.find((l) => l.state !== 'Appeared');
    if (!leg) throw new NotFoundError(`extension ${ref.extension} is on no live leg`);
    return leg;
  }
  if (ref.entry_id !== undefined) {
    const call = findCall(engine, ref.entry_id);
    const leg = call.waiting ?? [...call.legs.values()][0];
    if (!leg) throw new NotFoundError(`call ${ref.entry_id} has no live leg`);
    return leg;
  }
  throw new CallStateError('name the leg with call_id, extension or entry_id');
}

/** A live call by `entry_id`. */
export function findCall(engine: CallEngine, entryId: string): Call {
  const call = engine.live.get(entryId);
  if (!call) throw new NotFoundError(`no live call ${entryId}`);
  return call;
}

/** The called party of a ringing leg picks up. */
export function answer(engine: CallEngine, leg: Leg): void {
  if (leg.state !== 'Appeared' || leg.location !== 'abonent')
    throw new CallStateError('the leg is not ringing');
  answerLeg(engine, leg);
}

/** The called party of a ringing leg rejects it (1122) or answers busy (1121). */
export function reject(engine: CallEngine, leg: Leg, reason = 1122): void {
  if (leg.state !== 'Appeared' || leg.location !== 'abonent')
    throw new CallStateError('the leg is not ringing');
  engine.endLeg(leg, reason);
}

/** An employee on the leg hangs up (a ringing leg is rejected). */
export function employeeHangup(engine: CallEngine, leg: Leg, extension?: string): void {
  if (leg.state === 'Appeared') {
    if (leg.location !== 'abonent') throw new CallStateError('the leg is not at an employee');
    engine.endLeg(leg, 1122);
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
  engine.partyHangup(leg, side);
}

/** The customer of a call hangs up: every leg ends with 1110. */
export function callerHangup(engine: CallEngine, call: Call): void {
  engine.hangupCall(call, 1110);
}

/** The caller presses keys in the IVR. */
export function callerPress(engine: CallEngine, call: Call, digits: string): void {
  press(engine, call, digits);
}

/** Puts a talking leg on hold by the employee `extension`. */
export function hold(engine: CallEngine, leg: Leg, extension: string): void {
  if (leg.state !== 'Connected') throw new CallStateError('only a Connected leg can be put on hold');
  const side = leg.from.extension === extension || leg.a.extension === extension ? 'from' : 'to';
  engine.setHold(leg, true, side);
}

/** Takes a leg off hold. */
export function unhold(engine: CallEngine, leg: Leg): void {
  if (leg.state !== 'OnHold') throw new CallStateError('the leg is not on hold');
  if (leg.consult || leg.consultHunt) engine.cancelConsult(leg, 1100);
  else engine.setHold(leg, false);
}
