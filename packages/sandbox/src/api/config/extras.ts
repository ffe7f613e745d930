import { RESULT } from 'mangokit/protocol';
import { readParams } from '../check.js';
import { json, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { Office } from '../../office/types.js';
import type { RouteInput } from '../route.js';

/** `autosecretary/rules`: `user_id`, optional `rules[]` ids (reference §3.6.3). */
export function autosecretaryRules({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('autosecretary/rules', params);
  const userId = check.p.user_id;
  if (userId !== undefined && !employeeById(office, userId)) check.fail('user_id', RESULT.NOT_FOUND);
  const p = check.valid();
  if (!p) return check.answer();
  const rules = office.autosecretary_rules
    .filter((r) => r.user_id === p.user_id && (!p.rules || p.rules.includes(r.rule_id)))
    .map((r) => ({
      rule_id: r.rule_id,
      name: r.name,
      active: r.active,
      direction: [],
      schedule: null,
      wait_time: 0,
      melody_id: null,
      actions: [],
      notifications: [],
    }));
  return ok({ rules });
}

/** `autosecretary/status/change`: `user_id`, `rule_id`, `active` 0/1 (reference §3.6.3). */
export function autosecretaryStatus({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('autosecretary/status/change', params);
  const { user_id: userId, rule_id: ruleId } = check.p;
  const rule = office.autosecretary_rules.find((r) => r.user_id === userId && r.rule_id === ruleId);
  if (userId !== undefined && ruleId !== undefined && !rule) check.fail('rule_id', RESULT.NOT_FOUND);
  const p = check.valid();
  if (!p || !rule) return check.answer();
  rule.active = p.active;
  return ok();
}

/** The dynamic call-tracking number `number` of the office, if it is one (reference §3.4). */
function dynamicNumber(office: Office, number: string) {
  return office.call_tracking?.find((t) => t.number === number && t.type === 1);
}

/**
 * `queries/user_info_by_dct_number`: the site visitor bound to a dynamic call-tracking number,
 * fields at the top level; `{}` for a static number, a number without a visitor, or any other
 * number (reference §3.4).
 */
export function dctUserInfo({ ctx, params }: RouteInput) {
  const check = readParams('queries/user_info_by_dct_number', params);
  const p = check.valid();
  if (!p) return check.answer();
  const visitor = dynamicNumber(ctx.office(), p.number)?.visitor;
  return json(visitor ? structuredClone(visitor) : {});
}

/** `queries/user_history_by_dct_number`: pages the visitor of a dynamic number saw; empty otherwise (reference §3.4). */
export function dctUserHistory({ ctx, params }: RouteInput) {
  const check = readParams('queries/user_history_by_dct_number', params);
  const p = check.valid();
  if (!p) return check.answer();
  const history = dynamicNumber(ctx.office(), p.number)?.history ?? [];
  return json({ data: structuredClone(history) });
}
