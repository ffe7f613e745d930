import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { MONDAY_10_MSK } from '../support/engineHarness.js';
import { type Receiver, startReceiver } from '../support/receiver.js';

let sb: Sandbox;
let hooks: Receiver;

before(async () => {
  sb = await startSandbox({
    port: 0,
    clock: 'manual',
    startMs: MONDAY_10_MSK,
    rateLimits: false,
    lockout: false,
  });
  hooks = await startReceiver({ apiKey: sb.office.api_key, apiSalt: sb.office.api_salt });
});
after(async () => {
  await sb.close();
  await hooks.close();
});

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}/_sandbox/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, data: (await res.json()) as Record<string, unknown> };
}

async function advance(sec: number): Promise<void> {
  const r = await control('POST', 'clock/advance', { sec });
  assert.equal(r.status, 200);
}

test('startSandbox exposes its URLs, office, engine, clock and deliveries', async () => {
  assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(sb.apiBaseUrl, `${sb.url}/vpbx/`);
  assert.equal(sb.office.name, 'Demo Office LLC');
  const state = await control('GET', 'state');
  assert.equal(state.status, 200);
  assert.equal((state.data.clock as { mode: string }).mode, 'manual');
  assert.equal((state.data.office as { employees: unknown[] }).employees.length, 8);
});

test('webhooks are set through the control API; a demo callback placed through /vpbx/ rings, talks, is recorded and ends within a minute', async () => {
  const set = await control('PUT', 'webhooks', { url: hooks.url });
  assert.deepEqual(set.data.urls, [hooks.url]);
  const env = createEnvelope(
    { apiKey: sb.office.api_key, apiSalt: sb.office.api_salt },
    {
      command_id: 'demo-1',
      from: { extension: '101' },
      to_number: '79035550101',
    },
  );
  const res = await fetch(`${sb.apiBaseUrl}commands/callback`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeEnvelope(env),
  });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { result: number }).result, 1000);
  const live = await control('GET', 'calls');
  assert.equal((live.data.calls as unknown[]).length, 1);
  await advance(60);
  await sb.deliveries.idle();
  await hooks.waitFor(
    (all) => all.some((x) => x.path === 'events/summary') && all.some((x) => x.path === 'result/callback'),
  );
  await advance(5);
  await hooks.waitFor((all) => all.some((x) => x.path === 'events/record/added'));
  assert.ok(hooks.received.every((x) => x.verified));
  const states = hooks.on('events/call').map((x) => x.data.call_state);
  assert.ok(states.includes('Connected'));
  assert.equal(hooks.on('events/summary')[0]!.data.entry_result, 1);
  assert.deepEqual(
    hooks
      .on('events/recording')
      .map((x) => x.data.recording_state)
      .sort(),
    ['Completed', 'Started'],
  );
  const history = await control('GET', 'history');
  assert.equal((history.data.calls as unknown[]).length, 1);
  assert.deepEqual((await control('GET', 'calls')).data.calls, []);
});

test('act as caller and employee: incoming call, DTMF, answer, hold, hang up', async () => {
  await control('POST', 'employee/manual', { extension: '201', manual: true });
  await control('POST', 'employee/manual', { extension: '202', manual: true });
  await control('POST', 'employee/manual', { extension: '203', manual: true });
  const started = await control('POST', 'calls/incoming', {
    from: '79001112233',
    line: '74951234567',
    policy: { onRing: 'answer' },
  });
  assert.equal(started.status, 200);
  const entry = String(started.data.entry_id);
  const early = await control('POST', 'caller/dtmf', { entry_id: entry, digits: '2' });
  assert.equal(early.status, 409, 'the greeting plays: no menu yet');
  await advance(4);
  const pressed = await control('POST', 'caller/dtmf', { entry_id: entry, digits: '2' });
  assert.equal(pressed.status, 200);
  const answered = await control('POST', 'employee/answer', { extension: '202' });
  assert.equal(answered.status, 200, JSON.stringify(answered.data));
  const callId = String(answered.data.call_id);
  assert.equal((await control('POST', 'employee/hold', { call_id: callId, extension: '202' })).status, 200);
  assert.equal((await control('POST', 'employee/hold', { call_id: callId, extension: '202' })).status, 409);
  assert.equal((await control('POST', 'employee/unhold', { call_id: callId })).status, 200);
  await advance(10);
  assert.equal((await control('POST', 'employee/hangup', { call_id: callId, extension: '202' })).status, 200);
  await sb.deliveries.idle();
  await hooks.waitFor(() => hooks.on('events/call').filter((x) => x.data.call_id === callId).length >= 5);
  assert.deepEqual(
    hooks
      .on('events/call')
      .filter((x) => x.data.call_id === callId)
      .sort((a, b) => Number(a.data.seq) - Number(b.data.seq))
      .map((x) => x.data.call_state),
    ['Appeared', 'Connected', 'OnHold', 'Connected', 'Disconnected'],
  );
  const dtmf = hooks.on('events/dtmf').find((x) => x.data.entry_id === entry);
  assert.equal(dtmf?.data.dtmf, '2');
});

