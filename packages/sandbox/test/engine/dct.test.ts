import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

/** The demo office's call-tracking lines (routed like the main line). */
const DYNAMIC = '74952150101';
const STATIC = '74952150202';
const MAIN = '74951234567';

function dctOf(entryId: string) {
  const calls = h.calls().filter((c) => c.entry_id === entryId);
  const summaries = h.out.filter((e) => e.path === 'events/summary' && e.data.entry_id === entryId);
  assert.equal(summaries.length, 1, `one summary for ${entryId}`);
  return { calls, states: calls.map((c) => c.dct), summary: summaries[0]!.data.dct };
}

test('a call on a call-tracking line carries its dct in every events/call and the summary; others {type: 0}', () => {
  h = harness();
  // Both at once, so nothing leaks between calls: key 1 → sales, answered, talk ends by itself.
  const tracked = h.engine.incomingCall('79035550101', DYNAMIC);
  const plain = h.engine.incomingCall('79035550202', MAIN);
  h.sec(300);
  assert.equal(h.engine.live.size, 0);

  const t = dctOf(tracked.entry_id);
  assert.ok(t.calls.length >= 4, 'the ivr leg and at least one abonent leg, each with several states');
  assert.ok(new Set(t.calls.map((c) => c.call_id)).size >= 2);
  assert.ok(t.calls.some((c) => c.location === 'abonent' && c.call_state === 'Connected'));
  for (const dct of t.states) assert.deepEqual(dct, { number: DYNAMIC, type: 1 });
  assert.deepEqual(t.summary, { number: DYNAMIC, type: 1 });
  assert.equal(t.calls[0]!.to.line_number, DYNAMIC);

  const p = dctOf(plain.entry_id);
  assert.ok(p.calls.length >= 4);
  for (const dct of p.states) assert.deepEqual(dct, { type: 0 });
  assert.deepEqual(p.summary, { type: 0 });
});

test('a static tracking number is type 2, also when the call is refused at once', () => {
  h = harness((o) => {
    o.bwlists.black.numbers.push({ number_id: 2, number: '79035550999', number_type: 'tel' });
  });
  const ok = h.engine.incomingCall('79035550202', STATIC);
  const blocked = h.engine.incomingCall('79035550999', STATIC);
  h.sec(300);
  for (const id of [ok.entry_id, blocked.entry_id]) {
    const s = dctOf(id);
    assert.ok(s.calls.length >= 2);
    for (const dct of s.states) assert.deepEqual(dct, { number: STATIC, type: 2 });
    assert.deepEqual(s.summary, { number: STATIC, type: 2 });
  }
  assert.ok(dctOf(blocked.entry_id).calls.every((c) => c.location === 'ivr'));
});

test('outgoing calls and lines removed from call tracking carry {type: 0}', async () => {
  h = harness((o) => {
    o.call_tracking = o.call_tracking!.filter((t) => t.number !== DYNAMIC);
  });
  const untracked = h.engine.incomingCall('79035550101', DYNAMIC);
  // A callback leaves through a tracking line: call tracking is about incoming calls only.
  h.engine.command('callback', {
    command_id: 'cb-1',
    from: { extension: '101', line_number: STATIC },
    to_number: '79035550303',
  });
  h.sec(300);
  assert.deepEqual(await h.results(), { 'cb-1': 1000 });
  const summaries = h.out.filter((e) => e.path === 'events/summary');
  assert.equal(summaries.length, 2);
  for (const s of summaries) assert.deepEqual(s.data.dct, { type: 0 });
  for (const c of h.calls()) assert.deepEqual(c.dct, { type: 0 });
  assert.equal(dctOf(untracked.entry_id).calls[0]!.to.line_number, DYNAMIC);
});
