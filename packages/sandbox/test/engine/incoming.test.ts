import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { type Harness, harness } from '../support/engineHarness.js';

let h: Harness;
afterEach(() => h.close());

test('incoming call: IVR menu key 2 → events/dtmf (ivr) → support group → answered → summary', () => {
  h = harness();
  const { entry_id, call_id } = h.engine.incomingCall('79035550202');
  const first = h.calls(call_id)[0]!;
  assert.equal(first.location, 'ivr');
  assert.equal(first.to.line_number, '74951234567');
  assert.equal(first.from.number, '79035550202');
  h.sec(3 + 2);
  const dtmf = h.out.filter((e) => e.path === 'events/dtmf').map((e) => e.data);
  assert.equal(dtmf.length, 1);
  assert.equal(dtmf[0]!.dtmf, '2');
  assert.equal(dtmf[0]!.location, 'ivr');
  assert.equal(dtmf[0]!.entry_id, entry_id);
  assert.equal(dtmf[0]!.call_id, call_id);
  assert.equal(dtmf[0]!.initiator, '79035550202');
  h.sec(120);
  const t = h.trail();
  assert.equal(t[0], 'Appeared@ivr>74951234567 Disconnected@ivr:1100>74951234567');
  // Support rings all free operators at once (alg 2): 204 is in Contact-Center "do not disturb"
  // (cc_status 2) and answers 1124, the code reference §5 gives that status (was 1123).
  assert.ok(t.includes('Appeared@abonent>204 Disconnected@abonent:1124>204'));
  assert.ok(
    t.some((x) => /^Appeared@abonent>201 Connected@abonent>201 Disconnected@abonent:11[12]0>201$/.test(x)),
  );
  const summary = h.out.find((e) => e.path === 'events/summary')!.data;
  assert.equal(summary.call_direction, 1);
  assert.equal(summary.entry_result, 1);
  assert.deepEqual(summary.from, { number: '79035550202' });
  assert.equal((summary.to as { extension: string }).extension, '201');
  assert.ok(Number(summary.forward_time) >= Number(summary.create_time));
  assert.ok(Number(summary.talk_time) > Number(summary.forward_time));
  assert.equal(h.engine.live.size, 0);
});

test('DISA after key 3 collects digits into one packet at ivr.3, and commands/route hands the call over', async () => {
  h = harness();
  const { call_id } = h.engine.incomingCall('79000000001', '74951234567', { onRing: 'answer' });
  h.sec(4);
  const call = [...h.engine.live.values()][0]!;
  h.engine.callerPress({ entry_id: call.entry_id }, '3');
  h.engine.callerPress({ entry_id: call.entry_id }, '12*45');
  h.engine.callerPress({ entry_id: call.entry_id }, '6');
  h.sec(5);
  const dtmf = h.out
    .filter((e) => e.path === 'events/dtmf')
    .map((e) => [e.data.dtmf, e.data.location, e.data.seq]);
  assert.deepEqual(dtmf, [
    ['3', 'ivr', 1],
    ['456', 'ivr.3', 2],
  ]);
  // Within the "please wait" window the integrator routes the call to the director.
  assert.deepEqual(h.engine.command('route', { command_id: 'r-1', call_id, to_number: '300' }), {
    result: 1000,
  });
  h.sec(60);
  assert.deepEqual(await h.results(), { 'r-1': 1000 });
  const t = h.trail();
  assert.equal(t[0], 'Appeared@ivr>74951234567 Disconnected@ivr:1100>74951234567');
  assert.match(t[1]!, /^Appeared@abonent>300 Connected@abonent>300 Disconnected@abonent:1120>300$/);
  const routed = h.calls().find((e) => e.to.extension === '300')!;
  assert.equal(routed.from.taken_from_call_id, call_id);
  assert.equal(routed.command_id, 'r-1');
});

test('keys outside an input window are refused', async () => {
  h = harness();
  h.engine.incomingCall('79000000002', undefined, { onRing: 'answer' });
  const call = [...h.engine.live.values()][0]!;
  // Greeting still playing: the menu is not waiting yet.
  assert.throws(() => h.engine.callerPress({ entry_id: call.entry_id }, '1'), /not waiting for keys/);
});

test('menu timeout follows the scheme (timeout → sales)', () => {
  h = harness();
  h.engine.incomingCall('79000000003', undefined, { onRing: 'answer', hangupAfterSec: 10 });
  h.sec(3 + 6 + 8 + 1);
  const sales = h.calls().filter((e) => e.to.acd_group === '500');
  assert.ok(sales.length > 0);
  assert.equal(h.out.filter((e) => e.path === 'events/dtmf').length, 0);
});

test('a blacklisted caller is dropped with 1151; a caller off the whitelist with 1152', () => {
  h = harness();
  h.engine.incomingCall('79990000000');
  assert.deepEqual(h.trail(), ['Appeared@ivr>74951234567 Disconnected@ivr:1151>74951234567']);
  assert.equal(h.out.find((e) => e.path === 'events/summary')!.data.disconnect_reason, 1151);
  h.office.bwlists.active = 'white';
  h.office.bwlists.white.numbers.push({ number_id: 9, number: '79035550101', number_type: 'tel' });
  h.engine.incomingCall('79035550202');
  assert.equal(h.calls().at(-1)!.disconnect_reason, 1152);
  h.engine.incomingCall('79035550101');
  assert.equal(h.calls().at(-1)!.call_state, 'Appeared');
});

test('a forwarding rule by caller number skips the scheme', () => {
  h = harness();
  h.engine.incomingCall('79161112233');
  const ringing = h.calls().filter((e) => e.location === 'abonent');
  assert.equal(ringing.length, 1);
  assert.equal(ringing[0]!.to.extension, '300');
});

test('a caller that gives up while waiting ends the call with 1110 and entry_result 0', () => {
  h = harness((o) => {
    for (const e of o.employees) e.policy = { onRing: 'never' };
  });
  h.engine.incomingCall('79000000004', undefined, { onRing: 'answer', digits: '1', abandonAfterSec: 25 });
  h.sec(60);
  const summary = h.out.find((e) => e.path === 'events/summary')!.data;
  assert.equal(summary.entry_result, 0);
  assert.equal(summary.disconnect_reason, 1110);
  assert.equal((summary.to as { extension?: string }).extension, '101', 'the first employee that missed');
  assert.equal(h.engine.live.size, 0);
  assert.ok(h.calls().filter((e) => e.call_state === 'Disconnected').length >= 2);
});
