import type { CallPartyFrom } from 'mangokit';
import { RESULT } from 'mangokit/protocol';
import type { Leg, Party } from '../model.js';
import type { EnginePorts } from '../ports/index.js';

/** A command's `json` parameters as the API layer passed them. */
export type Params = Record<string, unknown>;

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
 * One command: reads and checks its parameters now (shape errors land in `check`), and returns
 * the action that runs it once the shape is accepted, answering the `result/<name>` code.
 */
export type Handler = (k: CommandPorts, p: Params, check: FieldCheck, commandId: string) => () => number;

/** Collects per-field codes of a 3100 answer (reference §1.3). */
export class FieldCheck {
  readonly fields: Record<string, number> = {};

  str(p: Params, key: string, required = true): string | undefined {
    const v = p[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.fields[key] = RESULT.REQUIRED;
      return undefined;
    }
    if (typeof v === 'number') return String(v);
    if (typeof v !== 'string' || Buffer.byteLength(v) > 128) {
      this.fields[key] = RESULT.WRONG_FORMAT;
      return undefined;
    }
    return v;
  }

  ok(): boolean {
    return Object.keys(this.fields).length === 0;
  }
}

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
  // With no line given this matches the first line without a name (kept as it always was).
  const l = lines.find((x) => x.number === line || x.name === line);
  return l?.number ?? fallback ?? lines[0]?.number;
}
