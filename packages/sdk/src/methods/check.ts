import { RESULT } from '../codes/resultCodes.js';
import type { CommandName, CommandParams } from './commands.js';
import { COMMAND_SPECS } from './commands.js';
import { FORMATS } from './formats.js';
import { SMS_MAX_SEGMENTS, smsTextSize } from './sms.js';
import type { ItemSpec, MethodSpec, ParamRule, ParamSpec, ParamsOf, ParamTable } from './spec.js';
import { METHOD_SPECS, type MethodParams, type MethodPath } from './table.js';

/** Every field optional, all the way down: what a check could read from a request that failed it. */
export type Loose<T> = T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;

/**
 * The outcome of checking parameters against their table (reference §1.3): the values read
 * (strings from numbers, numbers from numeric strings, unknown keys left out), and one code per
 * bad field, keyed by its dotted path (`from.extension`, `numbers[1].number`).
 */
export type ParamCheck<T> =
  | { readonly ok: true; readonly params: T; readonly fields: Readonly<Record<string, number>> }
  | { readonly ok: false; readonly params: Loose<T>; readonly fields: Readonly<Record<string, number>> };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `undefined`, `null` and `""` all mean "not given" (reference §1.2: clients send all three). */
function absent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** UTF-8 length without allocating (a lone surrogate counts as U+FFFD, 3 bytes, as encoders write it). */
function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else {
      // A surrogate pair is 4 bytes for 2 units; any other unit above U+07FF is 3 bytes.
      const next = text.charCodeAt(i + 1);
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      bytes += 2;
    }
  }
  return bytes;
}

const SKIP: unique symbol = Symbol('absent');
type Read = unknown | typeof SKIP;

function fail(fields: Record<string, number>, path: string, code: number): typeof SKIP {
  if (!(path in fields)) fields[path] = code;
  return SKIP;
}

const YES: readonly unknown[] = [true, 1, '1', 'true'];
const NO: readonly unknown[] = [false, 0, '0', 'false'];

/** Reads a value that is given (not absent) as a scalar spec: its value or a failure at `path`. */
function readScalar(
  spec: Exclude<ParamSpec | ItemSpec, { type: 'object' | 'array' | 'sipHeaders' }>,
  value: unknown,
  path: string,
  fields: Record<string, number>,
): Read {
  switch (spec.type) {
    case 'string':
    case 'smsText': {
      if (typeof value !== 'string' && (typeof value !== 'number' || (spec.type === 'string' && spec.strict)))
        return fail(fields, path, RESULT.WRONG_FORMAT);
      const text = typeof value === 'number' ? String(value) : value;
      if (spec.type === 'smsText')
        return smsTextSize(text).segments > SMS_MAX_SEGMENTS
          ? fail(fields, path, RESULT.ABOVE_MAXIMUM)
          : text;
      if (spec.maxBytes !== undefined && byteLength(text) > spec.maxBytes)
        return fail(fields, path, RESULT.ABOVE_MAXIMUM);
      if (spec.minLength !== undefined && text.length < spec.minLength)
        return fail(fields, path, RESULT.BELOW_MINIMUM);
      if (spec.oneOf && !spec.oneOf.includes(text)) return fail(fields, path, RESULT.WRONG_FORMAT);
      if (spec.format !== undefined) {
        const format = FORMATS[spec.format];
        if (!format.test(text)) return fail(fields, path, format.code);
      }
      return text;
    }
    case 'integer': {
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && spec.numericString !== 'refuse'
            ? Number(value.trim())
            : Number.NaN;
      if (!Number.isInteger(n)) return fail(fields, path, RESULT.WRONG_FORMAT);
      if (spec.oneOf && !spec.oneOf.includes(n)) return fail(fields, path, RESULT.WRONG_FORMAT);
      if (spec.min !== undefined && n < spec.min) return fail(fields, path, RESULT.BELOW_MINIMUM);
      if (spec.max !== undefined && n > spec.max) return fail(fields, path, RESULT.ABOVE_MAXIMUM);
      return typeof value === 'string' && spec.numericString === 'keep' ? value : n;
    }
    case 'boolean': {
      if (YES.includes(value) || spec.words?.yes.includes(value as string)) return true;
      if (NO.includes(value) || spec.words?.no.includes(value as string)) return false;
      return fail(fields, path, RESULT.WRONG_FORMAT);
    }
  }
}

