import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { StatsRow } from 'mangokit';
import { DEFAULT_STATS_FIELDS, parseStatsCsv, parseStatsStream, StatsCsvParser } from 'mangokit/protocol';

/** A typed row over the default columns, as the generator builds it. */
const text = fc.stringMatching(/^[0-9A-Za-zА-Яа-я:@.+_ -]{0,12}$/);
const id = fc.stringMatching(/^[A-Za-z0-9+/=]{1,16}$/);
const time = fc.integer({ min: 1_500_000_000, max: 1_900_000_000 });
const rowArb = fc
  .record({
    records: fc.array(id, { maxLength: 3 }),
    start: time,
    finish: time,
    answer: fc.oneof(fc.constant(0), time),
    from_extension: text,
    from_number: text,
    to_extension: text,
    to_number: text,
    disconnect_reason: fc.integer({ min: 1000, max: 5999 }),
    line_number: text,
    location: fc.constantFrom('ivr', 'queue', 'abonent'),
  })
  .map((r) => ({ ...r })); // plain objects: fast-check builds them without a prototype

function encodeRow(r: Required<Omit<StatsRow, 'entry_id' | 'create'>>): string {
  return [
    `[${r.records.join(',')}]`,
    r.start,
    r.finish,
    r.answer,
    r.from_extension,
    r.from_number,
    r.to_extension,
    r.to_number,
    r.disconnect_reason,
    r.line_number,
    r.location,
  ].join(';');
}

/** Splits `bytes` at the given cut points (any byte offset, also inside a UTF-8 character). */
function cut(bytes: Uint8Array, points: number[]): Uint8Array[] {
  const sorted = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of sorted) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  out.push(bytes.subarray(prev));
  return out;
}

