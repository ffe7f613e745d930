/** The commands that answer on `result/<command>` (§1.4). */
export type CommandName =
  | 'callback'
  | 'callback_group'
  | 'call/hangup'
  | 'sms'
  | 'recording/start'
  | 'play/start'
  | 'route'
  | 'transfer'
  | 'calls_connect'
  | 'transfer_cancel'
  | 'call/hold/on';

/** Every command name, in the reference's order. */
export const COMMAND_NAMES: readonly CommandName[] = [
  'callback',
  'callback_group',
  'call/hangup',
  'sms',
  'recording/start',
  'play/start',
  'route',
  'transfer',
  'calls_connect',
  'transfer_cancel',
  'call/hold/on',
];
