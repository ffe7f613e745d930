import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { CommandInput } from '../methods/commands.js';
import { type CommandResult, sendCommand } from './command.js';

/** `commands/sms` parameters (reference §2.4). */
export type SmsParams = CommandInput<'sms'>;

/** SMS (reference §2.4); delivery arrives later as `events/sms`. */
export class SmsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Sends an SMS on behalf of an employee. */
  send(params: SmsParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'sms', params, options);
  }
}
