/*
 * The one parameter table of the vendor API: a row per method of reference §2 and §3 (Appendix A
 * is the index), by its path relative to the vpbx base, without a trailing slash — `commands/sms`,
 * `bwlists/number/add`; the Contact-Center and speech-analytics APIs beside it as `../cc/…` and
 * `../s2t/…`. Each row names the method's parameters (`methods/spec.ts`); the SDK's method types
 * and pre-send checks, the sandbox's validation of every route and the engine's typed command
 * parameters are derived from it. A new method is a new row in one of the family files.
 */
import { COMMAND_SPECS, type CommandPath } from './commands.js';
import { CONFIG_SPECS } from './config.js';
import { LIST_SPECS } from './lists.js';
import { QUERY_SPECS } from './queries.js';
import { SERVICE_SPECS } from './services.js';
import type { MethodSpec, ParamsOf } from './spec.js';

type CommandRows = { readonly [P in CommandPath]: { readonly params: (typeof COMMAND_SPECS)[P] } };

const COMMAND_ROWS = Object.fromEntries(
  Object.entries(COMMAND_SPECS).map(([path, params]) => [path, { params }]),
) as CommandRows;

/** Every vendor method by its path, with its parameters. */
export const METHOD_SPECS = {
  ...COMMAND_ROWS,
  ...QUERY_SPECS,
  ...CONFIG_SPECS,
  ...LIST_SPECS,
  ...SERVICE_SPECS,
} as const satisfies Record<string, MethodSpec>;

/** The path of a vendor method (`stats/request`, `../cc/get_presence`). */
export type MethodPath = keyof typeof METHOD_SPECS;

/** Every method path, in the table's order (the reference's). */
export const METHOD_PATHS: readonly MethodPath[] = Object.keys(METHOD_SPECS) as MethodPath[];

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * A method's parameters once read and checked against its row (the sandbox): strings are strings,
 * integers numbers, lists lists. `MethodParams<'group/create'>`.
 */
export type MethodParams<P extends MethodPath> = ParamsOf<(typeof METHOD_SPECS)[P]['params'], 'read'>;

/**
 * A method's parameters as a caller sends them (the SDK's method parameter types); a method whose
 * parameters the reference does not list takes any others too.
 */
export type MethodInput<P extends MethodPath> = (typeof METHOD_SPECS)[P] extends { open: true }
  ? Simplify<ParamsOf<(typeof METHOD_SPECS)[P]['params'], 'send'> & { [name: string]: unknown }>
  : ParamsOf<(typeof METHOD_SPECS)[P]['params'], 'send'>;

const PATHS = new Set<string>(METHOD_PATHS);
const GET_PATHS = METHOD_PATHS.filter((path) => (METHOD_SPECS[path] as MethodSpec).http === 'get');

/**
 * The method a request path names, or `undefined`: `/vpbx/bwlists/state/` → `bwlists/state`,
 * `/cc/get_presence` → `../cc/get_presence`, `/vpbx/queries/recording/issa/<id>/play` →
 * `queries/recording/issa`. Leading and trailing slashes are ignored (reference §1.2).
 */
export function methodPathOf(requestPath: string): MethodPath | undefined {
  const path = requestPath.replace(/^\/+|\/+$/g, '');
  const key = path.startsWith('vpbx/') ? path.slice('vpbx/'.length) : `../${path}`;
  if (PATHS.has(key)) return key as MethodPath;
  return GET_PATHS.find((get) => key.startsWith(`${get}/`));
}

/** The request path of a method below the API host: `vpbx/bwlists/state`, `cc/get_presence`. */
export function requestPathOf(method: MethodPath): string {
  return method.startsWith('../') ? method.slice('../'.length) : `vpbx/${method}`;
}
