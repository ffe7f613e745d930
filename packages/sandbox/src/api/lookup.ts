import type { Employee, Group, Line, Office } from '../office/types.js';

/** The employee with this extension. */
export function employeeByExtension(office: Office, extension: string): Employee | undefined {
  return office.employees.find((e) => e.extension === extension);
}

/** The employee with this `user_id`. */
export function employeeById(office: Office, userId: number): Employee | undefined {
  return office.employees.find((e) => e.user_id === userId);
}

/** The group with this short number. */
export function groupByExtension(office: Office, extension: string): Group | undefined {
  return office.groups.find((g) => g.extension === extension);
}

/** The employee owning this extension or one of whose devices is this number. */
export function employeeByExtensionOrNumber(office: Office, value: string): Employee | undefined {
  return (
    employeeByExtension(office, value) ??
    office.employees.find((e) =>
      e.numbers.some((n) => n.number === value || digits(n.number) === digits(value)),
    )
  );
}

/** A line of the PBX by its number, or by its name (SIP lines are named, reference §2.1). */
export function lineByNumberOrName(office: Office, value: string): Line | undefined {
  return office.lines.find((l) => l.number === value || l.name === value);
}

/** Whether a short number is already used by an employee or a group (reference §5: 3106). */
export function extensionTaken(
  office: Office,
  extension: string,
  except?: { userId?: number; groupId?: number },
): boolean {
  return (
    office.employees.some((e) => e.extension === extension && e.user_id !== except?.userId) ||
    office.groups.some((g) => g.extension === extension && g.id !== except?.groupId)
  );
}

/** The digits of a number (for comparing `+7 (495) …` with `7495…`). */
export function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/** One more than the largest id in a list (ids are never reused while the item exists). */
export function nextId<T>(items: readonly T[], id: (item: T) => number): number {
  let max = 0;
  for (const item of items) max = Math.max(max, id(item));
  return max + 1;
}
