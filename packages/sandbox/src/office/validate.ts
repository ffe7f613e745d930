import { SCHEDULE_ITEM_TYPES } from 'mangokit/protocol';
import { OfficeValidationError, type OfficeIssue } from './errors.js';
import type {
  BwLists,
  CallTrackingNumber,
  DctPage,
  DctVisitor,
  Employee,
  EmployeeNumber,
  ForwardingRule,
  Group,
  Line,
  ListedNumber,
  Office,
  PhonePolicy,
  Schedule,
  Scheme,
  SchemeNode,
} from './types.js';

type Obj = Record<string, unknown>;

const SCHEDULE_TYPES: ReadonlySet<string> = new Set(SCHEDULE_ITEM_TYPES);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Collects issues with their paths while reading an untrusted object. */
class Reader {
  readonly issues: OfficeIssue[] = [];

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  obj(v: unknown, path: string): Obj | undefined {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
    this.fail(path, `must be an object, got ${describe(v)}`);
    return undefined;
  }

  arr(o: Obj, key: string, path: string, required = false): unknown[] {
    const v = o[key];
    if (v === undefined && !required) return [];
    if (Array.isArray(v)) return v;
    this.fail(join(path, key), `must be an array, got ${describe(v)}`);
    return [];
  }

  str(o: Obj, key: string, path: string, required: boolean): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), 'is required (a string)');
      return undefined;
    }
    // Numbers are accepted where the vendor mixes strings and numbers (reference §1.2).
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return v;
    this.fail(join(path, key), `must be a string, got ${describe(v)}`);
    return undefined;
  }

  num(
    o: Obj,
    key: string,
    path: string,
    required: boolean,
    min = Number.NEGATIVE_INFINITY,
  ): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), 'is required (a number)');
      return undefined;
    }
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.fail(join(path, key), `must be a number, got ${describe(v)}`);
      return undefined;
    }
    if (n < min) {
      this.fail(join(path, key), `must be ≥ ${min}, got ${n}`);
      return undefined;
    }
    return n;
  }

  oneOf<T extends string | number>(
    o: Obj,
    key: string,
    path: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if ((allowed as readonly unknown[]).includes(v)) return v as T;
    this.fail(
      join(path, key),
      `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}`,
    );
    return undefined;
  }

  bool(o: Obj, key: string, path: string, fallback: boolean): boolean {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.fail(join(path, key), `must be true or false, got ${describe(v)}`);
    return fallback;
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function readPolicy(r: Reader, v: unknown, path: string): PhonePolicy | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const onRing = r.oneOf(o, 'onRing', path, ['answer', 'never', 'busy', 'dnd', 'reject'] as const);
  const policy: PhonePolicy = { onRing: onRing ?? 'answer' };
  const answerAfterSec = r.num(o, 'answerAfterSec', path, false, 0);
  const hangupAfterSec = r.num(o, 'hangupAfterSec', path, false, 0);
  const abandonAfterSec = r.num(o, 'abandonAfterSec', path, false, 0);
  const digits = r.str(o, 'digits', path, false);
  if (digits !== undefined && !/^[0-9*#]*$/.test(digits))
    r.fail(join(path, 'digits'), 'may hold only 0-9, * and #');
  if (answerAfterSec !== undefined) policy.answerAfterSec = answerAfterSec;
  if (hangupAfterSec !== undefined) policy.hangupAfterSec = hangupAfterSec;
  if (abandonAfterSec !== undefined) policy.abandonAfterSec = abandonAfterSec;
  if (digits !== undefined) policy.digits = digits;
  return policy;
}

function readSchedule(r: Reader, v: unknown, path: string): Schedule | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const items: Schedule['items'] = [];
  r.arr(o, 'items', path, true).forEach((it, i) => {
    const p = join(join(path, 'items'), i);
    const io = r.obj(it, p);
    if (!io) return;
    const type = r.oneOf(io, 'type', p, [...SCHEDULE_TYPES] as Schedule['items'][number]['type'][]);
    const from = r.str(io, 'from', p, true);
    const until = r.str(io, 'until', p, true);
    for (const [k, t] of [
      ['from', from],
      ['until', until],
    ] as const) {
      if (t !== undefined && !HHMM.test(t)) r.fail(join(p, k), `must be HH:MM, got ${JSON.stringify(t)}`);
    }
    const specific = r.str(io, 'specific_date', p, type === 'SpecificDate');
    if (specific !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(specific)) {
      r.fail(join(p, 'specific_date'), `must be YYYY-MM-DD, got ${JSON.stringify(specific)}`);
    }
    if (type && from && until) {
      items.push({ type, from, until, ...(specific ? { specific_date: specific } : {}) });
    }
  });
  const s: Schedule = { items };
  const from = r.str(o, 'from', path, false);
  const until = r.str(o, 'until', path, false);
  if (from) s.from = from;
  if (until) s.until = until;
  return s;
}

function readEmployee(r: Reader, v: unknown, path: string): Employee | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const user_id = r.num(o, 'user_id', path, true, 1);
  const name = r.str(o, 'name', path, true);
  const extension = r.str(o, 'extension', path, false);
  if (extension !== undefined && !/^\d{1,8}$/.test(extension)) {
    r.fail(join(path, 'extension'), `must be 1–8 digits, got ${JSON.stringify(extension)}`);
  }
  const numbers: EmployeeNumber[] = [];
  r.arr(o, 'numbers', path).forEach((nv, i) => {
    const p = join(join(path, 'numbers'), i);
    const no = r.obj(nv, p);
    if (!no) return;
    const number = r.str(no, 'number', p, true);
    const protocol = r.oneOf(no, 'protocol', p, ['tel', 'sip', 'fmc'] as const);
    const status = r.oneOf(no, 'status', p, ['on', 'off'] as const, 'on');
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
  const recording = r.oneOf(o, 'recording', path, ['none', 'all', 'incoming', 'outgoing'] as const, 'none');
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

function readGroup(r: Reader, v: unknown, path: string): Group | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const id = r.num(o, 'id', path, true, 1);
  const name = r.str(o, 'name', path, true);
  const dial = r.oneOf(o, 'dial_alg_group', path, [0, 1, 2, 3, 5] as const, 0);
  const operators: Group['operators'] = [];
  r.arr(o, 'operators', path).forEach((ov, i) => {
    const p = join(join(path, 'operators'), i);
    const oo = r.obj(ov, p);
    if (!oo) return;
    const opId = r.num(oo, 'id', p, true);
    if (opId === undefined) return;
    const op: Group['operators'][number] = { id: opId, priority: r.num(oo, 'priority', p, false, 0) ?? 1 };
    const order = r.num(oo, 'order', p, false, 0);
    if (order !== undefined) op.order = order;
    operators.push(op);
  });
  const extension = r.str(o, 'extension', path, false);
  if (id === undefined || name === undefined || dial === undefined) return undefined;
  const g: Group = {
    ...(o as unknown as Group),
    id,
    name,
    dial_alg_group: dial,
    dial_alg_users: r.num(o, 'dial_alg_users', path, false, 1) ?? 1,
    operators,
    ring_sec: r.num(o, 'ring_sec', path, false, 1) ?? 20,
  };
  if (extension !== undefined) g.extension = extension;
  if (o.queue !== undefined && o.queue !== null) {
    const qo = r.obj(o.queue, join(path, 'queue'));
    if (qo) {
      g.queue = {
        max_size: r.num(qo, 'max_size', join(path, 'queue'), true, 0) ?? 0,
        max_wait_sec: r.num(qo, 'max_wait_sec', join(path, 'queue'), true, 1) ?? 60,
      };
    }
  } else {
    delete g.queue;
  }
  return g;
}

function readLine(r: Reader, v: unknown, path: string): Line | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const line_id = r.num(o, 'line_id', path, true, 1);
  const number = r.str(o, 'number', path, true);
  const region = r.str(o, 'region', path, false) ?? '77';
  const schema_id = r.num(o, 'schema_id', path, false);
  if (line_id === undefined || number === undefined) return undefined;
  const l: Line = { ...(o as unknown as Line), line_id, number, region };
  if (schema_id !== undefined) l.schema_id = schema_id;
  return l;
}

function readNode(r: Reader, v: unknown, path: string): SchemeNode | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const id = r.str(o, 'id', path, true);
  const type = r.oneOf(o, 'type', path, [
    'menu',
    'disa',
    'play',
    'group',
    'employee',
    'number',
    'hangup',
  ] as const);
  if (id === undefined || type === undefined) return undefined;
  const opt = (k: string) => r.str(o, k, path, false);
  switch (type) {
    case 'menu': {
      const items: Record<string, string> = {};
      const io = o.items === undefined ? {} : r.obj(o.items, join(path, 'items'));
      for (const [k, t] of Object.entries(io ?? {})) {
        if (!/^[0-9*#]$/.test(k)) r.fail(join(join(path, 'items'), k), 'menu keys must be one digit, * or #');
        if (typeof t !== 'string') r.fail(join(join(path, 'items'), k), 'must name a node id (string)');
        else items[k] = t;
      }
      const n: SchemeNode = { id, type, timeout_sec: r.num(o, 'timeout_sec', path, false, 1) ?? 10, items };
      const audio = r.num(o, 'audio_id', path, false);
      if (audio !== undefined) n.audio_id = audio;
      const t = opt('timeout');
      if (t) n.timeout = t;
      return n;
    }
    case 'disa': {
      const n: SchemeNode = {
        id,
        type,
        wait_sec: r.num(o, 'wait_sec', path, false, 1) ?? 5,
        max_digits: r.num(o, 'max_digits', path, false, 1) ?? 99,
        timeout_sec: r.num(o, 'timeout_sec', path, false, 1) ?? 15,
      };
      const audio = r.num(o, 'audio_id', path, false);
      if (audio !== undefined) n.audio_id = audio;
      const next = opt('next');
      if (next) n.next = next;
      const t = opt('timeout');
      if (t) n.timeout = t;
      return n;
    }
    case 'play': {
      const n: SchemeNode = {
        id,
        type,
        audio_id: r.num(o, 'audio_id', path, true) ?? 0,
        duration_sec: r.num(o, 'duration_sec', path, false, 0) ?? 0,
      };
      const next = opt('next');
      if (next) n.next = next;
      return n;
    }
    case 'group': {
      const n: SchemeNode = { id, type, group_id: r.num(o, 'group_id', path, true) ?? 0 };
      const f = opt('fallback');
      if (f) n.fallback = f;
      return n;
    }
    case 'employee': {
      const n: SchemeNode = { id, type, extension: r.str(o, 'extension', path, true) ?? '' };
      const f = opt('fallback');
      if (f) n.fallback = f;
      return n;
    }
    case 'number': {
      const n: SchemeNode = { id, type, number: r.str(o, 'number', path, true) ?? '' };
      const f = opt('fallback');
      if (f) n.fallback = f;
      return n;
    }
    case 'hangup':
      return { id, type };
  }
}

function readScheme(r: Reader, v: unknown, path: string): Scheme | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const schema_id = r.num(o, 'schema_id', path, true, 1);
  const name = r.str(o, 'name', path, false) ?? `Scheme ${String(schema_id)}`;
  const start = r.str(o, 'start', path, true);
  const nodes: SchemeNode[] = [];
  r.arr(o, 'nodes', path, true).forEach((nv, i) => {
    const n = readNode(r, nv, join(join(path, 'nodes'), i));
    if (n) nodes.push(n);
  });
  if (schema_id === undefined || start === undefined) return undefined;
  const s: Scheme = { schema_id, name, start, nodes };
  if (typeof o.description === 'string') s.description = o.description;
  return s;
}

function unique<T>(
  r: Reader,
  items: T[],
  key: (t: T) => string | number | undefined,
  path: string,
  what: string,
): void {
  const seen = new Map<string | number, number>();
  items.forEach((it, i) => {
    const k = key(it);
    if (k === undefined) return;
    const prev = seen.get(k);
    if (prev !== undefined)
      r.fail(join(path, i), `duplicate ${what} ${JSON.stringify(k)} (also at ${join(path, prev)})`);
    else seen.set(k, i);
  });
}

function readListed(r: Reader, v: unknown, path: string): ListedNumber | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const number = r.str(o, 'number', path, true);
  const type = r.oneOf(o, 'number_type', path, ['tel', 'sip'] as const, 'tel');
  if (number === undefined || type === undefined) return undefined;
  const n: ListedNumber = { number_id: r.num(o, 'number_id', path, false) ?? 0, number, number_type: type };
  if (typeof o.comment === 'string') n.comment = o.comment;
  return n;
}

