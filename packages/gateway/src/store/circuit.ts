import { type StoreReachability, StoreUnreachableError } from './guard.js';

/** Options of a `StoreCircuit`. */
export interface StoreCircuitOptions {
  /**
   * Checks the store (a connection and a round trip; before the store is ready, opening it:
   * connect and migrate). Resolves when it answered. Bounded in time by the caller.
   */
  probe: () => Promise<void>;
  /** Whether an error of a store call means the store cannot be reached (see `GatewayStore.isUnreachableError`). */
  isUnreachable: (err: unknown) => boolean;
  /** Open from the start: the store is not ready until a probe succeeds (default false). */
  startOpen?: boolean;
  /** First pause between failing probes, ms (default 100); doubles per failure, with jitter. */
  minRetryMs?: number;
  /** Longest pause between failing probes, ms (default 1 000). */
  maxRetryMs?: number;
  /** Told when the circuit opens (with the error that opened it) and when it closes again. */
  onChange?: (open: boolean, error: unknown, failedProbes: number) => void;
  /** Told of each failing probe (after the one that opened the circuit). */
  onProbeFailed?: (error: unknown, failedProbes: number) => void;
}

/**
 * What the gateway knows about its store's reachability: a circuit breaker. Closed, store calls
 * go through. Once the store is known unreachable — a failed connect, a connection broken under
 * a statement, a health probe that failed — it opens: every call is refused at once (503 for the
 * PBX and the REST API) instead of each waiting for the commit deadline, and a single probe runs
 * in the background (half-open), again and again with a growing pause, until one succeeds and
 * closes it. A store that only stops answering (a frozen server: no error) is not known
 * unreachable by an error: calls still end at their deadline, and a call that outlives it makes
 * the circuit probe at once (`suspect`).
 */
export class StoreCircuit implements StoreReachability {
  private isOpen: boolean;
  private lastError: unknown;
  private probing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;
  private readonly minRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly o: StoreCircuitOptions) {
    this.isOpen = o.startOpen === true;
    this.minRetryMs = o.minRetryMs ?? 100;
    this.maxRetryMs = o.maxRetryMs ?? 1_000;
    if (this.isOpen) this.schedule(0);
  }

  /** True while the store is known unreachable: calls are refused without being tried. */
  get open(): boolean {
    return this.isOpen;
  }

  /** The error that opened the circuit, or the latest failing probe's. */
  get error(): unknown {
    return this.lastError;
  }

  /** The refusal for a call made while the circuit is open. */
  refusal(what: string): StoreUnreachableError {
    return new StoreUnreachableError(`${what}: the store is unreachable`, { cause: this.lastError });
  }

  /** Reports a failed store call: an error meaning the store cannot be reached opens the circuit. */
  failed(err: unknown): void {
    if (this.o.isUnreachable(err)) this.trip(err);
  }

  /** The store is known unreachable (a failed probe or health check): opens the circuit. */
  trip(err: unknown): void {
    if (this.stopped) return;
    this.lastError = err;
    if (this.isOpen) return;
    this.isOpen = true;
    this.failures = 0;
    this.o.onChange?.(true, err, 0);
    // The first probe runs at once: a session the server ended while it lives on (a terminated
    // backend, a restart already over) closes the circuit again within one round trip.
    this.schedule(0);
  }

  /** A call outlived its deadline without an error: probe now, and open if the probe fails. */
  suspect(): void {
    if (this.isOpen || this.stopped || this.probing) return;
    this.probing = this.o.probe().then(
      () => {
        this.probing = null;
      },
      (err: unknown) => {
        this.probing = null;
        this.trip(err);
      },
    );
  }

  /** Stops probing (on shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.probing?.catch(() => {});
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runProbe(), ms);
    this.timer.unref();
  }

  private runProbe(): void {
    if (this.stopped || !this.isOpen) return;
    if (this.probing) {
      // A suspicion probe is running: its outcome decides; check again afterwards.
      this.probing.finally(() => this.schedule(0));
      return;
    }
    this.probing = this.o.probe().then(
      () => {
        this.probing = null;
        if (this.stopped) return;
        const failed = this.failures;
        this.isOpen = false;
        this.failures = 0;
        this.o.onChange?.(false, undefined, failed);
      },
      (err: unknown) => {
        this.probing = null;
        if (this.stopped) return;
        this.lastError = err;
        this.failures++;
        this.o.onProbeFailed?.(err, this.failures);
        const pause = Math.min(this.maxRetryMs, this.minRetryMs * 2 ** (this.failures - 1));
        // ±20 % jitter: instances that lost the database together do not probe in step.
        this.schedule(pause * (0.8 + Math.random() * 0.4));
      },
    );
  }
}
