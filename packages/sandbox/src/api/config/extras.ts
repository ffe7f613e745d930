import { CODE, Check } from '../check.js';
import { json, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput } from '../route.js';

/** `autosecretary/rules`: `user_id`, optional `rules[]` ids (reference §3.6.3). */
export function autosecretaryRules({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const userId = check.int('user_id', { required: true });
  const wanted = check.list('rules');
  if (userId !== undefined && !employeeById(office, userId)) check.fail('user_id', CODE.NOT_FOUND);
  if (!check.ok) return check.answer();
  const ids = wanted?.map(Number);
  const rules = office.autosecretary_rules
    .filter((r) => r.user_id === userId && (!ids || ids.includes(r.rule_id)))
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
  const check = new Check(params);
  const userId = check.int('user_id', { required: true });
  const ruleId = check.int('rule_id', { required: true });
  const active = check.bool('active', { required: true });
  const rule = office.autosecretary_rules.find((r) => r.user_id === userId && r.rule_id === ruleId);
  if (userId !== undefined && ruleId !== undefined && !rule) check.fail('rule_id', CODE.NOT_FOUND);
  if (!check.ok || !rule || active === undefined) return check.answer();
  rule.active = active;
  return ok();
}

/** `queries/user_info_by_dct_number`: `{}` when no site visitor is bound — the sandbox has no call tracking (reference §3.4). */
export function dctUserInfo({ params }: RouteInput) {
  const check = new Check(params);
  check.str('number', { required: true, max: 128 });
  if (!check.ok) return check.answer();
  return json({});
}

/** `queries/user_history_by_dct_number`: an empty history (reference §3.4). */
export function dctUserHistory({ params }: RouteInput) {
  const check = new Check(params);
  check.str('number', { required: true, max: 128 });
  if (!check.ok) return check.answer();
  return json({ data: [] });
}
