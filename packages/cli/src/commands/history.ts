import type { StatsField, StatsHistoryParams, StatsParty, StatsRow } from 'mangokit';
import { DEFAULT_STATS_FIELDS, describeDisconnectReason, STATS_FIELDS } from 'mangokit/protocol';
import type { CommandDetails, OptionSpec } from '../core/command.js';
import type { ParsedArgs } from '../core/parsedArgs.js';
import { createClient } from '../config/client.js';
import { formatIso, formatLocal, parseWhen, zoneLabel } from '../core/dates.js';
import { UsageError } from '../core/errors.js';
import { csvLine, formatDuration, formatTable } from '../core/output.js';
import { type Catalogue, t } from '../i18n/index.js';

/** The period options shared by `history` and `archive`. */
export const PERIOD_OPTIONS: Record<string, OptionSpec> = {
  from: { type: 'string', value: 'DATE', complete: 'none' },
  to: { type: 'string', value: 'DATE', complete: 'none' },
};

/** Reads `--from`/`--to` into Unix seconds, checking their order. */
export function readPeriod(args: ParsedArgs): { from: number; to: number } {
  const from = parseWhen(
    'from',
    args.requireString('from', (m) => m.dates.startExample),
  );
  const toText = args.string('to');
  const to = toText === undefined ? Math.floor(Date.now() / 1000) : parseWhen('to', toText, true);
  if (to < from)
    throw new UsageError(
      (m) => m.dates.toBeforeFrom,
      (m) => m.dates.swapDates,
    );
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
      (m) => m.history.combineFilters,
      (m) => m.history.combineFiltersHint,
    );
  }
  return {
    ...(callParty ? { call_party: callParty } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

const FILTER_OPTIONS: Record<string, OptionSpec> = {
  extension: { type: 'string', value: 'EXT', complete: 'extension' },
  number: { type: 'string', value: 'NUMBER', complete: 'none' },
  'from-extension': { type: 'string', value: 'EXT', complete: 'extension' },
  'from-number': { type: 'string', value: 'NUMBER', complete: 'none' },
  'to-extension': { type: 'string', value: 'EXT', complete: 'extension' },
  'to-number': { type: 'string', value: 'NUMBER', complete: 'none' },
};

/** The vendor's default columns (reference §3.1), led by `entry_id` and with the recordings last. */
const DEFAULT_HISTORY_FIELDS: readonly StatsField[] = [
  'entry_id',
  ...DEFAULT_STATS_FIELDS.filter((f) => f !== 'records'),
  'records',
];

/** Columns holding Unix seconds: ISO 8601 in CSV and JSON, local time in the table. */
const TIME_FIELDS: ReadonlySet<string> = new Set(['start', 'finish', 'answer']);

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
      (m) => m.history.unknownFields(unknown.length, unknown.join(', ')),
      (m) => m.history.knownFields(STATS_FIELDS.join(', ')),
    );
  }
  return fields as StatsField[];
}

/** How CSV is written: the separator, a UTF-8 BOM and CRLF for Excel, and the form of times. */
interface CsvStyle {
  sep: string;
  excel: boolean;
}

function readCsvStyle(args: ParsedArgs): CsvStyle | undefined {
  const excel = args.flag('excel');
  const sepText = args.string('sep');
  if (!args.flag('csv') && !excel && sepText === undefined) return undefined;
  const sep =
    sepText === undefined ? (excel ? ';' : ',') : sepText === 'tab' || sepText === '\\t' ? '\t' : sepText;
  if (sep !== ',' && sep !== ';' && sep !== '\t')
    throw new UsageError((m) => m.history.badSep(sepText ?? ''));
  return { sep, excel };
}

/**
 * A CSV cell of a row: times as ISO 8601 with the user's offset (`2026-11-27T10:15:00+03:00`),
 * or for Excel as `2026-11-27 10:15:00` (local time, which Excel reads as a date in any locale).
 */
function csvCell(row: StatsRow, field: StatsField, excel: boolean): unknown {
  if (field === 'records') return (row.records ?? []).join(' ');
  const value = row[field as keyof StatsRow];
  if (TIME_FIELDS.has(field)) {
    const seconds = typeof value === 'number' ? value : Number(value);
    return excel ? formatLocal(seconds) : formatIso(seconds);
  }
  return value;
}

/** A JSON row: the vendor's fields as they are, and `start_at`/`answer_at`/`finish_at` in ISO 8601. */
function jsonRow(row: StatsRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const field of TIME_FIELDS) {
    const value = row[field as keyof StatsRow];
    if (typeof value === 'number' && value > 0) out[`${field}_at`] = formatIso(value);
  }
  return out;
}

function who(extension: string | undefined, number: string | undefined): string {
  // An employee's device (a SIP address) says less than the extension: the table keeps it short.
  if (extension && number && !number.startsWith('sip:')) return `${extension} (${number})`;
  return extension || number || '';
}

