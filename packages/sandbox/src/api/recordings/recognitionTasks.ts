import { randomUUID } from 'node:crypto';
import { RESULT } from 'mangokit/protocol';
import type { ApiContext } from '../context.js';

/** Engine seconds a recognition takes (the vendor: "may be delayed ~60 s", reference §4.10). */
export const RECOGNITION_SEC = 10;
const MAX_TASKS = 1000;
const POLL_MS = 200;
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
            result: RESULT.SUCCESS,
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
