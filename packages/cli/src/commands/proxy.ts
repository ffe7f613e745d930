import type { CommandDetails } from '../core/command.js';
import { CliError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { writeJsonLine } from '../core/output.js';
import { ExchangeRecords } from '../proxy/record.js';
import { type RawExchange, startProxy } from '../proxy/server.js';
import { openRecordingSession, RECORD_OPTIONS } from '../traffic/session.js';

/** The production API's origin: applications keep their `/vpbx/…` paths. */
const DEFAULT_UPSTREAM = 'https://app.mango-office.ru';
/** Binary answers (recordings) up to this many bytes are kept as base64 by default. */
const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Text answers are kept whole up to this size. */
const TEXT_KEEP = 16 * 1024 * 1024;

/** The human texts of `mangokit proxy`. */
const TEXT = {
  description:
    'Starts an HTTP server to point an application at instead of the API: every request is\n' +
    "forwarded to --upstream + its path unchanged (body bytes and headers; Host is the upstream's)\n" +
    'and the answer is streamed back as it arrives, binary ones included. A redirect (the 302 of\n' +
    'queries/recording/post) is passed back through the proxy, so the file download goes through\n' +
    'it too. With --record FILE each exchange is appended to FILE as one JSON line: the request\n' +
    '(path, headers, form fields with sign redacted) and the answer (status, headers, body; binary\n' +
    'bodies as length + SHA-256, with base64 up to --body-limit). --mask-numbers masks phone\n' +
    'numbers in requests and answers. `mangokit sandbox --replay FILE` answers from such a file.',
  upstreamNotUrl: (u: string) => `--upstream "${u}" is not an http(s) URL`,
  portInUse: (port: number) => `port ${port} is already in use`,
  portHint: 'Pick another with --port N (or --port 0 for any free port).',
  started: (url: string, upstream: string, file: string | undefined, masked: boolean) =>
    `proxy on ${url} → ${upstream}${file ? `, recording to ${file}${masked ? ' (numbers masked)' : ''}` : ''}. ` +
    `Point your application's API base URL at ${url}vpbx/. Ctrl-C to stop.\n`,
  line: (e: RawExchange) =>
    `${e.at.slice(11, 19)} ${e.request.method} /${e.path} → ${e.response ? e.response.status : `failed: ${e.error}`} (${e.ms} ms)\n`,
  writeFailed: (message: string) => `error: cannot write to the recording: ${message}\n`,
  incomplete: (file: string, message: string) => `the recording ${file} is incomplete: ${message}`,
};

/** `mangokit proxy`: a recording proxy between an application and the API. */
export const proxy: CommandDetails = {
  description: TEXT.description,
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: 'N',
      description: 'port to listen on (default 8090; 0 = any)',
    },
    host: { type: 'string', value: 'ADDR', description: 'address to bind (default 127.0.0.1)' },
    upstream: {
      type: 'string',
      value: 'URL',
      description: `where requests go (default ${DEFAULT_UPSTREAM}; a sandbox: http://127.0.0.1:5080)`,
    },
    ...RECORD_OPTIONS,
    'body-limit': {
      type: 'string',
      value: 'BYTES',
      description: `keep binary answers up to BYTES as base64 in the recording (default ${DEFAULT_BODY_LIMIT})`,
    },
    count: { type: 'string', value: 'N', description: 'exit after N exchanges' },
  },
  examples: [
    'mangokit proxy --record api.jsonl',
    'mangokit proxy --upstream http://127.0.0.1:5080 --port 8090 --record api.jsonl --mask-numbers',
    'MANGO_BASE_URL=http://127.0.0.1:8090/vpbx/ mangokit users   # through the proxy',
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
      throw new UsageError(TEXT.upstreamNotUrl(upstreamText), `Example: --upstream ${DEFAULT_UPSTREAM}`);
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
      } else io.stdout.write(TEXT.line(exchange));
      if (session && records) {
        try {
          await session.writer.write(records.record(exchange));
        } catch (err) {
          io.stderr.write(TEXT.writeFailed((err as Error).message));
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
      if (err.code === 'EADDRINUSE') throw new UsageError(TEXT.portInUse(port), TEXT.portHint);
      throw err;
    });
    io.stderr.write(
      TEXT.started(server.url, upstream.href, session?.writer.path, session?.masker !== undefined),
    );
    const onAbort = () => finish();
    io.signal.addEventListener('abort', onAbort, { once: true });
    if (io.signal.aborted) finish();
    await finished;
    io.signal.removeEventListener('abort', onAbort);
    await server.close();
    if (session) {
      await session.writer.close().catch(() => undefined);
      if (session.writer.failed)
        throw new CliError(
          TEXT.incomplete(session.writer.path, session.writer.failed.message),
          ExitCode.Partial,
        );
    }
    return undefined;
  },
};