function readBwLists(r: Reader, v: unknown): BwLists | undefined {
  if (v === undefined) return undefined;
  const o = r.obj(v, 'bwlists');
  if (!o) return undefined;
  const active = r.oneOf(o, 'active', 'bwlists', ['black', 'white'] as const, 'black') ?? 'black';
  const list = (key: 'black' | 'white') => {
    const path = `bwlists.${key}`;
    const lo = o[key] === undefined ? {} : r.obj(o[key], path);
    const numbers = lo
      ? r.arr(lo, 'numbers', path).flatMap((nv, i) => readListed(r, nv, `${path}.numbers[${i}]`) ?? [])
      : [];
    return { allow_unknown_number: lo ? r.bool(lo, 'allow_unknown_number', path, true) : true, numbers };
  };
  return { active, black: list('black'), white: list('white') };
}

function readOutbound(r: Reader, v: unknown): Office['outbound_blacklist'] | undefined {
  if (v === undefined) return undefined;
  const o = r.obj(v, 'outbound_blacklist');
  if (!o) return undefined;
  const numbers = r.arr(o, 'numbers', 'outbound_blacklist').flatMap((nv, i) => {
    const p = `outbound_blacklist.numbers[${i}]`;
    const no = r.obj(nv, p);
    if (!no) return [];
    const number = r.str(no, 'number', p, true);
    const mode = r.oneOf(no, 'mode', p, [1, 2, 3] as const, 3);
    if (number === undefined || mode === undefined) return [];
    const ban: Office['outbound_blacklist']['numbers'][number] = {
      number,
      mode,
      enabled: r.bool(no, 'enabled', p, true),
    };
    if (typeof no.description === 'string') ban.description = no.description;
    const userId = r.num(no, 'user_id', p, false);
    if (userId !== undefined) ban.user_id = userId;
    return [ban];
  });
  return { enabled: r.bool(o, 'enabled', 'outbound_blacklist', true), numbers };
}

