import type { Employee, Office } from '../../office/types.js';
import { METHOD_SPECS } from 'mangokit/protocol';
import { readParams } from '../check.js';
import { json } from '../http/answer.js';
import { digits } from '../lookup.js';
import type { RouteInput } from '../route.js';

/** `ext_fields` of `config/users/request` (reference §3.5): its row's list. */
export const USER_EXT_FIELDS = METHOD_SPECS['config/users/request'].params.ext_fields.items.oneOf;

function userView(office: Office, e: Employee, ext: ReadonlySet<string>): Record<string, unknown> {
  const general: Record<string, unknown> = {
    name: e.name,
    email: e.email ?? '',
    department: e.department ?? '',
    position: e.position ?? '',
  };
  if (ext.has('general.user_id')) general.user_id = e.user_id;
  if (ext.has('general.access_role_id')) general.access_role_id = e.access_role_id;
  if (ext.has('general.mobile')) general.mobile = e.mobile ?? '';
  if (ext.has('general.login')) general.login = e.login ?? '';
  if (ext.has('general.use_status')) general.use_status = e.use_status ?? false;
  if (ext.has('general.use_cc_numbers')) general.use_cc_numbers = e.use_cc_numbers ?? false;
  if (ext.has('general.sips')) general.sips = e.sips.map((s) => ({ number: `sip:${s.login}@${s.domain}` }));
  const telephony: Record<string, unknown> = {
    extension: e.extension ?? '',
    outgoingline: e.outgoingline ?? '',
    numbers: [...e.numbers]
      .sort((a, b) => a.order - b.order)
      .map((n) => {
        const view: Record<string, unknown> = { number: n.number };
        // The canonical form of PSTN numbers (reference §3.5).
        if (n.protocol === 'tel') view.number_normalized = digits(n.number);
        Object.assign(view, { protocol: n.protocol, order: n.order, wait_sec: n.wait_sec, status: n.status });
        if (ext.has('telephony.numbers.schedule') && n.schedule) view.schedule = n.schedule;
        return view;
      }),
  };
  if (ext.has('telephony.dial_alg')) telephony.dial_alg = e.dial_alg;
  if (ext.has('telephony.line_id')) telephony.line_id = e.line_id ?? null;
  if (ext.has('telephony.trunk_number_id')) telephony.trunk_number_id = e.trunk_number_id ?? null;
  const user: Record<string, unknown> = { general, telephony };
  if (ext.has('groups')) {
    user.groups = office.groups.filter((g) => g.operators.some((o) => o.id === e.user_id)).map((g) => g.id);
  }
  return user;
}

/** `config/users/request` (reference §3.5): `{users:[…]}` with no `result`. */
export function usersRequest({ ctx, params }: RouteInput) {
  const check = readParams('config/users/request', params);
  const p = check.valid();
  if (!p) return check.answer();
  const { extension } = p;
  const office = ctx.office();
  const ext = new Set<string>(p.ext_fields ?? []);
  const employees =
    extension === undefined ? office.employees : office.employees.filter((e) => e.extension === extension);
  return json({ users: employees.map((e) => userView(office, e, ext)) });
}
