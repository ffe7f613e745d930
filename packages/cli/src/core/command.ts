import type { Text } from '../i18n/index.js';
import type { ExitCodeValue } from './exitCodes.js';
import type { CliIO } from './io.js';
import type { ParsedArgs } from './parsedArgs.js';

/**
 * What a shell completes for a value: fixed `values`, or one of these kinds, looked up when
 * completing (`profile`: saved profile names; `extension`: employee extensions from the active
 * profile's cache; `file`, `dir`: paths; `none`: nothing to offer).
 */
export type CompletionKind = 'file' | 'dir' | 'profile' | 'extension' | 'none';

/**
 * One `--option` of a command. Its help text is in the CLI's catalogue (`i18n/en.ts`), under the
 * command or among the shared options; `text` is for options defined outside the CLI.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given several times (`--set a=1 --set b=2`). */
  multiple?: boolean;
  /** Placeholder shown in help (`--line LINE`). */
  value?: string;
  /** The values a shell completes (and the only ones the command accepts, when it checks). */
  values?: readonly string[];
  /** How a shell completes the value when `values` are not fixed (default: files). */
  complete?: CompletionKind;
  /** Help text of an option the CLI's catalogue does not have, per language. */
  text?: { en: string; ru: string };
}

/** One positional argument of a command; its help text is in the catalogue (`args`). */
export interface PositionalSpec {
  name: string;
  optional?: boolean;
  /** The values a shell completes. */
  values?: readonly string[];
  /** How a shell completes it when `values` are not fixed (default: files). */
  complete?: CompletionKind;
}

/** Help sections commands are listed under. */
export type CommandGroup = 'Calls' | 'Messages' | 'Office' | 'Statistics' | 'Recordings' | 'Tools' | 'Setup';

/** What a command receives when it runs. */
export interface CommandContext {
  io: CliIO;
  args: ParsedArgs;
  /** `--json` was given: write machine-readable JSON to stdout and nothing else there. */
  json: boolean;
}

/**
 * What the main help and the dispatcher know of a command before its module is loaded. Its
 * summary is in the catalogue, under its name.
 */
export interface CommandSummary {
  /** `call`, or `recording download` for a subcommand. */
  name: string;
  group: CommandGroup;
}

/**
 * A command's arguments, options, examples and `run`: what its module exports, loaded only when
 * the command runs or its own help is shown.
 */
export interface CommandDetails {
  positionals?: readonly PositionalSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** Command lines shown under Examples; a comment after `#` is a text in the reader's language. */
  examples: readonly Text[];
  /** Uses the API credentials (shows the credential options in its help). */
  credentials?: boolean;
  /**
   * `false` accepts options the command does not declare (a command whose options come from a
   * package that is not installed still reaches `run`, which says what to install).
   */
  strict?: boolean;
  /** Help paragraphs built when shown (e.g. the scenario list of `trigger`), in the language in use. */
  moreHelp?(): string;
  run(ctx: CommandContext): Promise<ExitCodeValue | undefined>;
}

/** One row of the command table: the summary, and `load` importing the command's module. */
export interface CommandEntry extends CommandSummary {
  load(): Promise<CommandDetails>;
}

/** A loaded `mangokit` command: its help, its arguments and what it does. */
export interface CommandSpec extends CommandSummary, CommandDetails {}
