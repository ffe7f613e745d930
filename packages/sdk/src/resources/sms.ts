import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { type CommandParams, type CommandResult, sendCommand } from './command.js';

/** `commands/sms` parameters (reference §2.4). */
export interface SmsParams extends CommandParams {
  /** ≤ 612 Latin or ≤ 268 Cyrillic characters. */
  text: string;
  /** Employee who sends (and is billed). */
  from_extension: string;
  to_number: string;
  /** Sender name allowed in the cabinet; invalid or empty → default. */
  sms_sender?: string;
}

/** SMS (reference §2.4); delivery arrives later as `events/sms`. */
export class SmsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Sends an SMS on behalf of an employee. */
  send(params: SmsParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/sms', params, ['text', 'from_extension', 'to_number'], options);
  }
}
