import type { GatewayStore } from './types.js';

/**
 * The store failed or did not answer in time: answered 503 with `Retry-After`, never 500 and
 * never a hang. `cause` keeps the driver's error for the log.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * A store call refused without being tried: the store is known unreachable (the gateway logged
 * that once, when it found out; a refusal is not worth a log line of its own).
 */
export class StoreUnreachableError extends StoreUnavailableError {
  override name = 'StoreUnreachableError';
}

/** Settles like `work`, or rejects with `StoreUnavailableError` after `ms`. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new StoreUnavailableError(`${what}: the store did not answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** What a guarded store reports to, and asks, the gateway's view of the store's reachability. */
export interface StoreReachability {
  /** True while the store is known unreachable: calls are refused at once. */
  readonly open: boolean;
  /** The error a refused call rejects with. */
  refusal(what: string): StoreUnreachableError;
  /** A call failed with this error. */
  failed(err: unknown): void;
  /** A call outlived its deadline without an answer. */
  suspect(): void;
}

/**
 * The store as the HTTP endpoints see it: every call answers within `ms`, and any failure
 * becomes a `StoreUnavailableError` (so a database outage is a 503, not a 500 or a hung
 * request). The call itself is not cancelled; the driver's own timeouts end it. With
 * `reachability`, a call made while the store is known unreachable is refused at once, and
 * failures and deadlines are reported to it.
 */
export function guardStore(store: GatewayStore, ms: number, reachability?: StoreReachability): GatewayStore {
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      // The one synchronous method: asks nothing of the store.
      if (prop === 'isUnreachableError') return (value as (err: unknown) => boolean).bind(target);
      return (...args: unknown[]) => {
        if (reachability?.open) return Promise.reject(reachability.refusal(String(prop)));
        let work: Promise<unknown>;
        try {
          work = Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        } catch (err) {
          work = Promise.reject(err);
        }
        return withDeadline(work, ms, String(prop)).catch((err: unknown) => {
          if (err instanceof StoreUnavailableError) {
            reachability?.suspect();
            throw err;
          }
          reachability?.failed(err);
          throw new StoreUnavailableError(`${String(prop)} failed: ${(err as Error)?.message ?? err}`, {
            cause: err,
          });
        });
      };
    },
  });
}
