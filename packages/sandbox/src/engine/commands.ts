import type { CallPartyFrom, CommandName, CommandResultPayload, SmsEventPayload } from 'mangokit';
import type { CommandAck } from './contract.js';
import type { CallEngine } from './engine.js';
import { playInIvr } from './ivr.js';
import type { Leg, Party } from './model.js';

type Params = Record<string, unknown>;

/** An SMS report follows `result/sms` after this long (reference §4.4). */
const SMS_REPORT_MS = 3000;
/** Segment sizes: 153 Latin / 67 Cyrillic characters, at most 4 segments (reference §2.4). */
const LATIN_SEGMENT = 153;
const CYRILLIC_SEGMENT = 67;

/** Collects per-field codes of a 3100 answer (reference §1.3). */
class FieldCheck {
  readonly fields: Record<string, number> = {};

  str(p: Params, key: string, required = true): string | undefined {
    const v = p[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.fields[key] = 3103;
      return undefined;
    }
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string' || Buffer.byteLength(v) > 128) {
      this.fields[key] = 3104;
      return undefined;
    }
    return v;
  }

  ok(): boolean {
    return Object.keys(this.fields).length === 0;
  }
}

/** Runs one command: shape errors answer 3100 at once; otherwise 1000 now and `result/<name>` with the outcome. */
export function runCommand(engine: CallEngine, name: CommandName, params: Params): CommandAck {
  const check = new FieldCheck();
  const commandId = check.str(params, 'command_id');
  const handler = HANDLERS[name];
  if (!handler) return { result: 4001 };
  const outcome = handler(engine, params, check, commandId ?? '');
  if (!check.ok() || commandId === undefined) return { result: 3100, fields: check.fields };
  const result = outcome();
  const payload: CommandResultPayload = { command_id: commandId, result };
  // After the answer, not on the virtual clock: a command's result does not wait for time to pass.
  setImmediate(() => engine.notify(`result/${name}`, payload));
  return { result: 1000 };
}

type Handler = (engine: CallEngine, p: Params, check: FieldCheck, commandId: string) => () => number;

function liveLeg(engine: CallEngine, callId: string): Leg | undefined {
  return engine.legs.get(callId);
}

/** The side of a leg whose wire fields carry `value` (transfer / hold `initiator`, reference §2.8). */
function sideOf(leg: Leg, value: string): 'from' | 'to' | undefined {
  if (leg.from.extension === value || leg.from.number === value) return 'from';
  if (leg.to.extension === value || leg.to.number === value) return 'to';
  if (leg.a.extension === value || leg.a.number === value) return 'from';
  if (leg.b.extension === value || leg.b.number === value) return 'to';
  return undefined;
}

function wireOf(p: Party, extra: CallPartyFrom = {}): CallPartyFrom {
  const w: CallPartyFrom = {};
  if (p.extension !== undefined) w.extension = p.extension;
  if (p.number !== undefined) w.number = p.number;
  return { ...w, ...extra };
}

function lineOk(engine: CallEngine, line: string | undefined): boolean {
  return line === undefined || engine.office().lines.some((l) => l.number === line || l.name === line);
}

function lineNumber(engine: CallEngine, line: string | undefined, fallback?: string): string | undefined {
  const l = engine.office().lines.find((x) => x.number === line || x.name === line);
  return l?.number ?? fallback ?? engine.office().lines[0]?.number;
}

