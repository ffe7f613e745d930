import { t } from '../i18n/index.js';
import type { CommandSpec, CompletionKind, OptionSpec, PositionalSpec } from './command.js';
import { COMPLETE_COMMAND, CREDENTIAL_OPTIONS, GLOBAL_OPTIONS } from './globalOptions.js';
import { optionText } from './commandHelp.js';
import { summaryOf } from './help.js';

/** Shells `mangokit completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
/** One of `SHELLS`. */
export type Shell = (typeof SHELLS)[number];

/** What a value completes to: fixed words, a lookup (`profile`, `extension`), paths, or nothing. */
type ValueCompletion = { words: readonly string[] } | { kind: CompletionKind };

function allOptions(cmd: CommandSpec): [string, OptionSpec][] {
  return Object.entries({
    ...(cmd.options ?? {}),
    ...(cmd.credentials ? CREDENTIAL_OPTIONS : {}),
    ...GLOBAL_OPTIONS,
  });
}

function completionOf(spec: OptionSpec | PositionalSpec): ValueCompletion {
  if (spec.values) return { words: spec.values };
  return { kind: spec.complete ?? 'none' };
}

/** `--name` and `-s` of every option that takes a value (the word after it is that value). */
function valueOptions(cmd: CommandSpec): string[] {
  return allOptions(cmd)
    .filter(([, s]) => s.type === 'string')
    .flatMap(([n, s]) => [`--${n}`, ...(s.short ? [`-${s.short}`] : [])]);
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

function topSummary(commands: readonly CommandSpec[], word: string): string {
  const direct = commands.find((c) => c.name === word);
  if (direct) return summaryOf(direct.name);
  return word === 'help' ? t().help.helpCommand : t().help.subcommands(word);
}

const quoteSingle = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A bash statement filling COMPREPLY for one value completion. */
function bashValue(v: ValueCompletion): string {
  if ('words' in v) return `COMPREPLY=($(compgen -W ${quoteSingle(v.words.join(' '))} -- "$cur"))`;
  switch (v.kind) {
    case 'file':
      return 'COMPREPLY=($(compgen -f -- "$cur"))';
    case 'dir':
      return 'COMPREPLY=($(compgen -d -- "$cur"))';
    case 'profile':
    case 'extension':
      return `_mangokit_lookup ${v.kind}`;
    default:
      return 'COMPREPLY=()';
  }
}

function bash(commands: readonly CommandSpec[]): string {
  const cases = commands
    .map((c) => {
      const opts = allOptions(c)
        .flatMap(([n, s]) => [`--${n}`, ...(s.short ? [`-${s.short}`] : [])])
        .join(' ');
      return `    ${quoteSingle(c.name)}) opts=${quoteSingle(opts)}; vopts=${quoteSingle(` ${valueOptions(c).join(' ')} `)}; words=${c.name.split(' ').length} ;;`;
    })
    .join('\n');
  const groups = groupsOf(commands)
    .map(
      (g) =>
        `    ${g})\n      if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W ${quoteSingle(subWords(commands, g).join(' '))} -- "$cur")); return; fi\n      key="${g} \${COMP_WORDS[2]}" ;;`,
    )
    .join('\n');
  const optionValues = commands
    .flatMap((c) =>
      allOptions(c)
        .filter(([, s]) => s.type === 'string')
        .flatMap(([n, s]) =>
          [`--${n}`, ...(s.short ? [`-${s.short}`] : [])].map(
            (flag) => `    ${quoteSingle(`${c.name}|${flag}`)}) ${bashValue(completionOf(s))}; return ;;`,
          ),
        ),
    )
    .join('\n');
  const positionals = commands
    .flatMap((c) =>
      (c.positionals ?? []).map(
        (p, i) => `    ${quoteSingle(`${c.name}|${i}`)}) ${bashValue(completionOf(p))}; return ;;`,
      ),
    )
    .join('\n');
  return `# mangokit bash completion. Install: mangokit completion bash > ~/.local/share/bash-completion/completions/mangokit
_mangokit_lookup() {
  local IFS=$'\\n' line values=()
  while IFS=$'\\t' read -r line _; do values+=("$line"); done < <(mangokit ${COMPLETE_COMMAND} "$1" "\${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)
  COMPREPLY=($(compgen -W "\${values[*]}" -- "$cur"))
}
_mangokit() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} key opts="" vopts=" " words=1
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
  case "$key|$prev" in
${optionValues}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  local i pos=0 skip=0
  for ((i = words + 1; i < COMP_CWORD; i++)); do
    if ((skip)); then skip=0; continue; fi
    case "$vopts" in *" \${COMP_WORDS[i]} "*) skip=1; continue ;; esac
    [[ \${COMP_WORDS[i]} == -* ]] && continue
    ((pos++))
  done
  case "$key|$pos" in
${positionals}
  esac
  COMPREPLY=()
}
complete -o filenames -F _mangokit mangokit
`;
}

const zshEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/'/g, `'\\''`);

/** A zsh statement offering one value completion. */
function zshValue(v: ValueCompletion): string {
  if ('words' in v)
    return `vals=(${v.words.map((w) => `'${zshEscape(w)}'`).join(' ')}); _describe 'value' vals`;
  switch (v.kind) {
    case 'file':
      return '_files';
    case 'dir':
      return '_files -/';
    case 'profile':
    case 'extension':
      return `_mangokit_lookup ${v.kind}`;
    default:
      return ':';
  }
}

function zsh(commands: readonly CommandSpec[]): string {
  const h = t().help;
  const top = topWords(commands).map((w) => `    '${zshEscape(w)}:${zshEscape(topSummary(commands, w))}'`);
  const groups = groupsOf(commands)
    .map((g) => {
      const subs = commands
        .filter((c) => c.name.startsWith(`${g} `))
        .map((c) => `'${zshEscape(c.name.split(' ')[1] as string)}:${zshEscape(summaryOf(c.name))}'`)
        .join(' ');
      return `    ${g})\n      if (( CURRENT == 3 )); then local -a subs; subs=(${subs}); _describe '${zshEscape(h.completionSubcommand)}' subs; return; fi\n      key="${g} \${words[3]}" ;;`;
    })
    .join('\n');
  const cases = commands
    .map((c) => {
      const opts = allOptions(c)
        .map(([n, s]) => `'--${zshEscape(n)}:${zshEscape(optionText(c.name, n, s))}'`)
        .join(' ');
      return `    '${c.name}') opts=(${opts}); vopts=(${valueOptions(c).join(' ')}); nwords=${c.name.split(' ').length} ;;`;
    })
    .join('\n');
  const optionValues = commands
    .flatMap((c) =>
      allOptions(c)
        .filter(([, s]) => s.type === 'string')
        .flatMap(([n, s]) =>
          [`--${n}`, ...(s.short ? [`-${s.short}`] : [])].map(
            (flag) => `    '${c.name}|${flag}') ${zshValue(completionOf(s))}; return ;;`,
          ),
        ),
    )
    .join('\n');
  const positionals = commands
    .flatMap((c) =>
      (c.positionals ?? []).map((p, i) => `    '${c.name}|${i}') ${zshValue(completionOf(p))}; return ;;`),
    )
    .join('\n');
  return `#compdef mangokit
