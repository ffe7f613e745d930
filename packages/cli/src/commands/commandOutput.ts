import type { CommandResult } from 'mangokit';
import type { CommandContext } from '../core/command.js';
import { writeJson } from '../core/output.js';
import { t } from '../i18n/index.js';

/** Prints a command acknowledgement: `{command_id, result}` as JSON, or a sentence saying what happens next. */
export function printAcknowledgement(ctx: CommandContext, what: string, res: CommandResult): undefined {
  if (ctx.json) writeJson(ctx.io.stdout, res);
  else {
    ctx.io.stdout.write(t().calls.accepted(what, res.result, res.command_id));
  }
  return undefined;
}
