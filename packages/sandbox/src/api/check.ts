import { checkMethod, type Loose, type MethodParams, type MethodPath, RESULT } from 'mangokit/protocol';
import { type ApiAnswer, fail } from './http/answer.js';

/** Result codes the validators use (reference §5, 3xxx), by the names the checks read best with. */
export const CODE = {
  OK: RESULT.SUCCESS,
  INVALID_PARAMS: RESULT.INVALID_PARAMETERS,
  REQUIRED: RESULT.REQUIRED,
  FORMAT: RESULT.WRONG_FORMAT,
  IN_USE: RESULT.IN_USE,
  BELOW: RESULT.BELOW_MINIMUM,
  ABOVE: RESULT.ABOVE_MAXIMUM,
  BAD_DATES: RESULT.BAD_DATES,
  ONLY_ONE: RESULT.ONLY_ONE_ALLOWED,
  LINE_NOT_OUTGOING: RESULT.LINE_NOT_OUTGOING,
  TOGETHER: RESULT.NEEDS_OTHER_PARAMETERS,
  ONE_REQUIRED: RESULT.ONE_REQUIRED,
  BAD_SUBSCRIBER: RESULT.BAD_SUBSCRIBER_NUMBER,
  NOT_FOUND: RESULT.NOT_FOUND,
  CALL_NOT_FOUND: RESULT.CALL_NOT_FOUND,
  RECORDING_NOT_FOUND: RESULT.RECORDING_NOT_FOUND,
  NUMBER_NOT_FOUND: RESULT.NUMBER_NOT_FOUND,
  FILE_NOT_FOUND: RESULT.FILE_NOT_FOUND,
  MALFORMED_JSON: RESULT.MALFORMED_JSON,
} as const;

type Params = Record<string, unknown>;

function lookup(params: Params, path: string): unknown {
  let value: unknown = params;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Params)[part];
  }
  return value;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Reads request parameters and collects one code per bad field (reference §1.3: `fields`).
 * Numbers are accepted as numbers or numeric strings (reference §1.2: "accept both").
 */
export class Check {
  /** Per-field codes collected so far. */
  readonly fields: Record<string, number> = {};

  constructor(readonly params: Params = {}) {}

  /** Records a code for a field (the first code per field wins). */
  fail(field: string, code: number): void {
    if (!(field in this.fields)) this.fields[field] = code;
  }

  /** True when no field failed. */
  get ok(): boolean {
    return Object.keys(this.fields).length === 0;
  }

  /** The error answer: the single code when every field agrees, else 3100 (reference §1.3). */
  answer(): ApiAnswer {
    const { result, fields } = this.rejection();
    return fail(result, fields);
  }

  /** The result code and per-field codes of the error answer (see `answer`). */
  rejection(): { result: number; fields: Record<string, number> } {
    const codes = new Set(Object.values(this.fields));
    return { result: codes.size === 1 ? [...codes][0]! : CODE.INVALID_PARAMS, fields: this.fields };
  }

  /** Whether a value was given at `path` (dotted for nested objects). */
  has(path: string): boolean {
    return present(lookup(this.params, path));
  }

  /** A string parameter (numbers are accepted and turned into strings). */
  str(
    path: string,
    opts: { required?: boolean; max?: number; oneOf?: readonly string[] } = {},
  ): string | undefined {
    const value = lookup(this.params, path);
    if (!present(value)) {
      if (opts.required) this.fail(path, CODE.REQUIRED);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    const text = String(value);
    if (opts.max !== undefined && Buffer.byteLength(text) > opts.max) {
      this.fail(path, CODE.ABOVE);
      return undefined;
    }
    if (opts.oneOf && !opts.oneOf.includes(text)) {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    return text;
  }

  /** An integer parameter (a numeric string is accepted). */
  int(
    path: string,
    opts: { required?: boolean; min?: number; max?: number; oneOf?: readonly number[] } = {},
  ): number | undefined {
    const value = lookup(this.params, path);
    if (!present(value)) {
      if (opts.required) this.fail(path, CODE.REQUIRED);
      return undefined;
    }
    const n =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
    if (!Number.isInteger(n)) {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    if (opts.oneOf && !opts.oneOf.includes(n)) {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    if (opts.min !== undefined && n < opts.min) {
      this.fail(path, CODE.BELOW);
      return undefined;
    }
    if (opts.max !== undefined && n > opts.max) {
      this.fail(path, CODE.ABOVE);
      return undefined;
    }
    return n;
  }

  /** A boolean given as `true`/`false`, `0`/`1` or their strings. */
  bool(path: string, opts: { required?: boolean } = {}): boolean | undefined {
    const value = lookup(this.params, path);
    if (!present(value)) {
      if (opts.required) this.fail(path, CODE.REQUIRED);
      return undefined;
    }
    if (value === true || value === 1 || value === '1' || value === 'true') return true;
    if (value === false || value === 0 || value === '0' || value === 'false') return false;
    this.fail(path, CODE.FORMAT);
    return undefined;
  }

  /** A JSON object parameter. */
  obj(path: string, opts: { required?: boolean } = {}): Params | undefined {
    const value = lookup(this.params, path);
    if (!present(value)) {
      if (opts.required) this.fail(path, CODE.REQUIRED);
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    return value as Params;
  }

  /** An array parameter; a JSON-encoded array string is accepted too (reference §3.3.4). */
  list(path: string, opts: { required?: boolean; max?: number } = {}): unknown[] | undefined {
    let value = lookup(this.params, path);
    if (!present(value)) {
      if (opts.required) this.fail(path, CODE.REQUIRED);
      return undefined;
    }
    if (typeof value === 'string' && value.trimStart().startsWith('[')) {
      try {
        value = JSON.parse(value);
      } catch {
        this.fail(path, CODE.FORMAT);
        return undefined;
      }
    }
    if (!Array.isArray(value)) {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    if (opts.max !== undefined && value.length > opts.max) {
      this.fail(path, CODE.ABOVE);
      return undefined;
    }
    return value;
  }

  /** An array of integers (strictly JSON integers, reference §3.2: strings are rejected). */
  intList(path: string): number[] | undefined {
    const value = lookup(this.params, path);
    if (!present(value)) return undefined;
    if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) {
      this.fail(path, CODE.FORMAT);
      return undefined;
    }
    return value as number[];
  }
}

/**
 * A request's parameters read against its method's row of `METHOD_SPECS` (3103 missing, 3104
 * wrong type or value, 3108/3109 out of range…, reference §1.3), to which the handler adds what
 * needs the office (3300 no such employee, 3106 taken…). `p` holds what the row could read.
 */
export class MethodCheck<P extends MethodPath> extends Check {
  readonly p: Loose<MethodParams<P>>;

  constructor(path: P, params: Params) {
    super(params);
    const shape = checkMethod(path, params);
    this.p = shape.params as Loose<MethodParams<P>>;
    for (const [field, code] of Object.entries(shape.fields)) this.fail(field, code);
  }

  /** The parameters, typed by the row, once no field failed (neither the row's checks nor the handler's). */
  valid(): MethodParams<P> | undefined {
    return this.ok ? (this.p as MethodParams<P>) : undefined;
  }
}

/** Reads a request's parameters against its method's row (see `MethodCheck`). */
export function readParams<P extends MethodPath>(path: P, params: Params): MethodCheck<P> {
  return new MethodCheck(path, params);
}
