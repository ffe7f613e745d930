import { configPath } from '../config/configFile.js';
import { resolveCredentials } from '../config/credentials.js';
import type { CommandDetails } from '../core/command.js';
import { formatFields, writeJson } from '../core/output.js';

/** The base URL used when none is configured (reference §1.1). */
export const DEFAULT_BASE_URL = 'https://app.mango-office.ru/vpbx/';

/** `mangokit config`: which credentials a command would use, and where each came from. */
export const configShow: CommandDetails = {
  description: 'The salt itself is never printed, only where it was found.',
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
    else io.stdout.write(formatFields(view));
    return undefined;
  },
};
