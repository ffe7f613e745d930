import { type ConfigFile, configPath, readConfig, writeConfig } from '../config/configFile.js';
import type { CommandDetails } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { formatTable, writeJson } from '../core/output.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new UsageError(
      `invalid profile name "${name}"`,
      'Use letters, digits, dot, dash or underscore (max 64).',
    );
  }
  return name;
}

/** Reads the config file, applies `change` to it for the saved profile `name`, and writes it back. */
async function changeSavedProfile(
  env: Record<string, string | undefined>,
  name: string,
  change: (config: ConfigFile) => void,
): Promise<void> {
  const path = configPath(env);
  const config = await readConfig(path);
  if (!(name in config.profiles)) {
    throw new ConfigError(`no profile named "${name}"`, 'See `mangokit profile list`.');
  }
  change(config);
  await writeConfig(path, config);
}

/** `mangokit profile add`: saves credentials under a name in the user's config file. */
export const profileAdd: CommandDetails = {
  description:
    'Stores the key, salt and optional base URL in $XDG_CONFIG_HOME/mangokit/config.json\n' +
    '(~/.config/mangokit/config.json), readable by you only. Missing values are taken from\n' +
    'MANGO_API_KEY / MANGO_API_SALT / MANGO_BASE_URL.',
  positionals: [{ name: 'NAME', description: 'profile name, e.g. work or sandbox' }],
  options: {
    'api-key': { type: 'string', value: 'KEY', description: 'API key (vpbx_api_key)' },
    'api-salt': { type: 'string', value: 'SALT', description: 'API salt (signing secret)' },
    'base-url': { type: 'string', value: 'URL', description: 'API base URL (omit for the real Mango API)' },
    default: { type: 'boolean', description: 'use this profile when no other credentials are given' },
  },
  examples: [
    'mangokit profile add work --api-key abc123 --api-salt s3cret --default',
    'mangokit profile add local --api-key demo --api-salt demo --base-url http://127.0.0.1:5080/vpbx/',
  ],
  async run({ io, args, json }) {
    const name = checkName(args.requirePositional(0, 'NAME'));
    const apiKey = args.string('api-key') ?? io.env.MANGO_API_KEY;
    const apiSalt = args.string('api-salt') ?? io.env.MANGO_API_SALT;
    const baseUrl = args.string('base-url') ?? io.env.MANGO_BASE_URL;
    if (!apiKey || !apiSalt) {
      throw new UsageError(
        `missing ${!apiKey ? '--api-key' : '--api-salt'}`,
        'Give both --api-key and --api-salt (or set MANGO_API_KEY and MANGO_API_SALT).',
      );
    }
    if (baseUrl) {
      try {
        new URL(baseUrl);
      } catch {
        throw new UsageError(`--base-url "${baseUrl}" is not a URL`, 'Example: http://127.0.0.1:5080/vpbx/');
      }
    }
    const path = configPath(io.env);
    const config = await readConfig(path);
    const existed = name in config.profiles;
    config.profiles[name] = { apiKey, apiSalt, ...(baseUrl ? { baseUrl } : {}) };
    if (args.flag('default') || Object.keys(config.profiles).length === 1) config.defaultProfile = name;
    await writeConfig(path, config);
    if (json)
      writeJson(io.stdout, {
        name,
        saved: true,
        replaced: existed,
        default: config.defaultProfile === name,
        path,
      });
    else
      io.stdout.write(
        `${existed ? 'updated' : 'saved'} profile "${name}" in ${path}${config.defaultProfile === name ? ' (default)' : ''}\n`,
      );
    return undefined;
  },
};

/** `mangokit profile list`: the saved profiles, salts hidden. */
export const profileList: CommandDetails = {
  examples: ['mangokit profile list', 'mangokit profile list --json'],
  async run({ io, json }) {
    const path = configPath(io.env);
    const config = await readConfig(path);
    const rows = Object.entries(config.profiles).map(([name, p]) => ({
      name,
      apiKey: p.apiKey,
      baseUrl: p.baseUrl ?? null,
      default: config.defaultProfile === name,
    }));
    if (json) {
      writeJson(io.stdout, { path, profiles: rows });
      return undefined;
    }
    if (rows.length === 0) {
      io.stdout.write(
        `no profiles in ${path}\nAdd one: mangokit profile add work --api-key KEY --api-salt SALT\n`,
      );
      return undefined;
    }
    io.stdout.write(
      formatTable(rows, [
        { header: 'name', value: (r) => r.name },
        { header: 'default', value: (r) => (r.default ? '*' : '') },
        { header: 'api key', value: (r) => r.apiKey },
        { header: 'salt', value: () => '(set)' },
        { header: 'base url', value: (r) => r.baseUrl ?? '(Mango)' },
      ]),
    );
    return undefined;
  },
};

/** `mangokit profile remove`. */
export const profileRemove: CommandDetails = {
  positionals: [{ name: 'NAME', description: 'profile to delete' }],
  examples: ['mangokit profile remove work'],
  async run({ io, args, json }) {
    const name = args.requirePositional(0, 'NAME');
    await changeSavedProfile(io.env, name, (config) => {
      delete config.profiles[name];
      if (config.defaultProfile === name) delete config.defaultProfile;
    });
    if (json) writeJson(io.stdout, { name, removed: true });
    else io.stdout.write(`removed profile "${name}"\n`);
    return undefined;
  },
};

/** `mangokit profile use`: makes a profile the default. */
export const profileUse: CommandDetails = {
  positionals: [{ name: 'NAME', description: 'profile to use by default' }],
  examples: ['mangokit profile use work'],
  async run({ io, args, json }) {
    const name = args.requirePositional(0, 'NAME');
    await changeSavedProfile(io.env, name, (config) => {
      config.defaultProfile = name;
    });
    if (json) writeJson(io.stdout, { default: name });
    else io.stdout.write(`default profile is now "${name}"\n`);
    return undefined;
  },
};
