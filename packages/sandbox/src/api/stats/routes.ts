import type { StatsField } from 'mangokit';
import { DEFAULT_STATS_FIELDS, STATS_FIELDS } from 'mangokit/protocol';
import { CODE, Check } from '../check.js';
import { fail, json, ok, status } from '../http/answer.js';
import type { RouteInput, RouteTable } from '../route.js';
import { parseRuDateTime } from '../time.js';
import { buildStatsCsv, type PartyFilter } from './csv.js';
import { buildCallsData, type CallsChunk, type CallsQuery } from './extended.js';
import { callHistory } from '../history.js';

/** "Must not exceed one month" (reference §3.1): 31 days. */
const BASIC_MAX_PERIOD_SEC = 31 * 86400;
/** Exactly 30 days fails, 30 days − 1 s works (reference §3.2, measured by N8N). */
const CALLS_MAX_PERIOD_SEC = 30 * 86400 - 1;
const CALLS_LIMITS = [1, 5, 10, 20, 50, 100, 500, 1000, 2000, 5000] as const;

function party(check: Check, name: string): PartyFilter | undefined {
  const obj = check.obj(name);
  if (!obj) return undefined;
  const filter: PartyFilter = {};
  const extension = check.str(`${name}.extension`);
  const number = check.str(`${name}.number`);
  if (extension !== undefined) filter.extension = extension;
  if (number !== undefined) filter.number = number;
  return filter;
}

/** `fields` as a comma-separated string (spaces tolerated) or, as in the 2017 text, an array (reference §3.1). */
function fields(check: Check): StatsField[] | undefined {
  const raw = check.params.fields;
  if (raw === undefined || raw === null || raw === '') return [...DEFAULT_STATS_FIELDS];
  const names = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : undefined;
  const list = names?.map((n) => n.trim()).filter((n) => n !== '');
  if (!list || list.length === 0 || !list.every((n) => (STATS_FIELDS as readonly string[]).includes(n))) {
    check.fail('fields', CODE.FORMAT);
    return undefined;
  }
  return list as StatsField[];
}

function statsRequest({ ctx, state, params }: RouteInput) {
  const check = new Check(params);
  const dateFrom = check.int('date_from', { required: true, min: 0 });
  const dateTo = check.int('date_to', { required: true, min: 0 });
  const cols = fields(check);
  const from = party(check, 'from');
  const to = party(check, 'to');
  const callParty = party(check, 'call_party');
  // call_party only without from/to (reference §3.1).
  if (callParty && (from || to)) check.fail('call_party', CODE.ONLY_ONE);
  const requestId = check.str('request_id', { max: 128 });
  if (
    dateFrom !== undefined &&
    dateTo !== undefined &&
    (dateTo < dateFrom || dateTo - dateFrom > BASIC_MAX_PERIOD_SEC)
  ) {
    check.fail('date_to', CODE.BAD_DATES);
  }
  if (!check.ok || dateFrom === undefined || dateTo === undefined || !cols) return check.answer();
  const query = {
    dateFrom,
    dateTo,
    fields: cols,
    ...(from && { from }),
    ...(to && { to }),
    ...(callParty && { callParty }),
  };
  const report = buildStatsCsv(callHistory(ctx), query);
  const key = state.statsJobs.start(ctx, 'basic', { data: report.csv, rows: report.rows }, requestId);
  // No `result` in this answer (reference §1.3).
  return json({ key });
}

function statsResult({ ctx, state, params }: RouteInput) {
  const check = new Check(params);
  const key = check.str('key', { required: true });
  if (!check.ok || key === undefined) return check.answer();
  const now = ctx.engine.now();
  const job = state.statsJobs.get(key, 'basic', now);
  if (!job) return status(404);
  const csv = state.statsJobs.ready<string>(job, now);
  if (csv === undefined) return status(204);
  return { status: 200, body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } };
}

