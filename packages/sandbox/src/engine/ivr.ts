import type { DtmfEventPayload } from 'mangokit';
import type { ForwardingRule, PhonePolicy, Scheme, SchemeNode } from '../office/types.js';
import type { CallEngine } from './engine.js';
import type { Call, IvrState, Party, Target } from './model.js';

/** A scripted caller presses keys this long after a menu or DISA starts waiting. */
const PRESS_AFTER_MS = 2000;
/** After DISA digits are sent, the call waits this long for a `commands/route` before going on (reference §2.7). */
const ROUTE_GRACE_MS = 3000;

/** Thrown when an action is not possible in the call's current state (control API: 409). */
export class CallStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallStateError';
  }
}

/**
 * Starts an incoming call: a customer dials a line; black/white lists and forwarding rules by
 * caller number apply first (reference §3.6.4, §3.7), then the line's scheme runs.
 */
export function startIncoming(
  engine: CallEngine,
  from: string,
  lineNumber?: string,
  policy?: PhonePolicy,
): { entry_id: string; call_id: string } {
  const office = engine.office();
  const line =
    lineNumber === undefined
      ? office.lines[0]
      : office.lines.find((l) => l.number === lineNumber || l.name === lineNumber);
  if (!line)
    throw new CallStateError(lineNumber === undefined ? 'the office has no line' : `no line ${lineNumber}`);
  const caller = engine.customer(from, policy);
  // A call-tracking line marks every notification of the call (reference §4.1 `dct`).
  const tracking = office.call_tracking?.find((t) => t.number === line.number);
  const call = engine.newCall({
    direction: 1,
    caller,
    from: { number: from },
    to: { number: line.number },
    line_number: line.number,
    ...(tracking ? { dct: { number: tracking.number, type: tracking.type } } : {}),
  });
  const pbx: Party = { kind: 'pbx', policy: { onRing: 'answer' } };
  const leg = engine.newLeg(call, {
    location: 'ivr',
    a: caller,
    b: pbx,
    from: { number: from },
    to: { number: line.number, line_number: line.number },
  });
  leg.handoverReason = 1100;
  call.waiting = leg;
  const ids = { entry_id: call.entry_id, call_id: leg.call_id };

  const blocked = listBlock(engine, from);
  if (blocked) {
    engine.endLeg(leg, blocked);
    return ids;
  }
  const abandon = caller.policy.abandonAfterSec;
  if (abandon !== undefined) {
    call.timers.push(
      engine.later(abandon * 1000, () => {
        if (!call.answered) engine.hangupCall(call, 1110);
      }),
    );
  }
  const rule = office.forwarding_rules.find((r) => r.status === 1 && r.client_phone_number === from);
  const forward = rule ? ruleTarget(engine, rule) : undefined;
  if (forward) {
    dialFromIvr(engine, call, forward, undefined);
    return ids;
  }
  const scheme = office.schemes.find((s) => s.schema_id === line.schema_id);
  if (!scheme) {
    engine.hangupCall(call, 1171);
    return ids;
  }
  call.ivr = {
    schemaId: scheme.schema_id,
    nodeId: scheme.start,
    timers: [],
    window: false,
    digits: '',
    scriptedDigits: engine.policyOf(caller) ? (caller.policy.digits ?? '') : '',
    dtmfSeq: 0,
  };
  runNode(engine, call, scheme.start);
  return ids;
}

/** 1151 blacklisted, 1152 not whitelisted (reference §3.7, §5); undefined = let in. */
function listBlock(engine: CallEngine, from: string): number | undefined {
  const lists = engine.office().bwlists;
  if (lists.active === 'black') {
    return lists.black.numbers.some((n) => n.number === from) ? 1151 : undefined;
  }
  return lists.white.numbers.some((n) => n.number === from) ? undefined : 1152;
}

function ruleTarget(engine: CallEngine, rule: ForwardingRule): Target | undefined {
  if (rule.forward_type === 'user' && rule.forward_to_user) {
    const emp = engine.employeeById(rule.forward_to_user.forward_user_id);
    return emp ? { kind: 'employee', employee: emp } : undefined;
  }
  if (rule.forward_type === 'group' && rule.forward_to_group) {
    const group = engine.office().groups.find((g) => g.id === rule.forward_to_group?.forward_group_id);
    return group ? { kind: 'group', group } : undefined;
  }
  if (rule.forward_type === 'ext_forward' && rule.forward_to_ext) {
    return { kind: 'number', number: rule.forward_to_ext.forward_number };
  }
  return undefined;
}

function schemeOf(engine: CallEngine, ivr: IvrState): Scheme | undefined {
  return engine.office().schemes.find((s) => s.schema_id === ivr.schemaId);
}

