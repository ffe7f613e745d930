import { MangoAbortError, MangoTimeoutError } from '../core/errors.js';
import type { Clock } from './clock.js';

/** One poll's outcome: the final value, or "not yet". */
export type PollOutcome<T> = { done: true; value: T } | { done: false };

/** Poller settings. */
export interface PollOptions {
  /** Wait between polls (the vendor asks for ≥ 5 s on stats/result, reference §3.1). */
  intervalMs: number;
  /** Give up after this long in total (default: no deadline). */
  deadlineMs?: number | undefined;
  signal?: AbortSignal | undefined;
  clock: Clock;
}

/**
 * Calls `attempt` until it answers `done`; sleeps only between polls, never after the
 * final answer. Throws `MangoTimeoutError` at the deadline, `MangoAbortError` on abort.
 */
export async function poll<T>(
  attempt: (n: number) => Promise<PollOutcome<T>>,
  options: PollOptions,
): Promise<T> {
  const { clock, signal } = options;
  const started = clock.now();
  for (let n = 1; ; n++) {
    if (signal?.aborted) throw new MangoAbortError('polling aborted');
    const outcome = await attempt(n);
    if (outcome.done) return outcome.value;
    let wait = options.intervalMs;
    if (options.deadlineMs !== undefined) {
      const left = started + options.deadlineMs - clock.now();
      if (left <= 0) throw new MangoTimeoutError(`result not ready within ${options.deadlineMs} ms`);
      wait = Math.min(wait, left);
    }
    try {
      await clock.sleep(wait, signal);
    } catch {
      throw new MangoAbortError('polling aborted');
    }
  }
}
