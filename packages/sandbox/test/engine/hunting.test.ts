import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { SummaryEventPayload } from 'mangokit';
import type { Group, Office } from '../../src/office/types.js';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

/** A test office: group 900 (ext 900) with operators 101, 102, 103 and the given algorithm; the line goes straight to it. */
function groupOffice(
  alg: Group['dial_alg_group'],
  edit?: (o: Office, g: Group) => void,
): (o: Office) => void {
  return (o) => {
    const g: Group = {
      id: 900,
      name: 'Test',
      extension: '900',
      dial_alg_group: alg,
      dial_alg_users: 2,
      operators: [
        { id: 1001, priority: 1, order: 1 },
        { id: 1002, priority: 1, order: 2 },
        { id: 1003, priority: 2, order: 3 },
      ],
      ring_sec: 10,
    };
    o.groups.push(g);
    o.schemes.push({
      schema_id: 90,
      name: 'direct',
      start: 'g',
      nodes: [{ id: 'g', type: 'group', group_id: 900 }],
    });
    o.lines[0]!.schema_id = 90;
    for (const e of o.employees) e.recording = 'none';
    edit?.(o, g);
  };
}

/** Extensions rung, in ring order, with the outcome of each leg. */
function rung(h: Harness): string[] {
  return h
    .trail()
    .filter((t) => t.includes('@abonent'))
    .map((t) => {
      const ext = /@abonent>(\d+)/.exec(t)![1];
      const end = /Disconnected@abonent:(\d+)/.exec(t)?.[1];
      return `${ext}${t.includes('Connected') ? '+' : ''}${end ? `:${end}` : ''}`;
    });
}