function clearIvrTimers(engine: CallEngine, ivr: IvrState): void {
  for (const t of ivr.timers) engine.clock.clearTimeout(t);
  ivr.timers = [];
}

function ivrTimer(engine: CallEngine, call: Call, ms: number, fn: () => void): void {
  const ivr = call.ivr;
  if (!ivr) return;
  ivr.timers.push(
    engine.later(ms, () => {
      if (call.ivr === ivr && !call.ended) fn();
    }),
  );
}

/** Makes sure the customer sits in an `ivr` leg (after a queue, a new one appears). */
function ensureIvrLeg(engine: CallEngine, call: Call, handoverReason: number): void {
  const old = call.waiting;
  if (old && old.location === 'ivr') return;
  const line = call.line_number;
  const from: Record<string, string> = { number: call.caller.number ?? '' };
  if (old) from.taken_from_call_id = old.call_id;
  const leg = engine.newLeg(call, {
    location: 'ivr',
    a: call.caller,
    b: { kind: 'pbx', policy: { onRing: 'answer' } },
    from,
    to: line === undefined ? {} : { number: line, line_number: line },
  });
  leg.handoverReason = 1100;
  call.waiting = leg;
  if (old) engine.endLeg(old, handoverReason);
}

/** Runs one scheme node. `handoverReason` ends a queue leg the customer leaves for an IVR node. */
export function runNode(
  engine: CallEngine,
  call: Call,
  nodeId: string,
  viaKey?: string,
  handoverReason = 1100,
): void {
  const ivr = call.ivr;
  if (!ivr || call.ended) return;
  const scheme = schemeOf(engine, ivr);
  const node = scheme?.nodes.find((n) => n.id === nodeId);
  clearIvrTimers(engine, ivr);
  if (!node) {
    engine.hangupCall(call, 1171);
    return;
  }
  ivr.nodeId = node.id;
  ivr.window = false;
  ivr.kind = undefined;
  if (viaKey !== undefined) ivr.viaKey = viaKey;
  switch (node.type) {
    case 'play':
      ensureIvrLeg(engine, call, handoverReason);
      ivr.window = true;
      ivr.kind = 'play';
      ivrTimer(engine, call, node.duration_sec * 1000, () => next(engine, call, node.next));
      return;
    case 'menu':
    case 'disa':
      ensureIvrLeg(engine, call, handoverReason);
      ivr.window = true;
      ivr.kind = node.type;
      ivr.digits = '';
      armInput(engine, call, node, 0);
      if (ivr.scriptedDigits) {
        ivrTimer(engine, call, PRESS_AFTER_MS, () => {
          const digits =
            node.type === 'menu'
              ? ivr.scriptedDigits.slice(0, 1)
              : ivr.scriptedDigits.slice(0, node.max_digits);
          ivr.scriptedDigits = ivr.scriptedDigits.slice(digits.length);
          press(engine, call, digits);
        });
      }
      return;
    case 'group': {
      const group = engine.office().groups.find((g) => g.id === node.group_id);
      if (group) dialFromIvr(engine, call, { kind: 'group', group }, node.fallback);
      else engine.hangupCall(call, 1171);
      return;
    }
    case 'employee': {
      const emp = engine.employeeByExtension(node.extension);
      if (emp) dialFromIvr(engine, call, { kind: 'employee', employee: emp }, node.fallback);
      else engine.hangupCall(call, 1171);
      return;
    }
    case 'number':
      dialFromIvr(engine, call, { kind: 'number', number: node.number }, node.fallback);
      return;
    case 'hangup':
      engine.hangupCall(call, 1170);
      return;
  }
}

function next(engine: CallEngine, call: Call, nodeId: string | undefined): void {
  if (nodeId === undefined) engine.hangupCall(call, 1170);
  else runNode(engine, call, nodeId);
}

/** Arms the "no input" timeout of a menu or DISA; `extraMs` extends it (play/start). */
function armInput(engine: CallEngine, call: Call, node: SchemeNode, extraMs: number): void {
  if (node.type !== 'menu' && node.type !== 'disa') return;
  const audio =
    node.audio_id === undefined ? undefined : engine.office().audiofiles.find((a) => a.id === node.audio_id);
  const ms = ((audio?.duration_sec ?? 0) + node.timeout_sec) * 1000 + extraMs;
  ivrTimer(engine, call, ms, () => next(engine, call, node.timeout));
}

