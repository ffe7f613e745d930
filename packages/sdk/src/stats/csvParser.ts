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

/**
 * The number in `d[a, b)` without cutting it out: plain digits (optionally after `-`), the form
 * every numeric column takes, are read in place — one string fewer per cell, which is most of
 * what a row allocates besides itself. Anything else goes through `toNumber`, as before.
 */
function numberAt(d: string, a: number, b: number): number | null {
  let i = a;
  const negative = d.charCodeAt(i) === 45; /* - */
  if (negative) i++;
  if (i < b && b - i <= 15) {
    let n = 0;
    for (; i < b; i++) {
      const digit = d.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) break;
      n = n * 10 + digit;
    }
    if (i === b) return negative ? -n : n;
  }
  return toNumber(d.slice(a, b));
}

function toRecords(s: string): string[] {
  return recordsAt(s, 0, s.length);
}

/**
 * The recordings list in `d[a, b)`, written `[rec1,rec2]`; blank or `[]` when none (reference
 * §3.1). The ids are cut straight out of `d`, as `split(',')` of the inside would give them.
 */
function recordsAt(d: string, a: number, b: number): string[] {
  if (a < b && d.charCodeAt(a) === 91 /* [ */) a++;
  if (b > a && d.charCodeAt(b - 1) === 93 /* ] */) b--;
  if (b <= a) return [];
  const ids: string[] = [];
  for (;;) {
    const comma = d.indexOf(',', a);
    if (comma < 0 || comma >= b) {
      ids.push(d.slice(a, b));
      return ids;
    }
    ids.push(d.slice(a, comma));
    a = comma + 1;
  }
}

/**
 * Where bytes `[from, end)` may be cut so that no UTF-8 sequence is split: `end`, or the start
 * of a sequence begun in the last three bytes and not finished by `end`. Cutting at a lead byte
 * is always safe (a decoder starts a new sequence there whatever came before), so text decoded
 * piecewise at these cuts is the text decoded in one go.
 */
function completeEnd(bytes: Uint8Array, from: number, end: number): number {
  for (let i = end - 1; i >= from && i >= end - 3; i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) return end;
    if (byte >= 0xc0) return end - i < (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) ? i : end;
  }
  return end;
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
    const cut = names.map((_, i) => {
      const value =
        kinds[i] === NUMBER
          ? `a <= e ? n(d, a, b) : null`
          : kinds[i] === RECORDS
            ? `a <= e ? r(d, a, b) : []`
            : `a <= e ? d.slice(a, b) : ''`;
      return `b = d.indexOf(';', a); if (b < 0 || b > e) b = e; const c${i} = ${value}; a = b + 1;`;
    });
    const props = names.map((name, i) => `${JSON.stringify(name)}: c${i}`);
    const source = `return function row(d, s, e) { let a = s; let b = s; ${cut.join(' ')} return { ${props.join(', ')} }; };`;
    const make = new Function('n', 'r', source);
    return make(numberAt, recordsAt) as RowFactory;
  } catch {
    return genericFactory(names, kinds);
  }
}

/** Where parsed rows go: appended to an array, or handed one by one to a function. */
export type StatsRowSink = StatsRow[] | ((row: StatsRow) => void);

/**
 * Text decoded per step. A caller's chunk of any size is decoded and cut into rows this much at
 * a time, so the text held while its rows are built stays small (see `push`).
 */
const STEP = 4 * 1024;

/**
 * What `parseStatsStream` parses before yielding: about ten rows, so the rows waiting for a
 * consumer stay few (those held across a garbage collection are what makes V8 grow its young
 * generation, i.e. the process's memory).
 */
const YIELD_STEP = 512;

/**
 * Incremental parser of the `stats/result` body (reference §3.1): `;`-separated columns, one
 * leg per line; tolerant of `\n`, `\r\n` and blank lines; chunks may split lines and UTF-8
 * characters anywhere. Feed with `push`, finish with `end`.
 */
export class StatsCsvParser {
  private readonly makeRow: RowFactory;
  private rest = '';
  /** The start of a UTF-8 sequence the last chunk ended inside, waiting for its end. */
  private held: Uint8Array | undefined;
  /** Rows produced so far. */
  rows = 0;

  constructor(fields?: readonly string[] | string) {
    const names = normaliseStatsFields(fields);
    if (names.length === 0) throw new MangoValidationError('stats fields: at least one column is required');
    const kinds = names.map((n) => (n === 'records' ? RECORDS : NUMERIC_STATS_FIELDS.has(n) ? NUMBER : TEXT));
    this.makeRow = compiledFactory(names, kinds);
  }

