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

/** An employee's devices to ring now and how: all together, or one after another (`inTurn`). */
export interface RingPlan {
  /** Active, in-schedule devices by `order`. */
  devices: EmployeeNumber[];
  /** Ring `devices` one at a time, each for its `wait_sec`; otherwise all at once. */
  inTurn: boolean;
}

function reachable(numbers: readonly EmployeeNumber[], ms: number): EmployeeNumber[] {
  return [...numbers]
    .filter((n) => n.status === 'on' && isOpen(n.schedule, ms))
    .sort((a, b) => a.order - b.order);
}

/** The employee's main number: the first device by `order`, whatever its status (reference §4.2). */
export function mainNumber(numbers: readonly EmployeeNumber[]): EmployeeNumber | undefined {
  return [...numbers].sort((a, b) => a.order - b.order)[0];
}

/**
 * How an employee is rung now by their card's `dial_alg` (reference §3.5): 0 every active
 * device at once, 1 the active devices in turn by `order`, 2 the main device only (when it is
 * active). Devices switched off or outside their schedule are left out.
 */
export function ringPlan(numbers: readonly EmployeeNumber[], dialAlg: number, ms: number): RingPlan {
  if (dialAlg === 2) {
    const main = mainNumber(numbers);
    return {
      devices: main && main.status === 'on' && isOpen(main.schedule, ms) ? [main] : [],
      inTurn: false,
    };
  }
  return { devices: reachable(numbers, ms), inTurn: dialAlg === 1 };
}

/**
 * How a group operator is rung by the group's `dial_alg_users` (reference §3.6.1): 1 all
 * contacts at once, 2 main numbers only, 3 SIP devices only (at once), 4 all contacts in turn,
 * 5 (and anything else) as in the employee's card (`dial_alg`).
 */
export function groupRingPlan(
  numbers: readonly EmployeeNumber[],
  dialAlgUsers: number,
  cardDialAlg: number,
  ms: number,
): RingPlan {
  switch (dialAlgUsers) {
    case 1:
      return ringPlan(numbers, 0, ms);
    case 2:
      return ringPlan(numbers, 2, ms);
    case 3:
      return { devices: reachable(numbers, ms).filter((n) => n.protocol === 'sip'), inTurn: false };
    case 4:
      return ringPlan(numbers, 1, ms);
    default:
      return ringPlan(numbers, cardDialAlg, ms);
  }
}
