import type { CallTrackingNumber, DctPage, DctVisitor } from '../types.js';
import { OFFICE_ISSUES } from '../../i18n/messages.js';
import { join, membersOf, type Obj, type Reader } from './reader.js';

type VisitorLocation = NonNullable<DctVisitor['location']>;
type VisitorChannel = NonNullable<DctVisitor['channel']>;

const TRACKING_TYPES = membersOf<CallTrackingNumber['type']>()([1, 2]);
const DEVICES = membersOf<NonNullable<DctVisitor['device']>>()(['mobile', 'desktop']);
const LOCATION_KEYS = membersOf<keyof VisitorLocation>()(['country_code', 'region_code', 'region', 'city']);
const CHANNEL_KEYS = membersOf<keyof VisitorChannel>()(['source', 'medium', 'campaign', 'content', 'term']);
/** Optional string fields of a visitor. */
const VISITOR_STRINGS = [
  'widget_name',
  'ga_cid',
  'ya_cid',
  'rs_cid',
  'ip',
  'custom',
] as const satisfies readonly (keyof DctVisitor)[];
/** Ids the vendor sends as numbers or strings: kept as given. */
const VISITOR_IDS = ['widget_id', 'product_id', 'region_id'] as const satisfies readonly (keyof DctVisitor)[];

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HTTP_URL = /^https?:\/\/\S+$/;

/** An ISO 8601 date-time with a zone (YAML timestamps parsed into `Date` are accepted too). */
function readIsoDate(r: Reader, o: Obj, key: string, path: string, required: boolean): string | undefined {
  const v = o[key];
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString();
  const s = r.str(o, key, path, required);
  if (s === undefined) return undefined;
  if (!ISO_UTC.test(s) || Number.isNaN(Date.parse(s))) {
    r.fail(join(path, key), OFFICE_ISSUES.isoDateTime(v));
    return undefined;
  }
  return s;
}

function readUrl(r: Reader, o: Obj, key: string, path: string): string | undefined {
  const url = r.str(o, key, path, true);
  if (url !== undefined && !HTTP_URL.test(url)) {
    r.fail(join(path, key), OFFICE_ISSUES.httpUrl(url));
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
  for (const k of VISITOR_STRINGS) {
    const s = r.str(o, k, path, false);
    if (s !== undefined) visitor[k] = s;
  }
  if (typeof visitor.custom === 'string' && visitor.custom.length > 100) {
    r.fail(join(path, 'custom'), OFFICE_ISSUES.tooLong(100, visitor.custom.length));
  }
  for (const k of VISITOR_IDS) {
    const id = o[k];
    if (id === undefined) continue;
    if (!(typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)))) {
      r.fail(join(path, k), OFFICE_ISSUES.numberOrString(id));
    }
  }
  const duration = r.num(o, 'duration', path, false, 0);
  if (duration !== undefined) visitor.duration = duration;
  const device = o.device === undefined ? undefined : r.oneOf(o, 'device', path, DEVICES);
  if (device !== undefined) visitor.device = device;
  if (o.location !== undefined) {
    visitor.location = readStrings(r, o.location, join(path, 'location'), LOCATION_KEYS);
  }
  if (o.channel !== undefined) {
    visitor.channel = readStrings(r, o.channel, join(path, 'channel'), CHANNEL_KEYS);
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

/** One call-tracking number: a line, dynamic (with its site visitor and pages) or static (reference §3.4). */
export function readTracking(r: Reader, v: unknown, path: string): CallTrackingNumber | undefined {
  const o = r.obj(v, path);
  if (!o) return undefined;
  const number = r.str(o, 'number', path, true);
  const type = r.oneOf(o, 'type', path, TRACKING_TYPES);
  if (type === 2) {
    for (const k of ['visitor', 'history'] as const) {
      if (o[k] !== undefined) r.fail(join(path, k), OFFICE_ISSUES.visitorOnDynamic);
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