  /**
   * Parses what `chunk` completes. Rows are appended to `out` (returned), or — the leanest way,
   * memory flat whatever the body's size — handed to `onRow` as each is built, so none outlives
   * its use.
   */
  push(chunk: Uint8Array | string, out?: StatsRow[]): StatsRow[];
  push(chunk: Uint8Array | string, onRow: (row: StatsRow) => void): void;
  push(chunk: Uint8Array | string, sink: StatsRowSink = []): StatsRow[] | undefined {
    if (typeof chunk === 'string') {
      this.lines(chunk, sink);
    } else {
      let bytes = chunk;
      if (this.held !== undefined) {
        bytes = new Uint8Array(this.held.length + chunk.length);
        bytes.set(this.held);
        bytes.set(chunk, this.held.length);
        this.held = undefined;
      }
      // Whole characters only, decoded in one go each: a streaming TextDecoder (which would
      // carry a split character over) is several times slower per byte.
      for (let at = 0; at < bytes.length; ) {
        const end = completeEnd(bytes, at, Math.min(bytes.length, at + STEP));
        if (end === at) {
          this.held = bytes.slice(at);
          break;
        }
        this.lines(utf8.decode(at === 0 && end === bytes.length ? bytes : bytes.subarray(at, end)), sink);
        at = end;
      }
    }
    return typeof sink === 'function' ? undefined : sink;
  }

  /** Flushes the last line (a body need not end with a newline). */
  end(out?: StatsRow[]): StatsRow[];
  end(onRow: (row: StatsRow) => void): void;
  end(sink: StatsRowSink = []): StatsRow[] | undefined {
    const tail = this.rest + (this.held === undefined ? '' : utf8.decode(this.held));
    this.rest = '';
    this.held = undefined;
    if (tail !== '') this.line(tail, 0, tail.length, sink);
    return typeof sink === 'function' ? undefined : sink;
  }

  /**
   * Cuts the complete lines of `rest + text` into rows and keeps the incomplete end. Only the
   * line that `rest` began is joined; the others are cut out of `text` itself, so no second copy
   * of the text is made.
   */
  private lines(text: string, sink: StatsRowSink): void {
    let from = 0;
    if (this.rest !== '') {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this.rest += text;
        return;
      }
      const first = this.rest + text.slice(0, nl);
      this.rest = '';
      this.line(first, 0, first.length, sink);
      from = nl + 1;
    }
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      this.line(text, from, nl, sink);
      from = nl + 1;
    }
    this.rest = from === 0 ? text : text.slice(from);
  }

  private line(data: string, from: number, to: number, sink: StatsRowSink): void {
    if (to > from && data.charCodeAt(to - 1) === 13 /* \r */) to--;
    if (to === from) return;
    // Whitespace-only lines (trailing empty lines of the body) are skipped.
    if (data.charCodeAt(from) <= 32 && data.slice(from, to).trim() === '') return;
    const row = this.makeRow(data, from, to);
    this.rows++;
    if (typeof sink === 'function') sink(row);
    else sink.push(row);
  }
}

const utf8 = new TextDecoder('utf-8');

/**
 * Parses a stream of body chunks into rows, as they arrive. A large chunk is parsed a step at a
 * time and its rows yielded before the next step, so a slow consumer never holds a whole
 * chunk's rows at once.
 */
export async function* parseStatsStream(
  chunks: AsyncIterable<Uint8Array | string>,
  fields?: readonly string[] | string,
): AsyncGenerator<StatsRow> {
  const parser = new StatsCsvParser(fields);
  const batch: StatsRow[] = [];
  for await (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += YIELD_STEP) {
      const end = Math.min(chunk.length, at + YIELD_STEP);
      const step =
        at === 0 && end === chunk.length
          ? chunk
          : typeof chunk === 'string'
            ? chunk.slice(at, end)
            : chunk.subarray(at, end);
      parser.push(step, batch);
      for (let i = 0; i < batch.length; i++) yield batch[i]!;
      batch.length = 0;
    }
  }
  parser.end(batch);
  yield* batch;
}

/** Parses a whole body at once. */
export function parseStatsCsv(body: string, fields?: readonly string[] | string): StatsRow[] {
  const parser = new StatsCsvParser(fields);
  return parser.end(parser.push(body));
}
