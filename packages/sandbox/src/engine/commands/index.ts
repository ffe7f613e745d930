import type { CommandName, CommandResultPayload } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { CommandAck } from '../contract.js';
import { callback, callbackGroup } from './callback.js';
import { callsConnect, hangup, holdOn, route, transfer, transferCancel } from './calls.js';
import { type CommandPorts, FieldCheck, type Handler, type Params } from './kit.js';
import { playStart, recordingStart, sms } from './media.js';

/** Runs one command: shape errors answer 3100 at once; otherwise 1000 now and `result/<name>` with the outcome. */
export function runCommand(k: CommandPorts, name: CommandName, params: Params): CommandAck {
  const check = new FieldCheck();
  const commandId = check.str(params, 'command_id');
  const handler = HANDLERS[name];
  if (!handler) return { result: RESULT.NOT_SUPPORTED };
  const outcome = handler(k, params, check, commandId ?? '');
  if (!check.ok() || commandId === undefined)
    return { result: RESULT.INVALID_PARAMETERS, fields: check.fields };
  const result = outcome();
  const payload: CommandResultPayload = { command_id: commandId, result };
  // After the answer, not on the virtual clock: a command's result does not wait for time to pass.
  setImmediate(() => k.notifier.notify(`result/${name}`, payload));
  return { result: RESULT.SUCCESS };
}

const HANDLERS: Partial<Record<CommandName, Handler>> = {
  callback,
  callback_group: callbackGroup,
  'call/hangup': hangup,
  sms,
  'recording/start': recordingStart,
  'play/start': playStart,
  route,
  transfer,
  calls_connect: callsConnect,
  transfer_cancel: transferCancel,
  'call/hold/on': holdOn,
};
