import type { CommandDetails, OptionSpec } from '../core/command.js';
import { createClient } from '../config/client.js';
import { UsageError } from '../core/errors.js';
import { printAcknowledgement } from './commandOutput.js';

const COMMAND_ID: Record<string, OptionSpec> = {
  'command-id': { type: 'string', value: 'ID', description: 'your correlation id (default: a new UUID)' },
};

function commandId(args: { string(name: string): string | undefined }): { command_id?: string } {
  const id = args.string('command-id');
  return id ? { command_id: id } : {};
}

/** `mangokit call`: click-to-call (commands/callback, reference §2.1). */
export const call: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'EXTENSION', description: 'employee extension to ring first, e.g. 101' },
    { name: 'NUMBER', description: 'number to dial: phone, extension or group short number' },
  ],
  options: {
    line: {
      type: 'string',
      value: 'LINE',
      description: 'outgoing line (caller ID); for SIP lines the line name',
    },
    device: {
      type: 'string',
      value: 'NUMBER',
      description: 'ring the employee on this device instead of the default',
    },
    'auto-answer': {
      type: 'boolean',
      description: "ask the employee's phone to answer at once (Call-Info/answer-after=0)",
    },
    ...COMMAND_ID,
  },
  examples: [
    'mangokit call 101 74950001122 --line 74950000666',
    'mangokit call 101 79260001122 --device 79161234567',
    'mangokit call 101 102 --json',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const { args } = ctx;
    const device = args.string('device');
    const line = args.string('line');
    const res = await client.calls.callback(
      {
        ...commandId(args),
        from: { extension: args.requirePositional(0, 'EXTENSION'), ...(device ? { number: device } : {}) },
        to_number: args.requirePositional(1, 'NUMBER'),
        ...(line ? { line_number: line } : {}),
        ...(args.flag('auto-answer') ? { sip_headers: { 'Call-Info/answer-after': '0' } } : {}),
      },
      options,
    );
    return printAcknowledgement(ctx, 'callback', res);
  },
};

/** `mangokit call-group` (commands/callback_group, reference §2.2). */
export const callGroup: CommandDetails = {
  description:
    'Exactly one of FROM and TO is a group short number. Group first (FROM=group): an operator\n' +
    'answers, then the client is dialled. Client first (TO=group): the client answers, then the group rings.',
  credentials: true,
  positionals: [
    { name: 'FROM', description: 'group short number or external number dialled first' },
    { name: 'TO', description: 'external number or group short number' },
  ],
  options: {
    line: {
      type: 'string',
      value: 'LINE',
      description: 'line of the PBX to call from (required by the vendor)',
    },
    ...COMMAND_ID,
  },
  examples: [
    'mangokit call-group 222 79260001122 --line 74950000666',
    'mangokit call-group 79260001122 222 --line 74950000666',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.callbackGroup(
      {
        ...commandId(ctx.args),
        from: ctx.args.requirePositional(0, 'FROM'),
        to: ctx.args.requirePositional(1, 'TO'),
        line_number: ctx.args.requireString('line', 'the line to call from, e.g. --line 74950000666'),
      },
      options,
    );
    return printAcknowledgement(ctx, 'callback_group', res);
  },
};

/** `mangokit hangup` (commands/call/hangup, reference §2.3). */
export const hangup: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'CALL_ID', description: 'leg id (call_id from events/call or `mangokit listen`)' }],
  options: COMMAND_ID,
  examples: ['mangokit hangup MToxMDA2NzI6MTA0OjEw'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.hangup(
      { ...commandId(ctx.args), call_id: ctx.args.requirePositional(0, 'CALL_ID') },
      options,
    );
    return printAcknowledgement(ctx, 'hangup', res);
  },
};

/** `mangokit route` (commands/route, reference §2.7). */
export const route: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'CALL_ID', description: 'leg to re-route' },
    { name: 'TO_NUMBER', description: 'extension, group short number or any number' },
  ],
  options: {
    'display-name': {
      type: 'string',
      value: 'TEXT',
      description: 'caller name shown to the new destination (From/display-name)',
    },
    ...COMMAND_ID,
  },
  examples: [
    'mangokit route MToxMDA2NzI6MTA0OjEw 102',
    'mangokit route MToxMDA2NzI6MTA0OjEw 222 --display-name "VIP client"',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const name = ctx.args.string('display-name');
    const res = await client.calls.route(
      {
        ...commandId(ctx.args),
        call_id: ctx.args.requirePositional(0, 'CALL_ID'),
        to_number: ctx.args.requirePositional(1, 'TO_NUMBER'),
        ...(name ? { sip_headers: { 'From/display-name': name } } : {}),
      },
      options,
    );
    return printAcknowledgement(ctx, 'route', res);
  },
};

/** `mangokit transfer` (commands/transfer, reference §2.8). */
export const transfer: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'CALL_ID', description: 'connected leg to transfer' },
    { name: 'TO_NUMBER', description: 'transfer target: extension, group short number or any number' },
  ],
  options: {
    initiator: {
      type: 'string',
      value: 'EXT',
      description: 'the employee transferring (their extension or number on the leg)',
    },
    consult: {
      type: 'boolean',
      description: 'consultative transfer (method "hold"): talk to the target first',
    },
    ...COMMAND_ID,
  },
  examples: [
    'mangokit transfer MToxMDA2NzI6MTA0OjEw 102 --initiator 101',
    'mangokit transfer MToxMDA2NzI6MTA0OjEw 102 --initiator 101 --consult',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.transfer(
      {
        ...commandId(ctx.args),
        call_id: ctx.args.requirePositional(0, 'CALL_ID'),
        to_number: ctx.args.requirePositional(1, 'TO_NUMBER'),
        method: ctx.args.flag('consult') ? 'hold' : 'blind',
        initiator: ctx.args.requireString('initiator', 'the extension of the employee transferring'),
      },
      options,
    );
    return printAcknowledgement(ctx, 'transfer', res);
  },
};

