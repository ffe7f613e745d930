import type { Employee, Group } from '../office/types.js';
import type { EnginePorts } from './ports/index.js';

/** A group's fixed operator order, and what it was computed from. */
interface CachedPlan {
  operators: Group['operators'];
  opCount: number;
  employees: Employee[];
  empCount: number;
  alg: number;
  steps: Employee[][];
}

/** The order in which a group's operators are rung (reference §3.6.1 `dial_alg_group`). */
export class GroupPlans {
  /** Fixed orders per group: a call-centre group is hunted on every call. */
  private readonly cache = new WeakMap<Group, CachedPlan>();

  /** `random` draws the order of `dial_alg_group` 3. */
  constructor(
    private readonly k: Pick<EnginePorts, 'directory' | 'presence'>,
    private readonly random: () => number,
  ) {}

  /** Operators in calling order, grouped into rounds rung together. */
  plan(group: Group): Employee[][] {
    const alg = group.dial_alg_group;
    if (alg === 3 || alg === 5) return this.compute(group);
    const employees = this.k.directory.office().employees;
    const cached = this.cache.get(group);
    if (
      cached &&
      cached.operators === group.operators &&
      cached.opCount === group.operators.length &&
      cached.employees === employees &&
      cached.empCount === employees.length &&
      cached.alg === alg
    ) {
      return cached.steps;
    }
    const steps = this.compute(group);
    this.cache.set(group, {
      operators: group.operators,
      opCount: group.operators.length,
      employees,
      empCount: employees.length,
      alg,
      steps,
    });
    return steps;
  }

  private compute(group: Group): Employee[][] {
    const ops = group.operators
      .map((o, i) => ({ o, i, e: this.k.directory.employeeById(o.id) }))
      .filter((x): x is { o: Group['operators'][number]; i: number; e: Employee } => x.e !== undefined);
    const byOrder = [...ops].sort((x, y) => (x.o.order ?? x.i) - (y.o.order ?? y.i));
    switch (group.dial_alg_group) {
      case 0:
        return byOrder.map((x) => [x.e]);
      case 1: {
        const tiers = new Map<number, Employee[]>();
        for (const x of [...byOrder].sort((p, q) => p.o.priority - q.o.priority)) {
          const t = tiers.get(x.o.priority) ?? [];
          t.push(x.e);
          tiers.set(x.o.priority, t);
        }
        return [...tiers.values()];
      }
      case 2:
        return [byOrder.map((x) => x.e)];
      case 3: {
        const shuffled = byOrder.map((x) => x.e);
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.floor(this.random() * (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        return shuffled.map((e) => [e]);
      }
      case 5:
        return [...byOrder]
          .sort((p, q) => this.k.presence.idleSince(p.e) - this.k.presence.idleSince(q.e))
          .map((x) => [x.e]);
    }
  }
}
