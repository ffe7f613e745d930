import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

test('callback rings the employee first, then the destination with taken_from_call_id; ends with a summary', async () => {
  h = harness((o) => {
    o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 2, hangupAfterSec: 50 };
    o.customers!['79035550101'] = { onRing: 'answer', answerAfterSec: 4, hangupAfterSec: 20 };
  });
  const ack = h.engine.command('callback', {
    command_id: 'cb-1',
    from: { extension: '101' },
    to_number: '79035550101',
  });
  assert.deepEqual(ack, { result: 1000 });
  h.sec(60);
  const events = h.calls();
  const [leg1, leg2] = [...new Set(events.map((e) => e.call_id))];
  assert.ok(leg1 && leg2);
  assert.deepEqual(h.trail(), [
    'Appeared@abonent>101 Connected@abonent>101 Disconnected@abonent:1000>101',
    // The called client hangs up first: "ended by the called party".
    'Appeared@abonent>79035550101 Connected@abonent>79035550101 Disconnected@abonent:1120>79035550101',
  ]);
  const second = h.calls(leg2);
  assert.equal(second[0]!.from.taken_from_call_id, leg1);
  assert.equal(second[0]!.from.extension, '101');
  assert.equal(second[0]!.to.line_number, '74951234567', 'default line: the employee outgoing line');
  assert.ok(events.every((e) => e.command_id === 'cb-1' && e.callback_initiator === 'API'));
  assert.ok(events.every((e) => e.entry_id === events[0]!.entry_id));
  assert.deepEqual(
    second.map((e) => e.seq),
    [1, 2, 3],
  );
  // Leg 2 appears before leg 1 is released (reference §2.1).
  const idxAppeared2 = events.findIndex((e) => e.call_id === leg2);
  const idxDisc1 = events.findIndex((e) => e.call_id === leg1 && e.call_state === 'Disconnected');
  assert.ok(idxAppeared2 < idxDisc1);
  const summary = h.out.find((e) => e.path === 'events/summary')!.data;
  assert.equal(summary.call_direction, 2);
  assert.equal(summary.entry_result, 1);
  assert.equal(summary.disconnect_reason, 1120);
  assert.equal(Number(summary.end_time) - Number(summary.talk_time), 20);
  assert.equal(Number(summary.talk_time) - Number(summary.create_time), 6);
  assert.deepEqual(summary.to, { number: '79035550101' });
  assert.equal(summary.line_number, '74951234567');
  assert.deepEqual(await h.results(), { 'cb-1': 1000 });
  const record = h.engine.calls()[0]!;
  assert.equal(record.legs.length, 2);
  assert.equal(record.cost, 1.5, 'one started minute at 1.5');
  assert.equal(h.office.account.balance, 5000 - 1.5);
});

test('callback without line_number calls out on the employee outgoing line even when a line has no name', () => {
  h = harness((o) => {
    // An unnamed line listed first must not win over the employee's own outgoing line.
    o.lines.unshift({ line_id: 90, number: '74950009090', region: '77', schema_id: 10 });
    o.employees[0]!.outgoingline = '78005553535';
    o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 30 };
    o.customers!['79035550101'] = { onRing: 'answer', answerAfterSec: 1, hangupAfterSec: 5 };
  });
  h.engine.command('callback', {
    command_id: 'cb-line',
    from: { extension: '101' },
    to_number: '79035550101',
  });
  h.sec(30);
  const legs = [...new Set(h.calls().map((e) => e.call_id))];
  assert.equal(h.calls(legs[1])[0]!.to.line_number, '78005553535');
});

test('callback line_number selects the caller ID and from.number rings another device', () => {
  h = harness();
  h.engine.command('callback', {
    command_id: 'cb-2',
    from: { extension: '102', number: '79161234567' },
    to_number: '79035550202',
    line_number: '78005553535',
  });
  const first = h.calls()[0]!;
  assert.equal(first.to.number, '79161234567');
  assert.equal(first.to.extension, '102');
  h.sec(10);
  const second = h.calls().find((e) => e.from.taken_from_call_id)!;
  assert.equal(second.to.line_number, '78005553535');
  assert.equal(second.from.number, '79161234567');
});

test('callback to an extension is an internal call (direction 0) answered by that employee', () => {
  h = harness();
  h.engine.command('callback', { command_id: 'cb-3', from: { extension: '101' }, to_number: '201' });
  h.sec(120);
  const summary = h.out.find((e) => e.path === 'events/summary')!.data;
  assert.equal(summary.call_direction, 0);
  assert.deepEqual((summary.to as { extension: string }).extension, '201');
  assert.equal(summary.line_number, undefined);
});

test('callback: missing fields answer 3100 with field codes and start nothing; an unknown extension fails in result/callback', async () => {
  h = harness();
  assert.deepEqual(h.engine.command('callback', { command_id: 'x', from: { extension: '101' } }), {
    result: 3100,
    fields: { to_number: 3103 },
  });
  assert.deepEqual(h.engine.command('callback', { from: { extension: '101' }, to_number: '7900' }), {
    result: 3100,
    fields: { command_id: 3103 },
  });
  assert.equal(h.engine.command('callback', { command_id: 'y', from: 5, to_number: '7900' }).result, 3100);
  assert.deepEqual(
    h.engine.command('callback', { command_id: 'z', from: { extension: '999' }, to_number: '7900' }),
    {
      result: 1000,
    },
  );
  assert.deepEqual(await h.results(), { z: 3100 });
  assert.equal(h.calls().length, 0);
});

