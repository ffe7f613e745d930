import { link, rename, rm, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type { MangoClient, RecordingAction, SavedRecording } from 'mangokit';
import type { CommandDetails } from '../core/command.js';
import { createClient } from '../config/client.js';
import { formatLocal, parseWhen, zoneLabel } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { formatBytes, formatFields, writeJson } from '../core/output.js';
import { t } from '../i18n/index.js';

function readAction(value: string | undefined, fallback: RecordingAction): RecordingAction {
  const v = value ?? fallback;
  if (v !== 'download' && v !== 'play') throw new UsageError((m) => m.recording.badAction(v));
  return v;
}

/** `mangokit recording download` (queries/recording/post, reference §3.3.1). */
export const recordingDownload: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'RECORDING_ID' }],
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', complete: 'file' },
    force: { type: 'boolean' },
  },
  examples: [
    'mangokit recording download MToxMDA2NzI6MTA0OjEwMjM6MA==',
    'mangokit recording download MToxMDA2NzI6MTA0OjEwMjM6MA== -o call.mp3',
    'mangokit recording download MToxMDA2NzI6MTA0OjEwMjM6MA== -o - | mpv -',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const id = ctx.args.requirePositional(0, 'RECORDING_ID');
    const output = ctx.args.string('output');
    if (output === '-') {
      const file = await client.recordings.download(id, options);
      const sink = ctx.io.stdout as unknown as NodeJS.WritableStream;
      await pipeline(Readable.fromWeb(file.stream as NodeWebStream<Uint8Array>), sink, { end: false });
      return undefined;
    }
    // -o FILE: written there (named by the user, so replaced if it exists).
    let target = output ? resolve(ctx.io.cwd, output) : undefined;
    if (target && (await stat(target).catch(() => undefined))?.isDirectory()) target = undefined;
    const saved = target
      ? await client.recordings.save(id, target, options)
      : await saveUnderServerName(client, id, output ? resolve(ctx.io.cwd, output) : ctx.io.cwd, {
          ...options,
          force: ctx.args.flag('force'),
        });
    if (ctx.json) writeJson(ctx.io.stdout, { recording_id: id, ...saved });
    else
      ctx.io.stdout.write(
        `${t().recording.saved(saved.path, formatBytes(saved.bytes), saved.contentType)}\n`,
      );
    return undefined;
  },
};

/**
 * Downloads into `dir` under the name the server gives (`Content-Disposition`, else
 * `<id>.mp3`): first to a temporary file, then linked into place, which fails if the name is
 * taken — an existing file is never replaced silently (`force` replaces it).
 */
async function saveUnderServerName(
  client: MangoClient,
  id: string,
  dir: string,
  options: Parameters<MangoClient['recordings']['save']>[2] & { force: boolean },
): Promise<SavedRecording> {
  const { force, ...saveOptions } = options;
  const fallback = `${id.replace(/[^\w.-]+/g, '_')}.mp3`;
  const temp = resolve(dir, `.${fallback}.${process.pid}.download`);
  const saved = await client.recordings.save(id, temp, saveOptions);
  const serverName = basename(saved.fileName);
  const name = serverName && !serverName.startsWith('.') ? serverName : fallback;
  const path = resolve(dir, name);
  try {
    if (force) await rename(temp, path);
    else {
      await link(temp, path); // atomic: EEXIST if the name is taken, even by a racing writer
      await rm(temp);
    }
  } catch (err) {
    await rm(temp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new UsageError(
        (m) => m.recording.exists(path),
        (m) => m.recording.useForce,
      );
    throw err;
  }
  return { ...saved, path };
}

function parseExpiry(value: string | undefined): number {
  const now = Math.floor(Date.now() / 1000);
  if (value === undefined) return now + 3600;
  const m = /^(\d+)\s*([smhd])$/.exec(value.trim());
  if (m) return now + Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const at = parseWhen('expires', value);
  if (at <= now) throw new UsageError((m) => m.recording.expiresInPast);
  return at;
}

/** `mangokit recording link` (queries/recording/link, reference §3.3.2). */
export const recordingLink: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'RECORDING_ID' }],
  options: {
    expires: { type: 'string', value: 'WHEN', values: ['30m', '1h', '2h', '1d', '7d'] },
    action: { type: 'string', value: 'ACTION', values: ['play', 'download'] },
  },
  examples: [
    'mangokit recording link MToxMDA2NzI6MTA0OjEwMjM6MA==',
    'mangokit recording link MToxMDA2NzI6MTA0OjEwMjM6MA== --expires 7d --action download',
  ],
  async run(ctx) {
    const { client } = await createClient(ctx);
    const id = ctx.args.requirePositional(0, 'RECORDING_ID');
    const expiresAt = parseExpiry(ctx.args.string('expires'));
    const action = readAction(ctx.args.string('action'), 'play');
    const url = client.recordings.link(id, { action, expiresAt });
    if (ctx.json) writeJson(ctx.io.stdout, { recording_id: id, url, action, expires_at: expiresAt });
    else if (ctx.io.stdout.isTTY) {
      const m = t().recording;
      ctx.io.stdout.write(
        formatFields({ [m.url]: url, [m.expires]: `${formatLocal(expiresAt)} ${zoneLabel(expiresAt)}` }),
      );
    } else ctx.io.stdout.write(`${url}\n`);
    return undefined;
  },
};
