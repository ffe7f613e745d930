import { t } from '../i18n/index.js';
import { UsageError } from './errors.js';

/** Moscow is UTC+3 all year (no DST since 2014); the PBX lives there (reference §3.1 timezone note). */
const MSK_OFFSET_S = 3 * 3600;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The user's time zone: `TZ` when it names one, else the system's (what `date` would show). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function partsIn(
  ms: number,
  zone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(ms)) if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  return out;
}

/** The zone's offset from UTC at an instant, in seconds (`Europe/Moscow` → 10800). */
export function zoneOffset(seconds: number, zone = userTimeZone()): number {
  const p = partsIn(seconds * 1000, zone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - seconds * 1000) / 1000;
}

/** Wall-clock time in `zone` → Unix seconds (the earlier instant when a DST change repeats an hour). */
function fromWallClock(wallUtcMs: number, zone: string): number {
  const guess = wallUtcMs / 1000;
  let at = guess - zoneOffset(guess, zone);
  const again = guess - zoneOffset(at, zone);
  if (again !== at) at = Math.min(at, again);
  return at;
}

/**
 * Parses a date given on the command line into Unix seconds. Accepts Unix seconds,
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]` (in the user's time zone unless
 * the value carries `Z` or an offset), and `DD.MM.YYYY` (the vendor's form). A bare date means
 * the start of the day, or its last second with `endOfDay` (so `--to 2026-11-27` includes the 27th).
 */
export function parseWhen(option: string, value: string, endOfDay = false, zone = userTimeZone()): number {
  const v = value.trim();
  if (/^\d{9,11}$/.test(v)) return Number(v);
  let m = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  const iso = m
    ? `${m[3]}-${m[2]}-${m[1]}${m[4] ? `T${m[4]}:${m[5]}:${m[6] ?? '00'}` : ''}`
    : v.replace(' ', 'T');
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) {
    throw new UsageError(
      (c) => c.dates.notADate(option, value),
      (c) => c.dates.dateForms,
    );
  }
  const [, y, mo, d, h, mi, s, offsetText] = m;
  const hasTime = h !== undefined;
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    hasTime ? Number(h) : endOfDay ? 23 : 0,
    hasTime ? Number(mi) : endOfDay ? 59 : 0,
    hasTime ? Number(s ?? 0) : endOfDay ? 59 : 0,
  );
  const check = new Date(ms);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) {
    throw new UsageError((c) => c.dates.notARealDate(option, value));
  }
  if (offsetText === 'Z') return Math.floor(ms / 1000);
  if (offsetText) {
    const z = /([+-])(\d{2}):?(\d{2})/.exec(offsetText);
    const offset = z ? (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3]) * 60) : 0;
    return Math.floor(ms / 1000) - offset;
  }
  return Math.floor(fromWallClock(ms, zone));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Unix seconds as `2026-11-27 10:15:00` in the user's time zone (empty for none). */
export function formatLocal(seconds: number | null | undefined, zone = userTimeZone()): string {
  if (!seconds) return '';
  const p = partsIn(seconds * 1000, zone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Unix seconds as ISO 8601 with the user's offset: `2026-11-27T10:15:00+03:00` (empty for none). */
export function formatIso(seconds: number | null | undefined, zone = userTimeZone()): string {
  if (!seconds) return '';
  const offset = zoneOffset(seconds, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zoneText =
    offset === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
  return `${formatLocal(seconds, zone).replace(' ', 'T')}${zoneText}`;
}

/** How tables name the user's time zone: `MSK` for Moscow, `UTC`, else `UTC+05:00`. */
export function zoneLabel(seconds: number = Date.now() / 1000, zone = userTimeZone()): string {
  if (zone === 'Europe/Moscow') return t().dates.msk;
  const offset = zoneOffset(Math.floor(seconds), zone);
  if (offset === 0) return 'UTC';
  const abs = Math.abs(offset);
  return `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

/**
 * A Moscow wall-clock time the PBX writes (`account/balance`'s `response_at`:
 * `2026-12-04 21:49:58`) → Unix seconds; undefined for anything else.
 */
export function parseMoscowWallClock(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms / 1000 - MSK_OFFSET_S;
}

/** Unix seconds as `2026-11-27 10:15:00` Moscow time (the archive's layout, the same for everyone). */
export function formatMoscow(seconds: number | null | undefined): string {
  if (!seconds) return '';
  return new Date((seconds + MSK_OFFSET_S) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Unix seconds as `20261127-101500` Moscow time, for file names that sort by time. */
export function fileStamp(seconds: number): string {
  return new Date((seconds + MSK_OFFSET_S) * 1000)
    .toISOString()
    .slice(0, 19)
    .replace(/-/g, '')
    .replace('T', '-')
    .replace(/:/g, '');
}
