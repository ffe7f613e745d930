// `mangokit --help` and `--version` load this file, the command table, help.ts and the help
// catalogue of the language in use only (i18n/language.ts). The whole catalogue (i18n/index.ts), a
// command's help (commandHelp.ts), what a command needs to parse and run (parseCommand.ts, the
// command's module) and to report a failure (errors.ts, describeError.ts, output.ts) are imported
// on the way there.
import type { Language } from 'mangokit/protocol';
import type { Text } from '../i18n/index.js';
import { useHelpLanguage } from '../i18n/language.js';
import type { CommandEntry, CommandSpec, CommandSummary, OptionSpec } from './command.js';
import { ExitCode } from './exitCodes.js';
import { CREDENTIAL_OPTIONS, GLOBAL_OPTIONS } from './globalOptions.js';
import { mainHelp } from './help.js';
import type { CliIO } from './io.js';

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

/** Options that may come before the command name: the global and the credential ones. */
const LEADING_OPTIONS: Readonly<Record<string, OptionSpec>> = { ...GLOBAL_OPTIONS, ...CREDENTIAL_OPTIONS };

/**
 * Splits the global options written before the command (`mangokit --json --profile work users`)
 * from the rest, so they can be handed to the command as if written after it.
 */
export function leadingOptions(argv: readonly string[]): { options: string[]; rest: string[] } {
  const options: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] as string;
    const m = /^--([^=]+)(=.*)?$/.exec(word);
    const spec = m ? LEADING_OPTIONS[m[1] as string] : undefined;
    if (!m || !spec) break;
    options.push(word);
    i++;
    if (spec.type === 'string' && m[2] === undefined && i < argv.length) options.push(argv[i++] as string);
  }
  return { options, rest: argv.slice(i) };
}

/** The `--lang` value anywhere on the command line, if any (`--lang ru`, `--lang=ru`). */
function langFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') break;
    if (word === '--lang') found = argv[i + 1] ?? '';
    else if (word.startsWith('--lang=')) found = word.slice('--lang='.length);
  }
  return found;
}

