import { vendorRateFor } from 'mangokit/protocol';

/** A per-product limit: at most `count` requests per `perMs` milliseconds. */
export interface RateRule {
  bucket: string;
  count: number;
  perMs: number;
}

/**
 * The per-product limit of an API path (`commands/callback`, `cc/get_presence`, …), read from the
 * SDK's copy of the vendor table (reference §1.3) so client and sandbox agree.
 */
export function rateRuleFor(path: string): RateRule {
  const { bucket, rate } = vendorRateFor(path.startsWith('cc/') ? `../${path}` : path);
  return { bucket, count: rate.limit, perMs: rate.intervalMs };
}

/** A sliding-window counter per bucket, on a monotonic wall clock (limits are about real request rates). */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Counts a request; answers false when the bucket is already full. */
  take(rule: RateRule): boolean {
    const now = this.clock();
    let log = this.hits.get(rule.bucket);
    if (!log) {
      log = [];
      this.hits.set(rule.bucket, log);
    }
    while (log.length > 0 && log[0]! <= now - rule.perMs) log.shift();
    if (log.length >= rule.count) return false;
    log.push(now);
    return true;
  }
}
