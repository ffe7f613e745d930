import type { AcceptedNotification } from 'mangokit';
import { resolveCredentials } from '../config/credentials.js';
import type { CommandDetails } from '../core/command.js';
import { CliError, ConfigError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { writeJsonLine } from '../core/output.js';
import { describeEvent } from '../listen/formatEvent.js';
import { forwardNotification, throwIfNotDelivered } from '../listen/forwarder.js';
import { type Rejection, startReceiver } from '../listen/receiver.js';
import { openRecording } from '../listen/recording.js';
import { RECORD_OPTIONS } from '../traffic/session.js';

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** `mangokit listen`: receive, verify, print and forward notifications. */
export const listen: CommandDetails = {
  description:
    'Starts an HTTP server that accepts notifications on any path ending in events/…, result/… or\n' +
    'ping, verifies vpbx_api_key and sign with your credentials, and prints one line per event\n' +
    '(or one JSON object per line with --json). With --forward-to every verified notification is\n' +
    're-signed and posted to URL + its path (e.g. URL/events/call), like the PBX does, before the\n' +
    'sender is answered: if the app cannot be reached the sender gets 503 (and sends it again), if\n' +
    'it answers an error status the sender gets that status. Notifications failing verification\n' +
    "are answered 401 and shown as rejected; the status table is the SDK handler's.\n\n" +
    'With --record FILE every request is appended to FILE as one JSON line, exactly as received\n' +
    '(arrival time, path, headers, raw form body, the answer given) with the sign value redacted;\n' +
    '--mask-numbers also replaces phone numbers and SIP addresses with tokens that stay the same for\n' +
    'the same number. An accepted notification is written before it is answered (a failed write\n' +
    'answers 503, so the PBX sends it again). `mangokit sandbox --replay FILE` and\n' +
    '`mangokit conformance FILE` read such files.',
  credentials: true,
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: 'N',
      description: 'port to listen on (default 8080; 0 = any free port)',
    },
    host: {
      type: 'string',
      value: 'ADDR',
      description: 'address to bind (default 127.0.0.1; 0.0.0.0 for the real PBX)',
    },
    'forward-to': {
      type: 'string',
      value: 'URL',
      description: 'post each verified notification to URL + its path',
    },
    'forward-key': {
      type: 'string',
      value: 'KEY',
      description: 'API key to re-sign forwarded notifications with (default: yours)',
    },
    'forward-salt': {
      type: 'string',
      value: 'SALT',
      description: 'API salt to re-sign forwarded notifications with (default: yours)',
    },
    'skip-verify': { type: 'boolean', description: 'accept notifications without checking the signature' },
    count: { type: 'string', value: 'N', description: 'exit after N accepted notifications' },
    ...RECORD_OPTIONS,
  },
  examples: [
    'mangokit listen',
    'mangokit listen --port 9000 --forward-to http://localhost:3000/mango/',
    'mangokit listen --json | jq .event.name',
    'mangokit listen --host 0.0.0.0 --record calls.jsonl --mask-numbers',
    'mangokit sandbox --webhook http://127.0.0.1:8080/   # in another terminal',
  ],
  async run({ io, args, json }) {
    const port = args.integer('port', 0, 65535) ?? 8080;
    const host = args.string('host') ?? '127.0.0.1';
    const count = args.integer('count', 1);
    const skipVerify = args.flag('skip-verify');
    const forwardTo = args.string('forward-to');
    if (forwardTo) {
      try {
        new URL(forwardTo);
      } catch {
        throw new UsageError(
          `--forward-to "${forwardTo}" is not a URL`,
          'Example: --forward-to http://localhost:3000/mango/',
        );
      }
    }
    let credentials: { apiKey: string; apiSalt: string } | undefined;
    try {
      const c = await resolveCredentials(args, io);
      credentials = { apiKey: c.apiKey, apiSalt: c.apiSalt };
    } catch (err) {
      // Without credentials nothing can be verified: only --skip-verify makes that acceptable.
      if (!(err instanceof ConfigError) || !skipVerify) {
        if (err instanceof ConfigError) {
          throw new ConfigError(
            err.message,
            `${err.hint ?? ''} Or pass --skip-verify to print unverified notifications.`,
          );
        }
        throw err;
      }
    }
    const forwardCreds =
      credentials || (args.string('forward-key') && args.string('forward-salt'))
        ? {
            apiKey: args.string('forward-key') ?? credentials?.apiKey ?? '',
            apiSalt: args.string('forward-salt') ?? credentials?.apiSalt ?? '',
          }
        : undefined;
    if (forwardTo && !forwardCreds) {
      throw new ConfigError(
        'forwarding needs credentials to re-sign with',
        'Pass --forward-key and --forward-salt.',
      );
    }

    let accepted = 0;
    let forwarding: Promise<void> = Promise.resolve();
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });

    const onRejection = (r: Rejection) => {
      if (json) {
        writeJsonLine(io.stdout, {
          received_at: new Date().toISOString(),
          path: r.path,
          rejected: { status: r.status, reason: r.reason, message: r.message },
        });
      } else io.stdout.write(`${clock()} ✗ ${r.path} rejected (${r.reason}): ${r.message}\n`);
    };

    // The acceptance step, run before the sender gets its answer: print, then forward. A forward
    // that fails fails the notification (503, or the app's own status), so the PBX sends it again.
    const onNotification = async (n: AcceptedNotification) => {
      const mark = n.verified ? '✓' : '?';
      if (json) {
        writeJsonLine(io.stdout, {
          received_at: new Date().toISOString(),
          path: n.path,
          verified: n.verified,
          event: { type: n.event.type, name: n.event.name, payload: n.event.payload },
        });
      } else io.stdout.write(`${clock()} ${mark} ${describeEvent(n.event)}\n`);
      if (forwardTo && forwardCreds) {
        // One at a time, in arrival order: the local app sees what the PBX sent, in that order.
        const forwarded = forwarding.then(() => forwardNotification(forwardTo, n.path, n.json, forwardCreds));
        forwarding = forwarded.then(() => undefined);
        const f = await forwarded;
        if (json) writeJsonLine(io.stdout, { forwarded: f });
        else {
          const outcome = f.status !== undefined ? `${f.status}` : `failed: ${f.error}`;
          io.stdout.write(`${clock()}   forwarded → ${f.url} ${outcome} (${f.ms} ms)\n`);
        }
        throwIfNotDelivered(f);
      }
      accepted++;
      if (count !== undefined && accepted >= count) finish();
    };

    const recording = await openRecording(args, io, (err) => {
      io.stderr.write(`error: cannot write to the recording: ${err.message}\n`);
      finish();
    });
    const receiver = await startReceiver({
      port,
      host,
      credentials: skipVerify ? undefined : credentials,
      onNotification,
      onRejection,
      ...(recording ? { recorder: recording.recorder } : {}),
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        throw new UsageError(
          `port ${port} is already in use`,
          'Pick another with --port N (or --port 0 for any free port).',
        );
      }
      throw err;
    });
    io.stderr.write(
      `listening on ${receiver.url} — ${skipVerify ? 'NOT verifying signatures' : 'verifying signatures'}` +
        `${forwardTo ? `, forwarding to ${forwardTo}` : ''}` +
        `${recording ? `, recording to ${recording.writer.path}${recording.masked ? ' (numbers masked)' : ''}` : ''}. Ctrl-C to stop.\n`,
    );
    const onAbort = () => finish();
    io.signal.addEventListener('abort', onAbort, { once: true });
    await finished;
    io.signal.removeEventListener('abort', onAbort);
    await forwarding;
    await receiver.close();
    if (recording) {
      await recording.writer.close().catch(() => undefined);
      if (recording.writer.failed) {
        throw new CliError(
          `the recording ${recording.writer.path} is incomplete: ${recording.writer.failed.message}`,
          ExitCode.Partial,
        );
      }
    }
    return undefined;
  },
};
