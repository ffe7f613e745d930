import type { CallRecord, RecordingRecord } from '../engine/contract.js';
import type { ApiContext } from './context.js';

/** Every finished call the API reports: the office's archived past first, then the engine's, oldest first. */
export function callHistory(ctx: ApiContext): readonly CallRecord[] {
  const past = ctx.archive?.()?.calls;
  return past && past.length > 0 ? [...past, ...ctx.engine.calls()] : ctx.engine.calls();
}

/** A recording by id, the engine's or an archived one. */
export function findRecording(ctx: ApiContext, recordingId: string): RecordingRecord | undefined {
  return (
    ctx.engine.recording(recordingId) ??
    ctx.archive?.()?.recordings.find((r) => r.recording_id === recordingId)
  );
}
