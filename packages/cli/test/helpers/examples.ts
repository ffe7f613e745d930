import type { CommandSpec } from '../../src/core/command.js';
import { findCommand } from '../../src/core/dispatch.js';
import { checkPositionals, parseCommandArgs } from '../../src/core/parseCommand.js';

/** Splits a shell example into words (quotes honoured), stopping at a pipe, redirection or comment. */
export function words(example: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/gy;
  for (let m = re.exec(example); m; m = re.exec(example)) {
    const word = m[1] ?? m[2] ?? (m[3] as string);
    if (m[3] !== undefined && /^(\||>|<|2>|#|&&|;)/.test(word)) break;
    out.push(word);
  }
  return out;
}

/**
 * Parses `mangokit …` words as the dispatcher would: the command exists, and so do its options,
 * with the number of positionals it takes. Throws the dispatcher's error otherwise.
 */
export function parseExample(commands: readonly CommandSpec[], argv: readonly string[]): CommandSpec {
  const found = findCommand(commands, argv);
  if (!found) throw new Error(`no command "${argv.slice(0, 2).join(' ')}"`);
  checkPositionals(found.command, parseCommandArgs(found.command, found.rest));
  return found.command;
}
