/**
 * @mangokit/cli — the `mangokit` command line as a library: run it in-process (`main`), or
 * reuse its command table.
 */
export { COMMANDS } from './commands/index.js';
export type {
  CommandContext,
  CommandDetails,
  CommandEntry,
  CommandSpec,
  CommandSummary,
  OptionSpec,
  PositionalSpec,
} from './core/command.js';
export { loadCommand, loadCommands } from './core/dispatch.js';
export { ExitCode } from './core/exitCodes.js';
export type { CliIO, TextSink } from './core/io.js';
export { main, VERSION } from './main.js';
