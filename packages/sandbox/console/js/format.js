// @ts-check
/** Formatting of times, durations, parties and vendor codes for display, in the language in use. */

import { language, t } from './i18n.js';

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
    parts.push(t().format.via(group ? group.name : t().format.group(String(party.acd_group))));
  }
  if (party.line_number && party.line_number !== party.number) parts.push(t().format.line(party.line_number));
  return parts.join(' · ') || '—';
}

/**
 * A disconnect reason code with the vendor's text for it (reference §5, §6; the sandbox serves the
 * SDK's table at `GET /_sandbox/codes`), e.g. `1110 ended by the calling party`.
 * @param {number | undefined} code
 * @param {ReadonlyMap<number, { en: string, ru: string }>} codes
 * @returns {string}
 */
export function formatReason(code, codes) {
  if (code === undefined || code === null) return '';
  const text = codes.get(Number(code));
  return text ? `${code} ${text[language()]}` : String(code);
}

/**
 * A leg state in words (`Appeared` → ringing, …).
 * @param {string} state
 * @returns {string}
 */
export function formatState(state) {
  const words = /** @type {Record<string, string>} */ (t().format.states);
  return words[state] ?? state;
}

/**
 * Where a leg is (`ivr`, `queue`, `abonent`) in the reader's language; an unknown value as sent.
 * @param {string} location
 * @returns {string}
 */
export function formatLocation(location) {
  const words = /** @type {Record<string, string>} */ (t().format.locations);
  return Object.hasOwn(words, location) ? (words[location] ?? location) : location;
}

/**
 * `call_direction` of a summary in words (reference §4.2).
 * @param {number | string | undefined} direction
 * @returns {string}
 */
export function formatDirection(direction) {
  const d = Number(direction);
  const words = t().format.directions;
  if (d === 1 || direction === 'in' || direction === 'incoming') return words.incoming;
  if (d === 2 || direction === 'out' || direction === 'outgoing') return words.outgoing;
  if (d === 0 || direction === 'internal') return words.internal;
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
