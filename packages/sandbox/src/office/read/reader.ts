import { OFFICE_ISSUES as I, type SandboxText } from '../../i18n/messages.js';
import type { OfficeIssue } from '../errors.js';

/** An untrusted object being read. */
export type Obj = Record<string, unknown>;

/**
 * The members of a union type of `types.ts` as a list, checked by the compiler: a member the
 * list misses, or one the type does not have, fails to compile. The reader's allowed values are
 * thereby derived from the office types instead of being a second, drifting copy of them.
 */
export function membersOf<T extends string | number>() {
  return <const L extends readonly T[]>(
    list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> }),
  ): L => list;
}

/** Collects issues with their paths while reading an untrusted object. */
export class Reader {
  readonly issues: OfficeIssue[] = [];

  fail(path: string, text: SandboxText): void {
    this.issues.push({ path, message: text.en, message_ru: text.ru });
  }

  obj(v: unknown, path: string): Obj | undefined {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Obj;
    this.fail(path, I.notObject(v));
    return undefined;
  }

  arr(o: Obj, key: string, path: string, required = false): unknown[] {
    const v = o[key];
    if (v === undefined && !required) return [];
    if (Array.isArray(v)) return v;
    this.fail(join(path, key), I.notArray(v));
    return [];
  }

  str(o: Obj, key: string, path: string, required: boolean): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), I.requiredString);
      return undefined;
    }
    // Numbers are accepted where the vendor mixes strings and numbers (reference §1.2).
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return v;
    this.fail(join(path, key), I.notString(v));
    return undefined;
  }

  num(
    o: Obj,
    key: string,
    path: string,
    required: boolean,
    min = Number.NEGATIVE_INFINITY,
  ): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), I.requiredNumber);
      return undefined;
    }
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      this.fail(join(path, key), I.notNumber(v));
      return undefined;
    }
    if (n < min) {
      this.fail(join(path, key), I.belowMin(min, n));
      return undefined;
    }
    return n;
  }

  oneOf<T extends string | number>(
    o: Obj,
    key: string,
    path: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if ((allowed as readonly unknown[]).includes(v)) return v as T;
    this.fail(join(path, key), I.notOneOf(allowed.map((a) => JSON.stringify(a)).join(', '), v));
    return undefined;
  }

  bool(o: Obj, key: string, path: string, fallback: boolean): boolean {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.fail(join(path, key), I.notBool(v));
    return fallback;
  }
}

/** A JSON path one step deeper: `path.key` or `path[i]`. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** Reports every item after the first that shares a key with an earlier one. */
export function unique<T>(
  r: Reader,
  items: T[],
  key: (t: T) => string | number | undefined,
  path: string,
  what: string,
): void {
  const seen = new Map<string | number, number>();
  items.forEach((it, i) => {
    const k = key(it);
    if (k === undefined) return;
    const prev = seen.get(k);
    if (prev !== undefined) r.fail(join(path, i), I.duplicate(what, JSON.stringify(k), join(path, prev)));
    else seen.set(k, i);
  });
}
