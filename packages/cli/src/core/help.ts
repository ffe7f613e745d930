import { commandText, language, render, t } from '../i18n/index.js';
import type { CommandGroup, CommandSpec, CommandSummary, OptionSpec } from './command.js';
import { CREDENTIAL_OPTIONS, GLOBAL_OPTIONS } from './globalOptions.js';

const GROUP_ORDER: readonly CommandGroup[] = [
  'Calls',
  'Messages',
  'Office',
  'Statistics',
  'Recordings',
  'Tools',
  'Setup',
];

/** A command's one-line summary in the language in use. */
export function summaryOf(name: string): string {
  return commandText(name)?.summary ?? '';
}

/** The help text of an option: the command's own, else the shared one, else the option's own. */
export function optionText(command: string | undefined, name: string, spec: OptionSpec): string {
  const own = command === undefined ? undefined : commandText(command)?.options?.[name];
  return own ?? (t().options as Record<string, string>)[name] ?? spec.text?.[language()] ?? '';
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `${short}--${name}${value}${spec.multiple ? ' …' : ''}`;
}

function optionBlock(
  title: string,
  command: string | undefined,
  options: Readonly<Record<string, OptionSpec>>,
): string {
  const entries = Object.entries(options);
  if (entries.length === 0) return '';
  const labels = entries.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length));
  return (
    `${title}:\n` +
    entries
      .map(([name, spec], i) => `  ${(labels[i] ?? '').padEnd(width)}  ${optionText(command, name, spec)}`)
      .join('\n') +
    '\n'
  );
}

/** The usage line of a command: `mangokit call EXTENSION NUMBER [options]`. */
export function usageLine(cmd: CommandSpec): string {
  const pos = (cmd.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name)).join(' ');
  return `mangokit ${cmd.name}${pos ? ` ${pos}` : ''} ${t().help.optionsPlaceholder}`;
}

/** Full help of one command: usage, arguments, options, global options, examples. */
export function commandHelp(cmd: CommandSpec): string {
  const m = t().help;
  const text = commandText(cmd.name);
  const parts: string[] = [
    `mangokit ${cmd.name} — ${summaryOf(cmd.name)}\n`,
    `${m.usage}:\n  ${usageLine(cmd)}\n`,
  ];
  if (text?.description) parts.push(text.description.trimEnd() + '\n');
  const more = cmd.moreHelp?.();
  if (more) parts.push(more.trimEnd() + '\n');
  const positionals = cmd.positionals ?? [];
  if (positionals.length) {
    const width = Math.max(...positionals.map((p) => p.name.length));
    parts.push(
      `${m.arguments}:\n` +
        positionals.map((p) => `  ${p.name.padEnd(width)}  ${text?.args?.[p.name] ?? ''}`).join('\n') +
        '\n',
    );
  }
  if (cmd.options && Object.keys(cmd.options).length)
    parts.push(optionBlock(m.options, cmd.name, cmd.options));
  if (cmd.credentials) parts.push(optionBlock(m.credentials, cmd.name, CREDENTIAL_OPTIONS));
  parts.push(optionBlock(m.globalOptions, cmd.name, GLOBAL_OPTIONS));
  parts.push(`${m.examples}:\n` + cmd.examples.map((e) => `  ${render(e)}`).join('\n') + '\n');
  return parts.join('\n');
}

/** Top-level help: every command by group, credentials, language, exit codes. */
export function mainHelp(commands: readonly CommandSummary[], version: string): string {
  const m = t().help;
  const width = Math.max(...commands.map((c) => c.name.length));
  const groups = GROUP_ORDER.map((g) => {
    const list = commands.filter((c) => c.group === g);
    if (!list.length) return '';
    return (
      `${m.groups[g]}:\n` +
      list.map((c) => `  ${c.name.padEnd(width)}  ${summaryOf(c.name)}`).join('\n') +
      '\n'
    );
  }).filter(Boolean);
  return [
    `${m.title(version)}\n`,
    `${m.usage}:\n  mangokit ${m.commandPlaceholder} ${m.argumentsPlaceholder} ${m.optionsPlaceholder}\n` +
      `  mangokit ${m.commandPlaceholder} --help\n`,
    ...groups,
    `${m.credentialOrder}\n`,
    optionBlock(m.globalOptions, undefined, GLOBAL_OPTIONS),
    `${m.language}\n`,
    `${m.exitCodes}\n`,
    `${m.examples}:\n` + m.mainExamples.map((e) => `  ${e}`).join('\n') + '\n',
  ].join('\n');
}