function readForwarding(r: Reader, v: unknown, path: string): ForwardingRule | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const number = r.str(o, 'client_phone_number', path, true);
  const type = r.oneOf(o, 'forward_type', path, ['group', 'user', 'ext_forward'] as const);
  const status = r.oneOf(o, 'status', path, [0, 1] as const, 1);
  const phoneType = r.oneOf(o, 'client_phone_type', path, [0, 1] as const, 0);
  if (type === 'group' && r.obj(o.forward_to_group, `${path}.forward_to_group`)) {
    r.num(o.forward_to_group as Obj, 'forward_group_id', `${path}.forward_to_group`, true);
  }
  if (type === 'user' && r.obj(o.forward_to_user, `${path}.forward_to_user`)) {
    r.num(o.forward_to_user as Obj, 'forward_user_id', `${path}.forward_to_user`, true);
  }
  if (type === 'ext_forward' && r.obj(o.forward_to_ext, `${path}.forward_to_ext`)) {
    r.str(o.forward_to_ext as Obj, 'forward_number', `${path}.forward_to_ext`, true);
  }
  if (number === undefined || type === undefined || status === undefined || phoneType === undefined)
    return undefined;
  return {
    ...(o as unknown as ForwardingRule),
    forward_id: r.num(o, 'forward_id', path, false) ?? 0,
    client_phone_number: number,
    client_phone_type: phoneType,
    status,
    forward_type: type,
  };
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** An ISO 8601 date-time with a zone (YAML timestamps parsed into `Date` are accepted too). */
function readIsoDate(r: Reader, o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = o[key];
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  const s = r.str(o, key, path, required);
  if (s === undefined) return undefined;
  if (!ISO_UTC.test(s) || Number.isNaN(Date.parse(s))) {
    r.fail(join(path, key), `must be an ISO 8601 date-time like "2026-11-27T09:15:00Z", got ${describe(v)}`);
    return undefined;
  }
  return s;
}

