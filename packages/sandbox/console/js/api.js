// @ts-check
/** The control API client (`/_sandbox/`, packages/sandbox/CONTROL.md): JSON in, JSON out. */

import { language, t } from './i18n.js';

/** @typedef {import('./types.js').LiveCall} LiveCall */
/** @typedef {import('./types.js').Office} Office */
/** @typedef {import('./types.js').Delivery} Delivery */
/** @typedef {import('./types.js').CallRecord} CallRecord */
/** @typedef {import('./types.js').RecordingRecord} RecordingRecord */
/** @typedef {import('./types.js').WebhookSettings} WebhookSettings */
/** @typedef {import('./types.js').ClockState} ClockState */
/** @typedef {import('./types.js').ApiRequest} ApiRequest */
/** @typedef {import('./types.js').LockoutState} LockoutState */

/** An answer of the control API other than 2xx, with the server's readable message. */
export class ControlError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {{ path: string, message: string, message_ru?: string }[]} [issues] validation issues of an office (English and Russian)
   */
  constructor(status, message, issues = []) {
    super(message);
    this.name = 'ControlError';
    this.status = status;
    this.issues = issues;
  }
}

const BASE = '/_sandbox/';

/**
 * Sends one control request and returns its JSON answer; throws {@link ControlError}.
 * @param {string} method
 * @param {string} path relative to `/_sandbox/`
 * @template [T=Record<string, unknown>] the documented answer (CONTROL.md)
 * @param {unknown} [body]
 * @returns {Promise<T>}
 */
export async function request(method, path, body) {
  /** @type {RequestInit} */
  const init = { method, headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
  }
  let res;
  try {
    res = await fetch(BASE + path, init);
  } catch {
    throw new ControlError(0, t().notice.unreachable);
  }
  const text = await res.text();
  /** @type {unknown} */
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const answer = /** @type {{ error?: unknown, error_ru?: unknown, issues?: unknown }} */ (
      data && typeof data === 'object' ? data : {}
    );
    // The sandbox words its refusals in both languages (`error`, `error_ru`).
    const said = language() === 'ru' && typeof answer.error_ru === 'string' ? answer.error_ru : answer.error;
    const message = typeof said === 'string' ? said : `${res.status} ${res.statusText}`;
    const issues = Array.isArray(answer.issues) ? answer.issues : [];
    throw new ControlError(res.status, message, issues);
  }
  return /** @type {T} */ (data);
}

/** Typed shortcuts for every control operation the console uses. */
export const api = {
  /** @returns {Promise<{ lockout?: LockoutState }>} */
  state: () => request('GET', 'state'),
  /** @returns {Promise<Record<string, { en: string, ru: string }>>} */
  codes: async () =>
    (
      await /** @type {Promise<{ codes?: Record<string, { en: string, ru: string }> }>} */ (
        request('GET', 'codes')
      )
    ).codes ?? {},
  /** @returns {Promise<Office>} */
  office: () => request('GET', 'office'),
  /** @param {{ yaml: string } | { json: string }} file @returns {Promise<{ ok: boolean, name: string }>} */
  loadOffice: (file) => request('PUT', 'office', file),
  /** @param {boolean} demo */
  resetOffice: (demo) => request('POST', 'office/reset', demo ? { demo: true } : {}),
  /** @returns {Promise<LiveCall[]>} */
  calls: async () =>
    (await /** @type {Promise<{ calls?: LiveCall[] }>} */ (request('GET', 'calls'))).calls ?? [],
  /** @param {string} entryId @returns {Promise<LiveCall>} */
  call: (entryId) => request('GET', `calls/${encodeURIComponent(entryId)}`),
  /** @param {number} limit @returns {Promise<CallRecord[]>} */
  history: async (limit) =>
    (await /** @type {Promise<{ calls?: CallRecord[] }>} */ (request('GET', `history?limit=${limit}`)))
      .calls ?? [],
  /** @returns {Promise<RecordingRecord[]>} */
  recordings: async () =>
    (await /** @type {Promise<{ recordings?: RecordingRecord[] }>} */ (request('GET', 'recordings')))
      .recordings ?? [],
  /** @returns {Promise<ClockState>} */
  clock: () => request('GET', 'clock'),
  /** @param {number} ms */
  advance: (ms) => request('POST', 'clock/advance', { ms }),
  /** @param {number} speed */
  speed: (speed) => request('POST', 'clock/speed', { speed }),
  /** @returns {Promise<WebhookSettings>} */
  webhooks: () => request('GET', 'webhooks'),
  /** @param {Partial<WebhookSettings>} settings @returns {Promise<WebhookSettings>} */
  setWebhooks: (settings) => request('PUT', 'webhooks', settings),
  /** @param {number} limit @returns {Promise<Delivery[]>} */
  deliveries: async (limit) =>
    (await /** @type {Promise<{ deliveries?: Delivery[] }>} */ (request('GET', `deliveries?limit=${limit}`)))
      .deliveries ?? [],
  /** @param {number} limit @returns {Promise<ApiRequest[]>} */
  requests: async (limit) =>
    (await /** @type {Promise<{ requests?: ApiRequest[] }>} */ (request('GET', `requests?limit=${limit}`)))
      .requests ?? [],
  /** @param {string | number} id @returns {Promise<Delivery>} */
  delivery: (id) => request('GET', `deliveries/${encodeURIComponent(String(id))}`),
  /** @param {string | number} id @returns {Promise<{ id: string | number }>} */
  replay: (id) => request('POST', `deliveries/${encodeURIComponent(String(id))}/replay`),
  /** @param {{ from: string, line?: string, policy?: Record<string, unknown> }} body */
  incoming: (body) => request('POST', 'calls/incoming', body),
  /** @param {{ extension: string, to_number: string, line_number?: string }} body */
  callback: (body) => request('POST', 'calls/callback', body),
  /** @param {string} action `dtmf` | `hangup` | `answer` | `reject` @param {Record<string, unknown>} body */
  caller: (action, body) => request('POST', `caller/${action}`, body),
  /** @param {string} action `answer` | `reject` | `hangup` | `hold` | `unhold` | `transfer` | `manual` @param {Record<string, unknown>} body */
  employee: (action, body) => request('POST', `employee/${action}`, body),
};

/**
 * Where a recording's audio can be fetched, best first: the console route (seekable, see
 * src/control/consoleSupport.ts), then the vendor's `issa` link (reference §3.3.3), which
 * redirects to a one-time file: it plays, but cannot be seeked in.
 * @param {string} recordingId
 * @returns {string[]}
 */
export function recordingSources(recordingId) {
  const id = encodeURIComponent(recordingId);
  return [`${BASE}recordings/${id}/audio`, `/vpbx/queries/recording/issa/${id}/play`];
}

/**
 * A link that downloads a recording as a file (vendor `issa` link, `download` action).
 * @param {string} recordingId
 * @returns {string}
 */
export function recordingDownloadUrl(recordingId) {
  return `/vpbx/queries/recording/issa/${encodeURIComponent(recordingId)}/download`;
}
