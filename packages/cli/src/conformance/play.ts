import { CallEngine, validateOffice, VirtualClock } from '@mangokit/sandbox';
import type { CommandName } from 'mangokit';
import type { Scenario } from './infer.js';
import { CallMapping } from './mapping.js';
import type { Json, RecordedModel } from './model.js';
import { LEG_PARAMS, type Step, stepLegs } from './steps.js';

/** A notification the sandbox's engine sent while playing the scenario. */
export interface Emitted {
  path: string;
  payload: Json;
  /** Engine time, ms. */
  ms: number;
  index: number;
}

/** A step the engine refused (a leg it never made, a move its call's state does not allow). */
export interface StepFailure {
  step: Step;
  error: string;
}

/** What playing a scenario gave. */
export interface Played {
  emitted: Emitted[];
  mapping: CallMapping;
  failures: StepFailure[];
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Plays a scenario through the sandbox's call engine on a manual clock that starts at the
 * recording's first PBX time: each step at its recorded time, the engine doing the rest (IVR,
 * hunting, timeouts, results). Every notification the engine sends is kept with its time.
 */
export async function playScenario(model: RecordedModel, scenario: Scenario): Promise<Played> {
  const office = validateOffice(scenario.office, 'the office made from the recording');
  const clock = new VirtualClock({ mode: 'manual', startMs: scenario.startMs });
  const mapping = new CallMapping(model);
  const emitted: Emitted[] = [];
  const engine = new CallEngine({
    clock,
    office: () => office,
    seed: 1,
    sink: (path, payload) => {
      const p = payload as Json;
      mapping.observe(path, p);
      emitted.push({ path, payload: p, ms: clock.nowMs(), index: emitted.length });
    },
  });
  for (const ext of scenario.manual) engine.setManual(ext, true);
  const failures: StepFailure[] = [];
  const live = () =>
    [...engine.legs.values()].map((l) => ({
      call_id: l.call_id,
      entry_id: l.call.entry_id,
      location: l.location,
    }));
  const leg = (recorded: string): string => {
    const id = mapping.sandboxLeg(recorded, live());
    if (id === undefined)
      throw new Error(`the sandbox made no leg standing for the recorded leg ${recorded}`);
    return id;
  };
  const entry = (recorded: string): string => {
    const id = mapping.entriesBack.get(recorded);
    if (id === undefined)
      throw new Error(`the sandbox made no call standing for the recorded call ${recorded}`);
    return id;
  };

  for (const step of scenario.steps) {
    if (step.ms > clock.nowMs()) clock.advance(step.ms - clock.nowMs());
    try {
      apply(step);
    } catch (err) {
      failures.push({ step, error: (err as Error).message });
    }
    // result/* notifications go out right after the acknowledgement.
    await macrotask();
  }
  if (scenario.endMs > clock.nowMs()) clock.advance(scenario.endMs - clock.nowMs());
  await macrotask();
  engine.hangupAll();
  return { emitted, mapping, failures };

  function apply(step: Step): void {
    switch (step.kind) {
      case 'incoming':
        mapping.pendingEntry = step.entry;
        engine.incomingCall(step.from, step.line, { onRing: 'never' }, step.sipCallId);
        return;
      case 'dial':
        mapping.pendingEntry = step.entry;
        engine.employeeCall(step.extension, step.to, {
          ...(step.line !== undefined ? { line: step.line } : {}),
          ...(step.device !== undefined ? { device: step.device } : {}),
        });
        return;
      case 'command': {
        const params: Record<string, unknown> = { ...step.params };
        for (const key of LEG_PARAMS)
          if (typeof params[key] === 'string') params[key] = leg(params[key] as string);
        if (step.entry !== undefined) mapping.pendingEntry = step.entry;
        const ack = engine.command(step.name as CommandName, params);
        if (ack.result !== 1000) throw new Error(`commands/${step.name} was refused with ${ack.result}`);
        return;
      }
      case 'answer':
        engine.answer({ call_id: leg(step.leg) });
        return;
      case 'reject':
        engine.reject({ call_id: leg(step.leg) }, 1122);
        return;
      case 'hangup':
        engine.partyHangup({ call_id: leg(step.leg) }, step.side);
        return;
      case 'employee-hangup':
        engine.employeeHangup({ call_id: leg(step.leg) }, step.extension);
        return;
      case 'caller-hangup':
        engine.callerHangup({ entry_id: entry(step.entry) });
        return;
      case 'hold':
        engine.hold({ call_id: leg(step.leg) }, step.extension);
        return;
      case 'unhold':
        engine.unhold({ call_id: leg(step.leg) });
        return;
      case 'press':
        engine.callerPress({ entry_id: entry(step.entry) }, step.digits);
        return;
      case 'transfer': {
        const ack = engine.command('transfer', {
          command_id: `transfer-${step.leg}`,
          call_id: leg(step.leg),
          method: step.method,
          to_number: step.to,
          initiator: step.initiator,
        });
        if (ack.result !== 1000) throw new Error(`the transfer was refused with ${ack.result}`);
        return;
      }
      case 'ping':
        engine.ping();
        return;
    }
  }
}

/** The recorded legs a scenario's steps name (for the report's leg names). */
export function namedLegs(scenario: Scenario): Set<string> {
  return new Set(scenario.steps.flatMap(stepLegs));
}
