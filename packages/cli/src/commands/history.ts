import type { StatsField, StatsHistoryParams, StatsParty, StatsRow } from 'mangokit';
import { DEFAULT_STATS_FIELDS, STATS_FIELDS } from 'mangokit/protocol';
import type { CommandDetails, OptionSpec } from '../core/command.js';
import type { ParsedArgs } from '../core/parsedArgs.js';
import { createClient } from '../config/client.js';
import { formatMoscow, parseWhen } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { csvLine, formatDuration, formatTable } from '../core/output.js';

/** The period options shared by `history` and `archive`. */
export const PERIOD_OPTIONS: Record<string, OptionSpec> = {
  from: {
    type: 'string',
    value: 'DATE',
    description: 'start: 2026-11-01, "2026-11-01 09:00", ISO with zone, or Unix seconds (Moscow time)',
  },
  to: {
    type: 'string',
    value: 'DATE',
    description: 'end, inclusive (a bare date means the end of that day); default now',
  },
};

/** Reads `--from`/`--to` into Unix seconds, checking their order. */
export function readPeriod(args: ParsedArgs): { from: number; to: number } {
  const from = parseWhen('from', args.requireString('from', 'the start date, e.g. --from 2026-11-01'));
  const toText = args.string('to');
  const to = toText === undefined ? Math.floor(Date.now() / 1000) : parseWhen('to', toText, true);
  if (to < from) throw new UsageError('--to is before --from', 'Swap the dates.');
  return { from, to };
}

function party(extension: string | undefined, number: string | undefined): StatsParty | undefined {
  if (!extension && !number) return undefined;
  return { ...(extension ? { extension } : {}), ...(number ? { number } : {}) };
}

/** Builds `stats/request` filters from the history options (reference §3.1). */
export function readHistoryFilters(args: ParsedArgs): Pick<StatsHistoryParams, 'from' | 'to' | 'call_party'> {
  const callParty = party(args.string('extension'), args.string('number'));
  const from = party(args.string('from-extension'), args.string('from-number'));
  const to = party(args.string('to-extension'), args.string('to-number'));
  if (callParty && (from || to)) {
    throw new UsageError(
      '--extension/--number cannot be combined with --from-*/--to-* filters',
      'The PBX accepts either "either side" (call_party) or from/to filters (reference §3.1).',
    );
  }
  return {
    ...(callParty ? { call_party: callParty } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

const FILTER_OPTIONS: Record<string, OptionSpec> = {
  extension: { type: 'string', value: 'EXT', description: 'calls where this employee is either side' },
  number: { type: 'string', value: 'NUMBER', description: 'calls where this number is either side' },
  'from-extension': { type: 'string', value: 'EXT', description: 'calls made by this employee' },
  'from-number': { type: 'string', value: 'NUMBER', description: 'calls from this number' },
  'to-extension': { type: 'string', value: 'EXT', description: 'calls to this employee' },
  'to-number': { type: 'string', value: 'NUMBER', description: 'calls to this number' },
};

/** The vendor's default columns (reference §3.1), led by `entry_id` and with the recordings last. */
const DEFAULT_HISTORY_FIELDS: readonly StatsField[] = [
  'entry_id',
  ...DEFAULT_STATS_FIELDS.filter((f) => f !== 'records'),
  'records',
];

function readFields(args: ParsedArgs): StatsField[] {
  const text = args.string('fields');
  if (!text) return [...DEFAULT_HISTORY_FIELDS];
  const fields = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = fields.filter((f) => !(STATS_FIELDS as readonly string[]).includes(f));
  if (unknown.length) {
    throw new UsageError(
      `unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      `Known: ${STATS_FIELDS.join(', ')}.`,
    );
  }
  return fields as StatsField[];
}

function who(extension: string | undefined, number: string | undefined): string {
  if (extension && number) return `${extension} (${number})`;
  return extension || number || '';
}

/** `mangokit history` (stats/request → stats/result, reference §3.1). */
export const history: CommandDetails = {
  description:
    'Asks the PBX to prepare the statistics, waits until they are ready (the vendor asks to poll\n' +
    'no more often than every 5 s) and streams the rows. Periods over a month are split.\n' +
    'Times are Moscow time.',
  credentials: true,
  options: {
    ...PERIOD_OPTIONS,
    ...FILTER_OPTIONS,
    fields: {
      type: 'string',
      value: 'LIST',
      description: `columns, comma-separated (${STATS_FIELDS.join(',')})`,
    },
    csv: { type: 'boolean', description: 'write CSV (header + one line per leg) to stdout' },
  },
  examples: [
    'mangokit history --from 2026-11-01 --to 2026-11-27',
    'mangokit history --from 2026-11-01 --to 2026-11-27 --csv > november.csv',
    'mangokit history --from 2026-11-20 --extension 101 --json',
    'mangokit history --from "2026-11-27 09:00" --to "2026-11-27 18:00" --to-number 74950000666',
  ],
  async run(ctx) {
    const { args, io } = ctx;
    const csv = args.flag('csv');
    if (csv && ctx.json) throw new UsageError('choose one of --csv and --json');
    const period = readPeriod(args);
    const filters = readHistoryFilters(args);
    const fields = readFields(args);
    const { client, options } = await createClient(ctx);
    if (io.stderr.isTTY) io.stderr.write('waiting for the PBX to prepare the statistics…\n');
    const rows = client.stats.history(
      { date_from: period.from, date_to: period.to, fields, ...filters },
      options,
    );
    if (csv) {
      io.stdout.write(csvLine(fields));
      for await (const row of rows) {
        io.stdout.write(
          csvLine(
            fields.map((f) => (f === 'records' ? (row.records ?? []).join(' ') : row[f as keyof StatsRow])),
          ),
        );
      }
      return undefined;
    }
    if (ctx.json) {
      // Streamed array: memory stays flat however long the period. Valid JSON or nothing: the
      // '[' waits for the PBX's first answer (a failed request prints nothing), and a failure
      // after rows were printed still closes the array (the exit code reports the failure).
      const it = rows[Symbol.asyncIterator]();
      let next = await it.next();
      let first = true;
      io.stdout.write('[');
      try {
        while (!next.done) {
          io.stdout.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(next.value)}`);
          first = false;
          next = await it.next();
        }
      } finally {
        io.stdout.write(first ? ']\n' : '\n]\n');
      }
      return undefined;
    }
    const all: StatsRow[] = [];
    for await (const row of rows) all.push(row);
    if (all.length === 0) {
      io.stdout.write(
        `no calls between ${formatMoscow(period.from)} and ${formatMoscow(period.to)} (Moscow time)\n`,
      );
      return undefined;
    }
    io.stdout.write(
      formatTable(all, [
        { header: 'start (MSK)', value: (r) => formatMoscow(r.start) },
        { header: 'from', value: (r) => who(r.from_extension, r.from_number) },
        { header: 'to', value: (r) => who(r.to_extension, r.to_number) },
        {
          header: 'talk',
          value: (r) => (r.answer && r.finish ? formatDuration(r.finish - r.answer) : 'missed'),
          align: 'right',
        },
        { header: 'reason', value: (r) => r.disconnect_reason },
        { header: 'line', value: (r) => r.line_number },
        { header: 'recordings', value: (r) => (r.records ?? []).join(' ') },
        { header: 'entry', value: (r) => r.entry_id },
      ]),
    );
    io.stdout.write(`${all.length} leg${all.length === 1 ? '' : 's'}\n`);
    return undefined;
  },
};
