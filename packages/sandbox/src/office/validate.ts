import { OfficeValidationError } from './errors.js';
import { readTracking } from './read/callTracking.js';
import { readEmployee } from './read/employees.js';
import { readGroup } from './read/groups.js';
import { readAudio, readLine } from './read/lines.js';
import { readBwLists, readForwarding, readOutbound } from './read/lists.js';
import { readPolicy } from './read/policy.js';
import { OFFICE_ISSUES } from '../i18n/messages.js';
import { Reader } from './read/reader.js';
import { checkReferences } from './read/references.js';
import { readScheme } from './read/schemes.js';
import type { Office, PhonePolicy } from './types.js';

/**
 * Validates an untrusted office description and returns a complete {@link Office}: optional
 * collections default to empty, phone policies to "answer after 3 s". Throws
 * {@link OfficeValidationError} listing every problem with its path.
 */
export function validateOffice(input: unknown, source?: string): Office {
  const r = new Reader();
  const o = r.obj(input, '');
  if (!o) throw new OfficeValidationError(r.issues, source);
  const name = r.str(o, 'name', '', true) ?? '';
  const api_key = r.str(o, 'api_key', '', true) ?? '';
  const api_salt = r.str(o, 'api_salt', '', true) ?? '';
  if (api_key && !/^[A-Za-z0-9_-]{4,64}$/.test(api_key)) r.fail('api_key', OFFICE_ISSUES.apiKey);
  if (api_salt === '' && o.api_salt !== undefined) r.fail('api_salt', OFFICE_ISSUES.apiSaltEmpty);
  const acc = o.account === undefined ? {} : r.obj(o.account, 'account');
  const tariffs = acc?.tariffs === undefined ? {} : r.obj(acc.tariffs, 'account.tariffs');
  const employees = r
    .arr(o, 'employees', '', true)
    .flatMap((v, i) => readEmployee(r, v, `employees[${i}]`) ?? []);
  const groups = r.arr(o, 'groups', '').flatMap((v, i) => readGroup(r, v, `groups[${i}]`) ?? []);
  const lines = r.arr(o, 'lines', '', true).flatMap((v, i) => readLine(r, v, `lines[${i}]`) ?? []);
  const schemes = r.arr(o, 'schemes', '').flatMap((v, i) => readScheme(r, v, `schemes[${i}]`) ?? []);
  const audiofiles = r.arr(o, 'audiofiles', '').flatMap((v, i) => readAudio(r, v, `audiofiles[${i}]`) ?? []);
  const sms_senders = r.arr(o, 'sms_senders', '').flatMap((v, i) => {
    if (typeof v === 'string') return [v];
    r.fail(`sms_senders[${i}]`, OFFICE_ISSUES.notString(v));
    return [];
  });
  const defaultPolicy =
    o.default_customer_policy === undefined
      ? { onRing: 'answer' as const, answerAfterSec: 4, hangupAfterSec: 30 }
      : readPolicy(r, o.default_customer_policy, 'default_customer_policy');
  const customers: Record<string, PhonePolicy> = {};
  if (o.customers !== undefined) {
    const co = r.obj(o.customers, 'customers');
    for (const [num, pv] of Object.entries(co ?? {})) {
      const p = readPolicy(r, pv, `customers.${num}`);
      if (p) customers[num] = p;
    }
  }
  const office: Office = {
    ...(o as unknown as Office),
    product_id: r.num(o, 'product_id', '', false, 0) ?? 400_000_001,
    name,
    api_key,
    api_salt,
    account: {
      balance: (acc && r.num(acc, 'balance', 'account', false)) ?? 1000,
      currency: (acc && r.str(acc, 'currency', 'account', false)) ?? 'RUB',
      tariffs: {
        outgoing_per_minute:
          (tariffs && r.num(tariffs, 'outgoing_per_minute', 'account.tariffs', false, 0)) ?? 1,
        incoming_per_minute:
          (tariffs && r.num(tariffs, 'incoming_per_minute', 'account.tariffs', false, 0)) ?? 0,
        sms: (tariffs && r.num(tariffs, 'sms', 'account.tariffs', false, 0)) ?? 2,
      },
    },
    employees,
    groups,
    lines,
    schemes,
    audiofiles,
    sms_senders,
    roles: (o.roles as Office['roles']) ?? [],
    domains: (o.domains as Office['domains']) ?? [],
    trunk_numbers: (o.trunk_numbers as Office['trunk_numbers']) ?? [],
    bwlists: readBwLists(r, o.bwlists) ?? {
      active: 'black',
      black: { allow_unknown_number: true, numbers: [] },
      white: { allow_unknown_number: true, numbers: [] },
    },
    outbound_blacklist: readOutbound(r, o.outbound_blacklist) ?? { enabled: false, numbers: [] },
    forwarding_rules: r
      .arr(o, 'forwarding_rules', '')
      .flatMap((v, i) => readForwarding(r, v, `forwarding_rules[${i}]`) ?? []),
    autosecretary_rules: (o.autosecretary_rules as Office['autosecretary_rules']) ?? [],
    customers,
    default_customer_policy: defaultPolicy ?? { onRing: 'answer' },
  };
  if (o.forward_sip_call_id === undefined) delete office.forward_sip_call_id;
  else office.forward_sip_call_id = r.bool(o, 'forward_sip_call_id', '', false);
  if (o.call_tracking === undefined || o.call_tracking === null) delete office.call_tracking;
  else {
    office.call_tracking = r
      .arr(o, 'call_tracking', '')
      .flatMap((v, i) => readTracking(r, v, `call_tracking[${i}]`) ?? []);
  }
  for (const key of [
    'roles',
    'domains',
    'trunk_numbers',
    'forwarding_rules',
    'autosecretary_rules',
  ] as const) {
    if (!Array.isArray(office[key])) r.fail(key, OFFICE_ISSUES.notArray(office[key]));
  }
  if (r.issues.length === 0) checkReferences(r, office);
  if (r.issues.length > 0) throw new OfficeValidationError(r.issues, source);
  return office;
}