describe('stats CSV parser (reference §3.1)', () => {
  it('round-trips generated rows, whatever the line ending and trailing blank lines', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', '\n', '\r\n', '\n\n', '\r\n\r\n'),
        (rows, eol, tail) => {
          const body = rows.map(encodeRow).join(eol) + (rows.length ? tail : '');
          assert.deepEqual(parseStatsCsv(body), rows);
        },
      ),
    );
  });

  it('gives the same rows for any chunk split of the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (rows, points) => {
          const body = new TextEncoder().encode(`${rows.map(encodeRow).join('\r\n')}\r\n`);
          const parser = new StatsCsvParser();
          const out: StatsRow[] = [];
          for (const chunk of cut(body, points)) parser.push(chunk, out);
          parser.end(out);
          assert.deepEqual(out, rows);
          const handed: StatsRow[] = [];
          const each = new StatsCsvParser();
          for (const chunk of cut(body, points)) each.push(chunk, (row) => handed.push(row));
          each.end((row) => handed.push(row));
          assert.deepEqual(handed, rows);
          async function* chunks() {
            yield* cut(body, points);
          }
          const streamed: StatsRow[] = [];
          for await (const r of parseStatsStream(chunks())) streamed.push(r);
          assert.deepEqual(streamed, rows);
        },
      ),
    );
  });

  it('parses chunks many times its decoding step alike, into an array, a callback or a stream', async () => {
    const rows = fc.sample(rowArb, { numRuns: 2000, seed: 7 });
    const body = new TextEncoder().encode(`${rows.map(encodeRow).join('\r\n')}\r\n`);
    assert.ok(body.length > 100_000);
    const whole = new StatsCsvParser();
    assert.deepEqual(whole.end(whole.push(body)), rows);
    const handed: StatsRow[] = [];
    const each = new StatsCsvParser();
    for (const chunk of cut(body, [65_537, 70_000, 150_001])) each.push(chunk, (row) => handed.push(row));
    each.end((row) => handed.push(row));
    assert.deepEqual(handed, rows);
    async function* chunks() {
      yield body.subarray(0, 99_999);
      yield new TextDecoder().decode(body.subarray(99_999));
    }
    const streamed: StatsRow[] = [];
    for await (const r of parseStatsStream(chunks())) streamed.push(r);
    assert.deepEqual(streamed, rows);
  });

  it('decodes bytes cut anywhere as one decoder over the whole body would, broken UTF-8 included', () => {
    const byte = fc.oneof(
      fc.constantFrom(0x0a, 0x0d, 0x3b, 0x41, 0x20),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.integer({ min: 0xc0, max: 0xff }),
      fc.integer({ min: 0, max: 0xff }),
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (list, points) => {
          const body = Uint8Array.from(list);
          const expected = parseStatsCsv(new TextDecoder().decode(body), ['entry_id', 'location']);
          const parser = new StatsCsvParser(['entry_id', 'location']);
          const out: StatsRow[] = [];
          for (const chunk of cut(body, points)) parser.push(chunk, out);
          parser.end(out);
          assert.deepEqual(out, expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a number column exactly as Number() does, or null', () => {
    const expected = (s: string) => (s === '' || Number.isNaN(+s) ? null : +s);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^-?[0-9]{0,20}$/),
          fc.constantFrom(
            '-',
            '-0',
            '007',
            '+5',
            ' 12',
            '12 ',
            '1e3',
            '0x1f',
            '1.5',
            'Infinity',
            '1_0',
            '١٢',
          ),
          fc.string({ maxLength: 6 }).filter((s) => !/[;\n]/.test(s)),
        ),
        (cell) => {
          const [row] = parseStatsCsv(`x;${cell}\n`, ['entry_id', 'start']);
          assert.ok(Object.is(row?.start, expected(cell)), `${JSON.stringify(cell)} -> ${row?.start}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('splits the records list, converts numbers and keeps text', () => {
    const [row] = parseStatsCsv(
      '[MToxOTk=,MToyMDA=];1700000000;1700000100;0;101;;;74951234567;1110;74950000000;ivr\n',
    );
    assert.deepEqual(row, {
      records: ['MToxOTk=', 'MToyMDA='],
      start: 1700000000,
      finish: 1700000100,
      answer: 0,
      from_extension: '101',
      from_number: '',
      to_extension: '',
      to_number: '74951234567',
      disconnect_reason: 1110,
      line_number: '74950000000',
      location: 'ivr',
    });
  });

  it('reads empty and bracket-only records as no recordings; blank numbers as null', () => {
    const rows = parseStatsCsv(';1;2;;;;;;;;\n[];1;2;3;;;;;;;', DEFAULT_STATS_FIELDS);
    assert.deepEqual(rows[0]?.records, []);
    assert.equal(rows[0]?.answer, null);
    assert.equal(rows[0]?.disconnect_reason, null);
    assert.deepEqual(rows[1]?.records, []);
  });

  it('follows a custom column list given as the vendor string (spaces tolerated)', () => {
    const rows = parseStatsCsv('E1;1700000000;[a]\nE2;1700000001;[]\n', 'entry_id, create, records');
    assert.deepEqual(rows, [
      { entry_id: 'E1', create: 1700000000, records: ['a'] },
      { entry_id: 'E2', create: 1700000001, records: [] },
    ]);
  });

  it('keeps textual disconnect reasons visible as null instead of NaN (vendor sample rows)', () => {
    const [row] = parseStatsCsv('x;Busy', ['entry_id', 'disconnect_reason']);
    assert.equal(row?.disconnect_reason, null);
  });

  it('rejects an empty column list', () => {
    assert.throws(() => new StatsCsvParser(''), /at least one column/);
  });

  it('does not return the garbage row the peer returns for \\n bodies', () => {
    assert.deepEqual(parseStatsCsv('\n\n'), []);
    assert.deepEqual(parseStatsCsv('a;1\n   \t  \r\n', ['entry_id', 'start']), [{ entry_id: 'a', start: 1 }]);
    assert.equal(parseStatsCsv('a;1\n\nb;2\n', ['entry_id', 'start']).length, 2);
  });
});

describe('stats CSV parser without code generation (edge runtimes that forbid new Function)', () => {
  it('falls back to the generic builder with the same rows', () => {
    const body = '[a,b];1;2;3;101;;;7495;1110;L;ivr\r\nE;x\r\n';
    const expected = parseStatsCsv(body);
    const saved = globalThis.Function;
    let parser: StatsCsvParser;
    try {
      globalThis.Function = function blocked() {
        throw new EvalError('code generation from strings disallowed');
      } as unknown as FunctionConstructor;
      parser = new StatsCsvParser();
    } finally {
      globalThis.Function = saved;
    }
    assert.deepEqual(parser.end(parser.push(body)), expected);
    assert.equal(expected[1]?.from_number, '');
    assert.equal(expected[1]?.start, null);
  });
});
