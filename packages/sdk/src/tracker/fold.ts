import type {
  CallEventPayload,
  DctInfo,
  RecordingEventPayload,
  RecordStoredEventPayload,
  SummaryEventPayload,
} from '../events/payloads.js';
import type { CallDurations, CallMoment, CallOutcome, TrackedCall, TrackedLeg } from './types.js';

/**
 * Pure folding rules of the tracker: each function applies one notification to a call and
 * returns the moments it produced. Notifications arrive in parallel and out of order (reference
 * §1.5), so every leg is ordered by `seq`, duplicates are dropped, and facts (answered,
 * transfer kinds, relations, summary) are unions that do not depend on arrival order. Only the
 * "live" moments (ringing, held, resumed) need an event to be the newest of its leg.
 */

/** The leg with this `call_id`, if known. A call has a handful of legs: a scan beats a keyed object. */
export function findLeg(call: TrackedCall, callId: string): TrackedLeg | undefined {
  for (const leg of call.legs) if (leg.call_id === callId) return leg;
  return undefined;
}

/** Inserts keeping `key` order, so the record does not depend on arrival order. */
function insertBy<T>(list: T[], item: T, key: (item: T) => string): void {
  const k = key(item);
  let i = list.length;
  while (i > 0 && key(list[i - 1]!) > k) i--;
  list.splice(i, 0, item);
}

/** A new, empty call record. */
export function newCall(entryId: string): TrackedCall {
  return { entry_id: entryId, legs: [], recordings: [], finished: false };
}

/** Keeps the call-tracking number of a call: the first `dct` that is not `{type: 0}`. */
function tracked(call: TrackedCall, dct: DctInfo | undefined): void {
  if (call.dct === undefined && dct !== undefined && dct.type !== 0) call.dct = { ...dct };
}

function seen(call: TrackedCall, timestamp: number): void {
  if (call.first_timestamp === undefined || timestamp < call.first_timestamp)
    call.first_timestamp = timestamp;
}

function minTime(current: number | undefined, value: number): number {
  return current === undefined || value < current ? value : current;
}

function insertSorted<T extends number | string>(list: T[], value: T): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  list.splice(i, 0, value);
}

/** Who calls, as a CRM looks them up. */
function callerOf(leg: TrackedLeg): string | undefined {
  return leg.from.number ?? leg.from.extension;
}

/** Applies one `events/call`; returns `undefined` for a duplicate delivery. */
export function foldCallEvent(call: TrackedCall, event: CallEventPayload): CallMoment[] | undefined {
  let leg = findLeg(call, event.call_id);
  const moments: CallMoment[] = [];
  let fresh: boolean;
  let previous: TrackedLeg['state'] | undefined;
  if (leg === undefined) {
    leg = {
      call_id: event.call_id,
      state: event.call_state,
      seq: event.seq,
      seqs: [event.seq],
      location: event.location,
      from: event.from,
      to: event.to,
      transfers: [],
      answered: false,
    };
    insertBy(call.legs, leg, (l) => l.call_id);
    fresh = true;
  } else {
    if (leg.seqs.includes(event.seq)) return undefined;
    insertSorted(leg.seqs, event.seq);
    fresh = event.seq > leg.seq;
    if (fresh) {
      previous = leg.state;
      leg.seq = event.seq;
      // Disconnected is terminal (§4.1): a higher seq cannot revive the leg.
      if (leg.state !== 'Disconnected') leg.state = event.call_state;
      leg.location = event.location;
      leg.from = event.from;
      leg.to = event.to;
    } else if (event.call_state === 'Disconnected') {
      leg.state = 'Disconnected';
    }
  }
  seen(call, event.timestamp);
  tracked(call, event.dct);
  if (event.command_id !== undefined) leg.command_id = event.command_id;

  switch (event.call_state) {
    case 'Appeared':
      leg.appeared_at = minTime(leg.appeared_at, event.timestamp);
      if (fresh && previous === undefined && event.location === 'abonent') {
        const ringing: CallMoment = {
          name: 'ringing',
          data: {
            call,
            leg,
            caller: callerOf(leg),
            employee: event.to.extension,
            line_number: event.to.line_number,
          },
        };
        if (call.dct !== undefined) ringing.data.dct = call.dct;
        moments.push(ringing);
      }
      break;
    case 'Connected':
      leg.connected_at = minTime(leg.connected_at, event.timestamp);
      if (!leg.answered) {
        leg.answered = true;
        if (event.location === 'abonent') {
          moments.push({ name: 'answered', data: { call, leg, by: event.to, caller: callerOf(leg) } });
        }
      } else if (fresh && previous === 'OnHold') {
        moments.push({ name: 'resumed', data: { call, leg } });
      }
      break;
    case 'OnHold':
      if (fresh && previous !== 'OnHold' && previous !== 'Disconnected') {
        const initiator = event.from.hold_initiator ? 'from' : event.to.hold_initiator ? 'to' : undefined;
        moments.push({ name: 'held', data: initiator ? { call, leg, initiator } : { call, leg } });
      }
      break;
    case 'Disconnected':
      leg.ended_at = event.timestamp;
      if (event.disconnect_reason !== undefined) leg.disconnect_reason = event.disconnect_reason;
      break;
  }

  if (event.transfer !== undefined && !leg.transfers.includes(event.transfer)) {
    // Kept sorted so the record does not depend on arrival order.
    insertSorted(leg.transfers, event.transfer);
    const fromCallId = event.from.taken_from_call_id;
    moments.push({
      name: 'transferred',
      data: fromCallId
        ? { call, leg, kind: event.transfer, from_call_id: fromCallId }
        : { call, leg, kind: event.transfer },
    });
  }
  relate(call, leg, moments);
  for (const other of call.legs) {
    if (other !== leg && other.relation === undefined && other.from.taken_from_call_id === leg.call_id) {
      relate(call, other, moments);
    }
  }
  return moments;
}

