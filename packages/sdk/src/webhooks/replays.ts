import type { MangoEvent } from '../events/types.js';
import { notificationIdentity } from './identity.js';

/** Options of the replay cache (`createWebhookHandler({ dedupe: { … } })`). */
export interface DedupeOptions {
  /** Identities remembered at most (default 10,000); the oldest is forgotten first. */
  maxEntries?: number;
  /** How long an identity is remembered, in milliseconds (default 15 minutes). */
  ttlMs?: number;
}

/** What the cache knows of an identity: seen and accepted, being accepted right now, or nothing. */
export type ReplayState = 'seen' | Promise<boolean> | undefined;

/**
 * A bounded memory of accepted notification identities. An identity is remembered only once its
 * notification was accepted, so a notification whose acceptance failed (answered 503) is
 * accepted when the PBX sends it again; one still in flight makes its twin wait for the outcome.
 */
export class ReplayCache {
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  /** Identity → expiry time; insertion order is expiry order (one TTL for all). */
  private readonly seen = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(options: DedupeOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.ttlMs = Math.max(0, options.ttlMs ?? 15 * 60_000);
  }

  /** The identity of `event` whose raw form was `json`; `undefined` for `ping`, which is never de-duplicated. */
  keyOf(event: MangoEvent, json: string): string | undefined {
    if (event.type === 'ping') return undefined;
    return notificationIdentity(event) ?? `raw|${event.path}|${json.length}|${hash53(json)}`;
  }

  state(key: string, now = Date.now()): ReplayState {
    const until = this.seen.get(key);
    if (until !== undefined) {
      if (until > now) return 'seen';
      this.seen.delete(key);
    }
    return this.inFlight.get(key);
  }

  /** Marks `key` as being accepted; call the returned function with the outcome. */
  begin(key: string): (accepted: boolean) => void {
    let settle!: (accepted: boolean) => void;
    this.inFlight.set(
      key,
      new Promise<boolean>((resolve) => {
        settle = resolve;
      }),
    );
    return (accepted) => {
      this.inFlight.delete(key);
      if (accepted) this.remember(key);
      settle(accepted);
    };
  }

  /** Remembers an accepted identity. */
  remember(key: string, now = Date.now()): void {
    this.seen.delete(key);
    this.seen.set(key, now + this.ttlMs);
    for (const [oldest, until] of this.seen) {
      if (this.seen.size <= this.maxEntries && until > now) break;
      this.seen.delete(oldest);
    }
  }

  /** Identities remembered now (for tests and metrics). */
  get size(): number {
    return this.seen.size;
  }
}

/** A fast 53-bit string hash (cyrb53): the in-memory cache keys bodies without a crypto dependency. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
