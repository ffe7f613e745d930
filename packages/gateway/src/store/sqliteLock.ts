import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';

/** Another gateway already uses this SQLite database: a second writer is refused at start. */
export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/** A held lock; `release()` gives it back (closing the process does too, even on kill -9). */
export interface FileLock {
  release(): void;
}

/**
 * Takes the exclusive lock of `<file>.lock`, a small SQLite file held in exclusive locking
 * mode for the life of the store. The operating system drops the lock when the process ends,
 * however it ends, so there is no stale lock to clean up after a crash; a second gateway (in
 * another process or this one) gets `DatabaseInUseError` at once instead of sharing the file.
 */
export function lockDatabaseFile(file: string): FileLock {
  const lockFile = `${file}.lock`;
  const ownerFile = `${lockFile}.owner`;
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, since INTEGER)');
    // The first write takes the lock, and exclusive mode keeps it until the connection closes.
    db.prepare('INSERT INTO holder (pid, host, since) VALUES (?, ?, ?)').run(
      process.pid,
      hostname(),
      Date.now(),
    );
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      let owner = '';
      try {
        owner = ` (${readFileSync(ownerFile, 'utf8').trim()})`;
      } catch {
        // No owner note: say what we know.
      }
      throw new DatabaseInUseError(
        `${file} is in use by another gateway${owner}: one SQLite data directory serves one gateway process; stop the other one, use another --data-dir, or use PostgreSQL for several instances`,
      );
    }
    throw err;
  }
  db.prepare('DELETE FROM holder WHERE pid <> ?').run(process.pid);
  try {
    writeFileSync(ownerFile, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}\n`);
  } catch {
    // The note only improves the error message of a second gateway.
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      rmSync(ownerFile, { force: true });
      db.close();
    },
  };
}
