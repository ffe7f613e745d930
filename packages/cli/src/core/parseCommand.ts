import { parseArgs } from 'node:util';
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
      strict: true,
    });
  } catch (err) {
    // parseArgs messages are good ("Unknown option '--lien'"); add where to look.
    const message = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message, `Run \`mangokit ${command.name} --help\` for its options and examples.`);
  }
  return new ParsedArgs(command.name, parsed.positionals, parsed.values);
}

/** Checks the number of positionals against the spec; a `UsageError` names what is missing or extra. */
export function checkPositionals(command: CommandSpec, args: ParsedArgs): void {
  const specs = command.positionals ?? [];
  const required = specs.filter((p) => !p.optional);
  if (args.positionals.length < required.length) {
    const missing = required.slice(args.positionals.length).map((p) => p.name);
    throw new UsageError(
      `missing ${missing.join(' and ')}`,
      `Usage: mangokit ${command.name} ${specs.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(' ')}. ` +
        `Run \`mangokit ${command.name} --help\` for examples.`,
    );
  }
  if (args.positionals.length > specs.length) {
    const extra = args.positionals.slice(specs.length);
    throw new UsageError(
      `unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`,
      `Run \`mangokit ${command.name} --help\` for its arguments.`,
    );
  }
}
