import { isSuccessCode } from '../codes/resultCodes.js';
import {
  createApiError,
  MangoAbortError,
  MangoConnectionError,
  MangoValidationError,
} from '../core/errors.js';
import { createEnvelope, signJson } from '../core/signing.js';
import type { Clock } from './clock.js';
import type { Hooks } from './hooks.js';
import { encodeMultipart, type UploadFile } from './multipart.js';
import { levelEnabled, type Logger, type LogLevel } from './logger.js';
import type { RequestOptions } from './requestOptions.js';
import type { RateLimiter } from './rateLimiter.js';
import { isRetryable, parseRetryAfter, type RetryPolicy, retryDelayMs } from './retryPolicy.js';
import type { Transport, TransportResponse } from './transport.js';

/** Everything the pipeline needs, resolved from the client options. */
export interface PipelineConfig {
  apiKey: string;
  apiSalt: string;
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  transport: Transport;
  limiter: RateLimiter | undefined;
  logger: Logger;
  logLevel: LogLevel;
  hooks: Hooks;
  clock: Clock;
  pollIntervalMs: number;
}

/** A JSON answer of the API. */
export type ApiBody = Record<string, unknown>;

const FORM_HEADERS: Record<string, string> = Object.freeze({
  'content-type': 'application/x-www-form-urlencoded',
  accept: 'application/json',
});

