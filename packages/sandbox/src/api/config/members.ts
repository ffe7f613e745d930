import { SCHEDULE_ITEM_TYPES } from 'mangokit/protocol';
import type { Employee, EmployeeNumber, Office, Schedule } from '../../office/types.js';
import { CODE, Check } from '../check.js';
import { ok } from '../http/answer.js';
import { employeeById, extensionTaken, nextId } from '../lookup.js';
import type { RouteInput } from '../route.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Polite defaults for an employee created through the API. */
const DEFAULT_POLICY = { onRing: 'answer', answerAfterSec: 3 } as const;

/** ≥ 8 characters with lower and upper Latin letters and digits (reference §5: 3120). */
export function weakPassword(password: string): boolean {
  return password.length < 8 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password);
}

function schedule(check: Check, path: string): Schedule | undefined {
  const obj = check.obj(path);
  if (!obj) return undefined;
  const out: Schedule = { items: [] };
  const from = check.str(`${path}.from`);
  const until = check.str(`${path}.until`);
  if (from !== undefined) out.from = from;
  if (until !== undefined) out.until = until;
  const items = check.list(`${path}.items`) ?? [];
  items.forEach((raw, i) => {
    const item = new Check({ item: raw });
    const type = item.str('item.type', { required: true, oneOf: SCHEDULE_ITEM_TYPES });
    const f = item.str('item.from', { required: true });
    const u = item.str('item.until', { required: true });
    if (f !== undefined && !HHMM.test(f)) item.fail('item.from', CODE.FORMAT);
    if (u !== undefined && !HHMM.test(u)) item.fail('item.until', CODE.FORMAT);
    // `date` in the member/update text, `specific_date` in create (reference §3.6.3): accept both.
    const date = item.str('item.specific_date') ?? item.str('item.date');
    if (type === 'SpecificDate' && (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date))) {
      item.fail('item.specific_date', CODE.FORMAT);
    }
    for (const [field, code] of Object.entries(item.fields))
      check.fail(`${path}.items[${i}]${field.slice(4)}`, code);
    if (item.ok && type && f && u) {
      out.items.push({
        type: type as Schedule['items'][number]['type'],
        from: f,
        until: u,
        ...(date && { specific_date: date }),
      });
    }
  });
  return out;
}

function numbers(check: Check): EmployeeNumber[] | undefined {
  const list = check.list('numbers');
  if (!list) return undefined;
  return list.flatMap((raw, i) => {
    const n = new Check({ n: raw });
    const number = n.str('n.number', { required: true, max: 128 });
    const protocol = n.str('n.protocol', { oneOf: ['tel', 'sip', 'fmc'] }) ?? 'tel';
    const waitSec = n.int('n.wait_sec', { min: 0, max: 300 }) ?? 0;
    const status = n.str('n.status', { oneOf: ['on', 'off'] }) ?? 'on';
    if (protocol === 'tel' && number !== undefined && !/^\+?\d{3,15}$/.test(number)) n.fail('n.number', 3136);
    const sched = schedule(n, 'n.schedule');
    for (const [field, code] of Object.entries(n.fields)) check.fail(`numbers[${i}]${field.slice(1)}`, code);
    if (!n.ok || number === undefined) return [];
    const entry: EmployeeNumber = {
      number,
      protocol: protocol as EmployeeNumber['protocol'],
      order: i,
      wait_sec: waitSec,
      status: status as EmployeeNumber['status'],
    };
    if (sched) entry.schedule = sched;
    return [entry];
  });
}