const callback: Handler = (engine, p, check, commandId) => {
  const from = p.from;
  let ext: string | undefined;
  let device: string | undefined;
  if (from === null || typeof from !== 'object' || Array.isArray(from))
    check.fields.from = from === undefined ? 3103 : 3104;
  else {
    ext = check.str(from as Params, 'extension');
    device = check.str(from as Params, 'number', false);
    if (check.fields.extension) check.fields['from.extension'] = check.fields.extension;
    delete check.fields.extension;
  }
  const to = check.str(p, 'to_number');
  const line = check.str(p, 'line_number', false);
  return () => {
    const emp = engine.employeeByExtension(ext!);
    if (!emp || !lineOk(engine, line)) return 3100;
    if (engine.office().account.balance <= 0) return 2240;
    const target = engine.resolveTarget(to!);
    const lineNo = lineNumber(engine, line, emp.outgoingline);
    const internal = target.kind !== 'number';
    const callTo: { extension?: string; number?: string } = { number: to! };
    if (target.kind === 'employee' && target.employee.extension) callTo.extension = target.employee.extension;
    const callFrom: { extension?: string; number?: string } = { extension: ext! };
    const init: Parameters<CallEngine['newCall']>[0] = {
      direction: internal ? 0 : 2,
      caller: engine.employeeParty(emp, device),
      from: callFrom,
      to: callTo,
      command_id: commandId,
    };
    if (!internal && lineNo !== undefined) init.line_number = lineNo;
    const call = engine.newCall(init);
    const spec1: Parameters<CallEngine['dial']>[0] = {
      call,
      a: { kind: 'pbx', policy: { onRing: 'answer' } },
      from: { number: to! },
      target: device ? { kind: 'employee', employee: emp, device } : { kind: 'employee', employee: emp },
      commandId,
      callbackInitiator: 'API',
      allowQueue: false,
      preliminary: true,
      onAnswered: (leg1) => {
        if (leg1.b.number !== undefined) call.from.number = leg1.b.number;
        // A recording started on the first leg continues in the conversation (reference §2.5).
        const rec = engine.recorder.detach(leg1);
        const spec2: Parameters<CallEngine['dial']>[0] = {
          call,
          a: leg1.b,
          from: wireOf(leg1.b, { taken_from_call_id: leg1.call_id }),
          target,
          commandId,
          callbackInitiator: 'API',
          allowQueue: false,
          continuesRecording: rec !== undefined,
          onAnswered: (leg2) => engine.recorder.attach(rec, leg2),
          onFailed: () => engine.recorder.abandon(rec),
        };
        if (!internal && lineNo !== undefined) spec2.lineNumber = lineNo;
        engine.dial(spec2);
        // The employee moved into the destination leg: the first leg ends "successfully" (reference §2.1, §6).
        engine.endLeg(leg1, 1000);
      },
      onFailed: () => {},
    };
    engine.dial(spec1);
    engine.maybeFinish(call);
    return 1000;
  };
};

const callbackGroup: Handler = (engine, p, check, commandId) => {
  const from = check.str(p, 'from');
  const to = check.str(p, 'to');
  const line = check.str(p, 'line_number', false);
  return () => {
    const gFrom = engine.groupByExtension(from!);
    const gTo = engine.groupByExtension(to!);
    // Exactly one side must be a group short number (reference §2.2).
    if ((gFrom === undefined) === (gTo === undefined) || !lineOk(engine, line)) return 3100;
    if (engine.office().account.balance <= 0) return 2240;
    const lineNo = lineNumber(engine, line);
    const pbx: Party = { kind: 'pbx', policy: { onRing: 'answer' } };
    if (gFrom) {
      const call = engine.newCall({
        direction: 2,
        caller: pbx,
        from: gFrom.extension ? { extension: gFrom.extension } : {},
        to: { number: to! },
        ...(lineNo !== undefined ? { line_number: lineNo } : {}),
        command_id: commandId,
      });
      const spec: Parameters<CallEngine['dial']>[0] = {
        call,
        a: pbx,
        from: { number: to! },
        target: { kind: 'group', group: gFrom },
        commandId,
        callbackInitiator: 'API',
        allowQueue: false,
        preliminary: true,
        onAnswered: (op) => {
          const spec2: Parameters<CallEngine['dial']>[0] = {
            call,
            a: op.b,
            from: wireOf(op.b, { taken_from_call_id: op.call_id }),
            target: { kind: 'number', number: to! },
            commandId,
            callbackInitiator: 'API',
            allowQueue: false,
            onAnswered: () => {},
            onFailed: () => {},
          };
          if (lineNo !== undefined) spec2.lineNumber = lineNo;
          engine.dial(spec2);
          engine.endLeg(op, 1000);
        },
        onFailed: () => {},
      };
      if (lineNo !== undefined) spec.lineNumber = lineNo;
      engine.dial(spec);
      engine.maybeFinish(call);
      return 1000;
    }
    const group = gTo!;
    const client = engine.customer(from!);
    const call = engine.newCall({
      direction: 2,
      caller: client,
      from: { number: from! },
      to: group.extension ? { extension: group.extension } : {},
      ...(lineNo !== undefined ? { line_number: lineNo } : {}),
      command_id: commandId,
    });
    const spec: Parameters<CallEngine['dial']>[0] = {
      call,
      a: pbx,
      from: lineNo !== undefined ? { number: lineNo } : {},
      target: { kind: 'number', number: from! },
      commandId,
      callbackInitiator: 'API',
      allowQueue: false,
      preliminary: true,
      onAnswered: (leg1) => {
        leg1.handoverReason = 1000;
        call.waiting = leg1;
        const spec2: Parameters<CallEngine['dial']>[0] = {
          call,
          a: leg1.b,
          from: { number: from!, taken_from_call_id: leg1.call_id },
          target: { kind: 'group', group },
          commandId,
          callbackInitiator: 'API',
          allowQueue: true,
          onAnswered: () => {},
          onFailed: (reason) => engine.hangupCall(call, reason),
        };
        if (lineNo !== undefined) spec2.lineNumber = lineNo;
        engine.dial(spec2);
      },
      onFailed: () => {},
    };
    if (lineNo !== undefined) spec.lineNumber = lineNo;
    engine.dial(spec);
    engine.maybeFinish(call);
    return 1000;
  };
};