/** What to say after an unknown command (its module is loaded only then). */
async function suggest(commands: readonly CommandSummary[], argv: readonly string[]): Promise<Text> {
  const { closest } = await import('./suggest.js');
  const word = argv[0] ?? '';
  const sub = commands.filter((c) => c.name.startsWith(`${word} `));
  if (sub.length) {
    const subs = sub.map((c) => c.name.split(' ')[1]).join(', ');
    return (m) => m.usage.needsSubcommand(word, subs);
  }
  const names = [...new Set(commands.map((c) => c.name.split(' ')[0] as string))];
  const best = closest(word, names);
  return best ? (m) => m.usage.didYouMean(best) : (m) => m.usage.runMainHelp;
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

/**
 * Prints a failure: a readable message and hint on stderr in the language in use, or with
 * `--json` a JSON object that is the same whatever the language: English `message`/`hint`, and
 * `message_ru`/`hint_ru` beside them (for an API error, the vendor's Russian text of its code).
 */
export async function reportError(io: CliIO, err: unknown, json: boolean): Promise<number> {
  // Loaded on the failure path only: it knows the SDK's error classes, which means loading the SDK.
  const [{ describeError }, { writeJson }, { sandboxLockout }, { catalogue, english, t }] = await Promise.all(
    [
      import('./describeError.js'),
      import('./output.js'),
      import('./sandboxProbe.js'),
      import('../i18n/index.js'),
    ],
  );
  // A 401 from a local sandbox: ask it whether the key is locked out, and until when.
  const status = err instanceof Error ? (err as { status?: unknown }).status : undefined;
  const lockout = status === 401 ? await sandboxLockout() : undefined;
  const context = lockout ? { lockedUntil: lockout.until } : {};
  const report = describeError(err, json ? english : t(), context);
  if (json) {
    const ru = describeError(err, await catalogue('ru'), context);
    writeJson(io.stderr, {
      error: {
        ...report,
        message_ru: ru.message,
        ...(ru.hint !== undefined ? { hint_ru: ru.hint } : {}),
      },
    });
  } else {
    const m = t();
    const code =
      report.result !== undefined && !report.message.includes(String(report.result))
        ? ` (${m.errors.resultCode} ${report.result})`
        : '';
    io.stderr.write(`${m.usage.error}: ${report.message}${code}\n`);
    if (report.hint) io.stderr.write(`${m.usage.hint}: ${report.hint}\n`);
  }
  if (io.env.MANGOKIT_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
  return report.exitCode;
}

/**
 * The language of this run: `--lang` (before or after the command), else `MANGOKIT_LANG`, else
 * the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) — the rule of mangokit/protocol. That module is
 * loaded only when a value could name Russian or `--lang` is given: an English run (and its
 * `--help`) starts without it.
 */
async function chooseLanguage(
  argv: readonly string[],
  env: CliIO['env'],
): Promise<{ lang: Language; badLang?: string }> {
  const flag = langFlag(argv);
  const values = [env.MANGOKIT_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  if (flag === undefined && !values.some((v) => v && /ru/i.test(v))) return { lang: 'en' };
  const { languageFromEnv, parseLang } = await import('mangokit/protocol');
  const fromEnv = languageFromEnv(env);
  if (flag === undefined) return { lang: fromEnv };
  const chosen = parseLang(flag);
  return chosen ? { lang: chosen } : { lang: fromEnv, badLang: flag };
}

/** Runs `mangokit` with `argv` (without the node and script paths); resolves to the exit code. */
export async function dispatch(
  commands: readonly CommandEntry[],
  argv: readonly string[],
  io: CliIO,
  version: string,
): Promise<number> {
  const json = argv.includes('--json');
  const { lang, badLang } = await chooseLanguage(argv, io.env);
  // Top-level help and the version need the help catalogue only; anything else, all of it.
  await useHelpLanguage(lang);
  const { options: leading, rest: words } = leadingOptions(argv);
  const first = words[0];
  const wantsHelp = leading.includes('--help') || leading.includes('-h');
  if (badLang === undefined) {
    if (
      first === undefined ||
      first === '--help' ||
      first === '-h' ||
      (wantsHelp && !findCommand(commands, words))
    ) {
      io.stdout.write(mainHelp(commands, version));
      return ExitCode.Ok;
    }
    if (first === '--version' || first === '-V' || first === '-v' || first === 'version') {
      io.stdout.write(json ? JSON.stringify({ version }) + '\n' : `${version}\n`);
      return ExitCode.Ok;
    }
  }
  const [{ useLanguage }, { commandHelp }] = await Promise.all([
    import('../i18n/index.js'),
    import('./commandHelp.js'),
  ]);
  await useLanguage(lang);
  if (badLang !== undefined) {
    const { UsageError } = await import('./errors.js');
    return reportError(io, new UsageError((m) => m.usage.badLang(badLang)), json);
  }
  if (first === 'help') {
    const found = findCommand(commands, words.slice(1));
    io.stdout.write(found ? commandHelp(await loadCommand(found.command)) : mainHelp(commands, version));
    return ExitCode.Ok;
  }
  const found = findCommand(commands, words);
  if (!found) {
    const groupHelp = commands.filter((c) => c.name.startsWith(`${first} `));
    if (
      groupHelp.length &&
      (words[1] === undefined || words[1] === '--help' || words[1] === '-h' || wantsHelp)
    ) {
      io.stdout.write((await loadCommands(groupHelp)).map((c) => commandHelp(c)).join('\n'));
      return words[1] === undefined && !wantsHelp ? ExitCode.Usage : ExitCode.Ok;
    }
    const name = words.slice(0, 2).join(' ');
    const { UsageError } = await import('./errors.js');
    return reportError(
      io,
      new UsageError((m) => m.usage.unknownCommand(name), await suggest(commands, words)),
      json,
    );
  }
  try {
    const [command, { checkPositionals, parseCommandArgs }] = await Promise.all([
      loadCommand(found.command),
      import('./parseCommand.js'),
    ]);
    // Options written before the command name go after it: parsed like the command's own.
    const args = parseCommandArgs(command, [...found.rest, ...leading]);
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
