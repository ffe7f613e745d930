import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directionOf, itemsOf } from '../src/archive/plan.js';
import { parseDotenv } from '../src/config/dotenv.js';
import { formatIso, formatLocal, formatMoscow, parseWhen, zoneOffset } from '../src/core/dates.js';
import { csvLine, formatTable } from '../src/core/output.js';
import { ProgressBar } from '../src/core/progressBar.js';
import { english, render } from '../src/i18n/index.js';
import { buildBody, SetError } from '../src/sandbox/scenarios.js';

describe('dates', () => {
  const MSK = 'Europe/Moscow';
  it("reads bare dates in the user's time zone, the end of the day for --to", () => {
    assert.equal(parseWhen('from', '2026-11-01', false, MSK), Date.UTC(2026, 10, 1) / 1000 - 3 * 3600);
    assert.equal(
      parseWhen('to', '2026-11-27', true, MSK),
      Date.UTC(2026, 10, 27, 23, 59, 59) / 1000 - 3 * 3600,
    );
    assert.equal(parseWhen('from', '01.11.2026', false, MSK), parseWhen('from', '2026-11-01', false, MSK));
    assert.equal(parseWhen('from', '2026-11-01 09:30', false, MSK), Date.UTC(2026, 10, 1, 6, 30) / 1000);
    assert.equal(parseWhen('from', '2026-11-01 09:30', false, 'UTC'), Date.UTC(2026, 10, 1, 9, 30) / 1000);
    assert.equal(
      parseWhen('from', '2026-11-01 09:30', false, 'Asia/Novosibirsk'),
      Date.UTC(2026, 10, 1, 2, 30) / 1000,
    );
    assert.equal(parseWhen('from', '2026-11-01T09:30:00Z', false, MSK), Date.UTC(2026, 10, 1, 9, 30) / 1000);
    assert.equal(
      parseWhen('from', '2026-11-01T09:30:00+05:00', false, MSK),
      Date.UTC(2026, 10, 1, 4, 30) / 1000,
    );
    assert.equal(parseWhen('from', '1795000000'), 1795000000);
    assert.equal(formatMoscow(parseWhen('from', '2026-11-01 09:30', false, MSK)), '2026-11-01 09:30:00');
  });
  it('shows times in the given zone, ISO 8601 with its offset, across a DST change', () => {
    const at = Date.UTC(2026, 10, 27, 7, 15) / 1000;
    assert.equal(formatLocal(at, MSK), '2026-11-27 10:15:00');
    assert.equal(formatIso(at, MSK), '2026-11-27T10:15:00+03:00');
    assert.equal(formatIso(at, 'UTC'), '2026-11-27T07:15:00Z');
    assert.equal(formatIso(at, 'America/New_York'), '2026-11-27T02:15:00-05:00');
    const summer = Date.UTC(2026, 6, 1, 12) / 1000;
    assert.equal(zoneOffset(summer, 'Europe/Berlin'), 7200);
    assert.equal(zoneOffset(at, 'Europe/Berlin'), 3600);
    assert.equal(parseWhen('from', '2026-07-01 14:00', false, 'Europe/Berlin'), summer);
    assert.equal(formatLocal(0), '');
  });
  it('rejects what is not a date with a usage error', () => {
    assert.throws(() => parseWhen('from', 'yesterday'), {
      name: 'UsageError',
      message: /--from "yesterday" is not a date/,
    });
    assert.throws(() => parseWhen('from', '2026-02-30'), { name: 'UsageError', message: /not a real date/ });
  });
});

