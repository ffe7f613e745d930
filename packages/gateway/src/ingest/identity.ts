import { createHash } from 'node:crypto';
import type { MangoEvent } from 'mangokit';

/** Identity and call coordinates of one parsed notification. */
export interface EventIdentity {
  /** Same key ⇒ same event: a re-delivery or a replay, stored once. */
  dedupKey: string;
  entryId: string | null;
  callId: string | null;
  seq: number | null;
}

/**
 * Derives the identity of an event. Known events use the fields that name one state change
 * (a leg's `call_id` + `seq` + state, reference §4.1, §4.3); a re-sent event re-serialised by the
 * PBX is then still recognised. Anything else falls back to a hash of path and raw json.
 */
export function eventIdentity(event: MangoEvent, json: string): EventIdentity {
  switch (event.type) {
    case 'call': {
      const p = event.payload;
      return {
        dedupKey: `call|${p.call_id}|${p.seq}|${p.call_state}`,
        entryId: p.entry_id,
        callId: p.call_id,
        seq: p.seq,
      };
    }
    case 'recording': {
      const p = event.payload;
      return {
        dedupKey: `recording|${p.recording_id}|${p.seq}|${p.recording_state}|${p.call_id}`,
        entryId: p.entry_id,
        callId: p.call_id,
        seq: p.seq,
      };
    }
    case 'summary':
      return {
        dedupKey: `summary|${event.payload.entry_id}`,
        entryId: event.payload.entry_id,
        callId: null,
        seq: null,
      };
    case 'record.added':
    case 'record.tagged':
      return {
        dedupKey: `${event.type}|${event.payload.recording_id}`,
        entryId: event.payload.entry_id,
        callId: null,
        seq: null,
      };
    case 'dtmf': {
      const p = event.payload;
      return { dedupKey: `dtmf|${p.call_id}|${p.seq}`, entryId: p.entry_id, callId: p.call_id, seq: p.seq };
    }
    case 'result':
      return {
        dedupKey: `result|${event.command}|${event.payload.command_id}|${event.payload.result}`,
        entryId: null,
        callId: null,
        seq: null,
      };
    default:
      return { dedupKey: `raw|${event.path}|${sha256(json)}`, entryId: null, callId: null, seq: null };
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
