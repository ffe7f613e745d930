import { MangoValidationError } from '../core/errors.js';
import { type RequiredPath, requiredPaths } from '../methods/check.js';
import { METHOD_SPECS, type MethodPath } from '../methods/table.js';

/** The parameters a caller must fill per method, from its row of `METHOD_SPECS` (read once). */
const REQUIRED = new Map<MethodPath, readonly RequiredPath[]>();

function requiredOf(method: MethodPath): readonly RequiredPath[] {
  let paths = REQUIRED.get(method);
  if (!paths) {
    // `command_id` is the client's to generate (reference §1.4).
    paths = requiredPaths(METHOD_SPECS[method].params, ['command_id']);
    REQUIRED.set(method, paths);
  }
  return paths;
}

function valueAt(params: object, parts: readonly string[]): unknown {
  let v: unknown = params;
  for (const part of parts) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** A value that fills a parameter: a number, a non-empty string, a yes/no, a list. */
function filled(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return v !== '';
  return typeof v === 'boolean' || Array.isArray(v);
}

/**
 * Checks, before anything is sent, that `params` fills every required parameter of the method's
 * row in `METHOD_SPECS` (objects entered: `from.extension`); throws `MangoValidationError`
 * naming the first one missing, as `<path>: <field> is required`.
 */
export function requireParams(method: MethodPath, params: unknown): void {
  const label = method.startsWith('../') ? method.slice('../'.length) : method;
  if (!params || typeof params !== 'object')
    throw new MangoValidationError(`${label}: parameters must be an object`);
  for (const field of requiredOf(method)) {
    const v = valueAt(params, field.parts);
    // An empty-allowed field (play/start internal_id) only needs its key (reference §2.6).
    if (field.emptyAllowed ? v === undefined : !filled(v))
      throw new MangoValidationError(`${label}: ${field.path} is required`);
  }
}
