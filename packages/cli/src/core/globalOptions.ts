import type { Language } from 'mangokit/protocol';
import type { OptionSpec } from './command.js';

/** The languages of `--lang` (mangokit/protocol's LANGUAGES, not imported: help loads this file). */
export const LANG_VALUES: readonly Language[] = ['en', 'ru'];

/** Options every command accepts, before or after its name. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean' },
  lang: { type: 'string', value: 'LANG', values: LANG_VALUES },
  help: { type: 'boolean', short: 'h' },
};

/** Options of every command that talks to the API (flags win over everything else). */
export const CREDENTIAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  profile: { type: 'string', value: 'NAME', complete: 'profile' },
  'api-key': { type: 'string', value: 'KEY', complete: 'none' },
  'api-salt': { type: 'string', value: 'SALT', complete: 'none' },
  'base-url': { type: 'string', value: 'URL', complete: 'none' },
  // Not --env-file: Node 20 claims that flag even after the script name and exits 9.
  dotenv: { type: 'string', value: 'FILE', complete: 'file' },
};

/**
 * The hidden command completion scripts run for values only known when completing: saved
 * profile names, employee extensions from the active profile's cache (`mangokit __complete KIND WORDS…`).
 */
export const COMPLETE_COMMAND = '__complete';
