import type { Traffic } from '../traffic/format.js';
import { compareNotifications, DIFFERENCE_KINDS, type Difference, type DifferenceKind } from './compare.js';
import { inferScenario } from './infer.js';
import { readModel } from './model.js';
import { playScenario } from './play.js';
import { describeStep } from './steps.js';

/** Options of `runConformance`. */
export interface ConformanceOptions {
  /** Fields left out of the comparison (leaf names or dotted paths). */
  ignore: readonly string[];
  toleranceSec: number;
  /** A number sent as a string (or the other way) counts as a difference. */
  strictTypes: boolean;
}

/** The outcome of `mangokit conformance`, as `--json` prints it. */
export interface ConformanceReport {
  matched: boolean;
  recorded: { calls: number; notifications: number };
  sandbox: { notifications: number };
  /** Notification paths compared: those the recording holds. */
  compared: string[];
  /** The scenario played: the outside world's moves at their recorded offsets. */
  scenario: Array<{ offset_sec: number; step: string }>;
  notes: string[];
  unplayable: string[];
  failures: Array<{ offset_sec: number; step: string; error: string }>;
  differences: Difference[];
  counts: Partial<Record<DifferenceKind, number>>;
}

/**
 * Plays a recording through the sandbox's engine and compares: infers the scenario (the office
 * and the outside world's moves), plays it on a manual clock from the recording's first time,
 * and lists where the sandbox's notifications differ.
 */
export async function runConformance(
  traffic: Traffic,
  options: ConformanceOptions,
): Promise<ConformanceReport> {
  const model = readModel(traffic);
  const scenario = inferScenario(model);
  const played = await playScenario(model, scenario);
  const differences = compareNotifications(model, played.emitted, played.mapping, {
    ignore: new Set(options.ignore),
    toleranceMs: options.toleranceSec * 1000,
  });
  const legNames = new Map(
    model.calls.flatMap((c) => c.legs.map((l, i) => [l.id, `call ${c.order + 1} leg ${i + 1}`] as const)),
  );
  const name = (id: string) => legNames.get(id) ?? (id.endsWith('#abonent') ? 'its leg' : id);
  const offset = (ms: number) => Math.round((ms - scenario.startMs) / 100) / 10;
  const counted = differences.filter((d) => options.strictTypes || d.kind !== 'type');
  const counts: Partial<Record<DifferenceKind, number>> = {};
  for (const kind of DIFFERENCE_KINDS) {
    const n = differences.filter((d) => d.kind === kind).length;
    if (n > 0) counts[kind] = n;
  }
  const compared = [...model.paths].sort();
  return {
    matched: counted.length === 0 && played.failures.length === 0 && scenario.unplayable.length === 0,
    recorded: { calls: model.calls.length, notifications: model.all.length },
    sandbox: { notifications: played.emitted.length },
    compared,
    scenario: scenario.steps.map((s) => ({ offset_sec: offset(s.ms), step: describeStep(s, name) })),
    notes: scenario.notes,
    unplayable: scenario.unplayable,
    failures: played.failures.map((f) => ({
      offset_sec: offset(f.step.ms),
      step: describeStep(f.step, name),
      error: f.error,
    })),
    differences,
    counts,
  };
}
