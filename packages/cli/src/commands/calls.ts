import type { CommandDetails, OptionSpec } from '../core/command.js';
import { createClient } from '../config/client.js';
import { UsageError } from '../core/errors.js';
import { printAcknowledgement } from './commandOutput.js';

const COMMAND_ID: Record<string, OptionSpec> = {
  'command-id': { type: 'string', value: 'ID', complete: 'none' },
};

function commandId(args: { string(name: string): string | undefined }): { command_id?: string } {
  const id = args.string('command-id');
  return id ? { command_id: id } : {};
}

/** `mangokit call`: click-to-call (commands/callback, reference §2.1). */
export const call: CommandDetails = {
  credentials: true,
  positionals: [
    { name: 'EXTENSION', complete: 'extension' },
    { name: 'NUMBER', complete: 'none' },
  ],
  options: {
    line: { type: 'string', value: 'LINE', complete: 'none' },
    device: { type: 'string', value: 'NUMBER', complete: 'none' },
    'auto-answer': { type: 'boolean' },
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
  credentials: true,
  positionals: [{ name: 'FROM' }, { name: 'TO' }],
  options: {
    line: {
      type: 'string',
      value: 'LINE',
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
        line_number: ctx.args.requireString('line', (m) => m.calls.lineToCallFrom),
      },
      options,
    );
    return printAcknowledgement(ctx, 'callback_group', res);
  },
};

/** `mangokit hangup` (commands/call/hangup, reference §2.3). */
export const hangup: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'CALL_ID' }],
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
  positionals: [{ name: 'CALL_ID' }, { name: 'TO_NUMBER' }],
  options: {
    'display-name': {
      type: 'string',
      value: 'TEXT',
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
  positionals: [{ name: 'CALL_ID' }, { name: 'TO_NUMBER' }],
  options: {
    initiator: { type: 'string', value: 'EXT', complete: 'extension' },
    consult: {
      type: 'boolean',
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
        initiator: ctx.args.requireString('initiator', (m) => m.calls.initiatorTransferring),
      },
      options,
    );
    return printAcknowledgement(ctx, 'transfer', res);
  },
};

/** `mangokit hold` (commands/call/hold/on, reference §2.11). */
export const hold: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'CALL_ID' }],
  options: {
    initiator: { type: 'string', value: 'EXT', complete: 'extension' },
    ...COMMAND_ID,
  },
  examples: ['mangokit hold MToxMDA2NzI6MTA0OjEw --initiator 101'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const res = await client.calls.hold(
      {
        ...commandId(ctx.args),
        call_id: ctx.args.requirePositional(0, 'CALL_ID'),
        initiator: ctx.args.requireString('initiator', (m) => m.calls.initiatorHolding),
      },
      options,
    );
    return printAcknowledgement(ctx, 'hold', res);
  },
};

/** `mangokit connect` (commands/calls_connect, reference §2.9). */
export const connect: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'HELD_CALL_ID' }, { name: 'CONSULT_CALL_ID' }],
  options: {
    initiator: {
      type: 'string',
      value: 'NUMBER',
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
        transfer_initiator_number: ctx.args.requireString('initiator', (m) => m.calls.legToKeep),
      },
      options,
    );
    return printAcknowledgement(ctx, 'calls_connect', res);
  },
};

/** `mangokit cancel-transfer` (commands/transfer_cancel, reference §2.10). */
export const cancelTransfer: CommandDetails = {
  credentials: true,
  positionals: [{ name: 'CALL_ID' }],
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
  positionals: [{ name: 'CALL_ID' }, { name: 'PARTY', complete: 'extension' }],
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
  positionals: [{ name: 'CALL_ID' }, { name: 'AUDIO_ID' }],
  options: {
    after: { type: 'string', value: 'SEC' },
    ...COMMAND_ID,
  },
  examples: ['mangokit play MToxMDA2NzI6MTA0OjEw 1000237176 --after 20'],
  async run(ctx) {
    const { client, options } = await createClient(ctx);
    const audio = ctx.args.requirePositional(1, 'AUDIO_ID');
    if (!/^\d+$/.test(audio)) throw new UsageError((m) => m.calls.audioNotNumber(audio));
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
  credentials: true,
  positionals: [{ name: 'EXTENSION', complete: 'extension' }, { name: 'NUMBER' }, { name: 'TEXT' }],
  options: {
    sender: { type: 'string', value: 'NAME' },
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
      throw new UsageError((m) => m.calls.smsTooLong(text.length, cyrillic));
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
