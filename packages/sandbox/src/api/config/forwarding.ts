import { type Loose, type MethodParams, RESULT } from 'mangokit/protocol';
import type { ForwardingRule, Office } from '../../office/types.js';
import { type Check, readParams } from '../check.js';
import { ok } from '../http/answer.js';
import { employeeById, nextId } from '../lookup.js';
import type { RouteInput } from '../route.js';

/** The rule fields of `forwarding/number/add` and `…/change`, as their rows read them (reference §3.6.4). */
type RuleFields = Omit<MethodParams<'forwarding/number/change'>, 'forward_id'>;

/** The target a rule names must exist: its group or its employee. */
function checkTarget(check: Check, office: Office, p: Loose<RuleFields>): void {
  const group = p.forward_to_group?.forward_group_id;
  if (group !== undefined && !office.groups.some((g) => g.id === group))
    check.fail('forward_to_group.forward_group_id', RESULT.NOT_FOUND);
  const user = p.forward_to_user?.forward_user_id;
  if (user !== undefined && !employeeById(office, user))
    check.fail('forward_to_user.forward_user_id', RESULT.NOT_FOUND);
}

/** One rule per caller number: another rule's number is taken (3106). */
function checkNumber(check: Check, office: Office, number: string | undefined, own?: ForwardingRule): void {
  if (
    number !== undefined &&
    office.forwarding_rules.some((r) => r.client_phone_number === number && r !== own)
  )
    check.fail('client_phone_number', RESULT.IN_USE);
}

/** The office's rule fields from checked parameters; each `forward_type` brings only its own target object. */
function ruleChanges(p: RuleFields): Partial<ForwardingRule> {
  const { forward_to_ext: ext, ...rest } = p;
  const fields: Partial<ForwardingRule> = rest;
  if (ext) fields.forward_to_ext = { ...ext, forward_wait_sec: ext.forward_wait_sec ?? 0 };
  return fields;
}

/** `forwarding/numbers`: `limit` ≤ 1000 (default 1000), `offset` (reference §3.6.4). */
export function forwardingList({ ctx, params }: RouteInput) {
  const check = readParams('forwarding/numbers', params);
  const p = check.valid();
  if (!p) return check.answer();
  const limit = p.limit ?? 1000;
  const offset = p.offset ?? 0;
  const rules = ctx.office().forwarding_rules;
  return ok({ numbers: rules.slice(offset, offset + limit), total: rules.length });
}

/** `forwarding/number/add`: one rule per caller number (reference §3.6.4). */
export function forwardingAdd({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('forwarding/number/add', params);
  checkTarget(check, office, check.p);
  checkNumber(check, office, check.p.client_phone_number);
  const p = check.valid();
  if (!p) return check.answer();
  const rule: ForwardingRule = {
    forward_id: nextId(office.forwarding_rules, (r) => r.forward_id),
    client_phone_type: 0,
    status: 1,
    ...ruleChanges(p),
    client_phone_number: p.client_phone_number,
    forward_type: p.forward_type,
  };
  office.forwarding_rules.push(rule);
  return ok({ forward_id: rule.forward_id });
}

/** `forwarding/number/change`: `forward_id` + fields (reference §3.6.4). */
export function forwardingChange({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('forwarding/number/change', params);
  const id = check.p.forward_id;
  const rule = office.forwarding_rules.find((r) => r.forward_id === id);
  if (id !== undefined && !rule) check.fail('forward_id', RESULT.NOT_FOUND);
  checkTarget(check, office, check.p);
  checkNumber(check, office, check.p.client_phone_number, rule);
  const p = check.valid();
  if (!p || !rule) return check.answer();
  const { forward_id: _id, ...fields } = p;
  if (fields.forward_type !== undefined) {
    // A new target type replaces the old target object.
    delete rule.forward_to_group;
    delete rule.forward_to_user;
    delete rule.forward_to_ext;
  }
  Object.assign(rule, ruleChanges(fields));
  return ok();
}

/** `forwarding/number/remove` (reference §3.6.4). */
export function forwardingRemove({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('forwarding/number/remove', params);
  const id = check.p.forward_id;
  const index = office.forwarding_rules.findIndex((r) => r.forward_id === id);
  if (id !== undefined && index < 0) check.fail('forward_id', RESULT.NOT_FOUND);
  if (!check.valid()) return check.answer();
  office.forwarding_rules.splice(index, 1);
  return ok();
}
