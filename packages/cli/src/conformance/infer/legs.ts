import { RESULT } from 'mangokit/protocol';
import {
  callState,
  type Note,
  num,
  obj,
  type Party,
  party,
  type RecordedCall,
  type RecordedLeg,
  str,
} from '../model.js';
import type { Inference } from './inference.js';
import { DISA_WAIT_SEC } from './schemes.js';

/** A leg that rings someone, with what its first event says, as the moves on it are read. */
interface RingingLeg {
  call: RecordedCall;
  leg: RecordedLeg;
  from: Party;
  to: Party;
  /** When it started ringing. */
  appearedMs: number;
  /** A leg an employee of this one started from the phone while this one was held: a consultation. */
  consult: RecordedLeg | undefined;
}

/**
 * The outside world's moves on one leg of a call (`legs`: the call's, by start): the commands that
 * moved it without the recording holding them; on an IVR or queue leg, the caller's keys and
 * hang-up; on a leg that rings someone, the answer, holds, consultations and how it ended.
 */
export function inferLeg(inf: Inference, call: RecordedCall, leg: RecordedLeg, legs: RecordedLeg[]): void {
  inferUnrecordedRoutes(inf, leg, legs);
  const location = str(leg.events[0]!.payload.location);
  if (location === 'ivr' || location === 'queue') {
    // The call's key presses are the caller's, played once: on its first IVR leg.
    const firstIvr = legs.find((l) => str(l.events[0]!.payload.location) === 'ivr');
    inferWaitingLeg(inf, call, leg, location, firstIvr === leg);
  } else inferRingingLeg(inf, call, leg, legs);
}

/**
 * Routes whose request the recording does not hold: a new leg taken from this one, with a command
 * of its own, is played as a `commands/route` to where that leg went.
 */
function inferUnrecordedRoutes(inf: Inference, leg: RecordedLeg, legs: RecordedLeg[]): void {
  const first = leg.events[0]!;
  for (const next of legs) {
    const nextFirst = next.events[0];
    const id = str(nextFirst?.payload.command_id);
    if (
      party(nextFirst?.payload.from).taken !== leg.id ||
      id === undefined ||
      id === str(first.payload.command_id) ||
      inf.commands.of(id)
    )
      continue;
    const to = party(nextFirst?.payload.to);
    const target = to.acd ?? to.extension ?? to.number;
    if (target === undefined) continue;
    const endMs = leg.events.find((e) => callState(e) === 'Disconnected')?.ms ?? next.events[0]!.ms;
    inf.steps.push({
      kind: 'command',
      ms: Math.min(endMs, next.events[0]!.ms),
      name: 'route',
      params: { command_id: id, call_id: leg.id, to_number: target },
    });
    inf.notes.push(
      `leg ${leg.id}: moved by commands/route ${id} to ${target} (the request is not in the recording)`,
    );
  }
}

/** A caller in the IVR or a queue: their hang-up, their keys in the IVR; a queue marks its group. */
function inferWaitingLeg(
  inf: Inference,
  call: RecordedCall,
  leg: RecordedLeg,
  location: 'ivr' | 'queue',
  /** Whether this leg plays the call's key presses (its first IVR leg). */
  pressesHere: boolean,
): void {
  const end = leg.events.find((e) => callState(e) === 'Disconnected');
  if (end && num(end.payload.disconnect_reason) === RESULT.ENDED_BY_CALLER)
    inf.steps.push({ kind: 'caller-hangup', ms: end.ms, entry: call.entry });
  if (location === 'queue') {
    const acd = party(leg.events[0]!.payload.to).acd;
    const g = acd ? inf.office.groups.get(acd) : undefined;
    if (g) g.queue = true;
  }
  if (location === 'ivr' && pressesHere) for (const d of call.dtmf) inferPress(inf, call, d);
}

