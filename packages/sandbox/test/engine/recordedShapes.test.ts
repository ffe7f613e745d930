import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { CallEventPayload, SummaryEventPayload } from 'mangokit';
import { type Harness, harness } from '../support/engineHarness.js';

/*
 * Shapes that recorded production traffic (and the vendor's own examples) show and the sandbox
 * plays since `mangokit conformance` compared them: calls dialled from a phone, the cabinet's
 * ping, sip_call_id, and 1124 for a Contact-Center user in "do not disturb".
 */

let h: Harness;
afterEach(() => h.close());

test('an employee dials from the phone: one leg without command_id, answered and hung up by either side', () => {
  h = harness((o) => {
    o.default_customer_policy = { onRing: 'never' };
  });
  const { entry_id, call_id } = h.engine.employeeCall('101', '79261234567');
  const [appeared] = h.calls(call_id);
  assert.equal(appeared?.call_state, 'Appeared');
  assert.equal(appeared?.location, 'abonent');
  assert.equal(appeared?.from.extension, '101');
  assert.equal(appeared?.to.number, '79261234567');
  assert.equal(appeared?.command_id, undefined);
  assert.equal(appeared?.callback_initiator, undefined);
  assert.equal(appeared?.entry_id, entry_id);
  h.sec(4);
  h.engine.answer({ call_id });
  h.sec(10);
  // The called customer hangs up: the leg's "to" side, 1120.
  h.engine.partyHangup({ call_id }, 'to');
  assert.deepEqual(
    h.calls(call_id).map((c) => [c.call_state, c.disconnect_reason]),
    [
      ['Appeared', undefined],
      ['Connected', undefined],
      ['Disconnected', 1120],
    ],
  );
  const summary = h.out.find((e) => e.path === 'events/summary')?.data as unknown as SummaryEventPayload;
  assert.equal(summary.call_direction, 2);
  assert.equal(summary.entry_result, 1);
  assert.equal(summary.from.extension, '101');
  assert.equal(summary.line_number, h.office.lines[0]?.number);
  // A ringing leg cannot be hung up by a side: it is answered or rejected.
  const second = h.engine.employeeCall('101', '102');
  assert.throws(() => h.engine.partyHangup({ call_id: second.call_id }, 'from'), /not connected/);
});

test('the cabinet’s check connection sends a ping notification with an empty object', () => {
  h = harness();
  h.engine.ping();
  assert.deepEqual(h.out, [{ path: 'ping', data: {} }]);
});

test('sip_call_id on every notification of an incoming SIP call, only when the office passes it on', () => {
  h = harness((o) => {
    o.forward_sip_call_id = true;
    o.lines[0]!.region = 'sip';
  });
  const sip = 'a84b4c76e66710@pc33.atlanta.example';
  const { entry_id } = h.engine.incomingCall(
    '79001234567',
    undefined,
    { onRing: 'answer', abandonAfterSec: 5 },
    sip,
  );
  h.sec(10);
  const mine = h.out.filter((e) => e.data.entry_id === entry_id && e.path !== 'events/dtmf');
  assert.ok(mine.length >= 3);
  for (const e of mine) assert.equal(e.data.sip_call_id, sip, e.path);
  // Off (the cabinet's default), or on a line that is not SIP: never sent.
  for (const tweak of [
    (o: Harness['office']) => {
      o.lines[0]!.region = 'sip';
    },
    (o: Harness['office']) => {
      o.forward_sip_call_id = true;
    },
  ]) {
    h.close();
    h = harness(tweak);
    h.engine.incomingCall('79001234567', undefined, { onRing: 'answer', abandonAfterSec: 5 }, sip);
    h.sec(10);
    assert.ok(h.out.every((e) => !('sip_call_id' in e.data)));
  }
});

test('a Contact-Center user in "do not disturb" answers 1124; a phone on DND still 1123, a rejection 1122', () => {
  h = harness((o) => {
    const e = o.employees.find((x) => x.extension === '101')!;
    e.cc_status = 2;
    e.policy = { onRing: 'answer' };
    const p = o.employees.find((x) => x.extension === '102')!;
    p.cc_status = 1;
    p.policy = { onRing: 'dnd' };
    o.employees.find((x) => x.extension === '103')!.policy = { onRing: 'reject', answerAfterSec: 2 };
  });
  const ended = (ext: string) => {
    h.engine.employeeCall('300', ext);
    h.sec(40);
    const legs = h.calls().filter((c) => c.to.extension === ext && c.call_state === 'Disconnected');
    assert.ok(legs.length > 0, `no leg to ${ext}`);
    return (legs.at(-1) as CallEventPayload).disconnect_reason;
  };
  assert.equal(ended('101'), 1124);
  assert.equal(ended('102'), 1123);
  assert.equal(ended('103'), 1122);
});

test('the initiator hangs up while the consultation still rings: the caller takes the ringing leg (a blind transfer)', () => {
  h = harness();
  for (const ext of ['101', '102']) h.engine.setManual(ext, true);
  const { entry_id } = h.engine.incomingCall('79001234567', undefined, { onRing: 'answer' });
  h.sec(30);
  const ringing = h
    .calls()
    .find((c) => c.entry_id === entry_id && c.location === 'abonent' && c.to.extension === '101');
  assert.ok(ringing, 'the call reaches 101');
  h.engine.answer({ call_id: ringing.call_id });
  assert.equal(
    h.engine.command('transfer', {
      command_id: 't',
      call_id: ringing.call_id,
      method: 'hold',
      to_number: '102',
      initiator: '101',
    }).result,
    1000,
  );
  const consult = h.calls().find((c) => c.to.extension === '102' && c.call_state === 'Appeared');
  assert.ok(consult, 'the consultation rings 102');
  h.sec(2);
  h.engine.employeeHangup({ call_id: consult.call_id }, '101');
  const again = h.calls(consult.call_id);
  // Announced again while still ringing: the caller as its caller, now blind (reference §4.1 `transfer`).
  assert.deepEqual(
    again.map((c) => [c.seq, c.call_state, c.transfer]),
    [
      [1, 'Appeared', 'consultative'],
      [2, 'Appeared', 'blind'],
    ],
  );
  assert.equal(again[1]?.from.number, '79001234567');
  assert.equal(again[1]?.from.taken_from_call_id, ringing.call_id);
  const held = h.calls(ringing.call_id).at(-1);
  assert.equal(held?.call_state, 'Disconnected');
  h.engine.answer({ call_id: consult.call_id });
  assert.equal(h.calls(consult.call_id).at(-1)?.call_state, 'Connected');
});
