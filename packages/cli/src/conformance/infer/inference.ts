import type { Step } from '../steps.js';
import type { RecordedCommands } from './commands.js';
import type { OfficeDraft } from './office.js';

/** What reading a recording's calls builds up, handed to each part that reads them. */
export interface Inference {
  /** Who and what the office holds, filled in as the calls show more. */
  readonly office: OfficeDraft;
  /** The integrator's commands the recording holds. */
  readonly commands: RecordedCommands;
  /** The outside world's moves, in the order inferred (the scenario sorts them by time). */
  readonly steps: Step[];
  /** What was inferred and how (for the report). */
  readonly notes: string[];
  /** What the sandbox cannot play (reported; the comparison then shows it). */
  readonly unplayable: string[];
}
