import { RESULT } from 'mangokit/protocol';
import type { CallInit } from '../ports/legs.js';
import type { DialSpec, Party } from '../model.js';
import { type Handler, lineNumber, lineOk, wireOf } from './kit.js';

/** `commands/callback` (reference §2.1): the employee's phone rings first, then the number they call. */
export const callback: Handler<'callback'> = (k, p) => {
  const { command_id: commandId, to_number: to, line_number: line } = p;
  const { extension: ext, number: device } = p.from;
  const emp = k.directory.employeeByExtension(ext);
  if (!emp || !lineOk(k, line)) return RESULT.INVALID_PARAMETERS;
  if (k.billing.balance() <= 0) return RESULT.INSUFFICIENT_FUNDS;
  const target = k.directory.resolveTarget(to);
  const lineNo = lineNumber(k, line, emp.outgoingline);
  const internal = target.kind !== 'number';
  const callTo: { extension?: string; number?: string } = { number: to };
  if (target.kind === 'employee' && target.employee.extension) callTo.extension = target.employee.extension;
  const callFrom: { extension?: string; number?: string } = { extension: ext };
  const init: CallInit = {
    direction: internal ? 0 : 2,
    caller: k.directory.employeeParty(emp, device),
    from: callFrom,
    to: callTo,
    command_id: commandId,
  };
  if (!internal && lineNo !== undefined) init.line_number = lineNo;
  const call = k.legs.newCall(init);
  const spec1: DialSpec = {
    call,
    a: { kind: 'pbx', policy: { onRing: 'answer' } },
    // The destination as the PBX identified it: an employee's number carries its extension (PDF-2017 p.47).
    from: { ...callTo },
    target: device ? { kind: 'employee', employee: emp, device } : { kind: 'employee', employee: emp },
    commandId,
    callbackInitiator: 'API',
    allowQueue: false,
    preliminary: true,
    onAnswered: (leg1) => {
      if (leg1.b.number !== undefined) call.from.number = leg1.b.number;
      // A recording started on the first leg continues in the conversation (reference §2.5).
      const rec = k.recorder.detach(leg1);
      const spec2: DialSpec = {
        call,
        a: leg1.b,
        from: wireOf(leg1.b, { taken_from_call_id: leg1.call_id }),
        target,
        commandId,
        callbackInitiator: 'API',
        allowQueue: false,
        continuesRecording: rec !== undefined,
        onAnswered: (leg2) => k.recorder.attach(rec, leg2),
        onFailed: () => k.recorder.abandon(rec),
      };
      if (!internal && lineNo !== undefined) spec2.lineNumber = lineNo;
      k.dialer.dial(spec2);
      // The employee moved into the destination leg: the first leg ends "successfully" (reference §2.1, §6).
      k.legs.transition(leg1, 'Disconnected', { reason: RESULT.SUCCESS });
    },
    onFailed: () => {},
  };
  k.dialer.dial(spec1);
  k.legs.maybeFinish(call);
  return RESULT.SUCCESS;
};

/** `commands/callback_group` (reference §2.2): a group calls a number, or a number is connected to a group. */
export const callbackGroup: Handler<'callback_group'> = (k, p) => {
  const { command_id: commandId, from, to, line_number: line } = p;
  const gFrom = k.directory.groupByExtension(from);
  const gTo = k.directory.groupByExtension(to);
  // Exactly one side must be a group short number (reference §2.2).
  if ((gFrom === undefined) === (gTo === undefined) || !lineOk(k, line)) return RESULT.INVALID_PARAMETERS;
  if (k.billing.balance() <= 0) return RESULT.INSUFFICIENT_FUNDS;
  const lineNo = lineNumber(k, line);
  const pbx: Party = { kind: 'pbx', policy: { onRing: 'answer' } };
  if (gFrom) {
    const call = k.legs.newCall({
      direction: 2,
      caller: pbx,
      from: gFrom.extension ? { extension: gFrom.extension } : {},
      to: { number: to },
      ...(lineNo !== undefined ? { line_number: lineNo } : {}),
      command_id: commandId,
    });
    const spec: DialSpec = {
      call,
      a: pbx,
      from: { number: to },
      target: { kind: 'group', group: gFrom },
      commandId,
      callbackInitiator: 'API',
      allowQueue: false,
      preliminary: true,
      onAnswered: (op) => {
        const spec2: DialSpec = {
          call,
          a: op.b,
          from: wireOf(op.b, { taken_from_call_id: op.call_id }),
          target: { kind: 'number', number: to },
          commandId,
          callbackInitiator: 'API',
          allowQueue: false,
          onAnswered: () => {},
          onFailed: () => {},
        };
        if (lineNo !== undefined) spec2.lineNumber = lineNo;
        k.dialer.dial(spec2);
        k.legs.transition(op, 'Disconnected', { reason: RESULT.SUCCESS });
      },
      onFailed: () => {},
    };
    if (lineNo !== undefined) spec.lineNumber = lineNo;
    k.dialer.dial(spec);
    k.legs.maybeFinish(call);
    return RESULT.SUCCESS;
  }
  const group = gTo!;
  const client = k.directory.customer(from);
  const call = k.legs.newCall({
    direction: 2,
    caller: client,
    from: { number: from },
    to: group.extension ? { extension: group.extension } : {},
    ...(lineNo !== undefined ? { line_number: lineNo } : {}),
    command_id: commandId,
  });
  const spec: DialSpec = {
    call,
    a: pbx,
    from: lineNo !== undefined ? { number: lineNo } : {},
    target: { kind: 'number', number: from },
    commandId,
    callbackInitiator: 'API',
    allowQueue: false,
    preliminary: true,
    onAnswered: (leg1) => {
      leg1.handoverReason = RESULT.SUCCESS;
      call.waiting = leg1;
      const spec2: DialSpec = {
        call,
        a: leg1.b,
        from: { number: from, taken_from_call_id: leg1.call_id },
        target: { kind: 'group', group },
        commandId,
        callbackInitiator: 'API',
        allowQueue: true,
        onAnswered: () => {},
        onFailed: (reason) => k.legs.hangupCall(call, reason),
      };
      if (lineNo !== undefined) spec2.lineNumber = lineNo;
      k.dialer.dial(spec2);
    },
    onFailed: () => {},
  };
  if (lineNo !== undefined) spec.lineNumber = lineNo;
  k.dialer.dial(spec);
  k.legs.maybeFinish(call);
  return RESULT.SUCCESS;
};
