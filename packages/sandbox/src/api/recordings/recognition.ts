import { type MultipartPart, RESULT } from 'mangokit/protocol';
import { readMp3 } from '../../media/mp3Frames.js';
import { CODE, Check } from '../check.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';

const CREATED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

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
    check.fail('file', CODE.REQUIRED);
    return undefined;
  }
  const seconds = audioSeconds(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
  // File format not allowed (reference §5: 4505).
  if (seconds === undefined) check.fail('file', RESULT.FILE_FORMAT_NOT_ALLOWED);
  return seconds;
}

/** `offline_record/recognize`: multipart `file` + json `{user_id, from, to, direction, created, member_channel, diarization}`. */
function offlineRecord({ ctx, state, params, files }: RouteInput) {
  const check = new Check(params);
  const userId = check.int('user_id', { required: true });
  if (userId !== undefined && !employeeById(ctx.office(), userId)) check.fail('user_id', CODE.NOT_FOUND);
  check.str('from', { required: true, max: 128 });
  check.str('to', { required: true, max: 128 });
  check.str('direction', { required: true, oneOf: ['IN', 'OUT'] });
  const created = check.str('created', { required: true });
  if (created !== undefined && !CREATED.test(created)) check.fail('created', CODE.FORMAT);
  const channel = check.int('member_channel', { oneOf: [-1, 1] });
  const diarization = check.bool('diarization') ?? false;
  const seconds = uploaded(check, files);
  if (!check.ok || seconds === undefined)
    return check.fields.file === RESULT.FILE_FORMAT_NOT_ALLOWED
      ? fail(RESULT.FILE_FORMAT_NOT_ALLOWED)
      : check.answer();
  const channels = diarization ? [-1, 1] : [channel ?? 1];
  return ok({ request_id: state.recognition.start(ctx, seconds, channels) });
}

/** `record/recognize`: a file without storage or employee. */
function recordRecognize({ ctx, state, params, files }: RouteInput) {
  const check = new Check(params);
  const diarization = check.bool('diarization') ?? false;
  const seconds = uploaded(check, files);
  if (!check.ok || seconds === undefined)
    return check.fields.file === RESULT.FILE_FORMAT_NOT_ALLOWED
      ? fail(RESULT.FILE_FORMAT_NOT_ALLOWED)
      : check.answer();
  return ok({ request_id: state.recognition.start(ctx, seconds, diarization ? [-1, 1] : [1]) });
}

/** `transcribes/tasks`: `request_ids[]` → state and words per id (reference §3.8). */
function tasks({ ctx, state, params }: RouteInput) {
  const check = new Check(params);
  const ids = check.list('request_ids', { required: true, max: 500 });
  if (ids && !ids.every((id) => typeof id === 'string')) check.fail('request_ids', CODE.FORMAT);
  if (!check.ok || !ids) return check.answer();
  const now = ctx.engine.now();
  return ok({ data: (ids as string[]).map((id) => state.recognition.view(id, now)) });
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