describe('archive plan', () => {
  const row = {
    records: ['REC1', 'REC2'],
    start: 1795000000,
    finish: 1795000100,
    answer: 1795000010,
    from_extension: '',
    from_number: '79001234567',
    to_extension: '101',
    to_number: 'sip:101@demo.mangosip.ru',
    disconnect_reason: 1110,
    line_number: '74951234567',
    entry_id: 'ENTRY',
  };
  it('names files by date, employee and number, one item per recording', () => {
    const items = itemsOf(row, {});
    assert.equal(items.length, 2);
    assert.equal(directionOf(row), 'incoming');
    assert.match(items[0]?.file ?? '', /^2026-11-\d\d\/202611\d\d-\d{6}_101_79001234567_[0-9a-f]{8}\.mp3$/);
    assert.notEqual(items[0]?.file, items[1]?.file);
    assert.equal(items[0]?.talk_seconds, 90);
    assert.deepEqual(itemsOf(row, {}), items, 'names are stable across runs');
  });
  it('applies direction, answered, minimum talk and group filters', () => {
    assert.equal(itemsOf(row, { direction: 'outgoing' }).length, 0);
    assert.equal(itemsOf(row, { minTalk: 91 }).length, 0);
    assert.equal(itemsOf(row, { minTalk: 90 }).length, 2);
    assert.equal(itemsOf({ ...row, answer: 0 }, { answered: true }).length, 0);
    assert.equal(itemsOf(row, { extensions: new Set(['102']) }).length, 0);
    assert.equal(itemsOf(row, { extensions: new Set(['101']) }).length, 2);
    assert.equal(itemsOf({ ...row, records: [] }, {}).length, 0);
  });
});

describe('trigger --set bodies', () => {
  it('builds nested bodies with typed known fields and raw JSON', () => {
    assert.deepEqual(
      buildBody(['from=79001234567', 'policy.onRing=answer', 'policy.hangupAfterSec=30', 'sec=5'], { x: 1 }),
      {
        x: 1,
        from: '79001234567',
        policy: { onRing: 'answer', hangupAfterSec: 30 },
        sec: 5,
      },
    );
    assert.deepEqual(buildBody(['urls:=["http://a/"]', 'manual=false']), {
      urls: ['http://a/'],
      manual: false,
    });
  });
  it('explains bad items', () => {
    const text = (items: string[]) => {
      const body = buildBody(items);
      assert.ok(body instanceof SetError, `${items.join(' ')} is refused`);
      return render(body.text, english);
    };
    assert.match(text(['nonsense']), /is not field=value/);
    assert.match(text(['sec=soon']), /sec must be a number/);
    assert.match(text(['a:={']), /not JSON/);
  });
});

describe('output, .env and progress bar', () => {
  it('aligns tables and quotes CSV only where needed', () => {
    const t = formatTable(
      [
        { a: 'x', n: 5 },
        { a: 'longer', n: 12 },
      ],
      [
        { header: 'name', value: (r) => r.a },
        { header: 'n', value: (r) => r.n, align: 'right' },
      ],
    );
    assert.equal(t, 'NAME     N\nx        5\nlonger  12\n');
    assert.equal(csvLine(['a', 'b,c', 'say "hi"', null, 3]), 'a,"b,c","say ""hi""",,3\n');
  });
  it('parses .env quoting, export and comments', () => {
    assert.deepEqual(
      parseDotenv('\uFEFF# c\nexport A=1\nB="two words"\nC=\'x # y\'\nD=val # note\nbad line\nE="l1\\nl2"\n'),
      {
        A: '1',
        B: 'two words',
        C: 'x # y',
        D: 'val',
        E: 'l1\nl2',
      },
    );
  });
  it('prints a line per tenth of the way when not on a terminal', () => {
    let out = '';
    let t = 0;
    const bar = new ProgressBar({ sink: { write: (s: string) => (out += s) }, total: 20, now: () => t });
    for (let i = 0; i < 20; i++) {
      t += 500;
      bar.tick(1, 1024);
    }
    bar.finish();
    const lines = out.trim().split('\n');
    assert.equal(lines.length, 11, 'the first item, then every tenth');
    assert.match(
      lines.at(-1) ?? '',
      /\[#{24}\]\s+20\/20\s+100%\s+20\.0 KB\s+2\.0\/s\s+2\.0 KB\/s\s+eta 0:00/,
    );
  });
  it('redraws in place on a terminal', () => {
    let out = '';
    let t = 0;
    const bar = new ProgressBar({
      sink: { write: (s: string) => (out += s), isTTY: true, columns: 200 },
      total: 4,
      now: () => t,
    });
    t = 1000;
    bar.tick();
    bar.finish();
    assert.ok(out.startsWith('\r'));
    assert.match(out, /1\/4\s+25%/);
    assert.ok(out.endsWith('\n'));
  });
});
