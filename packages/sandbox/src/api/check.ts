import { checkMethod, type Loose, type MethodParams, type MethodPath, RESULT } from 'mangokit/protocol';
import { type ApiAnswer, fail } from './http/answer.js';

/**
 * The codes of a request's bad fields (reference §1.3: `fields`), one per field, and the answer
 * they make: the single code when every field agrees, else 3100.
 */
export class Check {
  /** Per-field codes collected so far. */
  readonly fields: Record<string, number> = {};

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
    return { result: codes.size === 1 ? [...codes][0]! : RESULT.INVALID_PARAMETERS, fields: this.fields };
  }
}

/**
 * A request's parameters read against its method's row of `METHOD_SPECS` (3103 missing, 3104
 * wrong type or value, 3108/3109 out of range…, reference §1.3), to which the handler adds what
 * needs the office (3300 no such employee, 3106 taken…). `p` holds what the row could read.
 */
export class MethodCheck<P extends MethodPath> extends Check {
  readonly p: Loose<MethodParams<P>>;

  constructor(path: P, params: Record<string, unknown>) {
    super();
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
export function readParams<P extends MethodPath>(path: P, params: Record<string, unknown>): MethodCheck<P> {
  return new MethodCheck(path, params);
}
