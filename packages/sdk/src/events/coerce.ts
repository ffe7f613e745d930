import { MangoValidationError } from '../core/errors.js';

/**
 * Readers that turn the vendor's loosely typed JSON into the normalised payload types.
 * The vendor sends numbers as strings or numbers and booleans as strings (reference §1.2,
 * §9.7); these helpers accept both and throw `MangoValidationError` naming the field on
 * anything else. Internal to the events area.
 */

/** A parsed JSON object whose fields are read by name. */
export type JsonObject = Record<string, unknown>;

const INTEGER_TEXT = /^-?\d+(?:\.\d+)?$/;

function fail(field: string, what: string): never {
  throw new MangoValidationError(`notification field "${field}" ${what}`);
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A nested object, or an empty one when absent. */
export function objectField(source: JsonObject, field: string): JsonObject {
  const value = source[field];
  if (value === undefined || value === null || value === '') return {};
  if (!isObject(value)) fail(field, 'must be an object');
  return value;
}

/** A number sent as a number or a numeric string; `undefined` when absent or empty. */
export function optNumber(source: JsonObject, field: string): number | undefined {
  const value = source[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && INTEGER_TEXT.test(value.trim())) return Number(value);
  return fail(field, 'must be a number');
}

/** A required number (string or number on the wire). */
export function reqNumber(source: JsonObject, field: string): number {
  const value = optNumber(source, field);
  if (value === undefined) fail(field, 'is missing');
  return value;
}

/** A string, or a number read as its decimal text (extensions arrive as both, §4.1). */
export function optString(source: JsonObject, field: string): string | undefined {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fail(field, 'must be a string');
}

/** A required, non-empty string (identifiers such as `entry_id`). */
export function reqString(source: JsonObject, field: string): string {
  const value = optString(source, field);
  if (value === undefined || value === '') fail(field, 'is missing');
  return value;
}

/** A boolean sent as `true`/`false`, `"true"`/`"false"`, `1`/`0` or `"1"`/`"0"` (§9.7). */
export function optBoolean(source: JsonObject, field: string): boolean | undefined {
  const value = source[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true' || value === 'True') return true;
  if (value === 0 || value === '0' || value === 'false' || value === 'False') return false;
  return fail(field, 'must be a boolean');
}

/** One of a fixed set of values, compared case-insensitively and returned in canonical form. */
export function reqEnum<T extends string | number>(
  source: JsonObject,
  field: string,
  allowed: readonly T[],
): T {
  const value = optEnum(source, field, allowed);
  if (value === undefined) fail(field, 'is missing');
  return value;
}

/** Like `reqEnum`, but `undefined` when absent. */
export function optEnum<T extends string | number>(
  source: JsonObject,
  field: string,
  allowed: readonly T[],
): T | undefined {
  const value = source[field];
  if (value === undefined || value === null || value === '') return undefined;
  for (const candidate of allowed) {
    if (typeof candidate === 'number') {
      if (value === candidate || value === String(candidate)) return candidate;
    } else if (typeof value === 'string' && value.toLowerCase() === candidate.toLowerCase()) {
      return candidate;
    }
  }
  return fail(field, `has an unexpected value (expected one of ${allowed.join(', ')})`);
}

/** Sets `target[key] = value` only when the value is present, keeping payloads free of `undefined`. */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