function readUrl(r: Reader, o: Obj, key: string, path: string): string | undefined {
  const url = r.str(o, key, path, true);
  if (url !== undefined && !HTTP_URL.test(url)) {
    r.fail(join(path, key), `must be an http(s) URL, got ${describe(url)}`);
    return undefined;
  }
  return url;
}

/** Optional string fields of a nested object, kept when present. */
function readStrings(r: Reader, v: unknown, path: string, keys: readonly string[]): Obj | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const out: Obj = { ...o };
  for (const k of keys) {
    const s = r.str(o, k, path, false);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** The visitor of a dynamic call-tracking number (reference §3.4). */
function readVisitor(r: Reader, v: unknown, path: string): DctVisitor | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const before = r.issues.length;
  const visitor: Obj = { ...o };
  const uid = r.str(o, 'uid', path, true);
  if (uid !== undefined) visitor.uid = uid;
  for (const k of ['widget_name', 'ga_cid', 'ya_cid', 'rs_cid', 'ip', 'custom']) {
    const s = r.str(o, k, path, false);
    if (s !== undefined) visitor[k] = s;
  }
  if (typeof visitor.custom === 'string' && visitor.custom.length > 100) {
    r.fail(join(path, 'custom'), `must be at most 100 characters, got ${visitor.custom.length}`);
  }
  // Ids the vendor sends as numbers or strings: kept as given.
  for (const k of ['widget_id', 'product_id', 'region_id']) {
    const id = o[k];
    if (id === undefined) continue;
    if (!(typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)))) {
      r.fail(join(path, k), `must be a number or a string, got ${describe(id)}`);
    }
  }
  const duration = r.num(o, 'duration', path, false, 0);
  if (duration !== undefined) visitor.duration = duration;
  const device =
    o.device === undefined ? undefined : r.oneOf(o, 'device', path, ['mobile', 'desktop'] as const);
  if (device !== undefined) visitor.device = device;
  if (o.location !== undefined) {
    visitor.location = readStrings(r, o.location, join(path, 'location'), [
      'country_code',
      'region_code',
      'region',
      'city',
    ]);
  }
  if (o.channel !== undefined) {
    visitor.channel = readStrings(r, o.channel, join(path, 'channel'), [
      'source',
      'medium',
      'campaign',
      'content',
      'term',
    ]);
  }
  if (o.current_page !== undefined) {
    const p = join(path, 'current_page');
    const po = r.obj(o.current_page, p);
    if (po) {
      const page: Obj = { ...po, url: readUrl(r, po, 'url', p), date: readIsoDate(r, po, 'date', p, true) };
      const title = r.str(po, 'title', p, false);
      if (title !== undefined) page.title = title;
      visitor.current_page = page;
    }
  }
  return r.issues.length === before ? (visitor as DctVisitor) : undefined;
}

