import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '../core/errors.js';

/** Credentials and base URL stored under a profile name. */
export interface Profile {
  apiKey: string;
  apiSalt: string;
  baseUrl?: string;
}

/** The user's `mangokit/config.json`. */
export interface ConfigFile {
  /** Profile used when neither flags, env nor `.env` give credentials. */
  defaultProfile?: string;
  profiles: Record<string, Profile>;
}

/** `$XDG_CONFIG_HOME/mangokit/config.json`, else `~/.config/mangokit/config.json`. */
export function configPath(env: Record<string, string | undefined>): string {
  if (env.MANGOKIT_CONFIG) return env.MANGOKIT_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'mangokit', 'config.json');
}

function isProfile(v: unknown): v is Profile {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.apiKey === 'string' &&
    typeof p.apiSalt === 'string' &&
    (p.baseUrl === undefined || typeof p.baseUrl === 'string')
  );
}

/** Reads the config file; a missing file is an empty config, a broken one is a `ConfigError`. */
export async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    const detail = (err as Error).message;
    throw new ConfigError((m) => m.config.cannotRead(path, detail));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(
      (m) => m.config.notJson(path),
      (m) => m.config.fixOrDelete,
    );
  }
  const raw = (parsed ?? {}) as Record<string, unknown>;
  const profiles: Record<string, Profile> = {};
  const rawProfiles = (raw.profiles ?? {}) as Record<string, unknown>;
  for (const [name, p] of Object.entries(rawProfiles)) {
    if (!isProfile(p)) {
      throw new ConfigError(
        (m) => m.config.malformedProfile(name, path),
        (m) => m.config.removeAndAdd(name),
      );
    }
    profiles[name] = p;
  }
  const defaultProfile = typeof raw.defaultProfile === 'string' ? raw.defaultProfile : undefined;
  return defaultProfile ? { defaultProfile, profiles } : { profiles };
}

/**
 * Writes the config atomically (temp file + rename) and readable by the owner only, since it
 * holds API salts.
 */
export async function writeConfig(path: string, config: ConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, path);
}
