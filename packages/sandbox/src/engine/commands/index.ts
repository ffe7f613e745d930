import type { CommandResultPayload } from 'mangokit';
import { type CommandName, checkCommand, RESULT } from 'mangokit/protocol';
import type { CommandAck } from '../contract.js';
import { callback, callbackGroup } from './callback.js';
import { callsConnect, hangup, holdOn, route, transfer, transferCancel } from './calls.js';
import type { CommandPorts, Handler } from './kit.js';
import { playStart, recordingStart, sms } from './media.js';

/**
 * Runs one command: parameters that do not fit its row of `COMMAND_SPECS` answer 3100 with a
 * code per field at once; otherwise 1000 now and `result/<name>` with the outcome.
 */
export function runCommand(k: CommandPorts, name: CommandName, params: Record<string, unknown>): CommandAck {
  const handler = HANDLERS[name] as Handler<CommandName> | undefined;
  if (!handler) return { result: RESULT.NOT_SUPPORTED };
  const checked = checkCommand(name, params);
  if (!checked.ok) return { result: RESULT.INVALID_PARAMETERS, fields: { ...checked.fields } };
  const result = handler(k, checked.params);
  const payload: CommandResultPayload = { command_id: checked.params.command_id, result };
  // After the answer, not on the virtual clock: a command's result does not wait for time to pass.
  setImmediate(() => k.notifier.notify(`result/${name}`, payload));
  return { result: RESULT.SUCCESS };
}

const HANDLERS: { [N in CommandName]: Handler<N> } = {
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