test('the cabinet’s check connection, a call dialled from a phone and a hang-up by side, through the control API', async () => {
  await control('PUT', 'webhooks', { url: hooks.url });
  const ping = await control('POST', 'webhooks/ping');
  assert.equal(ping.status, 200);
  assert.deepEqual(ping.data.urls, [hooks.url]);
  await sb.deliveries.idle();
  await hooks.waitFor(() => hooks.on('ping').length > 0);
  const [received] = hooks.on('ping');
  assert.equal(received?.verified, true, 'signed with the office credentials');
  assert.deepEqual(received?.data, {});
  // An employee dials out from the desk phone: no command, so no command_id.
  await control('POST', 'employee/manual', { extension: '102', manual: true });
  const dialled = await control('POST', 'employee/call', { extension: '101', to_number: '102' });
  assert.equal(dialled.status, 200, JSON.stringify(dialled.data));
  const leg = String(dialled.data.call_id);
  assert.equal(
    (await control('POST', 'party/hangup', { call_id: leg, side: 'to' })).status,
    409,
    'still ringing',
  );
  assert.equal((await control('POST', 'employee/answer', { call_id: leg })).status, 200);
  assert.equal((await control('POST', 'party/hangup', { call_id: leg, side: 'sideways' })).status, 400);
  assert.equal((await control('POST', 'party/hangup', { call_id: leg, side: 'to' })).status, 200);
  await sb.deliveries.idle();
  await hooks.waitFor(() => hooks.on('events/call').filter((x) => x.data.call_id === leg).length >= 3);
  const events = hooks.on('events/call').filter((x) => x.data.call_id === leg);
  assert.ok(events.every((x) => x.data.command_id === undefined));
  assert.equal(events.find((x) => x.data.call_state === 'Disconnected')?.data.disconnect_reason, 1120);
  assert.equal((await control('POST', 'employee/call', { extension: '999', to_number: '102' })).status, 404);
  await control('POST', 'employee/manual', { extension: '102', manual: false });
});

test('faults: the next request to a path answers with the injected status or result', async () => {
  const added = await control('POST', 'faults', { path: 'commands/callback', result: 2240, times: 1 });
  assert.equal(added.status, 200);
  assert.equal(((await control('GET', 'faults')).data.faults as unknown[]).length, 1);
  assert.equal(sb.faults.take('commands/callback')?.result, 2240);
  assert.equal(sb.faults.take('commands/callback'), undefined, 'used up');
  assert.equal((await control('POST', 'faults', { path: 'commands/callback' })).status, 400);
  await control('POST', 'faults', { path: '*', status: 503, times: 0 });
  assert.equal(sb.faults.take('account/balance')?.status, 503);
  assert.equal((await control('DELETE', 'faults')).status, 200);
  assert.equal(sb.faults.take('account/balance'), undefined);
});

test('the delivery log can be read, filtered and replayed', async () => {
  const list = await control('GET', 'deliveries?path=events/summary&limit=5');
  const deliveries = list.data.deliveries as Array<{ id: number; path: string; status: string }>;
  assert.ok(deliveries.length >= 1);
  assert.ok(deliveries.every((d) => d.path === 'events/summary'));
  const before = hooks.on('events/summary').length;
  const replay = await control('POST', `deliveries/${deliveries[0]!.id}/replay`);
  assert.equal(replay.status, 200);
  await sb.deliveries.idle();
  assert.equal(hooks.on('events/summary').length, before + 1);
  assert.equal((await control('POST', 'deliveries/999999/replay')).status, 404);
});

test('commands without signing, SMS reasons and bad input', async () => {
  const r = await control('POST', 'commands/sms', {
    text: 'hi',
    from_extension: '101',
    to_number: '79000000001',
  });
  assert.equal(r.data.result, 1000);
  assert.equal(typeof r.data.command_id, 'string');
  assert.equal((await control('POST', 'commands/nope', {})).status, 404);
  assert.equal((await control('POST', 'sms/next-reason', { reason: 4392 })).status, 200);
  assert.equal((await control('POST', 'sms/next-reason', { reason: 42 })).status, 400);
  assert.equal((await control('POST', 'calls/incoming', {})).status, 400);
  assert.equal(
    (await control('POST', 'calls/incoming', { from: '7900', policy: { onRing: 'sing' } })).status,
    400,
  );
  assert.equal((await control('POST', 'employee/answer', { call_id: 'nope' })).status, 404);
  assert.equal((await control('GET', 'no/such/path')).status, 404);
  const bad = await fetch(`${sb.url}/_sandbox/calls/incoming`, { method: 'POST', body: '{oops' });
  assert.equal(bad.status, 400);
});

test('the office can be replaced with a validated YAML document and reset', async () => {
  const bad = await control('PUT', 'office', { yaml: 'name: x\nemployees: 3\n' });
  assert.equal(bad.status, 400);
  assert.ok(Array.isArray(bad.data.issues));
  const yaml = [
    'name: Tiny',
    'api_key: tinykey',
    'api_salt: tinysalt',
    'employees:',
    '  - { user_id: 1, name: Solo, extension: "10", numbers: [{ number: "sip:solo@x", protocol: sip }] }',
    'lines:',
    '  - { line_id: 1, number: "74950000000" }',
  ].join('\n');
  const ok = await control('PUT', 'office', { yaml });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(sb.office.name, 'Tiny');
  assert.equal(sb.engine.live.size, 0);
  const reset = await control('POST', 'office/reset', {});
  assert.equal(reset.status, 200);
  assert.equal(sb.office.name, 'Demo Office LLC');
});

test('the stream sends hello, then leg changes as they happen', async () => {
  const ac = new AbortController();
  const res = await fetch(`${sb.url}/_sandbox/stream`, { signal: ac.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = res.body!.getReader();
  let text = '';
  const readUntil = async (needle: string) => {
    while (!text.includes(needle)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
  };
  await readUntil('event: hello');
  await control('POST', 'calls/incoming', { from: '79005554433' });
  await readUntil('event: leg');
  assert.match(text, /event: leg\ndata: \{[^\n]*"location":"ivr"/);
  ac.abort();
});

test('advancing a real clock is refused', async () => {
  const real = await startSandbox({ port: 0 });
  try {
    const res = await fetch(`${real.url}/_sandbox/clock/advance`, { method: 'POST', body: '{"ms":10}' });
    assert.equal(res.status, 409);
  } finally {
    await real.close();
  }
});
