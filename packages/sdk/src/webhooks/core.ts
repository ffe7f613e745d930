import { MangoSignatureError, MangoValidationError } from '../core/errors.js';
import { eventFromJson, isNotificationPath, normalisePath } from '../events/parse.js';
import type { MangoEvent } from '../events/types.js';
import { type NotificationForm, verifyNotification } from '../events/verify.js';
import { MalformedFormError } from '../form/index.js';
import { compileAllowList, type IpAllowList } from './ips.js';
import { Subscriptions } from './subscriptions.js';

/** Options of `createWebhookHandler` and `createNodeListener`. */
export interface WebhookHandlerOptions {
  /** The account's `vpbx_api_key`. */
  apiKey: string;
  /** The account's salt; never logged or echoed. */
  apiSalt: string;
  /** URL path the PBX posts under, i.e. the path of the base URL set in the cabinet (default `/`). */
  basePath?: string;
  /** Source addresses allowed to post (exact or IPv4 CIDR), e.g. `MANGO_NOTIFICATION_IPS`; others get 403. */
  allowIps?: readonly string[];
  /** Read the client address from `X-Forwarded-For` behind this many proxies (`true` = 1). */
  trustProxy?: boolean | number;
  /** Largest accepted body in bytes (default 256 KiB); larger gets 413. */
  maxBodyBytes?: number;
  /** Await subscribers before answering (default false: answer 200 first, the PBX only reads the status, §1.5). */
  awaitHandlers?: boolean;
  /** Accept paths that are not notifications of the reference as `unknown` events instead of 404. */
  acceptUnknownPaths?: boolean;
}

/** What the receiver answers, and the event to dispatch when accepted. */
export interface Outcome {
  status: number;
  event?: MangoEvent;
}

/** Short, secret-free status texts of the status contract. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

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
export type HeadDecision = { status: 0; path: string; kind: 'urlencoded' | 'multipart' } | Outcome;

/** The framework-independent receiver shared by every adapter. */
export class WebhookCore {
  readonly subscriptions = new Subscriptions();
  readonly maxBodyBytes: number;
  readonly awaitHandlers: boolean;
  private readonly credentials: { apiKey: string; apiSalt: string };
  private readonly base: string;
  private readonly allowList: IpAllowList | undefined;
  private readonly proxyHops: number;
  private readonly acceptUnknown: boolean;
  /** Accepted events waiting for the next macrotask (see `deliver`). */
  private queue: MangoEvent[] = [];

  constructor(options: WebhookHandlerOptions) {
    if (!options || typeof options.apiKey !== 'string' || options.apiKey === '') {
      throw new MangoValidationError('createWebhookHandler needs apiKey');
    }
    if (typeof options.apiSalt !== 'string' || options.apiSalt === '') {
      throw new MangoValidationError('createWebhookHandler needs apiSalt');
    }
    this.credentials = { apiKey: options.apiKey, apiSalt: options.apiSalt };
    const base = normalisePath(options.basePath ?? '/');
    this.base = base === '' ? '/' : `/${base}/`;
    this.allowList = options.allowIps ? compileAllowList(options.allowIps) : undefined;
    this.proxyHops =
      options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.awaitHandlers = options.awaitHandlers ?? false;
    this.acceptUnknown = options.acceptUnknownPaths ?? false;
  }

  /** The notification path below the base (`events/call`), or `undefined` outside the base. */
  relativePath(url: string): string | undefined {
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (this.base === '/') return normalisePath(pathname);
    if (pathname.startsWith(this.base)) return normalisePath(pathname.slice(this.base.length));
    return pathname === this.base.slice(0, -1) ? '' : undefined;
  }

  /** Decides everything that needs no body: 403, 404, 405, 415, 413 by Content-Length. */
  head(
    head: RequestHead,
    kindOf: (contentType: string | null | undefined) => 'urlencoded' | 'multipart' | undefined,
  ): HeadDecision {
    if (this.allowList !== undefined) {
      const ip = this.clientIp(head);
      if (ip === undefined || !this.allowList.has(ip)) return { status: 403 };
    }
    const path = this.relativePath(head.url);
    if (path === undefined) return { status: 404 };
    const isPing = path === 'ping';
    if (!isPing && !this.acceptUnknown && !isNotificationPath(path)) return { status: 404 };
    // The "check connection" ping has no documented payload (§1.5): answer it 200 whatever it carries.
    if (head.method !== 'POST') return { status: isPing ? 200 : 405 };
    const kind = kindOf(head.contentType);
    if (kind === undefined) return { status: isPing ? 200 : 415 };
    if (head.contentLength && Number(head.contentLength) > this.maxBodyBytes) return { status: 413 };
    return { status: 0, path, kind };
  }

  /** Verifies and parses a read form: 400 malformed, 401 wrong key or signature, 200 with the event. */
  complete(path: string, form: NotificationForm): Outcome {
    try {
      verifyNotification(this.credentials, form);
      if (typeof form.json !== 'string') return { status: 400 };
      let data: unknown;
      try {
        data = JSON.parse(form.json);
      } catch {
        return { status: path === 'ping' ? 200 : 400 };
      }
      return { status: 200, event: eventFromJson(path, data) };
    } catch (error) {
      if (path === 'ping') return { status: 200 };
      if (error instanceof MangoSignatureError) {
        return { status: error.reason === 'wrong_key' || error.reason === 'bad_signature' ? 401 : 400 };
      }
      if (error instanceof MangoValidationError || error instanceof MalformedFormError)
        return { status: 400 };
      throw error;
    }
  }

  /**
   * Runs subscribers: awaited when `awaitHandlers` is set, otherwise after the answer. Events
   * accepted in one turn of the event loop are queued and dispatched together, in arrival
   * order, on the next macrotask: after every answer of that turn has been written.
   */
  deliver(event: MangoEvent): Promise<void> | undefined {
    if (this.subscriptions.count === 0) return undefined;
    if (this.awaitHandlers) return this.subscriptions.dispatch(event);
    this.queue.push(event);
    if (this.queue.length === 1) defer(this.flush);
    return undefined;
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

const defer: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);
