import type { CommandResult } from 'mangokit';
import type { CommandContext } from '../core/command.js';
import { writeJson } from '../core/output.js';

/** Prints a command acknowledgement: `{command_id, result}` as JSON, or a sentence saying what happens next. */
export function printAcknowledgement(ctx: CommandContext, what: string, res: CommandResult): undefined {
  if (ctx.json) writeJson(ctx.io.stdout, res);
  else {
    ctx.io.stdout.write(
      `${what}: accepted (result ${res.result})\ncommand_id: ${res.command_id}\n` +
        'The outcome arrives as a result/… notification; watch it with `mangokit listen`.\n',
    );
  }
  return undefined;
}
