import type { AudioFile, Employee, Group, Line, Office, PhonePolicy, Scheme } from '../office/types.js';
import type { Party, Target } from './model.js';
import type { EngineClock } from './ports/clock.js';
import type { Directory } from './ports/directory.js';
import { activeDevice } from './schedule.js';

/** {@link Directory} over the live office. */
export class OfficeDirectory implements Directory {
  /** An index of employees by `user_id` over the live list: hunting a large group looks every operator up on each call. */
  private byId: { list: Employee[]; length: number; map: Map<number, number> } | undefined;

  constructor(
    readonly office: () => Office,
    private readonly clock: Pick<EngineClock, 'nowMs'>,
  ) {}

  employeeByExtension(ext: string): Employee | undefined {
    return this.office().employees.find((e) => e.extension === ext);
  }

  employeeById(id: number): Employee | undefined {
    const list = this.office().employees;
    let idx = this.byId;
    if (!idx || idx.list !== list || idx.length !== list.length) {
      idx = { list, length: list.length, map: new Map(list.map((e, i) => [e.user_id, i])) };
      this.byId = idx;
    }
    const i = idx.map.get(id);
    const hit = i === undefined ? undefined : list[i];
    if (hit && hit.user_id === id) return hit;
    // The list was edited in place: fall back to a scan and rebuild next time.
    this.byId = undefined;
    return list.find((e) => e.user_id === id);
  }

  employeeByNumber(num: string): Employee | undefined {
    return this.office().employees.find(
      (e) => e.extension === num || e.numbers.some((n) => n.number === num) || e.mobile === num,
    );
  }

  groupByExtension(ext: string): Group | undefined {
    return this.office().groups.find((g) => g.extension === ext);
  }

  groupById(id: number): Group | undefined {
    return this.office().groups.find((g) => g.id === id);
  }

  line(numberOrName: string): Line | undefined {
    return this.office().lines.find((l) => l.number === numberOrName || l.name === numberOrName);
  }

  scheme(schemaId: number): Scheme | undefined {
    return this.office().schemes.find((s) => s.schema_id === schemaId);
  }

  audio(id: number): AudioFile | undefined {
    return this.office().audiofiles.find((a) => a.id === id);
  }

  resolveTarget(to: string): Target {
    const emp = this.employeeByExtension(to);
    if (emp) return { kind: 'employee', employee: emp };
    const group = this.groupByExtension(to);
    if (group) return { kind: 'group', group };
    const owner = this.employeeByNumber(to);
    if (owner) return { kind: 'employee', employee: owner, device: to };
    return { kind: 'number', number: to };
  }

  customer(number: string, policy?: PhonePolicy): Party {
    const office = this.office();
    return {
      kind: 'customer',
      number,
      policy: policy ?? office.customers?.[number] ?? office.default_customer_policy,
    };
  }

  employeeParty(emp: Employee, device?: string): Party {
    const p: Party = { kind: 'employee', employee: emp, policy: emp.policy };
    const dev = device ?? activeDevice(emp.numbers, this.clock.nowMs())?.number ?? emp.numbers[0]?.number;
    if (dev !== undefined) p.number = dev;
    if (emp.extension !== undefined) p.extension = emp.extension;
    return p;
  }
}
