import type { Difference } from '../conformance/compare.js';
import type { CommandDetails } from '../core/command.js';
import { UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exitCodes.js';
import { writeJson } from '../core/output.js';
import { t } from '../i18n/index.js';

function show(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}

/** One difference as a line of the report. */
function differenceLine(d: Difference): string {
  const m = t().conformance;
  const what =
    d.kind === 'missing-event'
      ? m.onlyRecorded
      : d.kind === 'extra-event'
        ? m.onlySandbox
        : d.kind === 'missing-field'
          ? m.fieldOnlyRecorded(d.field ?? '', show(d.recorded))
          : d.kind === 'extra-field'
            ? m.fieldOnlySandbox(d.field ?? '', show(d.sandbox))
            : m.fieldDiffers(d.field ?? '', show(d.recorded), show(d.sandbox));
  return `  ${d.kind.padEnd(13)} ${d.path.padEnd(16)} ${d.where}: ${what}\n`;
}

/** `mangokit conformance FILE`: play a recording through the sandbox's engine and diff. */
export const conformance: CommandDetails = {
  positionals: [{ name: 'FILE' }],
  options: {
    also: { type: 'string', multiple: true, value: 'FILE' },
    'ignore-field': { type: 'string', multiple: true, value: 'NAME', complete: 'none' },
    tolerance: { type: 'string', value: 'SEC', complete: 'none' },
    'strict-types': { type: 'boolean' },
  },
  examples: [
    'mangokit conformance calls.jsonl',
    'mangokit conformance calls.jsonl --also api.jsonl --json',
    'mangokit conformance packages/cli/corpus/pdf-2017-callback.jsonl --ignore-field dct',
  ],
  async run({ io, args, json }) {
    const file = args.requirePositional(0, 'FILE');
    const files = [file, ...args.list('also')];
    const toleranceText = args.string('tolerance');
    const tolerance = toleranceText === undefined ? 1 : Number(toleranceText);
    if (!(tolerance >= 0)) throw new UsageError((m) => m.conformance.badTolerance(toleranceText ?? ''));
    const { readTrafficFiles } = await import('../replay/replay.js');
    const traffic = await readTrafficFiles(files, io.cwd);
    // Loaded on demand: the sandbox's engine is only needed here.
    const { runConformance } = await import('../conformance/run.js');
    const strictTypes = args.flag('strict-types');
    const report = await runConformance(traffic, {
      ignore: args.list('ignore-field'),
      toleranceSec: tolerance,
      strictTypes,
    });
    if (json) writeJson(io.stdout, { files, ...report });
    else {
      const m = t().conformance;
      let text =
        m.header(files, report.recorded.calls, report.recorded.notifications, report.compared) + m.played;
      for (const s of report.scenario) text += `  +${s.offset_sec.toFixed(1)}s  ${s.step}\n`;
      for (const n of report.notes) text += m.note(n);
      for (const n of report.unplayable) text += m.unplayable(n);
      for (const f of report.failures) text += m.failure(f.offset_sec.toFixed(1), f.step, f.error);
      // Numbers sent as strings are listed only when they count (--strict-types); --json has them all.
      const shown = report.differences.filter((d) => strictTypes || d.kind !== 'type');
      const types = report.differences.length - shown.length;
      if (shown.length > 0) text += m.differences(shown.length);
      for (const d of shown) text += differenceLine(d);
      text += report.matched
        ? m.matched(types)
        : m.differs(shown.length, types, report.unplayable.length, report.failures.length);
      io.stdout.write(text);
    }
    return report.matched ? ExitCode.Ok : ExitCode.Differs;
  },
};
