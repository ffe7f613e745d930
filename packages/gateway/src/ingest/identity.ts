import { createHash } from 'node:crypto';
import type { MangoEvent } from 'mangokit';
import { notificationIdentity } from 'mangokit/protocol';

/** Identity and call coordinates of one parsed notification. */
export interface EventIdentity {
  /** Same key ⇒ same event: a re-delivery or a replay, stored once. */
  dedupKey: string;
  entryId: string | null;
  callId: string | null;
  seq: number | null;
}

/**
 * Derives the identity of an event: the SDK's `notificationIdentity` (the fields that name one
 * state change, reference §4.1, §4.3 — a re-sent event re-serialised by the PBX is still
 * recognised), or a hash of path and raw json for anything else; plus the call coordinates the
 * store indexes.
 */
export function eventIdentity(event: MangoEvent, json: string): EventIdentity {
  const dedupKey = notificationIdentity(event) ?? `raw|${event.path}|${sha256(json)}`;
  switch (event.type) {
    case 'call':
    case 'recording':
    case 'dtmf': {
      const p = event.payload;
      return { dedupKey, entryId: p.entry_id, callId: p.call_id, seq: p.seq };
    }
    case 'summary':
    case 'record.added':
    case 'record.tagged':
      return { dedupKey, entryId: event.payload.entry_id, callId: null, seq: null };
    default:
      return { dedupKey, entryId: null, callId: null, seq: null };
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
