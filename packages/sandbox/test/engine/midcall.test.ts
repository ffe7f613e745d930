import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { CallEventPayload } from 'mangokit';
import type { Office } from '../../src/office/types.js';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

const CLIENT = '79035550777';

/** Employees answer after 1 s and never hang up by themselves; the client too. */
function calm(o: Office): void {
  for (const e of o.employees) {
    e.policy = { onRing: 'answer', answerAfterSec: 1 };
    e.recording = 'none';
    e.cc_status = 1;
  }
  o.customers![CLIENT] = { onRing: 'answer', answerAfterSec: 1 };
}

/** 101 calls the client by callback; returns the talking leg (from 101, to the client). */
function talking(): CallEventPayload {
  h.engine.command('callback', { command_id: 'cb', from: { extension: '101' }, to_number: CLIENT });
  h.sec(5);
  const leg = h.calls().find((e) => e.to.number === CLIENT && e.call_state === 'Connected');
  assert.ok(leg, 'the callback talks');
  return leg;
}

function states(callId: string): string[] {
  return h.calls(callId).map((e) => `${e.call_state}${e.disconnect_reason ? `:${e.disconnect_reason}` : ''}`);
}

test('call/hangup ends a leg with 1181; an unknown leg answers 4101 in result/call/hangup', async () => {
  h = harness(calm);
  const leg = talking();
  h.engine.command('call/hangup', { command_id: 'h1', call_id: leg.call_id });
  h.engine.command('call/hangup', { command_id: 'h2', call_id: 'nope' });
  assert.deepEqual(states(leg.call_id), ['Appeared', 'Connected', 'Disconnected:1181']);
  assert.deepEqual(await h.results(), { cb: 1000, h1: 1000, h2: 4101 });
  assert.equal(h.out.find((e) => e.path === 'events/summary')!.data.disconnect_reason, 1181);
});

test('call/hold/on puts the leg OnHold with hold_initiator on the employee side', async () => {
  h = harness(calm);
  const leg = talking();
  h.engine.command('call/hold/on', { command_id: 'ho', call_id: leg.call_id, initiator: '101' });
  const held = h.calls(leg.call_id).at(-1)!;
  assert.equal(held.call_state, 'OnHold');
  assert.equal(held.from.hold_initiator, true);
  assert.equal(held.to.hold_initiator, undefined);
  h.engine.command('call/hold/on', { command_id: 'ho2', call_id: leg.call_id, initiator: '101' });
  h.engine.command('call/hold/on', { command_id: 'ho3', call_id: leg.call_id, initiator: CLIENT });
  const results = await h.results();
  assert.equal(results.ho, 1000);
  assert.equal(results.ho2, 4100, 'already on hold');
  assert.equal(results.ho3, 4100);
});

test('blind transfer: the initiator leaves (was_transferred, 1183); the client rings the target (transfer: blind)', async () => {
  h = harness(calm);
  const leg = talking();
  h.engine.command('transfer', {
    command_id: 't1',
    call_id: leg.call_id,
    method: 'blind',
    to_number: '201',
    initiator: '101',
  });
  h.sec(3);
  const old = h.calls(leg.call_id).at(-1)!;
  assert.equal(old.call_state, 'Disconnected');
  assert.equal(old.disconnect_reason, 1183);
  assert.equal(old.from.was_transferred, true);
  const next = h.calls().filter((e) => e.transfer === 'blind');
  assert.deepEqual(
    next.map((e) => e.call_state),
    ['Appeared', 'Connected'],
  );
  assert.equal(next[0]!.from.number, CLIENT);
  assert.equal(next[0]!.from.taken_from_call_id, leg.call_id);
  assert.equal(next[0]!.to.extension, '201');
  assert.equal(next[0]!.command_id, 't1');
  assert.deepEqual((await h.results()).t1, 1000);
});

test('blind transfer to someone who does not answer returns to the initiator (return_blind)', () => {
  h = harness((o) => {
    calm(o);
    o.employees.find((e) => e.extension === '202')!.policy = { onRing: 'never' };
  });
  const leg = talking();
  h.engine.command('transfer', {
    command_id: 't2',
    call_id: leg.call_id,
    method: 'blind',
    to_number: '202',
    initiator: '101',
  });
  // 202 rings its two devices in turn (dial_alg 1: 20 s + 25 s) before the call returns to 101.
  h.sec(60);
  const kinds = h
    .calls()
    .filter((e) => e.transfer)
    .map((e) => `${e.transfer}:${e.call_state}:${e.to.extension}`);
  assert.deepEqual(kinds, [
    'blind:Appeared:202',
    'blind:Disconnected:202',
    'blind:Appeared:202',
    'blind:Disconnected:202',
    'return_blind:Appeared:101',
    'return_blind:Connected:101',
  ]);
});

test('consultative transfer: hold, consult leg, calls_connect joins the client with the target', async () => {
  h = harness(calm);
  const leg = talking();
  h.engine.command('transfer', {
    command_id: 'c1',
    call_id: leg.call_id,
    method: 'hold',
    to_number: '201',
    initiator: '101',
  });
  assert.equal(h.calls(leg.call_id).at(-1)!.call_state, 'OnHold');
  assert.equal(h.calls(leg.call_id).at(-1)!.from.hold_initiator, true);
  h.sec(2);
  const consult = h.calls().find((e) => e.transfer === 'consultative')!;
  assert.equal(consult.from.extension, '101');
  assert.equal(consult.to.extension, '201');
  assert.deepEqual(states(consult.call_id), ['Appeared', 'Connected']);
  h.engine.command('calls_connect', {
    command_id: 'cc1',
    holded_call_id: leg.call_id,
    transfer_initiator_number: consult.from.number,
    transferred_call_id: consult.call_id,
  });
  const joined = h.calls(consult.call_id).at(-1)!;
  assert.equal(joined.call_state, 'Connected');
  assert.equal(joined.from.number, CLIENT, 'caller swapped to the held client');
  assert.equal(joined.from.taken_from_call_id, leg.call_id);
  assert.equal(joined.transfer, 'consultative');
  const old = h.calls(leg.call_id).at(-1)!;
  assert.equal(old.call_state, 'Disconnected');
  assert.equal(old.from.was_transferred, true);
  assert.deepEqual(await h.results(), { cb: 1000, c1: 1000, cc1: 1000 });
  // 101 is free again, 201 talks to the client.
  assert.equal(h.engine.isBusy(h.engine.employeeByExtension('101')!), false);
  assert.equal(h.engine.isBusy(h.engine.employeeByExtension('201')!), true);
});

