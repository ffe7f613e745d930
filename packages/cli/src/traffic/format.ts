/**
 * The traffic file: what `mangokit listen --record` and `mangokit proxy --record` write and what
 * `mangokit sandbox --replay` and `mangokit conformance` read. JSON Lines, one object per line:
 *
 * - `header` — written when a recorder opens the file: format, version, which recorder, whether
 *   numbers are masked. A file may hold several (one per recording session, appended).
 * - `notification` — one request the PBX posted to the integrator, as received: arrival time,
 *   notification path, method, target, headers, the raw body and its form fields, the answer.
 * - `exchange` — one API request of an application and the upstream's answer, as forwarded.
 *
 * `sign` values are always redacted (`redacted-64-hex`, from `mangokit/protocol`); with number
 * masking, phone numbers and SIP addresses are replaced by stable tokens (see `mask.ts`).
 * Everything else is kept as it was on the wire.
 */

/** The `format` of a header line. */
export const TRAFFIC_FORMAT = 'mangokit-traffic';
/** The version of the format this code writes and reads. */
export const TRAFFIC_VERSION = 1;

/**
 * A body as recorded: UTF-8 text as a string, or for anything else (audio, an upload) its length
 * and SHA-256, with the bytes as base64 when they fit the recorder's limit.
 */
export type RecordedBody = string | { bytes: number; sha256: string; base64?: string };

/** A request as it arrived (a notification) or was forwarded (an API request). */
export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query, e.g. `/crm/mango/events/call`. */
  url: string;
  /** Request headers, names lower-cased; credentials of other schemes (cookies, Authorization) redacted. */
  headers: Record<string, string>;
  /** The raw body with `sign` redacted (and numbers masked when asked). */
  body: RecordedBody;
  /** The form fields read from the body (`vpbx_api_key`, `sign`, `json`; file parts by name and size). */
  form?: Record<string, string>;
}

/** The first line of every recording session. */
export interface TrafficHeader {
  type: 'header';
  format: typeof TRAFFIC_FORMAT;
  version: number;
  /** `listen`, `proxy`, `corpus`, … */
  recorder: string;
  started_at: string;
  /** Phone numbers and SIP addresses are replaced by tokens. */
  masked_numbers: boolean;
  /** The proxy's upstream base URL. */
  upstream?: string;
  /** Free text: where the recording comes from. */
  note?: string;
}

/** One notification the PBX posted, as received. */
export interface NotificationRecord extends RecordedRequest {
  type: 'notification';
  /** Arrival time, ISO 8601 with milliseconds. */
  at: string;
  /** The notification path below the integrator's base, e.g. `events/call`. */
  path: string;
  /** The HTTP status the receiver answered. */
  status: number;
  /** The signature was checked against the receiver's credentials (absent: not checked). */
  verified?: boolean;
  /** Why the receiver refused it, when it did. */
  reason?: string;
}

/** The upstream's answer to a forwarded API request. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: RecordedBody;
}

/** One API request and its answer, as forwarded by the proxy. */
export interface ExchangeRecord {
  type: 'exchange';
  /** When the request arrived, ISO 8601 with milliseconds. */
  at: string;
  /** The API path without leading or trailing slashes, e.g. `vpbx/commands/callback`. */
  path: string;
  /** Milliseconds until the upstream's answer headers arrived. */
  ms: number;
  request: RecordedRequest;
  /** Absent when the upstream could not be reached (then `error` says why). */
  response?: RecordedResponse;
  error?: string;
}

/** Any line of a traffic file. */
export type TrafficRecord = TrafficHeader | NotificationRecord | ExchangeRecord;

/** A traffic file that cannot be read: the line and what is wrong with it. */
export class TrafficFormatError extends Error {
  override name = 'TrafficFormatError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

/** A parsed traffic file: its headers, notifications and exchanges, each in time order. */
export interface Traffic {
  headers: TrafficHeader[];
  notifications: NotificationRecord[];
  exchanges: ExchangeRecord[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkBody(v: unknown, where: string, line: number): void {
  if (typeof v === 'string') return;
  if (isObject(v) && typeof v.bytes === 'number' && typeof v.sha256 === 'string') return;
  throw new TrafficFormatError(`${where} must be a string or {bytes, sha256, base64?}`, line);
}

function checkRequest(v: unknown, where: string, line: number): void {
  if (!isObject(v)) throw new TrafficFormatError(`${where} must be an object`, line);
  if (typeof v.method !== 'string') throw new TrafficFormatError(`${where}.method must be a string`, line);
  if (typeof v.url !== 'string') throw new TrafficFormatError(`${where}.url must be a string`, line);
  if (v.headers !== undefined && !isObject(v.headers))
    throw new TrafficFormatError(`${where}.headers must be an object`, line);
  checkBody(v.body ?? '', `${where}.body`, line);
  if (v.form !== undefined && !isObject(v.form))
    throw new TrafficFormatError(`${where}.form must be an object`, line);
}

function checkTime(v: unknown, line: number): void {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v)))
    throw new TrafficFormatError('"at" must be an ISO 8601 time', line);
}

