import { FORMATS, type Loose, type MethodParams, RESULT } from 'mangokit/protocol';
import type { Employee, EmployeeNumber, Office, Schedule } from '../../office/types.js';
import { type Check, readParams } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById, extensionTaken, nextId } from '../lookup.js';
import type { RouteInput } from '../route.js';

/** A PSTN number of an employee's device (reference §5: 3136 otherwise). */
const TEL_NUMBER = /^\+?\d{3,15}$/;
/** Polite defaults for an employee created through the API. */
const DEFAULT_POLICY = { onRing: 'answer', answerAfterSec: 3 } as const;

/** The employee fields of `member/create` and `member/update`, as their rows read them. */
type MemberFields = Omit<MethodParams<'member/update'>, 'user_id'>;

/**
 * Checks what an employee's fields need beyond their row (reference §3.6.3): a `tel` number is a
 * phone number, a `SpecificDate` schedule item has its date, and what the office must have (the
 * login and extension free, the role, line and trunk number there and usable for calls out).
 */
function checkMember(check: Check, office: Office, p: Loose<MemberFields>, userId?: number): void {
  p.numbers?.forEach((n, i) => {
    if ((n?.protocol ?? 'tel') === 'tel' && n?.number !== undefined && !TEL_NUMBER.test(n.number))
      check.fail(`numbers[${i}].number`, RESULT.BAD_NUMBER_FORMAT);
    n?.schedule?.items?.forEach((item, j) => {
      const date = item?.specific_date;
      if (item?.type === 'SpecificDate' && (date === undefined || !FORMATS.date.test(date)))
        check.fail(`numbers[${i}].schedule.items[${j}].specific_date`, RESULT.WRONG_FORMAT);
    });
  });
  if (p.login !== undefined && office.employees.some((e) => e.login === p.login && e.user_id !== userId))
    check.fail('login', RESULT.IN_USE);
  if (p.access_role_id !== undefined && !office.roles.some((r) => r.role_id === p.access_role_id))
    check.fail('access_role_id', RESULT.NOT_FOUND);
  const { extension } = p;
  if (
    extension !== undefined &&
    extensionTaken(office, extension, userId === undefined ? undefined : { userId })
  )
    check.fail('extension', RESULT.IN_USE);
  if (p.line_id !== undefined) {
    const line = office.lines.find((l) => l.line_id === p.line_id);
    if (!line) check.fail('line_id', RESULT.NOT_FOUND);
    // Passive SIP lines cannot be an employee's outgoing line (reference §3.6.3).
    else if (line.region === 'sip') check.fail('line_id', RESULT.LINE_NOT_OUTGOING);
  }
  if (p.trunk_number_id !== undefined) {
    const t = office.trunk_numbers.find((n) => n.trunk_number_id === p.trunk_number_id);
    if (!t) check.fail('trunk_number_id', RESULT.NOT_FOUND);
    else if (t.options !== 4 && t.options !== 6) check.fail('trunk_number_id', RESULT.LINE_NOT_OUTGOING);
  }
  const outgoing = p.outgoingline;
  if (outgoing !== undefined && !office.lines.some((l) => l.number === outgoing || l.name === outgoing))
    check.fail('outgoingline', RESULT.LINE_NOT_OUTGOING);
}

function scheduleOf(s: NonNullable<NonNullable<MemberFields['numbers']>[number]['schedule']>): Schedule {
  const out: Schedule = { items: [] };
  if (s.from !== undefined) out.from = s.from;
  if (s.until !== undefined) out.until = s.until;
  for (const { type, from, until, specific_date } of s.items ?? [])
    out.items.push({ type, from, until, ...(specific_date && { specific_date }) });
  return out;
}

/** The office's employee fields from checked parameters (the password is only checked: it is not kept). */
function memberChanges(p: MemberFields): Partial<Employee> {
  const { numbers, password: _password, ...plain } = p;
  const fields: Partial<Employee> = plain;
  if (numbers !== undefined) {
    fields.numbers = numbers.map((n, order): EmployeeNumber => {
      const entry: EmployeeNumber = {
        number: n.number,
        protocol: n.protocol ?? 'tel',
        order,
        wait_sec: n.wait_sec ?? 0,
        status: n.status ?? 'on',
      };
      if (n.schedule) entry.schedule = scheduleOf(n.schedule);
      return entry;
    });
  }
  return fields;
}

/** `member/create` (reference §3.6.3) → `{result, user_id}`. */
export function memberCreate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('member/create', params);
  checkMember(check, office, check.p);
  const p = check.valid();
  if (!p) return check.answer();
  const employee: Employee = {
    user_id: nextId(office.employees, (e) => e.user_id),
    dial_alg: 0,
    numbers: [],
    sips: [],
    policy: { ...DEFAULT_POLICY },
    ...memberChanges(p),
    name: p.name,
    access_role_id: p.access_role_id,
  };
  office.employees.push(employee);
  return ok({ user_id: employee.user_id });
}

/** `member/update`: `user_id` + any create field + `outgoingline`; `numbers` replaces all (reference §3.6.3). */
export function memberUpdate({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('member/update', params);
  const id = check.p.user_id;
  const employee = id === undefined ? undefined : employeeById(office, id);
  if (id !== undefined && !employee) check.fail('user_id', RESULT.NOT_FOUND);
  checkMember(check, office, check.p, id);
  const p = check.valid();
  if (!p || !employee) return check.answer();
  const { user_id: _id, ...fields } = p;
  Object.assign(employee, memberChanges(fields));
  return ok();
}

/** `member/delete` (reference §3.6.3): also leaves every group; 5227 / 5203 while a rule still names the employee. */
export function memberDelete({ ctx, params }: RouteInput) {
  const office = ctx.office();
  const check = readParams('member/delete', params);
  const id = check.p.user_id;
  const index = id === undefined ? -1 : office.employees.findIndex((e) => e.user_id === id);
  if (id !== undefined && index < 0) check.fail('user_id', RESULT.NOT_FOUND);
  if (!check.valid()) return check.answer();
  // Used in an auto-secretary rule (reference §5: 5227).
  if (office.autosecretary_rules.some((r) => r.user_id === id && r.active))
    return fail(RESULT.USED_IN_AUTOSECRETARY);
  // Used in a caller-number forwarding rule (reference §5: 5203).
  if (office.forwarding_rules.some((r) => r.forward_to_user?.forward_user_id === id))
    return fail(RESULT.USED_IN_CALLER_FORWARDING);
  office.employees.splice(index, 1);
  for (const g of office.groups) g.operators = g.operators.filter((o) => o.id !== id);
  return ok();
}