test('callback to a number on the outbound blacklist ends with 1130 and no destination leg', () => {
  h = harness();
  h.engine.command('callback', { command_id: 'cb-4', from: { extension: '101' }, to_number: '79998887766' });
  h.sec(30);
  assert.deepEqual(h.trail(), ['Appeared@abonent>101 Connected@abonent>101 Disconnected@abonent:1000>101']);
  assert.equal(h.out.find((e) => e.path === 'events/summary')!.data.disconnect_reason, 1130);
});

test('callback with an empty balance is refused with 2240', async () => {
  h = harness((o) => {
    o.account.balance = 0;
  });
  h.engine.command('callback', { command_id: 'cb-5', from: { extension: '101' }, to_number: '79035550101' });
  assert.deepEqual(await h.results(), { 'cb-5': 2240 });
});

test('callback_group from a group rings operators first, then the client', () => {
  h = harness((o) => {
    o.employees[0]!.policy = { onRing: 'never' };
  });
  h.engine.command('callback_group', {
    command_id: 'g-1',
    from: '500',
    to: '79035550101',
    line_number: '74951234567',
  });
  h.sec(80);
  const t = h.trail();
  // Sales (serial): 101 never answers (1111 after ring_sec 15), 102 answers after 6 s, then the client leg.
  assert.equal(t[0], 'Appeared@abonent>101 Disconnected@abonent:1111>101');
  assert.equal(t[1], 'Appeared@abonent>102 Connected@abonent>102 Disconnected@abonent:1000>102');
  assert.match(
    t[2]!,
    /^Appeared@abonent>79035550101 Connected@abonent>79035550101 Disconnected@abonent:11[12]0/,
  );
  const clientLeg = h.calls().filter((e) => e.to.number === '79035550101')[0]!;
  assert.equal(clientLeg.from.extension, '102');
  assert.equal(clientLeg.to.line_number, '74951234567');
  const summary = h.out.find((e) => e.path === 'events/summary')!.data;
  assert.equal(summary.call_direction, 2);
  assert.equal(summary.entry_result, 1);
});

test('callback_group to a group rings the client first, then hunts the group', () => {
  h = harness();
  h.engine.command('callback_group', {
    command_id: 'g-2',
    from: '79035550202',
    to: '600',
    line_number: '74951234567',
  });
  h.sec(90);
  const t = h.trail();
  assert.match(
    t[0]!,
    /^Appeared@abonent>79035550202 Connected@abonent>79035550202 Disconnected@abonent:1000/,
  );
  const opLegs = h.calls().filter((e) => e.to.acd_group === '600' && e.call_state === 'Appeared');
  assert.ok(opLegs.length >= 2, 'support rings all free operators at once');
  assert.ok(opLegs.every((e) => e.from.number === '79035550202' && e.from.taken_from_call_id));
  assert.equal(h.out.find((e) => e.path === 'events/summary')!.data.entry_result, 1);
});

test('callback_group needs exactly one group side', async () => {
  h = harness();
  h.engine.command('callback_group', { command_id: 'g-3', from: '79035550202', to: '79035550101' });
  assert.deepEqual(await h.results(), { 'g-3': 3100 });
});

test("the employee's dial_alg picks devices: 0 rings every active one at once, 2 only the main one", () => {
  h = harness((o) => {
    const anna = o.employees[0]!;
    anna.dial_alg = 0;
    anna.policy = { onRing: 'answer', answerAfterSec: 2 };
    const boris = o.employees[1]!;
    boris.dial_alg = 2;
    boris.numbers[0]!.status = 'off';
  });
  h.engine.command('callback', { command_id: 'd0', from: { extension: '101' }, to_number: '79000000001' });
  h.sec(3);
  const first = h.calls().filter((e) => e.to.extension === '101');
  const devices = [...new Set(first.map((e) => e.to.number))];
  assert.equal(devices.length, 2, 'SIP and mobile ring together');
  assert.deepEqual(
    first.map((e) => `${e.call_state}${e.disconnect_reason ? `:${e.disconnect_reason}` : ''}`).sort(),
    ['Appeared', 'Appeared', 'Connected', 'Disconnected:1000', 'Disconnected:1100'],
  );
  h.out.length = 0;
  h.engine.command('callback', { command_id: 'd2', from: { extension: '102' }, to_number: '79000000001' });
  h.sec(60);
  assert.equal(
    h.calls().filter((e) => e.command_id === 'd2').length,
    0,
    'main device off: nothing rings, no events (reference §4.1)',
  );
  const summaries = h.out.filter((e) => e.path === 'events/summary').map((e) => e.data);
  assert.ok(
    summaries.some((x) => (x.from as { extension?: string }).extension === '102' && x.entry_result === 0),
  );
});
