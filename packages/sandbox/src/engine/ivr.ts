import { randomUUID } from 'node:crypto';
import type { DtmfEventPayload } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { ForwardingRule, PhonePolicy, Scheme, SchemeNode } from '../office/types.js';
import { CallStateError } from './errors.js';
import { CONTROL_ERRORS } from '../i18n/messages.js';
import type { Call, DialSpec, IvrState, Party, Target } from './model.js';
import type { EnginePorts } from './ports/index.js';
import type { IvrPort } from './ports/ivr.js';

/** A scripted caller presses keys this long after a menu or DISA starts waiting. */
const PRESS_AFTER_MS = 2000;
/** After DISA digits are sent, the call waits this long for a `commands/route` before going on (reference §2.7). */
const ROUTE_GRACE_MS = 3000;

/** What the IVR needs. */
export type IvrPorts = Pick<EnginePorts, 'clock' | 'directory' | 'presence' | 'legs' | 'dialer' | 'notifier'>;

/**
 * {@link IvrPort}: incoming calls. A customer dials a line; black/white lists and forwarding
 * rules by caller number apply first (reference §3.6.4, §3.7), then the line's scheme runs:
 * prompts, menus and DISA (§2.6, §4.5), and hand-over to an employee, a group or a number.
 */
export class Ivr implements IvrPort {
  constructor(private readonly k: IvrPorts) {}

  startIncoming(
    from: string,
    lineNumber?: string,
    policy?: PhonePolicy,
    sipCallId?: string,
  ): { entry_id: string; call_id: string } {
    const { directory, legs } = this.k;
    const office = directory.office();
    const line = lineNumber === undefined ? office.lines[0] : directory.line(lineNumber);
    if (!line)
      throw new CallStateError(
        lineNumber === undefined ? CONTROL_ERRORS.noLines : CONTROL_ERRORS.noLine(lineNumber),
      );
    const caller = directory.customer(from, policy);
    // A call-tracking line marks every notification of the call (reference §4.1 `dct`).
    const tracking = office.call_tracking?.find((t) => t.number === line.number);
    // The caller's SIP Call-ID reaches the integrator only on a SIP line and with the cabinet's
    // permission (reference §4.1); a caller that gave none gets one, as a SIP INVITE always has it.
    const sipLine = line.region === 'sip' || line.region === 'sip-uac' || line.number.startsWith('sip:');
    const sip_call_id =
      office.forward_sip_call_id === true && sipLine
        ? (sipCallId ?? `${randomUUID()}@sip.sandbox.invalid`)
        : undefined;
    const call = legs.newCall({
      direction: 1,
      caller,
      from: { number: from },
      to: { number: line.number },
      line_number: line.number,
      ...(tracking ? { dct: { number: tracking.number, type: tracking.type } } : {}),
      ...(sip_call_id !== undefined ? { sip_call_id } : {}),
    });
    const pbx: Party = { kind: 'pbx', policy: { onRing: 'answer' } };
    const leg = legs.newLeg(call, {
      location: 'ivr',
      a: caller,
      b: pbx,
      from: { number: from },
      to: { number: line.number, line_number: line.number },
    });
    leg.handoverReason = RESULT.ENDED_NORMALLY;
    call.waiting = leg;
    const ids = { entry_id: call.entry_id, call_id: leg.call_id };

    const blocked = this.listBlock(from);
    if (blocked) {
      legs.transition(leg, 'Disconnected', { reason: blocked });
      return ids;
    }
    const abandon = caller.policy.abandonAfterSec;
    if (abandon !== undefined) {
      call.timers.push(
        this.k.clock.later(abandon * 1000, () => {
          if (!call.answered) legs.hangupCall(call, RESULT.ENDED_BY_CALLER);
        }),
      );
    }
    const rule = office.forwarding_rules.find((r) => r.status === 1 && r.client_phone_number === from);
    const forward = rule ? this.ruleTarget(rule) : undefined;
    if (forward) {
      this.dialFromIvr(call, forward, undefined);
      return ids;
    }
    const scheme = line.schema_id === undefined ? undefined : directory.scheme(line.schema_id);
    if (!scheme) {
      legs.hangupCall(call, RESULT.SCHEME_MISCONFIGURED);
      return ids;
    }
    call.ivr = {
      schemaId: scheme.schema_id,
      nodeId: scheme.start,
      timers: [],
      window: false,
      digits: '',
      scriptedDigits: this.k.presence.policyOf(caller) ? (caller.policy.digits ?? '') : '',
      dtmfSeq: 0,
    };
    this.runNode(call, scheme.start);
    return ids;
  }