/** Reads `result` (or the 2017 `code`) as a number; the vendor sends both "1000" and 1000 (§1.2). */
export function resultOf(body: ApiBody): number | undefined {
  const raw =
    body.result ?? (typeof body.code === 'number' || typeof body.code === 'string' ? body.code : undefined);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function fieldsOf(body: ApiBody): Record<string, number> | undefined {
  const f = body.fields;
  if (!f || typeof f !== 'object' || Array.isArray(f)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(f)) if (Number.isFinite(Number(v))) out[k] = Number(v);
  return out;
}

/** Parses a JSON object answer; a non-JSON body is a `MangoConnectionError`. */
export function parseJson(text: string, path: string): ApiBody {
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Blank bodies are empty answers; trimming only here keeps the usual answer copy-free.
    if (text.trim() === '') return {};
    throw new MangoConnectionError(`unreadable answer from ${path}: not JSON`);
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as ApiBody;
  return { data: parsed };
}

/**
 * The one request pipeline under every resource method: sign (reference §1.2), rate-limit
 * (§1.3), send, map errors (§5), retry by policy, log with redaction, call hooks.
 */
export class RequestPipeline {
  private readonly urls = new Map<string, string>();
  /** `vpbx_api_key=…&sign=`: the key never changes, so it is encoded once. */
  private readonly formPrefix: string;
  constructor(readonly config: PipelineConfig) {
    this.formPrefix = `vpbx_api_key=${encodeURIComponent(config.apiKey)}&sign=`;
  }

  /**
   * The urlencoded envelope of an exact JSON string (reference §1.2), built in one pass: the
   * same bytes as `encodeEnvelope(createEnvelope(…))` without the intermediate object.
   */
  form(json: string): string {
    return `${this.formPrefix}${signJson(this.config, json)}&json=${encodeURIComponent(json)}`;
  }

  /** Absolute URL of an API path; `../cc/x` resolves beside the vpbx base (reference §1.1). */
  url(path: string): string {
    let u = this.urls.get(path);
    if (u === undefined) {
      u =
        path.startsWith('../') || path.startsWith('/')
          ? new URL(path, this.config.baseUrl).href
          : this.config.baseUrl + path;
      this.urls.set(path, u);
    }
    return u;
  }

  /** Signed POST whose JSON answer must carry a success result (or none); returns the body. */
  call<T>(path: string, params: object, options?: RequestOptions): Promise<T> {
    return this.callJson<T>(path, JSON.stringify(params ?? {}), options);
  }

  /** Like `call`, for a JSON string serialised by the caller: it is signed and sent as is. */
  callJson<T>(path: string, json: string, options?: RequestOptions): Promise<T> {
    return this.exchange(
      path,
      this.url(path),
      FORM_HEADERS,
      this.form(json),
      options,
      true,
      undefined,
    ) as Promise<T>;
  }

  /**
   * Signed POST; `read` interprets an answer below 400 (it may throw to trigger the retry
   * policy). Statuses ≥ 400 become `MangoApiError`s here.
   */
  async send<R>(
    path: string,
    params: object,
    options: RequestOptions | undefined,
    read: (res: TransportResponse) => Promise<R>,
  ): Promise<R> {
    const body = this.form(JSON.stringify(params ?? {}));
    return this.exchange(path, this.url(path), FORM_HEADERS, body, options, false, read) as Promise<R>;
  }

  /** Signed multipart POST with a file (reference §1.2); JSON answer checked like `call`. */
  async upload<T>(path: string, params: object, file: UploadFile, options?: RequestOptions): Promise<T> {
    const { body, contentType } = encodeMultipart(createEnvelope(this.config, params), file);
    const headers = { 'content-type': contentType, accept: 'application/json' };
    return this.exchange(path, this.url(path), headers, body, options, true, undefined) as Promise<T>;
  }

  /** Unsigned GET of an absolute URL (e.g. the one-time recording URL): no limiter, no retries. */
  async get(
    url: string,
    options?: RequestOptions,
    headers: Record<string, string> = {},
  ): Promise<TransportResponse> {
    const { signal, timeoutMs } = options ?? {};
    return this.config.transport({
      method: 'GET',
      url,
      headers,
      signal,
      timeoutMs: timeoutMs ?? this.config.timeoutMs,
    });
  }

  private async exchange<R>(
    path: string,
    url: string,
    headers: Record<string, string>,
    body: string | Uint8Array,
    options: RequestOptions | undefined,
    bufferBody: boolean,
    /** Reader of an answer below 400; `undefined` = the JSON result check (no closure per call). */
    read: ((res: TransportResponse) => Promise<R>) | undefined,
  ): Promise<R | ApiBody> {
    const { config } = this;
    const { hooks, logger, clock, limiter } = config;
    const signal = options?.signal;
    const maxRetries = options?.maxRetries ?? config.retry.maxRetries;
    const timeoutMs = options?.timeoutMs ?? config.timeoutMs;
    const debug = levelEnabled(config.logLevel, 'debug');
    for (let attempt = 1; ; attempt++) {
      const started = clock.now();
      try {
        if (limiter) {
          const wait = limiter.acquire(path, signal);
          if (wait) await wait;
        }
        hooks.onRequest?.({ path, url, attempt });
        if (debug) logger.debug('mango request', { path, attempt });
        const res = await config.transport({
          method: 'POST',
          url,
          headers,
          body,
          signal,
          timeoutMs,
          bufferBody,
        });
        const status = res.status;
        if (hooks.onResponse)
          hooks.onResponse({ path, url, attempt, status, durationMs: clock.now() - started });
        if (debug) logger.debug('mango response', { path, attempt, status, ms: clock.now() - started });
        if (status >= 400) {
          const text = await res.text().catch(() => '');
          const json = text.startsWith('{') ? safeJson(text) : {};
          const result = status === 429 ? undefined : resultOf(json);
          throw createApiError({
            status,
            result,
            fields: fieldsOf(json),
            path,
            description: descriptionOf(json),
            retryAfterMs: parseRetryAfter(res.header('retry-after'), Date.now()),
          });
        }
        if (read) return await read(res);
        // A buffered JSON answer is checked in this same tick: no promise between the
        // transport's answer and the caller's.
        const text = res.bufferedText;
        return text === undefined ? await readResult(res, path) : checkResult(res, path, text);
      } catch (err) {
        if (signal?.aborted && !(err instanceof MangoAbortError))
          throw new MangoAbortError('request aborted');
        const retry = attempt <= maxRetries && isRetryable(config.retry, err);
        const error = err as Error;
        if (!retry) {
          logger.warn('mango request failed', { path, attempt, error: error.message });
          throw err;
        }
        const delayMs = retryDelayMs(config.retry, attempt, err);
        hooks.onRetry?.({ path, url, attempt, delayMs, error });
        logger.info('mango request retried', { path, attempt, delayMs, error: error.message });
        try {
          await clock.sleep(delayMs, signal);
        } catch {
          throw new MangoAbortError('request aborted');
        }
      }
    }
  }
}

/** Reads a JSON answer and throws the mapped error unless its result is a success (reference §1.3). */
async function readResult(res: TransportResponse, path: string): Promise<ApiBody> {
  if (res.status >= 300) throw redirected(res, path);
  return checkResult(res, path, await res.text());
}

function redirected(res: TransportResponse, path: string): MangoConnectionError {
  // A JSON method never redirects; following would lose the signed body (e.g. http → https).
  res.discard();
  return new MangoConnectionError(
    `${path}: unexpected redirect (HTTP ${res.status}) to ${res.header('location') ?? 'nowhere'}; check baseUrl`,
  );
}

/** `readResult` for an answer whose body is already read. */
function checkResult(res: TransportResponse, path: string, text: string): ApiBody {
  if (res.status >= 300) throw redirected(res, path);
  const json = parseJson(text, path);
  const result = resultOf(json);
  if (result !== undefined) {
    if (!isSuccessCode(result))
      throw createApiError({
        status: res.status,
        result,
        fields: fieldsOf(json),
        path,
        description: descriptionOf(json),
      });
    json.result = result;
  }
  return json;
}

/** The vendor's free text on an error (`description`, or `message` in the 429 body), trimmed. */
function descriptionOf(body: ApiBody): string | undefined {
  const d = body.description ?? body.message;
  return typeof d === 'string' && d !== '' ? d.slice(0, 500) : undefined;
}

function safeJson(text: string): ApiBody {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as ApiBody) : {};
  } catch {
    return {};
  }
}

/** Throws a validation error unless `value` is a non-empty string. */
export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new MangoValidationError(`${name} must be a non-empty string`);
  }
  return value;
}
