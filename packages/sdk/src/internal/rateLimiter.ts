import { MangoAbortError } from '../core/errors.js';
import type { Clock } from './clock.js';
import { DEFAULT_RATE, METHOD_RATES, type Rate, type RateTable, vendorRateFor } from '../methods/rates.js';

/** Limiter settings: the vendor table by default; any row can be replaced. */
export interface RateLimitOptions {
  /** Rate of methods without a row. */
  default?: Rate;
  /** Per-path overrides, e.g. `{ 'commands/callback': { limit: 2, intervalMs: 1000 } }`. */
  methods?: Record<string, Rate>;
}

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** Sliding window of one bucket: the start times of the last `limit` requests in a ring. */
class Bucket {
  private readonly times: Float64Array;
  private head = 0;
  private readonly queue: Waiter[] = [];
  private timerArmed = false;
  constructor(
    private readonly rate: Rate,
    private readonly clock: Clock,
  ) {
    this.times = new Float64Array(Math.max(1, rate.limit)).fill(Number.NEGATIVE_INFINITY);
  }

  /** Time at which the next request may start. */
  private nextFree(): number {
    return this.times[this.head]! + this.rate.intervalMs;
  }

  private take(now: number): void {
    this.times[this.head] = now;
    this.head = (this.head + 1) % this.times.length;
  }

  acquire(signal: AbortSignal | undefined): Promise<void> | undefined {
    const now = this.clock.now();
    if (this.queue.length === 0 && this.nextFree() <= now) {
      this.take(now);
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        if (signal.aborted) {
          reject(new MangoAbortError('request aborted while queued by the rate limiter'));
          return;
        }
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new MangoAbortError('request aborted while queued by the rate limiter'));
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.arm();
    });
  }

  private arm(): void {
    if (this.timerArmed || this.queue.length === 0) return;
    this.timerArmed = true;
    const wait = Math.max(0, this.nextFree() - this.clock.now());
    this.clock.sleep(wait).then(() => {
      this.timerArmed = false;
      this.drain();
    });
  }

  private drain(): void {
    let now = this.clock.now();
    while (this.queue.length > 0 && this.nextFree() <= now) {
      const waiter = this.queue.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.take(now);
      waiter.resolve();
      now = this.clock.now();
    }
    this.arm();
  }

  get queued(): number {
    return this.queue.length;
  }
}

/**
 * Client-side limiter following the vendor's per-method table (reference §1.3): a busy
 * integration queues here, in order, instead of collecting 429s.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly keys = new Map<string, readonly [string, Rate]>();
  private readonly table: RateTable;
  constructor(
    private readonly clock: Clock,
    options: RateLimitOptions = {},
  ) {
    this.table = {
      methods: { ...METHOD_RATES, ...options.methods },
      default: options.default ?? DEFAULT_RATE,
    };
  }

  /** The bucket key and rate of a path: its own row, its family, or the default (`vendorRateFor`). */
  rateFor(path: string): readonly [key: string, rate: Rate] {
    const cached = this.keys.get(path);
    if (cached) return cached;
    const { bucket, rate } = vendorRateFor(path, this.table);
    const found = [bucket, rate] as const;
    this.keys.set(path, found);
    return found;
  }

  /** Waits for a slot of `path`; `undefined` when one is free at once (no promise on the fast path). */
  acquire(path: string, signal?: AbortSignal): Promise<void> | undefined {
    const [key, rate] = this.rateFor(path);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(rate, this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket.acquire(signal);
  }

  /** Requests of `path` waiting for a slot. */
  queued(path: string): number {
    return this.buckets.get(this.rateFor(path)[0])?.queued ?? 0;
  }
}
