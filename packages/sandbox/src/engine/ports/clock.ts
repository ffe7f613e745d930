import type { ClockTimer } from '../clock.js';

/** The engine's time as its parts see it: virtual seconds and milliseconds, and timers on that clock. */
export interface EngineClock {
  /** Unix seconds. */
  now(): number;
  /** Unix milliseconds. */
  nowMs(): number;
  /** Runs `fn` after `ms` of virtual time. */
  later(ms: number, fn: () => void): ClockTimer;
  /** Cancels a timer (no-op when it already ran). */
  cancel(timer: ClockTimer | undefined): void;
}

/** Opaque ids in the vendor's style (`entry`, `call`, `rec`). */
export interface IdSource {
  next(kind: string): string;
}
