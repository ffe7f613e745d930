import { type Json, obj, type RecordedModel, type RecordedLeg, str } from './model.js';

function sameText(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && String(a) === String(b);
}

/**
 * Which sandbox call and leg stands for which recorded one. A new sandbox call is the recorded
 * call the step being played starts (or the next recorded call not yet matched); a new sandbox leg
 * is the recorded leg of its call, not yet matched, that looks most like it: the same location
 * first, then the same called extension and number, caller, `taken_from_call_id` (through this
 * mapping), `command_id` — the earliest of equals.
 */
export class CallMapping {
  /** Sandbox `entry_id` → recorded. */
  readonly entries = new Map<string, string>();
  /** Sandbox `call_id` → recorded. */
  readonly legs = new Map<string, string>();
  /** Recorded `call_id` → sandbox. */
  readonly legsBack = new Map<string, string>();
  /** Recorded `entry_id` → sandbox. */
  readonly entriesBack = new Map<string, string>();
  /** Recorded `recording_id` → sandbox, and back. */
  readonly recordings = new Map<string, string>();
  readonly recordingsBack = new Map<string, string>();
  /** The recorded call the step being played starts. */
  pendingEntry: string | undefined;
  private readonly recordedLegs: Map<string, RecordedLeg[]>;

  constructor(private readonly model: RecordedModel) {
    this.recordedLegs = new Map(model.calls.map((c) => [c.entry, c.legs]));
  }

  /** Notes a sandbox notification: maps its call and leg when they are new. */
  observe(path: string, payload: Json): void {
    const entry = str(payload.entry_id);
    if (entry === undefined) return;
    const recordedEntry = this.entryOf(entry);
    if (path === 'events/call' && recordedEntry !== undefined) {
      const callId = str(payload.call_id);
      if (callId !== undefined && !this.legs.has(callId)) {
        const leg = this.bestLeg(recordedEntry, payload);
        if (leg) {
          this.legs.set(callId, leg.id);
          this.legsBack.set(leg.id, callId);
        }
      }
    }
    if (path === 'events/recording') {
      const id = str(payload.recording_id);
      if (id !== undefined && !this.recordings.has(id)) this.mapRecording(recordedEntry, id);
    }
  }

  private entryOf(entry: string): string | undefined {
    const known = this.entries.get(entry);
    if (known !== undefined) return known;
    let recorded = this.pendingEntry;
    if (recorded === undefined || this.entriesBack.has(recorded)) {
      recorded = this.model.calls.find((c) => !this.entriesBack.has(c.entry) && c.legs.length > 0)?.entry;
    }
    this.pendingEntry = undefined;
    if (recorded === undefined) return undefined;
    this.entries.set(entry, recorded);
    this.entriesBack.set(recorded, entry);
    return recorded;
  }

  private bestLeg(recordedEntry: string, payload: Json): RecordedLeg | undefined {
    const from = obj(payload.from);
    const to = obj(payload.to);
    const taken = str(from.taken_from_call_id);
    let best: RecordedLeg | undefined;
    let bestScore = 0;
    for (const leg of this.recordedLegs.get(recordedEntry) ?? []) {
      if (this.legsBack.has(leg.id)) continue;
      const r = leg.events[0]?.payload ?? {};
      // A recording without `location` (the document's transfer examples) matches any.
      if (r.location !== undefined && str(r.location) !== str(payload.location)) continue;
      const rf = obj(r.from);
      const rt = obj(r.to);
      // A leg to an employee or a group is never a leg to someone else.
      if (rt.extension !== undefined && !sameText(rt.extension, to.extension)) continue;
      if (rt.acd_group !== undefined && !sameText(rt.acd_group, to.acd_group)) continue;
      let score = 1;
      if (sameText(rt.extension, to.extension)) score += 8;
      if (sameText(rt.number, to.number)) score += 4;
      if (sameText(rt.acd_group, to.acd_group)) score += 2;
      if (sameText(rf.extension, from.extension)) score += 2;
      if (sameText(rf.number, from.number)) score += 1;
      const rTaken = str(rf.taken_from_call_id);
      if (rTaken !== undefined && taken !== undefined && this.legsBack.get(rTaken) === taken) score += 4;
      if (sameText(r.command_id, payload.command_id)) score += 1;
      if (score > bestScore) {
        best = leg;
        bestScore = score;
      }
    }
    return best;
  }

  private mapRecording(recordedEntry: string | undefined, id: string): void {
    const call = this.model.calls.find((c) => c.entry === recordedEntry);
    const next = call?.recordings
      .map((r) => str(r.payload.recording_id))
      .find((r) => r !== undefined && !this.recordingsBack.has(r));
    if (next === undefined) return;
    this.recordings.set(id, next);
    this.recordingsBack.set(next, id);
  }

  /** A recorded leg's sandbox `call_id`; `ENTRY#abonent` is the first abonent leg of a recorded call. */
  sandboxLeg(
    recorded: string,
    live: Iterable<{ call_id: string; entry_id: string; location: string }>,
  ): string | undefined {
    const hash = recorded.indexOf('#abonent');
    if (hash > 0) {
      const entry = this.entriesBack.get(recorded.slice(0, hash));
      for (const leg of live) if (leg.entry_id === entry && leg.location === 'abonent') return leg.call_id;
      return undefined;
    }
    return this.legsBack.get(recorded);
  }
}
