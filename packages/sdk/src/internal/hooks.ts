/** Passed to `onRequest` before each attempt. */
export interface RequestHookInfo {
  /** API path, e.g. `commands/callback`. */
  path: string;
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** Passed to `onResponse` after each answer (also error statuses). */
export interface ResponseHookInfo extends RequestHookInfo {
  status: number;
  durationMs: number;
}

/** Passed to `onRetry` before waiting for the next attempt. */
export interface RetryHookInfo extends RequestHookInfo {
  delayMs: number;
  error: Error;
}

/** Request/response hooks for metrics and tracing; they see no secrets. */
export interface Hooks {
  onRequest?(info: RequestHookInfo): void;
  onResponse?(info: ResponseHookInfo): void;
  onRetry?(info: RetryHookInfo): void;
}
