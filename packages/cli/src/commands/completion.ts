import type { CommandDetails, CommandEntry } from '../core/command.js';
import { completionScript, SHELLS, type Shell } from '../core/completion.js';
import { loadCommands } from '../core/dispatch.js';
import { UsageError } from '../core/errors.js';

/** `mangokit completion SHELL`, generated from the given command table (every command loaded). */
export function completionCommand(commands: () => readonly CommandEntry[]): CommandDetails {
  return {
    positionals: [{ name: 'SHELL', values: SHELLS }],
    examples: [
      'mangokit completion bash > ~/.local/share/bash-completion/completions/mangokit',
      (m) => `mangokit completion zsh > ~/.zsh/completions/_mangokit   # ${m.completion.exampleFpath}`,
      'mangokit completion fish > ~/.config/fish/completions/mangokit.fish',
      'source <(mangokit completion bash)',
    ],
    async run({ io, args }) {
      const shell = args.requirePositional(0, 'SHELL');
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(
          (m) => m.completion.unsupported(shell),
          (m) => m.completion.choose(SHELLS.join(', ')),
        );
      }
      io.stdout.write(completionScript(shell as Shell, await loadCommands(commands())));
      return undefined;
    },
  };
}
