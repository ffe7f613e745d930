import type { MangoEvent } from 'mangokit';
import { describeResultCode, eventFromJson, normalisePath } from 'mangokit/protocol';
import type { CommandDetails } from '../core/command.js';
import { CliError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { writeJsonLine } from '../core/output.js';
import { t } from '../i18n/index.js';
import { describeEvent } from '../listen/formatEvent.js';
import { readEvents } from '../logs/sse.js';
import { sandboxUrl } from './trigger.js';

/** An API request the sandbox answered, as its stream's `request` event carries it. */
interface RequestRecord {
  at?: number;
  method?: string;
  path?: string;
  status?: number;
  result?: number;
  hint?: string;
  hint_ru?: string;
  did_you_mean?: string;
  emptyArrayJson?: boolean;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

function eventOf(path: string, payload: unknown): MangoEvent | undefined {
  try {
    return eventFromJson(normalisePath(path), payload);
  } catch {
    return undefined;
  }
}

/** One line for an API request: `→ POST /vpbx/commands/callback 200 1000 action completed successfully`. */
function describeRequest(r: RequestRecord): string {
  const m = t();
  const parts = [`→ ${r.method ?? '?'} ${r.path ?? '?'}`, String(r.status ?? '?')];
  if (r.result !== undefined) parts.push(`${r.result} ${describeResultCode(r.result)[m.lang]}`);
  const hint = m.lang === 'ru' ? (r.hint_ru ?? r.hint) : r.hint;
  if (hint) parts.push(`— ${hint}`);
  if (r.did_you_mean && !hint?.includes(r.did_you_mean)) parts.push(`(${m.logs.meant(r.did_you_mean)})`);
  if (r.emptyArrayJson) parts.push(`(${m.logs.emptyArray})`);
  return parts.join('  ');
}

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** `mangokit logs tail`: the live notifications and API requests of a running sandbox or gateway. */
export const logsTail: CommandDetails = {
  options: {
    sandbox: { type: 'string', value: 'URL', complete: 'none' },
    gateway: { type: 'string', value: 'URL', complete: 'none' },
    'admin-token': { type: 'string', value: 'TOKEN', complete: 'none' },
    only: { type: 'string', value: 'WHAT', values: ['notifications', 'requests'] },
    count: { type: 'string', value: 'N', complete: 'none' },
  },
  examples: [
    'mangokit logs tail',
    'mangokit logs tail --only requests',
    'mangokit logs tail --gateway http://127.0.0.1:8080 --admin-token "$GATEWAY_ADMIN_TOKEN"',
    'mangokit logs tail --json | jq .path',
  ],
  async run({ io, args, json }) {
    const only = args.string('only');
    if (only !== undefined && only !== 'notifications' && only !== 'requests') {
      throw new UsageError((m) => m.logs.badOnly(only));
    }
    const count = args.integer('count', 1);
    const gatewayText = args.string('gateway');
    let gatewayUrl: URL | undefined;
    if (gatewayText !== undefined) {
      try {
        gatewayUrl = new URL(gatewayText);
      } catch {
        throw new UsageError(
          (m) => m.usage.notUrl('--gateway', gatewayText),
          (m) => m.usage.example('--gateway http://127.0.0.1:8080'),
        );
      }
    }
    const streamUrl = gatewayUrl
      ? new URL(`${gatewayUrl.pathname.replace(/\/+$/, '')}/stream`, gatewayUrl)
      : new URL('_sandbox/stream', sandboxUrl(args.string('sandbox'), io.env));
    // The gateway reads either name; so does its reader.
    const token = args.string('admin-token') ?? io.env.GATEWAY_ADMIN_TOKEN ?? io.env.MANGOKIT_GATEWAY_TOKEN;
    const m = t();

    let printed = 0;
    let lastId: string | undefined;
    const done = () => count !== undefined && printed >= count;
    const print = (line: string, record: Record<string, unknown>) => {
      if (json) writeJsonLine(io.stdout, { received_at: new Date().toISOString(), ...record });
      else io.stdout.write(`${clock()} ${line}\n`);
      printed++;
    };
    const onEvent = (event: string, data: string) => {
      const value = parseData(data);
      if (value === undefined || value === null || typeof value !== 'object') return;
      const v = value as Record<string, unknown>;
      const isRequest = event === 'request';
      const isNotification = gatewayUrl ? !isRequest : event === 'notification';
      if (isRequest && only !== 'notifications') {
        print(describeRequest(v as RequestRecord), { kind: 'request', ...v });
      } else if (isNotification && only !== 'requests' && typeof v.path === 'string') {
        const e = eventOf(v.path, v.payload);
        const line = e ? describeEvent(e) : `${v.path} ${JSON.stringify(v.payload)}`;
        print(`← ${line}`, {
          kind: 'notification',
          path: v.path,
          ...(gatewayUrl && v.id !== undefined ? { id: v.id } : {}),
          event: e ? { type: e.type, name: e.name, payload: e.payload } : { payload: v.payload },
        });
      }
    };

    let connectedOnce = false;
    while (!io.signal.aborted && !done()) {
      let res: Response;
      try {
        res = await fetch(streamUrl, {
          headers: {
            accept: 'text/event-stream',
            ...(token && gatewayUrl ? { authorization: `Bearer ${token}` } : {}),
            ...(lastId !== undefined ? { 'last-event-id': lastId } : {}),
          },
          signal: io.signal,
        });
      } catch (err) {
        if (io.signal.aborted) break;
        if (!connectedOnce) {
          const detail = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
          const where = streamUrl.origin;
          throw new CliError(
            (c) => c.logs.unreachable(where, detail),
            ExitCode.Connection,
            gatewayUrl ? undefined : (c) => c.trigger.startIt,
          );
        }
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        const where = streamUrl.origin;
        throw new CliError(
          (c) => c.logs.unauthorised(where),
          ExitCode.Config,
          (c) => c.logs.giveToken,
        );
      }
      if (!res.ok || !res.body) {
        const where = streamUrl.href;
        const status = res.status;
        throw new CliError((c) => c.logs.unreachable(where, `HTTP ${status}`), ExitCode.Connection);
      }
      if (!connectedOnce) {
        io.stderr.write(
          `${m.logs.following(gatewayUrl ? m.logs.gatewayWord : m.logs.sandboxWord, streamUrl.origin)}\n`,
        );
      }
      connectedOnce = true;
      try {
        for await (const e of readEvents(res.body)) {
          if (e.id !== undefined) lastId = e.id;
          onEvent(e.event, e.data);
          if (done()) break;
        }
      } catch {
        // The stream broke off: reconnect below.
      }
      if (io.signal.aborted || done()) break;
      io.stderr.write(`${m.logs.reconnecting}\n`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    return undefined;
  },
};
