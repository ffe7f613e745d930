import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { CallEventPayload, RecordingEventPayload } from 'mangokit';
import type { Office } from '../../src/office/types.js';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

function recordingEvents(): RecordingEventPayload[] {
  return h.out
    .filter((e) => e.path === 'events/recording')
    .map((e) => e.data as unknown as RecordingEventPayload);
}

/**
 * 101 called 79000000077 with `commands/callback` and both talk (every phone answers after 1 s,
 * no automatic recording); `tweak` edits the office after that. Returns the customer's leg.
 */
function talkingCallback(tweak?: (o: Office) => void): CallEventPayload {
  h = harness((o) => {
    for (const e of o.employees) {
      e.policy = { onRing: 'answer', answerAfterSec: 1 };
      e.recording = 'none';
    }
    o.customers!['79000000077'] = { onRing: 'answer', answerAfterSec: 1 };
    tweak?.(o);
  });
  h.engine.command('callback', { command_id: 'cb', from: { extension: '101' }, to_number: '79000000077' });
  h.sec(5);
  return h.calls().find((e) => e.to.number === '79000000077' && e.call_state === 'Connected')!;
}

test('recording/start: Started on the talking leg, Continued after a blind transfer, Completed, then record/added', async () => {
  const leg = talkingCallback();
  h.engine.command('recording/start', { command_id: 'r1', call_id: leg.call_id, call_party_number: '101' });
  h.engine.command('recording/start', { command_id: 'r2', call_id: leg.call_id, call_party_number: '101' });
  h.engine.command('recording/start', {
    command_id: 'r3',
    call_id: leg.call_id,
    call_party_number: '79000000077',
  });
  h.sec(10);
  h.engine.command('transfer', {
    command_id: 't',
    call_id: leg.call_id,
    method: 'blind',
    to_number: '201',
    initiator: '101',
  });
  h.sec(2);
  const newLeg = h.calls().find((e) => e.transfer === 'blind')!;
  h.sec(20);
  h.engine.command('call/hangup', { command_id: 'h', call_id: newLeg.call_id });
  h.sec(3);
  const rec = recordingEvents();
  assert.deepEqual(
    rec.map((e) => [e.recording_state, e.seq, e.call_id]),
    [
      ['Started', 1, leg.call_id],
      ['Continued', 2, newLeg.call_id],
      ['Completed', 3, newLeg.call_id],
    ],
  );
  assert.equal(rec[0]!.command_id, 'r1');
  assert.equal(rec[0]!.extension, '101');
  assert.equal(rec[2]!.completion_code, 1000);
  assert.equal(rec[2]!.recipient, 'Cloud');
  const added = h.out.filter((e) => e.path === 'events/record/added');
  assert.equal(added.length, 1);
  assert.equal(added[0]!.data.recording_id, rec[0]!.recording_id);
  assert.equal(added[0]!.data.user_id, 1001);
  assert.equal(added[0]!.data.product_id, h.office.product_id);
  const stored = h.engine.recording(rec[0]!.recording_id)!;
  assert.equal(stored.duration_sec, 10 + 1 + 20, 'talk before the transfer plus after the target answered');
  const results = await h.results();
  assert.equal(results.r1, 1000);
  assert.equal(results.r2, 4102, 'already recording');
  assert.equal(results.r3, 3330, 'only employees can be recorded');
  const legs = h.engine.calls()[0]!.legs;
  assert.ok(legs.find((l) => l.call_id === leg.call_id)!.records.includes(rec[0]!.recording_id));
});

test('a recording waiting for a blind transfer target completes when the caller hangs up meanwhile', () => {
  const leg = talkingCallback((o) => {
    o.employees.find((e) => e.extension === '201')!.policy = { onRing: 'never' };
  });
  h.engine.command('recording/start', { command_id: 'r1', call_id: leg.call_id, call_party_number: '101' });
  h.sec(10);
  h.engine.command('transfer', {
    command_id: 't',
    call_id: leg.call_id,
    method: 'blind',
    to_number: '201',
    initiator: '101',
  });
  h.sec(2);
  const ringing = [...h.engine.legs.values()][0]!;
  assert.equal(ringing.state, 'Appeared', 'the target is still ringing');
  h.engine.callerHangup({ entry_id: ringing.call.entry_id });
  h.sec(5);
  assert.equal(h.engine.live.size, 0);
  const rec = recordingEvents();
  assert.deepEqual(
    rec.map((e) => [e.recording_state, e.completion_code]),
    [
      ['Started', undefined],
      ['Completed', 1000],
    ],
  );
  assert.equal(h.engine.recording(rec[0]!.recording_id)!.duration_sec, 10);
  const added = h.out.filter((e) => e.path === 'events/record/added');
  assert.equal(added.length, 1);
  const summary = h.out.findIndex((e) => e.path === 'events/summary');
  const completed = h.out.findIndex(
    (e) => e.path === 'events/recording' && e.data.recording_state === 'Completed',
  );
  assert.ok(completed >= 0 && completed < summary, 'Completed comes before the summary');
});