/** Reads one line of a traffic file; throws `TrafficFormatError` naming what is wrong. */
export function parseTrafficLine(text: string, line = 0): TrafficRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TrafficFormatError('not JSON', line);
  }
  if (!isObject(value)) throw new TrafficFormatError('not a JSON object', line);
  switch (value.type) {
    case 'header':
      if (value.format !== TRAFFIC_FORMAT)
        throw new TrafficFormatError(`header format must be "${TRAFFIC_FORMAT}"`, line);
      if (typeof value.version !== 'number' || value.version > TRAFFIC_VERSION)
        throw new TrafficFormatError(
          `version ${String(value.version)} is newer than this mangokit reads (${TRAFFIC_VERSION})`,
          line,
        );
      return value as unknown as TrafficHeader;
    case 'notification':
      checkTime(value.at, line);
      if (typeof value.path !== 'string') throw new TrafficFormatError('"path" must be a string', line);
      checkRequest(value, 'notification', line);
      return { headers: {}, body: '', status: 200, ...value } as unknown as NotificationRecord;
    case 'exchange':
      checkTime(value.at, line);
      if (typeof value.path !== 'string') throw new TrafficFormatError('"path" must be a string', line);
      checkRequest(value.request, 'request', line);
      if (value.response !== undefined) {
        if (!isObject(value.response) || typeof value.response.status !== 'number')
          throw new TrafficFormatError('response.status must be a number', line);
        checkBody(value.response.body ?? '', 'response.body', line);
      }
      return {
        ms: 0,
        ...value,
        request: { headers: {}, body: '', ...(value.request as object) },
        ...(value.response !== undefined
          ? { response: { headers: {}, body: '', ...(value.response as object) } }
          : {}),
      } as unknown as ExchangeRecord;
    default:
      throw new TrafficFormatError(
        `unknown record type ${JSON.stringify(value.type)} (header, notification or exchange)`,
        line,
      );
  }
}

/** Reads a whole traffic file (several files: concatenate their texts). Blank lines are skipped. */
export function parseTraffic(text: string): Traffic {
  const traffic: Traffic = { headers: [], notifications: [], exchanges: [] };
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const record = parseTrafficLine(line, i + 1);
    if (record.type === 'header') traffic.headers.push(record);
    else if (record.type === 'notification') traffic.notifications.push(record);
    else traffic.exchanges.push(record);
  }
  // Recorders write when an answer is sent; arrival order is the order that matters.
  const byTime = (a: { at: string }, b: { at: string }) => Date.parse(a.at) - Date.parse(b.at);
  traffic.notifications.sort(byTime);
  traffic.exchanges.sort(byTime);
  return traffic;
}

/** Merges several parsed files into one timeline (`--replay a.jsonl --replay b.jsonl`). */
export function mergeTraffic(parts: readonly Traffic[]): Traffic {
  const merged: Traffic = {
    headers: parts.flatMap((p) => p.headers),
    notifications: parts.flatMap((p) => p.notifications),
    exchanges: parts.flatMap((p) => p.exchanges),
  };
  const byTime = (a: { at: string }, b: { at: string }) => Date.parse(a.at) - Date.parse(b.at);
  merged.notifications.sort(byTime);
  merged.exchanges.sort(byTime);
  return merged;
}

/** The text of a recorded body (binary bodies: their bytes when kept, else undefined). */
export function bodyText(body: RecordedBody): string | undefined {
  if (typeof body === 'string') return body;
  return body.base64 === undefined ? undefined : Buffer.from(body.base64, 'base64').toString('utf8');
}

/** The bytes of a recorded body, or undefined when only its length and hash were kept. */
export function bodyBytes(body: RecordedBody): Buffer | undefined {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return body.base64 === undefined ? undefined : Buffer.from(body.base64, 'base64');
}
