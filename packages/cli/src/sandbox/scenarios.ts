/** One action `mangokit trigger` can drive through the sandbox control API (packages/sandbox/CONTROL.md). */
export interface Scenario {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under `/_sandbox/`; `:id` is filled from the `id` field. */
  path: string;
  summary: string;
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
    summary: 'a customer calls a line (default: the first line)',
    defaults: { from: '79001234567' },
    example: '--set from=79261234567 --set line=74950000666',
  },
  callback: {
    method: 'POST',
    path: 'calls/callback',
    summary: 'click-to-call without signing (as commands/callback)',
    example: '--set extension=101 --set to_number=79261234567',
  },
  'callback-group': {
    method: 'POST',
    path: 'calls/callback_group',
    summary: 'group call without signing (as commands/callback_group)',
    example: '--set from=222 --set to=79261234567',
  },
  dtmf: {
    method: 'POST',
    path: 'caller/dtmf',
    summary: 'the caller presses keys in the IVR',
    example: '--set entry_id=ENTRY --set digits=2',
  },
  'caller-hangup': {
    method: 'POST',
    path: 'caller/hangup',
    summary: 'the customer hangs up',
    example: '--set entry_id=ENTRY',
  },
  'caller-answer': {
    method: 'POST',
    path: 'caller/answer',
    summary: 'a ringing customer answers',
    example: '--set call_id=LEG',
  },
  'caller-reject': {
    method: 'POST',
    path: 'caller/reject',
    summary: 'a ringing customer rejects',
    example: '--set call_id=LEG',
  },
  answer: {
    method: 'POST',
    path: 'employee/answer',
    summary: 'an employee answers',
    example: '--set extension=101',
  },
  reject: {
    method: 'POST',
    path: 'employee/reject',
    summary: 'an employee rejects',
    example: '--set extension=101',
  },
  hangup: {
    method: 'POST',
    path: 'employee/hangup',
    summary: 'an employee hangs up',
    example: '--set extension=101',
  },
  hold: {
    method: 'POST',
    path: 'employee/hold',
    summary: 'an employee holds',
    example: '--set call_id=LEG --set extension=101',
  },
  unhold: {
    method: 'POST',
    path: 'employee/unhold',
    summary: 'back from hold',
    example: '--set call_id=LEG',
  },
  transfer: {
    method: 'POST',
    path: 'employee/transfer',
    summary: 'an employee transfers',
    defaults: { method: 'blind' },
    example: '--set call_id=LEG --set extension=101 --set to_number=102',
  },
  manual: {
    method: 'POST',
    path: 'employee/manual',
    summary: "drive an employee's phone by hand (it stops following its policy)",
    defaults: { manual: true },
    example: '--set extension=101',
  },
  advance: {
    method: 'POST',
    path: 'clock/advance',
    summary: 'move a manual clock forward',
    example: '--set sec=30',
  },
  speed: { method: 'POST', path: 'clock/speed', summary: 'speed of a real clock', example: '--set speed=10' },
  fault: {
    method: 'POST',
    path: 'faults',
    summary: 'make an API path fail (status, result or delay)',
    example: '--set path=commands/callback --set status=503 --set times=2',
  },
  'clear-faults': { method: 'DELETE', path: 'faults', summary: 'remove every fault', example: '' },
  'sms-reason': {
    method: 'POST',
    path: 'sms/next-reason',
    summary: 'delivery result of the next SMS',
    example: '--set reason=4301',
  },
  webhook: {
    method: 'PUT',
    path: 'webhooks',
    summary: 'where notifications go',
    example: '--set url=http://127.0.0.1:8080/',
  },
  replay: {
    method: 'POST',
    path: 'deliveries/:id/replay',
    summary: 'post a delivered notification again',
    example: '--set id=17',
  },
  reset: {
    method: 'POST',
    path: 'office/reset',
    summary: 'back to the starting office; hang up everything',
    example: '',
  },
  state: { method: 'GET', path: 'state', summary: 'show the sandbox state', example: '' },
  calls: { method: 'GET', path: 'calls', summary: 'show live calls and legs', example: '' },
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

/**
 * Builds a JSON body from `--set` items: `a.b=text` (a string; numeric and boolean fields known
 * to the control API are converted) or `a:=<json>` (raw JSON). Returns an error text for a bad item.
 */
export function buildBody(
  items: readonly string[],
  defaults: Record<string, unknown> = {},
): Record<string, unknown> | string {
  const body: Record<string, unknown> = structuredClone(defaults);
  for (const item of items) {
    const raw = /^([A-Za-z_][\w.]*):=(.*)$/s.exec(item);
    const plain = raw ? null : /^([A-Za-z_][\w.]*)=(.*)$/s.exec(item);
    const m = raw ?? plain;
    if (!m) return `--set "${item}" is not field=value (or field:=json)`;
    const keys = (m[1] as string).split('.');
    const leaf = keys[keys.length - 1] as string;
    const text = m[2] as string;
    let value: unknown = text;
    if (raw) {
      try {
        value = JSON.parse(text);
      } catch {
        return `--set "${item}": the value after := is not JSON`;
      }
    } else if (NUMERIC.has(leaf)) {
      if (!/^-?\d+(\.\d+)?$/.test(text)) return `--set ${m[1]} must be a number, got "${text}"`;
      value = Number(text);
    } else if (BOOLEAN.has(leaf)) {
      if (text !== 'true' && text !== 'false') return `--set ${m[1]} must be true or false`;
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
