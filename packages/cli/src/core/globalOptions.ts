import type { OptionSpec } from './command.js';

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'print JSON for scripts instead of readable tables' },
  help: { type: 'boolean', short: 'h', description: 'show help and examples for the command' },
};

/** Options of every command that talks to the API (flags win over everything else). */
export const CREDENTIAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  profile: { type: 'string', value: 'NAME', description: 'use a saved profile (see `mangokit profile`)' },
  'api-key': { type: 'string', value: 'KEY', description: 'API key (vpbx_api_key); env MANGO_API_KEY' },
  'api-salt': { type: 'string', value: 'SALT', description: 'API salt (signing secret); env MANGO_API_SALT' },
  'base-url': {
    type: 'string',
    value: 'URL',
    description: 'API base URL (default https://app.mango-office.ru/vpbx/); env MANGO_BASE_URL',
  },
  // Not --env-file: Node 20 claims that flag even after the script name and exits 9.
  dotenv: {
    type: 'string',
    value: 'FILE',
    description: 'read MANGO_* variables from this .env file (default ./.env)',
  },
};
