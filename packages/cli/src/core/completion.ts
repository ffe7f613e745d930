import type { CommandSpec, OptionSpec } from './command.js';
import { CREDENTIAL_OPTIONS, GLOBAL_OPTIONS } from './globalOptions.js';

/** Shells `mangokit completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
/** One of `SHELLS`. */
export type Shell = (typeof SHELLS)[number];

function allOptions(cmd: CommandSpec): [string, OptionSpec][] {
  return Object.entries({
    ...(cmd.options ?? {}),
    ...(cmd.credentials ? CREDENTIAL_OPTIONS : {}),
    ...GLOBAL_OPTIONS,
  });
}

function topWords(commands: readonly CommandSpec[]): string[] {
  return [...new Set(commands.map((c) => c.name.split(' ')[0] as string)), 'help'];
}

function subWords(commands: readonly CommandSpec[], top: string): string[] {
  return commands.filter((c) => c.name.startsWith(`${top} `)).map((c) => c.name.split(' ')[1] as string);
}

function groupsOf(commands: readonly CommandSpec[]): string[] {
  return [
    ...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0] as string)),
  ];
}

const quoteSingle = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(commands: readonly CommandSpec[]): string {
  const cases = commands
    .map((c) => {
      const opts = allOptions(c)
        .flatMap(([n, s]) => [`--${n}`, ...(s.short ? [`-${s.short}`] : [])])
        .join(' ');
      return `    ${quoteSingle(c.name)}) opts=${quoteSingle(opts)} ;;`;
    })
    .join('\n');
  const groups = groupsOf(commands)
    .map(
      (g) =>
        `    ${g})\n      if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W ${quoteSingle(subWords(commands, g).join(' '))} -- "$cur")); return; fi\n      key="${g} \${COMP_WORDS[2]}" ;;`,
    )
    .join('\n');
  return `# mangokit bash completion. Install: mangokit completion bash > ~/.local/share/bash-completion/completions/mangokit
_mangokit() {
  local cur=\${COMP_WORDS[COMP_CWORD]} key opts=""
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quoteSingle(topWords(commands).join(' '))} -- "$cur"))
    return
  fi
  key=\${COMP_WORDS[1]}
  case "$key" in
${groups}
  esac
  case "$key" in
${cases}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _mangokit mangokit
`;
}

const zshEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, `'\\''`);

function zsh(commands: readonly CommandSpec[]): string {
  const top = topWords(commands).map((w) => {
    const direct = commands.find((c) => c.name === w);
    const summary = direct?.summary ?? (w === 'help' ? 'show help for a command' : `${w} subcommands`);
    return `    '${zshEscape(w)}:${zshEscape(summary)}'`;
  });
  const groups = groupsOf(commands)
    .map((g) => {
      const subs = commands
        .filter((c) => c.name.startsWith(`${g} `))
        .map((c) => `'${zshEscape(c.name.split(' ')[1] as string)}:${zshEscape(c.summary)}'`)
        .join(' ');
      return `    ${g})\n      if (( CURRENT == 3 )); then local -a subs; subs=(${subs}); _describe 'subcommand' subs; return; fi\n      key="${g} \${words[3]}" ;;`;
    })
    .join('\n');
  const cases = commands
    .map((c) => {
      const opts = allOptions(c)
        .map(([n, s]) => `'--${zshEscape(n)}:${zshEscape(s.description)}'`)
        .join(' ');
      return `    '${c.name}') opts=(${opts}) ;;`;
    })
    .join('\n');
  return `#compdef mangokit
# mangokit zsh completion. Install: mangokit completion zsh > "\${fpath[1]}/_mangokit"
_mangokit() {
  local key
  local -a cmds opts
  if (( CURRENT == 2 )); then
    cmds=(
${top.join('\n')}
    )
    _describe 'command' cmds
    return
  fi
  key=\${words[2]}
  case $key in
${groups}
  esac
  case $key in
${cases}
  esac
  if [[ \${words[CURRENT]} == -* ]]; then
    _describe 'option' opts
  else
    _files
  fi
}
# Autoloaded from $fpath: complete now; sourced: register.
if [[ \${funcstack[1]} == _mangokit ]]; then
  _mangokit "$@"
else
  compdef _mangokit mangokit
fi
`;
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fish(commands: readonly CommandSpec[]): string {
  const lines = [
    '# mangokit fish completion. Install: mangokit completion fish > ~/.config/fish/completions/mangokit.fish',
    'complete -c mangokit -f',
  ];
  const groups = groupsOf(commands);
  for (const w of topWords(commands)) {
    const direct = commands.find((c) => c.name === w);
    const summary = direct?.summary ?? (w === 'help' ? 'show help for a command' : `${w} subcommands`);
    lines.push(`complete -c mangokit -n __fish_use_subcommand -a ${fishQuote(w)} -d ${fishQuote(summary)}`);
  }
  for (const g of groups) {
    const subs = subWords(commands, g);
    for (const c of commands.filter((x) => x.name.startsWith(`${g} `))) {
      const sub = c.name.split(' ')[1] as string;
      lines.push(
        `complete -c mangokit -n ${fishQuote(`__fish_seen_subcommand_from ${g}; and not __fish_seen_subcommand_from ${subs.join(' ')}`)} -a ${fishQuote(sub)} -d ${fishQuote(c.summary)}`,
      );
    }
  }
  for (const c of commands) {
    const words = c.name.split(' ');
    const cond =
      words.length === 2
        ? `__fish_seen_subcommand_from ${words[0]}; and __fish_seen_subcommand_from ${words[1]}`
        : `__fish_seen_subcommand_from ${words[0]}`;
    for (const [n, s] of allOptions(c)) {
      lines.push(
        `complete -c mangokit -n ${fishQuote(cond)} -l ${n}${s.short ? ` -s ${s.short}` : ''}${s.type === 'string' ? ' -r -F' : ''} -d ${fishQuote(s.description)}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** The completion script for `shell`, generated from the command table so it never drifts. */
export function completionScript(shell: Shell, commands: readonly CommandSpec[]): string {
  if (shell === 'bash') return bash(commands);
  if (shell === 'zsh') return zsh(commands);
  return fish(commands);
}
