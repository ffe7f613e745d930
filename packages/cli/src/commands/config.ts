import { configPath } from '../config/configFile.js';
import { resolveCredentials } from '../config/credentials.js';
import type { CommandDetails } from '../core/command.js';
import { formatFields, writeJson } from '../core/output.js';
import { t } from '../i18n/index.js';

/** The base URL used when none is configured (reference §1.1). */
export const DEFAULT_BASE_URL = 'https://app.mango-office.ru/vpbx/';

/** `mangokit config`: which credentials a command would use, and where each came from. */
export const configShow: CommandDetails = {
  credentials: true,
  examples: ['mangokit config', 'mangokit config --profile work', 'mangokit config --json'],
  async run({ io, args, json }) {
    const c = await resolveCredentials(args, io);
    const view = {
      apiKey: c.apiKey,
      apiKeyFrom: c.sources.apiKey,
      apiSalt: '(set)',
      apiSaltFrom: c.sources.apiSalt,
      baseUrl: c.baseUrl ?? DEFAULT_BASE_URL,
      baseUrlFrom: c.sources.baseUrl ?? 'default',
      configFile: configPath(io.env),
    };
    if (json) writeJson(io.stdout, view);
    else {
      const m = t().configShow;
      const source = (name: string) =>
        name === 'flags'
          ? m.sources.flags
          : name === 'environment'
            ? m.sources.environment
            : name.startsWith('profile ')
              ? m.sources.profile(name.slice('profile '.length))
              : name;
      io.stdout.write(
        formatFields({
          [m.labels.apiKey]: view.apiKey,
          [m.labels.apiKeyFrom]: source(view.apiKeyFrom),
          [m.labels.apiSalt]: m.set,
          [m.labels.apiSaltFrom]: source(view.apiSaltFrom),
          [m.labels.baseUrl]: view.baseUrl,
          [m.labels.baseUrlFrom]: c.sources.baseUrl ? source(c.sources.baseUrl) : m.default,
          [m.labels.configFile]: view.configFile,
        }),
      );
    }
    return undefined;
  },
};
