import type { Employee } from '../../office/types.js';
import { CODE, Check } from '../check.js';
import { ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';
import { callHistory } from '../history.js';

/** Contact-Center statuses (reference §4.9). */
export const CC_STATUSES = [
  { id: 1, alias: 'online', name: 'На линии' },
  { id: 2, alias: 'dnd', name: 'Не беспокоить' },
  { id: 3, alias: 'break', name: 'Перерыв' },
  { id: 4, alias: 'offline', name: 'Не в сети' },
  { id: 5, alias: 'outbound', name: 'Исходящий обзвон' },
  { id: 6, alias: 'all_calls', name: 'Все звонки' },
] as const;
const OFFLINE = 4;

function alias(status: number): string {
  return CC_STATUSES.find((s) => s.id === status)?.alias ?? `custom_${status}`;
}

function abonent(check: Check, input: RouteInput): Employee | undefined {
  // The doc's table and example disagree on the name (reference §4.9): accept both.
  const name = check.has('abonent_id') ? 'abonent_id' : 'abonent';
  const id = check.int(name, { required: true });
  const employee = id === undefined ? undefined : employeeById(input.ctx.office(), id);
  if (id !== undefined && !employee) check.fail(name, CODE.NOT_FOUND);
  return employee;
}

function notifyStatus(input: RouteInput, employee: Employee, status: number): void {
  const ms = Math.round(input.ctx.engine.now() * 1000);
  input.ctx.engine.notify('events/user/status_changed', {
    abonent_id: employee.user_id,
    status,
    status_alias: alias(status),
    parent_status: status > 6 ? 1 : status,
    when: ms,
    timestamp: ms,
  });
}

/** `/cc/set_abonent_status`: `abonent_id`, `status` (reference §3.8, §4.9). */
function setAbonentStatus(input: RouteInput) {
  const check = new Check(input.params);
  const employee = abonent(check, input);
  const status = check.int('status', { required: true, min: 1 });
  if (!check.ok || !employee || status === undefined) return check.answer();
  employee.cc_status = status;
  notifyStatus(input, employee, status);
  return ok();
}

/** `/cc/set_session_status`: starts (`1`, `online`) or ends (`0`, `offline`) a working session. */
function setSessionStatus(input: RouteInput) {
  const check = new Check(input.params);
  const employee = abonent(check, input);
  const raw = input.params.status ?? input.params.session_status;
  const start = raw === 1 || raw === '1' || raw === 'online' || raw === 'start' || raw === true;
  const end = raw === 0 || raw === '0' || raw === 'offline' || raw === 'end' || raw === false;
  if (raw === undefined) check.fail('status', CODE.REQUIRED);
  else if (!start && !end) check.fail('status', CODE.FORMAT);
  if (!check.ok || !employee) return check.answer();
  const status = start ? 1 : OFFLINE;
  employee.cc_status = status;
  if (end) {
    input.ctx.engine.notify('events/user/session_end', {
      result: 1000,
      abonent_id: employee.user_id,
      session: `${employee.user_id}`,
      timestamp: Math.round(input.ctx.engine.now() * 1000),
    });
  } else notifyStatus(input, employee, status);
  return ok();
}

/** `/cc/get_presence`: status per abonent; `calls[]` is undocumented and left empty (reference §3.8). */
function getPresence(input: RouteInput) {
  const check = new Check(input.params);
  const ids = check.intList('abonent_ids');
  if (!check.ok) return check.answer();
  const data = input.ctx
    .office()
    .employees.filter((e) => !ids || ids.includes(e.user_id))
    .map((e) => {
      const status = e.cc_status ?? OFFLINE;
      return {
        abonent_id: e.user_id,
        name: e.name,
        extension: e.extension ?? '',
        status,
        status_alias: alias(status),
        calls: [],
      };
    });
  return ok({ data });
}

/** `/cc/get_statuses`: the status catalogue (reference §4.9). */
function getStatuses() {
  return ok({ statuses: CC_STATUSES });
}

/** `vpbx/cc/call/`: Contact-Center data of a finished call group; the sandbox keeps no tags or marks (reference §3.8). */
function callData(input: RouteInput) {
  const check = new Check(input.params);
  const entryId = check.str('entry_id', { required: true });
  const call = entryId === undefined ? undefined : callHistory(input.ctx).find((c) => c.entry_id === entryId);
  if (entryId !== undefined && !call) check.fail('entry_id', CODE.NOT_FOUND);
  if (!check.ok || !call) return check.answer();
  return ok({
    call: {
      conversion: [],
      tag_id: [],
      call_comment: '',
      script_id: [],
      mark_client: null,
      mark_controller: null,
      recording_id: call.legs.flatMap((l) => l.records),
    },
  });
}

/** `vpbx/cc/tags/`: no tags are defined in a sandbox office. */
function tags() {
  return ok({ tags: [] });
}

/** Contact-Center statuses and presence (reference §3.8). */
export const ccRoutes: RouteTable = {
  'vpbx/cc/call': callData,
  'vpbx/cc/tags': tags,
  'cc/set_abonent_status': setAbonentStatus,
  'cc/set_session_status': setSessionStatus,
  'cc/get_presence': getPresence,
  'cc/get_statuses': getStatuses,
};
