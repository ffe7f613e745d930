import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** An employee as shell completion offers it. */
export interface CachedEmployee {
  extension: string;
  name: string;
}

/** Which account a cache belongs to: the API key and base URL (never the salt). */
export interface CacheOwner {
  apiKey: string;
  baseUrl?: string | undefined;
}

/**
 * The employee cache of an account: `$XDG_CACHE_HOME/mangokit/employees-<hash>.json` (else
 * `~/.cache/…`), named by a hash of the key and base URL so each profile (or environment) has its own.
 */
export function employeeCachePath(env: Record<string, string | undefined>, owner: CacheOwner): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  const id = createHash('sha256')
    .update(`${owner.apiKey}\n${owner.baseUrl ?? ''}`)
    .digest('hex')
    .slice(0, 16);
  return join(base, 'mangokit', `employees-${id}.json`);
}

/** Saves the employees of an account (after `mangokit users`), atomically. */
export async function saveEmployees(
  env: Record<string, string | undefined>,
  owner: CacheOwner,
  employees: readonly CachedEmployee[],
): Promise<void> {
  const path = employeeCachePath(env, owner);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ saved_at: new Date().toISOString(), employees }) + '\n', {
    mode: 0o600,
  });
  await rename(tmp, path);
}

/** The cached employees of an account; none when nothing was cached or the file is unreadable. */
export async function readEmployees(
  env: Record<string, string | undefined>,
  owner: CacheOwner,
): Promise<CachedEmployee[]> {
  try {
    const data = JSON.parse(await readFile(employeeCachePath(env, owner), 'utf8')) as { employees?: unknown };
    return Array.isArray(data.employees)
      ? data.employees.filter(
          (e): e is CachedEmployee =>
            typeof e === 'object' && e !== null && typeof (e as CachedEmployee).extension === 'string',
        )
      : [];
  } catch {
    return [];
  }
}