/** Reads the create/update fields of reference §3.6.3 into `target`. */
function readMemberFields(check: Check, office: Office, target: Partial<Employee>, userId?: number): void {
  for (const f of ['name', 'department', 'position', 'mobile'] as const) {
    const v = check.str(f, { max: 255 });
    if (v !== undefined) target[f] = v;
  }
  const email = check.str('email', { max: 255 });
  if (email !== undefined) {
    if (!EMAIL.test(email)) check.fail('email', 3112);
    else target.email = email;
  }
  const login = check.str('login', { max: 255 });
  const password = check.str('password', { max: 255 });
  // Both or neither (reference §3.6.3).
  if ((login === undefined) !== (password === undefined))
    check.fail(login === undefined ? 'login' : 'password', CODE.TOGETHER);
  if (password !== undefined && weakPassword(password)) check.fail('password', 3120);
  if (login !== undefined && office.employees.some((e) => e.login === login && e.user_id !== userId)) {
    check.fail('login', CODE.IN_USE);
  } else if (login !== undefined) target.login = login;
  const useStatus = check.bool('use_status');
  if (useStatus !== undefined) target.use_status = useStatus;
  const useCc = check.bool('use_cc_numbers');
  if (useCc !== undefined) target.use_cc_numbers = useCc;
  const role = check.int('access_role_id');
  if (role !== undefined) {
    if (!office.roles.some((r) => r.role_id === role)) check.fail('access_role_id', CODE.NOT_FOUND);
    else target.access_role_id = role;
  }
  const extension = check.str('extension');
  if (extension !== undefined) {
    if (!/^\d{1,10}$/.test(extension)) check.fail('extension', CODE.FORMAT);
    else if (extensionTaken(office, extension, userId === undefined ? undefined : { userId }))
      check.fail('extension', CODE.IN_USE);
    else target.extension = extension;
  }
  const lineId = check.int('line_id');
  if (lineId !== undefined) {
    const line = office.lines.find((l) => l.line_id === lineId);
    if (!line) check.fail('line_id', CODE.NOT_FOUND);
    // Passive SIP lines cannot be an employee's outgoing line (reference §3.6.3).
    else if (line.region === 'sip') check.fail('line_id', CODE.LINE_NOT_OUTGOING);
    else target.line_id = lineId;
  }
  const trunk = check.int('trunk_number_id');
  if (trunk !== undefined) {
    const t = office.trunk_numbers.find((n) => n.trunk_number_id === trunk);
    if (!t) check.fail('trunk_number_id', CODE.NOT_FOUND);
    else if (t.options !== 4 && t.options !== 6) check.fail('trunk_number_id', CODE.LINE_NOT_OUTGOING);
    else target.trunk_number_id = trunk;
  }
  const dialAlg = check.int('dial_alg', { oneOf: [0, 1, 2] });
  if (dialAlg !== undefined) target.dial_alg = dialAlg;
  const nums = numbers(check);
  if (nums !== undefined) target.numbers = nums;
}

/** `member/create` (reference §3.6.3) → `{result, user_id}`. */
export function memberCreate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  check.str('name', { required: true });
  check.int('access_role_id', { required: true });
  check.str('extension', { required: true });
  const fields: Partial<Employee> = {};
  readMemberFields(check, office, fields);
  if (!check.ok) return check.answer();
  const employee: Employee = {
    user_id: nextId(office.employees, (e) => e.user_id),
    name: fields.name ?? '',
    access_role_id: fields.access_role_id ?? 0,
    dial_alg: 0,
    numbers: [],
    sips: [],
    policy: { ...DEFAULT_POLICY },
    ...fields,
  };
  office.employees.push(employee);
  return ok({ user_id: employee.user_id });
}

/** `member/update`: `user_id` + any create field + `outgoingline`; `numbers` replaces all (reference §3.6.3). */
export function memberUpdate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('user_id', { required: true });
  const employee = id === undefined ? undefined : employeeById(office, id);
  if (id !== undefined && !employee) check.fail('user_id', CODE.NOT_FOUND);
  const fields: Partial<Employee> = {};
  readMemberFields(check, office, fields, id);
  const outgoing = check.str('outgoingline');
  if (outgoing !== undefined) {
    if (!office.lines.some((l) => l.number === outgoing || l.name === outgoing))
      check.fail('outgoingline', CODE.LINE_NOT_OUTGOING);
    else fields.outgoingline = outgoing;
  }
  if (!check.ok || !employee) return check.answer();
  Object.assign(employee, fields);
  return ok();
}

/** `member/delete` (reference §3.6.3): also leaves every group; 5227 / 5203 while a rule still names the employee. */
export function memberDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = new Check(params);
  const id = check.int('user_id', { required: true });
  const index = id === undefined ? -1 : office.employees.findIndex((e) => e.user_id === id);
  if (id !== undefined && index < 0) check.fail('user_id', CODE.NOT_FOUND);
  if (!check.ok) return check.answer();
  // Used in an auto-secretary rule (reference §5: 5227).
  if (office.autosecretary_rules.some((r) => r.user_id === id && r.active))
    return { status: 200, body: { result: 5227 } };
  // Used in a caller-number forwarding rule (reference §5: 5203).
  if (office.forwarding_rules.some((r) => r.forward_to_user?.forward_user_id === id))
    return { status: 200, body: { result: 5203 } };
  office.employees.splice(index, 1);
  for (const g of office.groups) g.operators = g.operators.filter((o) => o.id !== id);
  return ok();
}
