import { MangoValidationError } from '../core/errors.js';
import { AddressBookResource } from '../resources/addressBook.js';
import { AutosecretaryResource } from '../resources/autosecretary.js';
import { ListsResource } from '../resources/bwlists.js';
import { CallsResource } from '../resources/calls.js';
import { CampaignsResource } from '../resources/campaigns.js';
import { CcResource } from '../resources/cc.js';
import { DctResource } from '../resources/dct.js';
import { ForwardingResource } from '../resources/forwarding.js';
import { GroupsResource } from '../resources/groups.js';
import {
  AccountResource,
  AudioResource,
  DomainsResource,
  LinesResource,
  RolesResource,
  SchemasResource,
  TrunksResource,
} from '../resources/inventory.js';
import { MembersResource } from '../resources/members.js';
import { OutboundBlacklistResource } from '../resources/outboundBlacklist.js';
import { RecognitionResource } from '../resources/recognition.js';
import { RecordingsResource } from '../resources/recordings.js';
import type { RecordingFiles } from '../internal/recordingFiles.js';
import { S2tResource } from '../resources/s2t.js';
import { SipsResource } from '../resources/sips.js';
import { SmsResource } from '../resources/sms.js';
import { StatsResource } from '../resources/stats.js';
import { UsersResource } from '../resources/users.js';
import { systemClock } from '../internal/clock.js';
import { createFetchTransport } from '../internal/fetchTransport.js';
import { createRedactingLogger } from '../internal/logger.js';
import { RequestPipeline } from '../internal/pipeline.js';
import { RateLimiter } from '../internal/rateLimiter.js';
import type { RequestOptions } from '../internal/requestOptions.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../internal/retryPolicy.js';
import type { Transport } from '../internal/transport.js';
import { type ClientOptions, DEFAULT_BASE_URL, readEnv } from './options.js';

/** What an entry point supplies to the client: its default transport and file access. */
export interface ClientRuntime {
  /** The transport when the options name none (`mangokit`: `node:http` on Node; `mangokit/web`: fetch). */
  defaultTransport(): Transport;
  /** File access for `recordings.save`, where there is a file system. */
  files?: RecordingFiles;
}

function pickTransport(options: ClientOptions, runtime: ClientRuntime): Transport {
  if (typeof options.transport === 'function') return options.transport;
  if (options.fetch) return createFetchTransport(options.fetch);
  if (options.transport === 'fetch') return createFetchTransport();
  return runtime.defaultTransport();
}

/**
 * The client of the MANGO OFFICE Virtual PBX API: every method of the reference, grouped by
 * area, over one signed, rate-limited, retrying request pipeline. Each entry point exports it
 * as `MangoClient` with its runtime (`mangokit`: Node; `mangokit/web`: fetch, no file system).
 */
export class ClientBase {
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
  /** Groups and group CRUD (reference §3.6.1). */
  readonly groups: GroupsResource;
  /** Employee writes (reference §3.6.3). */
  readonly members: MembersResource;
  /** SIP accounts (reference §3.6.2–3.6.3). */
  readonly sips: SipsResource;
  /** Balance (reference §3.6.2). */
  readonly account: AccountResource;
  /** Incoming lines (reference §3.6.2). */
  readonly lines: LinesResource;
  /** Audio files (reference §3.6.2). */
  readonly audio: AudioResource;
  /** Forwarding schemes (reference §3.6.2). */
  readonly schemas: SchemasResource;
  /** Access roles (reference §3.6.2). */
  readonly roles: RolesResource;
  /** SIP domains (reference §3.6.2). */
  readonly domains: DomainsResource;
  /** SIP-trunk numbers (reference §3.6.2). */
  readonly trunks: TrunksResource;
  /** Auto-secretary rules (reference §3.6.3). */
  readonly autosecretary: AutosecretaryResource;
  /** Forwarding rules by caller number (reference §3.6.4). */
  readonly forwarding: ForwardingResource;
  /** Incoming black/white lists (reference §3.7). */
  readonly lists: ListsResource;
  /** Outbound blacklist (reference §3.7). */
  readonly outboundBlacklist: OutboundBlacklistResource;
  /** Dynamic call-tracking queries (reference §3.4). */
  readonly dct: DctResource;
  /** Contact-Center statuses, presence and call data (reference §3.8). */
  readonly cc: CcResource;
  /** Speech-analytics summaries and records (reference §3.3.4). */
  readonly s2t: S2tResource;
  /** Address book (reference §3.8). */
  readonly addressBook: AddressBookResource;
  /** Outbound campaigns and tasks (reference §3.8). */
  readonly campaigns: CampaignsResource;
  /** Offline speech recognition (reference §3.8). */
  readonly recognition: RecognitionResource;

  constructor(options: ClientOptions, runtime: ClientRuntime) {
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
      transport: pickTransport(options, runtime),
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
    this.recordings = new RecordingsResource(p, runtime.files);
    this.users = new UsersResource(p);
    this.groups = new GroupsResource(p);
    this.members = new MembersResource(p);
    this.sips = new SipsResource(p);
    this.account = new AccountResource(p);
    this.lines = new LinesResource(p);
    this.audio = new AudioResource(p);
    this.schemas = new SchemasResource(p);
    this.roles = new RolesResource(p);
    this.domains = new DomainsResource(p);
    this.trunks = new TrunksResource(p);
    this.autosecretary = new AutosecretaryResource(p);
    this.forwarding = new ForwardingResource(p);
    this.lists = new ListsResource(p);
    this.outboundBlacklist = new OutboundBlacklistResource(p);
    this.dct = new DctResource(p);
    this.cc = new CcResource(p);
    this.s2t = new S2tResource(p);
    this.addressBook = new AddressBookResource(p);
    this.campaigns = new CampaignsResource(p);
    this.recognition = new RecognitionResource(p);
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
