import type { CommandDetails } from '../core/command.js';
import { CliError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { writeJsonLine } from '../core/output.js';
import { ExchangeRecords } from '../proxy/record.js';
import { type RawExchange, startProxy } from '../proxy/server.js';
import { t } from '../i18n/index.js';
import { openRecordingSession, RECORD_OPTIONS } from '../traffic/session.js';

/** The production API's origin: applications keep their `/vpbx/…` paths. */
const DEFAULT_UPSTREAM = 'https://app.mango-office.ru';
/** Binary answers (recordings) up to this many bytes are kept as base64 by default. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Text answers are kept whole up to this size. */
const TEXT_KEEP = 16 * 1024 * 1024;

/** The line of one exchange: `12:00:01 POST /vpbx/commands/callback → 200 (12 ms)`. */
function exchangeLine(e: RawExchange): string {
  const outcome = e.response ? String(e.response.status) : t().proxy.failed(e.error ?? '');
  return `${e.at.slice(11, 19)} ${e.request.method} /${e.path} → ${outcome} (${e.ms} ms)\n`;
}

/** `mangokit proxy`: a recording proxy between an application and the API. */
export const proxy: CommandDetails = {
  options: {
    port: { type: 'string', short: 'p', value: 'N', complete: 'none' },
    host: { type: 'string', value: 'ADDR', values: ['127.0.0.1', '0.0.0.0'] },
    upstream: { type: 'string', value: 'URL', values: [DEFAULT_UPSTREAM, 'http://127.0.0.1:5080'] },
    ...RECORD_OPTIONS,
    'body-limit': { type: 'string', value: 'BYTES', complete: 'none' },
    count: { type: 'string', value: 'N', complete: 'none' },
  },
  examples: [
    'mangokit proxy --record api.jsonl',
    'mangokit proxy --upstream http://127.0.0.1:5080 --port 8090 --record api.jsonl --mask-numbers',
    (m) => `MANGO_BASE_URL=http://127.0.0.1:8090/vpbx/ mangokit users   # ${m.proxy.exampleThroughProxy}`,
  ],
  async run({ io, args, json }) {
    const port = args.integer('port', 0, 65535) ?? 8090;
    const host = args.string('host') ?? '127.0.0.1';
    const count = args.integer('count', 1);
    const bodyLimit = args.integer('body-limit', 0) ?? DEFAULT_BODY_LIMIT;
    const upstreamText = args.string('upstream') ?? DEFAULT_UPSTREAM;
    let upstream: URL;
    try {
      upstream = new URL(upstreamText);
      if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:') throw new TypeError();
    } catch {
      throw new UsageError(
        (m) => m.proxy.upstreamNotUrl(upstreamText),
        (m) => m.usage.example(`--upstream ${DEFAULT_UPSTREAM}`),
      );
    }
    const session = await openRecordingSession(args, io, 'proxy', upstream.href);
    const records = session ? new ExchangeRecords(session.masker, bodyLimit) : undefined;

    let seen = 0;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const onExchange = async (exchange: RawExchange) => {
      if (json) {
        writeJsonLine(io.stdout, {
          at: exchange.at,
          method: exchange.request.method,
          path: exchange.path,
          status: exchange.response?.status ?? null,
          ms: exchange.ms,
          ...(exchange.error ? { error: exchange.error } : {}),
        });
      } else io.stdout.write(exchangeLine(exchange));
      if (session && records) {
        try {
          await session.writer.write(records.record(exchange));
        } catch (err) {
          io.stderr.write(`${t().usage.error}: ${t().traffic.writeFailed((err as Error).message)}\n`);
          finish();
        }
      }
      seen++;
      if (count !== undefined && seen >= count) finish();
    };
    const server = await startProxy({
      port,
      host,
      upstream,
      keepBytes: Math.max(bodyLimit, TEXT_KEEP),
      onExchange,
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        throw new UsageError(
          (m) => m.usage.portInUse(port),
          (m) => m.usage.pickPort,
        );
      throw err;
    });
    io.stderr.write(
      t().proxy.started(server.url, upstream.href, session?.writer.path, session?.masker !== undefined),
    );
    const onAbort = () => finish();
    io.signal.addEventListener('abort', onAbort, { once: true });
    if (io.signal.aborted) finish();
    await finished;
    io.signal.removeEventListener('abort', onAbort);
    await server.close();
    if (session) {
      await session.writer.close().catch(() => undefined);
      const { path } = session.writer;
      const message = session.writer.failed?.message ?? '';
      if (session.writer.failed)
        throw new CliError((m) => m.traffic.incomplete(path, message), ExitCode.Partial);
    }
    return undefined;
  },
};
