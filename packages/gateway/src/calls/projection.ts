import {
  CallTracker,
  type CallStore,
  type MangoEvent,
  parseEvent,
  type TrackedCall,
  type TrackedLeg,
} from 'mangokit';
import type { CallProjection, CallRow, LegRow, RecordingSeen, StoredEvent } from '../store/types.js';

/** A `CallStore` holding exactly one call: the tracker folds into the state read from the database. */
class SingleCallStore implements CallStore {
  constructor(public call: TrackedCall | undefined) {}
  load(entryId: string): TrackedCall | undefined {
    return this.call?.entry_id === entryId ? this.call : undefined;
  }
  save(call: TrackedCall): void {
    this.call = call;
  }
  delete(): void {
    this.call = undefined;
  }
  get size(): number {
    return this.call ? 1 : 0;
  }
}

/**
 * Folds newly stored events of one call into the call's previous state with the SDK's
 * `CallTracker` (which orders legs by `seq` and drops duplicates, reference §1.5), and maps the
 * result onto the `calls`, `legs` and `recordings` rows.
 */
export function foldCall(
  entryId: string,
  previous: string | null,
  events: StoredEvent[],
  parsed?: (id: number) => MangoEvent | undefined,
): CallProjection {
  const store = new SingleCallStore(previous ? (JSON.parse(previous) as TrackedCall) : undefined);
  const tracker = new CallTracker({ store });
  for (const stored of events) {
    let event = parsed?.(stored.id);
    if (event === undefined) {
      try {
        event = parseEvent(stored.path, stored.json);
      } catch {
        continue; // stored events were parsed once on arrival; a parser change must not stall projection
      }
    }
    tracker.apply(event);
  }
  const call = store.call;
  if (!call) return { call: null, legs: [], recordings: [] };
  return {
    call: callRow(call),
    legs: Object.values(call.legs).map((l) => legRow(entryId, l)),
    recordings: recordingsOf(call),
  };
}

const DIRECTIONS = ['internal', 'incoming', 'outgoing'] as const;

function legsInOrder(call: TrackedCall): TrackedLeg[] {
  return Object.values(call.legs).sort(
    (a, b) =>
      (a.appeared_at ?? a.connected_at ?? a.ended_at ?? 0) -
      (b.appeared_at ?? b.connected_at ?? b.ended_at ?? 0),
  );
}

function callRow(call: TrackedCall): CallRow {
  const s = call.summary;
  const legs = legsInOrder(call);
  const first = legs[0];
  const answered = legs.filter((l) => l.answered && l.location === 'abonent');
  const open = legs.filter((l) => l.state !== 'Disconnected');
  let direction: string | null = s ? DIRECTIONS[s.call_direction] : null;
  // Before the summary, guess from the first leg: an employee caller means outgoing or internal.
  if (!direction && first) {
    direction = first.from.extension ? (first.to.extension ? 'internal' : 'outgoing') : 'incoming';
  }
  let outcome: string;
  if (call.finished && call.outcome) outcome = call.outcome;
  else if (open.some((l) => l.state === 'Connected' || l.state === 'OnHold')) outcome = 'talking';
  else if (legs.length > 0 && open.length === 0) outcome = 'ended';
  else outcome = 'ringing';
  const answeredAt =
    s && s.talk_time > 0
      ? s.talk_time
      : answered.reduce<number | null>(
          (m, l) => (l.connected_at !== undefined && (m === null || l.connected_at < m) ? l.connected_at : m),
          null,
        );
  return {
    entryId: call.entry_id,
    direction,
    fromNumber: s?.from.number ?? first?.from.number ?? s?.from.extension ?? first?.from.extension ?? null,
    toNumber: s?.to.number ?? answered[0]?.to.number ?? first?.to.number ?? null,
    lineNumber: s?.line_number ?? legs.find((l) => l.to.line_number)?.to.line_number ?? null,
    employee:
      answered[0]?.to.extension ??
      s?.to.extension ??
      legs.findLast((l) => l.to.extension)?.to.extension ??
      null,
    outcome,
    startedAt: s?.create_time ?? call.first_timestamp ?? null,
    answeredAt,
    endedAt:
      s?.end_time ??
      (legs.length > 0 && open.length === 0 ? Math.max(...legs.map((l) => l.ended_at ?? 0)) : null),
    talkSeconds: call.durations?.talk ?? null,
    updatedAt: Date.now(),
    data: JSON.stringify(call),
  };
}

function legRow(entryId: string, l: TrackedLeg): LegRow {
  return {
    callId: l.call_id,
    entryId,
    state: l.state,
    fromNumber: l.from.number ?? null,
    fromExtension: l.from.extension ?? null,
    toNumber: l.to.number ?? null,
    toExtension: l.to.extension ?? null,
    startedAt: l.appeared_at ?? l.connected_at ?? null,
    answeredAt: l.connected_at ?? null,
    endedAt: l.ended_at ?? null,
    disconnectReason: l.disconnect_reason ?? null,
    data: JSON.stringify(l),
  };
}

/**
 * A recording is ready to download on `events/record/added`, or on a successful `Completed`
 * kept in the cloud (reference §4.3: code 1000 with recipient Cloud/CloudAndMail; the file may
 * lag, which the archive's retries absorb).
 */
function recordingsOf(call: TrackedCall): RecordingSeen[] {
  return Object.values(call.recordings).map((r) => ({
    recordingId: r.recording_id,
    entryId: call.entry_id,
    state: r.state ?? null,
    ready:
      r.ready ||
      (r.state === 'Completed' &&
        r.completion_code === 1000 &&
        (r.recipient === undefined || r.recipient !== 'Mail')),
  }));
}
