import type { InjectedFault } from '../api/context.js';

/** A fault registered through the control API. */
export interface FaultRule extends InjectedFault {
  id: number;
  /** API path without `/vpbx/` (e.g. `commands/callback`), or `*` for any. */
  path: string;
  /** Requests left to affect; 0 = until cleared. */
  times: number;
}

/** Faults for the `/vpbx/` surface, taken one request at a time (`ApiContext.takeFault`). */
export class FaultStore {
  private rules: FaultRule[] = [];
  private nextId = 1;

  /** Registers a fault; validates it first. */
  add(input: {
    path?: unknown;
    status?: unknown;
    result?: unknown;
    delayMs?: unknown;
    times?: unknown;
  }): FaultRule {
    const path =
      typeof input.path === 'string' && input.path !== '' ? input.path.replace(/^\/?(vpbx\/)?/, '') : '';
    if (path === '') throw new TypeError('fault needs a path (e.g. "commands/callback" or "*")');
    const rule: FaultRule = { id: this.nextId++, path, times: 1 };
    if (input.status !== undefined) rule.status = intIn(input.status, 'status', 100, 599);
    if (input.result !== undefined) rule.result = intIn(input.result, 'result', 1000, 9999);
    if (input.delayMs !== undefined) rule.delayMs = intIn(input.delayMs, 'delayMs', 0, 600_000);
    if (input.times !== undefined) rule.times = intIn(input.times, 'times', 0, 1_000_000);
    if (rule.status === undefined && rule.result === undefined && rule.delayMs === undefined) {
      throw new TypeError('fault needs status, result or delayMs');
    }
    this.rules.push(rule);
    return rule;
  }

  /** Takes the first fault matching `path`, counting it down. */
  take(path: string): FaultRule | undefined {
    const clean = path.replace(/^\/?(vpbx\/)?/, '').replace(/\/$/, '');
    const i = this.rules.findIndex((r) => r.path === '*' || r.path.replace(/\/$/, '') === clean);
    if (i < 0) return undefined;
    const rule = this.rules[i]!;
    if (rule.times > 0) {
      rule.times -= 1;
      if (rule.times === 0) this.rules.splice(i, 1);
    }
    return rule;
  }

  list(): FaultRule[] {
    return [...this.rules];
  }

  clear(): void {
    this.rules = [];
  }
}

function intIn(v: unknown, name: string, min: number, max: number): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new TypeError(`${name} must be an integer in ${min}..${max}`);
  }
  return n;
}