/** The customer (still in the IVR) is handed to an employee, a group or a number. */
export function dialFromIvr(
  engine: CallEngine,
  call: Call,
  target: Target,
  fallback: string | undefined,
): void {
  const from: Record<string, string> = {};
  if (call.caller.number !== undefined) from.number = call.caller.number;
  const spec: Parameters<CallEngine['dial']>[0] = {
    call,
    a: call.caller,
    from,
    target,
    allowQueue: true,
    onAnswered: () => {
      if (call.ivr) clearIvrTimers(engine, call.ivr);
      call.ivr = undefined;
    },
    onFailed: (reason) => {
      if (fallback !== undefined && call.ivr && !call.ended)
        runNode(engine, call, fallback, undefined, reason);
      else engine.hangupCall(call, reason);
    },
  };
  if (call.line_number !== undefined) spec.lineNumber = call.line_number;
  engine.dial(spec);
}

/**
 * Keys pressed by the caller: a menu takes one key and moves on (the rest goes to the next
 * node); a DISA collects digits (`*` clears) and sends one `events/dtmf` packet when `wait_sec`
 * passes after the last key or `max_digits` is reached (reference §4.5).
 */
export function press(engine: CallEngine, call: Call, digits: string): void {
  const ivr = call.ivr;
  if (!ivr?.window || (ivr.kind !== 'menu' && ivr.kind !== 'disa')) {
    throw new CallStateError('the call is not waiting for keys (no IVR menu or DISA is active)');
  }
  if (!/^[0-9*#]+$/.test(digits)) throw new CallStateError('digits may hold only 0-9, * and #');
  const node = schemeOf(engine, ivr)?.nodes.find((n) => n.id === ivr.nodeId);
  if (!node) return;
  if (node.type === 'menu') {
    const key = digits[0]!;
    dtmf(engine, call, key);
    const target = node.items[key];
    if (target === undefined) return;
    runNode(engine, call, target, key);
    const rest = digits.slice(1);
    if (rest && call.ivr?.window && (call.ivr.kind === 'menu' || call.ivr.kind === 'disa'))
      press(engine, call, rest);
    return;
  }
  if (node.type !== 'disa') return;
  for (const d of digits) {
    if (d === '*') ivr.digits = '';
    else ivr.digits += d;
    if (ivr.digits.length >= node.max_digits) break;
  }
  clearIvrTimers(engine, ivr);
  if (ivr.digits.length >= node.max_digits) {
    disaComplete(engine, call, node);
    return;
  }
  ivrTimer(engine, call, node.wait_sec * 1000, () => disaComplete(engine, call, node));
}

function disaComplete(engine: CallEngine, call: Call, node: Extract<SchemeNode, { type: 'disa' }>): void {
  const ivr = call.ivr;
  if (!ivr) return;
  clearIvrTimers(engine, ivr);
  if (ivr.digits === '') {
    armInput(engine, call, node, 0);
    return;
  }
  dtmf(engine, call, ivr.digits);
  ivr.digits = '';
  ivr.kind = undefined;
  // Still a window: the integrator may route or play while the caller "please waits".
  ivrTimer(engine, call, ROUTE_GRACE_MS, () => next(engine, call, node.next ?? node.timeout));
}

function dtmf(engine: CallEngine, call: Call, digits: string): void {
  const ivr = call.ivr;
  const leg = call.waiting;
  if (!ivr || !leg) return;
  ivr.dtmfSeq += 1;
  const payload: DtmfEventPayload = {
    seq: ivr.dtmfSeq,
    dtmf: digits,
    timestamp: engine.now(),
    call_id: leg.call_id,
    entry_id: call.entry_id,
    // The position where the digits were collected: `ivr`, or `ivr.N` after menu key N (reference §4.5).
    location: ivr.viaKey === undefined ? 'ivr' : `ivr.${ivr.viaKey}`,
    initiator: call.caller.number ?? '',
  };
  if (call.caller.number !== undefined) payload.from_number = call.caller.number;
  if (call.line_number !== undefined) {
    payload.to_number = call.line_number;
    payload.line_number = call.line_number;
  }
  engine.notify('events/dtmf', payload);
}

/** play/start: the prompt delays the IVR's next step by its length plus `after_play_time` (reference §2.6). */
export function playInIvr(engine: CallEngine, call: Call, durationSec: number, afterSec: number): void {
  const ivr = call.ivr;
  if (!ivr) return;
  const node = schemeOf(engine, ivr)?.nodes.find((n) => n.id === ivr.nodeId);
  if (!node) return;
  const extra = (durationSec + afterSec) * 1000;
  if (node.type === 'play') {
    clearIvrTimers(engine, ivr);
    ivrTimer(engine, call, extra, () => next(engine, call, node.next));
  } else if ((node.type === 'menu' || node.type === 'disa') && ivr.kind !== undefined) {
    clearIvrTimers(engine, ivr);
    armInput(engine, call, node, extra);
  }
}
