import type { IncomingMessage, ServerResponse } from 'node:http';
import { forwardedEvent } from '../delivery/forwarder.js';
import { redactUrl } from '../observability/logger.js';
import type { CallQuery, CallRow, GatewayStore, LegRow, RecordingRow } from '../store/types.js';
import { readBody } from './body.js';
import { sendJson } from './respond.js';

/** A client error of the REST API (answered with its status). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A time filter: Unix seconds, or anything `Date.parse` reads (ISO 8601). */
function timeParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new ApiError(400, 'bad_parameter', `${name} must be Unix seconds or an ISO date`);
  return Math.floor(ms / 1000);
}

function intParam(url: URL, name: string, def: number, max: number): number {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return def;
  if (!/^\d+$/.test(v)) throw new ApiError(400, 'bad_parameter', `${name} must be a non-negative integer`);
  return Math.min(Number(v), max);
}

function callJson(c: CallRow) {
  return {
    entry_id: c.entryId,
    direction: c.direction,
    from_number: c.fromNumber,
    to_number: c.toNumber,
    line_number: c.lineNumber,
    employee: c.employee,
    outcome: c.outcome,
    started_at: c.startedAt,
    answered_at: c.answeredAt,
    ended_at: c.endedAt,
    talk_seconds: c.talkSeconds,
  };
}

function legJson(l: LegRow) {
  return {
    call_id: l.callId,
    state: l.state,
    from_number: l.fromNumber,
    from_extension: l.fromExtension,
    to_number: l.toNumber,
    to_extension: l.toExtension,
    started_at: l.startedAt,
    answered_at: l.answeredAt,
    ended_at: l.endedAt,
    disconnect_reason: l.disconnectReason,
  };
}

function recordingJson(r: RecordingRow) {
  return {
    recording_id: r.recordingId,
    state: r.state,
    ready: r.ready,
    archive_status: r.archiveStatus,
    file: r.filePath,
  };
}

/** `GET /calls?from&to&number&employee&outcome&limit&offset`. */
export async function listCalls(store: GatewayStore, url: URL, res: ServerResponse): Promise<void> {
  const q: CallQuery = { limit: intParam(url, 'limit', 100, 1000), offset: intParam(url, 'offset', 0, 1e9) };
  const from = timeParam(url, 'from');
  const to = timeParam(url, 'to');
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  for (const k of ['number', 'employee', 'outcome'] as const) {
    const v = url.searchParams.get(k);
    if (v) q[k] = v;
  }
  const calls = await store.queryCalls(q);
  sendJson(res, 200, { calls: calls.map(callJson) });
}

/** `GET /calls/:entry_id`: the call with its legs, recordings and every stored event. */
export async function getCall(store: GatewayStore, entryId: string, res: ServerResponse): Promise<void> {
  const [call, legs, recordings, events] = await Promise.all([
    store.getCall(entryId),
    store.legsOfCall(entryId),
    store.recordingsOfCall(entryId),
    store.eventsOfCall(entryId),
  ]);
  if (!call && events.length === 0) throw new ApiError(404, 'not_found', 'no such call');
  sendJson(res, 200, {
    call: call ? callJson(call) : null,
    legs: legs.map(legJson),
    recordings: recordings.map(recordingJson),
    events: events.map(forwardedEvent),
  });
}

/** `GET /events?after=<id>&limit=`: the pull API over the stored events. */
export async function listEvents(store: GatewayStore, url: URL, res: ServerResponse): Promise<void> {
  const after = intParam(url, 'after', 0, Number.MAX_SAFE_INTEGER);
  const events = await store.eventsAfter(after, intParam(url, 'limit', 100, 1000));
  sendJson(res, 200, { events: events.map(forwardedEvent) });
}

/**
 * `GET /consumers`: cursor, pending and dead-letter counts per consumer. Names and URLs are
 * shown redacted (rows written by older releases may still hold a URL's credentials).
 */
export async function listConsumers(store: GatewayStore, res: ServerResponse): Promise<void> {
  const consumers = (await store.consumerStatus()).map((c) => ({
    ...c,
    name: redactUrl(c.name),
    url: redactUrl(c.url),
  }));
  sendJson(res, 200, { consumers });
}

/** `GET /dead-letters?consumer=`. */
export async function listDeadLetters(store: GatewayStore, url: URL, res: ServerResponse): Promise<void> {
  const rows = await store.deadLetters(url.searchParams.get('consumer'), intParam(url, 'limit', 100, 1000));
  sendJson(res, 200, {
    dead_letters: rows.map((r) => ({
      consumer: redactUrl(r.consumer),
      event_id: r.eventId,
      entry_id: r.entryKey,
      attempts: r.attempts,
      last_error: r.lastError,
    })),
  });
}

/**
 * `POST /consumers/:name/redeliver` with `{"event_ids":[…]}` (or an empty body for every dead
 * letter of the consumer): puts dead letters back in the delivery queue.
 */
export async function redeliver(
  store: GatewayStore,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<number> {
  const body = (await readBody(req, 1 << 20)).toString('utf8').trim();
  let ids: number[] | null = null;
  if (body !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ApiError(400, 'malformed_json', 'body must be JSON');
    }
    const list = (parsed as { event_ids?: unknown })?.event_ids;
    if (list !== undefined) {
      if (!Array.isArray(list) || !list.every((x) => Number.isSafeInteger(x)))
        throw new ApiError(400, 'bad_parameter', 'event_ids must be an array of integers');
      ids = list as number[];
    }
  }
  if (!(await store.consumerStatus()).some((c) => c.name === name))
    throw new ApiError(404, 'not_found', 'no such consumer');
  const n = await store.redeliver(name, ids);
  sendJson(res, 200, { redelivered: n });
  return n;
}
