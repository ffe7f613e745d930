import type { StoreCircuit } from './circuit.js';
import { withDeadline } from './guard.js';
import type { GatewayStore } from './types.js';

/** What `/health` reports about the store. */
export type StoreState = 'ok' | 'unreachable' | 'cannot_write' | 'stalled';

/** The outcome of one health check. */
export interface StoreHealthReport {
  state: StoreState;
  /** The driver's error behind a bad state (for the log; never sent to clients). */
  error?: unknown;
}

/** Options of `StoreHealth`. */
export interface StoreHealthOptions {
  /** Deadline of each probe, ms (default 2 000). */
  timeoutMs?: number;
  /** A successful write older than this is re-checked with a write probe (default 10 000 ms). */
  freshMs?: number;
  /** How long the oldest commit in flight has been running (0 when none). */
  commitAgeMs?: () => number;
  /** A commit running longer than this means the store is stalled (default 3 000 ms). */
  stallMs?: number;
  /**
   * The gateway's view of reachability: while it is open the check answers `unreachable` at
   * once (its own probe is running), and a check that finds the store unreachable opens it.
   */
  circuit?: StoreCircuit;
}

/**
 * The store's real state for `/health`: it answers a read in time, and it can write. Every
 * ingest commit reports its outcome; when the last write failed or is old, a health check
 * makes a small committed write of its own (`probeWrite`) before it answers 200, so a store
 * that reads but cannot write (a full disk, a read-only replica after a failover) is reported,
 * and its recovery is seen without waiting for the next notification.
 */
export class StoreHealth {
  private lastOk = 0;
  private lastFail = 0;
  private running: Promise<StoreHealthReport> | null = null;
  private readonly timeoutMs: number;
  private readonly freshMs: number;
  private readonly stallMs: number;

  constructor(
    private readonly store: GatewayStore,
    private readonly options: StoreHealthOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.freshMs = options.freshMs ?? 10_000;
    this.stallMs = options.stallMs ?? 3_000;
  }

  /** Records the outcome of a write (an ingest commit or a probe). */
  recordWrite(ok: boolean): void {
    if (ok) this.lastOk = Date.now();
    else this.lastFail = Date.now();
  }

  /** Whether the latest write succeeded (1) or failed (0), for the metrics. */
  get writable(): boolean {
    return this.lastOk >= this.lastFail;
  }

  /** Checks the store (concurrent callers share one check). Answers within about twice `timeoutMs`. */
  check(): Promise<StoreHealthReport> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<StoreHealthReport> {
    const circuit = this.options.circuit;
    if (circuit?.open) return { state: 'unreachable', error: circuit.error };
    try {
      await withDeadline(this.store.ping(), this.timeoutMs, 'ping');
    } catch (error) {
      circuit?.trip(error);
      return { state: 'unreachable', error };
    }
    if ((this.options.commitAgeMs?.() ?? 0) > this.stallMs) return { state: 'stalled' };
    if (this.lastFail >= this.lastOk || Date.now() - this.lastOk > this.freshMs) {
      try {
        await withDeadline(this.store.probeWrite(), this.timeoutMs, 'write probe');
        this.recordWrite(true);
      } catch (error) {
        this.recordWrite(false);
        return { state: 'cannot_write', error };
      }
    }
    return { state: 'ok' };
  }
}
