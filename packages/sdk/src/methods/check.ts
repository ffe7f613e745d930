import { RESULT } from '../codes/resultCodes.js';
import type { CommandName, CommandParams } from './commands.js';
import { COMMAND_SPECS } from './commands.js';
import { SMS_MAX_SEGMENTS, smsTextSize } from './sms.js';
import type { ParamSpec, ParamsOf, ParamTable } from './spec.js';

/** Every field optional, all the way down: what a check could read from a request that failed it. */
export type Loose<T> = T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;

/**
 * The outcome of checking parameters against their table (reference §1.3): the values read
 * (strings from numbers, numbers from numeric strings, unknown keys left out), and one code per
 * bad field, keyed by its dotted path (`from.extension`).
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

function readString(value: string | number, spec: { maxBytes?: number; oneOf?: readonly string[] }) {
  const text = typeof value === 'number' ? String(value) : value;
  if (spec.maxBytes !== undefined && byteLength(text) > spec.maxBytes) return RESULT.ABOVE_MAXIMUM;
  if (spec.oneOf && !spec.oneOf.includes(text)) return RESULT.WRONG_FORMAT;
  return text;
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

/** Reads one parameter: its value, a result code, or `undefined` when it is absent and may be. */
function readParam(
  spec: ParamSpec,
  value: unknown,
  path: string,
  fields: Record<string, number>,
): unknown | typeof SKIP {
  const required = spec.required === true;
  switch (spec.type) {
    case 'string':
    case 'smsText': {
      if (absent(value)) return required ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      if (typeof value !== 'string' && typeof value !== 'number')
        return fail(fields, path, RESULT.WRONG_FORMAT);
      const text = spec.type === 'string' ? readString(value, spec) : String(value);
      if (typeof text === 'number') return fail(fields, path, text);
      if (spec.type === 'smsText' && smsTextSize(text).segments > SMS_MAX_SEGMENTS)
        return fail(fields, path, RESULT.ABOVE_MAXIMUM);
      return text;
    }
    case 'integer': {
      if (value === undefined) return required ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      if (absent(value)) return required && !spec.emptyAllowed ? fail(fields, path, RESULT.REQUIRED) : SKIP;
      const n =
        typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
      if (!Number.isInteger(n)) return fail(fields, path, RESULT.WRONG_FORMAT);
      if (spec.min !== undefined && n < spec.min) return fail(fields, path, RESULT.BELOW_MINIMUM);
      if (spec.max !== undefined && n > spec.max) return fail(fields, path, RESULT.ABOVE_MAXIMUM);
      return n;
    }
    case 'object': {
      const given = !absent(value);
      if (given && !isObject(value)) fail(fields, path, RESULT.WRONG_FORMAT);
      else if (!given && required) fail(fields, path, RESULT.REQUIRED);
      // The fields are read even when the object is missing, so each missing one is named too.
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

const SKIP: unique symbol = Symbol('absent');

function fail(fields: Record<string, number>, path: string, code: number): typeof SKIP {
  if (!(path in fields)) fields[path] = code;
  return SKIP;
}

function readTable(
  table: ParamTable,
  input: Json | undefined,
  prefix: string,
  fields: Record<string, number>,
): Json {
  const out: Json = {};
  for (const name in table) {
    const value = readParam(table[name]!, input?.[name], prefix + name, fields);
    if (value !== SKIP) out[name] = value;
  }
  return out;
}

/**
 * Checks parameters against their table as a tolerant reader (the sandbox): numbers are
 * accepted for strings and numeric strings for integers (reference §1.2), documented-required
 * fields may be absent, `sip_headers` entries the method does not use are dropped. Each bad field
 * gets the vendor's code: 3103 missing, 3104 wrong type or value, 3108 / 3109 out of range or too
 * long (reference §1.3, §5).
 */
export function checkParams<T extends ParamTable>(table: T, input: unknown): ParamCheck<ParamsOf<T, 'read'>> {
  const fields: Record<string, number> = {};
  const params = readTable(table, isObject(input) ? input : undefined, '', fields);
  return Object.keys(fields).length === 0
    ? { ok: true, params: params as ParamsOf<T, 'read'>, fields }
    : { ok: false, params: params as Loose<ParamsOf<T, 'read'>>, fields };
}

/** Checks a command's parameters against its row of `COMMAND_SPECS` (see `checkParams`). */
export function checkCommand<N extends CommandName>(name: N, input: unknown): ParamCheck<CommandParams<N>> {
  const table: ParamTable = COMMAND_SPECS[`commands/${name}`];
  return checkParams(table, input) as unknown as ParamCheck<CommandParams<N>>;
}

/**
 * The dotted paths of the parameters a sender must fill (the SDK checks them before sending):
 * required and documented-required leaves, objects entered. An empty-allowed field only needs its key.
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