# mangokit zsh completion. Install: mangokit completion zsh > "\${fpath[1]}/_mangokit"
_mangokit_lookup() {
  local -a vals
  vals=(\${(f)"$(mangokit ${COMPLETE_COMMAND} $1 \${words[2,CURRENT-1]} 2>/dev/null)"})
  vals=(\${vals//:/\\\\:})
  vals=(\${vals//$'\\t'/:})
  _describe 'value' vals
}
_mangokit() {
  local key i pos=0 skip=0 nwords=1
  local -a cmds opts vopts vals
  if (( CURRENT == 2 )); then
    cmds=(
${top.join('\n')}
    )
    _describe '${zshEscape(h.completionCommand)}' cmds
    return
  fi
  key=\${words[2]}
  case $key in
${groups}
  esac
  case $key in
${cases}
  esac
  case "$key|\${words[CURRENT-1]}" in
${optionValues}
  esac
  if [[ \${words[CURRENT]} == -* ]]; then
    _describe '${zshEscape(h.completionOption)}' opts
    return
  fi
  for (( i = nwords + 2; i < CURRENT; i++ )); do
    if (( skip )); then skip=0; continue; fi
    if (( \${vopts[(Ie)\${words[i]}]} )); then skip=1; continue; fi
    [[ \${words[i]} == -* ]] && continue
    (( pos++ ))
  done
  case "$key|$pos" in
${positionals}
  esac
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

/** The `complete` flags of one value completion in fish. */
function fishValue(v: ValueCompletion): string {
  if ('words' in v) return `-x -a ${fishQuote(v.words.join(' '))}`;
  switch (v.kind) {
    case 'file':
      return '-r -F';
    case 'dir':
      return `-x -a ${fishQuote('(__fish_complete_directories)')}`;
    case 'profile':
    case 'extension':
      return `-x -a ${fishQuote(`(__mangokit_lookup ${v.kind})`)}`;
    default:
      return '-x';
  }
}

function fish(commands: readonly CommandSpec[]): string {
  const lines = [
    '# mangokit fish completion. Install: mangokit completion fish > ~/.config/fish/completions/mangokit.fish',
    'complete -c mangokit -f',
    // The number of positionals already typed for a command of NWORDS words, given its value options.
    'function __mangokit_pos_is --argument-names nwords n',
    '  set -l words (commandline -opc)',
    '  set -l vopts $argv[3..-1]',
    '  set -l count 0',
    '  set -l skip 0',
    '  for w in $words[(math $nwords + 2)..-1]',
    '    if test $skip -eq 1; set skip 0; continue; end',
    '    if contains -- $w $vopts; set skip 1; continue; end',
    "    if string match -q -- '-*' $w; continue; end",
    '    set count (math $count + 1)',
    '  end',
    '  test $count -eq $n',
    'end',
    'function __mangokit_lookup --argument-names kind',
    `  mangokit ${COMPLETE_COMMAND} $kind (commandline -opc)[2..-1] 2>/dev/null`,
    'end',
  ];
  const groups = groupsOf(commands);
  for (const w of topWords(commands)) {
    lines.push(
      `complete -c mangokit -n __fish_use_subcommand -a ${fishQuote(w)} -d ${fishQuote(topSummary(commands, w))}`,
    );
  }
  for (const g of groups) {
    const subs = subWords(commands, g);
    for (const c of commands.filter((x) => x.name.startsWith(`${g} `))) {
      const sub = c.name.split(' ')[1] as string;
      lines.push(
        `complete -c mangokit -n ${fishQuote(`__fish_seen_subcommand_from ${g}; and not __fish_seen_subcommand_from ${subs.join(' ')}`)} -a ${fishQuote(sub)} -d ${fishQuote(summaryOf(c.name))}`,
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
      const value = s.type === 'string' ? ` ${fishValue(completionOf(s))}` : '';
      lines.push(
        `complete -c mangokit -n ${fishQuote(cond)} -l ${n}${s.short ? ` -s ${s.short}` : ''}${value} -d ${fishQuote(optionText(c.name, n, s))}`,
      );
    }
    const vopts = valueOptions(c).join(' ');
    (c.positionals ?? []).forEach((p, i) => {
      const v = completionOf(p);
      if ('kind' in v && v.kind === 'none') return;
      lines.push(
        `complete -c mangokit -n ${fishQuote(`${cond}; and __mangokit_pos_is ${words.length} ${i} ${vopts}`)} ${fishValue(v).replace(/^-x /, '').replace(/^-r /, '')}`,
      );
    });
  }
  return lines.join('\n') + '\n';
}

/** The completion script for `shell`, generated from the command table so it never drifts. */
export function completionScript(shell: Shell, commands: readonly CommandSpec[]): string {
  if (shell === 'bash') return bash(commands);
  if (shell === 'zsh') return zsh(commands);
  return fish(commands);
}
