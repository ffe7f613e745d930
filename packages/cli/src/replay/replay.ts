import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, UsageError } from '../core/errors.js';
import type { CliIO } from '../core/io.js';
import { writeJsonLine } from '../core/output.js';
import { type Catalogue, english, t } from '../i18n/index.js';
import { mergeTraffic, parseTraffic, type Traffic, TrafficFormatError } from '../traffic/format.js';
import { Cassette } from './cassette.js';
import { type CassetteEvent, cassetteInterceptor } from './intercept.js';
import {
  type Replayed,
  type ReplayDispatcher,
  type ReplaySpeed,
  replayable,
  replayNotifications,
} from './notifications.js';

/** One replayed notification: `  +1.2s /events/call → 200, failed (…)`. */
function replayedLine(r: Replayed, m: Catalogue['replay']): string {
  const outcomes = r.deliveries.map((d) =>
    d.httpStatus !== undefined
      ? String(d.httpStatus)
      : m.deliveryFailed((m !== english.replay && d.error_ru) || d.error || d.status),
  );
  return `  +${(r.offsetMs / 1000).toFixed(1)}s ${r.path} → ${outcomes.join(', ')}\n`;
}

/** What the cassette answered a request with. */
function cassetteLine(e: CassetteEvent, m: Catalogue['replay']): string {
  const request = `${e.method} /${e.path}`;
  if (e.miss !== undefined) return m.cassetteMiss(request, e.miss);
  if (e.exchange !== undefined) return m.cassetteHit(request, e.status, e.exchange + 1);
  return m.cassetteUnsigned(request, e.status);
}

/** Parses `--speed` for a replay: a positive factor, or `max`. */
export function replaySpeed(text: string | undefined): ReplaySpeed {
  if (text === undefined) return 1;
  if (text === 'max') return 'max';
  const n = Number(text);
  if (!(n > 0))
    throw new UsageError(
      (m) => m.replay.badSpeed(text),
      (m) => m.replay.speedExample,
    );
  return n;
}

/** Reads and merges the traffic files of `--replay` (one timeline). */
export async function readTrafficFiles(files: readonly string[], cwd: string): Promise<Traffic> {
  const parts: Traffic[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new ConfigError((m) => m.replay.unreadable(file, code));
    }
    try {
      parts.push(parseTraffic(text));
    } catch (err) {
      if (err instanceof TrafficFormatError)
        throw new UsageError(
          (m) => m.replay.badFile(file, err.message),
          (m) => m.replay.badFileHint,
        );
      throw err;
    }
  }
  return mergeTraffic(parts);
}

/** A prepared replay: the sandbox's interceptor, and `start` once the sandbox runs. */
export interface Replay {
  intercept: ReturnType<typeof cassetteInterceptor>;
  /** Posts the recorded notifications; resolves when all are settled. */
  start(dispatcher: ReplayDispatcher, webhooks: readonly string[]): Promise<void>;
}

/** Sets up `mangokit sandbox --replay`: the cassette from the exchanges, the notifications to post. */
export function prepareReplay(
  traffic: Traffic,
  options: {
    io: CliIO;
    json: boolean;
    speed: ReplaySpeed;
    ignore: readonly string[];
    credentials(): { apiKey: string; apiSalt: string };
  },
): Replay {
  const { io, json } = options;
  const cassette = new Cassette(traffic.exchanges, options.ignore);
  const upstream = traffic.headers.find((h) => h.upstream !== undefined)?.upstream;
  const intercept = cassetteInterceptor(cassette, {
    credentials: options.credentials,
    ...(upstream !== undefined ? { upstream } : {}),
    report: (event) => {
      if (json) writeJsonLine(io.stdout, { cassette: event });
      else io.stderr.write(`${cassetteLine(event, t().replay)}\n`);
    },
  });
  return {
    intercept,
    async start(dispatcher, webhooks) {
      const notifications = webhooks.length > 0 ? replayable(traffic.notifications) : [];
      if (!json)
        io.stderr.write(
          `${t().replay.plan(replayable(traffic.notifications).length, cassette.size, options.speed, webhooks)}\n`,
        );
      let failed = 0;
      const sent = await replayNotifications(dispatcher, notifications, options.speed, io.signal, (r) => {
        if (r.deliveries.some((d) => d.status !== 'delivered')) failed++;
        if (json) writeJsonLine(io.stdout, { replayed: r });
        else io.stderr.write(replayedLine(r, t().replay));
      });
      if (json) writeJsonLine(io.stdout, { replay_done: { notifications: sent, not_delivered: failed } });
      else if (notifications.length > 0) io.stderr.write(`${t().replay.done(sent, failed)}\n`);
    },
  };
}
