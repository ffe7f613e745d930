import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands/index.js';
import { dispatch } from './core/dispatch.js';
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

/** The CLI's version (from its package.json). */
export const VERSION = readVersion();

/** Runs `mangokit` with `argv` (no node/script paths) against `io`; resolves to the exit code. */
export function main(argv: readonly string[], io: CliIO): Promise<number> {
  return dispatch(COMMANDS, argv, io, VERSION);
}
