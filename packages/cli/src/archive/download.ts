import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MangoClient, RequestOptions } from 'mangokit';
import type { ProgressBar } from '../core/progressBar.js';
import { appendJournal, type JournalEntry } from './journal.js';
import type { ManifestFailure } from './manifest.js';
import type { ArchiveItem } from './plan.js';

/** What `classify` found in the archive directory for one item. */
export type ItemState = 'done' | 'partial' | 'new';

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/**
 * Decides what a resumed run must do with an item: `done` when the journal lists it and the
 * file on disk has the journaled size; `partial` when a `.part` file or a file of the wrong size
 * is left over; `new` otherwise.
 */
export async function classify(
  dir: string,
  item: ArchiveItem,
  journal: ReadonlyMap<string, JournalEntry>,
): Promise<ItemState> {
  const path = join(dir, item.file);
  const entry = journal.get(item.recording_id);
  const size = await sizeOf(path);
  if (entry && entry.file === item.file && size === entry.bytes) return 'done';
  if (size !== undefined || (await sizeOf(`${path}.part`)) !== undefined) return 'partial';
  return 'new';
}

/** Options of `downloadAll`. */
export interface DownloadOptions {
  client: MangoClient;
  requestOptions: RequestOptions;
  /** More hosts a download may be redirected to (the SDK allows the API's and the vendor's file host). */
  allowHosts?: readonly string[];
  dir: string;
  concurrency: number;
  bar?: ProgressBar;
  signal: AbortSignal;
  /** Called after each file is in place and journaled. */
  onDone: (item: ArchiveItem, bytes: number) => void;
}

/**
 * Downloads items with `concurrency` workers. Each file is streamed to `<file>.part`, its size
 * checked against Content-Length, renamed into place (SDK `recordings.save`), checked on disk
 * and only then journaled — so an interrupted run never mistakes a partial file for a finished
 * one. A `.part` an earlier run left behind is continued with a `Range` request rather than
 * downloaded again from the start (a server that ignores `Range` sends the whole file). The SDK's limiter keeps the pace inside the vendor's per-method limits (reference §1.3).
 */
export async function downloadAll(
  items: readonly ArchiveItem[],
  options: DownloadOptions,
): Promise<ManifestFailure[]> {
  const failures: ManifestFailure[] = [];
  let next = 0;
  const worker = async () => {
    while (!options.signal.aborted) {
      const item = items[next++];
      if (!item) return;
      const path = join(options.dir, item.file);
      try {
        await mkdir(dirname(path), { recursive: true });
        // A `.part` left by an interrupted run is continued where it stopped (Range request).
        const saved = await options.client.recordings.save(item.recording_id, path, {
          ...options.requestOptions,
          ...(options.allowHosts?.length ? { allowHosts: options.allowHosts } : {}),
          resume: true,
        });
        const onDisk = await sizeOf(path);
        if (onDisk !== saved.bytes)
          throw new Error(`size on disk ${onDisk} differs from ${saved.bytes} received`);
        await appendJournal(options.dir, {
          recording_id: item.recording_id,
          file: item.file,
          bytes: saved.bytes,
          at: new Date().toISOString(),
        });
        options.onDone(item, saved.bytes);
        options.bar?.tick(1, saved.bytes);
      } catch (err) {
        if (options.signal.aborted) return;
        failures.push({ recording_id: item.recording_id, file: item.file, error: (err as Error).message });
        options.bar?.tick(1, 0);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return failures;
}
