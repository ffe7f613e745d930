import { t } from '../i18n/index.js';
import type { TextSink } from './io.js';

/** One column of a table: the header and how to read the cell from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** Right-align (numbers, durations). */
  align?: 'left' | 'right';
  /** The cell may wrap onto more lines of its row when the table would not fit its width. */
  wrap?: boolean;
  /** Narrowest a wrapping column gets (default: its header, at least 8). */
  min?: number;
}

/** Options of `formatTable`. */
export interface TableOptions<T> {
  /** Widest the table may be, in characters; wrapping columns wrap to keep within it. */
  width?: number;
  /**
   * A line of secondary facts under each row (ids, links), from the second column on, wrapped to
   * the width: the row keeps its columns readable instead of the table growing wider.
   */
  detail?: (row: T) => string;
}

/** Renders a cell value as text: empty for null/undefined, JSON for objects. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/** Splits a text into lines of at most `width` characters, at spaces where it can. */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      // A word longer than the column (an id, a URL) is cut where it must be.
      if (line) {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * Formats rows as an aligned plain-text table with a header line; no colours, no box characters.
 * With `width`, the wrapping columns narrow (widest first) until the table fits, and a cell too
 * long for its column continues on the next lines of its own row.
 */
export function formatTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: TableOptions<T> = {},
): string {
  const headers = columns.map((c) => c.header.toUpperCase());
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row)).replace(/\s+/g, ' ').trim()));
  const widths = columns.map((_, i) =>
    Math.max((headers[i] ?? '').length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  if (options.width !== undefined) {
    const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1);
    const floor = columns.map((c, i) =>
      c.wrap ? Math.max(c.min ?? 8, (headers[i] ?? '').length) : Infinity,
    );
    while (total() > options.width) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) {
        if ((widths[i] ?? 0) > (floor[i] ?? 0) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0)))
          widest = i;
      }
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 1) - 1;
    }
  }
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (columns[i]?.align === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(headers)];
  const indent = ' '.repeat(columns.length > 1 ? (widths[0] ?? 0) + 2 : 0);
  cells.forEach((row, r) => {
    const wrapped = row.map((text, i) => wrapText(text, widths[i] ?? text.length));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++) out.push(line(wrapped.map((w) => w[k] ?? '')));
    const detail = options
      .detail?.(rows[r] as T)
      .replace(/\s+/g, ' ')
      .trim();
    if (detail) {
      const room = Math.max(20, (options.width ?? Number.MAX_SAFE_INTEGER) - indent.length);
      for (const text of wrapText(detail, room)) out.push(`${indent}${text}`);
    }
  });
  return out.join('\n') + '\n';
}

/** Formats an object as `key: value` lines, nested objects flattened with dots. */
export function formatFields(value: Record<string, unknown>): string {
  const entries: [string, string][] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      for (const [k, child] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, child);
    } else entries.push([prefix, cellText(v)]);
  };
  walk('', value);
  const width = Math.max(0, ...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${(k + ':').padEnd(width + 1)} ${v}`).join('\n') + '\n';
}

/** Writes a value as pretty JSON followed by a newline. */
export function writeJson(sink: TextSink, value: unknown): void {
  sink.write(JSON.stringify(value, null, 2) + '\n');
}

/** Writes a value as one compact JSON line (JSON Lines streams). */
export function writeJsonLine(sink: TextSink, value: unknown): void {
  sink.write(JSON.stringify(value) + '\n');
}

/** Quotes one CSV field (RFC 4180): quotes only when needed, doubles inner quotes. */
export function csvField(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Quotes one CSV field for a separator other than the comma (`;`, tab). */
export function csvFieldFor(value: unknown, sep: string): string {
  const text = cellText(value);
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Formats one CSV line (comma-separated unless `sep` says otherwise, `eol`-terminated, `\n` by default). */
export function csvLine(values: readonly unknown[], sep = ',', eol = '\n'): string {
  return values.map((v) => (sep === ',' ? csvField(v) : csvFieldFor(v, sep))).join(sep) + eol;
}

/** Human-readable byte size in the language in use: `532 B`, `1.4 MB` (`1,4 МБ`). */
export function formatBytes(bytes: number): string {
  const { bytes: units, decimal } = t().units;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${Math.round(v)} ${units[0]}` : `${v.toFixed(1).replace('.', decimal)} ${units[i]}`;
}

/** A decimal number in the language in use (`2.5`, `2,5`). */
export function formatDecimal(value: number, digits = 1): string {
  return value.toFixed(digits).replace('.', t().units.decimal);
}

/** Seconds as `1:05` or `1:02:03`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
