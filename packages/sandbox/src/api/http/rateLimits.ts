/** A per-product limit: at most `count` requests per `perMs` milliseconds. */
export interface RateRule {
  bucket: string;
  count: number;
  perMs: number;
}

const DEFAULT_RULE: RateRule = { bucket: 'default', count: 10, perMs: 1000 };

/** Per-product limits of reference §1.3 (DOC-2026 §1.4.2), by API path. */
const RULES: Record<string, RateRule> = {
  'commands/callback': { bucket: 'commands/callback', count: 4, perMs: 1000 },
  'commands/call/hangup': { bucket: 'commands/call/hangup', count: 4, perMs: 1000 },
  'commands/recording/start': { bucket: 'commands/recording/start', count: 4, perMs: 1000 },
  'commands/transfer': { bucket: 'commands/transfer', count: 1, perMs: 2000 },
  'commands/route': { bucket: 'commands/route', count: 1, perMs: 2000 },
  'config/users/request': { bucket: 'config/users/request', count: 1, perMs: 2000 },
  'account/balance': { bucket: 'account/balance', count: 2, perMs: 1000 },
  // "stats start" — reference §1.3 presumes the extended request shares it.
  'stats/request': { bucket: 'stats/start', count: 1, perMs: 2000 },
  'stats/calls/request': { bucket: 'stats/start', count: 1, perMs: 2000 },
  'stats/result': { bucket: 'stats/result', count: 50, perMs: 1000 },
  'queries/recording/post': { bucket: 'recording', count: 10, perMs: 1000 },
  'queries/recording/link': { bucket: 'recording', count: 10, perMs: 1000 },
  'queries/recording/issa': { bucket: 'recording', count: 10, perMs: 1000 },
};

const CC_RULE: RateRule = { bucket: 'cc', count: 10, perMs: 1000 };

/** The rule for an API path (`commands/callback`, `cc/get_presence`, …). */
export function rateRuleFor(path: string): RateRule {
  if (path.startsWith('cc/')) return CC_RULE;
  return RULES[path] ?? DEFAULT_RULE;
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
