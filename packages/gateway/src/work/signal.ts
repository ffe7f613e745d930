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
 * signal. Errors are reported and retried after `idleMs`, never thrown.
 */
export class WorkLoop {
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly signal: Signal,
    private readonly idleMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Starts the loop (idempotent). */
  start(): void {
    this.running ??= this.run();
  }

  /** Stops after the current step finishes. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.signal.notify();
    await this.running;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.step();
      } catch (err) {
        this.onError(err);
      }
      if (this.stopped) break;
      if (!worked) await this.signal.wait(this.idleMs);
      else await new Promise<void>((r) => setImmediate(r));
    }
  }
}
