import { readEnv } from '../client/options.js';
import { MangoSignatureError, MangoValidationError } from '../core/errors.js';
import { eventFromJson, isNotificationPath, normalisePath } from '../events/parse.js';
import type { MangoEvent } from '../events/types.js';
import type { ApiCredentials } from '../core/signing.js';
import { type NotificationForm, verifyNotification } from '../events/verify.js';
import { formKind, MalformedFormError, parseEnvelopeForm, parseUrlencoded } from '../form/index.js';
import { compileAllowList, type IpAllowList } from './ips.js';
import { type DedupeOptions, ReplayCache } from './replays.js';
import {
  jsonAnswer,
  OK_ANSWER,
  REJECTION_STATUS,
  rejectionMessage,
  type WebhookAnswer,
  type WebhookRejection,
  type WebhookRejectionReason,
} from './status.js';
import { Subscriptions } from './subscriptions.js';

/** A verified notification, as the acceptance hook receives it. */
export interface AcceptedNotification {
  /** The notification path below `basePath`, e.g. `events/call`. */
  path: string;
  /** The parsed, typed event. */
  event: MangoEvent;
  /** The raw `json` field exactly as signed: store or forward these bytes, not a re-serialisation. */
  json: string;
  /** False only with `skipVerification`. */
  verified: boolean;
}

/** Options of `createWebhookHandler` and `createNodeListener`. */
export interface WebhookHandlerOptions {
  /** The account's `vpbx_api_key` (default: env `MANGO_API_KEY`). */
  apiKey?: string;
  /** The account's salt (default: env `MANGO_API_SALT`); never logged or echoed. */
  apiSalt?: string;
  /** URL path the PBX posts under, i.e. the path of the base URL set in the cabinet (default `/`). */
  basePath?: string;
  /** Source addresses allowed to post: addresses and CIDR ranges, IPv4 and IPv6 (e.g. `MANGO_NOTIFICATION_IPS`); others get 403. */
  allowIps?: readonly string[];
  /** Read the client address from `X-Forwarded-For` behind this many proxies (`true` = 1). */
  trustProxy?: boolean | number;
  /** Largest accepted body in bytes (default 256 KiB); larger gets 413 and the connection is closed. */
  maxBodyBytes?: number;
  /**
   * Await subscribers before answering (default false: answer first, the PBX only reads the
   * status, §1.5). When set, a subscriber that throws makes the answer 503, so the PBX sends the
   * notification again.
   */
  awaitHandlers?: boolean;
  /** Accept paths below `events/` and `result/` that the reference does not list, as `unknown` events, instead of 404. */
  acceptUnknownPaths?: boolean;
  /**
   * The acceptance hook: runs for every verified notification before the answer (persist it,
   * queue it, print it). If it throws or rejects, the PBX gets 503 with `Retry-After` (or the
   * error's own `status`), never 200. A plain object it returns becomes the JSON body of the 200.
   */
  accept?: (notification: AcceptedNotification) => unknown;
  /** Drop replays: a notification whose identity was accepted recently is answered 200 and not handed on again. */
  dedupe?: boolean | DedupeOptions;
  /** Told of every request answered with anything but 200 (for logs and metrics). */
  onRejected?: (rejection: WebhookRejection) => void;
  /**
   * Accept notifications without checking `vpbx_api_key` and `sign` (then `apiKey`/`apiSalt` are
   * not needed). For local debugging tools such as `mangokit listen --skip-verify` only.
   */
  skipVerification?: boolean;
}

/** What the receiver decided for one request, before it is written. */
export interface Outcome {
  status: number;
  reason?: WebhookRejectionReason;
  /** What, in this request, the reason is about (secret-free). */
  detail?: string;
  path?: string;
  ip?: string;
  event?: MangoEvent;
  json?: string;
  /** The acceptance hook's object, answered as JSON. */
  body?: object;
  error?: unknown;
  /** Seconds for `Retry-After`. */
  retryAfter?: number;
}

/** The request line and headers the receiver decides on before reading a body. */
export interface RequestHead {
  method: string | undefined;
  /** URL path, with or without a query string. */
  url: string;
  contentType: string | null | undefined;
  contentLength: string | null | undefined;
  /** Peer address of the socket, if known. */
  socketIp: string | undefined;
  forwardedFor: string | null | undefined;
}

/** The path relative to the base, or a rejection decided from the head alone. */
export type HeadDecision = { status: 0; path: string } | Outcome;

