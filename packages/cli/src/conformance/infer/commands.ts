import { type Json, obj, type RecordedModel, str } from '../model.js';
import type { CommandStep } from '../steps.js';
import type { OfficeDraft } from './office.js';

/** The commands the integrator sent, as the recording's API exchanges hold them. */
export class RecordedCommands {
  /** Every `command_id` an exchange sent, answered or not, to any path. */
  readonly sentIds: Set<string>;
  /** Commands answered, to be sent again: each a step on the PBX's clock, in the order sent. */
  readonly steps: CommandStep[] = [];
  /** Legs a recorded command moved (route, transfer, hangup name them by `call_id`). */
  readonly movedLegs: Set<string>;
  private readonly byId = new Map<string, CommandStep>();

  constructor(model: RecordedModel) {
    this.sentIds = new Set(
      model.exchanges.flatMap((x) => {
        const id = str(sentJson(x.request.form?.json)?.command_id);
        return id ? [id] : [];
      }),
    );
    for (const x of model.exchanges) {
      const name = /(?:^|\/)commands\/(.+)$/.exec(x.path)?.[1];
      if (name === undefined || x.response === undefined) continue;
      const params = sentJson(x.request.form?.json);
      if (params === undefined) continue;
      const step: CommandStep = { kind: 'command', ms: pbxTimeOf(model, x.at), name, params: obj(params) };
      const id = str(step.params.command_id);
      if (id) this.byId.set(id, step);
      this.steps.push(step);
    }
    this.movedLegs = new Set(
      [...this.byId.values()].flatMap((s) =>
        typeof s.params.call_id === 'string' ? [s.params.call_id] : [],
      ),
    );
  }

  /** The recorded command with this `command_id`. */
  of(id: string | undefined): CommandStep | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Adds the employees the commands name (`from.extension`, `from_extension`) to the office. */
  addEmployees(office: OfficeDraft): void {
    for (const step of this.steps) {
      const ext = str(obj(step.params.from).extension) ?? str(step.params.from_extension);
      if (ext) office.employee(ext);
    }
  }
}

/** The form's `json` parsed; `{}` when there is none, `undefined` when it is not JSON. */
function sentJson(text: string | undefined): Json | undefined {
  try {
    return JSON.parse(text ?? '{}') as Json;
  } catch {
    return undefined;
  }
}

/**
 * When a command sent at `at` (the recorder's clock) happened on the PBX's clock: moved by the
 * recording's offset, and after every notification that arrived before it (timestamps are whole
 * seconds: a command sent after a hang-up must not be played before it).
 */
function pbxTimeOf(model: RecordedModel, at: string): number {
  const sent = Date.parse(at);
  const after = model.all
    .filter((n) => n.arrival <= sent)
    .reduce((max, n) => Math.max(max, n.ms + 1), Number.NEGATIVE_INFINITY);
  return Math.max(sent - model.offsetMs, after);
}
