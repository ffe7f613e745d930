/*
 * DATA FILE — the vendor's per-product rate limits (reference §1.3, "Rate limits").
 * Keys are API paths relative to the vpbx base, without a trailing slash.
 */

/** A rate: at most `limit` requests per `intervalMs`. */
export interface Rate {
  readonly limit: number;
  readonly intervalMs: number;
}

/** Any method without its own row (10/1 per product). */
export const DEFAULT_RATE: Rate = { limit: 10, intervalMs: 1000 };

/** Methods with their own per-product limit. */
export const METHOD_RATES: Readonly<Record<string, Rate>> = {
  'commands/callback': { limit: 4, intervalMs: 1000 },
  'commands/call/hangup': { limit: 4, intervalMs: 1000 },
  'commands/recording/start': { limit: 4, intervalMs: 1000 },
  'commands/transfer': { limit: 1, intervalMs: 2000 },
  'commands/route': { limit: 1, intervalMs: 2000 },
  'config/users/request': { limit: 1, intervalMs: 2000 },
  'account/balance': { limit: 2, intervalMs: 1000 },
  'stats/request': { limit: 1, intervalMs: 2000 },
  // "presumably also stats/calls/request" (§1.3).
  'stats/calls/request': { limit: 1, intervalMs: 2000 },
  'stats/result': { limit: 50, intervalMs: 1000 },
  '../cc/task/add': { limit: 5, intervalMs: 1000 },
};

/** Families limited together, by path prefix: the bucket key is the prefix. */
export const PREFIX_RATES: readonly (readonly [prefix: string, rate: Rate])[] = [
  ['queries/recording/', { limit: 10, intervalMs: 1000 }],
  ['../cc/', { limit: 10, intervalMs: 1000 }],
];

/** Address-book reads 50/1, writes 10/1 (§1.3). */
export const ADDRESS_BOOK_READ_RATE: Rate = { limit: 50, intervalMs: 1000 };
/** Address-book create/update/delete. */
export const ADDRESS_BOOK_WRITE_RATE: Rate = { limit: 10, intervalMs: 1000 };

/** Methods counted in another method's bucket: the vendor's "stats start" row covers both requests (§1.3). */
export const SHARED_RATE_BUCKETS: Readonly<Record<string, string>> = {
  'stats/calls/request': 'stats/request',
};

/** A rate table: the vendor's rows, or the same with rows replaced. */
export interface RateTable {
  readonly methods: Readonly<Record<string, Rate>>;
  readonly default: Rate;
}

/**
 * The vendor's per-product limit for an API path (relative to the vpbx base; `../cc/…` for the
 * Contact-Center API): the bucket it is counted in and its rate. Methods without a row of their
 * own are limited each on its own at the default rate. The client's limiter and the sandbox's
 * enforcement both read limits through this one function.
 */
export function vendorRateFor(
  path: string,
  table: RateTable = { methods: METHOD_RATES, default: DEFAULT_RATE },
): { bucket: string; rate: Rate } {
  const key = path.endsWith('/') ? path.slice(0, -1) : path;
  const shared = SHARED_RATE_BUCKETS[key];
  // A method's own row (possibly overridden) sets its rate; a shared row only names the bucket.
  const own = table.methods[key] ?? (shared === undefined ? undefined : table.methods[shared]);
  if (own) return { bucket: shared ?? key, rate: own };
  if (key.startsWith('ab/')) {
    const write = /\/(create|update|delete)$/.test(key);
    return write
      ? { bucket: 'ab/:write', rate: ADDRESS_BOOK_WRITE_RATE }
      : { bucket: 'ab/:read', rate: ADDRESS_BOOK_READ_RATE };
  }
  const family = PREFIX_RATES.find(([prefix]) => key.startsWith(prefix));
  if (family) return { bucket: family[0], rate: table.methods[family[0]] ?? family[1] };
  return { bucket: key, rate: table.default };
}
