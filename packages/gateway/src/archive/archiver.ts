import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { MangoClient } from 'mangokit';
import type { GatewayLogger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { GatewayStore } from '../store/types.js';
import { type Signal, WorkLoop } from '../work/signal.js';

/** Downloads one recording into `filePath` (the default uses `MangoClient.recordings.save`). */
export type RecordingSaver = (recordingId: string, filePath: string) => Promise<void>;

/** Options of the recording archive. */
export interface ArchiveOptions {
  /** Directory the files go to, as `<dir>/<entry_id>/<recording_id>.mp3`. */
  dir: string;
  /** API base URL for downloads (default the SDK's; point it at the sandbox in tests). */
  baseUrl?: string;
  /**
   * More hosts a download may be redirected to, besides the API's host and the vendor's file
   * host (`files.mango-office.ru`); a redirect anywhere else fails the attempt.
   */
  allowHosts?: readonly string[];
  /** Attempts before a recording is marked `failed` (default 8). */
  maxAttempts?: number;
  /** First retry delay (default 30 s: storage lags behind the event, reference §3.3.1). */
  backoffMs?: number;
  /** Longest retry delay (default 30 minutes). */
  maxBackoffMs?: number;
  /** Replaces the SDK download (tests, custom storage). */
  save?: RecordingSaver;
}

/**
 * A file-system-safe name for an opaque vendor id (ids are base64-like and may hold `/`, `+`):
 * only letters, digits, `_`, `=`, `-` and inner dots; never `.`, `..` or a hidden name. An id
 * that needed changing gets a hash of the original, so two ids never share a name.
 */
export function safeName(id: string): string {
  const clean = id
    .replace(/[^A-Za-z0-9._=-]/g, '_')
    .replace(/^\./, '_')
    .slice(0, 100);
  return clean === id && clean !== ''
    ? id
    : `${clean}-${createHash('sha256').update(id).digest('hex').slice(0, 10)}`;
}

/** `<dir>/<entry>/<recording>.mp3`, from sanitised parts, and checked to stay under `dir`. */
export function archivePath(dir: string, entryId: string | null, recordingId: string): string {
  const root = resolve(dir);
  const file = resolve(root, safeName(entryId ?? 'unknown'), `${safeName(recordingId)}.mp3`);
  if (!file.startsWith(root + sep)) throw new Error(`archive path ${file} is outside ${root}`);
  return file;
}

/**
 * Archives ready recordings: claims one job at a time (`SKIP LOCKED` on PostgreSQL, so instances
 * share the work), downloads it with retries and backoff, and links the file to its call.
 */
export function startArchiver(
  store: GatewayStore,
  options: ArchiveOptions,
  credentials: { apiKey: string; apiSalt: string },
  owner: string,
  signal: Signal,
  logger: GatewayLogger,
  metrics: Metrics,
): WorkLoop {
  let save = options.save;
  if (!save) {
    const client = new MangoClient({
      ...credentials,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    });
    save = async (id, file) => {
      // A retry continues a download that was cut off (`Range`) instead of starting over. The
      // SDK follows redirects only to allowed hosts and refuses an answer that is not audio.
      await client.recordings.save(id, file, {
        resume: true,
        ...(options.allowHosts ? { allowHosts: options.allowHosts } : {}),
      });
    };
  }
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffMs ?? 30_000;
  const maxBackoff = options.maxBackoffMs ?? 1_800_000;
  const loop = new WorkLoop(
    async () => {
      const job = await store.claimArchiveJob(owner, 10 * 60_000);
      if (!job) return false;
      try {
        const file = archivePath(options.dir, job.entryId, job.recordingId);
        await mkdir(dirname(file), { recursive: true });
        await save(job.recordingId, file);
        await store.completeArchiveJob(job.recordingId, file);
        metrics.inc('mangokit_gateway_archive_total', { result: 'ok' });
        logger.info('recording archived', { recording_id: job.recordingId, entry_id: job.entryId, file });
      } catch (err) {
        const delay = Math.min(maxBackoff, backoff * 2 ** job.attempts);
        await store.failArchiveJob(
          job.recordingId,
          Date.now() + delay,
          maxAttempts,
          String((err as Error)?.message ?? err),
        );
        metrics.inc('mangokit_gateway_archive_total', { result: 'failed' });
        logger.warn('recording download failed', {
          recording_id: job.recordingId,
          attempt: job.attempts + 1,
          error: err,
        });
      }
      return true;
    },
    signal,
    1_000,
    (err) => logger.error('archive step failed', { error: err }),
  );
  loop.start();
  return loop;
}
