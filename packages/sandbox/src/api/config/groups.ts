import type { Group, GroupOperator, Office } from '../../office/types.js';
import { CODE, Check } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeByExtension, employeeById, extensionTaken, nextId } from '../lookup.js';
import type { RouteInput } from '../route.js';

const DIAL_ALG_GROUP = [0, 1, 2, 3, 5] as const;
const DIAL_ALG_USERS = [1, 2, 3, 4, 5] as const;
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
  const check = new Check(params);
  const groupId = check.int('group_id');
  const operatorId = check.int('operator_id');
  const operatorExt = check.str('operator_extension');
  const showUsers = check.bool('show_users') ?? true;
  if (!check.ok) return check.answer();
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

/** Reads the writable fields of a group into `target`; `prefix` is `group.` for updates. */
function readGroupFields(
  check: Check,
  office: Office,
  prefix: string,
  target: Partial<Group>,
  groupId?: number,
): void {
  const name = check.str(`${prefix}name`, { max: 255 });
  if (name !== undefined) target.name = name;
  const description = check.str(`${prefix}description`, { max: 1024 });
  if (description !== undefined) target.description = description;
  const extension = check.str(`${prefix}extension`);
  if (extension !== undefined) {
    if (!/^\d{1,10}$/.test(extension)) check.fail(`${prefix}extension`, CODE.FORMAT);
    else if (extensionTaken(office, extension, groupId === undefined ? undefined : { groupId })) {
      check.fail(`${prefix}extension`, CODE.IN_USE);
    } else target.extension = extension;
  }
  const alg = check.int(`${prefix}dial_alg_group`, { oneOf: DIAL_ALG_GROUP });
  if (alg !== undefined) target.dial_alg_group = alg as Group['dial_alg_group'];
  const users = check.int(`${prefix}dial_alg_users`, { oneOf: DIAL_ALG_USERS });
  if (users !== undefined) target.dial_alg_users = users;
  for (const f of [
    'auto_redirect',
    'auto_dial',
    'use_dynamic_ivr',
    'use_dynamic_seq_num',
    'melody_id',
  ] as const) {
    const v = check.int(`${prefix}${f}`, { min: 0 });
    if (v !== undefined) target[f] = v;
  }
  const lineId = check.int(`${prefix}line_id`);
  if (lineId !== undefined) {
    if (!office.lines.some((l) => l.line_id === lineId)) check.fail(`${prefix}line_id`, CODE.NOT_FOUND);
    else target.line_id = lineId;
  }
  const melody = target.melody_id;
  if (melody !== undefined && !office.audiofiles.some((a) => a.id === melody))
    check.fail(`${prefix}melody_id`, CODE.NOT_FOUND);
  const ops = check.list(`${prefix}operators`);
  if (ops !== undefined) {
    const operators: GroupOperator[] = [];
    ops.forEach((raw, i) => {
      const op = new Check({ op: raw });
      const id = op.int('op.id', { required: true });
      const priority = op.int('op.priority', { min: 0 }) ?? 1;
      if (!op.ok || id === undefined) check.fail(`${prefix}operators`, CODE.FORMAT);
      else if (!employeeById(office, id)) check.fail(`${prefix}operators`, CODE.NOT_FOUND);
      else if (!operators.some((o) => o.id === id)) operators.push({ id, priority, order: i });
    });
    target.operators = operators;
  }
}

/** `group/create` (reference §3.6.1) → `{result, group_id}`. */
export function groupCreate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  check.str('name', { required: true });
  const fields: Partial<Group> = {};
  readGroupFields(check, office, '', fields);
  if (!check.ok) return check.answer();
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
  const check = new Check(params);
  const id = check.int('group_id', { required: true });
  check.obj('group', { required: true });
  const group = id === undefined ? undefined : office.groups.find((g) => g.id === id);
  if (id !== undefined && !group) check.fail('group_id', CODE.NOT_FOUND);
  const fields: Partial<Group> = {};
  if (group) readGroupFields(check, office, 'group.', fields, group.id);
  if (!check.ok || !group) return check.answer();
  Object.assign(group, fields);
  return ok();
}

/** `group/delete` (reference §3.6.1): 5202 when a scheme sends calls to it, 5203 when a forwarding rule does. */
export function groupDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('group_id', { required: true });
  const index = id === undefined ? -1 : office.groups.findIndex((g) => g.id === id);
  if (id !== undefined && index < 0) check.fail('group_id', CODE.NOT_FOUND);
  if (!check.ok) return check.answer();
  if (office.schemes.some((s) => s.nodes.some((n) => n.type === 'group' && n.group_id === id)))
    return fail(5202);
  if (office.forwarding_rules.some((r) => r.forward_to_group?.forward_group_id === id)) return fail(5203);
  office.groups.splice(index, 1);
  return ok();
}
