import { canonicalNotificationPath } from 'mangokit/protocol';
import type { ExchangeRecord, Traffic } from '../traffic/format.js';
import { replayable } from '../replay/notifications.js';

/** A JSON object as received. */
export type Json = Record<string, unknown>;

/** One recorded notification, parsed. */
export interface Note {
  path: string;
  /** PBX time in ms: the payload's `timestamp` when it has one, else the arrival time moved onto the PBX's clock. */
  ms: number;
  payload: Json;
  /** Position in the recording (arrival order). */
  index: number;
  /** Arrival time, ms (the recorder's clock). */
  arrival: number;
}

/** One recorded leg (`call_id`) and its `events/call`, in `seq` order. */
export interface RecordedLeg {
  id: string;
  entry: string;
  /** Order of first appearance among all legs. */
  order: number;
  events: Note[];
}

/** One recorded call (`entry_id`): its legs and the other notifications about it. */
export interface RecordedCall {
  entry: string;
  /** Order of first appearance. */
  order: number;
  legs: RecordedLeg[];
  summary?: Note;
  dtmf: Note[];
  recordings: Note[];
  recordAdded: Note[];
}

/** A recording read for conformance: calls, the other notifications, API exchanges. */
export interface RecordedModel {
  calls: RecordedCall[];
  /** `result/*`, `events/sms`, `ping`, stats readiness, anything not about one call. */
  others: Note[];
  /** Every notification, in arrival order. */
  all: Note[];
  exchanges: ExchangeRecord[];
  /** Arrival time minus PBX time, ms: the least seen (exchanges are moved onto the PBX's clock by it). */
  offsetMs: number;
  /** Notification paths the recording holds (only these are compared). */
  paths: Set<string>;
  /** Notifications played at their arrival rather than their timestamp, and why. */
  timeNotes: string[];
}

/** A timestamp this much before an earlier-arrived one of the same call is not when it happened. */
const LATE_MS = 3000;

/** A number from a number or a numeric string (the vendor sends both, reference §1.2). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

/** A string from a string or a number. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** An object field, or an empty object. */
export function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

/** A call party as an event names it (`from` / `to`): only the fields the event has. */
export interface Party {
  extension?: string;
  number?: string;
  /** `taken_from_call_id`: the leg this one was taken from. */
  taken?: string;
  /** `acd_group`: the group the call came through. */
  acd?: string;
  /** `line_number`: the office's line the call came in on. */
  line?: string;
}

/** Reads a `from` / `to` field of an event. */
export function party(p: unknown): Party {
  const o = obj(p);
  const out: Party = {};
  const ext = str(o.extension);
  const number = str(o.number);
  const taken = str(o.taken_from_call_id);
  const acd = str(o.acd_group);
  const line = str(o.line_number);
  if (ext) out.extension = ext;
  if (number) out.number = number;
  if (taken) out.taken = taken;
  if (acd) out.acd = acd;
  if (line) out.line = line;
  return out;
}

/** An `events/call`'s `call_state`, or `''`. */
export function callState(n: { payload: Json }): string {
  return str(n.payload.call_state) ?? '';
}

/** One spelling per notification (`result/stat` is `result/stats`, reference §9 item 5); unknown paths as they are. */
export function canonicalPath(path: string): string {
  return canonicalNotificationPath(path) ?? path;
}

function least(values: number[]): number {
  return values.length === 0 ? 0 : Math.min(...values);
}

