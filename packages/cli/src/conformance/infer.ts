import { RESULT } from 'mangokit/protocol';
import {
  callSpan,
  type Json,
  num,
  obj,
  type RecordedCall,
  type RecordedLeg,
  type RecordedModel,
  str,
} from './model.js';
import { LEG_PARAMS, type Step } from './steps.js';

/** DISA waits this long after the last digit before it sends the packet (vendor default, reference §4.5). */
const DISA_WAIT_SEC = 5;
/** Prompts that only wait for the integrator or the caller last this long. */
const LONG_SEC = 3600;
/** After the last recorded notification, the engine runs this long for what is still pending. */
export const SETTLE_MS = 120_000;

/** The scenario to play: an office made of the recording's parties, and the outside world's steps. */
export interface Scenario {
  /** Clock start: the first recorded PBX time. */
  startMs: number;
  /** Play the engine until this PBX time. */
  endMs: number;
  /** An office description for the sandbox's `validateOffice`. */
  office: Json;
  /** Employees whose phones are driven by the steps (manual), by extension. */
  manual: string[];
  steps: Step[];
  /** What was inferred and how (for the report). */
  notes: string[];
  /** What the sandbox cannot play (reported; the comparison then shows it). */
  unplayable: string[];
}

interface EmployeeDraft {
  extension: string;
  numbers: string[];
  /** How its phone answers rings; `manual` = by the steps. */
  mode: 'manual' | 'busy' | 'dnd' | 'ccdnd';
  ringSec?: number;
  longestAnswerSec: number;
  record: boolean;
  simultaneous: boolean;
}

interface GroupDraft {
  extension: string;
  operators: string[];
  simultaneous: boolean;
  ringSec?: number;
  queue: boolean;
}

interface LineDraft {
  number: string;
  sip: boolean;
  scheme?: Json[];
  dct?: number;
}

function party(p: unknown): {
  extension?: string;
  number?: string;
  taken?: string;
  acd?: string;
  line?: string;
} {
  const o = obj(p);
  const out: { extension?: string; number?: string; taken?: string; acd?: string; line?: string } = {};
  const ext = str(o.extension);
  const number = str(o.number);
  const taken = str(o.taken_from_call_id);
  const acd = str(o.acd_group);
  const line = str(o.line_number);
  if (ext) out.extension = ext;
  if (number) out.number = number;
  if (taken) out.taken = taken;
  if (acd) out.acd = acd;
  if (line) out.line = line;
  return out;
}

function state(n: { payload: Json }): string {
  return str(n.payload.call_state) ?? '';
}

