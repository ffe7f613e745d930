/** Options of a `CommitBatcher`. */
export interface BatcherOptions {
  /** Largest batch committed at once (default 512). */
  maxBatch?: number;
  /** Batches committing at the same time (1 for SQLite; a few for PostgreSQL). */
  concurrency?: number;
  /**
   * Longest wait for a commit, ms (default none): a submission not committed by then is
   * rejected with `CommitTimeoutError` (and dropped if it is still queued), so a store that
   * hangs gets its callers an answer in bounded time.
   */
  timeoutMs?: number;
}

/**
 * A submission was not committed within the batcher's `timeoutMs`. Its batch may still commit
 * later; the caller only knows it has no acknowledgement to give.
 */
export class CommitTimeoutError extends Error {
  override name = 'CommitTimeoutError';
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Answered already (by its commit or its deadline). */
  settled: boolean;
}

/**
 * Group commit: items submitted while a commit is running (or within the same event-loop turn)
 * are committed together in the next transaction; each submitter's promise settles only after
 * the transaction holding its item has committed (or failed, or the deadline passed).
 */
export class CommitBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private running = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number | undefined;
  /** Start times of the commits in flight. */
  private readonly inFlight = new Set<{ at: number }>();

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    options: BatcherOptions = {},
    private readonly onBatch?: (size: number) => void,
  ) {
    this.maxBatch = options.maxBatch ?? 512;
    this.concurrency = options.concurrency ?? 1;
    this.timeoutMs = options.timeoutMs;
  }

  /** Queues one item; resolves with its result once its batch is committed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const p: Pending<T, R> = { item, resolve, reject, timer: undefined, settled: false };
      if (this.timeoutMs !== undefined) p.timer = setTimeout(() => this.expire(p), this.timeoutMs);
      this.queue.push(p);
      this.schedule();
    });
  }

  /** Items waiting for a commit. */
  get backlog(): number {
    return this.queue.length;
  }

  /** How long the oldest commit in flight has been running, ms (0 when none). */
  commitAgeMs(): number {
    let oldest = Number.POSITIVE_INFINITY;
    for (const c of this.inFlight) oldest = Math.min(oldest, c.at);
    return oldest === Number.POSITIVE_INFINITY ? 0 : Date.now() - oldest;
  }

  private expire(p: Pending<T, R>): void {
    if (p.settled) return;
    p.settled = true;
    const i = this.queue.indexOf(p);
    if (i >= 0) this.queue.splice(i, 1); // never handed to the store: nothing of it is written
    p.reject(new CommitTimeoutError(`not committed within ${this.timeoutMs} ms`));
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate lets every request whose body arrived in this turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.running >= this.concurrency || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.running++;
    const started = { at: Date.now() };
    this.inFlight.add(started);
    this.onBatch?.(batch.length);
    let done: Promise<R[]>;
    try {
      done = this.commit(batch.map((p) => p.item));
    } catch (err) {
      done = Promise.reject(err);
    }
    done
      .then(
        (results) => {
          batch.forEach((p, i) => {
            if (p.settled) return;
            p.settled = true;
            clearTimeout(p.timer);
            p.resolve(results[i] as R);
          });
        },
        (err: unknown) => {
          for (const p of batch) {
            if (p.settled) continue;
            p.settled = true;
            clearTimeout(p.timer);
            p.reject(err);
          }
        },
      )
      .finally(() => {
        this.inFlight.delete(started);
        this.running--;
        this.schedule();
      });
  }
}
