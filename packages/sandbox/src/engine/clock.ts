/** A timer scheduled on a {@link VirtualClock}. */
export interface ClockTimer {
  readonly id: number;
  readonly at: number;
}

interface Entry {
  id: number;
  at: number;
  fn: () => void;
}

/** How a clock advances: with real time (times `speed`), or only when a test calls `advance()`. */
export type ClockMode = 'real' | 'manual';

/** Options of {@link VirtualClock}. */
export interface ClockOptions {
  mode?: ClockMode;
  /** Real mode: virtual milliseconds per real millisecond (default 1). */
  speed?: number;
  /** Start time, Unix milliseconds (default: now). */
  startMs?: number;
  /** Told when a timer throws (the clock goes on); default: a process warning. */
  onTimerError?: (err: unknown) => void;
}

/**
 * The engine's clock. Every engine timer runs through it, so a test on a manual clock replays a
 * whole call in microseconds with `advance(ms)`, and a real clock can run faster than life.
 * Timers live in a binary heap ordered by time, then by creation (equal times keep their order).
 */
export class VirtualClock {
  readonly mode: ClockMode;
  private speedFactor: number;
  private baseVirtual: number;
  private baseReal: number;
  private heap: Entry[] = [];
  /** Ids of timers not yet run nor cancelled; the heap may still hold cancelled entries. */
  private live = new Set<number>();
  private nextId = 1;
  private realTimer: NodeJS.Timeout | undefined;
  private manualNow: number;
  private advancing = false;
  private closed = false;
  /** Called after every `advance()` (used by the control stream). */
  onAdvance: ((nowMs: number) => void) | undefined;

  private readonly onTimerError: (err: unknown) => void;

  constructor(options: ClockOptions = {}) {
    this.mode = options.mode ?? 'real';
    this.speedFactor = options.speed ?? 1;
    if (!(this.speedFactor > 0)) throw new RangeError('clock speed must be a positive number');
    const start = options.startMs ?? Date.now();
    this.onTimerError =
      options.onTimerError ?? ((err) => process.emitWarning(`sandbox clock timer failed: ${String(err)}`));
    this.baseVirtual = start;
    this.baseReal = Date.now();
    this.manualNow = start;
  }

  /** Virtual speed factor (real mode). */
  get speed(): number {
    return this.speedFactor;
  }

  /** Changes the speed of a real clock without a jump in time. */
  setSpeed(speed: number): void {
    if (!(speed > 0)) throw new RangeError('clock speed must be a positive number');
    this.baseVirtual = this.nowMs();
    this.baseReal = Date.now();
    this.speedFactor = speed;
    this.armReal();
  }

  /** Current virtual time, Unix milliseconds. */
  nowMs(): number {
    if (this.mode === 'manual') return this.manualNow;
    return Math.floor(this.baseVirtual + (Date.now() - this.baseReal) * this.speedFactor);
  }

  /** Current virtual time, Unix seconds (the unit of every Mango timestamp). */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Runs `fn` after `delayMs` of virtual time. */
  setTimeout(fn: () => void, delayMs: number): ClockTimer {
    const entry: Entry = { id: this.nextId++, at: this.nowMs() + Math.max(0, delayMs), fn };
    this.live.add(entry.id);
    this.push(entry);
    if (this.mode === 'real' && this.heap[0] === entry) this.armReal();
    return { id: entry.id, at: entry.at };
  }

  /** Cancels a timer (no-op when it already ran). */
  clearTimeout(timer: ClockTimer | undefined): void {
    if (timer) this.live.delete(timer.id);
  }

  /** Number of pending timers. */
  pending(): number {
    return this.live.size;
  }

  /** Manual mode: moves time forward by `ms`, running every due timer in time order. */
  advance(ms: number): void {
    if (this.mode !== 'manual') throw new Error('advance() needs a manual clock');
    if (!(ms >= 0)) throw new RangeError('advance() needs a non-negative number of milliseconds');
    if (this.advancing) throw new Error('advance() called from inside a timer');
    const target = this.manualNow + ms;
    this.advancing = true;
    try {
      for (;;) {
        const next = this.popDue(target);
        if (!next) break;
        this.manualNow = Math.max(this.manualNow, next.at);
        next.fn();
      }
      this.manualNow = target;
    } finally {
      this.advancing = false;
    }
    this.onAdvance?.(this.manualNow);
  }

  /** Manual mode: runs timers due now (zero-delay work) without moving time. */
  flush(): void {
    this.advance(0);
  }

  /** Stops the real-time driver and drops every timer. */
  close(): void {
    this.closed = true;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.heap = [];
    this.live.clear();
  }

  private popDue(limit: number): Entry | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > limit) return undefined;
      this.pop();
      if (!this.live.delete(top.id)) continue;
      return top;
    }
  }

  private armReal(): void {
    if (this.mode !== 'real' || this.closed) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    while (this.heap[0] && !this.live.has(this.heap[0].id)) this.pop();
    const top = this.heap[0];
    if (!top) return;
    const wait = Math.max(0, (top.at - this.nowMs()) / this.speedFactor);
    this.realTimer = setTimeout(() => this.runReal(), Math.min(wait, 2 ** 31 - 1));
    this.realTimer.unref();
  }

  private runReal(): void {
    this.realTimer = undefined;
    const now = this.nowMs();
    for (;;) {
      const next = this.popDue(now);
      if (!next) break;
      try {
        next.fn();
      } catch (err) {
        // A failing timer must not stop the clock for every other call.
        this.onTimerError(err);
      }
    }
    this.armReal();
  }

  private less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.id < b.id);
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (!last || h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
