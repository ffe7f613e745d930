import type { EmployeeNumber, Schedule } from '../office/types.js';

const DAY_TYPES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** Schedules are Moscow wall time, UTC+3 all year (reference §3.6.3). */
const MOSCOW_OFFSET_MS = 3 * 3600_000;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Whether a schedule is open at `ms` (Unix ms). No schedule or no items means always open. */
export function isOpen(schedule: Schedule | undefined, ms: number): boolean {
  if (!schedule || schedule.items.length === 0) return true;
  const t = new Date(ms + MOSCOW_OFFSET_MS);
  const date = t.toISOString().slice(0, 10);
  if (schedule.from && date < schedule.from.slice(0, 10)) return false;
  if (schedule.until && date > schedule.until.slice(0, 10)) return false;
  const day = t.getUTCDay();
  const now = t.getUTCHours() * 60 + t.getUTCMinutes();
  return schedule.items.some((it) => {
    const dayOk =
      it.type === 'AllDays' ||
      (it.type === 'WorkingDays' && day >= 1 && day <= 5) ||
      (it.type === 'Holidays' && (day === 0 || day === 6)) ||
      (it.type === 'SpecificDate' && it.specific_date === date) ||
      it.type === DAY_TYPES[day];
    if (!dayOk) return false;
    const from = minutes(it.from);
    const until = minutes(it.until);
    // An interval such as 22:00–06:00 wraps midnight.
    return from <= until ? now >= from && now <= until : now >= from || now <= until;
  });
}

/** The device an employee is rung on now: the first active one (by `order`) inside its schedule. */
export function activeDevice(numbers: readonly EmployeeNumber[], ms: number): EmployeeNumber | undefined {
  return [...numbers]
    .filter((n) => n.status === 'on' && isOpen(n.schedule, ms))
    .sort((a, b) => a.order - b.order)[0];
}

/**
 * The devices to ring for an employee now, by the employee's `dial_alg` (reference §3.5):
 * 0 every active device at once, 2 the main device only (lowest `order`), otherwise the first
 * active device (ringing the rest in turn is not simulated).
 */
export function devicesToRing(
  numbers: readonly EmployeeNumber[],
  dialAlg: number,
  ms: number,
): EmployeeNumber[] {
  if (dialAlg === 2) {
    const main = [...numbers].sort((a, b) => a.order - b.order)[0];
    return main && main.status === 'on' && isOpen(main.schedule, ms) ? [main] : [];
  }
  if (dialAlg === 0) {
    return [...numbers]
      .filter((n) => n.status === 'on' && isOpen(n.schedule, ms))
      .sort((a, b) => a.order - b.order);
  }
  const first = activeDevice(numbers, ms);
  return first ? [first] : [];
}
