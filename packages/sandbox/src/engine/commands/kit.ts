import type { CallPartyFrom } from 'mangokit';
import type { CommandName, CommandParams } from 'mangokit/protocol';
import type { Leg, Party } from '../model.js';
import type { EnginePorts } from '../ports/index.js';

/** What command handlers need. */
export type CommandPorts = Pick<
  EnginePorts,
  | 'clock'
  | 'directory'
  | 'presence'
  | 'legs'
  | 'notifier'
  | 'billing'
  | 'recorder'
  | 'dialer'
  | 'ivr'
  | 'smsReasons'
>;

/**
 * One command, run with its parameters already checked against its row of `COMMAND_SPECS`
 * (`CommandParams<N>`: required fields present, strings and numbers read); answers the
 * `result/<name>` code.
 */
export type Handler<N extends CommandName> = (k: CommandPorts, p: CommandParams<N>) => number;

/** The side of a leg whose wire fields carry `value` (transfer / hold `initiator`, reference §2.8). */
export function sideOf(leg: Leg, value: string): 'from' | 'to' | undefined {
  if (leg.from.extension === value || leg.from.number === value) return 'from';
  if (leg.to.extension === value || leg.to.number === value) return 'to';
  if (leg.a.extension === value || leg.a.number === value) return 'from';
  if (leg.b.extension === value || leg.b.number === value) return 'to';
  return undefined;
}

/** A party as a wire `from` (its extension and number), with `extra` fields. */
export function wireOf(p: Party, extra: CallPartyFrom = {}): CallPartyFrom {
  const w: CallPartyFrom = {};
  if (p.extension !== undefined) w.extension = p.extension;
  if (p.number !== undefined) w.number = p.number;
  return { ...w, ...extra };
}

/** `line_number` is absent or names a line of the office (by number or name). */
export function lineOk(k: Pick<CommandPorts, 'directory'>, line: string | undefined): boolean {
  return line === undefined || k.directory.line(line) !== undefined;
}

/** The number of the line a command names, else `fallback`, else the office's first line. */
export function lineNumber(
  k: Pick<CommandPorts, 'directory'>,
  line: string | undefined,
  fallback?: string,
): string | undefined {
  const lines = k.directory.office().lines;
  // A SIP line is named by its name, other lines by their number (reference §2.1); with no line
  // given the call goes out on the employee's outgoing line, else the office's first line.
  const l = line === undefined ? undefined : lines.find((x) => x.number === line || x.name === line);
  return l?.number ?? fallback ?? lines[0]?.number;
}
