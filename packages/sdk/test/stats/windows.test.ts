import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_STATS_WINDOW_SECONDS,
  splitStatsWindows,
  toMoscowDateTime,
  toUnixSeconds,
} from '../../src/stats/windows.js';

describe('stats windows and dates', () => {
  it('covers the period exactly once, in order, each window within the vendor limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e9 }),
        fc.integer({ min: 0, max: 400 * 86_400 }),
        (from, span) => {
          const ws = splitStatsWindows(from, from + span);
          assert.equal(ws[0]?.from, from);
          assert.equal(ws.at(-1)?.to, from + span);
          for (let i = 0; i < ws.length; i++) {
            const w = ws[i]!;
            assert.ok(w.to - w.from <= MAX_STATS_WINDOW_SECONDS);
            if (i > 0) assert.equal(w.from, ws[i - 1]!.to + 1);
          }
        },
      ),
    );
  });

  it('keeps a period shorter than a month in one window', () => {
    assert.deepEqual(splitStatsWindows(100, 200), [{ from: 100, to: 200 }]);
    assert.equal(splitStatsWindows(0, 90 * 86_400).length, 4);
  });

  it('rejects reversed periods and millisecond timestamps', () => {
    assert.throws(() => splitStatsWindows(10, 5), /date_to/);
    assert.throws(() => toUnixSeconds(Date.now(), 'date_from'), /milliseconds/);
    assert.throws(() => toUnixSeconds(new Date(Number.NaN), 'date_from'), /invalid Date/);
    assert.throws(() => toUnixSeconds(-1, 'date_from'), /Unix seconds/);
    assert.equal(toUnixSeconds(new Date('2026-01-01T00:00:00.900Z'), 'x'), 1767225600);
  });

  it('formats extended-stats dates as Moscow wall time DD.MM.YYYY HH:MM:SS (§3.2)', () => {
    assert.equal(toMoscowDateTime(1767225600), '01.01.2026 03:00:00');
    assert.equal(toMoscowDateTime(Date.UTC(2026, 4, 19, 20, 59, 59) / 1000), '19.05.2026 23:59:59');
  });
});