/** Reads a recording into calls and legs; notifications whose json is not an object are left out. */
export function readModel(traffic: Traffic): RecordedModel {
  const parsed: Array<{ path: string; at: number; payload: Json; index: number }> = [];
  for (const [index, record] of replayable(traffic.notifications).entries()) {
    let payload: unknown;
    try {
      payload = JSON.parse(record.form?.json ?? '');
    } catch {
      continue;
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) continue;
    parsed.push({
      path: canonicalPath(record.path),
      at: Date.parse(record.at),
      payload: payload as Json,
      index,
    });
  }
  // The least delay seen: timestamps are whole seconds and deliveries only ever arrive late, so the
  // smallest arrival-minus-timestamp is the closest to the clocks' true difference.
  const offsetMs = least(
    parsed
      .filter((p) => num(p.payload.timestamp) !== undefined)
      .map((p) => p.at - (num(p.payload.timestamp) as number) * 1000),
  );
  const timeNotes: string[] = [];
  // The latest PBX time seen so far per call, in arrival order.
  const latest = new Map<string, number>();
  const all: Note[] = parsed.map((p) => {
    const ts = num(p.payload.timestamp);
    const base = { path: p.path, payload: p.payload, index: p.index, arrival: p.at };
    if (ts === undefined) return { ...base, ms: p.at - offsetMs };
    const entry = str(p.payload.entry_id) ?? '';
    const before = latest.get(entry) ?? Number.NEGATIVE_INFINITY;
    let ms = ts * 1000;
    // A timestamp well before one of the same call that arrived earlier (a typo of the document's
    // examples): the notification is played where it arrived.
    if (ms + LATE_MS < before) {
      timeNotes.push(
        `${p.path} with timestamp ${ts} arrived after one stamped ${Math.round((before - ms) / 1000)} s later; played there`,
      );
      ms = before;
    }
    latest.set(entry, Math.max(before, ms));
    return { ...base, ms };
  });
  const calls = new Map<string, RecordedCall>();
  const legs = new Map<string, RecordedLeg>();
  const callOf = (entry: string) => {
    let call = calls.get(entry);
    if (!call) {
      call = { entry, order: calls.size, legs: [], dtmf: [], recordings: [], recordAdded: [] };
      calls.set(entry, call);
    }
    return call;
  };
  const others: Note[] = [];
  for (const note of all) {
    const entry = str(note.payload.entry_id);
    if (note.path === 'events/call' && entry !== undefined) {
      const id = str(note.payload.call_id) ?? '';
      const call = callOf(entry);
      let leg = legs.get(id);
      if (!leg) {
        leg = { id, entry, order: legs.size, events: [] };
        legs.set(id, leg);
        call.legs.push(leg);
      }
      leg.events.push(note);
    } else if (note.path === 'events/summary' && entry !== undefined) callOf(entry).summary = note;
    else if (note.path === 'events/dtmf' && entry !== undefined) callOf(entry).dtmf.push(note);
    else if (note.path === 'events/recording' && entry !== undefined) callOf(entry).recordings.push(note);
    else if (
      (note.path === 'events/record/added' || note.path === 'events/record/tagged') &&
      entry !== undefined
    )
      callOf(entry).recordAdded.push(note);
    else others.push(note);
  }
  for (const leg of legs.values()) {
    leg.events.sort((a, b) => (num(a.payload.seq) ?? 0) - (num(b.payload.seq) ?? 0) || a.index - b.index);
  }
  const firstMs = (c: RecordedCall) =>
    Math.min(
      ...[
        ...c.legs.flatMap((l) => l.events),
        ...(c.summary ? [c.summary] : []),
        ...c.dtmf,
        ...c.recordings,
      ].map((n) => n.ms),
    );
  const ordered = [...calls.values()].sort((a, b) => firstMs(a) - firstMs(b) || a.order - b.order);
  ordered.forEach((c, i) => {
    c.order = i;
  });
  return {
    timeNotes,
    calls: ordered,
    others,
    all,
    exchanges: traffic.exchanges,
    offsetMs,
    paths: new Set(all.map((n) => n.path)),
  };
}

/** The first and last PBX times of a call's notifications. */
export function callSpan(call: RecordedCall): { start: number; end: number } {
  const times = [
    ...call.legs.flatMap((l) => l.events),
    ...(call.summary ? [call.summary] : []),
    ...call.dtmf,
    ...call.recordings,
    ...call.recordAdded,
  ].map((n) => n.ms);
  return { start: Math.min(...times), end: Math.max(...times) };
}
