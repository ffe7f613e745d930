import { type Loose, type MethodParams, RESULT } from 'mangokit/protocol';
import type { Group, GroupOperator, Office } from '../../office/types.js';
import { type Check, readParams } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeByExtension, employeeById, extensionTaken, nextId } from '../lookup.js';
import type { RouteInput } from '../route.js';

/** Ring time per operator when a group is created through the API. */
const DEFAULT_RING_SEC = 20;

function groupView(office: Office, g: Group, showUsers: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: g.id,
    name: g.name,
    description: g.description ?? '',
    extension: g.extension ?? '',
    dial_alg_group: g.dial_alg_group,
    dial_alg_users: g.dial_alg_users,
    auto_redirect: g.auto_redirect ?? 0,
    auto_dial: g.auto_dial ?? null,
    line_id: g.line_id ?? null,
    use_dynamic_ivr: g.use_dynamic_ivr ?? 0,
    use_dynamic_seq_num: g.use_dynamic_seq_num ?? 0,
    melody_id: g.melody_id ?? null,
  };
  if (showUsers) {
    view.operators = g.operators.map((o, i) => {
      const e = employeeById(office, o.id);
      return {
        id: o.id,
        name: e?.name ?? '',
        extension: e?.extension ?? '',
        priority: o.priority,
        order: o.order ?? i,
      };
    });
  }
  return view;
}

/** `groups` (reference §3.6.1): filters `group_id`, `operator_id`, `operator_extension`; `show_users`. */
export function groupsList({ ctx, params }: RouteInput) {
  const check = readParams('groups', params);
  const p = check.valid();
  if (!p) return check.answer();
  const { group_id: groupId, operator_id: operatorId, operator_extension: operatorExt } = p;
  const showUsers = p.show_users ?? true;
  const office = ctx.office();
  const byExt = operatorExt === undefined ? undefined : employeeByExtension(office, operatorExt);
  const groups = office.groups.filter(
    (g) =>
      (groupId === undefined || g.id === groupId) &&
      (operatorId === undefined || g.operators.some((o) => o.id === operatorId)) &&
      (operatorExt === undefined || (byExt !== undefined && g.operators.some((o) => o.id === byExt.user_id))),
  );
  return ok({ groups: groups.map((g) => groupView(office, g, showUsers)) });
}

/** The writable fields of a group, as its rows read them (`group/create`, `group/update`'s `group`). */
type GroupFields = Loose<MethodParams<'group/create'>>;

/**
 * Checks what the fields of a group name in the office (the extension is free, the line, the
 * melody and the operators exist) and returns the changes; `prefix` is `group.` for updates.
 */
function groupChanges(
  check: Check,
  office: Office,
  prefix: string,
  fields: GroupFields,
  groupId?: number,
): Partial<Group> {
  const { operators: ops, extension, line_id: lineId, melody_id: melody, ...plain } = fields;
  const target = { ...plain } as Partial<Group>;
  if (extension !== undefined) {
    if (extensionTaken(office, extension, groupId === undefined ? undefined : { groupId }))
      check.fail(`${prefix}extension`, RESULT.IN_USE);
    else target.extension = extension;
  }
  if (lineId !== undefined) {
    if (!office.lines.some((l) => l.line_id === lineId)) check.fail(`${prefix}line_id`, RESULT.NOT_FOUND);
    else target.line_id = lineId;
  }
  if (melody !== undefined) {
    if (!office.audiofiles.some((a) => a.id === melody)) check.fail(`${prefix}melody_id`, RESULT.NOT_FOUND);
    else target.melody_id = melody;
  }
  if (ops !== undefined) {
    const operators: GroupOperator[] = [];
    ops.forEach((op, i) => {
      const { id, priority } = op ?? {};
      if (id === undefined) return;
      if (!employeeById(office, id)) check.fail(`${prefix}operators`, RESULT.NOT_FOUND);
      else if (!operators.some((o) => o.id === id)) operators.push({ id, priority: priority ?? 1, order: i });
    });
    target.operators = operators;
  }
  return target;
}

/** `group/create` (reference §3.6.1) → `{result, group_id}`. */
export function groupCreate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('group/create', params);
  const fields = groupChanges(check, office, '', check.p);
  if (!check.valid()) return check.answer();
  const group: Group = {
    id: nextId(office.groups, (g) => g.id),
    name: fields.name ?? '',
    dial_alg_group: 0,
    dial_alg_users: 1,
    operators: [],
    ring_sec: DEFAULT_RING_SEC,
    ...fields,
  };
  office.groups.push(group);
  return ok({ group_id: group.id });
}

/** `group/update`: `group_id` + `group:{changed fields}`; `operators` replaces the membership (reference §3.6.1). */
export function groupUpdate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('group/update', params);
  const id = check.p.group_id;
  const group = id === undefined ? undefined : office.groups.find((g) => g.id === id);
  if (id !== undefined && !group) check.fail('group_id', RESULT.NOT_FOUND);
  const fields = group ? groupChanges(check, office, 'group.', check.p.group ?? {}, group.id) : {};
  if (!check.valid() || !group) return check.answer();
  Object.assign(group, fields);
  return ok();
}

/** `group/delete` (reference §3.6.1): 5202 when a scheme sends calls to it, 5203 when a forwarding rule does. */
export function groupDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('group/delete', params);
  const id = check.p.group_id;
  const index = id === undefined ? -1 : office.groups.findIndex((g) => g.id === id);
  if (id !== undefined && index < 0) check.fail('group_id', RESULT.NOT_FOUND);
  if (!check.valid()) return check.answer();
  if (office.schemes.some((s) => s.nodes.some((n) => n.type === 'group' && n.group_id === id)))
    return fail(RESULT.USED_IN_SCHEME);
  if (office.forwarding_rules.some((r) => r.forward_to_group?.forward_group_id === id))
    return fail(RESULT.USED_IN_CALLER_FORWARDING);
  office.groups.splice(index, 1);
  return ok();
}
