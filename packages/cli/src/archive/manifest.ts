import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatMoscow } from '../core/dates.js';
import { csvLine } from '../core/output.js';
import type { ArchiveItem } from './plan.js';

/** A manifest row: the call metadata plus the archived file. */
export interface ManifestEntry extends ArchiveItem {
  bytes: number;
}

/** A recording that could not be archived in this run. */
export interface ManifestFailure {
  recording_id: string;
  file: string;
  error: string;
}

/** The whole manifest as written to `manifest.json`. */
export interface Manifest {
  generated_at: string;
  period: { from: number; to: number; from_msk: string; to_msk: string };
  filters: Record<string, unknown>;
  complete: boolean;
  recordings: ManifestEntry[];
  failed: ManifestFailure[];
}

const COLUMNS = [
  'recording_id',
  'file',
  'bytes',
  'start_msk',
  'start_unix',
  'direction',
  'employee',
  'number',
  'from_extension',
  'from_number',
  'to_extension',
  'to_number',
  'answered',
  'talk_seconds',
  'disconnect_reason',
  'line_number',
  'entry_id',
] as const;

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** Writes `manifest.json` and `manifest.csv` (atomically, sorted by call start). */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  manifest.recordings.sort((a, b) => a.start - b.start || a.file.localeCompare(b.file));
  await writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  let csv = csvLine(COLUMNS);
  for (const r of manifest.recordings) {
    csv += csvLine([
      r.recording_id,
      r.file,
      r.bytes,
      formatMoscow(r.start),
      r.start,
      r.direction,
      r.employee,
      r.number,
      r.from_extension,
      r.from_number,
      r.to_extension,
      r.to_number,
      r.answered,
      r.talk_seconds,
      r.disconnect_reason,
      r.line_number,
      r.entry_id,
    ]);
  }
  await writeAtomic(join(dir, 'manifest.csv'), csv);
}
