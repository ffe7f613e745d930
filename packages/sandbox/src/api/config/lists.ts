import { FORMATS, RESULT } from 'mangokit/protocol';
import type { ListedNumber, Office, OutboundBan } from '../../office/types.js';
import { type Check, readParams } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';

/** Numbers per list product (reference §3.7: 5222). */
export const LIST_LIMIT = 20_000;

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
  const check = readParams('bwlists/number/add', params);
  const { number } = check.p;
  const numberType = check.p.number_type ?? 'tel';
  // A phone number or mask for `tel`; a SIP address is free-form.
  if (number !== undefined && numberType === 'tel' && !FORMATS.phoneMask.test(number))
    check.fail('number', FORMATS.phoneMask.code);
  const p = check.valid();
  if (!p) return check.answer();
  const { black, white } = office.bwlists;
  if (black.numbers.length + white.numbers.length >= LIST_LIMIT) return fail(RESULT.BW_LIST_FULL);
  const list = p.list_type === 'black' ? black : white;
  if (list.numbers.some((n) => n.number === p.number)) return fail(RESULT.IN_USE, { number: RESULT.IN_USE });
  let max = 0;
  for (const n of [...black.numbers, ...white.numbers]) max = Math.max(max, n.number_id);
  const entry: ListedNumber = { number_id: max + 1, number: p.number, number_type: numberType };
  if (p.comment !== undefined) entry.comment = p.comment;
  list.numbers.push(entry);
  return ok({ number_id: entry.number_id });
}

/** `bwlists/number/delete`: `number_id` (reference §3.7). */
function bwDelete({ ctx, params }: RouteInput) {
  const { black, white } = ctx.office().bwlists;
  const check = readParams('bwlists/number/delete', params);
  const id = check.p.number_id;
  const list = [black, white].find((l) => l.numbers.some((n) => n.number_id === id));
  if (id !== undefined && !list) check.fail('number_id', RESULT.NOT_FOUND);
  if (!check.valid() || !list) return check.answer();
  list.numbers = list.numbers.filter((n) => n.number_id !== id);
  return ok();
}

/** `outbound_blacklist/get`: optional `numbers[]`, `cursor` (from 1), `limit` (default 100) (reference §3.7). */
function obGet({ ctx, params }: RouteInput) {
  const check = readParams('outbound_blacklist/get', params);
  const p = check.valid();
  if (!p) return check.answer();
  const cursor = p.cursor ?? 1;
  const limit = p.limit ?? 100;
  const { enabled, numbers } = ctx.office().outbound_blacklist;
  const wanted = p.numbers;
  const matching = wanted ? numbers.filter((n) => wanted.includes(n.number)) : numbers;
  const page = matching.slice(cursor - 1, cursor - 1 + limit);
  const next = cursor - 1 + limit < matching.length ? cursor + limit : null;
  return ok({ enabled, numbers: page, total: matching.length, cursor: next });
}

/** `outbound_blacklist/add` → `{result, existed_numbers}` (reference §3.7). */
function obAdd({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('outbound_blacklist/add', params);
  check.p.numbers?.forEach((item, i) => {
    const userId = item?.user_id;
    if (userId !== undefined && !employeeById(office, userId))
      check.fail(`numbers[${i}].user_id`, RESULT.NOT_FOUND);
  });
  const p = check.valid();
  if (!p) return check.answer();
  const fresh: OutboundBan[] = [];
  const existed: string[] = [];
  for (const { number, mode, description, user_id } of p.numbers) {
    if (
      office.outbound_blacklist.numbers.some((n) => n.number === number) ||
      fresh.some((n) => n.number === number)
    ) {
      existed.push(number);
      continue;
    }
    const ban: OutboundBan = { number, mode: mode ?? 3, enabled: true };
    if (description !== undefined) ban.description = description;
    if (user_id !== undefined) ban.user_id = user_id;
    fresh.push(ban);
  }
  if (office.outbound_blacklist.numbers.length + fresh.length > LIST_LIMIT) return fail(RESULT.BW_LIST_FULL);
  office.outbound_blacklist.numbers.push(...fresh);
  return ok({ existed_numbers: existed });
}

/** The bans a request's `numbers` name; an unknown number answers 3300 for its index. */
function bansNamed(
  check: Check,
  office: Office,
  items: readonly ({ number?: string } | undefined)[] | undefined,
) {
  const found: OutboundBan[] = [];
  items?.forEach((item, i) => {
    if (item?.number === undefined) return;
    const ban = office.outbound_blacklist.numbers.find((n) => n.number === item.number);
    if (!ban) check.fail(`numbers[${i}].number`, RESULT.NOT_FOUND);
    else found.push(ban);
  });
  return found;
}

/** `outbound_blacklist/update_description` (reference §3.7). */
function obDescribe({ ctx, params }: RouteInput) {
  const check = readParams('outbound_blacklist/update_description', params);
  const bans = bansNamed(check, ctx.office(), check.p.numbers);
  const p = check.valid();
  if (!p) return check.answer();
  p.numbers.forEach(({ description }, i) => {
    if (description !== undefined) bans[i]!.description = description;
  });
  return ok();
}

/** `outbound_blacklist/enable_mode`: each number's `mode`, else the request's (reference §3.7). */
function obEnableMode({ ctx, params }: RouteInput) {
  const check = readParams('outbound_blacklist/enable_mode', params);
  const bans = bansNamed(check, ctx.office(), check.p.numbers);
  const p = check.valid();
  if (!p) return check.answer();
  p.numbers.forEach((item, i) => {
    const ban = bans[i]!;
    const mode = item.mode ?? p.mode;
    if (mode !== undefined) ban.mode = mode;
    ban.enabled = true;
  });
  return ok();
}

/** `outbound_blacklist/disable_mode` (reference §3.7). */
function obDisableMode({ ctx, params }: RouteInput) {
  const check = readParams('outbound_blacklist/disable_mode', params);
  const bans = bansNamed(check, ctx.office(), check.p.numbers);
  if (!check.valid()) return check.answer();
  for (const ban of bans) ban.enabled = false;
  return ok();
}

/** `outbound_blacklist/delete` (reference §3.7): numbers not banned are ignored. */
function obDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('outbound_blacklist/delete', params);
  const p = check.valid();
  if (!p) return check.answer();
  const numbers = new Set(p.numbers.map((i) => i.number));
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
  'vpbx/outbound_blacklist/update_description': obDescribe,
  'vpbx/outbound_blacklist/enable_mode': obEnableMode,
  'vpbx/outbound_blacklist/disable_mode': obDisableMode,
  'vpbx/outbound_blacklist/delete': obDelete,
  'vpbx/outbound_blacklist/enable': obSwitch(true),
  'vpbx/outbound_blacklist/disable': obSwitch(false),
};
