import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The journal of an archive directory: one JSON line per finished recording, across runs. */
export const JOURNAL_NAME = '.mangokit-archive.jsonl';

/** A finished download as journaled. */
export interface JournalEntry {
  recording_id: string;
  file: string;
  bytes: number;
  at: string;
}

/**
 * Reads the journal; a line cut short by a killed process is skipped. The last entry for a
 * recording wins.
 */
export async function readJournal(dir: string): Promise<Map<string, JournalEntry>> {
  const done = new Map<string, JournalEntry>();
  let text = '';
  try {
    text = await readFile(join(dir, JOURNAL_NAME), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (typeof e.recording_id === 'string' && typeof e.file === 'string' && typeof e.bytes === 'number') {
        done.set(e.recording_id, e);
      }
    } catch {
      /* a torn last line from an interrupted run */
    }
  }
  return done;
}

/** Appends one finished download (after the file is renamed into place). */
export function appendJournal(dir: string, entry: JournalEntry): Promise<void> {
  return appendFile(join(dir, JOURNAL_NAME), JSON.stringify(entry) + '\n');
}