/** A key press in the IVR menu (`ivr`) or digits sent to DISA (`ivr.N`, N the menu key that led there). */
function inferPress(inf: Inference, call: RecordedCall, d: Note): void {
  const location = str(d.payload.location) ?? '';
  const digits = str(d.payload.dtmf) ?? '';
  if (location === 'ivr') {
    inf.steps.push({ kind: 'press', ms: d.ms, entry: call.entry, digits: digits.slice(0, 1) });
  } else if (/^ivr\.\d+$/.test(location)) {
    // DISA reports its digits DISA_WAIT_SEC after the last one; the menu key that led there comes
    // first (pressed a second earlier when the recording does not show it).
    const key = location.slice(4);
    const menu = call.dtmf.find((x) => str(x.payload.location) === 'ivr');
    const pressAt = d.ms - DISA_WAIT_SEC * 1000;
    if (!menu) inf.steps.push({ kind: 'press', ms: pressAt - 1000, entry: call.entry, digits: key });
    inf.steps.push({ kind: 'press', ms: Math.max(pressAt, (menu?.ms ?? 0) + 1), entry: call.entry, digits });
  } else inf.unplayable.push(`events/dtmf at ${location}: only ivr and ivr.N are played`);
}

/** A leg that rings an employee, a group's operator or a number: its answer, holds, consultation, end. */
function inferRingingLeg(inf: Inference, call: RecordedCall, leg: RecordedLeg, legs: RecordedLeg[]): void {
  const first = leg.events[0]!;
  const from = party(first.payload.from);
  const to = party(first.payload.to);
  const ringing: RingingLeg = {
    call,
    leg,
    from,
    to,
    appearedMs: leg.events.find((e) => callState(e) === 'Appeared')?.ms ?? first.ms,
    consult: consultationOf(leg, legs, from, to),
  };
  if (to.extension && !to.acd) inf.office.employee(to.extension);
  // Another leg of the same group appearing at the same time: the group rings its operators at once.
  if (callState(first) === 'Appeared' && to.acd) {
    const g = inf.office.groups.get(to.acd);
    if (
      g &&
      legs.some(
        (l) => l !== leg && party(l.events[0]?.payload.to).acd === to.acd && l.events[0]!.ms === first.ms,
      )
    )
      g.simultaneous = true;
  }
  let talked = false;
  let held = false;
  for (const ev of leg.events) {
    const st = callState(ev);
    if (st === 'Connected') {
      if (!talked) {
        inf.steps.push({ kind: 'answer', ms: ev.ms, leg: leg.id });
        if (to.extension) {
          const e = inf.office.employee(to.extension);
          e.longestAnswerSec = Math.max(e.longestAnswerSec, (ev.ms - ringing.appearedMs) / 1000);
        }
        talked = true;
      } else if (held && !ringing.consult) inf.steps.push({ kind: 'unhold', ms: ev.ms, leg: leg.id });
      held = false;
    } else if (st === 'OnHold') {
      held = true;
      inferHold(inf, ringing, ev);
    } else if (st === 'Disconnected') {
      inferEnd(inf, ringing, ev, talked, held);
    }
  }
}

/**
 * A consultation or transfer made from the phone: a new leg, without a command, from an employee
 * of this one, started once this one is held.
 */
function consultationOf(
  leg: RecordedLeg,
  legs: RecordedLeg[],
  from: Party,
  to: Party,
): RecordedLeg | undefined {
  const holdAt = leg.events.find((e) => callState(e) === 'OnHold');
  if (!holdAt) return undefined;
  return legs.find((l) => {
    const f = party(l.events[0]?.payload.from);
    return (
      l !== leg &&
      l.events[0]!.ms >= holdAt.ms &&
      str(l.events[0]?.payload.command_id) === undefined &&
      f.extension !== undefined &&
      (f.extension === to.extension || f.extension === from.extension)
    );
  });
}

/** The leg put on hold: by the employee the event names, or to consult someone from the phone. */
function inferHold(inf: Inference, ringing: RingingLeg, ev: Note): void {
  const { leg, consult, from, to } = ringing;
  if (consult) {
    const ct = party(consult.events[0]?.payload.to);
    const cf = party(consult.events[0]?.payload.from);
    inf.steps.push({
      kind: 'transfer',
      ms: ev.ms,
      leg: leg.id,
      method: 'hold',
      to: ct.extension ?? ct.number ?? '',
      initiator: cf.extension ?? '',
    });
    inf.notes.push(
      `leg ${leg.id}: ${cf.extension} consults ${ct.extension ?? ct.number} from the phone (played as a consultative transfer)`,
    );
    return;
  }
  const who =
    obj(ev.payload.from).hold_initiator === true
      ? from.extension
      : obj(ev.payload.to).hold_initiator === true
        ? to.extension
        : (to.extension ?? from.extension);
  if (who) inf.steps.push({ kind: 'hold', ms: ev.ms, leg: leg.id, extension: who });
  else inf.unplayable.push(`leg ${leg.id}: held by no employee the recording names`);
}