/** Builds the scenario of a recording: who did what, and the office they did it in. */
export function inferScenario(model: RecordedModel): Scenario {
  const steps: Step[] = [];
  const notes: string[] = [...model.timeNotes];
  const unplayable: string[] = [];
  const employees = new Map<string, EmployeeDraft>();
  const groups = new Map<string, GroupDraft>();
  const lines = new Map<string, LineDraft>();
  const customers = new Map<string, Json>();
  let forwardSip = false;
  let productId: number | undefined;

  const employee = (extension: string): EmployeeDraft => {
    let e = employees.get(extension);
    if (!e) {
      e = { extension, numbers: [], mode: 'manual', longestAnswerSec: 0, record: false, simultaneous: false };
      employees.set(extension, e);
    }
    return e;
  };
  const device = (extension: string, number: string | undefined) => {
    const e = employee(extension);
    if (number !== undefined && !e.numbers.includes(number)) e.numbers.push(number);
  };
  const line = (number: string): LineDraft => {
    let l = lines.get(number);
    if (!l) {
      l = { number, sip: number.startsWith('sip:') };
      lines.set(number, l);
    }
    return l;
  };
  const allLegs = model.calls.flatMap((c) => c.legs);
  const commandIds = new Set(
    model.exchanges.flatMap((x) => {
      try {
        const id = str((JSON.parse(x.request.form?.json ?? '{}') as Json).command_id);
        return id ? [id] : [];
      } catch {
        return [];
      }
    }),
  );

  // Parties first: every employee with the devices it was rung on or called from.
  for (const leg of allLegs) {
    for (const ev of leg.events) {
      const from = party(ev.payload.from);
      const to = party(ev.payload.to);
      if (from.extension) device(from.extension, from.number);
      if (to.extension) device(to.extension, to.number);
      if (to.line) line(to.line);
      if (str(ev.payload.sip_call_id)) forwardSip = true;
      const dct = obj(ev.payload.dct);
      const dctNumber = str(dct.number);
      const dctType = num(dct.type);
      if (dctNumber && (dctType === 1 || dctType === 2)) line(dctNumber).dct = dctType;
      if (to.acd && to.extension) {
        let g = groups.get(to.acd);
        if (!g) {
          g = { extension: to.acd, operators: [], simultaneous: false, queue: false };
          groups.set(to.acd, g);
        }
        if (!g.operators.includes(to.extension)) g.operators.push(to.extension);
      }
    }
  }
  for (const call of model.calls) {
    const s = call.summary?.payload;
    if (s) {
      const ln = str(s.line_number) ?? str(obj(s.to).line_number);
      if (ln) line(ln);
      const f = party(s.from);
      const t = party(s.to);
      if (f.extension) device(f.extension, f.number);
      if (t.extension && !groups.has(t.extension)) device(t.extension, t.number);
      if (str(s.sip_call_id)) forwardSip = true;
    }
    for (const r of call.recordings) {
      const ext = str(r.payload.extension);
      if (ext) employee(ext);
    }
    for (const r of call.recordAdded) productId ??= num(r.payload.product_id);
  }
  for (const l of lines.values()) if (forwardSip) l.sip = true;

  // Commands the integrator sent, from the recorded exchanges, on the PBX's clock.
  const exchangeCommands = new Map<string, Step>();
  for (const x of model.exchanges) {
    const m = /(?:^|\/)commands\/(.+)$/.exec(x.path);
    if (!m || x.response === undefined) continue;
    let params: Json;
    try {
      params = obj(JSON.parse(x.request.form?.json ?? '{}'));
    } catch {
      continue;
    }
    // On the PBX's clock, and after every notification that arrived before it (timestamps are
    // whole seconds: a command sent after a hang-up must not be played before it).
    const sent = Date.parse(x.at);
    const after = model.all
      .filter((n) => n.arrival <= sent)
      .reduce((max, n) => Math.max(max, n.ms + 1), Number.NEGATIVE_INFINITY);
    const step: Step = {
      kind: 'command',
      ms: Math.max(sent - model.offsetMs, after),
      name: m[1] as string,
      params,
    };
    const id = str(params.command_id);
    if (id) exchangeCommands.set(id, step);
    steps.push(step);
    const ext = str(obj(params.from).extension) ?? str(params.from_extension);
    if (ext) employee(ext);
  }
  const commandOf = (id: string | undefined): Step | undefined =>
    id === undefined ? undefined : exchangeCommands.get(id);
  /** Legs a recorded command moved (route, transfer, hangup name them by call_id). */
  const movedByCommand = new Set(
    [...exchangeCommands.values()].flatMap((s) =>
      s.kind === 'command' && typeof s.params.call_id === 'string' ? [s.params.call_id] : [],
    ),
  );

  for (const call of model.calls) inferCall(call);
  for (const other of model.others) {
    if (other.path === 'ping') steps.push({ kind: 'ping', ms: other.ms });
    else if (other.path === 'events/sms') {
      const id = str(other.payload.command_id);
      if (!commandOf(id))
        unplayable.push(
          `events/sms of command ${id ?? '?'}: the recording has no commands/sms request to send again`,
        );
    } else if (other.path.startsWith('result/') && other.path !== 'result/stats') {
      const id = str(other.payload.command_id);
      if (
        id &&
        !commandIds.has(id) &&
        !allLegs.some((l) => l.events.some((e) => str(e.payload.command_id) === id))
      ) {
        unplayable.push(
          `${other.path} of command ${id}: the recording has neither the command nor a call it made`,
        );
      }
    }
  }

  function inferCall(call: RecordedCall): void {
    const legs = [...call.legs].sort(
      (a, b) => (a.events[0]?.ms ?? 0) - (b.events[0]?.ms ?? 0) || a.order - b.order,
    );
    const origin = legs[0];
    if (!origin) {
      inferFromSummary(call);
      return;
    }
    const first = origin.events[0]!;
    const from = party(first.payload.from);
    const to = party(first.payload.to);
    const commandId = str(first.payload.command_id);
    const sip = legs.map((l) => str(l.events[0]?.payload.sip_call_id)).find((x) => x !== undefined);
    const recorded = commandOf(commandId);
    if (recorded && recorded.kind === 'command') {
      recorded.entry = call.entry;
      // Before its first leg, which happened within the second its timestamp names.
      recorded.ms = Math.min(recorded.ms, first.ms + 999);
      notes.push(`call ${call.order + 1} starts with the recorded commands/${recorded.name}`);
    } else if (commandId !== undefined && to.extension !== undefined) {
      // A callback: the initiator's phone rings first, then the number they call (reference §2.1).
      const second = legs.find((l) => party(l.events[0]?.payload.from).taken === origin.id);
      const target = second ? party(second.events[0]?.payload.to) : from;
      const toNumber = target.number ?? target.extension ?? from.number;
      if (toNumber === undefined)
        unplayable.push(`call ${call.order + 1}: a callback whose destination is not in the recording`);
      else {
        steps.push({
          kind: 'command',
          ms: first.ms,
          entry: call.entry,
          name: 'callback',
          params: { command_id: commandId, from: { extension: to.extension }, to_number: toNumber },
        });
        notes.push(
          `call ${call.order + 1}: a callback (its legs carry command ${commandId}; the request itself is not in the recording)`,
        );
      }
    } else if (commandId !== undefined) {
      unplayable.push(
        `call ${call.order + 1}: made by command ${commandId}, which the recording does not hold`,
      );
    } else if (from.extension !== undefined && !from.taken) {
      const t = to.extension ?? to.number;
      if (t === undefined)
        unplayable.push(`call ${call.order + 1}: an outgoing call to nobody the recording names`);
      else {
        const ln = call.summary ? str(call.summary.payload.line_number) : to.line;
        steps.push({
          kind: 'dial',
          ms: first.ms,
          entry: call.entry,
          extension: from.extension,
          to: to.extension !== undefined && to.number === undefined ? to.extension : (to.number ?? t),
          ...(ln ? { line: ln } : {}),
          ...(from.number ? { device: from.number } : {}),
        });
      }
    } else if (from.number !== undefined) {
      const ln = to.line ?? (call.summary ? str(call.summary.payload.line_number) : undefined) ?? to.number;
      if (ln === undefined)
        unplayable.push(`call ${call.order + 1}: an incoming call on no line the recording names`);
      else {
        const l = line(ln);
        if (!to.line)
          notes.push(`call ${call.order + 1}: the recording names no line; played as coming in on ${ln}`);
        l.scheme ??= schemeFor(call, legs);
        steps.push({
          kind: 'incoming',
          ms: first.ms,
          entry: call.entry,
          from: from.number,
          line: ln,
          ...(sip ? { sipCallId: sip } : {}),
        });
      }
    } else unplayable.push(`call ${call.order + 1}: its first leg names no caller`);
    for (const leg of legs) inferLeg(call, leg, legs);
    inferRecordings(call);
  }

  /** The scheme an incoming call's first leg shows: straight to an employee or group, or an IVR. */
  function schemeFor(call: RecordedCall, legs: RecordedLeg[]): Json[] {
    const origin = legs[0]!;
    const location = str(origin.events[0]?.payload.location);
    const targetNode = (leg: RecordedLeg | undefined): Json => {
      const t = party(leg?.events[0]?.payload.to);
      if (t.acd) return { id: 'target', type: 'group', group_id: groupId(t.acd) };
      if (t.extension) return { id: 'target', type: 'employee', extension: t.extension };
      if (t.number) return { id: 'target', type: 'number', number: t.number };
      return { id: 'target', type: 'hangup' };
    };
    if (location !== 'ivr') return [targetNode(origin)];
    const ended = origin.events.find((e) => state(e) === 'Disconnected');
    // Where the call went next: a leg taken from the IVR leg, or (the PBX's own hand-over names no
    // previous leg) the first leg without a command that appears before the IVR leg ends.
    const next =
      legs.find((l) => party(l.events[0]?.payload.from).taken === origin.id) ??
      legs.find(
        (l) =>
          l !== origin &&
          str(l.events[0]?.payload.command_id) === undefined &&
          (ended === undefined || l.events[0]!.ms <= ended.ms),
      );
    const routed =
      movedByCommand.has(origin.id) ||
      (next !== undefined && str(next.events[0]?.payload.command_id) !== undefined);
    const startMs = origin.events[0]!.ms;
    // Without a command, the scheme itself hands the call over (or ends it) when the recording shows.
    const handOver = next && !routed ? next.events[0]!.ms : ended ? ended.ms : startMs + LONG_SEC * 1000;
    const after: Json[] =
      next && !routed
        ? [targetNode(next)]
        : num(ended?.payload.disconnect_reason) === RESULT.ENDED_BY_SCHEME
          ? [{ id: 'target', type: 'hangup' }]
          : [];
    const afterId = after.length > 0 ? 'target' : undefined;
    const menuKey = call.dtmf.find((d) => str(d.payload.location) === 'ivr');
    const disa = call.dtmf.find((d) => /^ivr\.\d+$/.test(str(d.payload.location) ?? ''));
    if (menuKey || disa) {
      const key = disa
        ? (str(disa.payload.location) as string).slice(4)
        : (str(menuKey?.payload.dtmf) ?? '1').slice(0, 1);
      const nodes: Json[] = [
        {
          id: 'menu',
          type: 'menu',
          timeout_sec: LONG_SEC,
          items: { [key]: disa ? 'disa' : (afterId ?? 'wait') },
        },
      ];
      if (disa) {
        nodes.push({
          id: 'disa',
          type: 'disa',
          wait_sec: DISA_WAIT_SEC,
          max_digits: 99,
          timeout_sec: LONG_SEC,
          // Digits sent: wait for the integrator's route, then the scheme goes on (reference §2.7).
          next: afterId ?? 'wait',
        });
      }
      if (!afterId) nodes.push({ id: 'wait', type: 'play', audio_id: 1, duration_sec: LONG_SEC });
      nodes.push(...after);
      return nodes;
    }
    const waitSec = Math.max(1, Math.round((handOver - startMs) / 1000));
    // Handed over within its first second: the scheme goes straight to the target.
    if (afterId && handOver - startMs < 1000) return after;
    return [
      {
        id: 'wait',
        type: 'play',
        audio_id: 1,
        duration_sec: afterId ? waitSec : LONG_SEC,
        ...(afterId ? { next: afterId } : {}),
      },
      ...after,
    ];
  }

  function groupId(extension: string): number {
    return [...groups.keys()].indexOf(extension) + 1;
  }

  function inferLeg(call: RecordedCall, leg: RecordedLeg, legs: RecordedLeg[]): void {
    const events = leg.events;
    const first = events[0]!;
    const location = str(first.payload.location);
    const to = party(first.payload.to);
    const from = party(first.payload.from);
    const appearedMs = events.find((e) => state(e) === 'Appeared')?.ms ?? first.ms;
    // Commands that moved this leg: a route (a new leg taken from this one, with its own command).
    for (const next of legs) {
      const nf = party(next.events[0]?.payload.from);
      const nid = str(next.events[0]?.payload.command_id);
      if (nf.taken !== leg.id || nid === undefined || nid === str(first.payload.command_id) || commandOf(nid))
        continue;
      const nt = party(next.events[0]?.payload.to);
      const target = nt.acd ?? nt.extension ?? nt.number;
      if (target === undefined) continue;
      const endMs = events.find((e) => state(e) === 'Disconnected')?.ms ?? next.events[0]!.ms;
      steps.push({
        kind: 'command',
        ms: Math.min(endMs, next.events[0]!.ms),
        name: 'route',
        params: { command_id: nid, call_id: leg.id, to_number: target },
      });
      notes.push(
        `leg ${leg.id}: moved by commands/route ${nid} to ${target} (the request is not in the recording)`,
      );
    }
    // A consultation or transfer made from the phone: a new leg from an employee of this one,
    // started while this one is held.
    const holdAt = events.find((e) => state(e) === 'OnHold');
    const consult = holdAt
      ? legs.find((l) => {
          const f = party(l.events[0]?.payload.from);
          return (
            l !== leg &&
            l.events[0]!.ms >= holdAt.ms &&
            str(l.events[0]?.payload.command_id) === undefined &&
            f.extension !== undefined &&
            (f.extension === to.extension || f.extension === from.extension)
          );
        })
      : undefined;
    if (location === 'ivr' || location === 'queue') {
      const end = events.find((e) => state(e) === 'Disconnected');
      const reason = num(end?.payload.disconnect_reason);
      if (end && reason === RESULT.ENDED_BY_CALLER)
        steps.push({ kind: 'caller-hangup', ms: end.ms, entry: call.entry });
      if (location === 'queue') {
        const g = to.acd ? groups.get(to.acd) : undefined;
        if (g) g.queue = true;
      }
      if (location === 'ivr') for (const d of call.dtmf) pressFor(call, d);
      return;
    }
    if (to.extension && !to.acd) employee(to.extension);
    let talked = false;
    let held = false;
    let prev = 'none';
    for (const ev of events) {
      const st = state(ev);
      if (st === 'Appeared') {
        if (prev === 'none' && to.acd) {
          const g = groups.get(to.acd);
          if (
            g &&
            legs.some(
              (l) =>
                l !== leg && party(l.events[0]?.payload.to).acd === to.acd && l.events[0]!.ms === first.ms,
            )
          )
            g.simultaneous = true;
        }
      } else if (st === 'Connected') {
        if (!talked) {
          steps.push({ kind: 'answer', ms: ev.ms, leg: leg.id });
          if (to.extension) {
            const e = employee(to.extension);
            e.longestAnswerSec = Math.max(e.longestAnswerSec, (ev.ms - appearedMs) / 1000);
          }
          talked = true;
        } else if (held && !consult) steps.push({ kind: 'unhold', ms: ev.ms, leg: leg.id });
        held = false;
      } else if (st === 'OnHold') {
        held = true;
        if (consult) {
          const ct = party(consult.events[0]?.payload.to);
          const cf = party(consult.events[0]?.payload.from);
          steps.push({
            kind: 'transfer',
            ms: ev.ms,
            leg: leg.id,
            method: 'hold',
            to: ct.extension ?? ct.number ?? '',
            initiator: cf.extension ?? '',
          });
          notes.push(
            `leg ${leg.id}: ${cf.extension} consults ${ct.extension ?? ct.number} from the phone (played as a consultative transfer)`,
          );
        } else {
          const f = obj(ev.payload.from);
          const t = obj(ev.payload.to);
          const who =
            f.hold_initiator === true
              ? from.extension
              : t.hold_initiator === true
                ? to.extension
                : (to.extension ?? from.extension);
          if (who) steps.push({ kind: 'hold', ms: ev.ms, leg: leg.id, extension: who });
          else unplayable.push(`leg ${leg.id}: held by no employee the recording names`);
        }
      } else if (st === 'Disconnected') {
        disconnected(call, leg, ev, talked, held, consult, appearedMs);
      }
      prev = st;
    }
  }

  function disconnected(
    call: RecordedCall,
    leg: RecordedLeg,
    ev: RecordedLeg['events'][number],
    talked: boolean,
    held: boolean,
    consult: RecordedLeg | undefined,
    appearedMs: number,
  ): void {
    const reason = num(ev.payload.disconnect_reason);
    const to = party(leg.events[0]?.payload.to);
    const rung = to.extension && !to.acd ? employee(to.extension) : undefined;
    const customer = !to.extension && to.number ? to.number : undefined;
    const ringSec = Math.max(1, Math.round((ev.ms - appearedMs) / 1000));
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
        const g = to.acd ? groups.get(to.acd) : undefined;
        if (g) g.ringSec = Math.max(g.ringSec ?? 0, ringSec);
        if (customer) customers.set(customer, { onRing: 'never' });
        return;
      }
      case RESULT.BUSY:
        if (rung) rung.mode = 'busy';
        else if (customer) customers.set(customer, { onRing: 'busy' });
        return;
      case RESULT.REJECTED:
        steps.push({ kind: 'reject', ms: ev.ms, leg: leg.id });
        return;
      case RESULT.DO_NOT_DISTURB:
        if (rung) rung.mode = 'dnd';
        else if (customer) customers.set(customer, { onRing: 'dnd' });
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
        unplayable.push(
          `${label}: ends with ${reason ?? '?'}, which no move of a caller or an employee produces in the sandbox; played as the caller hanging up`,
        );
        steps.push(
          talked
            ? { kind: 'hangup', ms: ev.ms, leg: leg.id, side: 'from' }
            : { kind: 'caller-hangup', ms: ev.ms, entry: call.entry },
        );
    }
  }

  function pressFor(call: RecordedCall, d: RecordedCall['dtmf'][number]): void {
    const location = str(d.payload.location) ?? '';
    const digits = str(d.payload.dtmf) ?? '';
    if (location === 'ivr')
      steps.push({ kind: 'press', ms: d.ms, entry: call.entry, digits: digits.slice(0, 1) });
    else if (/^ivr\.\d+$/.test(location)) {
      const key = location.slice(4);
      const menu = call.dtmf.find((x) => str(x.payload.location) === 'ivr');
      const pressAt = d.ms - DISA_WAIT_SEC * 1000;
      if (!menu) steps.push({ kind: 'press', ms: pressAt - 1000, entry: call.entry, digits: key });
      steps.push({ kind: 'press', ms: Math.max(pressAt, (menu?.ms ?? 0) + 1), entry: call.entry, digits });
    } else unplayable.push(`events/dtmf at ${location}: only ivr and ivr.N are played`);
  }

  function inferRecordings(call: RecordedCall): void {
    for (const r of call.recordings) {
      if (str(r.payload.recording_state) !== 'Started') continue;
      const id = str(r.payload.command_id);
      const ext = str(r.payload.extension);
      if (id) {
        if (!commandOf(id)) {
          steps.push({
            kind: 'command',
            ms: r.ms,
            name: 'recording/start',
            params: { command_id: id, call_id: str(r.payload.call_id) ?? '', call_party_number: ext ?? '' },
          });
        }
      } else if (ext) {
        employee(ext).record = true;
        notes.push(`${ext}: records calls automatically (a recording started without a command)`);
      }
    }
  }

  /** A call the recording has only the summary of: its shape from the summary's times (reference §4.2). */
  function inferFromSummary(call: RecordedCall): void {
    const s = call.summary?.payload;
    if (!s) {
      unplayable.push(`call ${call.order + 1}: the recording has neither its events/call nor its summary`);
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
    notes.push(`call ${call.order + 1}: only its summary is recorded; played from its times`);
    if (direction === 1 && from.number && ln) {
      const l = line(ln);
      const target: Json = to.extension
        ? { id: 'target', type: groups.has(to.extension) ? 'group' : 'employee', extension: to.extension }
        : { id: 'target', type: 'hangup' };
      // Handed to the employee at forward_time; without one, the IVR ends the call at end_time.
      const waitSec = Math.max(1, Math.round(((to.extension ? forward || end : end) - create) / 1000));
      l.scheme ??= [{ id: 'wait', type: 'play', audio_id: 1, duration_sec: waitSec, next: 'target' }, target];
      steps.push({ kind: 'incoming', ms: create, entry: call.entry, from: from.number, line: ln });
      if (to.extension) {
        employee(to.extension);
        if (to.number) device(to.extension, to.number);
      }
    } else if ((direction === 2 || direction === 0) && from.extension && (to.number || to.extension)) {
      steps.push({
        kind: 'dial',
        ms: create,
        entry: call.entry,
        extension: from.extension,
        to: to.number ?? (to.extension as string),
        ...(ln ? { line: ln } : {}),
        ...(from.number ? { device: from.number } : {}),
      });
      if (to.number && !to.extension) customers.set(to.number, { onRing: 'never' });
    } else {
      unplayable.push(
        `call ${call.order + 1}: a summary of direction ${direction ?? '?'} without the parties to play it`,
      );
      return;
    }
    // The call's own leg is named by the entry: answer and hang-up act on whatever rings then.
    if (talk > 0) steps.push({ kind: 'answer', ms: talk, leg: `${call.entry}#abonent` });
    if (end > 0) {
      const reason = num(s.disconnect_reason);
      if (talk > 0 && reason === RESULT.ENDED_BY_CALLEE)
        steps.push({ kind: 'hangup', ms: end, leg: `${call.entry}#abonent`, side: 'to' });
      else if (talk > 0) steps.push({ kind: 'hangup', ms: end, leg: `${call.entry}#abonent`, side: 'from' });
      // 1170: the scheme itself ends the call (its hang-up node, at end_time).
      else if (reason !== RESULT.ENDED_BY_SCHEME)
        steps.push({ kind: 'caller-hangup', ms: end, entry: call.entry });
    }
  }

  // The office.
  const office: Json = {
    name: 'conformance',
    api_key: 'conformance',
    api_salt: 'conformance',
    ...(productId !== undefined ? { product_id: productId } : {}),
    employees: [...employees.values()].map((e, i) => {
      // A ring the recording timed out (1111) lasts as recorded; otherwise long enough for every
      // answer the recording shows, with room for the sandbox ringing earlier than recorded.
      const ring = e.ringSec ?? Math.max(60, Math.ceil(e.longestAnswerSec) + 30);
      const numbers = e.numbers.length > 0 ? e.numbers : [`sip:${e.extension}@conformance.mangosip.invalid`];
      return {
        user_id: i + 1,
        name: `Employee ${e.extension}`,
        extension: e.extension,
        // Every device rings at once only when the recording shows it; otherwise the main one.
        dial_alg: e.simultaneous ? 0 : 2,
        numbers: numbers.map((n, order) => ({
          number: n,
          protocol: n.startsWith('sip:') ? 'sip' : 'tel',
          order,
          wait_sec: ring,
          status: 'on',
        })),
        policy:
          e.mode === 'busy' ? { onRing: 'busy' } : e.mode === 'dnd' ? { onRing: 'dnd' } : { onRing: 'never' },
        ...(e.mode === 'ccdnd' ? { cc_status: 2, use_status: true } : { cc_status: 1, use_status: true }),
        recording: e.record ? 'all' : 'none',
      };
    }),
    groups: [...groups.values()].map((g, i) => ({
      id: i + 1,
      name: `Group ${g.extension}`,
      extension: g.extension,
      dial_alg_group: g.simultaneous ? 2 : 0,
      dial_alg_users: 2,
      operators: g.operators.map((ext, order) => ({
        id: [...employees.keys()].indexOf(ext) + 1,
        priority: 1,
        order,
      })),
      ring_sec: g.ringSec ?? 30,
      ...(g.queue ? { queue: { max_size: 50, max_wait_sec: LONG_SEC } } : {}),
    })),
    lines: [...lines.values()].map((l, i) => ({
      line_id: i + 1,
      number: l.number,
      region: l.sip ? 'sip' : '495',
      ...(l.scheme ? { schema_id: i + 1 } : {}),
    })),
    schemes: [...lines.values()].flatMap((l, i) =>
      l.scheme
        ? [{ schema_id: i + 1, name: `Line ${l.number}`, start: (l.scheme[0] as Json).id, nodes: l.scheme }]
        : [],
    ),
    audiofiles: [{ id: 1, name: 'prompt', duration_sec: LONG_SEC }],
    ...(forwardSip ? { forward_sip_call_id: true } : {}),
    call_tracking: [...lines.values()].flatMap((l) => (l.dct ? [{ number: l.number, type: l.dct }] : [])),
    customers: Object.fromEntries(customers),
    default_customer_policy: { onRing: 'never' },
  };
  const manual = [...employees.values()].filter((e) => e.mode === 'manual').map((e) => e.extension);

  const times = model.all.map((n) => n.ms).concat(steps.map((s) => s.ms));
  const startMs = times.length > 0 ? Math.min(...times) : Date.now();
  const endMs = (times.length > 0 ? Math.max(...times) : startMs) + SETTLE_MS;
  // Stable: same-time steps keep their inferred order (a call before its answer).
  const ordered = steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.ms - b.s.ms || a.i - b.i)
    .map((x) => x.s);
  for (const c of model.calls) {
    const span = callSpan(c);
    if (!Number.isFinite(span.start)) unplayable.push(`call ${c.order + 1}: no times to play it at`);
  }
  return { startMs, endMs, office, manual, steps: ordered, notes, unplayable };
}

/** Leg ids named by a step (for mapping); `ENTRY#abonent` names the entry's first abonent leg. */
export function stepLegs(step: Step): string[] {
  if ('leg' in step) return [step.leg];
  if (step.kind === 'command')
    return LEG_PARAMS.flatMap((k) => (typeof step.params[k] === 'string' ? [step.params[k] as string] : []));
  return [];
}
