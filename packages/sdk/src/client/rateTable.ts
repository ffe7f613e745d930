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
