import type { RecordingEventPayload, RecordStoredEventPayload } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { RecordingRecord } from './contract.js';
import type { Call, Leg, Party, Recording } from './model.js';
import type { EnginePorts } from './ports/index.js';
import type { Recordings } from './ports/recorder.js';

/** What the recorder needs. */
export type RecorderPorts = Pick<EnginePorts, 'clock' | 'ids' | 'directory' | 'notifier'>;

/** Seconds between a `Completed` recording and its `events/record/added` (storage lag, reference §4.6). */
const STORE_DELAY_MS = 2000;

/** Starts, moves and completes recordings, emitting `events/recording` and `events/record/added`. */
export class Recorder implements Recordings {
  private readonly all = new Map<string, RecordingRecord>();
  /** Recordings taken off a leg by a transfer and not yet continued in another. */
  private readonly detached = new Set<Recording>();

  constructor(private readonly k: RecorderPorts) {}

  /** A recording by id, finished or not. */
  get(id: string): RecordingRecord | undefined {
    return this.all.get(id);
  }

  /** Every recording, oldest first. */
  list(): RecordingRecord[] {
    return [...this.all.values()];
  }

  clear(): void {
    this.all.clear();
    this.detached.clear();
  }

  /** Attaches a recording of `party` to `leg`; it starts now if the leg talks, else when it connects. */
  start(leg: Leg, party: Party, commandId?: string): Recording {
    const rec: Recording = {
      recording_id: this.k.ids.next('rec'),
      seq: 0,
      leg,
      startedMs: 0,
      accumulatedMs: 0,
    };
    if (party.extension !== undefined) rec.extension = party.extension;
    if (party.employee) rec.user_id = party.employee.user_id;
    if (commandId !== undefined) rec.command_id = commandId;
    leg.recording = rec;
    leg.records.push(rec.recording_id);
    const record: RecordingRecord = {
      recording_id: rec.recording_id,
      entry_id: leg.call.entry_id,
      call_id: leg.call_id,
      started_at: this.k.clock.now(),
      duration_sec: 0,
    };
    if (rec.extension !== undefined) record.extension = rec.extension;
    if (rec.user_id !== undefined) record.user_id = rec.user_id;
    this.all.set(rec.recording_id, record);
    if (leg.state === 'Connected' || leg.state === 'OnHold') this.begin(rec);
    return rec;
  }

  /** The leg connected: a pending recording really starts (reference §2.5: `Started` marks the real start). */
  onConnected(leg: Leg): void {
    if (leg.recording && leg.recording.startedMs === 0) this.begin(leg.recording);
  }

  /** The recorded conversation moved into `next` (transfer): `Continued` with the new `call_id`. */
  move(from: Leg, next: Leg): void {
    this.attach(this.detach(from), next);
  }

  /** Takes the recording off a leg that is about to end because of a transfer. */
  detach(leg: Leg): Recording | undefined {
    const rec = leg.recording;
    if (!rec) return undefined;
    leg.recording = undefined;
    if (rec.startedMs > 0) rec.accumulatedMs += this.k.clock.nowMs() - rec.startedMs;
    rec.startedMs = 0;
    this.detached.add(rec);
    return rec;
  }

  /** Continues a detached recording in a new leg (reference §2.5: `Continued`, new `call_id`). */
  attach(rec: Recording | undefined, next: Leg): void {
    if (!rec) return;
    this.detached.delete(rec);
    if (next.ended || next.recording) {
      // Nowhere to continue (or the leg already records): the recording ends with what it has.
      this.complete(rec);
      return;
    }
    rec.leg = next;
    next.recording = rec;
    if (!next.records.includes(rec.recording_id)) next.records.push(rec.recording_id);
    const record = this.all.get(rec.recording_id);
    if (record) record.call_id = next.call_id;
    if (next.state !== 'Connected' && next.state !== 'OnHold') return;
    if (rec.seq === 0) {
      this.begin(rec);
      return;
    }
    rec.startedMs = this.k.clock.nowMs();
    this.emit(rec, 'Continued');
  }

  /** A detached recording found no new leg: it completes with what it has. */
  abandon(rec: Recording | undefined): void {
    if (!rec) return;
    this.detached.delete(rec);
    this.complete(rec);
  }

  /**
   * The call is over: a recording still waiting for the leg a transfer was ringing (the caller
   * hung up meanwhile) completes with what it has.
   */
  onCallFinished(call: Call): void {
    for (const rec of this.detached) {
      if (rec.leg.call === call) this.abandon(rec);
    }
  }

  /** The leg ended: the recording completes (1000 + `Cloud`, or 4002 when too short) and is stored. */
  onEnded(leg: Leg): void {
    const rec = leg.recording;
    if (!rec) return;
    leg.recording = undefined;
    if (rec.startedMs === 0 && rec.accumulatedMs === 0 && rec.seq === 0) {
      // Never started (the leg did not connect): nothing was recorded, nothing is announced.
      this.all.delete(rec.recording_id);
      leg.records = leg.records.filter((r) => r !== rec.recording_id);
      return;
    }
    this.complete(rec);
  }

  private complete(rec: Recording): void {
    const record = this.all.get(rec.recording_id);
    const talkedMs = rec.accumulatedMs + (rec.startedMs > 0 ? this.k.clock.nowMs() - rec.startedMs : 0);
    rec.startedMs = 0;
    const seconds = Math.round(talkedMs / 1000);
    const ok = seconds >= 1;
    if (record) {
      record.completed_at = this.k.clock.now();
      record.duration_sec = seconds;
    }
    this.emit(rec, 'Completed', ok ? RESULT.SUCCESS : RESULT.RECORDING_TOO_SHORT);
    if (!ok) {
      this.all.delete(rec.recording_id);
      return;
    }
    const entryId = rec.leg.call.entry_id;
    this.k.clock.later(STORE_DELAY_MS, () => {
      const payload: RecordStoredEventPayload = {
        entry_id: entryId,
        product_id: this.k.directory.office().product_id,
        user_id: rec.user_id ?? -1,
        timestamp: this.k.clock.now(),
        recording_id: rec.recording_id,
      };
      this.k.notifier.notify('events/record/added', payload);
    });
  }

  private begin(rec: Recording): void {
    rec.startedMs = this.k.clock.nowMs();
    const record = this.all.get(rec.recording_id);
    if (record) record.started_at = this.k.clock.now();
    this.emit(rec, 'Started');
  }

  private emit(rec: Recording, state: RecordingEventPayload['recording_state'], code?: number): void {
    rec.seq += 1;
    const payload: RecordingEventPayload = {
      recording_id: rec.recording_id,
      recording_state: state,
      seq: rec.seq,
      entry_id: rec.leg.call.entry_id,
      call_id: rec.leg.call_id,
      timestamp: this.k.clock.now(),
    };
    if (rec.extension !== undefined) payload.extension = rec.extension;
    if (rec.command_id !== undefined) payload.command_id = rec.command_id;
    if (code !== undefined) {
      payload.completion_code = code;
      if (code === RESULT.SUCCESS) payload.recipient = 'Cloud';
    }
    this.k.notifier.notify('events/recording', payload);
  }
}
