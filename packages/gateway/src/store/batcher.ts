/** Options of a `CommitBatcher`. */
export interface BatcherOptions {
  /** Largest batch committed at once (default 512). */
  maxBatch?: number;
  /** Batches committing at the same time (1 for SQLite; a few for PostgreSQL). */
  concurrency?: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: items submitted while a commit is running (or within the same event-loop turn)
 * are committed together in the next transaction; each submitter's promise settles only after
 * the transaction holding its item has committed (or failed).
 */
export class CommitBatcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private running = 0;
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly concurrency: number;

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    options: BatcherOptions = {},
    private readonly onBatch?: (size: number) => void,
  ) {
    this.maxBatch = options.maxBatch ?? 512;
    this.concurrency = options.concurrency ?? 1;
  }

  /** Queues one item; resolves with its result once its batch is committed. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a commit. */
  get backlog(): number {
    return this.queue.length;
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
            p.resolve(results[i] as R);
          });
        },
        (err: unknown) => {
          for (const p of batch) p.reject(err);
        },
      )
      .finally(() => {
        this.running--;
        this.schedule();
      });
  }
}
