import { commandText, render, t } from '../i18n/index.js';
import type { CommandSpec, OptionSpec } from './command.js';
import { CREDENTIAL_OPTIONS, GLOBAL_OPTIONS } from './globalOptions.js';
import { optionBlock, sharedOptionText, summaryOf } from './help.js';

/** The help text of an option: the command's own, else the shared one, else the option's own. */
export function optionText(command: string, name: string, spec: OptionSpec): string {
  return commandText(command)?.options?.[name] ?? sharedOptionText(name, spec);
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
  const own = (name: string, spec: OptionSpec) => optionText(cmd.name, name, spec);
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
  if (cmd.options && Object.keys(cmd.options).length) parts.push(optionBlock(m.options, cmd.options, own));
  if (cmd.credentials) parts.push(optionBlock(m.credentials, CREDENTIAL_OPTIONS, own));
  parts.push(optionBlock(m.globalOptions, GLOBAL_OPTIONS, own));
  parts.push(`${m.examples}:\n` + cmd.examples.map((e) => `  ${render(e)}`).join('\n') + '\n');
  return parts.join('\n');
}
