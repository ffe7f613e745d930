/*
 * DATA FILE — the parameters of every command of reference §2, one row per method path.
 * The SDK's parameter types and required checks, the sandbox's validation of
 * `/vpbx/commands/*` and `/_sandbox/commands/*`, and the engine's typed command parameters are
 * all derived from these rows: a new command is a new row. Checks that need an office (does this
 * employee, line or group exist) are the sandbox's, not the table's.
 */
import type { ParamsOf, ParamTable } from './spec.js';

/** `command_id` (reference §1.4, §2): the caller's correlation id, a string of at most 128 bytes. */
const MAX_ID_BYTES = 128;
/** Numbers and other short string parameters the reference limits (§2.1, §2.4, §2.7, §2.8). */
const MAX_NUMBER_BYTES = 128;
/** Values of `sip_headers` keys (reference §2.12). */
const MAX_SIP_HEADER_BYTES = 64;

const commandId = {
  /** Your correlation id (≤ 128 bytes), echoed in `result/*` and in `events/call` of the legs it creates. */
  command_id: { type: 'string', required: true, maxBytes: MAX_ID_BYTES },
} as const;

/** Every command of reference §2 by its path, with its parameters. */
export const COMMAND_SPECS = {
  /** Click-to-call: rings the employee, then dials `to_number` (reference §2.1). */
  'commands/callback': {
    ...commandId,
    /** Calling side. */
    from: {
      type: 'object',
      required: true,
      fields: {
        /** Employee's extension: rung first (employees without one cannot place a callback). */
        extension: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
        /** Ring the employee on this device instead of the default one. */
        number: { type: 'string', maxBytes: MAX_NUMBER_BYTES },
      },
    },
    /** Destination: extension, group short number or any number. */
    to_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** Outgoing line (caller ID); for SIP lines the line *name* from the cabinet. */
    line_number: { type: 'string', maxBytes: MAX_NUMBER_BYTES },
    /** `Call-Info/answer-after` e.g. `"0"` auto-answers (reference §2.12). */
    sip_headers: { type: 'sipHeaders', keys: ['Call-Info/answer-after'], maxBytes: MAX_SIP_HEADER_BYTES },
  },
  /** Call on behalf of a group: exactly one of `from`/`to` is a group short number (reference §2.2). */
  'commands/callback_group': {
    ...commandId,
    /** External number or group short number. */
    from: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** External number or group short number. */
    to: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** Line of the PBX to call from; the doc marks it required, two libraries omit it (§2.2). */
    line_number: { type: 'string', required: 'documented', maxBytes: MAX_NUMBER_BYTES },
  },
  /** Ends a leg (reference §2.3). */
  'commands/call/hangup': {
    ...commandId,
    /** The leg to end: `call_id` of `events/call`. */
    call_id: { type: 'string', required: true },
  },
  /** Sends an SMS on behalf of an employee (reference §2.4). */
  'commands/sms': {
    ...commandId,
    /** ≤ 612 Latin (GSM-7) or ≤ 268 other characters: four segments of 153 / 67. */
    text: { type: 'smsText', required: true },
    /** Employee who sends (and is billed). */
    from_extension: { type: 'string', required: true },
    /** Any number except employee short numbers. */
    to_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** Sender name allowed in the cabinet; invalid or empty → default. */
    sms_sender: { type: 'string', maxBytes: MAX_NUMBER_BYTES },
  },
  /** Starts recording a live call (reference §2.5). */
  'commands/recording/start': {
    ...commandId,
    /** The leg to record. */
    call_id: { type: 'string', required: true },
    /** Employee extension (preferred) or one of the employee's numbers. */
    call_party_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
  },
  /** Plays an audio file to a caller in IVR or queue (reference §2.6). */
  'commands/play/start': {
    ...commandId,
    /** The caller's leg. */
    call_id: { type: 'string', required: true },
    /** Audio file id from `audio.list()`; empty only waits `after_play_time`. */
    internal_id: { type: 'integer', required: true, emptyAllowed: true, acceptsString: true },
    /** Pause in seconds after playback before IVR processing continues. */
    after_play_time: { type: 'integer', min: 0 },
  },
  /** Re-routes a call in IVR/queue, or intercepts one ringing an employee (reference §2.7). */
  'commands/route': {
    ...commandId,
    /** The leg to re-route. */
    call_id: { type: 'string', required: true },
    /** New destination: extension, group short number or any number. */
    to_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** `From/display-name` (reference §2.12). */
    sip_headers: { type: 'sipHeaders', keys: ['From/display-name'], maxBytes: MAX_SIP_HEADER_BYTES },
  },
  /** Blind or consultative transfer of a connected leg (reference §2.8). */
  'commands/transfer': {
    ...commandId,
    /** The leg being transferred. */
    call_id: { type: 'string', required: true },
    /** `blind`, or `hold` (consultative). */
    method: { type: 'string', required: true, oneOf: ['blind', 'hold'] },
    /** Transfer target: extension, group short number or any number. */
    to_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** Value of one of the leg's from/to extension or number fields: the employee transferring. */
    initiator: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
  },
  /** Joins the held leg with the consult leg (reference §2.9). */
  'commands/calls_connect': {
    ...commandId,
    /** `call_id` of the `OnHold` event. */
    holded_call_id: { type: 'string', required: true },
    /** Number of the leg to keep (`from.number` of the consult leg's `Appeared`). */
    transfer_initiator_number: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
    /** `call_id` of the consult leg. */
    transferred_call_id: { type: 'string', required: true },
  },
  /** Cancels a transfer of a held leg (reference §2.10). */
  'commands/transfer_cancel': {
    ...commandId,
    /** `call_id` of the `OnHold` event. */
    call_id: { type: 'string', required: true },
  },
  /** Puts a call on hold (reference §2.11). */
  'commands/call/hold/on': {
    ...commandId,
    /** The leg to hold. */
    call_id: { type: 'string', required: true },
    /** Value of one of the leg's from/to extension or number fields: the employee holding. */
    initiator: { type: 'string', required: true, maxBytes: MAX_NUMBER_BYTES },
  },
} as const satisfies Record<`commands/${string}`, ParamTable>;

/** The path of a command (`commands/sms`). */
export type CommandPath = keyof typeof COMMAND_SPECS;

/** The commands that answer on `result/<command>` (§1.4): a command's path without `commands/`. */
export type CommandName = CommandPath extends `commands/${infer N}` ? N : never;

/** Every command name, in the reference's order. */
export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMAND_SPECS).map(
  (path) => path.slice('commands/'.length) as CommandName,
);

/**
 * A command's parameters once read and checked against its row (the sandbox, the engine):
 * strings are strings, integers numbers, `command_id` present. `CommandParams<'sms'>`.
 */
export type CommandParams<N extends CommandName> = ParamsOf<(typeof COMMAND_SPECS)[`commands/${N}`], 'read'>;

/**
 * A command's parameters as a caller sends them (the SDK's method parameter types):
 * `command_id` optional (the client generates one), documented-required fields required.
 */
export type CommandInput<N extends CommandName> = Simplify<
  Omit<ParamsOf<(typeof COMMAND_SPECS)[`commands/${N}`], 'send'>, 'command_id'> & {
    /** Your correlation id (≤ 128 bytes); a UUID is generated when absent. */
    command_id?: string;
  }
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
