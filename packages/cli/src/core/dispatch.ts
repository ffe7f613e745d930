// `mangokit --help` and `--version` load this file, the command table and help.ts only: what a
// command needs to parse and run (parseCommand.ts, the command's module) and to report a failure
// (errors.ts, describeError.ts, output.ts) is imported on the way there.
import type { CommandEntry, CommandSpec, CommandSummary } from './command.js';
import { ExitCode } from './exitCodes.js';
import { commandHelp, mainHelp } from './help.js';
import type { CliIO } from './io.js';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** Finds the command named by the leading words of argv (`recording download …`). */
export function findCommand<C extends CommandSummary>(
  commands: readonly C[],
  argv: readonly string[],
): { command: C; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command && argv.slice(0, words).every((w) => !w.startsWith('-'))) {
      return { command, rest: argv.slice(words) };
    }
  }
  return undefined;
}

function suggest(commands: readonly CommandSummary[], argv: readonly string[]): string {
  const word = argv[0] ?? '';
  const sub = commands.filter((c) => c.name.startsWith(`${word} `));
  if (sub.length) {
    return `\`${word}\` needs a subcommand: ${sub.map((c) => c.name.split(' ')[1]).join(', ')}.`;
  }
  const names = [...new Set(commands.map((c) => c.name.split(' ')[0] as string))];
  const best = names
    .map((n) => ({ n, d: distance(word, n) }))
    .sort((x, y) => x.d - y.d)
    .filter((x) => x.d <= Math.max(2, Math.floor(word.length / 3)));
  return best.length
    ? `Did you mean \`mangokit ${best[0]?.n}\`? Run \`mangokit --help\` for every command.`
    : 'Run `mangokit --help` for every command.';
}

/** Imports a command's module: the entry's summary with its arguments, options, examples and `run`. */
export async function loadCommand(entry: CommandEntry): Promise<CommandSpec> {
  const { load, ...summary } = entry;
  return { ...(await load()), ...summary };
}

/** Imports every command's module (completion scripts and the help tests need them all). */
export function loadCommands(entries: readonly CommandEntry[]): Promise<CommandSpec[]> {
  return Promise.all(entries.map(loadCommand));
}

/** Prints a failure: a readable message and hint on stderr, or a JSON object with `--json`. */
export async function reportError(io: CliIO, err: unknown, json: boolean): Promise<number> {
  // Loaded on the failure path only: it knows the SDK's error classes, which means loading the SDK.
  const [{ describeError }, { writeJson }] = await Promise.all([
    import('./describeError.js'),
    import('./output.js'),
  ]);
  const report = describeError(err);
  if (json) {
    writeJson(io.stderr, { error: report });
  } else {
    const code =
      report.result !== undefined && !report.message.includes(String(report.result))
        ? ` (result ${report.result})`
        : '';
    io.stderr.write(`error: ${report.message}${code}\n`);
    if (report.hint) io.stderr.write(`hint: ${report.hint}\n`);
  }
  if (io.env.MANGOKIT_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
  return report.exitCode;
}

/** Runs `mangokit` with `argv` (without the node and script paths); resolves to the exit code. */
export async function dispatch(
  commands: readonly CommandEntry[],
  argv: readonly string[],
  io: CliIO,
  version: string,
): Promise<number> {
  const json = argv.includes('--json');
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h') {
    io.stdout.write(mainHelp(commands, version));
    return ExitCode.Ok;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.stdout.write(json ? JSON.stringify({ version }) + '\n' : `${version}\n`);
    return ExitCode.Ok;
  }
  if (first === 'help') {
    const found = findCommand(commands, argv.slice(1));
    io.stdout.write(found ? commandHelp(await loadCommand(found.command)) : mainHelp(commands, version));
    return ExitCode.Ok;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    const groupHelp = commands.filter((c) => c.name.startsWith(`${first} `));
    if (groupHelp.length && (argv[1] === undefined || argv[1] === '--help' || argv[1] === '-h')) {
      io.stdout.write((await loadCommands(groupHelp)).map((c) => commandHelp(c)).join('\n'));
      return argv[1] === undefined ? ExitCode.Usage : ExitCode.Ok;
    }
    const { UsageError } = await import('./errors.js');
    return reportError(
      io,
      new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}"`, suggest(commands, argv)),
      json,
    );
  }
  try {
    const [command, { checkPositionals, parseCommandArgs }] = await Promise.all([
      loadCommand(found.command),
      import('./parseCommand.js'),
    ]);
    const args = parseCommandArgs(command, found.rest);
    if (args.flag('help')) {
      io.stdout.write(commandHelp(command));
      return ExitCode.Ok;
    }
    checkPositionals(command, args);
    const code = await command.run({ io, args, json: args.flag('json') });
    return code ?? ExitCode.Ok;
  } catch (err) {
    return reportError(io, err, json);
  }
}