/**
 * What the talk column says for a leg: its talk time when answered; for an IVR or queue leg of a
 * call answered on another leg, where the caller waited (not a missed call); else missed.
 */
export function talkText(row: StatsRow, answeredCalls: ReadonlySet<string>, m: Catalogue['history']): string {
  if (row.answer && row.finish) return formatDuration(row.finish - row.answer);
  const waited = row.location === 'ivr' ? m.ivr : row.location === 'queue' ? m.queue : undefined;
  if (waited && row.entry_id && answeredCalls.has(row.entry_id)) return waited;
  return m.missed;
}

/** A disconnect reason with its meaning in the language in use: `1110 ended by the calling party`. */
function reasonText(code: number | null | undefined, lang: 'en' | 'ru'): string {
  if (code === undefined || code === null || Number.isNaN(Number(code))) return '';
  const d = describeDisconnectReason(code);
  return d.matched === undefined ? String(code) : `${code} ${d[lang]}`;
}

/** `mangokit history` (stats/request → stats/result, reference §3.1). */
export const history: CommandDetails = {
  credentials: true,
  options: {
    ...PERIOD_OPTIONS,
    ...FILTER_OPTIONS,
    fields: { type: 'string', value: 'LIST', complete: 'none' },
    csv: { type: 'boolean' },
    sep: { type: 'string', value: 'SEP', values: [',', ';', 'tab'] },
    excel: { type: 'boolean' },
  },
  moreHelp: () =>
    `${t().history.fieldsHeading}:\n  ${STATS_FIELDS.join(', ')
      .replace(/(.{1,90})(, |$)/g, '$1,\n  ')
      .replace(/,\n {2}$/, '')}`,
  examples: [
    'mangokit history --from 2026-11-01 --to 2026-11-27',
    'mangokit history --from 2026-11-01 --to 2026-11-27 --csv > november.csv',
    'mangokit history --from 2026-11-01 --to 2026-11-27 --excel > november.csv',
    'mangokit history --from 2026-11-20 --extension 101 --json',
    'mangokit history --from "2026-11-27 09:00" --to "2026-11-27 18:00" --to-number 74950000666',
  ],
  async run(ctx) {
    const { args, io } = ctx;
    const csv = readCsvStyle(args);
    if (csv && ctx.json) throw new UsageError((m) => m.usage.chooseOne('--csv', '--json'));
    const period = readPeriod(args);
    const filters = readHistoryFilters(args);
    const fields = readFields(args);
    const { client, options } = await createClient(ctx);
    const m = t();
    if (io.stderr.isTTY) io.stderr.write(`${m.history.waiting}\n`);
    const rows = client.stats.history(
      { date_from: period.from, date_to: period.to, fields, ...filters },
      options,
    );
    if (csv) {
      const eol = csv.excel ? '\r\n' : '\n';
      io.stdout.write((csv.excel ? '\uFEFF' : '') + csvLine(fields, csv.sep, eol));
      for await (const row of rows) {
        io.stdout.write(
          csvLine(
            fields.map((f) => csvCell(row, f, csv.excel)),
            csv.sep,
            eol,
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
          io.stdout.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(jsonRow(next.value))}`);
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
    const zone = zoneLabel(period.from);
    if (all.length === 0) {
      io.stdout.write(`${m.history.noCalls(formatLocal(period.from), formatLocal(period.to), zone)}\n`);
      return undefined;
    }
    // Legs in the order they started (the vendor's order groups them otherwise).
    all.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || (a.entry_id ?? '').localeCompare(b.entry_id ?? ''));
    const answeredCalls = new Set(all.filter((r) => (r.answer ?? 0) > 0).map((r) => r.entry_id ?? ''));
    const h = m.history.headers;
    const width = io.stdout.isTTY && io.stdout.columns ? Math.min(io.stdout.columns, 200) : 120;
    io.stdout.write(
      formatTable(
        all,
        [
          { header: `${h.start} (${zone})`, value: (r) => formatLocal(r.start) },
          { header: h.from, value: (r) => who(r.from_extension, r.from_number), wrap: true, min: 11 },
          { header: h.to, value: (r) => who(r.to_extension, r.to_number), wrap: true, min: 11 },
          { header: h.talk, value: (r) => talkText(r, answeredCalls, m.history), align: 'right' },
          { header: h.line, value: (r) => r.line_number },
          { header: h.reason, value: (r) => reasonText(r.disconnect_reason, m.lang), wrap: true, min: 16 },
        ],
        {
          width,
          // The ids are for copying, not for reading down a column: under each row.
          detail: (r) =>
            [
              r.entry_id ? `${h.entry} ${r.entry_id}` : '',
              r.records?.length ? `${h.recordings} ${r.records.join(' ')}` : '',
            ]
              .filter(Boolean)
              .join(' · '),
        },
      ),
    );
    io.stdout.write(`${m.history.legs(all.length)}\n`);
    return undefined;
  },
};
