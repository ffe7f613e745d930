import type { Clock } from '../internal/clock.js';
import type { FetchLike } from '../internal/fetchTransport.js';
import type { Hooks } from '../internal/hooks.js';
import type { Logger, LogLevel } from '../internal/logger.js';
import type { RateLimitOptions } from '../internal/rateLimiter.js';
import type { RetryPolicy } from '../internal/retryPolicy.js';
import type { Transport } from '../internal/transport.js';

/** The vendor's API base (reference §1.1). */
export const DEFAULT_BASE_URL = 'https://app.mango-office.ru/vpbx/';

/** Options of `MangoClient`; key, salt and base URL fall back to `MANGO_API_KEY`, `MANGO_API_SALT`, `MANGO_BASE_URL`. */
export interface ClientOptions {
  /** `vpbx_api_key` ("unique code" in the personal cabinet). */
  apiKey?: string;
  /** `vpbx_api_salt` ("sign key"); never sent, never logged. */
  apiSalt?: string;
  /** Base of the vpbx API, default `https://app.mango-office.ru/vpbx/`; point it at the sandbox in tests. */
  baseUrl?: string;
  /** Deadline per attempt in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 2); shortcut for `retry.maxRetries`. */
  maxRetries?: number;
  /** Retry policy overrides. */
  retry?: Partial<RetryPolicy>;
  /** `'node'` (default on Node: `node:http` keep-alive), `'fetch'`, or your own transport. */
  transport?: 'node' | 'fetch' | Transport;
  /** A fetch implementation; implies the fetch transport. */
  fetch?: FetchLike;
  /** Where log lines go (e.g. `console`); secrets are redacted before they get there. */
  logger?: Partial<Logger>;
  /** Minimum level logged (default `'info'` when a logger is given). */
  logLevel?: LogLevel;
  /** The client-side limiter (vendor table, reference §1.3); `false` turns it off. */
  rateLimit?: false | RateLimitOptions;
  /** Request/response hooks, e.g. for metrics. */
  hooks?: Hooks;
  /** Default poll interval of stats jobs in ms (default 5 000, the vendor's guidance, §3.1). */
  pollIntervalMs?: number;
  /** Time source; replace in tests to drive backoff, limiter and polling. */
  clock?: Clock;
}

/** Reads an environment variable where a `process` exists (not on every runtime). */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.[name];
  return v === undefined || v === '' ? undefined : v;
}
