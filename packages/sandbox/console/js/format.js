// @ts-check
/** Formatting of times, durations, parties and vendor codes for display. */

/** @typedef {import('./types.js').Party} Party */
/** @typedef {import('./types.js').Office} Office */

/**
 * Clock time (Unix seconds) as `HH:MM:SS`, or `YYYY-MM-DD HH:MM` when not today.
 * @param {number | undefined} sec
 * @param {number} [nowSec] the sandbox clock, to decide whether the date is needed
 * @returns {string}
 */
export function formatTime(sec, nowSec) {
  if (!sec) return '—';
  const d = new Date(sec * 1000);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const now = new Date((nowSec ?? sec) * 1000);
  if (now.toDateString() === d.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/**
 * Seconds as `m:ss` (or `h:mm:ss`).
 * @param {number} sec
 * @returns {string}
 */
export function formatDuration(sec) {
  const s = Math.max(0, Math.floor(sec));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Names a party of a leg: an employee by name and extension, a number, a group, a line.
 * @param {Party | undefined} party
 * @param {Office | null} office
 * @returns {string}
 */
export function formatParty(party, office) {
  if (!party) return '—';
  const parts = [];
  if (party.extension) {
    const employee = office?.employees.find((e) => e.extension === party.extension);
    const group = office?.groups.find((g) => g.extension === party.extension);
    parts.push(`${party.extension} ${employee?.name ?? group?.name ?? ''}`.trim());
  } else if (party.number) {
    parts.push(party.number);
  }
  if (party.acd_group) {
    // acd_group names the group by id or by its short number, depending on the scheme.
    const group = office?.groups.find(
      (g) => String(g.id) === String(party.acd_group) || g.extension === String(party.acd_group),
    );
    parts.push(`via ${group ? group.name : `group ${party.acd_group}`}`);
  }
  if (party.line_number && party.line_number !== party.number) parts.push(`line ${party.line_number}`);
  return parts.join(' · ') || '—';
}

/** Disconnect reasons (reference §6) the sandbox produces, in words. */
const REASONS = /** @type {Record<number, string>} */ ({
  1000: 'ok',
  1100: 'ended normally',
  1110: 'caller hung up',
  1111: 'no answer',
  1120: 'called party hung up',
  1121: 'busy',
  1122: 'rejected',
  1123: 'do not disturb',
  1124: 'callee unavailable',
  1131: 'number unavailable',
  1151: 'caller blacklisted',
  1152: 'caller not whitelisted',
  1160: 'group call failed',
  1161: 'no queue',
  1162: 'queue full',
  1163: 'queue wait exceeded',
  1164: 'all operators unavailable',
  1170: 'ended by scheme',
  1180: 'ended by a user command',
  1181: 'ended by API hangup',
  1182: 'intercepted',
  1183: 'new operator assigned',
  1190: 'callee inactive',
  1192: 'outside schedule',
});

/**
 * A disconnect reason code with its meaning, e.g. `1110 caller hung up`.
 * @param {number | undefined} code
 * @returns {string}
 */
export function formatReason(code) {
  if (code === undefined || code === null) return '';
  const text = REASONS[code];
  return text ? `${code} ${text}` : String(code);
}

/** @type {Record<string, string>} */
const STATE_WORDS = { Appeared: 'ringing', Connected: 'talking', OnHold: 'on hold', Disconnected: 'ended' };

/**
 * A leg state in words (`Appeared` → ringing, …).
 * @param {string} state
 * @returns {string}
 */
export function formatState(state) {
  return STATE_WORDS[state] ?? state;
}

/**
 * `call_direction` of a summary in words (reference §4.2).
 * @param {number | string | undefined} direction
 * @returns {string}
 */
export function formatDirection(direction) {
  const d = Number(direction);
  if (d === 1 || direction === 'in' || direction === 'incoming') return 'incoming';
  if (d === 2 || direction === 'out' || direction === 'outgoing') return 'outgoing';
  if (d === 0 || direction === 'internal') return 'internal';
  return String(direction ?? '');
}

/**
 * Shortens a long opaque id for tables; the full id stays in the `title`.
 * @param {string} id
 * @returns {string}
 */
export function shortId(id) {
  return id.length > 12 ? `${id.slice(0, 5)}…${id.slice(-5)}` : id;
}