/** Reads a list: its items, or a failure at `path` (scalar items) or at `path[i].field` (object items). */
function readArray(
  spec: Extract<ParamSpec, { type: 'array' }>,
  value: unknown,
  path: string,
  fields: Record<string, number>,
): Read {
  let list = value;
  if (typeof list === 'string') {
    if (spec.encoded && list.trimStart().startsWith('[')) {
      try {
        list = JSON.parse(list);
      } catch {
        return fail(fields, path, RESULT.WRONG_FORMAT);
      }
    } else if (spec.split !== undefined) {
      list = list
        .split(spec.split)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    }
  }
  const item = spec.items;
  // Items of a written-out list lose the blanks around them however the list came.
  if (Array.isArray(list) && spec.split !== undefined)
    list = list.map((v) => (typeof v === 'string' ? v.trim() : v));
  if (!Array.isArray(list)) {
    if (!spec.single || item.type === 'object') return fail(fields, path, RESULT.WRONG_FORMAT);
    const one = readScalar(item, list, path, fields);
    return one === SKIP ? SKIP : [one];
  }
  if (spec.maxItems !== undefined && list.length > spec.maxItems)
    return fail(fields, path, RESULT.ABOVE_MAXIMUM);
  if (spec.nonEmpty && list.length === 0) return fail(fields, path, RESULT.WRONG_FORMAT);
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    let v: unknown = list[i];
    if (item.type === 'object') {
      if (item.shorthand !== undefined && (typeof v === 'string' || typeof v === 'number'))
        v = { [item.shorthand]: v };
      if (!isObject(v)) {
        fail(fields, `${path}[${i}]`, RESULT.WRONG_FORMAT);
        continue;
      }
      out.push(readTable(item.fields, v, `${path}[${i}].`, fields));
    } else {
      // A bad scalar item is the list's fault: one code for the list, as the PBX names it.
      const read = absent(v) ? fail(fields, path, RESULT.WRONG_FORMAT) : readScalar(item, v, path, fields);
      if (read === SKIP) return SKIP;
      out.push(read);
    }
  }
  return out;
}

/** Reads one parameter: its value, or `SKIP` when it is absent (and may be) or bad (its code recorded). */
function readParam(
  spec: ParamSpec,
  value: unknown,
  path: string,
  fields: Record<string, number>,
  input: Json | undefined,
): Read {
  const required = spec.required === true;
  switch (spec.type) {
    case 'integer':
      if (value === undefined) return required ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      if (absent(value)) return required && !spec.emptyAllowed ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      return readScalar(spec, value, path, fields);
    case 'string':
    case 'smsText':
    case 'boolean':
      if (absent(value)) return required ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      return readScalar(spec, value, path, fields);
    case 'array':
      if (absent(value)) return required ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      return readArray(spec, value, path, fields);
    case 'object': {
      if (spec.when && String(input?.[spec.when.field] ?? '') !== spec.when.is) return SKIP;
      const given = !absent(value);
      if (given && !isObject(value)) fail(fields, path, RESULT.WRONG_FORMAT);
      else if (!given && required) fail(fields, path, RESULT.REQUIRED);
      else if (!given && !spec.when) return SKIP;
      // A required (or wanted) object's fields are read even when it is missing, so each missing one is named.
      const inner = readTable(spec.fields, isObject(value) ? value : undefined, `${path}.`, fields);
      return isObject(value) ? inner : SKIP;
    }
    case 'sipHeaders': {
      if (absent(value)) return SKIP;
      if (!isObject(value)) return fail(fields, path, RESULT.WRONG_FORMAT);
      // Unknown keys and unusable values are ignored, as the PBX ignores them (reference §2.12).
      const headers: Record<string, string> = {};
      for (const key of spec.keys) {
        const v = value[key];
        if (typeof v === 'string' && byteLength(v) <= spec.maxBytes) headers[key] = v;
      }
      return headers;
    }
  }
}

/** The value given for a parameter: under its name, else under the first alias that has one. */
function given(spec: ParamSpec, name: string, input: Json | undefined): unknown {
  const value = input?.[name];
  if (!absent(value) || !spec.aliases) return value;
  for (const alias of spec.aliases) if (!absent(input?.[alias])) return input?.[alias];
  return value;
}

