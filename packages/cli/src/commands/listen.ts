import type { AcceptedNotification } from 'mangokit';
import { resolveCredentials } from '../config/credentials.js';
import type { CommandDetails } from '../core/command.js';
import { CliError, ConfigError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { writeJsonLine } from '../core/output.js';
import { t } from '../i18n/index.js';
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
  credentials: true,
  options: {
    port: { type: 'string', short: 'p', value: 'N', complete: 'none' },
    host: { type: 'string', value: 'ADDR', values: ['127.0.0.1', '0.0.0.0'] },
    'forward-to': { type: 'string', value: 'URL', complete: 'none' },
    'forward-key': { type: 'string', value: 'KEY', complete: 'none' },
    'forward-salt': { type: 'string', value: 'SALT', complete: 'none' },
    'skip-verify': { type: 'boolean' },
    count: { type: 'string', value: 'N', complete: 'none' },
    ...RECORD_OPTIONS,
  },
  examples: [
    'mangokit listen',
    'mangokit listen --port 9000 --forward-to http://localhost:3000/mango/',
    'mangokit listen --json | jq .event.name',
    'mangokit listen --host 0.0.0.0 --record calls.jsonl --mask-numbers',
    (m) => `mangokit sandbox --webhook http://127.0.0.1:8080/   # ${m.listen.exampleOtherTerminal}`,
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
          (m) => m.usage.notUrl('--forward-to', forwardTo),
          (m) => m.listen.forwardExample,
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
          const hint = err.hint;
          throw new ConfigError(err.text, (m) =>
            `${hint === undefined ? '' : typeof hint === 'string' ? hint : hint(m)} ${m.listen.orSkipVerify}`.trim(),
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
        (m) => m.listen.forwardNeedsCredentials,
        (m) => m.listen.passForwardCredentials,
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
      } else io.stdout.write(`${clock()} ${t().listen.rejected(r.path, r.reason, r.message)}\n`);
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
          const outcome = f.status !== undefined ? `${f.status}` : t().listen.forwardFailed(f.error ?? '');
          io.stdout.write(`${clock()} ${t().listen.forwarded(f.url, outcome, f.ms)}\n`);
        }
        throwIfNotDelivered(f);
      }
      accepted++;
      if (count !== undefined && accepted >= count) finish();
    };

    const recording = await openRecording(args, io, (err) => {
      io.stderr.write(`${t().usage.error}: ${t().traffic.writeFailed(err.message)}\n`);
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
          (m) => m.usage.portInUse(port),
          (m) => m.usage.pickPort,
        );
      }
      throw err;
    });
    io.stderr.write(
      `${t().listen.listening(receiver.url, !skipVerify, forwardTo, recording?.writer.path, recording?.masked === true)}\n`,
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
        const { path } = recording.writer;
        const { message } = recording.writer.failed;
        throw new CliError((m) => m.traffic.incomplete(path, message), ExitCode.Partial);
      }
    }
    return undefined;
  },
};
