import { parseArgs } from 'node:util';
import type { Text } from '../i18n/index.js';
import type { CommandSpec, OptionSpec } from './command.js';
import { UsageError } from './errors.js';
import { CREDENTIAL_OPTIONS, GLOBAL_OPTIONS } from './globalOptions.js';
import { ParsedArgs } from './parsedArgs.js';

function toParseArgsOptions(options: Readonly<Record<string, OptionSpec>>) {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(options)) {
    out[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  return out;
}

/** A `node:util` parseArgs failure in the reader's language (its English text is good: kept as is). */
function parseArgsMessage(err: Error & { code?: string }): Text {
  const nodeText = err.message.replace(/\. To specify a positional argument.*$/s, '');
  const option = /'(-{1,2}[^' ]+)/.exec(err.message)?.[1];
  if (!option) return nodeText;
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return (m) => (m.lang === 'en' ? nodeText : m.usage.unknownOption(option));
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const takesNone = /does not take an argument/.test(err.message);
    return (m) =>
      m.lang === 'en'
        ? nodeText
        : takesNone
          ? m.usage.optionTakesNoValue(option)
          : m.usage.optionNeedsValue(option);
  }
  return nodeText;
}

/** Parses the arguments of one command with `node:util` parseArgs; bad input becomes a `UsageError`. */
export function parseCommandArgs(command: CommandSpec, rest: readonly string[]): ParsedArgs {
  const options = {
    ...GLOBAL_OPTIONS,
    ...(command.credentials ? CREDENTIAL_OPTIONS : {}),
    ...(command.options ?? {}),
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: toParseArgsOptions(options),
      allowPositionals: true,
      strict: command.strict ?? true,
    });
  } catch (err) {
    const name = command.name;
    throw new UsageError(parseArgsMessage(err as Error), (m) => m.usage.runHelpOptions(name));
  }
  return new ParsedArgs(command.name, parsed.positionals, parsed.values);
}

/** Checks the number of positionals against the spec; a `UsageError` names what is missing or extra. */
export function checkPositionals(command: CommandSpec, args: ParsedArgs): void {
  // A command that takes undeclared options (see `CommandDetails.strict`) cannot tell their values from arguments.
  if (command.strict === false) return;
  const specs = command.positionals ?? [];
  const required = specs.filter((p) => !p.optional);
  const name = command.name;
  if (args.positionals.length < required.length) {
    const missing = required.slice(args.positionals.length).map((p) => p.name);
    const usage = `mangokit ${name} ${specs.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(' ')}`;
    throw new UsageError(
      (m) => m.usage.missing(missing.join(m.usage.and)),
      (m) => m.usage.usageLine(usage, name),
    );
  }
  if (args.positionals.length > specs.length) {
    const extra = args.positionals.slice(specs.length);
    throw new UsageError(
      (m) => m.usage.unexpected(extra.length, extra.join(' ')),
      (m) => m.usage.runHelpArguments(name),
    );
  }
}
