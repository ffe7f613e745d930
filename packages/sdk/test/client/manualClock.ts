import type { Clock } from 'mangokit';

interface Timer {
  at: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * A clock the test drives. `sleep` waits until `advance` moves time past its end; every
 * requested wait is recorded in `sleeps`. In `auto` mode a sleep ends at once (time jumps
 * forward by its length), for tests that go through real sockets.
 */
export class ManualClock implements Clock {
  t = 1_000_000;
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];
  constructor(private readonly auto = false) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.auto) {
      this.t += ms;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = { at: this.t + ms, resolve, reject };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  /** Pending sleeps. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due sleeps in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.resolve();
    }
    this.t = end;
    await settle();
  }
}

/** Lets pending promise continuations run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
