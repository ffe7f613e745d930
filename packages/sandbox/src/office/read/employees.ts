import { OFFICE_ISSUES } from '../../i18n/messages.js';
import type { Employee, EmployeeNumber } from '../types.js';
import { readPolicy, readSchedule } from './policy.js';
import { join, membersOf, type Reader } from './reader.js';

const PROTOCOLS = membersOf<EmployeeNumber['protocol']>()(['tel', 'sip', 'fmc']);
const DEVICE_STATUS = membersOf<EmployeeNumber['status']>()(['on', 'off']);
const RECORDING = membersOf<NonNullable<Employee['recording']>>()(['none', 'all', 'incoming', 'outgoing']);

/** One employee: identity, devices (with schedules), SIP accounts, phone policy, recording. */
export function readEmployee(r: Reader, v: unknown, path: string): Employee | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const user_id = r.num(o, 'user_id', path, true, 1);
  const name = r.str(o, 'name', path, true);
  const extension = r.str(o, 'extension', path, false);
  if (extension !== undefined && !/^\d{1,8}$/.test(extension)) {
    r.fail(join(path, 'extension'), OFFICE_ISSUES.extension(extension));
  }
  const numbers: EmployeeNumber[] = [];
  r.arr(o, 'numbers', path).forEach((nv, i) => {
    const p = join(join(path, 'numbers'), i);
    const no = r.obj(nv, p);
    if (!no) return;
    const number = r.str(no, 'number', p, true);
    const protocol = r.oneOf(no, 'protocol', p, PROTOCOLS);
    const status = r.oneOf(no, 'status', p, DEVICE_STATUS, 'on');
    const n: EmployeeNumber = {
      number: number ?? '',
      protocol: protocol ?? 'tel',
      order: r.num(no, 'order', p, false, 0) ?? i,
      wait_sec: r.num(no, 'wait_sec', p, false, 0) ?? 0,
      status: status ?? 'on',
    };
    if (no.schedule !== undefined) {
      const sch = readSchedule(r, no.schedule, join(p, 'schedule'));
      if (sch) n.schedule = sch;
    }
    numbers.push(n);
  });
  const sips: Employee['sips'] = [];
  r.arr(o, 'sips', path).forEach((sv, i) => {
    const p = join(join(path, 'sips'), i);
    const so = r.obj(sv, p);
    if (!so) return;
    sips.push({
      id: r.num(so, 'id', p, true) ?? 0,
      login: r.str(so, 'login', p, true) ?? '',
      domain: r.str(so, 'domain', p, true) ?? '',
      ...(typeof so.password === 'string' ? { password: so.password } : {}),
      ...(typeof so.description === 'string' ? { description: so.description } : {}),
    });
  });
  const policy =
    o.policy === undefined
      ? { onRing: 'answer' as const, answerAfterSec: 3 }
      : readPolicy(r, o.policy, join(path, 'policy'));
  const recording = r.oneOf(o, 'recording', path, RECORDING, 'none');
  if (user_id === undefined || name === undefined || !policy) return undefined;
  const e: Employee = {
    ...(o as unknown as Employee),
    user_id,
    name,
    access_role_id: r.num(o, 'access_role_id', path, false) ?? 2,
    dial_alg: r.num(o, 'dial_alg', path, false, 0) ?? 1,
    numbers,
    sips,
    policy,
    recording: recording ?? 'none',
  };
  if (extension !== undefined) e.extension = extension;
  const cc = r.num(o, 'cc_status', path, false, 0);
  if (cc !== undefined) e.cc_status = cc;
  return e;
}
