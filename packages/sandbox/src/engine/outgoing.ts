import { wireOf, lineNumber } from './commands/kit.js';
import { NotFoundError } from './errors.js';
import { CONTROL_ERRORS } from '../i18n/messages.js';
import type { DialSpec } from './model.js';
import type { EnginePorts } from './ports/index.js';

/** What a call dialled from an employee's phone needs. */
export type OutgoingPorts = Pick<EnginePorts, 'directory' | 'legs' | 'dialer'>;

/**
 * An employee dials `to` from their own phone: no API command, so the legs carry no `command_id`
 * and no `callback_initiator` (reference §4.1; PDF-2017's first behaviour example, "Уведомление о
 * вызове"). An outside number goes out on `line` (else the employee's outgoing line, else the
 * office's first); an extension, a group or an employee's number make an internal call.
 */
export function startOutgoing(
  k: OutgoingPorts,
  extension: string,
  to: string,
  options: { line?: string; device?: string } = {},
): { entry_id: string; call_id: string } {
  const emp = k.directory.employeeByExtension(extension);
  if (!emp) throw new NotFoundError(CONTROL_ERRORS.noEmployee(extension));
  const target = k.directory.resolveTarget(to);
  const internal = target.kind !== 'number';
  const caller = k.directory.employeeParty(emp, options.device);
  const callTo: { extension?: string; number?: string } = { number: to };
  if (target.kind === 'employee' && target.employee.extension) callTo.extension = target.employee.extension;
  const lineNo = internal ? undefined : lineNumber(k, options.line, emp.outgoingline);
  const call = k.legs.newCall({
    direction: internal ? 0 : 2,
    caller,
    from: wireOf(caller),
    to: callTo,
    ...(lineNo !== undefined ? { line_number: lineNo } : {}),
  });
  const spec: DialSpec = {
    call,
    a: caller,
    from: wireOf(caller),
    target,
    allowQueue: false,
    onAnswered: () => {},
    onFailed: () => {},
  };
  if (lineNo !== undefined) spec.lineNumber = lineNo;
  k.dialer.dial(spec);
  const first = [...call.legs.values()][0];
  k.legs.maybeFinish(call);
  return { entry_id: call.entry_id, call_id: first?.call_id ?? '' };
}
