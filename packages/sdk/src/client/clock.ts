/** Time source of the client: real by default, replaceable in tests to control backoff and limits. */
export interface Clock {
  /** Milliseconds, monotonic enough for scheduling. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `Date.now()` and unref'd timers (a pending wait never keeps a process alive). */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      if (typeof timer === 'object' && 'unref' in timer) timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
