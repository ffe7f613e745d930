import { RESULT } from 'mangokit/protocol';
import { num, type Party, party, type RecordedCall, type RecordedLeg, str } from '../model.js';
import type { Inference } from './inference.js';
import { inferLeg } from './legs.js';
import { incomingScheme, summaryScheme } from './schemes.js';

/**
 * The outside world's moves in one recorded call: how it started (a customer calling a line, an
 * employee dialling, the integrator's command), then the moves on each of its legs and the
 * recordings started without a command. A call with no leg is played from its summary.
 */
export function inferCall(inf: Inference, call: RecordedCall): void {
  const legs = [...call.legs].sort(
    (a, b) => (a.events[0]?.ms ?? 0) - (b.events[0]?.ms ?? 0) || a.order - b.order,
  );
  if (legs.length === 0) {
    inferFromSummary(inf, call);
    return;
  }
  inferStart(inf, call, legs);
  for (const leg of legs) inferLeg(inf, call, leg, legs);
  inferRecordings(inf, call);
}

/** How a call started, as its first leg (`legs[0]`) shows. */
function inferStart(inf: Inference, call: RecordedCall, legs: RecordedLeg[]): void {
  const first = legs[0]!.events[0]!;
  const from = party(first.payload.from);
  const to = party(first.payload.to);
  const commandId = str(first.payload.command_id);
  const recorded = inf.commands.of(commandId);
  if (recorded) {
    recorded.entry = call.entry;
    // Before its first leg, which happened within the second its timestamp names.
    recorded.ms = Math.min(recorded.ms, first.ms + 999);
    inf.notes.push(`call ${call.order + 1} starts with the recorded commands/${recorded.name}`);
  } else if (commandId !== undefined && to.extension !== undefined) {
    inferCallback(inf, call, legs, commandId, to.extension);
  } else if (commandId !== undefined) {
    inf.unplayable.push(
      `call ${call.order + 1}: made by command ${commandId}, which the recording does not hold`,
    );
  } else if (from.extension !== undefined && !from.taken) {
    inferDial(inf, call, first.ms, from.extension, from, to);
  } else if (from.number !== undefined) {
    inferIncoming(inf, call, legs, from.number, to);
  } else inf.unplayable.push(`call ${call.order + 1}: its first leg names no caller`);
}

/**
 * A callback whose request the recording does not hold (its legs carry the command's id): the
 * initiator's phone (`initiator`) rings first, then the number they call (reference §2.1).
 */
function inferCallback(
  inf: Inference,
  call: RecordedCall,
  legs: RecordedLeg[],
  commandId: string,
  initiator: string,
): void {
  const origin = legs[0]!;
  const first = origin.events[0]!;
  const from = party(first.payload.from);
  const second = legs.find((l) => party(l.events[0]?.payload.from).taken === origin.id);
  const target = second ? party(second.events[0]?.payload.to) : from;
  const toNumber = target.number ?? target.extension ?? from.number;
  if (toNumber === undefined) {
    inf.unplayable.push(`call ${call.order + 1}: a callback whose destination is not in the recording`);
    return;
  }
  inf.steps.push({
    kind: 'command',
    ms: first.ms,
    entry: call.entry,
    name: 'callback',
    params: { command_id: commandId, from: { extension: initiator }, to_number: toNumber },
  });
  inf.notes.push(
    `call ${call.order + 1}: a callback (its legs carry command ${commandId}; the request itself is not in the recording)`,
  );
}

/** An employee dialling from the phone: the number called, else the extension. */
function inferDial(
  inf: Inference,
  call: RecordedCall,
  ms: number,
  extension: string,
  from: Party,
  to: Party,
): void {
  const dialled = to.number ?? to.extension;
  if (dialled === undefined) {
    inf.unplayable.push(`call ${call.order + 1}: an outgoing call to nobody the recording names`);
    return;
  }
  const line = call.summary ? str(call.summary.payload.line_number) : to.line;
  inf.steps.push({
    kind: 'dial',
    ms,
    entry: call.entry,
    extension,
    to: dialled,
    ...(line ? { line } : {}),
    ...(from.number ? { device: from.number } : {}),
  });
}

/**
 * A customer calling a line (the one the leg or the summary names, else the number called), whose
 * scheme is what the call's legs show it did.
 */
