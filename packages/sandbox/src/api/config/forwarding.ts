import type { ForwardingRule, Office } from '../../office/types.js';
import { CODE, Check } from '../check.js';
import { ok } from '../http/answer.js';
import { employeeById, nextId } from '../lookup.js';
import type { RouteInput } from '../route.js';

const TYPES = ['group', 'user', 'ext_forward'] as const;

/** Reads the rule fields of reference §3.6.4 into `target`; `required` for `add`. */
function readRule(check: Check, office: Office, target: Partial<ForwardingRule>, required: boolean): void {
  const number = check.str('client_phone_number', { required, max: 128 });
  if (number !== undefined) target.client_phone_number = number;
  const type = check.int('client_phone_type', { oneOf: [0, 1] });
  if (type !== undefined) target.client_phone_type = type as 0 | 1;
  const status = check.int('status', { oneOf: [0, 1] });
  if (status !== undefined) target.status = status as 0 | 1;
  const comment = check.str('comment', { max: 255 });
  if (comment !== undefined) target.comment = comment;
  const forwardType = check.str('forward_type', { required, oneOf: TYPES });
  if (forwardType === undefined) return;
  target.forward_type = forwardType as ForwardingRule['forward_type'];
  // Each forward_type needs its matching forward_to_* object (reference §3.6.4).
  if (forwardType === 'group') {
    const id = check.int('forward_to_group.forward_group_id', { required: true });
    if (id !== undefined && !office.groups.some((g) => g.id === id))
      check.fail('forward_to_group.forward_group_id', CODE.NOT_FOUND);
    else if (id !== undefined) target.forward_to_group = { forward_group_id: id };
  } else if (forwardType === 'user') {
    const id = check.int('forward_to_user.forward_user_id', { required: true });
    const contact = check.int('forward_to_user.forward_contact_id');
    const isDefault = check.bool('forward_to_user.is_default_contact_id');
    if (id !== undefined && !employeeById(office, id))
      check.fail('forward_to_user.forward_user_id', CODE.NOT_FOUND);
    else if (id !== undefined) {
      target.forward_to_user = { forward_user_id: id };
      if (contact !== undefined) target.forward_to_user.forward_contact_id = contact;
      if (isDefault !== undefined) target.forward_to_user.is_default_contact_id = isDefault;
    }
  } else {
    const numberType = check.str('forward_to_ext.forward_number_type', { required: true });
    const to = check.str('forward_to_ext.forward_number', { required: true, max: 128 });
    const wait = check.int('forward_to_ext.forward_wait_sec', { min: 0, max: 300 }) ?? 0;
    if (numberType !== undefined && to !== undefined) {
      target.forward_to_ext = { forward_number_type: numberType, forward_number: to, forward_wait_sec: wait };
    }
  }
}

/** `forwarding/numbers`: `limit` ≤ 1000 (default 1000), `offset` (reference §3.6.4). */
export function forwardingList({ ctx, params }: RouteInput) {
  const check = new Check(params);
  const limit = check.int('limit', { min: 1, max: 1000 }) ?? 1000;
  const offset = check.int('offset', { min: 0 }) ?? 0;
  if (!check.ok) return check.answer();
  const rules = ctx.office().forwarding_rules;
  return ok({ numbers: rules.slice(offset, offset + limit), total: rules.length });
}

/** `forwarding/number/add`: one rule per caller number (reference §3.6.4). */
export function forwardingAdd({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const fields: Partial<ForwardingRule> = {};
  readRule(check, office, fields, true);
  const number = fields.client_phone_number;
  if (number !== undefined && office.forwarding_rules.some((r) => r.client_phone_number === number)) {
    check.fail('client_phone_number', CODE.IN_USE);
  }
  if (!check.ok) return check.answer();
  const rule: ForwardingRule = {
    forward_id: nextId(office.forwarding_rules, (r) => r.forward_id),
    client_phone_number: '',
    client_phone_type: 0,
    status: 1,
    forward_type: 'user',
    ...fields,
  };
  office.forwarding_rules.push(rule);
  return ok({ forward_id: rule.forward_id });
}

/** `forwarding/number/change`: `forward_id` + fields (reference §3.6.4). */
export function forwardingChange({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('forward_id', { required: true });
  const rule = office.forwarding_rules.find((r) => r.forward_id === id);
  if (id !== undefined && !rule) check.fail('forward_id', CODE.NOT_FOUND);
  const fields: Partial<ForwardingRule> = {};
  readRule(check, office, fields, false);
  const number = fields.client_phone_number;
  if (
    number !== undefined &&
    office.forwarding_rules.some((r) => r.client_phone_number === number && r !== rule)
  ) {
    check.fail('client_phone_number', CODE.IN_USE);
  }
  if (!check.ok || !rule) return check.answer();
  if (fields.forward_type !== undefined) {
    // A new target type replaces the old target object.
    delete rule.forward_to_group;
    delete rule.forward_to_user;
    delete rule.forward_to_ext;
  }
  Object.assign(rule, fields);
  return ok();
}

/** `forwarding/number/remove` (reference §3.6.4). */
export function forwardingRemove({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('forward_id', { required: true });
  const index = office.forwarding_rules.findIndex((r) => r.forward_id === id);
  if (id !== undefined && index < 0) check.fail('forward_id', CODE.NOT_FOUND);
  if (!check.ok) return check.answer();
  office.forwarding_rules.splice(index, 1);
  return ok();
}