test('serial (0): operators in order; an unanswered one is skipped after ring_sec', () => {
  h = harness(
    groupOffice(0, (o) => {
      o.employees[0]!.policy = { onRing: 'never' };
      o.employees[1]!.policy = { onRing: 'answer', answerAfterSec: 2, hangupAfterSec: 5 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(60);
  assert.deepEqual(rung(h), ['101:1111', '102+:1120']);
  const legs = h.calls().filter((e) => e.location === 'abonent' && e.call_state === 'Appeared');
  assert.equal(legs[1]!.timestamp - legs[0]!.timestamp, 10, 'next operator after ring_sec');
});

test('busy (in a call), DND and off-schedule operators are skipped; DND still produces events, off-schedule none', () => {
  h = harness(
    groupOffice(0, (o) => {
      o.employees[0]!.policy = { onRing: 'dnd' };
      // 102 has no device inside its schedule.
      for (const n of o.employees[1]!.numbers)
        n.schedule = { items: [{ type: 'Sunday', from: '00:00', until: '01:00' }] };
      o.employees[2]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 5 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(30);
  assert.deepEqual(rung(h), ['101:1123', '103+:1120']);
  // Now 103 talks to someone else: a new call skips it silently.
  h = harness(
    groupOffice(0, (o) => {
      o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 1 };
      o.employees[1]!.policy = { onRing: 'busy' };
      o.employees[2]!.policy = { onRing: 'answer', answerAfterSec: 1 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(5);
  h.engine.incomingCall('79000000002', undefined, { onRing: 'answer' });
  h.sec(5);
  assert.deepEqual(rung(h), ['101+', '102:1121', '103+']);
});

test('by priority (1): the first tier rings together, then the next tier', () => {
  h = harness(
    groupOffice(1, (o) => {
      o.employees[0]!.policy = { onRing: 'never' };
      o.employees[1]!.policy = { onRing: 'never' };
      o.employees[2]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 5 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(30);
  assert.deepEqual(rung(h), ['101:1111', '102:1111', '103+:1120']);
  const appeared = h.calls().filter((e) => e.location === 'abonent' && e.call_state === 'Appeared');
  assert.equal(appeared[0]!.timestamp, appeared[1]!.timestamp);
  assert.equal(appeared[2]!.timestamp - appeared[0]!.timestamp, 10);
});

test('all at once (2): every free operator rings; the first to answer wins, the others end', () => {
  h = harness(
    groupOffice(2, (o) => {
      o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 5 };
      o.employees[1]!.policy = { onRing: 'answer', answerAfterSec: 2, hangupAfterSec: 5 };
      o.employees[2]!.policy = { onRing: 'never' };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(30);
  assert.deepEqual(rung(h), ['101:1100', '102+:1120', '103:1100']);
});

test('random (3) tries every operator once, one at a time, in a seeded order', () => {
  h = harness(
    groupOffice(3, (o) => {
      for (const e of o.employees) e.policy = { onRing: 'never' };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(60);
  const order = rung(h);
  assert.equal(order.length, 3);
  assert.deepEqual([...order].sort(), ['101:1111', '102:1111', '103:1111']);
  const summary = h.out.find((e) => e.path === 'events/summary')!.data as unknown as SummaryEventPayload;
  assert.equal(summary.disconnect_reason, 1111);
  // The first operator who missed, and no device: an unsuccessful group call (reference §4.2).
  assert.equal(summary.to.extension, order[0]!.split(':')[0]);
  assert.equal(summary.to.number, undefined);
});

test('most idle (5): the operator idle longest rings first', () => {
  h = harness(
    groupOffice(5, (o) => {
      for (const e of o.employees) e.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 3 };
    }),
  );
  // 101 then 102 take a call; 103 never did, so it is the most idle, then 101.
  h.engine.command('callback', { command_id: 'a', from: { extension: '101' }, to_number: '79000000009' });
  h.sec(30);
  h.engine.command('callback', { command_id: 'b', from: { extension: '102' }, to_number: '79000000009' });
  h.sec(30);
  h.out.length = 0;
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer', hangupAfterSec: 2 });
  h.sec(10);
  h.engine.incomingCall('79000000002', undefined, { onRing: 'answer', hangupAfterSec: 2 });
  h.sec(10);
  assert.deepEqual(
    rung(h).map((x) => x.slice(0, 3)),
    ['103', '101'],
  );
});

test('all operators busy and no queue: 1161; none reachable: 1164', () => {
  h = harness(
    groupOffice(0, (o) => {
      for (const e of o.employees) e.policy = { onRing: 'answer', answerAfterSec: 1 };
    }),
  );
  for (let i = 0; i < 3; i++) {
    h.engine.incomingCall(`7900000000${i}`, undefined, { onRing: 'answer' });
    h.sec(2);
  }
  h.engine.incomingCall('79000000009', undefined, { onRing: 'answer' });
  h.sec(1);
  assert.equal(h.calls().at(-1)!.disconnect_reason, 1161);
  h.close();
  h = harness(
    groupOffice(0, (o) => {
      for (const e of o.employees) for (const n of e.numbers) n.status = 'off';
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(1);
  assert.deepEqual(h.trail(), ['Appeared@ivr>74951234567 Disconnected@ivr:1164>74951234567']);
});

test('queue: callers wait in location queue, are served when an operator frees up; overflow ends with 1162', () => {
  h = harness(
    groupOffice(0, (o, g) => {
      g.operators = [{ id: 1001, priority: 1 }];
      g.queue = { max_size: 1, max_wait_sec: 100 };
      o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 20 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(2);
  const second = h.engine.incomingCall('79000000002', undefined, { onRing: 'answer' });
  h.sec(1);
  const queued = h.calls().filter((e) => e.entry_id === second.entry_id);
  assert.deepEqual(
    queued.map((e) => `${e.call_state}@${e.location}${e.disconnect_reason ? `:${e.disconnect_reason}` : ''}`),
    ['Appeared@ivr', 'Appeared@queue', 'Disconnected@ivr:1100'],
  );
  assert.equal(queued[1]!.from.taken_from_call_id, second.call_id);
  assert.equal(queued[1]!.to.acd_group, '900');
  const third = h.engine.incomingCall('79000000003', undefined, { onRing: 'answer' });
  h.sec(1);
  assert.equal(
    h
      .calls()
      .filter((e) => e.entry_id === third.entry_id)
      .at(-1)!.disconnect_reason,
    1162,
  );
  // The first call ends after 20 s of talk; the queued caller is then put through to 101.
  h.sec(25);
  const served = h.calls().filter((e) => e.entry_id === second.entry_id && e.location === 'abonent');
  assert.deepEqual(
    served.map((e) => e.call_state),
    ['Appeared', 'Connected'],
  );
  assert.ok(
    h
      .calls()
      .some((e) => e.entry_id === second.entry_id && e.location === 'queue' && e.disconnect_reason === 1100),
  );
});

test('queue: the wait limit ends the call with 1163', () => {
  h = harness(
    groupOffice(0, (o, g) => {
      g.operators = [{ id: 1001, priority: 1 }];
      g.queue = { max_size: 5, max_wait_sec: 30 };
      o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 300 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(2);
  const second = h.engine.incomingCall('79000000002', undefined, { onRing: 'answer' });
  h.sec(29);
  const inQueue = h.calls().filter((e) => e.entry_id === second.entry_id && e.location === 'queue');
  assert.deepEqual(
    inQueue.map((e) => e.call_state),
    ['Appeared'],
  );
  h.sec(2);
  const last = h
    .calls()
    .filter((e) => e.entry_id === second.entry_id)
    .at(-1)!;
  assert.equal(last.location, 'queue');
  assert.equal(last.disconnect_reason, 1163);
  const summary = h.out.filter((e) => e.path === 'events/summary').at(-1)!.data;
  assert.equal(summary.entry_id, second.entry_id);
  assert.equal(summary.disconnect_reason, 1163);
  assert.equal(summary.entry_result, 0);
});

test('Contact-Center users on a break or offline are not offered calls', () => {
  h = harness(
    groupOffice(0, (o) => {
      o.employees[0]!.cc_status = 3;
      o.employees[1]!.cc_status = 4;
      o.employees[2]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 5 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(30);
  assert.deepEqual(rung(h), ['103+:1120']);
});

test('a queued caller who hangs up leaves at once: summary 1110, nobody rung afterwards', () => {
  h = harness(
    groupOffice(0, (o, g) => {
      g.operators = [{ id: 1001, priority: 1 }];
      g.queue = { max_size: 5, max_wait_sec: 300 };
      o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 30 };
    }),
  );
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(2);
  const second = h.engine.incomingCall('79000000002', undefined, { onRing: 'answer' });
  h.sec(5);
  h.engine.hangupCall(h.engine.live.get(second.entry_id)!, 1110);
  const summary = h.out.filter((e) => e.path === 'events/summary').at(-1)!.data;
  assert.equal(summary.entry_id, second.entry_id);
  assert.equal(summary.disconnect_reason, 1110);
  assert.equal(h.engine.queues.get(900)?.length ?? 0, 0);
  h.sec(120);
  assert.equal(h.calls().filter((e) => e.entry_id === second.entry_id && e.location === 'abonent').length, 0);
});
