import type { MangoEvent } from '../events/types.js';

/**
 * The identity of the state change a notification reports, for de-duplication: the same
 * identity means a re-delivery or a replay of the same event, even when the PBX re-serialised its
 * JSON. Known notifications use the fields that name one state change (a leg's `call_id` +
 * `seq` + state, reference §4.1, §4.3); `undefined` for the others, which callers identify by
 * their path and raw `json`.
 */
export function notificationIdentity(event: MangoEvent): string | undefined {
  switch (event.type) {
    case 'call': {
      const p = event.payload;
      return `call|${p.call_id}|${p.seq}|${p.call_state}`;
    }
    case 'recording': {
      const p = event.payload;
      return `recording|${p.recording_id}|${p.seq}|${p.recording_state}|${p.call_id}`;
    }
    case 'summary':
      return `summary|${event.payload.entry_id}`;
    case 'record.added':
    case 'record.tagged':
      return `${event.type}|${event.payload.recording_id}`;
    case 'dtmf':
      return `dtmf|${event.payload.call_id}|${event.payload.seq}`;
    case 'result':
      return `result|${event.command}|${event.payload.command_id}|${event.payload.result}`;
    default:
      return undefined;
  }
}