function readTable(
  table: ParamTable,
  input: Json | undefined,
  prefix: string,
  fields: Record<string, number>,
): Json {
  const out: Json = {};
  for (const name in table) {
    const spec = table[name]!;
    const value = readParam(spec, given(spec, name, input), prefix + name, fields, input);
    if (value !== SKIP) out[name] = value;
  }
  return out;
}

function applyRules(
  table: ParamTable,
  rules: readonly ParamRule[],
  input: Json | undefined,
  fields: Record<string, number>,
): void {
  const has = (name: string) => {
    const spec = table[name];
    return !absent(spec ? given(spec, name, input) : input?.[name]);
  };
  const clean = Object.keys(fields).length === 0;
  for (const rule of rules) {
    if (rule.kind === 'together') {
      const [a, b] = rule.fields;
      if (has(a) !== has(b)) fail(fields, has(a) ? b : a, RESULT.NEEDS_OTHER_PARAMETERS);
    } else if (rule.kind === 'exclusive') {
      if (has(rule.field) && rule.others.some(has)) fail(fields, rule.field, RESULT.ONLY_ONE_ALLOWED);
    } else {
      const [a, b] = rule.fields;
      if (has(a) && has(b)) fail(fields, b, RESULT.ONLY_ONE_ALLOWED);
      else if (!has(a) && !has(b) && clean) fail(fields, a, RESULT.ONE_REQUIRED);
    }
  }
}

/**
 * Checks parameters against their table as a tolerant reader (the sandbox): numbers are
 * accepted for strings and numeric strings for integers (reference §1.2), documented-required
 * fields may be absent, `sip_headers` entries the method does not use are dropped. Each bad field
 * gets the vendor's code: 3103 missing, 3104 wrong type or value, 3108 / 3109 out of range or too
 * long (reference §1.3, §5); a rule over several fields its own (3123, 3125, 3135).
 */
export function checkParams<T extends ParamTable>(
  table: T,
  input: unknown,
  rules: readonly ParamRule[] = [],
): ParamCheck<ParamsOf<T, 'read'>> {
  const fields: Record<string, number> = {};
  const json = isObject(input) ? input : undefined;
  const params = readTable(table, json, '', fields);
  applyRules(table, rules, json, fields);
  return Object.keys(fields).length === 0
    ? { ok: true, params: params as ParamsOf<T, 'read'>, fields }
    : { ok: false, params: params as Loose<ParamsOf<T, 'read'>>, fields };
}

/** Checks a method's parameters against its row of `METHOD_SPECS` (see `checkParams`). */
export function checkMethod<P extends MethodPath>(path: P, input: unknown): ParamCheck<MethodParams<P>> {
  const row: MethodSpec = METHOD_SPECS[path];
  return checkParams(row.params, input, row.rules) as unknown as ParamCheck<MethodParams<P>>;
}

/** Checks a command's parameters against its row of `COMMAND_SPECS` (see `checkParams`). */
export function checkCommand<N extends CommandName>(name: N, input: unknown): ParamCheck<CommandParams<N>> {
  const table: ParamTable = COMMAND_SPECS[`commands/${name}`];
  return checkParams(table, input) as unknown as ParamCheck<CommandParams<N>>;
}

/**
 * The dotted paths of the parameters a sender must fill (the SDK checks them before sending):
 * required and documented-required leaves, objects entered (lists are not: their items have no
 * name). An empty-allowed field only needs its key.
 */
export function requiredPaths(table: ParamTable, skip: readonly string[] = []): RequiredPath[] {
  const out: RequiredPath[] = [];
  const walk = (t: ParamTable, prefix: string) => {
    for (const name in t) {
      const spec = t[name]!;
      const path = prefix + name;
      if (!spec.required || skip.includes(path)) continue;
      if (spec.type === 'object') walk(spec.fields, `${path}.`);
      else
        out.push({
          path,
          parts: path.split('.'),
          emptyAllowed: spec.type === 'integer' && spec.emptyAllowed === true,
        });
    }
  };
  walk(table, '');
  return out;
}

/** A parameter a sender must fill. */
export interface RequiredPath {
  readonly path: string;
  readonly parts: readonly string[];
  /** Only the key must be present (`""` is a value). */
  readonly emptyAllowed: boolean;
}
