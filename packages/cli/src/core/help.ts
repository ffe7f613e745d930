import type { CommandGroup, CommandSpec, CommandSummary, OptionSpec } from './command.js';
import { EXIT_CODE_HELP } from './exitCodes.js';
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

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `${short}--${name}${value}${spec.multiple ? ' …' : ''}`;
}

function optionBlock(title: string, options: Readonly<Record<string, OptionSpec>>): string {
  const entries = Object.entries(options);
  if (entries.length === 0) return '';
  const labels = entries.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length));
  return (
    `${title}:\n` +
    entries.map(([, spec], i) => `  ${(labels[i] ?? '').padEnd(width)}  ${spec.description}`).join('\n') +
    '\n'
  );
}

/** The usage line of a command: `mangokit call EXTENSION NUMBER [options]`. */
export function usageLine(cmd: CommandSpec): string {
  const pos = (cmd.positionals ?? []).map((p) => (p.optional ? `[${p.name}]` : p.name)).join(' ');
  return `mangokit ${cmd.name}${pos ? ` ${pos}` : ''} [options]`;
}

/** Full help of one command: usage, arguments, options, global options, examples. */
export function commandHelp(cmd: CommandSpec): string {
  const parts: string[] = [`mangokit ${cmd.name} — ${cmd.summary}\n`, `Usage:\n  ${usageLine(cmd)}\n`];
  if (cmd.description) parts.push(cmd.description.trimEnd() + '\n');
  const positionals = cmd.positionals ?? [];
  if (positionals.length) {
    const width = Math.max(...positionals.map((p) => p.name.length));
    parts.push(
      'Arguments:\n' +
        positionals.map((p) => `  ${p.name.padEnd(width)}  ${p.description}`).join('\n') +
        '\n',
    );
  }
  if (cmd.options && Object.keys(cmd.options).length) parts.push(optionBlock('Options', cmd.options));
  if (cmd.credentials) parts.push(optionBlock('Credentials', CREDENTIAL_OPTIONS));
  parts.push(optionBlock('Global options', GLOBAL_OPTIONS));
  parts.push('Examples:\n' + cmd.examples.map((e) => `  ${e}`).join('\n') + '\n');
  return parts.join('\n');
}

/** Top-level help: every command by group, credentials, exit codes. */
export function mainHelp(commands: readonly CommandSummary[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const groups = GROUP_ORDER.map((g) => {
    const list = commands.filter((c) => c.group === g);
    if (!list.length) return '';
    return `${g}:\n` + list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') + '\n';
  }).filter(Boolean);
  return [
    `mangokit ${version} — the MANGO OFFICE Virtual PBX API from the shell\n`,
    'Usage:\n  mangokit COMMAND [arguments] [options]\n  mangokit COMMAND --help\n',
    ...groups,
    'Credentials (first found wins, per value):\n' +
      '  1. flags --api-key, --api-salt, --base-url\n' +
      '  2. --profile NAME (or MANGO_PROFILE) from the config file\n' +
      '  3. environment MANGO_API_KEY, MANGO_API_SALT, MANGO_BASE_URL\n' +
      '  4. a .env file in the current directory (or --dotenv FILE)\n' +
      '  5. the default profile ($XDG_CONFIG_HOME/mangokit/config.json or ~/.config/mangokit/config.json)\n',
    optionBlock('Global options', GLOBAL_OPTIONS),
    EXIT_CODE_HELP + '\n',
    'Examples:\n' +
      '  mangokit sandbox                                   # a local PBX with a demo office\n' +
      '  mangokit call 101 74950001122 --line 74950000666   # click-to-call\n' +
      '  mangokit history --from 2026-11-01 --to 2026-11-27 --csv > calls.csv\n' +
      '  mangokit archive --from 2026-11-01 --to 2026-11-27 --out ./recordings\n' +
      '  mangokit listen --port 8080 --forward-to http://localhost:3000/mango/\n',
  ].join('\n');
}
