import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VirtualClock } from '../../src/engine/clock.js';

test('a manual clock runs due timers in time order, equal times in creation order, and only on advance', () => {
  const clock = new VirtualClock({ mode: 'manual', startMs: 1_000_000 });
  const seen: string[] = [];
  clock.setTimeout(() => seen.push('b@200'), 200);
  clock.setTimeout(() => seen.push('a@100'), 100);
  clock.setTimeout(() => seen.push('c@200'), 200);
  const cancelled = clock.setTimeout(() => seen.push('never'), 150);
  clock.clearTimeout(cancelled);
  clock.setTimeout(() => {
    seen.push(`nested-start@${clock.nowMs() - 1_000_000}`);
    clock.setTimeout(() => seen.push(`nested@${clock.nowMs() - 1_000_000}`), 10);
  }, 250);
  assert.deepEqual(seen, []);
  clock.advance(199);
  assert.deepEqual(seen, ['a@100']);
  clock.advance(1000);
  assert.deepEqual(seen, ['a@100', 'b@200', 'c@200', 'nested-start@250', 'nested@260']);
  assert.equal(clock.nowMs(), 1_001_199);
  assert.equal(clock.now(), 1001);
  assert.equal(clock.pending(), 0);
  assert.throws(() => clock.advance(-1), RangeError);
  clock.close();
});

test('a real clock with a speed factor runs virtual time faster than wall time', async () => {
  const clock = new VirtualClock({ mode: 'real', speed: 100 });
  const t0 = clock.nowMs();
  // The clock's own timer is unref'd (it never holds a process open): keep the test alive.
  const keepAlive = setTimeout(() => {}, 10_000);
  const fired = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.nowMs()), 2000));
  clearTimeout(keepAlive);
  assert.ok(fired - t0 >= 2000);
  assert.throws(() => clock.advance(10), /manual/);
  clock.close();
});