test('consultative transfer: the initiator hanging up joins the parties; transfer_cancel returns to the client', async () => {
  h = harness(calm);
  let leg = talking();
  h.engine.command('transfer', {
    command_id: 'c2',
    call_id: leg.call_id,
    method: 'hold',
    to_number: '201',
    initiator: '101',
  });
  h.sec(2);
  let consult = h.calls().find((e) => e.transfer === 'consultative')!;
  h.engine.employeeHangup({ call_id: consult.call_id }, '101');
  assert.equal(h.calls(consult.call_id).at(-1)!.from.number, CLIENT);
  assert.equal(h.calls(leg.call_id).at(-1)!.disconnect_reason, 1183);
  h.close();

  h = harness(calm);
  leg = talking();
  h.engine.command('transfer', {
    command_id: 'c3',
    call_id: leg.call_id,
    method: 'hold',
    to_number: '201',
    initiator: '101',
  });
  h.sec(2);
  consult = h.calls().find((e) => e.transfer === 'consultative')!;
  h.engine.command('transfer_cancel', { command_id: 'x1', call_id: leg.call_id });
  h.engine.command('transfer_cancel', { command_id: 'x2', call_id: leg.call_id });
  assert.deepEqual(states(leg.call_id), ['Appeared', 'Connected', 'OnHold', 'Connected']);
  assert.equal(h.calls(consult.call_id).at(-1)!.call_state, 'Disconnected');
  const r = await h.results();
  assert.equal(r.x1, 1000);
  assert.equal(r.x2, 4101, 'no transfer left to cancel');
});

test('route intercepts a ringing employee leg: it ends with 1182 and the new leg carries taken_from_call_id', async () => {
  h = harness((o) => {
    calm(o);
    for (const e of o.employees) if (e.extension?.startsWith('20')) e.policy = { onRing: 'never' };
  });
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer', digits: '2' });
  h.sec(6);
  const ringing = h.calls().find((e) => e.to.extension === '201' && e.call_state === 'Appeared')!;
  assert.ok(ringing);
  h.engine.command('route', { command_id: 'i1', call_id: ringing.call_id, to_number: '102' });
  assert.equal(h.calls(ringing.call_id).at(-1)!.disconnect_reason, 1182);
  const taken = h.calls().find((e) => e.to.extension === '102')!;
  assert.equal(taken.from.taken_from_call_id, ringing.call_id);
  assert.equal(taken.command_id, 'i1');
  h.sec(2);
  assert.equal(h.calls(taken.call_id).at(-1)!.call_state, 'Connected');
  h.engine.command('route', { command_id: 'i2', call_id: taken.call_id, to_number: '103' });
  const r = await h.results();
  assert.equal(r.i1, 1000);
  assert.equal(r.i2, 4100, 'a connected leg cannot be routed');
  h.engine.hangupAll();
  const legs = h.engine.calls()[0]!.legs;
  assert.ok(legs.some((l) => l.intercepted && l.to_extension === '102'));
});

test('a live-driven employee answers through the control actions', () => {
  h = harness(calm);
  h.engine.manualEmployees.add(1001);
  h.engine.command('callback', { command_id: 'm', from: { extension: '101' }, to_number: CLIENT });
  h.sec(15);
  const first = h.calls()[0]!;
  assert.deepEqual(states(first.call_id), ['Appeared'], 'nobody answers for a manual phone');
  h.engine.answer({ call_id: first.call_id });
  assert.deepEqual(states(first.call_id), ['Appeared', 'Connected', 'Disconnected:1000']);
});

test('route and play/start work on a call waiting in a queue', async () => {
  h = harness((o) => {
    calm(o);
    const sales = o.groups.find((g) => g.id === 501)!;
    sales.operators = [{ id: 1001, priority: 1 }];
    o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 1 };
  });
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer', digits: '1' });
  h.sec(7);
  h.engine.incomingCall('79000000002', undefined, { onRing: 'answer', digits: '1' });
  h.sec(7);
  const queued = h.calls().find((e) => e.location === 'queue' && e.call_state === 'Appeared')!;
  assert.equal(queued.from.number, '79000000002');
  h.engine.command('play/start', { command_id: 'pq', call_id: queued.call_id, internal_id: 7005 });
  h.engine.command('route', { command_id: 'rq', call_id: queued.call_id, to_number: '102' });
  h.sec(3);
  assert.deepEqual(states(queued.call_id), ['Appeared', 'Disconnected:1100']);
  const routed = h.calls().find((e) => e.to.extension === '102')!;
  assert.equal(routed.from.taken_from_call_id, queued.call_id);
  assert.deepEqual(states(routed.call_id), ['Appeared', 'Connected']);
  const r = await h.results();
  assert.equal(r.pq, 1000);
  assert.equal(r.rq, 1000);
});
