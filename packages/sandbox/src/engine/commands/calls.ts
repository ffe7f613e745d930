import type { CallPartyFrom } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { DialSpec } from '../model.js';
import { type Handler, sideOf, wireOf } from './kit.js';

/** `commands/call/hangup` (reference §2.3). */
export const hangup: Handler<'call/hangup'> = (k, p) => {
  const { call_id: callId } = p;
  const leg = k.legs.leg(callId);
  if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
  if (leg.consultOf) {
    // Hanging up the consult leg cancels the transfer (reference §2.8).
    const held = leg.consultOf;
    k.legs.transition(leg, 'Disconnected', { reason: RESULT.ENDED_BY_API });
    k.legs.releaseHold(held);
    return RESULT.SUCCESS;
  }
  if (leg === leg.call.waiting) {
    k.legs.hangupCall(leg.call, RESULT.ENDED_BY_API);
    return RESULT.SUCCESS;
  }
  if (leg.consult || leg.consultHunt) k.legs.cancelConsult(leg, RESULT.ENDED_BY_API);
  k.legs.transition(leg, 'Disconnected', { reason: RESULT.ENDED_BY_API });
  return RESULT.SUCCESS;
};

/** `commands/route` (reference §2.7): a waiting customer or a ringing leg goes elsewhere. */
export const route: Handler<'route'> = (k, p) => {
  const { command_id: commandId, call_id: callId, to_number: to } = p;
  const leg = k.legs.leg(callId);
  if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
  const call = leg.call;
  const target = k.directory.resolveTarget(to);
  call.activities += 1;
  try {
    if (leg.state === 'Appeared' && leg.hunt && leg.location === 'abonent') {
      // Interception of a ringing employee leg (reference §2.7): it ends with 1182.
      const spec = leg.hunt.spec;
      leg.hunt.cancel(RESULT.ENDED_NORMALLY, leg, RESULT.INTERCEPTED);
      k.dialer.dial({
        ...spec,
        target,
        from: { ...spec.from, taken_from_call_id: leg.call_id },
        commandId,
        intercepted: true,
      });
      return RESULT.SUCCESS;
    }
    if (leg !== call.waiting || (leg.location !== 'ivr' && leg.location !== 'queue'))
      return RESULT.FORBIDDEN_BY_PBX_LOGIC;
    call.hunt?.cancel(RESULT.ENDED_NORMALLY);
    k.presence.leaveQueue(call);
    k.ivr.leave(call);
    call.waiting = undefined;
    const from: CallPartyFrom = { taken_from_call_id: leg.call_id };
    if (call.caller.number !== undefined) from.number = call.caller.number;
    const spec: DialSpec = {
      call,
      a: call.caller,
      from,
      target,
      commandId,
      allowQueue: true,
      onAnswered: () => {},
      onFailed: (reason) => k.legs.hangupCall(call, reason),
    };
    if (call.line_number !== undefined) spec.lineNumber = call.line_number;
    k.dialer.dial(spec);
    // The IVR leg is handed over (reference §2.7, §6: 1100).
    k.legs.transition(leg, 'Disconnected', { reason: RESULT.ENDED_NORMALLY });
    return RESULT.SUCCESS;
  } finally {
    call.activities -= 1;
    k.legs.maybeFinish(call);
  }
};

