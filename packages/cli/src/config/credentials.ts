import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { CliIO } from '../core/io.js';
import type { ParsedArgs } from '../core/parsedArgs.js';
import { configPath, type Profile, readConfig } from './configFile.js';
import { parseDotenv } from './dotenv.js';

/** Resolved API credentials, and where each part came from (for messages; never the salt itself). */
export interface Credentials {
  apiKey: string;
  apiSalt: string;
  baseUrl?: string;
  /** e.g. `{ apiKey: 'env', apiSalt: 'env', baseUrl: 'profile work' }`. */
  sources: { apiKey: string; apiSalt: string; baseUrl?: string };
}

type Layer = { name: string; apiKey?: string; apiSalt?: string; baseUrl?: string };

async function readEnvFile(path: string, explicit: boolean): Promise<Record<string, string>> {
  try {
    return parseDotenv(await readFile(path, 'utf8'));
  } catch (err) {
    if (!explicit && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    const detail = (err as Error).message;
    throw new ConfigError((m) => m.config.cannotReadEnv(path, detail));
  }
}

function profileLayer(name: string, p: Profile): Layer {
  return { name: `profile ${name}`, apiKey: p.apiKey, apiSalt: p.apiSalt, baseUrl: p.baseUrl };
}

/**
 * Gathers the credential layers in precedence order: flags, an explicit `--profile` (or
 * `MANGO_PROFILE`), the environment, the `.env` file (`--dotenv` or `./.env`), the config's
 * default profile. Each field is taken from the first layer that has it.
 */
export async function credentialLayers(args: ParsedArgs, io: CliIO): Promise<Layer[]> {
  const layers: Layer[] = [
    {
      name: 'flags',
      apiKey: args.string('api-key'),
      apiSalt: args.string('api-salt'),
      baseUrl: args.string('base-url'),
    },
  ];
  const path = configPath(io.env);
  const wanted = args.string('profile') ?? io.env.MANGO_PROFILE;
  const config = await readConfig(path);
  if (wanted) {
    const p = config.profiles[wanted];
    if (!p) {
      const known = Object.keys(config.profiles);
      throw new ConfigError(
        (m) => m.config.noProfile(wanted, path),
        (m) =>
          known.length ? m.config.knownProfiles(known.join(', '), wanted) : m.config.addProfile(wanted),
      );
    }
    layers.push(profileLayer(wanted, p));
  }
  layers.push({
    name: 'environment',
    apiKey: io.env.MANGO_API_KEY,
    apiSalt: io.env.MANGO_API_SALT,
    baseUrl: io.env.MANGO_BASE_URL,
  });
  const envFile = args.string('dotenv');
  const dotenvPath = resolve(io.cwd, envFile ?? '.env');
  const dotenv = await readEnvFile(dotenvPath, envFile !== undefined);
  layers.push({
    name: envFile ?? '.env',
    apiKey: dotenv.MANGO_API_KEY,
    apiSalt: dotenv.MANGO_API_SALT,
    baseUrl: dotenv.MANGO_BASE_URL,
  });
  if (!wanted && config.defaultProfile) {
    const p = config.profiles[config.defaultProfile];
    if (p) layers.push(profileLayer(config.defaultProfile, p));
  }
  return layers;
}

/** Resolves credentials for a command that talks to the API; throws a `ConfigError` saying how to provide them. */
export async function resolveCredentials(args: ParsedArgs, io: CliIO): Promise<Credentials> {
  const layers = await credentialLayers(args, io);
  const pick = (field: 'apiKey' | 'apiSalt' | 'baseUrl') => {
    for (const l of layers) {
      const v = l[field];
      if (v !== undefined && v !== '') return { value: v, source: l.name };
    }
    return undefined;
  };
  const key = pick('apiKey');
  const salt = pick('apiSalt');
  const base = pick('baseUrl');
  if (!key || !salt) {
    const noKey = !key;
    const noSalt = !salt;
    throw new ConfigError(
      (m) =>
        m.config.notConfigured(
          [noKey && m.config.apiKey, noSalt && m.config.apiSalt].filter(Boolean).join(m.usage.and),
        ),
      (m) => m.config.howToConfigure,
    );
  }
  if (base) {
    try {
      new URL(base.value);
    } catch {
      const { value, source } = base;
      throw new ConfigError(
        (m) => m.config.badBaseUrl(value, source),
        (m) => m.config.baseUrlForm,
      );
    }
  }
  return {
    apiKey: key.value,
    apiSalt: salt.value,
    ...(base ? { baseUrl: base.value } : {}),
    sources: { apiKey: key.source, apiSalt: salt.source, ...(base ? { baseUrl: base.source } : {}) },
  };
}
