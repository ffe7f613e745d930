import { MangoValidationError } from '../core/errors.js';
import { CallsResource } from '../resources/calls.js';
import { RecordingsResource } from '../resources/recordings.js';
import { SmsResource } from '../resources/sms.js';
import { StatsResource } from '../resources/stats.js';
import { UsersResource } from '../resources/users.js';
import { systemClock } from './clock.js';
import { createFetchTransport } from './fetchTransport.js';
import { createRedactingLogger } from './logger.js';
import { createNodeTransport } from './nodeTransport.js';
import { type ClientOptions, DEFAULT_BASE_URL, type RequestOptions, readEnv } from './options.js';
import { RequestPipeline } from './pipeline.js';
import { RateLimiter } from './rateLimiter.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy.js';
import type { Transport } from './transport.js';

function pickTransport(options: ClientOptions): Transport {
  if (typeof options.transport === 'function') return options.transport;
  if (options.fetch) return createFetchTransport(options.fetch);
  if (options.transport === 'fetch') return createFetchTransport();
  const isNode =
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node ===
    'string';
  return isNode ? createNodeTransport() : createFetchTransport();
}

/**
 * The client of the MANGO OFFICE Virtual PBX API: every method of the reference, grouped by
 * area, over one signed, rate-limited, retrying request pipeline.
 */
export class MangoClient {
  /** The request pipeline (signing, limiter, retries); resources are thin wrappers over it. */
  readonly pipeline: RequestPipeline;
  /** Call-control commands (reference §2). */
  readonly calls: CallsResource;
  /** SMS (reference §2.4). */
  readonly sms: SmsResource;
  /** Basic and extended statistics (reference §3.1–3.2). */
  readonly stats: StatsResource;
  /** Recordings (reference §3.3). */
  readonly recordings: RecordingsResource;
  /** Employees (reference §3.5). */
  readonly users: UsersResource;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('MANGO_API_KEY');
    const apiSalt = options.apiSalt ?? readEnv('MANGO_API_SALT');
    if (!apiKey) throw new MangoValidationError('apiKey is required (option apiKey or env MANGO_API_KEY)');
    if (!apiSalt)
      throw new MangoValidationError('apiSalt is required (option apiSalt or env MANGO_API_SALT)');
    let baseUrl = options.baseUrl ?? readEnv('MANGO_BASE_URL') ?? DEFAULT_BASE_URL;
    try {
      baseUrl = new URL(baseUrl).href;
    } catch {
      throw new MangoValidationError(`baseUrl is not a valid URL: ${baseUrl}`);
    }
    if (!baseUrl.endsWith('/')) baseUrl += '/';
    const clock = options.clock ?? systemClock;
    const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (options.maxRetries !== undefined) retry.maxRetries = options.maxRetries;
    if (!Number.isInteger(retry.maxRetries) || retry.maxRetries < 0) {
      throw new MangoValidationError('maxRetries must be a non-negative integer');
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!(timeoutMs > 0)) throw new MangoValidationError('timeoutMs must be positive');
    const logLevel = options.logLevel ?? 'info';
    this.pipeline = new RequestPipeline({
      apiKey,
      apiSalt,
      baseUrl,
      timeoutMs,
      retry,
      transport: pickTransport(options),
      limiter: options.rateLimit === false ? undefined : new RateLimiter(clock, options.rateLimit),
      logger: createRedactingLogger(options.logger, options.logger ? logLevel : 'off', [apiSalt]),
      logLevel: options.logger ? logLevel : 'off',
      hooks: options.hooks ?? {},
      clock,
      pollIntervalMs: options.pollIntervalMs ?? 5000,
    });
    const p = this.pipeline;
    this.calls = new CallsResource(p);
    this.sms = new SmsResource(p);
    this.stats = new StatsResource(p);
    this.recordings = new RecordingsResource(p);
    this.users = new UsersResource(p);
  }

  /** The vpbx base URL in use. */
  get baseUrl(): string {
    return this.pipeline.config.baseUrl;
  }

  /**
   * Generic escape hatch: a signed POST of `json` to any path relative to the vpbx base
   * (`../cc/...` for the Contact-Center API); returns the JSON answer, errors mapped as usual.
   */
  request<T = Record<string, unknown>>(
    path: string,
    json: object = {},
    options?: RequestOptions,
  ): Promise<T> {
    if (typeof path !== 'string' || path === '' || /^[a-z]+:/i.test(path)) {
      throw new MangoValidationError(
        'request path must be relative to the API base, e.g. "commands/callback"',
      );
    }
    return this.pipeline.call<T>(path.replace(/^\/+vpbx\//, ''), json, options);
  }
}
