import type { CommandName } from 'mangokit';
import { CODE, Check } from './check.js';
import type { ApiAnswer } from './http/answer.js';
import {
  employeeByExtension,
  employeeByExtensionOrNumber,
  groupByExtension,
  lineByNumberOrName,
} from './lookup.js';
import type { RouteInput, RouteTable } from './route.js';

/** Longest `command_id` and number parameters, bytes (reference §2). */
const MAX_ID = 128;

type Validator = (check: Check, input: RouteInput) => void;

function common(check: Check): void {
  check.str('command_id', { required: true, max: MAX_ID });
}

function sipHeaders(check: Check): void {
  check.obj('sip_headers');
}

/** SMS length limits: 612 Latin or 268 Cyrillic characters, 4 segments (reference §2.4). */
function smsTooLong(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: GSM-7 is the printable ASCII range here.
  const latin = /^[\x00-\x7f]*$/.test(text);
  return text.length > (latin ? 612 : 268);
}

/** Parameter rules of every command of reference §2. Checks that need live call state are the engine's. */
const VALIDATORS: Record<CommandName, Validator> = {
  callback(check, { ctx }) {
    common(check);
    const office = ctx.office();
    check.obj('from', { required: true });
    const ext = check.str('from.extension', { required: true, max: MAX_ID });
    // Employees without an extension cannot place a callback (reference §2.1).
    if (ext !== undefined && !employeeByExtension(office, ext))
      check.fail('from.extension', CODE.NUMBER_NOT_FOUND);
    check.str('from.number', { max: MAX_ID });
    check.str('to_number', { required: true, max: MAX_ID });
    const line = check.str('line_number', { max: MAX_ID });
    if (line !== undefined && !lineByNumberOrName(office, line))
      check.fail('line_number', CODE.LINE_NOT_OUTGOING);
    sipHeaders(check);
  },
  callback_group(check, { ctx }) {
    common(check);
    const office = ctx.office();
    const from = check.str('from', { required: true, max: MAX_ID });
    const to = check.str('to', { required: true, max: MAX_ID });
    // The doc marks line_number required; two libraries omit it — accept both (reference §2.2).
    const line = check.str('line_number', { max: MAX_ID });
    if (line !== undefined && !lineByNumberOrName(office, line))
      check.fail('line_number', CODE.LINE_NOT_OUTGOING);
    if (from !== undefined && to !== undefined) {
      const groups = [from, to].filter((n) => groupByExtension(office, n)).length;
      // Exactly one side must be a group short number (reference §2.2).
      if (groups !== 1) check.fail(groups === 0 ? 'to' : 'from', CODE.BAD_SUBSCRIBER);
    }
  },
  'call/hangup'(check) {
    common(check);
    check.str('call_id', { required: true });
  },
  sms(check, { ctx }) {
    common(check);
    const office = ctx.office();
    const text = check.str('text', { required: true });
    if (text !== undefined && smsTooLong(text)) check.fail('text', CODE.ABOVE);
    const ext = check.str('from_extension', { required: true });
    if (ext !== undefined && !employeeByExtension(office, ext))
      check.fail('from_extension', CODE.NUMBER_NOT_FOUND);
    const to = check.str('to_number', { required: true, max: MAX_ID });
    // Employee short numbers cannot receive SMS (reference §2.4).
    if (to !== undefined && (employeeByExtension(office, to) || groupByExtension(office, to))) {
      check.fail('to_number', CODE.BAD_SUBSCRIBER);
    }
    check.str('sms_sender', { max: MAX_ID });
  },
  'recording/start'(check, { ctx }) {
    common(check);
    check.str('call_id', { required: true });
    const party = check.str('call_party_number', { required: true, max: MAX_ID });
    if (party !== undefined && !employeeByExtensionOrNumber(ctx.office(), party)) {
      check.fail('call_party_number', CODE.NUMBER_NOT_FOUND);
    }
  },
  'play/start'(check, { ctx }) {
    common(check);
    check.str('call_id', { required: true });
    // An empty internal_id only waits after_play_time (reference §2.6).
    if (check.params.internal_id === undefined) check.fail('internal_id', CODE.REQUIRED);
    const id = check.params.internal_id === '' ? undefined : check.int('internal_id');
    if (id !== undefined && !ctx.office().audiofiles.some((a) => a.id === id))
      check.fail('internal_id', CODE.FILE_NOT_FOUND);
    check.int('after_play_time', { min: 0 });
  },
  route(check) {
    common(check);
    check.str('call_id', { required: true });
    check.str('to_number', { required: true, max: MAX_ID });
    sipHeaders(check);
  },
  transfer(check) {
    common(check);
    check.str('call_id', { required: true });
    check.str('method', { required: true, oneOf: ['blind', 'hold'] });
    check.str('to_number', { required: true, max: MAX_ID });
    check.str('initiator', { required: true, max: MAX_ID });
  },
  calls_connect(check) {
    common(check);
    check.str('holded_call_id', { required: true });
    check.str('transfer_initiator_number', { required: true, max: MAX_ID });
    check.str('transferred_call_id', { required: true });
  },
  transfer_cancel(check) {
    common(check);
    check.str('call_id', { required: true });
  },
  'call/hold/on'(check) {
    common(check);
    check.str('call_id', { required: true });
    check.str('initiator', { required: true, max: MAX_ID });
  },
};

function commandRoute(name: CommandName, validate: Validator) {
  return (input: RouteInput): ApiAnswer => {
    const check = new Check(input.params);
    validate(check, input);
    if (!check.ok) return check.answer();
    const ack = input.ctx.engine.command(name, input.params);
    const body: Record<string, unknown> = { result: ack.result };
    if (ack.fields) body.fields = ack.fields;
    body.command_id = String(input.params.command_id);
    return { status: 200, body };
  };
}

/** `/vpbx/commands/*` (reference §2). */
export const commandRoutes: RouteTable = Object.fromEntries(
  Object.entries(VALIDATORS).map(([name, validate]) => [
    `vpbx/commands/${name}`,
    commandRoute(name as CommandName, validate),
  ]),
);
