// @ts-check
/**
 * Shapes of the control API's answers (packages/sandbox/CONTROL.md), as the console reads them.
 * Only the fields the console uses are listed; everything else passes through untouched.
 */

/**
 * One side of a leg (reference §4.1 `from` / `to`).
 * @typedef {{ extension?: string, number?: string, line_number?: string, acd_group?: string,
 *   taken_from_call_id?: string, was_transferred?: boolean, hold_initiator?: boolean }} Party
 */

/**
 * A leg in progress: `GET /_sandbox/calls`, SSE `leg`.
 * @typedef {{ call_id: string, entry_id: string, state: 'Appeared' | 'Connected' | 'OnHold' | 'Disconnected',
 *   location: string, from: Party, to: Party, started?: number, answered?: number, seq?: number,
 *   manual?: boolean, recording_id?: string, disconnect_reason?: number }} LiveLeg
 */

/**
 * A call in progress with its legs.
 * @typedef {{ entry_id: string, direction?: number | string, create_time?: number, from?: Party, to?: Party,
 *   line_number?: string, dct?: { number?: string, type: number }, legs: LiveLeg[] }} LiveCall
 */

/**
 * An employee of the office (subset of the sandbox's `Employee`).
 * @typedef {{ user_id: number, name: string, extension?: string, department?: string, position?: string,
 *   cc_status?: number, recording?: string,
 *   policy?: { onRing: string, answerAfterSec?: number, hangupAfterSec?: number } }} Employee
 */

/**
 * @typedef {{ id: number, name: string, extension?: string, dial_alg_group?: number, ring_sec?: number,
 *   operators?: { id: number, priority?: number }[], queue?: { max_size: number, max_wait_sec: number } }} Group
 */

/** @typedef {{ line_id: number, number: string, name?: string, region?: string, schema_id?: number, comment?: string }} Line */

/**
 * The office (`GET /_sandbox/office`).
 * @typedef {{ name: string, employees: Employee[], groups: Group[], lines: Line[],
 *   schemes?: { schema_id: number, name: string }[] }} Office
 */

/** @typedef {{ at: number, httpStatus?: number, status?: number, latencyMs?: number, error?: string, error_ru?: string }} Attempt */

/**
 * One webhook delivery (`GET /_sandbox/deliveries`, SSE `delivery`).
 * @typedef {{ id: string | number, url: string, path: string, payload: unknown, body?: string,
 *   status: 'pending' | 'delivered' | 'failed', attempts: Attempt[], httpStatus?: number,
 *   latencyMs?: number, error?: string, error_ru?: string, replayOf?: string | number,
 *   createdAt?: number }} Delivery
 */

/**
 * A finished leg of a finished call (reference §3.1).
 * @typedef {{ call_id: string, records?: string[], start?: number, finish?: number, answer?: number,
 *   from_extension?: string, from_number?: string, to_extension?: string, to_number?: string,
 *   disconnect_reason?: number, location?: string }} LegRecord
 */

/**
 * A finished call (`GET /_sandbox/history`, SSE `call`).
 * @typedef {{ entry_id: string, call_direction: number, from: Party, to: Party, line_number?: string,
 *   create_time: number, forward_time?: number, talk_time: number, end_time: number, entry_result: number,
 *   disconnect_reason: number, legs: LegRecord[] }} CallRecord
 */

/**
 * A recording (`GET /_sandbox/recordings`).
 * @typedef {{ recording_id: string, entry_id: string, call_id: string, extension?: string,
 *   started_at: number, completed_at?: number, duration_sec: number }} RecordingRecord
 */

/** @typedef {{ urls: string[], shuffle?: boolean, maxRetries?: number }} WebhookSettings */

/**
 * One API request the sandbox answered (`GET /_sandbox/requests`, stream event `request`).
 * @typedef {{ at: number, method: string, path: string, status: number, result?: number,
 *   hint?: string, hint_ru?: string, did_you_mean?: string, emptyArrayJson?: boolean }} ApiRequest
 */

/**
 * The API's invalid-request lock-out (`GET /_sandbox/state`, `lockout`); times are sandbox Unix seconds.
 * @typedef {{ enabled: boolean, locked: boolean, until: number | null, window_until: number | null }} LockoutState
 */

/** @typedef {{ mode: 'real' | 'manual', speed: number }} ClockInfo */

/**
 * `GET /_sandbox/clock`.
 * @typedef {{ now_ms: number, now: number, mode: 'real' | 'manual', speed: number }} ClockState
 */

export {};