/**
 * Classifies a leg created from another one (`from.taken_from_call_id`) once both are known:
 * the same `command_id` continues a callback (§2.1); otherwise `commands/route` took a
 * ringing employee leg (interception) or an IVR/queue leg (re-route) (§2.7).
 */
function relate(call: TrackedCall, leg: TrackedLeg, moments: CallMoment[]): void {
  const fromCallId = leg.from.taken_from_call_id;
  if (leg.relation !== undefined || fromCallId === undefined || leg.transfers.length > 0) return;
  if (leg.command_id === undefined) {
    leg.relation = 'continuation';
    return;
  }
  const origin = findLeg(call, fromCallId);
  if (origin === undefined) return;
  if (origin.command_id === leg.command_id) {
    leg.relation = 'continuation';
  } else if (origin.location === 'abonent') {
    leg.relation = 'intercepted';
    moments.push({ name: 'intercepted', data: { call, leg, from_call_id: fromCallId } });
  } else {
    leg.relation = 'rerouted';
    moments.push({ name: 'rerouted', data: { call, leg, from_call_id: fromCallId } });
  }
}

/** Outcome of a summary: `talk_time` and `entry_result` are read together (§4.2). */
export function outcomeOf(summary: SummaryEventPayload): CallOutcome {
  if (summary.entry_result === 0) return 'missed';
  return summary.talk_time > 0 ? 'answered' : 'ended_in_ivr';
}

/** Wait, ring and talk durations in seconds from the summary times (§4.2). */
export function durationsOf(s: SummaryEventPayload): CallDurations {
  const handedOver = s.forward_time > 0 ? s.forward_time : s.talk_time > 0 ? s.talk_time : s.end_time;
  const wait = handedOver - s.create_time;
  const ring =
    s.talk_time > 0 ? s.talk_time - handedOver : s.forward_time > 0 ? s.end_time - s.forward_time : 0;
  const talk = s.talk_time > 0 ? s.end_time - s.talk_time : 0;
  return { wait: Math.max(0, wait), ring: Math.max(0, ring), talk: Math.max(0, talk) };
}

/** Applies `events/summary`; a second summary for the same call is a duplicate. */
export function foldSummary(call: TrackedCall, summary: SummaryEventPayload): CallMoment[] | undefined {
  if (call.summary !== undefined) return undefined;
  const outcome = outcomeOf(summary);
  const durations = durationsOf(summary);
  call.summary = summary;
  call.outcome = outcome;
  call.durations = durations;
  call.finished = true;
  seen(call, summary.create_time);
  tracked(call, summary.dct);
  const caller = summary.from.number ?? summary.from.extension;
  const moments: CallMoment[] = [];
  if (outcome === 'missed') {
    const missed: CallMoment = { name: 'missed', data: { call, summary } };
    if (caller !== undefined) missed.data.caller = caller;
    if (summary.to.extension !== undefined) missed.data.missed_by = summary.to.extension;
    moments.push(missed);
  }
  const completed: CallMoment = { name: 'completed', data: { call, summary, outcome, durations } };
  // On success `to.extension` is the answering party (§4.2).
  if (outcome === 'answered' && summary.to.extension !== undefined) {
    completed.data.answered_by = summary.to.extension;
  }
  moments.push(completed);
  return moments;
}

function recordingOf(call: TrackedCall, recordingId: string) {
  let recording = call.recordings.find((r) => r.recording_id === recordingId);
  if (recording === undefined) {
    recording = { recording_id: recordingId, seq: -1, ready: false };
    insertBy(call.recordings, recording, (r) => r.recording_id);
  }
  return recording;
}

/** Applies `events/recording`, ordered per recording by `seq` (§4.3). */
export function foldRecording(call: TrackedCall, event: RecordingEventPayload): CallMoment[] | undefined {
  const recording = recordingOf(call, event.recording_id);
  if (event.seq <= recording.seq && recording.state !== undefined) {
    // Stale or duplicate; the completion code is still a fact worth keeping.
    if (event.recording_state !== 'Completed' || recording.completion_code !== undefined) return undefined;
  } else {
    recording.seq = event.seq;
    if (recording.state !== 'Completed') recording.state = event.recording_state;
    recording.call_id = event.call_id;
    if (event.extension !== undefined) recording.extension = event.extension;
  }
  if (event.recording_state === 'Completed') {
    recording.state = 'Completed';
    if (event.completion_code !== undefined) recording.completion_code = event.completion_code;
    if (event.recipient !== undefined) recording.recipient = event.recipient;
  }
  seen(call, event.timestamp);
  return [];
}

/** Applies `events/record/added`: the file is downloadable (§4.6). */
export function foldRecordAdded(
  call: TrackedCall,
  event: RecordStoredEventPayload,
): CallMoment[] | undefined {
  const recording = recordingOf(call, event.recording_id);
  if (recording.ready) return undefined;
  recording.ready = true;
  return [{ name: 'recordingReady', data: { call, recording } }];
}
