import { FOLLOW_PATH } from '../proxy/follow.js';
import { bodyBytes, type ExchangeRecord } from '../traffic/format.js';

/**
 * Parameters left out when a request is matched against the recording: values an application
 * makes afresh on every run (reference §1.4 `command_id`, §3.1 `request_id`) and the time windows
 * of statistics requests, which are usually computed from "now" (§3.1 `date_from`/`date_to`,
 * §3.2 `start_date`/`end_date`). `--ignore-param` adds more.
 */
export const VOLATILE_PARAMS: readonly string[] = [
  'command_id',
  'request_id',
  'date_from',
  'date_to',
  'start_date',
  'end_date',
];

/** A request to answer, as the sandbox received it. */
export interface CassetteRequest {
  method: string;
  /** Path without leading or trailing slashes (`vpbx/commands/callback`). */
  path: string;
  /** For a followed redirect: the original absolute URL. */
  followUrl?: string;
  /** The `json` form field, when the request had one. */
  json?: string;
}

/** How a request differs from the recorded request nearest to it. */
export interface Nearest {
  method: string;
  path: string;
  at: string;
  /** One line per difference: `to_number: recorded "7900…", got "7926…"`. */
  differences: string[];
}

/** What the cassette answers. */
export type CassetteMatch = { hit: ExchangeRecord; index: number } | { miss: string; nearest?: Nearest };

/** A recording link's path without key, expiry and signature (another account's, or made afresh). */
function stablePath(path: string): string {
  const link = /^(.*queries\/recording\/link\/[^/]+\/[^/]+)\/[^/]+\/[^/]+\/[^/]+$/.exec(path);
  return link ? `${link[1]}/*/*/*` : path;
}

