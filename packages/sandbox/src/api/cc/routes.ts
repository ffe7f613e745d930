import { RESULT } from 'mangokit/protocol';
import type { Employee } from '../../office/types.js';
import { type Check, readParams } from '../check.js';
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

/** The employee an abonent id names (`abonent_id`, or `abonent` as the doc's example writes it, reference §4.9). */
function abonent(check: Check, input: RouteInput, id: number | undefined): Employee | undefined {
  const employee = id === undefined ? undefined : employeeById(input.ctx.office(), id);
  if (id !== undefined && !employee) check.fail('abonent_id', RESULT.NOT_FOUND);
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
  const check = readParams('../cc/set_abonent_status', input.params);
  const employee = abonent(check, input, check.p.abonent_id);
  const p = check.valid();
  if (!p || !employee) return check.answer();
  employee.cc_status = p.status;
  notifyStatus(input, employee, p.status);
  return ok();
}

/** `/cc/set_session_status`: starts (`1`, `online`) or ends (`0`, `offline`) a working session. */
function setSessionStatus(input: RouteInput) {
  const check = readParams('../cc/set_session_status', input.params);
  const employee = abonent(check, input, check.p.abonent_id);
  const p = check.valid();
  if (!p || !employee) return check.answer();
  const status = p.status ? 1 : OFFLINE;
  employee.cc_status = status;
  if (!p.status) {
    input.ctx.engine.notify('events/user/session_end', {
      result: RESULT.SUCCESS,
      abonent_id: employee.user_id,
      session: `${employee.user_id}`,
      timestamp: Math.round(input.ctx.engine.now() * 1000),
    });
  } else notifyStatus(input, employee, status);
  return ok();
}

/** `/cc/get_presence`: status per abonent; `calls[]` is undocumented and left empty (reference §3.8). */
function getPresence(input: RouteInput) {
  const check = readParams('../cc/get_presence', input.params);
  const p = check.valid();
  if (!p) return check.answer();
  const ids = p.abonent_ids;
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
  const check = readParams('cc/call', input.params);
  const entryId = check.p.entry_id;
  const call = entryId === undefined ? undefined : callHistory(input.ctx).find((c) => c.entry_id === entryId);
  if (entryId !== undefined && !call) check.fail('entry_id', RESULT.NOT_FOUND);
  if (!check.valid() || !call) return check.answer();
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
