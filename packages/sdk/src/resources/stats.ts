import type { RequestOptions } from '../internal/requestOptions.js';
import { poll } from '../internal/poller.js';
import { type ApiBody, parseJson, type RequestPipeline, resultOf } from '../internal/pipeline.js';
import type { TransportResponse } from '../internal/transport.js';
import { isSuccessCode } from '../codes/resultCodes.js';
import { createApiError, MangoValidationError } from '../core/errors.js';
import { parseStatsStream } from '../stats/csvParser.js';
import { STATS_CALLS_LIMITS } from '../methods/queries.js';
import type { MethodInput } from '../methods/table.js';
import { normaliseStatsFields, type StatsField, type StatsRow } from '../stats/fields.js';
import { requireParams } from './params.js';
import { type StatsTime, splitStatsWindows, toMoscowDateTime, toUnixSeconds } from '../stats/windows.js';

/** A call party filter of basic statistics (reference §3.1). */
export type StatsParty = NonNullable<MethodInput<'stats/request'>['from']>;

/**
 * `stats/request` parameters (reference §3.1), as its row of `METHOD_SPECS` has them, with dates
 * as a `Date` or Unix seconds; periods over one month are split into windows.
 */
export type StatsHistoryParams = Simplify<
  Omit<MethodInput<'stats/request'>, 'date_from' | 'date_to' | 'fields'> & {
    /** Start: a `Date` or Unix seconds. */
    date_from: StatsTime;
    /** End: a `Date` or Unix seconds. */
    date_to: StatsTime;
    /** Columns and their order; default the vendor's list. */
    fields?: readonly StatsField[] | string;
  }
>;

/** Polling settings of stats jobs, plus the usual request options. */
export interface StatsPollOptions extends RequestOptions {
  /** Wait between polls (default the client's `pollIntervalMs`, 5 s). */
  pollIntervalMs?: number;
  /** Give up waiting for one job after this long. */
  deadlineMs?: number;
}

/** Allowed page sizes of extended statistics (reference §3.2). */
export type StatsCallsLimit = (typeof STATS_CALLS_LIMITS)[number];

/**
 * `stats/calls/request` parameters (reference §3.2), as its row of `METHOD_SPECS` has them, with
 * dates as a `Date` or Unix seconds; `limit` and `offset` are the client's to page with.
 */
export type StatsCallsParams = Simplify<
  Omit<MethodInput<'stats/calls/request'>, 'start_date' | 'end_date' | 'limit' | 'offset'> & {
    start_date: StatsTime;
    end_date: StatsTime;
    /** Page size used for auto-paging (default 1000). */
    limit?: StatsCallsLimit;
  }
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Per-leg data of an extended-stats item (reference §3.2). */
export interface StatsContextCall {
  call_type?: 'number' | 'user' | 'group' | 'conference';
  call_abonent_id?: number | null;
  call_abonent_info?: string;
  call_abonent_number?: string;
  call_start_time?: number;
  call_answer_time?: number;
  call_end_time?: number;
  call_duration?: number;
  talk_duration?: number;
  dial_duration?: number;
  operator_call_duration?: number;
  hold_duration?: number;
  call_end_reason?: number;
  recording_id?: string[];
  /** = the realtime `call_id`. */
  external_call_id?: string;
  members?: StatsContextCall[];
  [flag: string]: unknown;
}

/** One item of `data[].list[]` of extended statistics (reference §3.2). */
export interface StatsCallItem {
  entry_id: string;
  context_type?: number;
  context_status?: number;
  caller_id?: number | null;
  caller_name?: string;
  caller_number?: string;
  called_number?: string;
  context_start_time?: number;
  duration?: number;
  talk_duration?: number;
  operator_call_duration?: number;
  context_cost_full?: number;
  context_cost_tariff?: number;
  cost?: number;
  context_init_type?: number;
  recall_status?: number;
  conversion?: Record<string, unknown>;
  context_calls?: StatsContextCall[];
  [field: string]: unknown;
}

/** The job statuses of `stats/calls/result` (reference §3.2). */
export type StatsCallsStatus = 'request' | 'work' | 'complete' | 'cancel' | 'error' | 'not-found';

/** Statistics (reference §3.1, §3.2): request → poll → parse, as async iterables. */
export class StatsResource {
  constructor(private readonly p: RequestPipeline) {}

  /**
   * Basic statistics as typed rows (one per leg), streamed while the body arrives.
   * Windows of at most a month are requested one after another and yielded in order.
   */
  history(params: StatsHistoryParams, options: StatsPollOptions = {}): AsyncIterable<StatsRow> {
    const from = toUnixSeconds(params.date_from, 'date_from');
    const to = toUnixSeconds(params.date_to, 'date_to');
    const windows = splitStatsWindows(from, to);
    const fields = normaliseStatsFields(params.fields);
    if (params.call_party && (params.from || params.to)) {
      throw new MangoValidationError('stats/request: call_party cannot be combined with from/to');
    }
    const { p } = this;
    const base = { ...params, fields: fields.join(',') };
    return (async function* () {
      for (const w of windows) {
        const json = { ...base, date_from: w.from, date_to: w.to };
        requireParams('stats/request', json);
        const started = await p.call<{ key?: string }>('stats/request', json, options);
        if (!started.key) throw new MangoValidationError('stats/request answered without a key');
        const res = await waitForStats(p, started.key, options);
        if (res) yield* parseStatsStream(res.chunks(), fields);
      }
    })();
  }

