import type { CallPartyFrom } from 'mangokit';
import type { DialSpec } from '../model.js';
import { type Handler, sideOf, wireOf } from './kit.js';

/** `commands/call/hangup` (reference §2.3). */
export const hangup: Handler = (k, p, check) => {
  const callId = check.str(p, 'call_id');
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg) return 4101;
    if (leg.consultOf) {
      // Hanging up the consult leg cancels the transfer (reference §2.8).
      const held = leg.consultOf;
      k.legs.transition(leg, 'Disconnected', { reason: 1181 });
      k.legs.releaseHold(held);
      return 1000;
    }
    if (leg === leg.call.waiting) {
      k.legs.hangupCall(leg.call, 1181);
      return 1000;
    }
    if (leg.consult || leg.consultHunt) k.legs.cancelConsult(leg, 1181);
    k.legs.transition(leg, 'Disconnected', { reason: 1181 });
    return 1000;
  };
};

/** `commands/route` (reference §2.7): a waiting customer or a ringing leg goes elsewhere. */
export const route: Handler = (k, p, check, commandId) => {
  const callId = check.str(p, 'call_id');
  const to = check.str(p, 'to_number');
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg) return 4101;
    const call = leg.call;
    const target = k.directory.resolveTarget(to!);
    call.activities += 1;
    try {
      if (leg.state === 'Appeared' && leg.hunt && leg.location === 'abonent') {
        // Interception of a ringing employee leg (reference §2.7): it ends with 1182.
        const spec = leg.hunt.spec;
        leg.hunt.cancel(1100, leg, 1182);
        k.dialer.dial({
          ...spec,
          target,
          from: { ...spec.from, taken_from_call_id: leg.call_id },
          commandId,
          intercepted: true,
        });
        return 1000;
      }
      if (leg !== call.waiting || (leg.location !== 'ivr' && leg.location !== 'queue')) return 4100;
      call.hunt?.cancel(1100);
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
      k.legs.transition(leg, 'Disconnected', { reason: 1100 });
      return 1000;
    } finally {
      call.activities -= 1;
      k.legs.maybeFinish(call);
    }
  };
};

/** `commands/transfer` (reference §2.8): blind, or consultative with the caller on hold. */
export const transfer: Handler = (k, p, check, commandId) => {
  const callId = check.str(p, 'call_id');
  const method = check.str(p, 'method');
  if (method !== undefined && method !== 'blind' && method !== 'hold') check.fields.method = 3104;
  const to = check.str(p, 'to_number');
  const initiator = check.str(p, 'initiator');
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg) return 4101;
    // Only a talking leg is transferred: one the transition table lets go on hold.
    if (!k.legs.canTransition(leg, 'OnHold')) return 4100;
    const side = sideOf(leg, initiator!);
    const initParty = side === 'from' ? leg.a : side === 'to' ? leg.b : undefined;
    // Only PBX employees may transfer (reference §2.8).
    if (!initParty?.employee) return 4100;
    const target = k.directory.resolveTarget(to!);
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
      return 1000;
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
    k.legs.transition(leg, 'Disconnected', { reason: 1183, initiator: side });
    call.activities -= 1;
    k.legs.maybeFinish(call);
    return 1000;
  };
};

/** `commands/transfer/calls_connect`: joins a held leg with its consult leg (reference §2.8). */
export const callsConnect: Handler = (k, p, check) => {
  const heldId = check.str(p, 'holded_call_id');
  check.str(p, 'transfer_initiator_number');
  const consultId = check.str(p, 'transferred_call_id');
  return () => {
    const held = k.legs.leg(heldId!);
    const consult = k.legs.leg(consultId!);
    if (!held || !consult) return 4101;
    if (held.call !== consult.call || held.state !== 'OnHold' || consult.state !== 'Connected') return 4100;
    if (held.consult !== consult) return 4100;
    k.legs.joinConsult(held, consult);
    return 1000;
  };
};

/** `commands/transfer_cancel`: ends a consultation (reference §2.8). */
export const transferCancel: Handler = (k, p, check) => {
  const callId = check.str(p, 'call_id');
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg || (!leg.consult && !leg.consultHunt)) return 4101;
    k.legs.cancelConsult(leg, 1180);
    return 1000;
  };
};

/** `commands/call/hold/on` (reference §2.8). */
export const holdOn: Handler = (k, p, check) => {
  const callId = check.str(p, 'call_id');
  const initiator = check.str(p, 'initiator');
  return () => {
    const leg = k.legs.leg(callId!);
    if (!leg) return 4101;
    if (!k.legs.canTransition(leg, 'OnHold')) return 4100;
    const side = sideOf(leg, initiator!);
    const party = side === 'from' ? leg.a : side === 'to' ? leg.b : undefined;
    if (!party?.employee) return 4100;
    k.legs.transition(leg, 'OnHold', { initiator: side });
    return 1000;
  };
};
