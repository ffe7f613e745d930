import type { GatewayStore } from './types.js';

/**
 * The store failed or did not answer in time: answered 503 with `Retry-After`, never 500 and
 * never a hang. `cause` keeps the driver's error for the log.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
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

/**
 * The store as the HTTP endpoints see it: every call answers within `ms`, and any failure
 * becomes a `StoreUnavailableError` (so a database outage is a 503, not a 500 or a hung
 * request). The call itself is not cancelled; the driver's own timeouts end it.
 */
export function guardStore(store: GatewayStore, ms: number): GatewayStore {
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        let work: Promise<unknown>;
        try {
          work = Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args));
        } catch (err) {
          work = Promise.reject(err);
        }
        return withDeadline(work, ms, String(prop)).catch((err: unknown) => {
          throw err instanceof StoreUnavailableError
            ? err
            : new StoreUnavailableError(`${String(prop)} failed: ${(err as Error)?.message ?? err}`, {
                cause: err,
              });
        });
      };
    },
  });
}
