import type { ExitCodeValue } from './exitCodes.js';
import type { CliIO } from './io.js';
import type { ParsedArgs } from './parsedArgs.js';

/** One `--option` of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** May be given several times (`--set a=1 --set b=2`). */
  multiple?: boolean;
  /** Placeholder shown in help (`--line LINE`). */
  value?: string;
  description: string;
}

/** One positional argument of a command. */
export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
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

/** What the main help and the dispatcher know of a command before its module is loaded. */
export interface CommandSummary {
  /** `call`, or `recording download` for a subcommand. */
  name: string;
  group: CommandGroup;
  summary: string;
}

/**
 * A command's arguments, options, examples and `run`: what its module exports, loaded only when
 * the command runs or its own help is shown.
 */
export interface CommandDetails {
  /** Extra help paragraphs. */
  description?: string;
  positionals?: readonly PositionalSpec[];
  options?: Readonly<Record<string, OptionSpec>>;
  examples: readonly string[];
  /** Uses the API credentials (shows the credential options in its help). */
  credentials?: boolean;
  run(ctx: CommandContext): Promise<ExitCodeValue | undefined>;
}

/** One row of the command table: the summary, and `load` importing the command's module. */
export interface CommandEntry extends CommandSummary {
  load(): Promise<CommandDetails>;
}

/** A loaded `mangokit` command: its help, its arguments and what it does. */
export interface CommandSpec extends CommandSummary, CommandDetails {}