/**
 * How a ringing leg ended (`ev`, its Disconnected), by its `disconnect_reason` (reference §5): a
 * hang-up or rejection by either side, a ring timing out, a busy or "do not disturb" phone (the
 * office then answers so), a hang-up by the API, or the PBX's own hand-over.
 */
function inferEnd(inf: Inference, ringing: RingingLeg, ev: Note, talked: boolean, held: boolean): void {
  const { call, leg, to, consult } = ringing;
  const { steps, notes } = inf;
  const reason = num(ev.payload.disconnect_reason);
  const rung = to.extension && !to.acd ? inf.office.employee(to.extension) : undefined;
  const customer = !to.extension && to.number ? to.number : undefined;
  const ringSec = Math.max(1, Math.round((ev.ms - ringing.appearedMs) / 1000));
  const label = `leg ${leg.id}`;
  if (held && consult) {
    // The initiator hangs up the consultation: the held party is joined to the target.
    const cf = party(consult.events[0]?.payload.from);
    if (cf.extension)
      steps.push({ kind: 'employee-hangup', ms: ev.ms, leg: consult.id, extension: cf.extension });
    return;
  }
  switch (reason) {
    case RESULT.SUCCESS:
    case RESULT.ENDED_NORMALLY:
      if (reason === RESULT.ENDED_NORMALLY && talked) {
        steps.push({ kind: 'hangup', ms: ev.ms, leg: leg.id, side: 'from' });
        notes.push(`${label}: ended 1100 while talking; played as its caller hanging up`);
      }
      return; // otherwise handed over (a callback's first leg, an IVR leg): the PBX's doing
    case RESULT.ENDED_BY_CALLER:
      if (talked) steps.push({ kind: 'hangup', ms: ev.ms, leg: leg.id, side: 'from' });
      else steps.push({ kind: 'caller-hangup', ms: ev.ms, entry: call.entry });
      return;
    case RESULT.ENDED_BY_CALLEE:
      if (talked) steps.push({ kind: 'hangup', ms: ev.ms, leg: leg.id, side: 'to' });
      else steps.push({ kind: 'reject', ms: ev.ms, leg: leg.id });
      return;
    case RESULT.NO_ANSWER: {
      if (rung) rung.ringSec = Math.max(rung.ringSec ?? 0, ringSec);
      const g = to.acd ? inf.office.groups.get(to.acd) : undefined;
      if (g) g.ringSec = Math.max(g.ringSec ?? 0, ringSec);
      if (customer) inf.office.customers.set(customer, { onRing: 'never' });
      return;
    }
    case RESULT.BUSY:
      if (rung) rung.mode = 'busy';
      else if (customer) inf.office.customers.set(customer, { onRing: 'busy' });
      return;
    case RESULT.REJECTED:
      steps.push({ kind: 'reject', ms: ev.ms, leg: leg.id });
      return;
    case RESULT.DO_NOT_DISTURB:
      if (rung) rung.mode = 'dnd';
      else if (customer) inf.office.customers.set(customer, { onRing: 'dnd' });
      return;
    case RESULT.CC_DO_NOT_DISTURB:
      if (rung) {
        rung.mode = 'ccdnd';
        notes.push(
          `${to.extension}: a Contact-Center user in "do not disturb" (the recording ends its ring with 1124, reference §5)`,
        );
      }
      return;
    case RESULT.ENDED_BY_API: {
      const hangup = steps.find(
        (s) => s.kind === 'command' && s.name === 'call/hangup' && s.params.call_id === leg.id,
      );
      if (!hangup)
        steps.push({
          kind: 'command',
          ms: ev.ms,
          name: 'call/hangup',
          params: { command_id: `hangup-${leg.id}`, call_id: leg.id },
        });
      return;
    }
    case RESULT.INTERCEPTED:
    case RESULT.NEW_OPERATOR_ASSIGNED:
      return; // a route or a transfer moved the call: the PBX's doing
    default:
      inf.unplayable.push(
        `${label}: ends with ${reason ?? '?'}, which no move of a caller or an employee produces in the sandbox; played as the caller hanging up`,
      );
      steps.push(
        talked
          ? { kind: 'hangup', ms: ev.ms, leg: leg.id, side: 'from' }
          : { kind: 'caller-hangup', ms: ev.ms, entry: call.entry },
      );
  }
}
