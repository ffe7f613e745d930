import type { Employee, Office } from '../../office/types.js';
import { CODE, Check } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput } from '../route.js';
import { weakPassword } from './members.js';

type Sip = Employee['sips'][number];

/** SIP login rules: ≥ 4 characters, a letter first, no `000` prefix (reference §5: 3121). */
function badLogin(login: string): boolean {
  return login.length < 4 || !/^[A-Za-z][A-Za-z0-9._-]*$/.test(login) || login.startsWith('000');
}

function findSip(office: Office, sipId: number): { owner: Employee; sip: Sip } | undefined {
  for (const owner of office.employees) {
    const sip = owner.sips.find((s) => s.id === sipId);
    if (sip) return { owner, sip };
  }
  return undefined;
}

function loginTaken(office: Office, login: string, domain: string, exceptId?: number): boolean {
  return office.employees.some((e) =>
    e.sips.some((s) => s.login === login && s.domain === domain && s.id !== exceptId),
  );
}

/** `sips` (reference §3.6.2): SIP accounts per employee. */
export function sipsList({ ctx }: RouteInput) {
  const data = ctx
    .office()
    .employees.filter((e) => e.sips.length > 0)
    .map((e) => ({
      user_id: e.user_id,
      sips: e.sips.map((s) => ({ id: s.id, login: s.login, domain: s.domain })),
    }));
  return ok({ data });
}

/** `sip/create`: `user_id`, `login`, `domain`, `password` all required since 05.02.2026 (reference §3.6.3). */
export function sipCreate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const userId = check.int('user_id', { required: true });
  const login = check.str('login', { required: true, max: 64 });
  const domain = check.str('domain', { required: true });
  const password = check.str('password', { required: true, max: 255 });
  const description = check.str('description', { max: 255 });
  const owner = userId === undefined ? undefined : employeeById(office, userId);
  if (userId !== undefined && !owner) check.fail('user_id', CODE.NOT_FOUND);
  if (login !== undefined && badLogin(login)) check.fail('login', 3121);
  if (password !== undefined && weakPassword(password)) check.fail('password', 3120);
  if (!check.ok || !owner || login === undefined || domain === undefined) return check.answer();
  if (!office.domains.includes(domain)) return fail(5211);
  if (loginTaken(office, login, domain)) return fail(CODE.IN_USE, { login: CODE.IN_USE });
  let max = 0;
  for (const e of office.employees) for (const s of e.sips) max = Math.max(max, s.id);
  const sip: Sip = { id: max + 1, login, domain };
  if (password !== undefined) sip.password = password;
  if (description !== undefined) sip.description = description;
  owner.sips.push(sip);
  return ok({ sip_id: sip.id });
}

/** `sip/update`: `sip_id` + fields (reference §3.6.3). */
export function sipUpdate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('sip_id', { required: true });
  const found = id === undefined ? undefined : findSip(office, id);
  if (id !== undefined && !found) check.fail('sip_id', CODE.NOT_FOUND);
  const login = check.str('login', { max: 64 });
  const domain = check.str('domain');
  const password = check.str('password', { max: 255 });
  const description = check.str('description', { max: 255 });
  if (login !== undefined && badLogin(login)) check.fail('login', 3121);
  if (password !== undefined && weakPassword(password)) check.fail('password', 3120);
  if (!check.ok || !found) return check.answer();
  if (domain !== undefined && !office.domains.includes(domain)) return fail(5211);
  const nextLogin = login ?? found.sip.login;
  const nextDomain = domain ?? found.sip.domain;
  if (loginTaken(office, nextLogin, nextDomain, found.sip.id))
    return fail(CODE.IN_USE, { login: CODE.IN_USE });
  found.sip.login = nextLogin;
  found.sip.domain = nextDomain;
  if (password !== undefined) found.sip.password = password;
  if (description !== undefined) found.sip.description = description;
  return ok();
}

/** `sip/delete` (reference §3.6.3). */
export function sipDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('sip_id', { required: true });
  const found = id === undefined ? undefined : findSip(office, id);
  if (id !== undefined && !found) check.fail('sip_id', CODE.NOT_FOUND);
  if (!check.ok || !found) return check.answer();
  found.owner.sips = found.owner.sips.filter((s) => s !== found.sip);
  return ok();
}
