import type { Text } from '../i18n/index.js';

/**
 * One action `mangokit trigger` can drive through the sandbox control API
 * (packages/sandbox/CONTROL.md). Its summary is in the catalogue (`scenarios`), under its name.
 */
export interface Scenario {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under `/_sandbox/`; `:id` is filled from the `id` field. */
  path: string;
  /** Fields sent when not set. */
  defaults?: Record<string, unknown>;
  /** An example `--set` list. */
  example: string;
}

/** Every scenario by name. */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  incoming: {
    method: 'POST',
    path: 'calls/incoming',
    defaults: { from: '79001234567' },
    example: '--set from=79261234567 --set line=74950000666',
  },
  callback: {
    method: 'POST',
    path: 'calls/callback',
    example: '--set extension=101 --set to_number=79261234567',
  },
  'callback-group': {
    method: 'POST',
    path: 'calls/callback_group',
    example: '--set from=222 --set to=79261234567',
  },
  dtmf: {
    method: 'POST',
    path: 'caller/dtmf',
    example: '--set entry_id=ENTRY --set digits=2',
  },
  'caller-hangup': {
    method: 'POST',
    path: 'caller/hangup',
    example: '--set entry_id=ENTRY',
  },
  'caller-answer': {
    method: 'POST',
    path: 'caller/answer',
    example: '--set call_id=LEG',
  },
  'caller-reject': {
    method: 'POST',
    path: 'caller/reject',
    example: '--set call_id=LEG',
  },
  answer: {
    method: 'POST',
    path: 'employee/answer',
    example: '--set extension=101',
  },
  reject: {
    method: 'POST',
    path: 'employee/reject',
    example: '--set extension=101',
  },
  hangup: {
    method: 'POST',
    path: 'employee/hangup',
    example: '--set extension=101',
  },
  hold: {
    method: 'POST',
    path: 'employee/hold',
    example: '--set call_id=LEG --set extension=101',
  },
  unhold: {
    method: 'POST',
    path: 'employee/unhold',
    example: '--set call_id=LEG',
  },
  transfer: {
    method: 'POST',
    path: 'employee/transfer',
    defaults: { method: 'blind' },
    example: '--set call_id=LEG --set extension=101 --set to_number=102',
  },
  dial: {
    method: 'POST',
    path: 'employee/call',
    example: '--set extension=101 --set to_number=79261234567',
  },
  'party-hangup': {
    method: 'POST',
    path: 'party/hangup',
    example: '--set call_id=LEG --set side=to',
  },
  manual: {
    method: 'POST',
    path: 'employee/manual',
    defaults: { manual: true },
    example: '--set extension=101',
  },
  advance: {
    method: 'POST',
    path: 'clock/advance',
    example: '--set sec=30',
  },
  speed: { method: 'POST', path: 'clock/speed', example: '--set speed=10' },
  fault: {
    method: 'POST',
    path: 'faults',
    example: '--set path=commands/callback --set status=503 --set times=2',
  },
  'clear-faults': { method: 'DELETE', path: 'faults', example: '' },
  'sms-reason': {
    method: 'POST',
    path: 'sms/next-reason',
    example: '--set reason=4301',
  },
  webhook: {
    method: 'PUT',
    path: 'webhooks',
    example: '--set url=http://127.0.0.1:8080/',
  },
  ping: {
    method: 'POST',
    path: 'webhooks/ping',
    example: '',
  },
  replay: {
    method: 'POST',
    path: 'deliveries/:id/replay',
    example: '--set id=17',
  },
  reset: {
    method: 'POST',
    path: 'office/reset',
    example: '',
  },
  state: { method: 'GET', path: 'state', example: '' },
  calls: { method: 'GET', path: 'calls', example: '' },
};

/** Leaf names whose values are sent as numbers. */
const NUMERIC = new Set([
  'sec',
  'ms',
  'speed',
  'reason',
  'status',
  'result',
  'delayMs',
  'times',
  'maxRetries',
  'hangupAfterSec',
  'answerAfterSec',
  'limit',
]);
/** Leaf names whose values are sent as booleans. */
const BOOLEAN = new Set(['manual', 'shuffle', 'demo']);

/** Why a `--set` item was refused. */
export class SetError {
  constructor(readonly text: Text) {}
}

/**
 * Builds a JSON body from `--set` items: `a.b=text` (a string; numeric and boolean fields known
 * to the control API are converted) or `a:=<json>` (raw JSON). Returns a `SetError` for a bad item.
 */
export function buildBody(
  items: readonly string[],
  defaults: Record<string, unknown> = {},
): Record<string, unknown> | SetError {
  const body: Record<string, unknown> = structuredClone(defaults);
  for (const item of items) {
    const raw = /^([A-Za-z_][\w.]*):=(.*)$/s.exec(item);
    const plain = raw ? null : /^([A-Za-z_][\w.]*)=(.*)$/s.exec(item);
    const m = raw ?? plain;
    if (!m) return new SetError((c) => c.trigger.notFieldValue(item));
    const field = m[1] as string;
    const keys = field.split('.');
    const leaf = keys[keys.length - 1] as string;
    const text = m[2] as string;
    let value: unknown = text;
    if (raw) {
      try {
        value = JSON.parse(text);
      } catch {
        return new SetError((c) => c.trigger.notJson(item));
      }
    } else if (NUMERIC.has(leaf)) {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return new SetError((c) => c.trigger.notNumber(field, text));
      value = Number(text);
    } else if (BOOLEAN.has(leaf)) {
      if (text !== 'true' && text !== 'false') return new SetError((c) => c.trigger.notBoolean(field));
      value = text === 'true';
    }
    let target = body;
    for (const k of keys.slice(0, -1)) {
      const next = target[k];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) target[k] = {};
      target = target[k] as Record<string, unknown>;
    }
    target[leaf] = value;
  }
  return body;
}
