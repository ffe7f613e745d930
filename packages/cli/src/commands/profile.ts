import { type ConfigFile, configPath, readConfig, writeConfig } from '../config/configFile.js';
import type { CommandDetails } from '../core/command.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { formatTable, writeJson } from '../core/output.js';
import { promptHidden, readStdinLine } from '../core/prompt.js';
import { t } from '../i18n/index.js';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function checkName(name: string): string {
  if (!NAME_RE.test(name)) {
    throw new UsageError(
      (m) => m.profile.badName(name),
      (m) => m.profile.nameRule,
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
    throw new ConfigError(
      (m) => m.profile.noProfile(name),
      (m) => m.profile.seeList,
    );
  }
  change(config);
  await writeConfig(path, config);
}

/** `mangokit profile add`: saves credentials under a name in the user's config file. */
export const profileAdd: CommandDetails = {
  positionals: [{ name: 'NAME', complete: 'profile' }],
  options: {
    'api-key': { type: 'string', value: 'KEY', complete: 'none' },
    'api-salt': { type: 'string', value: 'SALT', complete: 'none' },
    'base-url': { type: 'string', value: 'URL', complete: 'none' },
    default: { type: 'boolean' },
  },
  examples: [
    (m) => `mangokit profile add work --api-key abc123 --default   # ${m.profile.exampleHiddenSalt}`,
    'mangokit profile add work --api-key abc123 --api-salt - < salt.txt',
    'mangokit profile add local --api-key demo --api-salt demo --base-url http://127.0.0.1:5080/vpbx/',
  ],
  async run({ io, args, json }) {
    const name = checkName(args.requirePositional(0, 'NAME'));
    const apiKey = args.string('api-key') ?? io.env.MANGO_API_KEY;
    const saltFlag = args.string('api-salt');
    const baseUrl = args.string('base-url') ?? io.env.MANGO_BASE_URL;
    if (!apiKey) {
      throw new UsageError(
        (m) => m.profile.missing('--api-key'),
        (m) => m.profile.giveBoth,
      );
    }
    if (baseUrl) {
      try {
        new URL(baseUrl);
      } catch {
        throw new UsageError(
          (m) => m.usage.notUrl('--base-url', baseUrl),
          (m) => m.profile.baseUrlExample,
        );
      }
    }
    // The salt is a secret: typed at a hidden prompt or piped in, it stays out of the shell history.
    let apiSalt = saltFlag === '-' ? await readStdinLine(io) : (saltFlag ?? io.env.MANGO_API_SALT);
    if (!apiSalt && saltFlag === undefined && io.stdin?.isTTY)
      apiSalt = await promptHidden(io, t().profile.saltPrompt);
    if (!apiSalt) {
      throw new UsageError(
        (m) => (saltFlag === '-' ? m.profile.saltStdin : m.profile.missing('--api-salt')),
        (m) => m.profile.giveBoth,
      );
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
    else io.stdout.write(`${t().profile.saved(name, path, existed, config.defaultProfile === name)}\n`);
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
      io.stdout.write(`${t().profile.none(path)}\n`);
      return undefined;
    }
    const m = t().profile;
    io.stdout.write(
      formatTable(rows, [
        { header: m.headers.name, value: (r) => r.name },
        { header: m.headers.default, value: (r) => (r.default ? '*' : '') },
        { header: m.headers.apiKey, value: (r) => r.apiKey },
        { header: m.headers.salt, value: () => m.set },
        { header: m.headers.baseUrl, value: (r) => r.baseUrl ?? m.mango },
      ]),
    );
    return undefined;
  },
};

/** `mangokit profile remove`. */
export const profileRemove: CommandDetails = {
  positionals: [{ name: 'NAME', complete: 'profile' }],
  examples: ['mangokit profile remove work'],
  async run({ io, args, json }) {
    const name = args.requirePositional(0, 'NAME');
    await changeSavedProfile(io.env, name, (config) => {
      delete config.profiles[name];
      if (config.defaultProfile === name) delete config.defaultProfile;
    });
    if (json) writeJson(io.stdout, { name, removed: true });
    else io.stdout.write(`${t().profile.removed(name)}\n`);
    return undefined;
  },
};

/** `mangokit profile use`: makes a profile the default. */
export const profileUse: CommandDetails = {
  positionals: [{ name: 'NAME', complete: 'profile' }],
  examples: ['mangokit profile use work'],
  async run({ io, args, json }) {
    const name = args.requirePositional(0, 'NAME');
    await changeSavedProfile(io.env, name, (config) => {
      config.defaultProfile = name;
    });
    if (json) writeJson(io.stdout, { default: name });
    else io.stdout.write(`${t().profile.nowDefault(name)}\n`);
    return undefined;
  },
};