function inferIncoming(
  inf: Inference,
  call: RecordedCall,
  legs: RecordedLeg[],
  caller: string,
  to: Party,
): void {
  const first = legs[0]!.events[0]!;
  const number = to.line ?? (call.summary ? str(call.summary.payload.line_number) : undefined) ?? to.number;
  if (number === undefined) {
    inf.unplayable.push(`call ${call.order + 1}: an incoming call on no line the recording names`);
    return;
  }
  const line = inf.office.line(number);
  if (!to.line)
    inf.notes.push(`call ${call.order + 1}: the recording names no line; played as coming in on ${number}`);
  line.scheme ??= incomingScheme(call, legs, inf.office, inf.commands.movedLegs);
  const sip = legs.map((l) => str(l.events[0]?.payload.sip_call_id)).find((x) => x !== undefined);
  inf.steps.push({
    kind: 'incoming',
    ms: first.ms,
    entry: call.entry,
    from: caller,
    line: number,
    ...(sip ? { sipCallId: sip } : {}),
  });
}

/**
 * Recordings started: by a command the recording does not hold (played as that command), or
 * without one (the employee records calls automatically).
 */
function inferRecordings(inf: Inference, call: RecordedCall): void {
  for (const r of call.recordings) {
    if (str(r.payload.recording_state) !== 'Started') continue;
    const id = str(r.payload.command_id);
    const ext = str(r.payload.extension);
    if (id) {
      if (!inf.commands.of(id)) {
        inf.steps.push({
          kind: 'command',
          ms: r.ms,
          name: 'recording/start',
          params: { command_id: id, call_id: str(r.payload.call_id) ?? '', call_party_number: ext ?? '' },
        });
      }
    } else if (ext) {
      inf.office.employee(ext).record = true;
      inf.notes.push(`${ext}: records calls automatically (a recording started without a command)`);
    }
  }
}

/** A call the recording has only the summary of: its shape from the summary's times (reference §4.2). */
function inferFromSummary(inf: Inference, call: RecordedCall): void {
  const s = call.summary?.payload;
  if (!s) {
    inf.unplayable.push(`call ${call.order + 1}: the recording has neither its events/call nor its summary`);
    return;
  }
  const direction = num(s.call_direction);
  const from = party(s.from);
  const to = party(s.to);
  const create = (num(s.create_time) ?? 0) * 1000;
  const forward = (num(s.forward_time) ?? 0) * 1000;
  const talk = (num(s.talk_time) ?? 0) * 1000;
  const end = (num(s.end_time) ?? 0) * 1000;
  const ln = str(s.line_number);
  inf.notes.push(`call ${call.order + 1}: only its summary is recorded; played from its times`);
  if (direction === 1 && from.number && ln) {
    const line = inf.office.line(ln);
    // Handed to the employee at forward_time; without one, the IVR ends the call at end_time.
    const waitSec = Math.max(1, Math.round(((to.extension ? forward || end : end) - create) / 1000));
    line.scheme ??= summaryScheme(inf.office, to.extension, waitSec);
    inf.steps.push({ kind: 'incoming', ms: create, entry: call.entry, from: from.number, line: ln });
    if (to.extension) {
      inf.office.employee(to.extension);
      if (to.number) inf.office.device(to.extension, to.number);
    }
  } else if ((direction === 2 || direction === 0) && from.extension && (to.number || to.extension)) {
    inf.steps.push({
      kind: 'dial',
      ms: create,
      entry: call.entry,
      extension: from.extension,
      to: to.number ?? (to.extension as string),
      ...(ln ? { line: ln } : {}),
      ...(from.number ? { device: from.number } : {}),
    });
    if (to.number && !to.extension) inf.office.customers.set(to.number, { onRing: 'never' });
  } else {
    inf.unplayable.push(
      `call ${call.order + 1}: a summary of direction ${direction ?? '?'} without the parties to play it`,
    );
    return;
  }
  // The call's own leg is named by the entry: answer and hang-up act on whatever rings then.
  const leg = `${call.entry}#abonent`;
  if (talk > 0) inf.steps.push({ kind: 'answer', ms: talk, leg });
  if (end > 0) {
    const reason = num(s.disconnect_reason);
    if (talk > 0 && reason === RESULT.ENDED_BY_CALLEE)
      inf.steps.push({ kind: 'hangup', ms: end, leg, side: 'to' });
    else if (talk > 0) inf.steps.push({ kind: 'hangup', ms: end, leg, side: 'from' });
    // 1170: the scheme itself ends the call (its hang-up node, at end_time).
    else if (reason !== RESULT.ENDED_BY_SCHEME)
      inf.steps.push({ kind: 'caller-hangup', ms: end, entry: call.entry });
  }
}