const ACCEPTED: Outcome = { status: 200 };

/** The framework-independent receiver shared by every adapter, the gateway and `mangokit listen`. */
export class WebhookCore {
  readonly subscriptions = new Subscriptions();
  readonly maxBodyBytes: number;
  readonly awaitHandlers: boolean;
  private readonly credentials: ApiCredentials | undefined;
  private readonly base: string;
  private readonly allowList: IpAllowList | undefined;
  private readonly proxyHops: number;
  private readonly acceptUnknown: boolean;
  private readonly acceptHook: ((notification: AcceptedNotification) => unknown) | undefined;
  private readonly replays: ReplayCache | undefined;
  private readonly onRejected: ((rejection: WebhookRejection) => void) | undefined;
  /** Accepted events waiting for the next macrotask (see `deliver`). */
  private queue: MangoEvent[] = [];

  constructor(options: WebhookHandlerOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw new MangoValidationError('createWebhookHandler takes an options object');
    }
    if (options.skipVerification === true) {
      this.credentials = undefined;
    } else {
      const apiKey = options.apiKey ?? readEnv('MANGO_API_KEY');
      const apiSalt = options.apiSalt ?? readEnv('MANGO_API_SALT');
      if (typeof apiKey !== 'string' || apiKey === '') {
        throw new MangoValidationError(
          'createWebhookHandler needs apiKey (option apiKey or env MANGO_API_KEY)',
        );
      }
      if (typeof apiSalt !== 'string' || apiSalt === '') {
        throw new MangoValidationError(
          'createWebhookHandler needs apiSalt (option apiSalt or env MANGO_API_SALT)',
        );
      }
      this.credentials = { apiKey, apiSalt };
    }
    const base = normalisePath(options.basePath ?? '/');
    this.base = base === '' ? '/' : `/${base}/`;
    this.allowList = options.allowIps ? compileAllowList(options.allowIps) : undefined;
    this.proxyHops =
      options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.awaitHandlers = options.awaitHandlers ?? false;
    this.acceptUnknown = options.acceptUnknownPaths ?? false;
    this.acceptHook = options.accept;
    const dedupe = options.dedupe;
    this.replays = dedupe ? new ReplayCache(dedupe === true ? {} : dedupe) : undefined;
    this.onRejected = options.onRejected;
  }

  /** The notification path below the base (`events/call`), or `undefined` outside the base. */
  relativePath(url: string): string | undefined {
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (this.base === '/') return normalisePath(pathname);
    if (pathname.startsWith(this.base)) return normalisePath(pathname.slice(this.base.length));
    return pathname === this.base.slice(0, -1) ? '' : undefined;
  }

  /** True when this receiver answers `path` (below the base); other paths are 404 or the app's (`next`). */
  serves(path: string): boolean {
    if (path === 'ping' || isNotificationPath(path)) return true;
    return this.acceptUnknown && (path.startsWith('events/') || path.startsWith('result/'));
  }

  /** Decides everything that needs no body: 404, 403, 405, 415, and 413 by Content-Length. */
  head(head: RequestHead): HeadDecision {
    const path = this.relativePath(head.url);
    if (path === undefined || !this.serves(path)) return reject('not_found', path);
    if (this.allowList !== undefined) {
      const ip = this.clientIp(head);
      if (ip === undefined || !this.allowList.has(ip)) {
        const outcome = reject('address_not_allowed', path);
        if (ip !== undefined) outcome.ip = ip;
        return outcome;
      }
    }
    // The "check connection" ping has no documented payload (§1.5): answer it 200 whatever it carries.
    const isPing = path === 'ping';
    if (head.method !== 'POST') return isPing ? ACCEPTED : reject('method_not_allowed', path);
    if (formKind(head.contentType) === undefined) {
      return isPing ? ACCEPTED : reject('unsupported_media_type', path, `got "${head.contentType ?? ''}"`);
    }
    if (head.contentLength && Number(head.contentLength) > this.maxBodyBytes) return this.tooLarge(path);
    return { status: 0, path };
  }

  /** The 413 answer for a body over `maxBodyBytes`. */
  tooLarge(path: string): Outcome {
    return reject('payload_too_large', path, `the limit is ${this.maxBodyBytes} bytes`);
  }

  /** From a read body to the outcome: parse the form, verify, parse the event, accept. */
  receive(
    path: string,
    body: Uint8Array,
    contentType: string | null | undefined,
  ): Outcome | Promise<Outcome> {
    let form: NotificationForm;
    try {
      form = parseEnvelopeForm(body, contentType);
    } catch (error) {
      if (error instanceof MalformedFormError) {
        return path === 'ping' ? ACCEPTED : reject('malformed_form', path, error.message);
      }
      throw error;
    }
    return this.receiveForm(path, form);
  }

  /**
   * From an urlencoded body already read as text to the outcome: web runtimes decode a body to
   * text natively (`Request.text()`), which saves copying its bytes and decoding them again.
   */
  receiveText(path: string, text: string): Outcome | Promise<Outcome> {
    let form: NotificationForm;
    try {
      form = parseUrlencoded(text);
    } catch (error) {
      if (error instanceof MalformedFormError) {
        return path === 'ping' ? ACCEPTED : reject('malformed_form', path, error.message);
      }
      throw error;
    }
    return this.receiveForm(path, form);
  }

  /** From a form some framework already read to the outcome. */
  receiveForm(path: string, form: NotificationForm): Outcome | Promise<Outcome> {
    const checked = this.check(path, form);
    return checked.event === undefined ? checked : this.settle(checked);
  }

  /** Verifies and parses a read form: 400 malformed, 401 wrong key or signature, else the event. */
  check(path: string, form: NotificationForm): Outcome {
    const isPing = path === 'ping';
    if (this.credentials !== undefined) {
      try {
        verifyNotification(this.credentials, form);
      } catch (error) {
        if (isPing) return ACCEPTED;
        if (error instanceof MangoSignatureError) {
          if (error.reason === 'wrong_key' || error.reason === 'bad_signature')
            return reject(error.reason, path);
          if (error.reason === 'missing_field') return reject('missing_field', path, error.message);
          return reject('malformed_form', path, error.message);
        }
        throw error;
      }
    }
    const json = form.json;
    if (typeof json !== 'string') return isPing ? ACCEPTED : reject('missing_field', path);
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      return isPing ? ACCEPTED : reject('malformed_json', path);
    }
    let event: MangoEvent;
    try {
      event = eventFromJson(path, data);
    } catch (error) {
      if (isPing) return ACCEPTED;
      if (error instanceof MangoValidationError)
        return reject('invalid_payload', path, `${path}: ${error.message}`);
      throw error;
    }
    return { status: 200, path, event, json };
  }

  /**
   * Accepts a verified notification: drops a replay (with `dedupe`), runs the acceptance hook,
   * then the subscribers — awaited with `awaitHandlers`, otherwise after the answer. A failure of
   * the hook or of an awaited subscriber becomes `not_accepted` (503).
   */
  settle(outcome: Outcome): Outcome | Promise<Outcome> {
    const event = outcome.event!;
    if (this.acceptHook === undefined && !this.awaitHandlers) {
      // Accepted synchronously: nothing can be in flight, and nothing can fail before the answer.
      const key = this.replays?.keyOf(event, outcome.json ?? '');
      if (key !== undefined) {
        if (this.replays!.state(key) !== undefined) return duplicate(outcome);
        this.replays!.remember(key);
      }
      this.deliver(event);
      return outcome;
    }
    return this.settleAsync(outcome, event);
  }

  private async settleAsync(outcome: Outcome, event: MangoEvent): Promise<Outcome> {
    const replays = this.replays;
    const key = replays?.keyOf(event, outcome.json ?? '');
    let done: ((accepted: boolean) => void) | undefined;
    if (key !== undefined) {
      for (;;) {
        const state = replays!.state(key);
        if (state === 'seen') return duplicate(outcome);
        if (state === undefined) break;
        // Its twin is being accepted: the same event is answered by that outcome, or retried here.
        if (await state) return duplicate(outcome);
      }
      done = replays!.begin(key);
    }
    try {
      let body: unknown;
      if (this.acceptHook !== undefined) {
        body = await this.acceptHook({
          path: outcome.path ?? event.path,
          event,
          json: outcome.json ?? '',
          verified: this.credentials !== undefined,
        });
      }
      if (this.awaitHandlers) {
        const dispatched = this.deliver(event);
        const result = dispatched instanceof Promise ? await dispatched : dispatched;
        if (result?.failed) throw new SubscriberFailure(result.error);
      } else {
        this.deliver(event);
      }
      done?.(true);
      return typeof body === 'object' && body !== null ? { ...outcome, body } : outcome;
    } catch (error) {
      done?.(false);
      return this.failure(outcome.path, error instanceof SubscriberFailure ? error.cause : error);
    }
  }

  /** `not_accepted`: 503 with `Retry-After`, or the status the error carries (4xx/5xx). */
  failure(path: string | undefined, error: unknown): Outcome {
    const own = ownStatus(error);
    const status = own ?? REJECTION_STATUS.not_accepted;
    const outcome = reject('not_accepted', path);
    outcome.status = status;
    outcome.error = error;
    if (status === 503 || status === 429) outcome.retryAfter = ownRetryAfter(error) ?? 1;
    return outcome;
  }

  /**
   * Runs subscribers: with `awaitHandlers` at once (the caller awaits the result), otherwise
   * queued and dispatched together, in arrival order, on the next macrotask — after every
   * answer of this turn of the event loop has been written.
   */
  deliver(event: MangoEvent): ReturnType<Subscriptions['dispatch']> {
    if (this.subscriptions.count === 0) return undefined;
    if (this.awaitHandlers) return this.subscriptions.dispatch(event);
    this.queue.push(event);
    if (this.queue.length === 1) defer(this.flush);
    return undefined;
  }

  /**
   * Renders an outcome as the answer to write, and reports it to `onRejected` unless it is a 200;
   * `ip` is the client address, when the adapter knows it.
   */
  answer(outcome: Outcome, ip?: string): WebhookAnswer {
    if (outcome.status === 200) return outcome.body === undefined ? OK_ANSWER : jsonAnswer(200, outcome.body);
    const reason = outcome.reason ?? 'not_accepted';
    const message = rejectionMessage(reason, outcome.detail);
    if (this.onRejected !== undefined) {
      const rejection: WebhookRejection = { status: outcome.status, reason, message };
      if (outcome.path !== undefined) rejection.path = outcome.path;
      const client = outcome.ip ?? ip;
      if (client !== undefined) rejection.ip = client;
      if (outcome.error !== undefined) rejection.error = outcome.error;
      try {
        this.onRejected(rejection);
      } catch {
        // An observer that throws must not change the answer.
      }
    }
    const headers: Record<string, string> = {};
    if (outcome.status === 405) headers.allow = 'POST';
    if (outcome.retryAfter !== undefined) headers['retry-after'] = String(outcome.retryAfter);
    return jsonAnswer(outcome.status, { error: reason, message }, headers);
  }

  /** True when `head()` needs the socket's peer address (an allow-list is set). */
  get needsClientIp(): boolean {
    return this.allowList !== undefined;
  }

  private readonly flush = (): void => {
    const events = this.queue;
    this.queue = [];
    for (const event of events) this.subscriptions.dispatch(event);
  };

  private clientIp(head: RequestHead): string | undefined {
    if (this.proxyHops === 0 || !head.forwardedFor) return head.socketIp;
    const chain = head.forwardedFor.split(',');
    const index = chain.length - this.proxyHops;
    return (chain[Math.max(index, 0)] ?? '').trim() || head.socketIp;
  }
}

