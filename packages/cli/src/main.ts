import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands/index.js';
import { dispatch } from './core/dispatch.js';
import { COMPLETE_COMMAND } from './core/globalOptions.js';
import type { CliIO } from './core/io.js';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Set to package.json's version by the one-file bin's build (scripts/build.mjs); absent otherwise. */
declare const __MANGOKIT_CLI_VERSION__: string | undefined;

/** The CLI's version (from its package.json; the one-file bin has it written in at build time). */
export const VERSION =
  typeof __MANGOKIT_CLI_VERSION__ === 'string' ? __MANGOKIT_CLI_VERSION__ : readVersion();

/** Runs `mangokit` with `argv` (no node/script paths) against `io`; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  // Asked by a completion script on every Tab: values only (profiles, cached extensions), never an error.
  if (argv[0] === COMPLETE_COMMAND)
    return (await import('./config/completeValues.js')).runComplete(argv.slice(1), io);
  return dispatch(COMMANDS, argv, io, VERSION);
}
