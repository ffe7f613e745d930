import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, UsageError } from '../core/errors.js';
import type { CliIO } from '../core/io.js';
import { writeJsonLine } from '../core/output.js';
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

/** The human texts of `mangokit sandbox --replay`. */
const TEXT = {
  unreadable: (file: string, code: string) => `cannot read ${file}: ${code}`,
  badFile: (file: string, message: string) => `${file} is not a traffic file: ${message}`,
  badFileHint: 'Record one with `mangokit listen --record FILE` or `mangokit proxy --record FILE`.',
  badSpeed: (text: string) => `--speed must be a positive number or max, got "${text}"`,
  plan: (notifications: number, exchanges: number, speed: ReplaySpeed, webhooks: readonly string[]) =>
    `replay: ${notifications} notification${notifications === 1 ? '' : 's'}` +
    (notifications === 0
      ? ''
      : webhooks.length === 0
        ? ' not posted (no --webhook to post them to)'
        : ` to ${webhooks.join(', ')} at ${speed === 'max' ? 'full speed' : `×${speed}`}`) +
    `; ${exchanges} recorded API exchange${exchanges === 1 ? '' : 's'} answer${exchanges === 1 ? 's' : ''} API requests\n`,
  replayed: (r: Replayed) =>
    `  +${(r.offsetMs / 1000).toFixed(1)}s ${r.path} → ${r.deliveries
      .map((d) => (d.httpStatus !== undefined ? String(d.httpStatus) : `failed (${d.error ?? d.status})`))
      .join(', ')}\n`,
  done: (sent: number, failed: number) =>
    `replay: ${sent} notification${sent === 1 ? '' : 's'} posted${failed ? `, ${failed} not delivered` : ''}; ` +
    'the recorded API exchanges keep answering until Ctrl-C\n',
  cassette: (e: CassetteEvent) =>
    e.miss !== undefined
      ? `cassette ${e.method} /${e.path} → 404: ${e.miss}\n`
      : e.exchange !== undefined
        ? `cassette ${e.method} /${e.path} → ${e.status} (recorded exchange ${e.exchange + 1})\n`
        : `cassette ${e.method} /${e.path} → ${e.status} (not signed with the sandbox's credentials)\n`,
};

/** Parses `--speed` for a replay: a positive factor, or `max`. */
export function replaySpeed(text: string | undefined): ReplaySpeed {
  if (text === undefined) return 1;
  if (text === 'max') return 'max';
  const n = Number(text);
  if (!(n > 0)) throw new UsageError(TEXT.badSpeed(text), 'Example: --speed 10, or --speed max.');
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
      throw new ConfigError(
        TEXT.unreadable(file, (err as NodeJS.ErrnoException).code ?? (err as Error).message),
      );
    }
    try {
      parts.push(parseTraffic(text));
    } catch (err) {
      if (err instanceof TrafficFormatError)
        throw new UsageError(TEXT.badFile(file, err.message), TEXT.badFileHint);
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
      else io.stderr.write(TEXT.cassette(event));
    },
  });
  return {
    intercept,
    async start(dispatcher, webhooks) {
      const notifications = webhooks.length > 0 ? replayable(traffic.notifications) : [];
      if (!json)
        io.stderr.write(
          TEXT.plan(replayable(traffic.notifications).length, cassette.size, options.speed, webhooks),
        );
      let failed = 0;
      const sent = await replayNotifications(dispatcher, notifications, options.speed, io.signal, (r) => {
        if (r.deliveries.some((d) => d.status !== 'delivered')) failed++;
        if (json) writeJsonLine(io.stdout, { replayed: r });
        else io.stderr.write(TEXT.replayed(r));
      });
      if (json) writeJsonLine(io.stdout, { replay_done: { notifications: sent, not_delivered: failed } });
      else if (notifications.length > 0) io.stderr.write(TEXT.done(sent, failed));
    },
  };
}