const hangup: Handler = (engine, p, check) => {
  const callId = check.str(p, 'call_id');
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg) return 4101;
    if (leg.consultOf) {
      // Hanging up the consult leg cancels the transfer (reference §2.8).
      const held = leg.consultOf;
      engine.endLeg(leg, 1181);
      if (!held.ended && held.state === 'OnHold') engine.setHold(held, false);
      return 1000;
    }
    if (leg === leg.call.waiting) {
      engine.hangupCall(leg.call, 1181);
      return 1000;
    }
    if (leg.consult || leg.consultHunt) engine.cancelConsult(leg, 1181);
    engine.endLeg(leg, 1181);
    return 1000;
  };
};

const sms: Handler = (engine, p, check, commandId) => {
  const ext = check.str(p, 'from_extension');
  const to = check.str(p, 'to_number');
  const sender = typeof p.sms_sender === 'string' ? p.sms_sender : undefined;
  const text = typeof p.text === 'string' ? p.text : '';
  // ≤612 Latin or ≤268 Cyrillic characters: 4 segments (reference §2.4).
  const cyrillic = /[\u0400-\u04FF]/.test(text);
  if (p.text === undefined || p.text === null || p.text === '') check.fields.text = 3103;
  else if (typeof p.text !== 'string') check.fields.text = 3104;
  else if (text.length > (cyrillic ? 268 : 612)) check.fields.text = 3109;
  return () => {
    const emp = engine.employeeByExtension(ext!);
    if (!emp) return 3330;
    if (engine.employeeByExtension(to!)) return 3100;
    const office = engine.office();
    void sender; // an unknown sender falls back to the office default (reference §2.4)
    const segments = Math.max(1, Math.ceil(text.length / (cyrillic ? CYRILLIC_SEGMENT : LATIN_SEGMENT)));
    const cost = segments * office.account.tariffs.sms;
    if (office.account.balance < cost) return 2240;
    office.account.balance = Math.round((office.account.balance - cost) * 100) / 100;
    const reason = engine.smsReasons.shift() ?? 1000;
    engine.later(SMS_REPORT_MS, () => {
      const payload: SmsEventPayload = { command_id: commandId, timestamp: engine.now(), reason };
      engine.notify('events/sms', payload);
    });
    return 1000;
  };
};

const recordingStart: Handler = (engine, p, check, commandId) => {
  const callId = check.str(p, 'call_id');
  const party = check.str(p, 'call_party_number');
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg) return 4101;
    const who = [leg.a, leg.b].find(
      (x) =>
        x.employee &&
        (x.extension === party || x.number === party || x.employee.numbers.some((n) => n.number === party)),
    );
    // Only PBX employees can be recorded (reference §2.5).
    if (!who) return 3330;
    if (leg.recording) return 4102;
    engine.recorder.start(leg, who, commandId);
    return 1000;
  };
};

const playStart: Handler = (engine, p, check) => {
  const callId = check.str(p, 'call_id');
  const internalId = p.internal_id;
  if (internalId === undefined || internalId === null || internalId === '') check.fields.internal_id = 3103;
  else if (!Number.isFinite(Number(internalId))) check.fields.internal_id = 3104;
  const after = p.after_play_time === undefined ? 0 : Number(p.after_play_time);
  if (!Number.isFinite(after) || after < 0) check.fields.after_play_time = 3104;
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg) return 4101;
    const call = leg.call;
    // Only in a working window of an IVR or a queue (reference §2.6).
    const inWindow =
      call.waiting === leg &&
      ((leg.location === 'ivr' && call.ivr?.window === true) ||
        (leg.location === 'queue' && call.hunt !== undefined));
    if (!inWindow) return 4100;
    const audio = engine.office().audiofiles.find((a) => a.id === Number(internalId));
    if (!audio) return 3340;
    if (leg.location === 'ivr') playInIvr(engine, call, audio.duration_sec, after);
    return 1000;
  };
};

