import { MangoValidationError } from '../core/errors.js';

/**
 * Longest period one stats job may cover, in seconds: one month, measured by N8N as
 * 30 days − 1 s (30 days exactly fails with 3111, reference §3.2).
 */
export const MAX_STATS_WINDOW_SECONDS = 30 * 86_400 - 1;

/** A period in Unix seconds, both ends inclusive. */
export interface StatsWindow {
  from: number;
  to: number;
}

/** A time accepted by stats methods: a `Date` or Unix seconds. */
export type StatsTime = Date | number;

/** Unix seconds of a `Date` or a number of seconds; rejects anything else. */
export function toUnixSeconds(value: StatsTime | string, name: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new MangoValidationError(`${name}: invalid Date`);
    return Math.floor(ms / 1000);
  }
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new MangoValidationError(`${name} must be a Date or Unix seconds`);
  }
  // Milliseconds by mistake would land in the 5th millennium; say so instead of asking for it.
  if (n > 1e11)
    throw new MangoValidationError(`${name} looks like milliseconds; pass Unix seconds or a Date`);
  return Math.floor(n);
}

/**
 * Splits `[from, to]` into consecutive windows no longer than `maxSeconds`, in order;
 * each next window starts one second after the previous ends, so none overlap.
 */
export function splitStatsWindows(
  from: number,
  to: number,
  maxSeconds = MAX_STATS_WINDOW_SECONDS,
): StatsWindow[] {
  if (to < from) throw new MangoValidationError('date_to must not be before date_from');
  const out: StatsWindow[] = [];
  for (let a = from; a <= to; a += maxSeconds + 1) out.push({ from: a, to: Math.min(to, a + maxSeconds) });
  return out;
}

/** Formats Unix seconds as `DD.MM.YYYY HH:MM:SS` Moscow wall time (UTC+3, no DST), reference §3.2. */
export function toMoscowDateTime(seconds: number): string {
  const d = new Date((seconds + 3 * 3600) * 1000);
  const p = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
