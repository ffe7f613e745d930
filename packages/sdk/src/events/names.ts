import { COMMAND_NAMES } from '../methods/commands.js';
import type { MangoEventName } from './types.js';

/** Every subscription name: per-notification names (`call.appeared`) and per-type ones (`call`). */
export const EVENT_NAMES: readonly MangoEventName[] = [
  'call',
  'call.appeared',
  'call.connected',
  'call.onhold',
  'call.disconnected',
  'summary',
  'recording',
  'recording.started',
  'recording.continued',
  'recording.completed',
  'record.added',
  'record.tagged',
  'dtmf',
  'sms',
  'result',
  ...COMMAND_NAMES.map((command) => `result.${command}` as const),
  'stats.ready',
  'ping',
  'ab',
  'recognized.offline',
  'user.status_changed',
  'user.session_end',
  'unknown',
];
