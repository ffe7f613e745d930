import { callSpan, type Json, type RecordedModel, str } from './model.js';
import type { Step } from './steps.js';
import { inferCall } from './infer/calls.js';
import { RecordedCommands } from './infer/commands.js';
import type { Inference } from './infer/inference.js';
import { describeOffice, gatherParties, OfficeDraft } from './infer/office.js';

/** After the last recorded notification, the engine runs this long for what is still pending. */
export const SETTLE_MS = 120_000;

/** The scenario to play: an office made of the recording's parties, and the outside world's steps. */
export interface Scenario {
  /** Clock start: the first recorded PBX time. */
  startMs: number;
  /** Play the engine until this PBX time. */
  endMs: number;
  /** An office description for the sandbox's `validateOffice`. */
  office: Json;
  /** Employees whose phones are driven by the steps (manual), by extension. */
  manual: string[];
  steps: Step[];
  /** What was inferred and how (for the report). */
  notes: string[];
  /** What the sandbox cannot play (reported; the comparison then shows it). */
  unplayable: string[];
}

/**
 * Builds the scenario of a recording: who did what, and the office they did it in. The parties
 * come first (`infer/office.ts`), then the integrator's recorded commands (`infer/commands.ts`),
 * then each call's moves (`infer/calls.ts`, `infer/legs.ts`), which also fill in the office: the
 * lines' schemes (`infer/schemes.ts`), how phones and customers answer.
 */
export function inferScenario(model: RecordedModel): Scenario {
  const office = new OfficeDraft();
  gatherParties(model, office);
  const commands = new RecordedCommands(model);
  commands.addEmployees(office);
  const inf: Inference = {
    office,
    commands,
    steps: [...commands.steps],
    notes: [...model.timeNotes],
    unplayable: [],
  };
  for (const call of model.calls) inferCall(inf, call);
  inferOtherNotifications(model, inf);

  const times = model.all.map((n) => n.ms).concat(inf.steps.map((s) => s.ms));
  const startMs = times.length > 0 ? Math.min(...times) : Date.now();
  const endMs = (times.length > 0 ? Math.max(...times) : startMs) + SETTLE_MS;
  // Stable: same-time steps keep their inferred order (a call before its answer).
  const ordered = inf.steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.ms - b.s.ms || a.i - b.i)
    .map((x) => x.s);
  for (const c of model.calls) {
    if (!Number.isFinite(callSpan(c).start))
      inf.unplayable.push(`call ${c.order + 1}: no times to play it at`);
  }
  return {
    startMs,
    endMs,
    office: describeOffice(office),
    manual: office.manual(),
    steps: ordered,
    notes: inf.notes,
    unplayable: inf.unplayable,
  };
}

/**
 * Notifications about no call: the cabinet's pings are played; an `events/sms` or `result/*`
 * whose command the recording does not hold (nor a call it made) cannot be.
 */
function inferOtherNotifications(model: RecordedModel, inf: Inference): void {
  for (const other of model.others) {
    if (other.path === 'ping') inf.steps.push({ kind: 'ping', ms: other.ms });
    else if (other.path === 'events/sms') {
      const id = str(other.payload.command_id);
      if (!inf.commands.of(id))
        inf.unplayable.push(
          `events/sms of command ${id ?? '?'}: the recording has no commands/sms request to send again`,
        );
    } else if (other.path.startsWith('result/') && other.path !== 'result/stats') {
      const id = str(other.payload.command_id);
      if (
        id &&
        !inf.commands.sentIds.has(id) &&
        !model.calls.some((c) => c.legs.some((l) => l.events.some((e) => str(e.payload.command_id) === id)))
      ) {
        inf.unplayable.push(
          `${other.path} of command ${id}: the recording has neither the command nor a call it made`,
        );
      }
    }
  }
}
