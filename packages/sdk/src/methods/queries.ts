/*
 * DATA FILE — the rows of `METHOD_SPECS` for the queries of reference §3.1–§3.4 and the offline
 * recognition of §3.8: statistics, recordings and speech analytics, call tracking. One row per
 * method path (relative to the vpbx base; `../s2t/…` beside it), read by the SDK's types and
 * pre-send checks and by the sandbox's validation.
 */
import { STATS_FIELDS } from '../stats/fields.js';
import type { MethodSpec } from './spec.js';

/** Opaque strings the vendor bounds at 128 bytes (`request_id`, numbers; reference §3.1). */
const MAX_SHORT_BYTES = 128;
/** Most recordings one speech-analytics request may name (reference §3.3.4). */
const MAX_RECORDING_IDS = 500;
/** Page sizes of extended statistics (reference §3.2). */
export const STATS_CALLS_LIMITS = [1, 5, 10, 20, 50, 100, 500, 1000, 2000, 5000] as const;

/** A call party filter of basic statistics (reference §3.1). */
const party = {
  type: 'object',
  fields: {
    extension: { type: 'string' },
    /** E.164 for PSTN numbers. */
    number: { type: 'string' },
  },
} as const;

/** Recording ids: a list, a JSON-array string as the vendor's example sends, or one id (reference §3.3.4). */
const recordingIds = {
  type: 'array',
  required: true,
  items: { type: 'string' },
  maxItems: MAX_RECORDING_IDS,
  encoded: true,
  single: 'tolerated',
} as const;

/** `offline_record/recognize` / `record/recognize`: both channels recognised apart. */
const diarization = { type: 'boolean' } as const;

