import { UsageError } from './errors.js';

/** Moscow is UTC+3 all year (no DST since 2014); the PBX lives there (reference §3.1 timezone note). */
const MSK_OFFSET_S = 3 * 3600;

/**
 * Parses a date given on the command line into Unix seconds. Accepts Unix seconds,
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]` (Moscow time unless the value
 * carries `Z` or an offset), and `DD.MM.YYYY` (the vendor's form). A bare date means the start of
 * the day, or its last second with `endOfDay` (so `--to 2026-11-27` includes the 27th).
 */
export function parseWhen(option: string, value: string, endOfDay = false): number {
  const v = value.trim();
  if (/^\d{9,11}$/.test(v)) return Number(v);
  let m = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  const iso = m
    ? `${m[3]}-${m[2]}-${m[1]}${m[4] ? `T${m[4]}:${m[5]}:${m[6] ?? '00'}` : ''}`
    : v.replace(' ', 'T');
  m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) {
    throw new UsageError(
      `--${option} "${value}" is not a date`,
      'Use 2026-11-01, "2026-11-01 09:30", 2026-11-01T09:30:00Z, 01.11.2026 or Unix seconds.',
    );
  }
  const [, y, mo, d, h, mi, s, zone] = m;
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
    throw new UsageError(`--${option} "${value}" is not a real date`);
  }
  let offset = MSK_OFFSET_S;
  if (zone === 'Z') offset = 0;
  else if (zone) {
    const z = /([+-])(\d{2}):?(\d{2})/.exec(zone);
    if (z) offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3600 + Number(z[3]) * 60);
  }
  return Math.floor(ms / 1000) - offset;
}

/** Unix seconds as `2026-11-27 10:15:00` Moscow time. */
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
