import type { CommandSpec } from '../core/command.js';
import { completionScript, SHELLS, type Shell } from '../core/completion.js';
import { UsageError } from '../core/errors.js';

/** `mangokit completion SHELL`, generated from the given command table. */
export function completionCommand(commands: () => readonly CommandSpec[]): CommandSpec {
  return {
    name: 'completion',
    group: 'Setup',
    summary: 'print a shell completion script (bash, zsh or fish)',
    positionals: [{ name: 'SHELL', description: 'bash, zsh or fish' }],
    examples: [
      'mangokit completion bash > ~/.local/share/bash-completion/completions/mangokit',
      'mangokit completion zsh > ~/.zsh/completions/_mangokit   # a directory in $fpath',
      'mangokit completion fish > ~/.config/fish/completions/mangokit.fish',
      'source <(mangokit completion bash)',
    ],
    async run({ io, args }) {
      const shell = args.requirePositional(0, 'SHELL');
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(`unsupported shell "${shell}"`, `Choose one of: ${SHELLS.join(', ')}.`);
      }
      io.stdout.write(completionScript(shell as Shell, commands()));
      return undefined;
    },
  };
}
