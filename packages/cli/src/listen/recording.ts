import type { CliIO } from '../core/io.js';
import type { ParsedArgs } from '../core/parsedArgs.js';
import { openRecordingSession } from '../traffic/session.js';
import type { TrafficWriter } from '../traffic/writer.js';
import { NotificationRecorder } from './recorder.js';

/** `mangokit listen --record`: the open file and the recorder the receiver hands each request to. */
export interface ListenRecording {
  writer: TrafficWriter;
  recorder: NotificationRecorder;
  masked: boolean;
}

/** Opens the recording of `--record FILE` (undefined without it). */
export async function openRecording(
  args: ParsedArgs,
  io: CliIO,
  onWriteError: (err: Error) => void,
): Promise<ListenRecording | undefined> {
  const session = await openRecordingSession(args, io, 'listen');
  if (!session) return undefined;
  return {
    writer: session.writer,
    recorder: new NotificationRecorder(session.writer, session.masker, onWriteError),
    masked: session.masker !== undefined,
  };
}
