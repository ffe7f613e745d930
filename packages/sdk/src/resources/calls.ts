import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import type { CommandInput } from '../methods/commands.js';
import { type CommandResult, sendCommand } from './command.js';

/** `sip_headers` of callback (reference §2.12): `Call-Info/answer-after` e.g. `"0"` auto-answers. */
export type CallbackSipHeaders = NonNullable<CallbackParams['sip_headers']>;

/** `sip_headers` of route (reference §2.12). */
export type RouteSipHeaders = NonNullable<RouteParams['sip_headers']>;

/** `commands/callback` parameters (reference §2.1). */
export type CallbackParams = CommandInput<'callback'>;

/** `commands/callback_group` parameters (reference §2.2): exactly one side is a group short number. */
export type CallbackGroupParams = CommandInput<'callback_group'>;

/** `commands/call/hangup` parameters (reference §2.3). */
export type HangupParams = CommandInput<'call/hangup'>;

/** `commands/route` parameters (reference §2.7) — also intercepts a ringing call. */
export type RouteParams = CommandInput<'route'>;

/** `commands/transfer` parameters (reference §2.8). */
export type TransferParams = CommandInput<'transfer'>;

/** `commands/call/hold/on` parameters (reference §2.11). */
export type HoldParams = CommandInput<'call/hold/on'>;

/** `commands/calls_connect` parameters (reference §2.9). */
export type ConnectParams = CommandInput<'calls_connect'>;

/** `commands/transfer_cancel` parameters (reference §2.10). */
export type CancelTransferParams = CommandInput<'transfer_cancel'>;

/** `commands/recording/start` parameters (reference §2.5). */
export type StartRecordingParams = CommandInput<'recording/start'>;

/** `commands/play/start` parameters (reference §2.6). */
export type PlayParams = CommandInput<'play/start'>;

/** Call-control commands (reference §2). Each returns `{ command_id, result }`. */
export class CallsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Click-to-call: rings the employee, then dials `to_number` (reference §2.1). */
  callback(params: CallbackParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'callback', params, options);
  }

  /** Call on behalf of a group (reference §2.2). */
  callbackGroup(params: CallbackGroupParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'callback_group', params, options);
  }

  /** Ends a leg (reference §2.3). */
  hangup(params: HangupParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'call/hangup', params, options);
  }

  /** Re-routes a call in IVR/queue, or intercepts one ringing an employee (reference §2.7). */
  route(params: RouteParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'route', params, options);
  }

  /** Blind or consultative transfer of a connected leg (reference §2.8). */
  transfer(params: TransferParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'transfer', params, options);
  }

  /** Puts a call on hold (reference §2.11). */
  hold(params: HoldParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'call/hold/on', params, options);
  }

  /** Joins the held leg with the consult leg (reference §2.9). */
  connect(params: ConnectParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'calls_connect', params, options);
  }

  /** Cancels a transfer of a held leg (reference §2.10). */
  cancelTransfer(params: CancelTransferParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'transfer_cancel', params, options);
  }

  /** Starts recording a live call (reference §2.5); there is no stop command. */
  startRecording(params: StartRecordingParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'recording/start', params, options);
  }

  /** Plays an audio file to a caller in IVR or queue (reference §2.6). */
  play(params: PlayParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'play/start', params, options);
  }
}
