/** Per-call overrides, the optional last argument of every method. */
export interface RequestOptions {
  /** Deadline of each attempt, ms. */
  timeoutMs?: number;
  /** Cancels the call (and any wait for the limiter, a retry or a poll). */
  signal?: AbortSignal;
  /** Retries for this call. */
  maxRetries?: number;
}
