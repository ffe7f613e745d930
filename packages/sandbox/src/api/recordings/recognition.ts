import { randomUUID } from 'node:crypto';
import type { MultipartPart } from 'mangokit';
import { readMp3 } from '../../media/mp3Frames.js';
import { CODE, Check } from '../check.js';
import type { ApiContext } from '../context.js';
import { fail, ok } from '../http/answer.js';
import { employeeById } from '../lookup.js';
import type { RouteInput, RouteTable } from '../route.js';

/** Engine seconds a recognition takes (the vendor: "may be delayed ~60 s", reference §4.10). */
export const RECOGNITION_SEC = 10;
const MAX_TASKS = 1000;
const POLL_MS = 200;
const CREATED = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const PHRASES = [
  'здравствуйте меня зовут оператор чем могу помочь',
  'добрый день хочу уточнить статус заказа',
  'заказ передан в доставку',
  'спасибо до свидания',
];

/** A recognition request and its state. */
interface Task {
  requestId: string;
  readyAt: number;
  durationSec: number;
  /** −1 left, 1 right; two channels with diarization. */
  channels: number[];
  notified: boolean;
}

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

/** Recognition requests (`offline_record/recognize`, `record/recognize`) on the engine clock. */
export class RecognitionTasks {
  private readonly tasks = new Map<string, Task>();
  private timer: NodeJS.Timeout | undefined;

  /** Accepts a file for recognition and answers its request id. */
  start(ctx: ApiContext, durationSec: number, channels: number[]): string {
    if (this.tasks.size >= MAX_TASKS) this.tasks.delete(this.tasks.keys().next().value as string);
    const requestId = randomUUID();
    this.tasks.set(requestId, {
      requestId,
      readyAt: ctx.engine.now() + RECOGNITION_SEC,
      durationSec,
      channels,
      notified: false,
    });
    this.watch(ctx);
    return requestId;
  }

  /** The task's answer for `transcribes/tasks` (reference §3.8). */
  view(requestId: string, now: number): Record<string, unknown> {
    const task = this.tasks.get(requestId);
    if (!task) return { request_id: requestId, status: 'not-found' };
    if (now < task.readyAt) return { request_id: requestId, status: 'work' };
    return { request_id: requestId, status: 'complete', transcribes: transcribe(task) };
  }

  private watch(ctx: ApiContext): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const now = ctx.engine.now();
      let pending = 0;
      for (const task of this.tasks.values()) {
        if (task.notified) continue;
        if (now < task.readyAt) {
          pending++;
          continue;
        }
        task.notified = true;
        try {
          ctx.engine.notify('events/recognized/offline', {
            product_id: ctx.office().product_id,
            request_id: task.requestId,
            recognized: Math.round(now * 1000),
            result: 1000,
          });
        } catch {
          // A failing webhook never breaks the API.
        }
      }
      if (pending === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, POLL_MS);
    this.timer.unref();
  }
}

/** Words of the fixed conversation spread evenly over the file, phrases alternating channels. */
function transcribe(
  task: Task,
): Array<{ channel: number; data: Array<{ word: string; begin: number; end: number }> }> {
  const words = PHRASES.flatMap((p, i) =>
    p.split(' ').map((word) => ({ word, channel: task.channels[i % task.channels.length]! })),
  );
  const step = Math.max(task.durationSec, 1) / words.length;
  const out = task.channels.map((channel) => ({
    channel,
    data: [] as Array<{ word: string; begin: number; end: number }>,
  }));
  words.forEach((w, i) => {
    const round = (n: number) => Math.round(n * 1000) / 1000;
    out
      .find((c) => c.channel === w.channel)!
      .data.push({ word: w.word, begin: round(i * step), end: round((i + 0.8) * step) });
  });
  return out;
}

function uploaded(check: Check, files: MultipartPart[]): number | undefined {
  const file = files.find((f) => f.name === 'file') ?? files[0];
  if (!file) {
    check.fail('file', CODE.REQUIRED);
    return undefined;
  }
  const seconds = audioSeconds(file.data);
  // File format not allowed (reference §5: 4505).
  if (seconds === undefined) check.fail('file', 4505);
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
  if (!check.ok || seconds === undefined) return check.fields.file === 4505 ? fail(4505) : check.answer();
  const channels = diarization ? [-1, 1] : [channel ?? 1];
  return ok({ request_id: state.recognition.start(ctx, seconds, channels) });
}

/** `record/recognize`: a file without storage or employee. */
function recordRecognize({ ctx, state, params, files }: RouteInput) {
  const check = new Check(params);
  const diarization = check.bool('diarization') ?? false;
  const seconds = uploaded(check, files);
  if (!check.ok || seconds === undefined) return check.fields.file === 4505 ? fail(4505) : check.answer();
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
