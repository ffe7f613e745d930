import type { RecordingRecord } from '../contract.js';
import type { Call, Leg, Party, Recording } from '../model.js';

/** Recordings of conversations: started, moved with a transfer, completed (reference §2.5, §4.3). */
export interface Recordings {
  /** Attaches a recording of `party` to `leg`; it starts now if the leg talks, else when it connects. */
  start(leg: Leg, party: Party, commandId?: string): Recording;
  /** The leg connected: a pending recording really starts. */
  onConnected(leg: Leg): void;
  /** The leg ended: its recording completes. */
  onEnded(leg: Leg): void;
  /** The call is over: recordings still waiting for a new leg complete. */
  onCallFinished(call: Call): void;
  /** The recorded conversation moved into `next` (consultative transfer joined). */
  move(from: Leg, next: Leg): void;
  /** Takes the recording off a leg about to end because of a transfer. */
  detach(leg: Leg): Recording | undefined;
  /** Continues a detached recording in a new leg. */
  attach(rec: Recording | undefined, next: Leg): void;
  /** A detached recording found no new leg: it completes with what it has. */
  abandon(rec: Recording | undefined): void;
  /** A recording by id, finished or not. */
  get(id: string): RecordingRecord | undefined;
  /** Every recording, oldest first. */
  list(): RecordingRecord[];
  /** Forgets every recording (office reset). */
  clear(): void;
}