function reject(reason: WebhookRejectionReason, path: string | undefined, detail?: string): Outcome {
  const outcome: Outcome = { status: REJECTION_STATUS[reason], reason };
  if (path !== undefined) outcome.path = path;
  if (detail !== undefined) outcome.detail = detail;
  return outcome;
}

/** A replay of an accepted notification: answered 200, handed on to nobody. */
function duplicate(outcome: Outcome): Outcome {
  return outcome.path === undefined ? { status: 200 } : { status: 200, path: outcome.path };
}

/** Wraps what an awaited subscriber threw (which may be any value, `undefined` included). */
class SubscriberFailure {
  constructor(readonly cause: unknown) {}
}

/** The HTTP status an error asks for (`status` or `statusCode`, 400–599), if any. */
function ownStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown };
  const status = typeof e.status === 'number' ? e.status : e.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599
    ? status
    : undefined;
}

/** The wait an error asks for, in whole seconds (`retryAfter` seconds or `retryAfterMs`). */
function ownRetryAfter(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { retryAfter?: unknown; retryAfterMs?: unknown };
  if (typeof e.retryAfter === 'number' && e.retryAfter >= 0) return Math.ceil(e.retryAfter);
  if (typeof e.retryAfterMs === 'number' && e.retryAfterMs >= 0) return Math.ceil(e.retryAfterMs / 1000);
  return undefined;
}

const defer: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);
