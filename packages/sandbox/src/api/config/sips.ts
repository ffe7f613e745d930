import { RESULT } from 'mangokit/protocol';
import type { Employee, Office } from '../../office/types.js';
import { readParams } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput } from '../route.js';

type Sip = Employee['sips'][number];

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
  const check = readParams('sip/create', params);
  const userId = check.p.user_id;
  const owner = userId === undefined ? undefined : employeeById(office, userId);
  if (userId !== undefined && !owner) check.fail('user_id', RESULT.NOT_FOUND);
  const p = check.valid();
  if (!p || !owner) return check.answer();
  if (!office.domains.includes(p.domain)) return fail(RESULT.DOMAIN_NOT_FOUND);
  if (loginTaken(office, p.login, p.domain)) return fail(RESULT.IN_USE, { login: RESULT.IN_USE });
  let max = 0;
  for (const e of office.employees) for (const s of e.sips) max = Math.max(max, s.id);
  const sip: Sip = { id: max + 1, login: p.login, domain: p.domain, password: p.password };
  if (p.description !== undefined) sip.description = p.description;
  owner.sips.push(sip);
  return ok({ sip_id: sip.id });
}

/** `sip/update`: `sip_id` + fields (reference §3.6.3). */
export function sipUpdate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('sip/update', params);
  const id = check.p.sip_id;
  const found = id === undefined ? undefined : findSip(office, id);
  if (id !== undefined && !found) check.fail('sip_id', RESULT.NOT_FOUND);
  const p = check.valid();
  if (!p || !found) return check.answer();
  if (p.domain !== undefined && !office.domains.includes(p.domain)) return fail(RESULT.DOMAIN_NOT_FOUND);
  const nextLogin = p.login ?? found.sip.login;
  const nextDomain = p.domain ?? found.sip.domain;
  if (loginTaken(office, nextLogin, nextDomain, found.sip.id))
    return fail(RESULT.IN_USE, { login: RESULT.IN_USE });
  found.sip.login = nextLogin;
  found.sip.domain = nextDomain;
  if (p.password !== undefined) found.sip.password = p.password;
  if (p.description !== undefined) found.sip.description = p.description;
  return ok();
}

/** `sip/delete` (reference §3.6.3). */
export function sipDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('sip/delete', params);
  const id = check.p.sip_id;
  const found = id === undefined ? undefined : findSip(office, id);
  if (id !== undefined && !found) check.fail('sip_id', RESULT.NOT_FOUND);
  if (!check.valid() || !found) return check.answer();
  found.owner.sips = found.owner.sips.filter((s) => s !== found.sip);
  return ok();
}
