import {
  type CommandName,
  type CommandParams,
  checkCommand,
  COMMAND_NAMES,
  type Loose,
  RESULT,
} from 'mangokit/protocol';
import type { Office } from '../office/types.js';
import { Check } from './check.js';
import { type ApiAnswer, fail } from './http/answer.js';
import {
  employeeByExtension,
  employeeByExtensionOrNumber,
  groupByExtension,
  lineByNumberOrName,
} from './lookup.js';
import type { RouteInput, RouteTable } from './route.js';

/**
 * The checks of a command that need the office (reference §2): the parameter shapes come from
 * the command's row in `COMMAND_SPECS`; these only look up what the values name. Each sees the
 * values that passed the shape check. Checks that need live call state are the engine's.
 */
type OfficeCheck<N extends CommandName> = (
  check: Check,
  params: Loose<CommandParams<N>>,
  office: Office,
) => void;

function outgoingLine(check: Check, office: Office, line: string | undefined): void {
  if (line !== undefined && !lineByNumberOrName(office, line))
    check.fail('line_number', RESULT.LINE_NOT_OUTGOING);
}

const OFFICE_CHECKS: { [N in CommandName]?: OfficeCheck<N> } = {
  callback(check, p, office) {
    const ext = p.from?.extension;
    // Employees without an extension cannot place a callback (reference §2.1).
    if (ext !== undefined && !employeeByExtension(office, ext))
      check.fail('from.extension', RESULT.NUMBER_NOT_FOUND);
    outgoingLine(check, office, p.line_number);
  },
  callback_group(check, p, office) {
    // The doc marks line_number required; two libraries omit it — accept both (reference §2.2).
    outgoingLine(check, office, p.line_number);
    if (p.from !== undefined && p.to !== undefined) {
      const groups = [p.from, p.to].filter((n) => groupByExtension(office, n)).length;
      // Exactly one side must be a group short number (reference §2.2).
      if (groups !== 1) check.fail(groups === 0 ? 'to' : 'from', RESULT.BAD_SUBSCRIBER_NUMBER);
    }
  },
  sms(check, p, office) {
    if (p.from_extension !== undefined && !employeeByExtension(office, p.from_extension))
      check.fail('from_extension', RESULT.NUMBER_NOT_FOUND);
    const to = p.to_number;
    // Employee short numbers cannot receive SMS (reference §2.4).
    if (to !== undefined && (employeeByExtension(office, to) || groupByExtension(office, to)))
      check.fail('to_number', RESULT.BAD_SUBSCRIBER_NUMBER);
  },
  'recording/start'(check, p, office) {
    const party = p.call_party_number;
    if (party !== undefined && !employeeByExtensionOrNumber(office, party))
      check.fail('call_party_number', RESULT.NUMBER_NOT_FOUND);
  },
  'play/start'(check, p, office) {
    const id = p.internal_id;
    // An empty internal_id only waits after_play_time (reference §2.6).
    if (id !== undefined && !office.audiofiles.some((a) => a.id === id))
      check.fail('internal_id', RESULT.FILE_NOT_FOUND);
  },
};

/**
 * Checks a command as the PBX does before accepting it: the shape of its parameters (its row in
 * `COMMAND_SPECS`: 3103 missing, 3104 wrong type, 3109 too long…) and what they name in the
 * office. Returns the error answer (one code per bad field, reference §1.3), or `undefined` when
 * the command may run. `/vpbx/commands/*` and `/_sandbox/commands/*` both answer with it.
 */
export function rejectCommand(
  name: CommandName,
  params: Record<string, unknown>,
  office: Office,
): { result: number; fields: Record<string, number> } | undefined {
  const shape = checkCommand(name, params);
  const check = new Check();
  for (const [field, code] of Object.entries(shape.fields)) check.fail(field, code);
  (OFFICE_CHECKS[name] as OfficeCheck<CommandName> | undefined)?.(check, shape.params, office);
  return check.ok ? undefined : check.rejection();
}

function commandRoute(name: CommandName) {
  return (input: RouteInput): ApiAnswer => {
    const rejected = rejectCommand(name, input.params, input.ctx.office());
    if (rejected) return fail(rejected.result, rejected.fields);
    const ack = input.ctx.engine.command(name, input.params);
    const body: Record<string, unknown> = { result: ack.result };
    if (ack.fields) body.fields = ack.fields;
    body.command_id = String(input.params.command_id);
    return { status: 200, body };
  };
}

/** `/vpbx/commands/*` (reference §2). */
export const commandRoutes: RouteTable = Object.fromEntries(
  COMMAND_NAMES.map((name) => [`vpbx/commands/${name}`, commandRoute(name)]),
);
