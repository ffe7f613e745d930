/**
 * What the outside world does in a recorded scenario, as the sandbox is driven to replay it:
 * a customer calls, an employee dials or answers, someone hangs up, the integrator sends a
 * command. Everything else — IVR hand-over, hunting, ring timeouts, result notifications — is
 * the PBX's own doing, left to the sandbox's engine and compared.
 * Legs and calls are named by their recorded ids; the player maps them to the sandbox's.
 */
export type Step =
  | { kind: 'incoming'; ms: number; entry: string; from: string; line: string; sipCallId?: string }
  | { kind: 'dial'; ms: number; entry: string; extension: string; to: string; line?: string; device?: string }
  | {
      kind: 'command';
      ms: number;
      /** The recorded call this command starts (callback), if any. */
      entry?: string;
      name: string;
      params: Record<string, unknown>;
    }
  | { kind: 'answer'; ms: number; leg: string }
  | { kind: 'reject'; ms: number; leg: string }
  | { kind: 'hangup'; ms: number; leg: string; side: 'from' | 'to' }
  | { kind: 'employee-hangup'; ms: number; leg: string; extension: string }
  | { kind: 'caller-hangup'; ms: number; entry: string }
  | { kind: 'hold'; ms: number; leg: string; extension: string }
  | { kind: 'unhold'; ms: number; leg: string }
  | { kind: 'press'; ms: number; entry: string; digits: string }
  | { kind: 'transfer'; ms: number; leg: string; method: 'blind' | 'hold'; to: string; initiator: string }
  | { kind: 'ping'; ms: number };

/** A command the integrator sends. */
export type CommandStep = Extract<Step, { kind: 'command' }>;

/** Command parameters that name a leg by its recorded `call_id` (mapped to the sandbox's when played). */
export const LEG_PARAMS: readonly string[] = ['call_id', 'holded_call_id', 'transferred_call_id'];

/** Leg ids named by a step (for mapping); `ENTRY#abonent` names the entry's first abonent leg. */
export function stepLegs(step: Step): string[] {
  if ('leg' in step) return [step.leg];
  if (step.kind === 'command')
    return LEG_PARAMS.flatMap((k) => (typeof step.params[k] === 'string' ? [step.params[k] as string] : []));
  return [];
}

/** One line of the scenario as the report prints it. */
export function describeStep(step: Step, legName: (id: string) => string): string {
  switch (step.kind) {
    case 'incoming':
      return `${step.from} calls line ${step.line}${step.sipCallId ? ` (sip_call_id ${step.sipCallId})` : ''}`;
    case 'dial':
      return `${step.extension} dials ${step.to} from the phone${step.device ? ` ${step.device}` : ''}`;
    case 'command': {
      const params = { ...step.params };
      for (const key of LEG_PARAMS) {
        if (typeof params[key] === 'string') params[key] = legName(params[key] as string);
      }
      return `commands/${step.name} ${JSON.stringify(params)}`;
    }
    case 'answer':
      return `${legName(step.leg)} is answered`;
    case 'reject':
      return `${legName(step.leg)} is rejected`;
    case 'hangup':
      return `the ${step.side === 'from' ? 'caller' : 'called party'} of ${legName(step.leg)} hangs up`;
    case 'employee-hangup':
      return `${step.extension} hangs up ${legName(step.leg)}`;
    case 'caller-hangup':
      return 'the customer hangs up';
    case 'hold':
      return `${step.extension} puts ${legName(step.leg)} on hold`;
    case 'unhold':
      return `${legName(step.leg)} is taken off hold`;
    case 'press':
      return `the caller presses ${step.digits}`;
    case 'transfer':
      return `${step.initiator} transfers ${legName(step.leg)} to ${step.to} (${step.method === 'hold' ? 'consultative' : 'blind'})`;
    case 'ping':
      return 'the cabinet checks the connection (ping)';
  }
}
