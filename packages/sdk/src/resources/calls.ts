import type { RequestOptions } from '../internal/requestOptions.js';
import type { RequestPipeline } from '../internal/pipeline.js';
import { type CommandParams, type CommandResult, sendCommand } from './command.js';

/** `sip_headers` of callback (reference §2.12): `Call-Info/answer-after` e.g. `"0"` auto-answers. */
export interface CallbackSipHeaders {
  'Call-Info/answer-after'?: string;
}

/** `sip_headers` of route (reference §2.12). */
export interface RouteSipHeaders {
  'From/display-name'?: string;
}

/** `commands/callback` parameters (reference §2.1). */
export interface CallbackParams extends CommandParams {
  from: {
    /** Employee's extension: rung first. */
    extension: string;
    /** Ring the employee on this device instead of the default one. */
    number?: string;
  };
  /** Destination: extension, group short number or any number. */
  to_number: string;
  /** Outgoing line (caller ID); for SIP lines the line *name* from the cabinet. */
  line_number?: string;
  sip_headers?: CallbackSipHeaders;
}

/** `commands/callback_group` parameters (reference §2.2): exactly one side is a group short number. */
export interface CallbackGroupParams extends CommandParams {
  from: string;
  to: string;
  /** Required by the vendor doc. */
  line_number: string;
}

/** `commands/call/hangup` parameters (reference §2.3). */
export interface HangupParams extends CommandParams {
  call_id: string;
}

/** `commands/route` parameters (reference §2.7) — also intercepts a ringing call. */
export interface RouteParams extends CommandParams {
  call_id: string;
  to_number: string;
  sip_headers?: RouteSipHeaders;
}

/** `commands/transfer` parameters (reference §2.8). */
export interface TransferParams extends CommandParams {
  call_id: string;
  method: 'blind' | 'hold';
  to_number: string;
  /** Value of one of the leg's from/to extension or number fields: the employee transferring. */
  initiator: string;
}

/** `commands/call/hold/on` parameters (reference §2.11). */
export interface HoldParams extends CommandParams {
  call_id: string;
  initiator: string;
}

/** `commands/calls_connect` parameters (reference §2.9). */
export interface ConnectParams extends CommandParams {
  holded_call_id: string;
  transfer_initiator_number: string;
  transferred_call_id: string;
}

/** `commands/transfer_cancel` parameters (reference §2.10). */
export interface CancelTransferParams extends CommandParams {
  call_id: string;
}

/** `commands/recording/start` parameters (reference §2.5). */
export interface StartRecordingParams extends CommandParams {
  call_id: string;
  /** Employee extension (preferred) or one of the employee's numbers. */
  call_party_number: string;
}

/** `commands/play/start` parameters (reference §2.6). */
export interface PlayParams extends CommandParams {
  call_id: string;
  /** Audio file id from `audio.list()`. */
  internal_id: number | string;
  /** Pause in seconds after playback before IVR processing continues. */
  after_play_time?: number;
}

/** Call-control commands (reference §2). Each returns `{ command_id, result }`. */
export class CallsResource {
  constructor(private readonly p: RequestPipeline) {}

  /** Click-to-call: rings the employee, then dials `to_number` (reference §2.1). */
  callback(params: CallbackParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/callback', params, ['from.extension', 'to_number'], options);
  }

  /** Call on behalf of a group (reference §2.2). */
  callbackGroup(params: CallbackGroupParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/callback_group', params, ['from', 'to', 'line_number'], options);
  }

  /** Ends a leg (reference §2.3). */
  hangup(params: HangupParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/call/hangup', params, ['call_id'], options);
  }

  /** Re-routes a call in IVR/queue, or intercepts one ringing an employee (reference §2.7). */
  route(params: RouteParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/route', params, ['call_id', 'to_number'], options);
  }

  /** Blind or consultative transfer of a connected leg (reference §2.8). */
  transfer(params: TransferParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(
      this.p,
      'commands/transfer',
      params,
      ['call_id', 'method', 'to_number', 'initiator'],
      options,
    );
  }

  /** Puts a call on hold (reference §2.11). */
  hold(params: HoldParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/call/hold/on', params, ['call_id', 'initiator'], options);
  }

  /** Joins the held leg with the consult leg (reference §2.9). */
  connect(params: ConnectParams, options?: RequestOptions): Promise<CommandResult> {
    const required = ['holded_call_id', 'transfer_initiator_number', 'transferred_call_id'];
    return sendCommand(this.p, 'commands/calls_connect', params, required, options);
  }

  /** Cancels a transfer of a held leg (reference §2.10). */
  cancelTransfer(params: CancelTransferParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/transfer_cancel', params, ['call_id'], options);
  }

  /** Starts recording a live call (reference §2.5); there is no stop command. */
  startRecording(params: StartRecordingParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/recording/start', params, ['call_id', 'call_party_number'], options);
  }

  /** Plays an audio file to a caller in IVR or queue (reference §2.6). */
  play(params: PlayParams, options?: RequestOptions): Promise<CommandResult> {
    return sendCommand(this.p, 'commands/play/start', params, ['call_id', 'internal_id'], options);
  }
}