  /**
   * Extended statistics items (`data[].list[]`), auto-paged over limit/offset and split into
   * month windows; dates are sent as Moscow `DD.MM.YYYY HH:MM:SS` (reference §3.2).
   */
  calls(params: StatsCallsParams, options: StatsPollOptions = {}): AsyncIterable<StatsCallItem> {
    const from = toUnixSeconds(params.start_date, 'start_date');
    const to = toUnixSeconds(params.end_date, 'end_date');
    const windows = splitStatsWindows(from, to);
    const limit = params.limit ?? 1000;
    if (!CALLS_LIMITS.includes(limit)) {
      throw new MangoValidationError(
        `stats/calls: limit must be one of ${CALLS_LIMITS.join(', ')} (reference §3.2)`,
      );
    }
    const { p } = this;
    const interval = options.pollIntervalMs ?? p.config.pollIntervalMs;
    return (async function* () {
      // Windows touch at one second; an entry at the seam is reported once (N8N de-duplicates too).
      let previous = new Set<string>();
      for (const w of windows) {
        const current = new Set<string>();
        for (let offset = 0; ; offset += limit) {
          const json = {
            ...params,
            start_date: toMoscowDateTime(w.from),
            end_date: toMoscowDateTime(w.to),
            limit,
            offset,
          };
          requireParams('stats/calls/request', json);
          const started = await p.call<{ key?: string }>('stats/calls/request', json, options);
          if (!started.key) throw new MangoValidationError('stats/calls/request answered without a key');
          const key = started.key;
          const body = await poll<ApiBody>(
            async () => {
              const answer = await p.send(
                'stats/calls/result',
                { key },
                options,
                readJsonOrEmpty('stats/calls/result'),
              );
              if (answer === undefined) return { done: false };
              const status = String(answer.status ?? '');
              if (status === 'complete') return { done: true, value: answer };
              const failed = FAILED_JOB_CODES[status];
              if (failed !== undefined) {
                const own = resultOf(answer);
                const result = own !== undefined && !isSuccessCode(own) ? own : failed;
                throw createApiError({ status: 200, result, path: `stats/calls/result (${status})` });
              }
              return { done: false };
            },
            {
              intervalMs: interval,
              deadlineMs: options.deadlineMs,
              signal: options.signal,
              clock: p.config.clock,
            },
          );
          let count = 0;
          const data = Array.isArray(body.data) ? (body.data as { list?: unknown }[]) : [];
          for (const chunk of data) {
            const list = Array.isArray(chunk?.list) ? (chunk.list as StatsCallItem[]) : [];
            for (const item of list) {
              count++;
              const id = String(item.entry_id ?? '');
              if (id !== '' && previous.has(id)) continue;
              current.add(id);
              yield item;
            }
          }
          if (count < limit) break;
        }
        previous = current;
      }
    })();
  }
}

/** Page sizes the vendor accepts (reference §3.2). */
const CALLS_LIMITS: readonly number[] = STATS_CALLS_LIMITS;

/** Result codes reported for failed extended-stats jobs that carry no error code of their own. */
const FAILED_JOB_CODES: Record<string, number> = { 'not-found': 3300, cancel: 4000, error: 5000 };

/** Reads a JSON answer; `undefined` for 204 (not ready). Throws on a failing result code. */
function readJsonOrEmpty(path: string) {
  return async (res: TransportResponse): Promise<ApiBody | undefined> => {
    if (res.status === 204) {
      res.discard();
      return undefined;
    }
    const text = await res.text();
    const body = parseJson(text, path);
    const result = resultOf(body);
    if (result !== undefined && !isSuccessCode(result))
      throw createApiError({ status: res.status, result, path });
    return body;
  };
}

/** Polls `stats/result` until the CSV is ready (204 = not yet, reference §3.1); the response to stream. */
async function waitForStats(
  p: RequestPipeline,
  key: string,
  options: StatsPollOptions,
): Promise<TransportResponse | undefined> {
  return poll<TransportResponse | undefined>(
    async () => {
      const res = await p.send('stats/result', { key }, options, async (r) => r);
      if (res.status === 204) {
        res.discard();
        return { done: false };
      }
      const type = res.header('content-type') ?? '';
      if (type.includes('json')) {
        // A JSON answer instead of CSV: an error code, or an empty result.
        const text = await res.text();
        let body: ApiBody = {};
        try {
          body = JSON.parse(text) as ApiBody;
        } catch {
          /* not JSON after all: treated as no rows */
        }
        const result = resultOf(body);
        if (result !== undefined && !isSuccessCode(result)) {
          throw createApiError({ status: res.status, result, path: 'stats/result' });
        }
        return { done: true, value: undefined };
      }
      return { done: true, value: res };
    },
    {
      intervalMs: options.pollIntervalMs ?? p.config.pollIntervalMs,
      deadlineMs: options.deadlineMs,
      signal: options.signal,
      clock: p.config.clock,
    },
  );
}
