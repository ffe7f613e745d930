import { DEFAULT_STATS_FIELDS, RESULT } from 'mangokit/protocol';
import { type MethodCheck, readParams } from '../check.js';
import { fail, json, ok, status } from '../http/answer.js';
import type { RouteInput, RouteTable } from '../route.js';
import { parseRuDateTime } from '../time.js';
import { buildStatsCsv } from './csv.js';
import { buildCallsData, type CallsChunk, type CallsQuery } from './extended.js';
import { callHistory } from '../history.js';

/** "Must not exceed one month" (reference §3.1): 31 days. */
const BASIC_MAX_PERIOD_SEC = 31 * 86400;
/** Exactly 30 days fails, 30 days − 1 s works (reference §3.2, measured by N8N). */
const CALLS_MAX_PERIOD_SEC = 30 * 86400 - 1;

/** `stats/request` (reference §3.1): the parameters are its row's; the period is at most a month. */
function statsRequest({ ctx, state, params }: RouteInput) {
  const check = readParams('stats/request', params);
  const { date_from: from, date_to: to } = check.p;
  if (from !== undefined && to !== undefined && (to < from || to - from > BASIC_MAX_PERIOD_SEC))
    check.fail('date_to', RESULT.BAD_DATES);
  const p = check.valid();
  if (!p) return check.answer();
  const query = {
    dateFrom: p.date_from,
    dateTo: p.date_to,
    // `fields` as a comma-separated string (spaces tolerated) or, as in the 2017 text, a list.
    fields: p.fields ?? [...DEFAULT_STATS_FIELDS],
    ...(p.from && { from: p.from }),
    ...(p.to && { to: p.to }),
    ...(p.call_party && { callParty: p.call_party }),
  };
  const report = buildStatsCsv(callHistory(ctx), query);
  const key = state.statsJobs.start(ctx, 'basic', { data: report.csv, rows: report.rows }, p.request_id);
  // No `result` in this answer (reference §1.3).
  return json({ key });
}

function statsResult({ ctx, state, params }: RouteInput) {
  const check = readParams('stats/result', params);
  const p = check.valid();
  if (!p) return check.answer();
  const now = ctx.engine.now();
  const job = state.statsJobs.get(p.key, 'basic', now);
  if (!job) return status(404);
  const csv = state.statsJobs.ready<string>(job, now);
  if (csv === undefined) return status(204);
  return { status: 200, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } };
}

/** A `stats/calls` date: its row's format, and a day the calendar has (31.02 is refused too). */
function date(check: MethodCheck<'stats/calls/request'>, name: 'start_date' | 'end_date') {
  const text = check.p[name];
  if (text === undefined) return undefined;
  const value = parseRuDateTime(text);
  if (value === undefined) check.fail(name, RESULT.WRONG_FORMAT);
  return value;
}

/** `stats/calls/request` (reference §3.2): the parameters are its row's; the period is under 30 days. */
function callsRequest({ ctx, state, params }: RouteInput) {
  const check = readParams('stats/calls/request', params);
  const start = date(check, 'start_date');
  const end = date(check, 'end_date');
  if (start !== undefined && end !== undefined && (end < start || end - start > CALLS_MAX_PERIOD_SEC)) {
    // A period too long answers 3100 with the field code 3111 (reference §3.2).
    return fail(RESULT.INVALID_PARAMETERS, { ...check.fields, end_date: RESULT.BAD_DATES });
  }
  const p = check.valid();
  if (!p || start === undefined || end === undefined) return check.answer();
  // Ids sent as numeric strings are accepted, and the job then fails with 5004 as production's does
  // (reference §1.2: N8N verified it live); the row refuses anything else not an integer list.
  const strings = (ids: readonly (number | string)[] | undefined) => ids?.some((v) => typeof v === 'string');
  const failure = strings(p.user_ids) || strings(p.group_ids) ? RESULT.DATABASE_ERROR : undefined;
  const ints = (ids: readonly (number | string)[] | undefined) =>
    ids && !strings(ids) ? (ids as number[]) : undefined;
  const query: CallsQuery = { start, end, limit: p.limit, offset: p.offset, extFields: p.ext_fields ?? [] };
  const userIds = ints(p.user_ids);
  const groupIds = ints(p.group_ids);
  if (userIds) query.userIds = userIds;
  if (groupIds) query.groupIds = groupIds;
  if (p.context_type) query.contextTypes = p.context_type;
  if (p.context_status !== undefined) query.contextStatus = p.context_status;
  if (p.recall_status !== undefined) query.recallStatus = p.recall_status;
  if (p.search_string !== undefined) query.searchString = p.search_string;
  const data = buildCallsData(ctx.office(), callHistory(ctx), query);
  const rows = data.reduce((n, chunk) => n + chunk.list.length, 0);
  const key = state.statsJobs.start(ctx, 'calls', { data, rows, ...(failure !== undefined && { failure }) });
  return json({ key });
}

function callsResult({ ctx, state, params }: RouteInput) {
  const check = readParams('stats/calls/result', params);
  const p = check.valid();
  if (!p) return check.answer();
  const now = ctx.engine.now();
  const job = state.statsJobs.get(p.key, 'calls', now);
  if (!job) return ok({ status: 'not-found', data: [] });
  const data = state.statsJobs.ready<CallsChunk[]>(job, now);
  // The job ran and failed: strings in user_ids/group_ids (reference §1.2, live-verified by N8N).
  if (data && job.failure !== undefined) return json({ result: job.failure, status: 'error', data: [] });
  if (data) return ok({ status: 'complete', data });
  // Halfway through, a `work` answer already carries the first chunk (reference §3.2).
  if (now >= job.createdAt + (job.readyAt - job.createdAt) / 2) {
    const first = (job.result as CallsChunk[])[0];
    return ok({ status: 'work', data: first ? [first] : [] });
  }
  return ok({ status: 'request', data: [] });
}

/** `stats/*` (reference §3.1–§3.2). */
export const statsRoutes: RouteTable = {
  'vpbx/stats/request': statsRequest,
  'vpbx/stats/result': statsResult,
  'vpbx/stats/calls/request': callsRequest,
  'vpbx/stats/calls/result': callsResult,
};
