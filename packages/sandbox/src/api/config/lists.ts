import type { ListedNumber, OutboundBan } from '../../office/types.js';
import { CODE, Check } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';

/** Numbers per list product (reference §3.7: 5222). */
export const LIST_LIMIT = 20_000;
/** Phone masks: digits, `*` any sequence, `#` one character, `-` ranges (reference §3.7). */
const TEL_MASK = /^\+?[\d*#-]{1,64}$/;

/** `bwlists/state` (reference §3.7). */
function bwState({ ctx }: RouteInput) {
  return ok({ active: ctx.office().bwlists.active });
}

/** `bwlists/numbers` (reference §3.7). */
function bwNumbers({ ctx }: RouteInput) {
  return ok({ data: ctx.office().bwlists });
}

/** `bwlists/number/add`: `list_type`, `number` (masks), `number_type`, `comment` ≤ 255 (reference §3.7). */
function bwAdd({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const listType = check.str('list_type', { required: true, oneOf: ['black', 'white'] });
  const number = check.str('number', { required: true, max: 128 });
  const numberType = check.str('number_type', { oneOf: ['tel', 'sip'] }) ?? 'tel';
  const comment = check.str('comment', { max: 255 });
  if (number !== undefined && numberType === 'tel' && !TEL_MASK.test(number))
    check.fail('number', CODE.FORMAT);
  if (!check.ok || listType === undefined || number === undefined) return check.answer();
  const { black, white } = office.bwlists;
  if (black.numbers.length + white.numbers.length >= LIST_LIMIT) return fail(5222);
  const list = listType === 'black' ? black : white;
  if (list.numbers.some((n) => n.number === number)) return fail(CODE.IN_USE, { number: CODE.IN_USE });
  let max = 0;
  for (const n of [...black.numbers, ...white.numbers]) max = Math.max(max, n.number_id);
  const entry: ListedNumber = {
    number_id: max + 1,
    number,
    number_type: numberType as ListedNumber['number_type'],
  };
  if (comment !== undefined) entry.comment = comment;
  list.numbers.push(entry);
  return ok({ number_id: entry.number_id });
}

/** `bwlists/number/delete`: `number_id` (reference §3.7). */
function bwDelete({ ctx, params }: RouteInput) {
  const { black, white } = ctx.office().bwlists;
  const check = new Check(params);
  const id = check.int('number_id', { required: true });
  const list = [black, white].find((l) => l.numbers.some((n) => n.number_id === id));
  if (id !== undefined && !list) check.fail('number_id', CODE.NOT_FOUND);
  if (!check.ok || !list) return check.answer();
  list.numbers = list.numbers.filter((n) => n.number_id !== id);
  return ok();
}

/** The `numbers` array of the outbound-blacklist methods, each item an object or a bare number. */
function banItems(check: Check): Array<Record<string, unknown>> | undefined {
  const list = check.list('numbers', { required: true, max: 1000 });
  if (!list) return undefined;
  const items = list.map((v) => (typeof v === 'string' || typeof v === 'number' ? { number: String(v) } : v));
  if (!items.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'number' in v)) {
    check.fail('numbers', CODE.FORMAT);
    return undefined;
  }
  return items as Array<Record<string, unknown>>;
}

/** `outbound_blacklist/get`: optional `numbers[]`, `cursor` (from 1), `limit` (default 100) (reference §3.7). */
function obGet({ ctx, params }: RouteInput) {
  const check = new Check(params);
  const filter = check.list('numbers');
  const cursor = check.int('cursor', { min: 1 }) ?? 1;
  const limit = check.int('limit', { min: 1, max: 1000 }) ?? 100;
  if (!check.ok) return check.answer();
  const { enabled, numbers } = ctx.office().outbound_blacklist;
  const wanted = filter?.map(String);
  const matching = wanted ? numbers.filter((n) => wanted.includes(n.number)) : numbers;
  const page = matching.slice(cursor - 1, cursor - 1 + limit);
  const next = cursor - 1 + limit < matching.length ? cursor + limit : null;
  return ok({ enabled, numbers: page, total: matching.length, cursor: next });
}

/** `outbound_blacklist/add` → `{result, existed_numbers}` (reference §3.7). */
function obAdd({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const items = banItems(check);
  const fresh: OutboundBan[] = [];
  const existed: string[] = [];
  items?.forEach((raw, i) => {
    const item = new Check(raw);
    const number = item.str('number', { required: true, max: 128 });
    const mode = item.int('mode', { oneOf: [1, 2, 3] }) ?? 3;
    const description = item.str('description', { max: 255 });
    const userId = item.int('user_id');
    if (number !== undefined && !TEL_MASK.test(number)) item.fail('number', CODE.FORMAT);
    if (userId !== undefined && !employeeById(office, userId)) item.fail('user_id', CODE.NOT_FOUND);
    for (const [field, code] of Object.entries(item.fields)) check.fail(`numbers[${i}].${field}`, code);
    if (!item.ok || number === undefined) return;
    if (
      office.outbound_blacklist.numbers.some((n) => n.number === number) ||
      fresh.some((n) => n.number === number)
    ) {
      existed.push(number);
      return;
    }
    const ban: OutboundBan = { number, mode: mode as OutboundBan['mode'], enabled: true };
    if (description !== undefined) ban.description = description;
    if (userId !== undefined) ban.user_id = userId;
    fresh.push(ban);
  });
  if (!check.ok) return check.answer();
  if (office.outbound_blacklist.numbers.length + fresh.length > LIST_LIMIT) return fail(5222);
  office.outbound_blacklist.numbers.push(...fresh);
  return ok({ existed_numbers: existed });
}

/** Applies `change` to each listed ban; unknown numbers answer 3300 for their index. */
function obEach(change: (ban: OutboundBan, item: Check) => void) {
  return ({ ctx, params }: RouteInput) => {
    const office = ctx.office();
    const check = new Check(params);
    const items = banItems(check);
    const found: Array<[OutboundBan, Check]> = [];
    items?.forEach((raw, i) => {
      const item = new Check(raw);
      const number = item.str('number', { required: true });
      const ban = office.outbound_blacklist.numbers.find((n) => n.number === number);
      if (number !== undefined && !ban) item.fail('number', CODE.NOT_FOUND);
      for (const [field, code] of Object.entries(item.fields)) check.fail(`numbers[${i}].${field}`, code);
      if (ban) found.push([ban, item]);
    });
    if (!check.ok) return check.answer();
    // Validate every item before changing any, so a bad item leaves the list untouched.
    const probe = found.map(([ban, item]) => {
      const copy = { ...ban };
      change(copy, item);
      return item;
    });
    for (const [i, item] of probe.entries()) {
      for (const [field, code] of Object.entries(item.fields)) check.fail(`numbers[${i}].${field}`, code);
    }
    if (!check.ok) return check.answer();
    for (const [ban, item] of found) change(ban, item);
    return ok();
  };
}

function obDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const items = banItems(check);
  if (!check.ok || !items) return check.answer();
  const numbers = new Set(items.map((i) => String(i.number)));
  office.outbound_blacklist.numbers = office.outbound_blacklist.numbers.filter((n) => !numbers.has(n.number));
  return ok();
}

function obSwitch(enabled: boolean) {
  return ({ ctx }: RouteInput) => {
    ctx.office().outbound_blacklist.enabled = enabled;
    return ok();
  };
}

/** Black/white lists and outbound bans (reference §3.7). */
export const listRoutes: RouteTable = {
  'vpbx/bwlists/state': bwState,
  'vpbx/bwlists/numbers': bwNumbers,
  'vpbx/bwlists/number/add': bwAdd,
  'vpbx/bwlists/number/delete': bwDelete,
  'vpbx/outbound_blacklist/get': obGet,
  'vpbx/outbound_blacklist/add': obAdd,
  'vpbx/outbound_blacklist/update_description': obEach((ban, item) => {
    const description = item.str('description', { max: 255 });
    if (description !== undefined) ban.description = description;
  }),
  'vpbx/outbound_blacklist/enable_mode': obEach((ban, item) => {
    const mode = item.int('mode', { oneOf: [1, 2, 3] });
    if (mode !== undefined) ban.mode = mode as OutboundBan['mode'];
    ban.enabled = true;
  }),
  'vpbx/outbound_blacklist/disable_mode': obEach((ban) => {
    ban.enabled = false;
  }),
  'vpbx/outbound_blacklist/delete': obDelete,
  'vpbx/outbound_blacklist/enable': obSwitch(true),
  'vpbx/outbound_blacklist/disable': obSwitch(false),
};