function ints(check: Check, name: string, allowed: readonly number[]): number[] | undefined {
  const raw = check.params[name];
  if (raw === undefined || raw === null) return undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  const values = list.map((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v));
  if (!values.every((v) => typeof v === 'number' && allowed.includes(v))) {
    check.fail(name, CODE.FORMAT);
    return undefined;
  }
  return values as number[];
}

function date(check: Check, name: string): number | undefined {
  const text = check.str(name, { required: true });
  if (text === undefined) return undefined;
  // DD.MM.YYYY HH:MM:SS Moscow time; ISO dates are rejected (reference §3.2).
  const value = parseRuDateTime(text);
  if (value === undefined) check.fail(name, CODE.FORMAT);
  return value;
}

/** Code of a `stats/calls` job that fails: "database access problems" (reference §1.2, §5). */
const STATS_JOB_DB_ERROR = 5004;

/** An array holding at least one numeric string and otherwise integers (`["12","15"]`). */
function numericStrings(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.some((v) => typeof v === 'string') &&
    value.every((v) => Number.isInteger(v) || (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)))
  );
}

function callsRequest({ ctx, state, params }: RouteInput) {
  const check = new Check(params);
  const start = date(check, 'start_date');
  const end = date(check, 'end_date');
  const limit = check.int('limit', { required: true, oneOf: CALLS_LIMITS });
  const offset = check.int('offset', { required: true, min: 0 });
  // Ids sent as numeric strings are accepted, and the job then fails with 5004 as production's does
  // (reference §1.2: N8N verified it live); anything else not an integer list is 3104 at once.
  const stringIds = ['user_ids', 'group_ids'].filter((name) => numericStrings(params[name]));
  const failure = stringIds.length > 0 ? STATS_JOB_DB_ERROR : undefined;
  const userIds = stringIds.includes('user_ids') ? undefined : check.intList('user_ids');
  const groupIds = stringIds.includes('group_ids') ? undefined : check.intList('group_ids');
  const contextTypes = ints(check, 'context_type', [1, 2, 3]);
  const contextStatus = ints(check, 'context_status', [0, 1])?.[0];
  const recallStatus = ints(check, 'recall_status', [0, 1, 2])?.[0];
  const searchString = check.str('search_string');
  if (searchString !== undefined && searchString.length < 3) check.fail('search_string', CODE.BELOW);
  check.int('ext_params', { oneOf: [0, 1] });
  const extList = check.list('ext_fields') ?? [];
  if (!extList.every((f) => f === 'context_cost_full' || f === 'context_cost_tariff'))
    check.fail('ext_fields', CODE.FORMAT);
  if (start !== undefined && end !== undefined && (end < start || end - start > CALLS_MAX_PERIOD_SEC)) {
    // A period too long answers 3100 with the field code 3111 (reference §3.2).
    return fail(CODE.INVALID_PARAMS, { ...check.fields, end_date: CODE.BAD_DATES });
  }
  if (!check.ok || start === undefined || end === undefined || limit === undefined || offset === undefined) {
    return check.answer();
  }
  const query: CallsQuery = { start, end, limit, offset, extFields: extList as string[] };
  if (userIds) query.userIds = userIds;
  if (groupIds) query.groupIds = groupIds;
  if (contextTypes) query.contextTypes = contextTypes;
  if (contextStatus !== undefined) query.contextStatus = contextStatus;
  if (recallStatus !== undefined) query.recallStatus = recallStatus;
  if (searchString !== undefined) query.searchString = searchString;
  const data = buildCallsData(ctx.office(), callHistory(ctx), query);
  const rows = data.reduce((n, chunk) => n + chunk.list.length, 0);
  const key = state.statsJobs.start(ctx, 'calls', { data, rows, ...(failure !== undefined && { failure }) });
  return json({ key });
}

function callsResult({ ctx, state, params }: RouteInput) {
  const check = new Check(params);
  const key = check.str('key', { required: true });
  if (!check.ok || key === undefined) return check.answer();
  const now = ctx.engine.now();
  const job = state.statsJobs.get(key, 'calls', now);
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