test('automatic recording follows the office (incoming only for support)', () => {
  h = harness();
  h.engine.incomingCall('79035550202');
  h.sec(120);
  const rec = recordingEvents();
  assert.deepEqual(
    rec.map((e) => e.recording_state),
    ['Started', 'Completed'],
  );
  assert.equal(rec[0]!.extension, '201');
  assert.equal(rec[0]!.command_id, undefined);
});

test('play/start works only in IVR/queue windows and needs a known audio file', async () => {
  h = harness();
  const { call_id } = h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.engine.command('play/start', { command_id: 'p1', call_id, internal_id: 7005, after_play_time: 2 });
  h.engine.command('play/start', { command_id: 'p2', call_id, internal_id: 12345 });
  h.engine.command('play/start', { command_id: 'p3', call_id: 'nope', internal_id: 7005 });
  // While the group rings an operator the IVR leg is in transition: no window.
  h.sec(3 + 6 + 8 + 6 + 1);
  h.engine.command('play/start', { command_id: 'p4', call_id, internal_id: 7005 });
  assert.deepEqual(h.engine.command('play/start', { command_id: 'p5', call_id }), {
    result: 3100,
    fields: { internal_id: 3103 },
  });
  const r = await h.results();
  assert.deepEqual([r.p1, r.p2, r.p3], [1000, 3340, 4101]);
  assert.ok(r.p4 === 4100 || r.p4 === 4101, `p4 answered ${r.p4}`);
});

test('play/start delays the menu timeout by the file length plus after_play_time', () => {
  h = harness();
  h.engine.incomingCall('79000000001', undefined, { onRing: 'answer' });
  h.sec(3);
  const callId = h.calls()[0]!.call_id;
  h.engine.command('play/start', {
    command_id: 'p',
    call_id: callId,
    internal_id: 7005,
    after_play_time: 10,
  });
  // Without the prompt the menu would time out at 3 + 6 + 8 = 17 s; now at 3 + 6 + 8 + 4 + 10.
  h.sec(15);
  assert.equal(h.calls().filter((e) => e.location === 'abonent').length, 0);
  h.sec(13);
  assert.ok(h.calls().filter((e) => e.location === 'abonent').length > 0);
});

test('sms: result/sms 1000, then events/sms with the delivery reason (1000 or a configured 43xx); balance charged', async () => {
  h = harness();
  const before = h.office.account.balance;
  h.engine.command('sms', {
    command_id: 's1',
    text: 'Your order is ready',
    from_extension: '101',
    to_number: '79000000001',
  });
  h.engine.smsReasons.push(4391);
  h.engine.command('sms', {
    command_id: 's2',
    text: 'Ваш заказ готов'.repeat(5),
    from_extension: '101',
    to_number: '79000000001',
    sms_sender: 'DemoOffice',
  });
  h.engine.command('sms', { command_id: 's3', text: 'x', from_extension: '999', to_number: '79000000001' });
  assert.equal(
    h.engine.command('sms', {
      command_id: 's4',
      text: 'x'.repeat(613),
      from_extension: '101',
      to_number: '7900',
    }).result,
    3100,
  );
  assert.deepEqual(await h.results(), { s1: 1000, s2: 1000, s3: 3330 });
  assert.equal(h.out.filter((e) => e.path === 'events/sms').length, 0, 'the report comes later');
  h.sec(5);
  const reports = h.out.filter((e) => e.path === 'events/sms').map((e) => [e.data.command_id, e.data.reason]);
  assert.deepEqual(reports, [
    ['s1', 1000],
    ['s2', 4391],
  ]);
  // 1 Latin segment + 2 Cyrillic segments (75 chars / 67) at 2.5 each.
  assert.equal(h.office.account.balance, before - 3 * 2.5);
});

test('incoming calls are charged at the incoming tariff per started minute', () => {
  h = harness((o) => {
    o.account.tariffs.incoming_per_minute = 0.5;
  });
  h.engine.incomingCall('79035550101');
  h.sec(120);
  const record = h.engine.calls()[0]!;
  assert.equal(record.entry_result, 1);
  assert.equal(record.cost, 0.5);
});

test('a recording started while the callback rings the employee continues into the conversation', () => {
  h = harness((o) => {
    for (const e of o.employees) e.recording = 'none';
    o.employees[0]!.policy = { onRing: 'answer', answerAfterSec: 2 };
    o.customers!['79000000088'] = { onRing: 'answer', answerAfterSec: 3, hangupAfterSec: 10 };
  });
  h.engine.command('callback', { command_id: 'cb', from: { extension: '101' }, to_number: '79000000088' });
  const first = h.calls()[0]!;
  h.engine.command('recording/start', { command_id: 'r', call_id: first.call_id, call_party_number: '101' });
  h.sec(30);
  const rec = recordingEvents();
  const second = h.calls().find((e) => e.from.taken_from_call_id === first.call_id)!;
  assert.deepEqual(
    rec.map((e) => [e.recording_state, e.call_id]),
    [
      ['Started', first.call_id],
      ['Continued', second.call_id],
      ['Completed', second.call_id],
    ],
  );
  assert.equal(h.engine.recording(rec[0]!.recording_id)!.duration_sec, 10);
});
