import {
  MangoApiError,
  MangoAuthError,
  MangoConnectionError,
  MangoRateLimitError,
  MangoTimeoutError,
} from '../core/errors.js';

/** Which failures are retried and how long to wait: plain data, overridable per client. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 2). */
  maxRetries: number;
  /** First backoff step (default 500 ms); doubles per attempt. */
  baseDelayMs: number;
  /** Cap of one backoff step and of an honoured Retry-After (default 30 s). */
  maxDelayMs: number;
  /** Fraction of each step that is randomised downwards, 0..1 (default 0.25). */
  jitter: number;
  /** HTTP statuses that are retried (default 429, 502, 503, 504). */
  retryStatuses: readonly number[];
  /** Result codes that are retried (default 4290 and the transient 500x server codes). */
  retryResults: readonly number[];
  /** Result codes never retried whatever else says (3102, 3105: the key locks out, §1.3). */
  neverRetryResults: readonly number[];
  /** Retry network failures (default true). */
  retryConnectionErrors: boolean;
  /** Retry timeouts (default true). Commands carry the same `command_id` on every attempt. */
  retryTimeouts: boolean;
}

/** The default policy (reference §1.3): 429 honouring Retry-After, 503/5xxx overload, network errors. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  jitter: 0.25,
  retryStatuses: Object.freeze([429, 502, 503, 504]),
  retryResults: Object.freeze([4290, 5000, 5001, 5002, 5003, 5004, 5007, 5008, 5011]),
  neverRetryResults: Object.freeze([3102, 3105]),
  retryConnectionErrors: true,
  retryTimeouts: true,
});

/** Whether `error` may be retried under `policy` (attempt limits are checked by the caller). */
export function isRetryable(policy: RetryPolicy, error: unknown): boolean {
  if (error instanceof MangoApiError) {
    if (error.result !== undefined && policy.neverRetryResults.includes(error.result)) return false;
    if (error instanceof MangoAuthError) return false;
    if (error.result !== undefined && policy.retryResults.includes(error.result)) return true;
    return policy.retryStatuses.includes(error.status);
  }
  if (error instanceof MangoTimeoutError) return policy.retryTimeouts;
  if (error instanceof MangoConnectionError) return policy.retryConnectionErrors;
  return false;
}

/**
 * Wait before retry number `retry` (1-based): the server's Retry-After when given (capped),
 * else exponential backoff with downward jitter. `random` is injectable for tests.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  if (error instanceof MangoRateLimitError || error instanceof MangoApiError) {
    if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxDelayMs);
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step * (1 - policy.jitter * random()));
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && value.trim() !== '') return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