  /**
   * Keys pressed by the caller: a menu takes one key and moves on (the rest goes to the next
   * node); a DISA collects digits (`*` clears) and sends one `events/dtmf` packet when `wait_sec`
   * passes after the last key or `max_digits` is reached (reference §4.5).
   */
  press(call: Call, digits: string): void {
    const ivr = call.ivr;
    if (!ivr?.window || (ivr.kind !== 'menu' && ivr.kind !== 'disa')) {
      throw new CallStateError(CONTROL_ERRORS.notWaitingForKeys);
    }
    if (!/^[0-9*#]+$/.test(digits)) throw new CallStateError(CONTROL_ERRORS.badDigits);
    const node = this.schemeOf(ivr)?.nodes.find((n) => n.id === ivr.nodeId);
    if (!node) return;
    if (node.type === 'menu') {
      const key = digits[0]!;
      this.dtmf(call, key);
      const target = node.items[key];
      if (target === undefined) return;
      this.runNode(call, target, key);
      const rest = digits.slice(1);
      if (rest && call.ivr?.window && (call.ivr.kind === 'menu' || call.ivr.kind === 'disa'))
        this.press(call, rest);
      return;
    }
    if (node.type !== 'disa') return;
    for (const d of digits) {
      if (d === '*') ivr.digits = '';
      else ivr.digits += d;
      if (ivr.digits.length >= node.max_digits) break;
    }
    this.clearTimers(ivr);
    if (ivr.digits.length >= node.max_digits) {
      this.disaComplete(call, node);
      return;
    }
    this.timer(call, node.wait_sec * 1000, () => this.disaComplete(call, node));
  }

  /** play/start: the prompt delays the IVR's next step by its length plus `after_play_time` (reference §2.6). */
  play(call: Call, durationSec: number, afterSec: number): void {
    const ivr = call.ivr;
    if (!ivr) return;
    const node = this.schemeOf(ivr)?.nodes.find((n) => n.id === ivr.nodeId);
    if (!node) return;
    const extra = (durationSec + afterSec) * 1000;
    if (node.type === 'play') {
      this.clearTimers(ivr);
      this.timer(call, extra, () => this.next(call, node.next));
    } else if ((node.type === 'menu' || node.type === 'disa') && ivr.kind !== undefined) {
      this.clearTimers(ivr);
      this.armInput(call, node, extra);
    }
  }

  leave(call: Call): void {
    if (call.ivr) this.clearTimers(call.ivr);
    call.ivr = undefined;
  }

  /** 1151 blacklisted, 1152 not whitelisted (reference §3.7, §5); undefined = let in. */
  private listBlock(from: string): number | undefined {
    const lists = this.k.directory.office().bwlists;
    if (lists.active === 'black') {
      return lists.black.numbers.some((n) => n.number === from) ? RESULT.CALLER_BLACKLISTED : undefined;
    }
    return lists.white.numbers.some((n) => n.number === from) ? undefined : RESULT.CALLER_NOT_WHITELISTED;
  }

  private ruleTarget(rule: ForwardingRule): Target | undefined {
    const { directory } = this.k;
    if (rule.forward_type === 'user' && rule.forward_to_user) {
      const emp = directory.employeeById(rule.forward_to_user.forward_user_id);
      return emp ? { kind: 'employee', employee: emp } : undefined;
    }
    if (rule.forward_type === 'group' && rule.forward_to_group) {
      const group = directory.groupById(rule.forward_to_group.forward_group_id);
      return group ? { kind: 'group', group } : undefined;
    }
    if (rule.forward_type === 'ext_forward' && rule.forward_to_ext) {
      return { kind: 'number', number: rule.forward_to_ext.forward_number };
    }
    return undefined;
  }

  private schemeOf(ivr: IvrState): Scheme | undefined {
    return this.k.directory.scheme(ivr.schemaId);
  }

  private clearTimers(ivr: IvrState): void {
    for (const t of ivr.timers) this.k.clock.cancel(t);
    ivr.timers = [];
  }

  private timer(call: Call, ms: number, fn: () => void): void {
    const ivr = call.ivr;
    if (!ivr) return;
    ivr.timers.push(
      this.k.clock.later(ms, () => {
        if (call.ivr === ivr && !call.ended) fn();
      }),
    );
  }

  /** Makes sure the customer sits in an `ivr` leg (after a queue, a new one appears). */
  private ensureIvrLeg(call: Call, handoverReason: number): void {
    const old = call.waiting;
    if (old && old.location === 'ivr') return;
    const line = call.line_number;
    const from: Record<string, string> = { number: call.caller.number ?? '' };
    if (old) from.taken_from_call_id = old.call_id;
    const leg = this.k.legs.newLeg(call, {
      location: 'ivr',
      a: call.caller,
      b: { kind: 'pbx', policy: { onRing: 'answer' } },
      from,
      to: line === undefined ? {} : { number: line, line_number: line },
    });
    leg.handoverReason = RESULT.ENDED_NORMALLY;
    call.waiting = leg;
    if (old) this.k.legs.transition(old, 'Disconnected', { reason: handoverReason });
  }

  /** Runs one scheme node. `handoverReason` ends a queue leg the customer leaves for an IVR node. */
  private runNode(
    call: Call,
    nodeId: string,
    viaKey?: string,
    handoverReason: number = RESULT.ENDED_NORMALLY,
  ): void {
    const ivr = call.ivr;
    if (!ivr || call.ended) return;
    const { directory, legs } = this.k;
    const scheme = this.schemeOf(ivr);
    const node = scheme?.nodes.find((n) => n.id === nodeId);
    this.clearTimers(ivr);
    if (!node) {
      legs.hangupCall(call, RESULT.SCHEME_MISCONFIGURED);
      return;
    }
    ivr.nodeId = node.id;
    ivr.window = false;
    ivr.kind = undefined;
    if (viaKey !== undefined) ivr.viaKey = viaKey;
    switch (node.type) {
      case 'play':
        this.ensureIvrLeg(call, handoverReason);
        ivr.window = true;
        ivr.kind = 'play';
        this.timer(call, node.duration_sec * 1000, () => this.next(call, node.next));
        return;
      case 'menu':
      case 'disa':
        this.ensureIvrLeg(call, handoverReason);
        ivr.window = true;
        ivr.kind = node.type;
        ivr.digits = '';
        this.armInput(call, node, 0);
        if (ivr.scriptedDigits) {
          this.timer(call, PRESS_AFTER_MS, () => {
            const digits =
              node.type === 'menu'
                ? ivr.scriptedDigits.slice(0, 1)
                : ivr.scriptedDigits.slice(0, node.max_digits);
            ivr.scriptedDigits = ivr.scriptedDigits.slice(digits.length);
            this.press(call, digits);
          });
        }
        return;
      case 'group': {
        const group = directory.groupById(node.group_id);
        if (group) this.dialFromIvr(call, { kind: 'group', group }, node.fallback);
        else legs.hangupCall(call, RESULT.SCHEME_MISCONFIGURED);
        return;
      }
      case 'employee': {
        const emp = directory.employeeByExtension(node.extension);
        if (emp) this.dialFromIvr(call, { kind: 'employee', employee: emp }, node.fallback);
        else legs.hangupCall(call, RESULT.SCHEME_MISCONFIGURED);
        return;
      }
      case 'number':
        this.dialFromIvr(call, { kind: 'number', number: node.number }, node.fallback);
        return;
      case 'hangup':
        legs.hangupCall(call, RESULT.ENDED_BY_SCHEME);
        return;
    }
  }

  private next(call: Call, nodeId: string | undefined): void {
    if (nodeId === undefined) this.k.legs.hangupCall(call, RESULT.ENDED_BY_SCHEME);
    else this.runNode(call, nodeId);
  }

  /** Arms the "no input" timeout of a menu or DISA; `extraMs` extends it (play/start). */
  private armInput(call: Call, node: SchemeNode, extraMs: number): void {
    if (node.type !== 'menu' && node.type !== 'disa') return;
    const audio = node.audio_id === undefined ? undefined : this.k.directory.audio(node.audio_id);
    const ms = ((audio?.duration_sec ?? 0) + node.timeout_sec) * 1000 + extraMs;
    this.timer(call, ms, () => this.next(call, node.timeout));
  }

  /** The customer (still in the IVR) is handed to an employee, a group or a number. */
  private dialFromIvr(call: Call, target: Target, fallback: string | undefined): void {
    const from: Record<string, string> = {};
    if (call.caller.number !== undefined) from.number = call.caller.number;
    const spec: DialSpec = {
      call,
      a: call.caller,
      from,
      target,
      allowQueue: true,
      onAnswered: () => {
        if (call.ivr) this.clearTimers(call.ivr);
        call.ivr = undefined;
      },
      onFailed: (reason) => {
        if (fallback !== undefined && call.ivr && !call.ended)
          this.runNode(call, fallback, undefined, reason);
        else this.k.legs.hangupCall(call, reason);
      },
    };
    if (call.line_number !== undefined) spec.lineNumber = call.line_number;
    this.k.dialer.dial(spec);
  }

  private disaComplete(call: Call, node: Extract<SchemeNode, { type: 'disa' }>): void {
    const ivr = call.ivr;
    if (!ivr) return;
    this.clearTimers(ivr);
    if (ivr.digits === '') {
      this.armInput(call, node, 0);
      return;
    }
    this.dtmf(call, ivr.digits);
    ivr.digits = '';
    ivr.kind = undefined;
    // Still a window: the integrator may route or play while the caller "please waits".
    this.timer(call, ROUTE_GRACE_MS, () => this.next(call, node.next ?? node.timeout));
  }

  private dtmf(call: Call, digits: string): void {
    const ivr = call.ivr;
    const leg = call.waiting;
    if (!ivr || !leg) return;
    ivr.dtmfSeq += 1;
    const payload: DtmfEventPayload = {
      seq: ivr.dtmfSeq,
      dtmf: digits,
      timestamp: this.k.clock.now(),
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
    this.k.notifier.notify('events/dtmf', payload);
  }
}
