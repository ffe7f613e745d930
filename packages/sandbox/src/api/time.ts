/** Moscow is UTC+3 all year (no DST since 2014); the vendor writes wall times there (reference §3.2). */
export const MOSCOW_OFFSET_SEC = 3 * 3600;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function moscow(unixSec: number): Date {
  return new Date((Math.floor(unixSec) + MOSCOW_OFFSET_SEC) * 1000);
}

/** `YYYY-MM-DD HH:MM:SS`, Moscow wall time (reference §3.6.2 `response_at`). */
export function formatMoscowDateTime(unixSec: number): string {
  const d = moscow(unixSec);
  return `${formatMoscowDate(unixSec)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DD`, Moscow date. */
export function formatMoscowDate(unixSec: number): string {
  const d = moscow(unixSec);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function unixFromMoscow(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
): number | undefined {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  // Reject 31.02 and friends, which Date.UTC would roll over.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return ms / 1000 - MOSCOW_OFFSET_SEC;
}

/** Parses `DD.MM.YYYY[ HH:MM[:SS]]` Moscow wall time (reference §3.2); ISO and anything else → undefined. */
export function parseRuDateTime(text: string): number | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  return unixFromMoscow(
    Number(m[3]),
    Number(m[2]),
    Number(m[1]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
}

/** Parses `YYYY-MM-DD` as Moscow midnight (reference §3.3.4 `s2t/queries/records`). */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  return unixFromMoscow(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0);
}
