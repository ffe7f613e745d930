// Top-level help: `mangokit --help` loads this file, the command table and the help catalogue of
// the language in use only. A command's own help (commandHelp.ts) loads with the whole catalogue.
import { helpTexts, language } from '../i18n/language.js';
import type { CommandGroup, CommandSummary, OptionSpec } from './command.js';
import { GLOBAL_OPTIONS } from './globalOptions.js';

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
  return (helpTexts().summaries as Record<string, string>)[name] ?? '';
}

/** The help text of an option several commands share (or one defined outside the CLI). */
export function sharedOptionText(name: string, spec: OptionSpec): string {
  return (helpTexts().options as Record<string, string>)[name] ?? spec.text?.[language()] ?? '';
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `${short}--${name}${value}${spec.multiple ? ' …' : ''}`;
}

/** A titled block of options, one a line: label, then `text(name, spec)`. */
export function optionBlock(
  title: string,
  options: Readonly<Record<string, OptionSpec>>,
  text: (name: string, spec: OptionSpec) => string,
): string {
  const entries = Object.entries(options);
  if (entries.length === 0) return '';
  const labels = entries.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length));
  return (
    `${title}:\n` +
    entries.map(([name, spec], i) => `  ${(labels[i] ?? '').padEnd(width)}  ${text(name, spec)}`).join('\n') +
    '\n'
  );
}

/** Top-level help: every command by group, credentials, language, exit codes. */
export function mainHelp(commands: readonly CommandSummary[], version: string): string {
  const m = helpTexts().help;
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
    optionBlock(m.globalOptions, GLOBAL_OPTIONS, sharedOptionText),
    `${m.language}\n`,
    `${m.exitCodes}\n`,
    `${m.examples}:\n` + m.mainExamples.map((e) => `  ${e}`).join('\n') + '\n',
  ].join('\n');
}
