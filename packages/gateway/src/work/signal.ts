/** A wake-up signal: waiters sleep until `notify()` or their timeout, whichever comes first. */
export class Signal {
  private waiters: Array<() => void> = [];

  /** Wakes every current waiter. */
  notify(): void {
    const w = this.waiters;
    if (w.length === 0) return;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Sleeps up to `ms` (the timer is unref'd: it never keeps the process alive). */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      }, ms);
      timer.unref();
      this.waiters.push(done);
    });
  }
}

/**
 * Runs `step` until stopped: again at once while it reports work, otherwise after `idleMs` or a
 * signal. Errors are reported and retried, never thrown: after `idleMs`, doubling while they
 * repeat up to `maxErrorBackoffMs` (a store that is down is not asked, or logged about, 5 times a
 * second).
 */
export class WorkLoop {
  private stopped = false;
  /** The error backoff's own wake-up: only `stop()` cuts it short, not new work. */
  private readonly pause = new Signal();
  private running: Promise<void> | null = null;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly signal: Signal,
    private readonly idleMs: number,
    private readonly onError: (err: unknown) => void,
    private readonly maxErrorBackoffMs = 5_000,
  ) {}

  /** Starts the loop (idempotent). */
  start(): void {
    this.running ??= this.run();
  }

  /** Stops after the current step finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.notify();
    this.pause.notify();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.step();
        failures = 0;
      } catch (err) {
        failures++;
        this.onError(err);
      }
      if (this.stopped) break;
      if (failures > 0) {
        await this.pause.wait(Math.min(this.maxErrorBackoffMs, this.idleMs * 2 ** (failures - 1)));
      } else if (!worked) await this.signal.wait(this.idleMs);
      else await new Promise<void>((r) => setImmediate(r));
    }
  }
}
