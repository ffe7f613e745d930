import { type MultipartPart, RESULT } from 'mangokit/protocol';
import { readMp3 } from '../../media/mp3Frames.js';
import { type Check, readParams } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';

/** Length of an uploaded MP3 or WAV file, or undefined for any other format (4505). */
function audioSeconds(data: Buffer): number | undefined {
  if (
    data.length >= 44 &&
    data.toString('ascii', 0, 4) === 'RIFF' &&
    data.toString('ascii', 8, 12) === 'WAVE'
  ) {
    const byteRate = data.readUInt32LE(28);
    return byteRate > 0 ? (data.length - 44) / byteRate : undefined;
  }
  try {
    return readMp3(data).durationSec;
  } catch {
    return undefined;
  }
}

function uploaded(check: Check, files: MultipartPart[]): number | undefined {
  const file = files.find((f) => f.name === 'file') ?? files[0];
  if (!file) {
    check.fail('file', RESULT.REQUIRED);
    return undefined;
  }
  const seconds = audioSeconds(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
  // File format not allowed (reference §5: 4505).
  if (seconds === undefined) check.fail('file', RESULT.FILE_FORMAT_NOT_ALLOWED);
  return seconds;
}

/** `offline_record/recognize`: multipart `file` + json `{user_id, from, to, direction, created, member_channel, diarization}`. */
function offlineRecord({ ctx, state, params, files }: RouteInput) {
  const check = readParams('offline_record/recognize', params);
  const userId = check.p.user_id;
  if (userId !== undefined && !employeeById(ctx.office(), userId)) check.fail('user_id', RESULT.NOT_FOUND);
  const seconds = uploaded(check, files);
  const p = check.valid();
  if (!p || seconds === undefined)
    return check.fields.file === RESULT.FILE_FORMAT_NOT_ALLOWED
      ? fail(RESULT.FILE_FORMAT_NOT_ALLOWED)
      : check.answer();
  const channels = p.diarization ? [-1, 1] : [p.member_channel ?? 1];
  return ok({ request_id: state.recognition.start(ctx, seconds, channels) });
}

/** `record/recognize`: a file without storage or employee. */
function recordRecognize({ ctx, state, params, files }: RouteInput) {
  const check = readParams('record/recognize', params);
  const seconds = uploaded(check, files);
  const p = check.valid();
  if (!p || seconds === undefined)
    return check.fields.file === RESULT.FILE_FORMAT_NOT_ALLOWED
      ? fail(RESULT.FILE_FORMAT_NOT_ALLOWED)
      : check.answer();
  return ok({ request_id: state.recognition.start(ctx, seconds, p.diarization ? [-1, 1] : [1]) });
}

/** `transcribes/tasks`: `request_ids[]` → state and words per id (reference §3.8). */
function tasks({ ctx, state, params }: RouteInput) {
  const check = readParams('transcribes/tasks', params);
  const p = check.valid();
  if (!p) return check.answer();
  const now = ctx.engine.now();
  return ok({ data: p.request_ids.map((id) => state.recognition.view(id, now)) });
}

/** Methods that take a file upload (their body limit is `MAX_UPLOAD_BYTES`). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set([
  'vpbx/offline_record/recognize',
  'vpbx/record/recognize',
]);

/** Offline speech recognition (reference §3.8, event §4.10). */
export const recognitionRoutes: RouteTable = {
  'vpbx/offline_record/recognize': offlineRecord,
  'vpbx/record/recognize': recordRecognize,
  'vpbx/transcribes/tasks': tasks,
};
