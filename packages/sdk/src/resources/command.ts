import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { MangoValidationError } from '../core/errors.js';
import type { CommandInput, CommandName } from '../methods/commands.js';
import { requireParams } from './params.js';

/** Acknowledgement of a command (reference §1.4): the outcome arrives later on `result/<name>`. */
export interface CommandResult {
  /** The id sent (generated when not given): correlate `result/*` and `events/call` with it. */
  command_id: string;
  /** Immediate acceptance code, 1000 when accepted. */
  result: number;
}

/** A fresh command id (UUID v4). */
export function newCommandId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Sends a command with its `command_id` (generated up front) and returns the acknowledgement.
 * The required fields of its row in `METHOD_SPECS` are checked first: nothing is sent without them.
 */
export async function sendCommand<N extends CommandName>(
  pipeline: RequestPipeline,
  name: N,
  params: CommandInput<N>,
  options?: RequestOptions,
): Promise<CommandResult> {
  const path = `commands/${name}` as const;
  requireParams(path, params);
  if (
    params.command_id !== undefined &&
    (typeof params.command_id !== 'string' || params.command_id === '')
  ) {
    throw new MangoValidationError(`${path}: command_id must be a non-empty string`);
  }
  const command_id = params.command_id ?? newCommandId();
  const json = params.command_id === undefined ? withCommandId(params, command_id) : JSON.stringify(params);
  const body = await pipeline.callJson<{ result?: number }>(path, json, options);
  return { command_id, result: body.result ?? 1000 };
}

/**
 * `JSON.stringify({ ...params, command_id })` without copying `params`: the id (a UUID, nothing
 * to escape) is appended to the serialised object. Anything unusual (an own `command_id` key
 * holding `undefined`, a `toJSON`) takes the plain route, so the bytes are always the same.
 */
function withCommandId(params: object, commandId: string): string {
  if (!Object.hasOwn(params, 'command_id') && typeof (params as { toJSON?: unknown }).toJSON !== 'function') {
    const json = JSON.stringify(params);
    if (json === '{}') return `{"command_id":"${commandId}"}`;
    if (json.charCodeAt(0) === 123 /* { */ && json.charCodeAt(json.length - 1) === 125 /* } */)
      return `${json.slice(0, -1)},"command_id":"${commandId}"}`;
  }
  return JSON.stringify({ ...params, command_id: commandId });
}
