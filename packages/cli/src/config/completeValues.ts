import { CREDENTIAL_OPTIONS } from '../core/globalOptions.js';
import type { CliIO } from '../core/io.js';
import { ParsedArgs } from '../core/parsedArgs.js';
import { readEmployees } from './cache.js';
import { configPath, readConfig } from './configFile.js';
import { credentialLayers } from './credentials.js';

/**
 * The credential options among the words typed so far (`--profile work`, `--base-url=…`), so
 * completion looks at the account the command will use.
 */
function typedCredentials(words: readonly string[]): ParsedArgs {
  const values: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(words[i] as string);
    if (!m || !((m[1] as string) in CREDENTIAL_OPTIONS)) continue;
    const value = m[2] ?? words[i + 1];
    if (value !== undefined) values[m[1] as string] = value;
  }
  return new ParsedArgs('completion', [], values);
}

/**
 * Values a shell completes that are only known now, one per line as `value<TAB>description`:
 * `profile` — the saved profiles; `extension` — the employees of the account the typed command
 * would use (flags → profile → env → .env → default profile), from the cache `mangokit users`
 * fills. Never reaches the network; anything unreadable gives nothing.
 */
export async function completeValues(kind: string, words: readonly string[], io: CliIO): Promise<string[]> {
  if (kind === 'profile') {
    const config = await readConfig(configPath(io.env));
    return Object.entries(config.profiles).map(
      ([name, p]) => `${name}\t${p.baseUrl ?? 'https://app.mango-office.ru/vpbx/'}`,
    );
  }
  if (kind === 'extension') {
    const layers = await credentialLayers(typedCredentials(words), io);
    const apiKey = layers.find((l) => l.apiKey)?.apiKey;
    if (!apiKey) return [];
    const baseUrl = layers.find((l) => l.baseUrl)?.baseUrl;
    return (await readEmployees(io.env, { apiKey, baseUrl })).map((e) => `${e.extension}\t${e.name}`);
  }
  return [];
}

/** `mangokit __complete KIND WORDS…`: prints the values, one per line; never fails. */
export async function runComplete(argv: readonly string[], io: CliIO): Promise<number> {
  const lines = await completeValues(argv[0] ?? '', argv.slice(1), io).catch(() => []);
  io.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}