const route: Handler = (engine, p, check, commandId) => {
  const callId = check.str(p, 'call_id');
  const to = check.str(p, 'to_number');
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg) return 4101;
    const call = leg.call;
    const target = engine.resolveTarget(to!);
    call.activities += 1;
    try {
      if (leg.state === 'Appeared' && leg.hunt && leg.location === 'abonent') {
        // Interception of a ringing employee leg (reference §2.7): it ends with 1182.
        const spec = leg.hunt.spec;
        leg.hunt.cancel(1100, leg, 1182);
        engine.dial({
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
      engine.leaveQueue(call);
      if (call.ivr) for (const t of call.ivr.timers) engine.clock.clearTimeout(t);
      call.ivr = undefined;
      call.waiting = undefined;
      const from: CallPartyFrom = { taken_from_call_id: leg.call_id };
      if (call.caller.number !== undefined) from.number = call.caller.number;
      const spec: Parameters<CallEngine['dial']>[0] = {
        call,
        a: call.caller,
        from,
        target,
        commandId,
        allowQueue: true,
        onAnswered: () => {},
        onFailed: (reason) => engine.hangupCall(call, reason),
      };
      if (call.line_number !== undefined) spec.lineNumber = call.line_number;
      engine.dial(spec);
      // The IVR leg is handed over (reference §2.7, §6: 1100).
      engine.endLeg(leg, 1100);
      return 1000;
    } finally {
      call.activities -= 1;
      engine.maybeFinish(call);
    }
  };
};

const transfer: Handler = (engine, p, check, commandId) => {
  const callId = check.str(p, 'call_id');
  const method = check.str(p, 'method');
  if (method !== undefined && method !== 'blind' && method !== 'hold') check.fields.method = 3104;
  const to = check.str(p, 'to_number');
  const initiator = check.str(p, 'initiator');
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg) return 4101;
    if (leg.state !== 'Connected') return 4100;
    const side = sideOf(leg, initiator!);
    const initParty = side === 'from' ? leg.a : side === 'to' ? leg.b : undefined;
    // Only PBX employees may transfer (reference §2.8).
    if (!initParty?.employee) return 4100;
    const target = engine.resolveTarget(to!);
    const call = leg.call;
    if (method === 'hold') {
      engine.setHold(leg, true, side);
      const spec: Parameters<CallEngine['dial']>[0] = {
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
          if (!leg.ended && leg.state === 'OnHold') engine.setHold(leg, false);
        },
      };
      leg.consultHunt = engine.dial(spec);
      return 1000;
    }
    const remaining = side === 'from' ? leg.b : leg.a;
    const remainingWire = side === 'from' ? leg.to : leg.from;
    const from: CallPartyFrom = { taken_from_call_id: leg.call_id };
    if (remainingWire.extension !== undefined) from.extension = remainingWire.extension;
    if (remainingWire.number !== undefined) from.number = remainingWire.number;
    const rec = engine.recorder.detach(leg);
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
    engine.dial({
      ...base,
      target,
      transfer: 'blind',
      onAnswered: (l) => engine.recorder.attach(rec, l),
      onFailed: () => {
        // The target did not answer: the PBX calls the initiator back (reference §2.8, `return_blind`).
        engine.dial({
          ...base,
          target: {
            kind: 'employee',
            employee: initParty.employee!,
            ...(initParty.number ? { device: initParty.number } : {}),
          },
          transfer: 'return_blind',
          onAnswered: (l) => engine.recorder.attach(rec, l),
          onFailed: () => engine.recorder.abandon(rec),
        });
      },
    });
    engine.endLeg(leg, 1183, side);
    call.activities -= 1;
    engine.maybeFinish(call);
    return 1000;
  };
};

const callsConnect: Handler = (engine, p, check) => {
  const heldId = check.str(p, 'holded_call_id');
  check.str(p, 'transfer_initiator_number');
  const consultId = check.str(p, 'transferred_call_id');
  return () => {
    const held = liveLeg(engine, heldId!);
    const consult = liveLeg(engine, consultId!);
    if (!held || !consult) return 4101;
    if (held.call !== consult.call || held.state !== 'OnHold' || consult.state !== 'Connected') return 4100;
    if (held.consult !== consult) return 4100;
    engine.joinConsult(held, consult);
    return 1000;
  };
};

const transferCancel: Handler = (engine, p, check) => {
  const callId = check.str(p, 'call_id');
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg || (!leg.consult && !leg.consultHunt)) return 4101;
    engine.cancelConsult(leg, 1180);
    return 1000;
  };
};

const holdOn: Handler = (engine, p, check) => {
  const callId = check.str(p, 'call_id');
  const initiator = check.str(p, 'initiator');
  return () => {
    const leg = liveLeg(engine, callId!);
    if (!leg) return 4101;
    if (leg.state !== 'Connected') return 4100;
    const side = sideOf(leg, initiator!);
    const party = side === 'from' ? leg.a : side === 'to' ? leg.b : undefined;
    if (!party?.employee) return 4100;
    engine.setHold(leg, true, side);
    return 1000;
  };
};

const HANDLERS: Partial<Record<CommandName, Handler>> = {
  callback,
  callback_group: callbackGroup,
  'call/hangup': hangup,
  sms,
  'recording/start': recordingStart,
  'play/start': playStart,
  route,
  transfer,
  calls_connect: callsConnect,
  transfer_cancel: transferCancel,
  'call/hold/on': holdOn,
};
