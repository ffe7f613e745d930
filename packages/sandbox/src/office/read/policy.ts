import { OFFICE_ISSUES } from '../../i18n/messages.js';
import { SCHEDULE_ITEM_TYPES } from 'mangokit/protocol';
import type { PhonePolicy, Schedule } from '../types.js';
import { join, membersOf, type Reader } from './reader.js';

const ON_RING = membersOf<PhonePolicy['onRing']>()(['answer', 'never', 'busy', 'dnd', 'reject']);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** How a phone behaves when rung (an employee's, a customer's, the default customer's). */
export function readPolicy(r: Reader, v: unknown, path: string): PhonePolicy | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const onRing = r.oneOf(o, 'onRing', path, ON_RING);
  const policy: PhonePolicy = { onRing: onRing ?? 'answer' };
  const answerAfterSec = r.num(o, 'answerAfterSec', path, false, 0);
  const hangupAfterSec = r.num(o, 'hangupAfterSec', path, false, 0);
  const abandonAfterSec = r.num(o, 'abandonAfterSec', path, false, 0);
  const digits = r.str(o, 'digits', path, false);
  if (digits !== undefined && !/^[0-9*#]*$/.test(digits)) r.fail(join(path, 'digits'), OFFICE_ISSUES.digits);
  if (answerAfterSec !== undefined) policy.answerAfterSec = answerAfterSec;
  if (hangupAfterSec !== undefined) policy.hangupAfterSec = hangupAfterSec;
  if (abandonAfterSec !== undefined) policy.abandonAfterSec = abandonAfterSec;
  if (digits !== undefined) policy.digits = digits;
  return policy;
}

/** A working schedule, Moscow wall time (reference §3.6.3). */
export function readSchedule(r: Reader, v: unknown, path: string): Schedule | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const items: Schedule['items'] = [];
  r.arr(o, 'items', path, true).forEach((it, i) => {
    const p = join(join(path, 'items'), i);
    const io = r.obj(it, p);
    if (!io) return;
    const type = r.oneOf(io, 'type', p, SCHEDULE_ITEM_TYPES);
    const from = r.str(io, 'from', p, true);
    const until = r.str(io, 'until', p, true);
    for (const [k, t] of [
      ['from', from],
      ['until', until],
    ] as const) {
      if (t !== undefined && !HHMM.test(t)) r.fail(join(p, k), OFFICE_ISSUES.hhmm(t));
    }
    const specific = r.str(io, 'specific_date', p, type === 'SpecificDate');
    if (specific !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(specific)) {
      r.fail(join(p, 'specific_date'), OFFICE_ISSUES.date(specific));
    }
    if (type && from && until) {
      items.push({ type, from, until, ...(specific ? { specific_date: specific } : {}) });
    }
  });
  const s: Schedule = { items };
  const from = r.str(o, 'from', path, false);
  const until = r.str(o, 'until', path, false);
  if (from) s.from = from;
  if (until) s.until = until;
  return s;
}