/** `mangokit hold` (commands/call/hold/on, reference §2.11). */
export const hold: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'CALL_ID', description: 'connected leg' }],
  options: {
    initiator: {
      type: 'string',
      value: 'EXT',
      description: 'the employee holding (their extension or number on the leg)',
    },
    ...COMMAND_ID,
  },
  examples: ['mangokit hold MToxMDA2NzI6MTA0OjEw --initiator 101'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.hold(
      {
        ...commandId(ctx.args),
        call_id: ctx.args.requirePositional(0, 'CALL_ID'),
        initiator: ctx.args.requireString('initiator', 'the extension of the employee holding'),
      },
      options,
    );
    return printAcknowledgement(ctx, 'hold', res);
  },
};

/** `mangokit connect` (commands/calls_connect, reference §2.9). */
export const connect: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'HELD_CALL_ID', description: 'call_id of the OnHold leg' },
    { name: 'CONSULT_CALL_ID', description: 'call_id of the consult leg that appeared after the hold' },
  ],
  options: {
    initiator: {
      type: 'string',
      value: 'NUMBER',
      description: 'number of the leg to keep (from.number of the consult leg)',
    },
    ...COMMAND_ID,
  },
  examples: ['mangokit connect HELDLEG== CONSULTLEG== --initiator 101'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.connect(
      {
        ...commandId(ctx.args),
        holded_call_id: ctx.args.requirePositional(0, 'HELD_CALL_ID'),
        transferred_call_id: ctx.args.requirePositional(1, 'CONSULT_CALL_ID'),
        transfer_initiator_number: ctx.args.requireString('initiator', 'the number of the leg to keep'),
      },
      options,
    );
    return printAcknowledgement(ctx, 'calls_connect', res);
  },
};

/** `mangokit cancel-transfer` (commands/transfer_cancel, reference §2.10). */
export const cancelTransfer: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'CALL_ID', description: 'call_id of the OnHold leg' }],
  options: COMMAND_ID,
  examples: ['mangokit cancel-transfer HELDLEG=='],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.cancelTransfer(
      { ...commandId(ctx.args), call_id: ctx.args.requirePositional(0, 'CALL_ID') },
      options,
    );
    return printAcknowledgement(ctx, 'transfer_cancel', res);
  },
};

/** `mangokit record` (commands/recording/start, reference §2.5). */
export const record: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'CALL_ID', description: 'the current leg' },
    { name: 'PARTY', description: "whom to record: the employee's extension (preferred) or number" },
  ],
  options: COMMAND_ID,
  examples: ['mangokit record MToxMDA2NzI6MTA0OjEw 101'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.startRecording(
      {
        ...commandId(ctx.args),
        call_id: ctx.args.requirePositional(0, 'CALL_ID'),
        call_party_number: ctx.args.requirePositional(1, 'PARTY'),
      },
      options,
    );
    return printAcknowledgement(ctx, 'recording/start', res);
  },
};

/** `mangokit play` (commands/play/start, reference §2.6). */
export const play: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'CALL_ID', description: 'leg in IVR or queue' },
    { name: 'AUDIO_ID', description: 'audio file id (see `mangokit api audiofiles`)' },
  ],
  options: {
    after: { type: 'string', value: 'SEC', description: 'pause after playback before the IVR continues' },
    ...COMMAND_ID,
  },
  examples: ['mangokit play MToxMDA2NzI6MTA0OjEw 1000237176 --after 20'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const audio = ctx.args.requirePositional(1, 'AUDIO_ID');
    if (!/^\d+$/.test(audio)) throw new UsageError(`AUDIO_ID must be a number, got "${audio}"`);
    const after = ctx.args.integer('after', 0, 3600);
    const res = await client.calls.play(
      {
        ...commandId(ctx.args),
        call_id: ctx.args.requirePositional(0, 'CALL_ID'),
        internal_id: Number(audio),
        ...(after !== undefined ? { after_play_time: after } : {}),
      },
      options,
    );
    return printAcknowledgement(ctx, 'play/start', res);
  },
};

/** `mangokit sms` (commands/sms, reference §2.4). */
export const sms: CommandDetails = {
  description: 'Up to 612 Latin or 268 Cyrillic characters. The delivery report arrives as events/sms.',
  credentials: true,
  positionals: [
    { name: 'EXTENSION', description: 'employee sending (and billed)' },
    { name: 'NUMBER', description: 'recipient' },
    { name: 'TEXT', description: 'message text (quote it)' },
  ],
  options: {
    sender: { type: 'string', value: 'NAME', description: 'sender name allowed in your account' },
    ...COMMAND_ID,
  },
  examples: [
    'mangokit sms 101 79260001122 "Your order is ready"',
    'mangokit sms 101 79260001122 "Код: 4821" --sender MyShop',
  ],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const text = ctx.args.requirePositional(2, 'TEXT');
    const cyrillic = /[\u0400-\u04FF]/.test(text);
    if (text.length > (cyrillic ? 268 : 612)) {
      throw new UsageError(
        `TEXT is ${text.length} characters; the limit is ${cyrillic ? '268 with Cyrillic' : '612 Latin'} characters`,
      );
    }
    const sender = ctx.args.string('sender');
    const res = await client.sms.send(
      {
        ...commandId(ctx.args),
        from_extension: ctx.args.requirePositional(0, 'EXTENSION'),
        to_number: ctx.args.requirePositional(1, 'NUMBER'),
        text,
        ...(sender ? { sms_sender: sender } : {}),
      },
      options,
    );
    return printAcknowledgement(ctx, 'sms', res);
  },
};