function parseParams(json: string | undefined): unknown {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** Sorted, volatile-free JSON of request parameters: equal text = same request. */
function canonical(value: unknown, ignore: ReadonlySet<string>, top = true): string {
  if (Array.isArray(value)) {
    // PHP's json_encode(array()) sends [] where {} is meant (reference §9 item 16).
    if (top && value.length === 0) return '{}';
    return `[${value.map((v) => canonical(v, ignore, false)).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value)
      .filter((k) => !(top && ignore.has(k)))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], ignore, false)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'nothing' : text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function differences(recorded: unknown, got: unknown, ignore: ReadonlySet<string>): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObj(recorded) || !isObj(got)) {
    return canonical(recorded, ignore) === canonical(got, ignore)
      ? []
      : [`json: recorded ${show(recorded)}, got ${show(got)}`];
  }
  const out: string[] = [];
  for (const key of [...new Set([...Object.keys(recorded), ...Object.keys(got)])].sort()) {
    if (ignore.has(key)) continue;
    const a = recorded[key];
    const b = got[key];
    if (canonical(a, ignore, false) === canonical(b, ignore, false)) continue;
    if (!(key in got)) out.push(`${key}: recorded ${show(a)}, missing here`);
    else if (!(key in recorded)) out.push(`${key}: not in the recording, got ${show(b)}`);
    else out.push(`${key}: recorded ${show(a)}, got ${show(b)}`);
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The path and key of a recorded exchange (a followed download is keyed by its absolute URL). */
function recordedRoute(e: ExchangeRecord): { method: string; route: string } {
  const method = e.request.method.toUpperCase();
  if (/^https?:\/\//.test(e.request.url)) return { method, route: `${FOLLOW_PATH} ${e.request.url}` };
  return { method, route: stablePath(e.path.replace(/^\/+|\/+$/g, '')) };
}

/**
 * Answers API requests from recorded exchanges — a cassette for offline tests of an integration.
 *
 * Matching rules: a request matches a recorded one when the method, the path (slashes around it
 * aside; a signed recording link without its expiry and signature; a followed download by its
 * original URL) and the `json` parameters are equal — compared as parsed JSON with keys in any
 * order, `[]` read as `{}`, and the top-level `VOLATILE_PARAMS` (plus `--ignore-param`) left out.
 * The key and signature are not compared (they are redacted in the recording; the sandbox checks
 * the request against its own credentials). Several recorded exchanges that match the same
 * request are answered in recorded order, one per request (a report polled 204, 204, 200 is
 * answered so), and the last one again once they are used up. A request nothing matches is told
 * the nearest recorded request and how it differs.
 */
export class Cassette {
  private readonly queues = new Map<string, Array<{ exchange: ExchangeRecord; index: number }>>();
  private readonly used = new Map<string, number>();
  private readonly ignore: ReadonlySet<string>;
  readonly size: number;

  constructor(
    private readonly exchanges: readonly ExchangeRecord[],
    ignore: readonly string[] = [],
  ) {
    this.ignore = new Set([...VOLATILE_PARAMS, ...ignore]);
    let size = 0;
    for (const [index, exchange] of exchanges.entries()) {
      if (exchange.response === undefined) continue;
      const key = this.keyOf(recordedRoute(exchange), parseParams(exchange.request.form?.json));
      const queue = this.queues.get(key) ?? [];
      queue.push({ exchange, index });
      this.queues.set(key, queue);
      size++;
    }
    this.size = size;
  }

  /** Whether a path belongs to the cassette (a recorded path, or any API or follow path). */
  serves(path: string): boolean {
    const top = path.split('/', 1)[0];
    return top === 'vpbx' || top === 'cc' || top === 's2t' || `/${path}` === FOLLOW_PATH;
  }

  match(request: CassetteRequest): CassetteMatch {
    const method = request.method.toUpperCase();
    const route =
      request.followUrl !== undefined ? `${FOLLOW_PATH} ${request.followUrl}` : stablePath(request.path);
    const params = parseParams(request.json);
    const key = this.keyOf({ method, route }, params);
    const queue = this.queues.get(key);
    if (queue && queue.length > 0) {
      const n = this.used.get(key) ?? 0;
      this.used.set(key, n + 1);
      const entry = queue[Math.min(n, queue.length - 1)]!;
      return { hit: entry.exchange, index: entry.index };
    }
    return this.miss(method, route, params, request);
  }

  private keyOf(route: { method: string; route: string }, params: unknown): string {
    return `${route.method} ${route.route} ${params === undefined ? '' : canonical(params, this.ignore)}`;
  }

  private miss(method: string, route: string, params: unknown, request: CassetteRequest): CassetteMatch {
    const shown = request.followUrl ?? `/${request.path}`;
    const recorded = this.exchanges.filter((e) => e.response !== undefined);
    if (recorded.length === 0)
      return { miss: `the recording holds no API exchanges (asked ${method} ${shown})` };
    const samePath = recorded.filter((e) => {
      const r = recordedRoute(e);
      return r.method === method && r.route === route;
    });
    let best: ExchangeRecord;
    let diffs: string[];
    if (samePath.length > 0) {
      const scored = samePath.map((e) => ({
        e,
        d: differences(parseParams(e.request.form?.json), params, this.ignore),
      }));
      scored.sort((a, b) => a.d.length - b.d.length);
      best = scored[0]!.e;
      diffs = scored[0]!.d;
    } else {
      const scored = recorded.map((e) => {
        const r = recordedRoute(e);
        return { e, d: editDistance(`${r.method} ${r.route}`, `${method} ${route}`) };
      });
      scored.sort((a, b) => a.d - b.d);
      best = scored[0]!.e;
      const r = recordedRoute(best);
      diffs = [`path: recorded ${r.method} /${r.route.replace(/^\//, '')}, got ${method} ${shown}`];
    }
    const nearest: Nearest = {
      method: best.request.method,
      path: best.path,
      at: best.at,
      differences: diffs,
    };
    return {
      miss: `no recorded exchange matches ${method} ${shown}; nearest: ${best.request.method} /${best.path} at ${best.at} (${diffs.join('; ')})`,
      nearest,
    };
  }
}

/** The bytes of a recorded answer body, or undefined when only its length and hash were kept. */
export function answerBytes(exchange: ExchangeRecord): Buffer | undefined {
  return exchange.response === undefined ? undefined : bodyBytes(exchange.response.body);
}