/** `commands/transfer` (reference §2.8): blind, or consultative with the caller on hold. */
export const transfer: Handler<'transfer'> = (k, p) => {
  const { command_id: commandId, call_id: callId, method, to_number: to, initiator } = p;
  const leg = k.legs.leg(callId);
  if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
  // Only a talking leg is transferred: one the transition table lets go on hold.
  if (!k.legs.canTransition(leg, 'OnHold')) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  const side = sideOf(leg, initiator);
  const initParty = side === 'from' ? leg.a : side === 'to' ? leg.b : undefined;
  // Only PBX employees may transfer (reference §2.8).
  if (!initParty?.employee) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  const target = k.directory.resolveTarget(to);
  const call = leg.call;
  if (method === 'hold') {
    k.legs.transition(leg, 'OnHold', { initiator: side });
    const spec: DialSpec = {
      call,
      a: initParty,
      from: wireOf(initParty),
      target,
      commandId,
      transfer: 'consultative',
      allowQueue: false,
      onAnswered: (consult) => {
        leg.consultHunt = undefined;
        if (leg.ended) return;
        leg.consult = consult;
        consult.consultOf = leg;
      },
      onFailed: () => {
        leg.consultHunt = undefined;
        k.legs.releaseHold(leg);
      },
    };
    leg.consultHunt = k.dialer.dial(spec);
    return RESULT.SUCCESS;
  }
  const remaining = side === 'from' ? leg.b : leg.a;
  const remainingWire = side === 'from' ? leg.to : leg.from;
  const from: CallPartyFrom = { taken_from_call_id: leg.call_id };
  if (remainingWire.extension !== undefined) from.extension = remainingWire.extension;
  if (remainingWire.number !== undefined) from.number = remainingWire.number;
  const rec = k.recorder.detach(leg);
  call.activities += 1;
  const base = {
    call,
    a: remaining,
    from,
    commandId,
    allowQueue: false,
    continuesRecording: rec !== undefined,
    ...(call.line_number !== undefined ? { lineNumber: call.line_number } : {}),
  };
  k.dialer.dial({
    ...base,
    target,
    transfer: 'blind',
    onAnswered: (l) => k.recorder.attach(rec, l),
    onFailed: () => {
      // The target did not answer: the PBX calls the initiator back (reference §2.8, `return_blind`).
      k.dialer.dial({
        ...base,
        target: {
          kind: 'employee',
          employee: initParty.employee!,
          ...(initParty.number ? { device: initParty.number } : {}),
        },
        transfer: 'return_blind',
        onAnswered: (l) => k.recorder.attach(rec, l),
        onFailed: () => k.recorder.abandon(rec),
      });
    },
  });
  k.legs.transition(leg, 'Disconnected', { reason: RESULT.NEW_OPERATOR_ASSIGNED, initiator: side });
  call.activities -= 1;
  k.legs.maybeFinish(call);
  return RESULT.SUCCESS;
};

/** `commands/transfer/calls_connect`: joins a held leg with its consult leg (reference §2.8). */
export const callsConnect: Handler<'calls_connect'> = (k, p) => {
  const { holded_call_id: heldId, transferred_call_id: consultId } = p;
  const held = k.legs.leg(heldId);
  const consult = k.legs.leg(consultId);
  if (!held || !consult) return RESULT.CALL_ENDED_OR_UNKNOWN;
  if (held.call !== consult.call || held.state !== 'OnHold' || consult.state !== 'Connected')
    return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  if (held.consult !== consult) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  k.legs.joinConsult(held, consult);
  return RESULT.SUCCESS;
};

/** `commands/transfer_cancel`: ends a consultation (reference §2.8). */
export const transferCancel: Handler<'transfer_cancel'> = (k, p) => {
  const { call_id: callId } = p;
  const leg = k.legs.leg(callId);
  if (!leg || (!leg.consult && !leg.consultHunt)) return RESULT.CALL_ENDED_OR_UNKNOWN;
  k.legs.cancelConsult(leg, RESULT.ENDED_BY_USER_COMMAND);
  return RESULT.SUCCESS;
};

/** `commands/call/hold/on` (reference §2.8). */
export const holdOn: Handler<'call/hold/on'> = (k, p) => {
  const { call_id: callId, initiator } = p;
  const leg = k.legs.leg(callId);
  if (!leg) return RESULT.CALL_ENDED_OR_UNKNOWN;
  if (!k.legs.canTransition(leg, 'OnHold')) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  const side = sideOf(leg, initiator);
  const party = side === 'from' ? leg.a : side === 'to' ? leg.b : undefined;
  if (!party?.employee) return RESULT.FORBIDDEN_BY_PBX_LOGIC;
  k.legs.transition(leg, 'OnHold', { initiator: side });
  return RESULT.SUCCESS;
};