function readPage(r: Reader, v: unknown, path: string): DctPage | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const url = readUrl(r, o, 'url', path);
  const date = readIsoDate(r, o, 'date', path, true);
  const title = r.str(o, 'title', path, false) ?? '';
  if (url === undefined || date === undefined) return undefined;
  return { url, date, title };
}

function readTracking(r: Reader, v: unknown, path: string): CallTrackingNumber | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const number = r.str(o, 'number', path, true);
  const type = r.oneOf(o, 'type', path, [1, 2] as const);
  if (type === 2) {
    for (const k of ['visitor', 'history'] as const) {
      if (o[k] !== undefined) r.fail(join(path, k), 'only a dynamic number (type 1) has a site visitor');
    }
  }
  const visitor = o.visitor === undefined ? undefined : readVisitor(r, o.visitor, join(path, 'visitor'));
  const history = r
    .arr(o, 'history', path)
    .flatMap((pv, i) => readPage(r, pv, join(join(path, 'history'), i)) ?? []);
  if (number === undefined || type === undefined) return undefined;
  const t: CallTrackingNumber = { number, type };
  if (visitor) t.visitor = visitor;
  if (o.history !== undefined) t.history = history;
  return t;
}

/** Checks that every id an office refers to exists (groups → employees, lines → schemes, nodes → nodes). */
function checkReferences(r: Reader, office: Office): void {
  const users = new Set(office.employees.map((e) => e.user_id));
  const groups = new Set(office.groups.map((g) => g.id));
  const audio = new Set(office.audiofiles.map((a) => a.id));
  const schemes = new Set(office.schemes.map((s) => s.schema_id));
  const extensions = new Set<string>();
  for (const e of office.employees) if (e.extension) extensions.add(e.extension);
  unique(r, office.employees, (e) => e.user_id, 'employees', 'user_id');
  unique(r, office.employees, (e) => e.extension, 'employees', 'extension');
  unique(r, office.groups, (g) => g.id, 'groups', 'id');
  unique(r, office.lines, (l) => l.number, 'lines', 'number');
  unique(r, office.schemes, (s) => s.schema_id, 'schemes', 'schema_id');
  office.groups.forEach((g, gi) => {
    if (g.extension && extensions.has(g.extension)) {
      r.fail(`groups[${gi}].extension`, `${g.extension} is already an employee's extension`);
    }
    g.operators.forEach((op, oi) => {
      if (!users.has(op.id)) r.fail(`groups[${gi}].operators[${oi}].id`, `no employee with user_id ${op.id}`);
    });
  });
  const lineNumbers = new Set(office.lines.map((l) => l.number));
  unique(r, office.call_tracking ?? [], (t) => t.number, 'call_tracking', 'number');
  office.call_tracking?.forEach((t, ti) => {
    if (!lineNumbers.has(t.number)) {
      r.fail(`call_tracking[${ti}].number`, `no line with number ${JSON.stringify(t.number)}`);
    }
  });
  office.lines.forEach((l, li) => {
    if (l.schema_id !== undefined && !schemes.has(l.schema_id)) {
      r.fail(`lines[${li}].schema_id`, `no scheme with schema_id ${l.schema_id}`);
    }
  });
  office.schemes.forEach((s, si) => {
    const ids = new Set(s.nodes.map((n) => n.id));
    const p = `schemes[${si}]`;
    unique(r, s.nodes, (n) => n.id, `${p}.nodes`, 'node id');
    if (!ids.has(s.start)) r.fail(`${p}.start`, `no node with id ${JSON.stringify(s.start)}`);
    s.nodes.forEach((n, ni) => {
      const np = `${p}.nodes[${ni}]`;
      const target = (key: string, t: string | undefined) => {
        if (t !== undefined && !ids.has(t)) r.fail(`${np}.${key}`, `no node with id ${JSON.stringify(t)}`);
      };
      if ('audio_id' in n && n.audio_id !== undefined && !audio.has(n.audio_id)) {
        r.fail(`${np}.audio_id`, `no audio file with id ${n.audio_id}`);
      }
      switch (n.type) {
        case 'menu':
          for (const [k, t] of Object.entries(n.items)) target(`items.${k}`, t);
          target('timeout', n.timeout);
          break;
        case 'disa':
          target('next', n.next);
          target('timeout', n.timeout);
          break;
        case 'play':
          target('next', n.next);
          break;
        case 'group':
          if (!groups.has(n.group_id)) r.fail(`${np}.group_id`, `no group with id ${n.group_id}`);
          target('fallback', n.fallback);
          break;
        case 'employee':
          if (!extensions.has(n.extension))
            r.fail(`${np}.extension`, `no employee with extension ${n.extension}`);
          target('fallback', n.fallback);
          break;
        case 'number':
          target('fallback', n.fallback);
          break;
        case 'hangup':
          break;
      }
    });
  });
  office.forwarding_rules.forEach((f, fi) => {
    if (f.forward_type === 'user' && f.forward_to_user && !users.has(f.forward_to_user.forward_user_id)) {
      r.fail(`forwarding_rules[${fi}].forward_to_user.forward_user_id`, 'no such employee');
    }
    if (
      f.forward_type === 'group' &&
      f.forward_to_group &&
      !groups.has(f.forward_to_group.forward_group_id)
    ) {
      r.fail(`forwarding_rules[${fi}].forward_to_group.forward_group_id`, 'no such group');
    }
  });
}

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
  if (api_key && !/^[A-Za-z0-9_-]{4,64}$/.test(api_key))
    r.fail('api_key', 'must be 4–64 letters, digits, _ or -');
  if (api_salt === '' && o.api_salt !== undefined) r.fail('api_salt', 'must not be empty');
  const acc = o.account === undefined ? {} : r.obj(o.account, 'account');
  const tariffs = acc?.tariffs === undefined ? {} : r.obj(acc.tariffs, 'account.tariffs');
  const employees = r
    .arr(o, 'employees', '', true)
    .flatMap((v, i) => readEmployee(r, v, `employees[${i}]`) ?? []);
  const groups = r.arr(o, 'groups', '').flatMap((v, i) => readGroup(r, v, `groups[${i}]`) ?? []);
  const lines = r.arr(o, 'lines', '', true).flatMap((v, i) => readLine(r, v, `lines[${i}]`) ?? []);
  const schemes = r.arr(o, 'schemes', '').flatMap((v, i) => readScheme(r, v, `schemes[${i}]`) ?? []);
  const audiofiles = r.arr(o, 'audiofiles', '').flatMap((v, i) => {
    const ao = r.obj(v, `audiofiles[${i}]`);
    if (!ao) return [];
    const id = r.num(ao, 'id', `audiofiles[${i}]`, true);
    if (id === undefined) return [];
    return [
      {
        id,
        name: r.str(ao, 'name', `audiofiles[${i}]`, false) ?? `audio-${id}.mp3`,
        duration_sec: r.num(ao, 'duration_sec', `audiofiles[${i}]`, false, 0) ?? 5,
      },
    ];
  });
  const sms_senders = r.arr(o, 'sms_senders', '').flatMap((v, i) => {
    if (typeof v === 'string') return [v];
    r.fail(`sms_senders[${i}]`, `must be a string, got ${describe(v)}`);
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
    if (!Array.isArray(office[key])) r.fail(key, `must be an array, got ${describe(office[key])}`);
  }
  if (r.issues.length === 0) checkReferences(r, office);
  if (r.issues.length > 0) throw new OfficeValidationError(r.issues, source);
  return office;
}