export const QUERY_SPECS = {
  /** Starts a basic-statistics report (reference §3.1); answers `{key}`. */
  'stats/request': {
    params: {
      /** Unix seconds. */
      date_from: { type: 'integer', required: true, min: 0 },
      /** Unix seconds; at most one month after `date_from` (3111). */
      date_to: { type: 'integer', required: true, min: 0 },
      /** Columns and their order: a comma-separated string (spaces tolerated) or, as in 2017, a list. */
      fields: { type: 'array', items: { type: 'string', oneOf: STATS_FIELDS }, split: ',', nonEmpty: true },
      /** Only calls from this party. */
      from: party,
      /** Only calls to this party. */
      to: party,
      /** Calls where this party is either side; only without `from`/`to`. */
      call_party: party,
      /** Echoed in the ready notification. */
      request_id: { type: 'string', maxBytes: MAX_SHORT_BYTES },
    },
    rules: [{ kind: 'exclusive', field: 'call_party', others: ['from', 'to'] }],
  },
  /** Fetches a basic-statistics report: 204 not ready, 404 unknown key, 200 CSV (reference §3.1). */
  'stats/result': {
    params: { key: { type: 'string', required: true } },
  },
  /** Starts an extended-statistics page (reference §3.2); answers `{key}`. */
  'stats/calls/request': {
    params: {
      /** `DD.MM.YYYY HH:MM:SS` Moscow wall time; ISO dates are refused (3104). */
      start_date: { type: 'string', required: true, format: 'ruDateTime' },
      /** Same format; the period is under 30 days (3100 with `end_date` 3111). */
      end_date: { type: 'string', required: true, format: 'ruDateTime' },
      limit: { type: 'integer', required: true, oneOf: STATS_CALLS_LIMITS },
      offset: { type: 'integer', required: true, min: 0 },
      /** Employees (`general.user_id`), as JSON integers: numeric strings are taken and the job fails with 5004. */
      user_ids: { type: 'array', items: { type: 'integer', numericString: 'keep' } },
      /** Groups (`id` of `groups`), as JSON integers (strings: the job fails with 5004). */
      group_ids: { type: 'array', items: { type: 'integer', numericString: 'keep' } },
      /** 1 incoming, 2 outgoing, 3 internal: one or a list. */
      context_type: { type: 'array', items: { type: 'integer', oneOf: [1, 2, 3] }, single: 'documented' },
      /** 1 successful, 0 unsuccessful. */
      context_status: { type: 'integer', oneOf: [0, 1] },
      /** With `context_type` 1 and `context_status` 0: 0 call-back failed, 1 succeeded, 2 none. */
      recall_status: { type: 'integer', oneOf: [0, 1, 2] },
      /** At least 3 characters, matched in external and internal numbers. */
      search_string: { type: 'string', minLength: 3 },
      /** 1: Contact-Center data too. */
      ext_params: { type: 'integer', oneOf: [0, 1] },
      ext_fields: {
        type: 'array',
        items: { type: 'string', oneOf: ['context_cost_full', 'context_cost_tariff'] },
        encoded: true,
      },
    },
  },
  /** Polls an extended-statistics job until `status` is `complete` (reference §3.2). */
  'stats/calls/result': {
    params: { key: { type: 'string', required: true } },
  },

  /** Downloads a recording: 302 to a one-time URL (reference §3.3.1). */
  'queries/recording/post': {
    params: {
      recording_id: { type: 'string', required: true },
      /** `download` (attachment, the default) or `play` (inline). */
      action: { type: 'string', oneOf: ['download', 'play'] },
    },
  },
  /** The self-signed GET link, valid until `timestamp` (reference §3.3.2); path segments in this order. */
  'queries/recording/link': {
    http: 'get',
    params: {
      recording_id: { type: 'string', required: true },
      action: { type: 'string', required: true, oneOf: ['download', 'play'] },
      vpbx_api_key: { type: 'string', required: true },
      /** Expiry, Unix seconds. */
      timestamp: { type: 'integer', required: true, min: 0 },
      /** `sha256(vpbx_api_key + timestamp + recording_id + salt)`. */
      sign: { type: 'string', required: true },
    },
  },
  /** The browser link that checks the logged-in cabinet user (reference §3.3.3); path segments. */
  'queries/recording/issa': {
    http: 'get',
    params: {
      recording_id: { type: 'string', required: true },
      action: { type: 'string', required: true, oneOf: ['download', 'play'] },
    },
  },
  /** Speech-analytics categories of recordings (reference §3.3.4). */
  'queries/recording_categories': {
    params: {
      recording_id: recordingIds,
      with_terms: { type: 'boolean', wire: 'boolean' },
      with_names: { type: 'boolean', wire: 'boolean' },
    },
  },
  /** Transcripts of up to 500 recordings (reference §3.3.4). */
  'queries/recording_transcripts': {
    params: { recording_id: recordingIds },
  },
  /** Summaries of communications (reference §3.3.4, `/s2t/`). */
  '../s2t/queries/recording_summary': {
    params: { communication_id: recordingIds },
  },
  /** Communications with speech data in a period (reference §3.3.4, `/s2t/`). */
  '../s2t/queries/records': {
    params: {
      /** `YYYY-MM-DD`. */
      date_from: { type: 'string', required: true, format: 'date' },
      /** `YYYY-MM-DD`, the whole day included. */
      date_to: { type: 'string', required: true, format: 'date' },
      offset: { type: 'integer', min: 0 },
      limit: { type: 'integer', min: 1, max: 1000 },
    },
  },

  /** Who is behind a dynamic call-tracking number; `{}` when nobody (reference §3.4). */
  'queries/user_info_by_dct_number': {
    params: { number: { type: 'string', required: true, maxBytes: MAX_SHORT_BYTES } },
  },
  /** The pages the visitor behind a call-tracking number saw (reference §3.4). */
  'queries/user_history_by_dct_number': {
    params: { number: { type: 'string', required: true, maxBytes: MAX_SHORT_BYTES } },
  },

  /** Recognition of a recording made elsewhere, linked to an employee: multipart `file` + `json` (reference §3.8). */
  'offline_record/recognize': {
    upload: true,
    params: {
      user_id: { type: 'integer', required: true },
      from: { type: 'string', required: true, maxBytes: MAX_SHORT_BYTES },
      to: { type: 'string', required: true, maxBytes: MAX_SHORT_BYTES },
      direction: { type: 'string', required: true, oneOf: ['IN', 'OUT'] },
      /** `YYYY-MM-DD HH:MM:SS`, UTC. */
      created: { type: 'string', required: true, format: 'dateTime' },
      /** −1 left, 1 right. */
      member_channel: { type: 'integer', oneOf: [-1, 1] },
      diarization,
    },
  },
  /** Recognition of a file without storage or employee (reference §3.8: fields not listed). */
  'record/recognize': {
    upload: true,
    open: true,
    params: { diarization },
  },
  /** States and words of recognition requests (reference §3.8). */
  'transcribes/tasks': {
    params: {
      request_ids: {
        type: 'array',
        required: true,
        items: { type: 'string', strict: true },
        maxItems: MAX_RECORDING_IDS,
        encoded: true,
      },
    },
  },
} as const satisfies Record<string, MethodSpec>;
