import { MangoValidationError } from '../core/errors.js';
import { NUMERIC_STATS_FIELDS, normaliseStatsFields, type StatsRow } from './fields.js';

// Column kinds as small integers: the per-cell dispatch is the parser's hot path.
const TEXT = 0;
const NUMBER = 1;
const RECORDS = 2;

function toNumber(s: string): number | null {
  if (s === '') return null;
  const n = +s;
  return Number.isNaN(n) ? null : n;
}

function toRecords(s: string): string[] {
  // The recordings list is written `[rec1,rec2]`; blank or `[]` when none (reference §3.1).
  let start = 0;
  let end = s.length;
  if (s.charCodeAt(0) === 91 /* [ */) start = 1;
  if (s.charCodeAt(end - 1) === 93 /* ] */) end--;
  if (end <= start) return [];
  const inner = start === 0 && end === s.length ? s : s.slice(start, end);
  return inner.split(',');
}

/** Builds one row from the line `data[from, to)`. */
type RowFactory = (data: string, from: number, to: number) => StatsRow;

/** The portable row builder: split, then one keyed store per column. */
function genericFactory(names: string[], kinds: number[]): RowFactory {
  return (data, from, to) => {
    const cols = data.slice(from, to).split(';');
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const raw = cols[i] ?? '';
      const kind = kinds[i];
      row[names[i]!] = kind === TEXT ? raw : kind === NUMBER ? toNumber(raw) : toRecords(raw);
    }
    return row as StatsRow;
  };
}

/**
 * A row builder specialised to the column list: it cuts the columns straight out of the body
 * (no line string, no array) into one object literal, so every row shares one hidden class.
 * Column names are JSON-quoted, never spliced raw. Runtimes that forbid `new Function`
 * (some edge workers) get the generic builder.
 */
function compiledFactory(names: string[], kinds: number[]): RowFactory {
  try {
    const cut = names.map(
      (_, i) =>
        `b = d.indexOf(';', a); if (b < 0 || b > e) b = e; const c${i} = a <= e ? d.slice(a, b) : ''; a = b + 1;`,
    );
    const props = names.map((name, i) => {
      const value = kinds[i] === TEXT ? `c${i}` : kinds[i] === NUMBER ? `n(c${i})` : `r(c${i})`;
      return `${JSON.stringify(name)}: ${value}`;
    });
    const source = `return function row(d, s, e) { let a = s; let b = s; ${cut.join(' ')} return { ${props.join(', ')} }; };`;
    const make = new Function('n', 'r', source);
    return make(toNumber, toRecords) as RowFactory;
  } catch {
    return genericFactory(names, kinds);
  }
}

/**
 * Incremental parser of the `stats/result` body (reference §3.1): `;`-separated columns, one
 * leg per line; tolerant of `\n`, `\r\n` and blank lines; chunks may split lines and UTF-8
 * characters anywhere. Feed with `push`, finish with `end`.
 */
export class StatsCsvParser {
  private readonly makeRow: RowFactory;
  private readonly decoder = new TextDecoder('utf-8');
  private rest = '';
  /** Rows produced so far. */
  rows = 0;

  constructor(fields?: readonly string[] | string) {
    const names = normaliseStatsFields(fields);
    if (names.length === 0) throw new MangoValidationError('stats fields: at least one column is required');
    const kinds = names.map((n) => (n === 'records' ? RECORDS : NUMERIC_STATS_FIELDS.has(n) ? NUMBER : TEXT));
    this.makeRow = compiledFactory(names, kinds);
  }

  /** Parses what `chunk` completes; appends rows to `out` and returns it. */
  push(chunk: Uint8Array | string, out: StatsRow[] = []): StatsRow[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const data = this.rest === '' ? text : this.rest + text;
    let from = 0;
    for (;;) {
      const nl = data.indexOf('\n', from);
      if (nl < 0) break;
      this.line(data, from, nl, out);
      from = nl + 1;
    }
    this.rest = from === 0 ? data : data.slice(from);
    return out;
  }

  /** Flushes the last line (a body need not end with a newline). */
  end(out: StatsRow[] = []): StatsRow[] {
    const tail = this.rest + this.decoder.decode();
    this.rest = '';
    if (tail !== '') this.line(tail, 0, tail.length, out);
    return out;
  }

  private line(data: string, from: number, to: number, out: StatsRow[]): void {
    if (to > from && data.charCodeAt(to - 1) === 13 /* \r */) to--;
    if (to === from) return;
    // Whitespace-only lines (trailing empty lines of the body) are skipped.
    if (data.charCodeAt(from) <= 32 && data.slice(from, to).trim() === '') return;
    out.push(this.makeRow(data, from, to));
    this.rows++;
  }
}

/** Parses a stream of body chunks into rows, as they arrive. */
export async function* parseStatsStream(
  chunks: AsyncIterable<Uint8Array | string>,
  fields?: readonly string[] | string,
): AsyncGenerator<StatsRow> {
  const parser = new StatsCsvParser(fields);
  const batch: StatsRow[] = [];
  for await (const chunk of chunks) {
    parser.push(chunk, batch);
    for (let i = 0; i < batch.length; i++) yield batch[i]!;
    batch.length = 0;
  }
  parser.end(batch);
  yield* batch;
}

/** Parses a whole body at once. */
export function parseStatsCsv(body: string, fields?: readonly string[] | string): StatsRow[] {
  const parser = new StatsCsvParser(fields);
  return parser.end(parser.push(body));
}
