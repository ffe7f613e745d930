import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startApi, type TestApi } from './harness.js';
import { type SandboxApi, startSandboxApi } from './sandboxHarness.js';

/** A valid request per command of reference §2. */
const VALID: Record<string, Record<string, unknown>> = {
  callback: {
    command_id: 'cb-1',
    from: { extension: '101', number: '79160000009' },
    to_number: '74951234567',
    line_number: '74951110000',
  },
  callback_group: { command_id: 'cg-1', from: '79031112233', to: '500', line_number: '74951110000' },
  'call/hangup': { command_id: 'h-1', call_id: 'MToxMDA2' },
  sms: {
    command_id: 's-1',
    text: 'Ваш заказ готов',
    from_extension: '101',
    to_number: '79031112233',
    sms_sender: 'OFFICE',
  },
  'recording/start': { command_id: 'r-1', call_id: 'MToxMDA2', call_party_number: '101' },
  'play/start': { command_id: 'p-1', call_id: 'MToxMDA2', internal_id: 100, after_play_time: 20 },
  route: {
    command_id: 'ro-1',
    call_id: 'MToxMDA2',
    to_number: '500',
    sip_headers: { 'From/display-name': 'VIP' },
  },
  transfer: { command_id: 't-1', call_id: 'MToxMDA2', method: 'blind', to_number: '102', initiator: '101' },
  calls_connect: {
    command_id: 'cc-1',
    holded_call_id: 'A',
    transfer_initiator_number: '101',
    transferred_call_id: 'B',
  },
  transfer_cancel: { command_id: 'tc-1', call_id: 'A' },
  'call/hold/on': { command_id: 'ho-1', call_id: 'A', initiator: '101' },
};

describe('commands (reference §2)', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.close());
  beforeEach(() => {
    api.engine.commands.length = 0;
    api.engine.nextAck = { result: 1000 };
  });

  for (const [name, params] of Object.entries(VALID)) {
    it(`${name}: passes valid parameters to the engine and answers 1000 with command_id`, async () => {
      const r = await api.post(`/vpbx/commands/${name}`, params);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { result: 1000, command_id: params.command_id });
      assert.deepEqual(api.engine.commands, [{ name, params }]);
    });

    it(`${name}: answers 3103 naming command_id when it is missing`, async () => {
      const { command_id: _, ...rest } = params;
      const r = await api.post(`/vpbx/commands/${name}`, rest);
      assert.equal(r.json.result, 3103);
      assert.deepEqual(r.json.fields, { command_id: 3103 });
      assert.equal(api.engine.commands.length, 0);
    });
  }

  it('passes the engine answer through (e.g. 4101 call not found)', async () => {
    api.engine.nextAck = { result: 4101 };
    const r = await api.post('/vpbx/commands/call/hangup', VALID['call/hangup']);
    assert.deepEqual(r.json, { result: 4101, command_id: 'h-1' });
  });

  it('callback: required fields, unknown extension, unknown line', async () => {
    let r = await api.post('/vpbx/commands/callback', { command_id: 'x' });
    assert.equal(r.json.result, 3103);
    assert.deepEqual(r.json.fields, { from: 3103, 'from.extension': 3103, to_number: 3103 });
    r = await api.post('/vpbx/commands/callback', {
      command_id: 'x',
      from: { extension: '999' },
      to_number: '7495',
    });
    assert.deepEqual(r.json, { result: 3330, fields: { 'from.extension': 3330 } });
    r = await api.post('/vpbx/commands/callback', {
      command_id: 'x',
      from: { extension: '101' },
      to_number: '7495',
      line_number: '70000000000',
    });
    assert.deepEqual(r.json, { result: 3124, fields: { line_number: 3124 } });
    // The SIP line is named by its name, not its URI (reference §2.1).
    r = await api.post('/vpbx/commands/callback', {
      command_id: 'x',
      from: { extension: '101' },
      to_number: '7495',
      line_number: 'passive',
    });
    assert.equal(r.json.result, 1000);
    assert.equal(api.engine.commands.length, 1);
  });

  it('callback: wrong formats answer 3104 and mixed problems 3100', async () => {
    let r = await api.post('/vpbx/commands/callback', { command_id: 'x', from: '101', to_number: '7495' });
    assert.equal(r.json.result, 3100);
    assert.equal(r.json.fields.from, 3104);
    r = await api.post('/vpbx/commands/callback', {
      command_id: 'x',
      from: { extension: '101' },
      to_number: { n: 1 },
    });
    assert.deepEqual(r.json, { result: 3104, fields: { to_number: 3104 } });
    r = await api.post('/vpbx/commands/callback', {
      command_id: 'x'.repeat(129),
      from: { extension: '101' },
      to_number: '1',
    });
    assert.deepEqual(r.json, { result: 3109, fields: { command_id: 3109 } });
    r = await api.post('/vpbx/commands/callback', {
      command_id: 'x',
      from: { extension: '999' },
      to_number: 5,
    });
    assert.equal(r.json.result, 3330);
  });

  it('callback_group: exactly one side must be a group short number', async () => {
    let r = await api.post('/vpbx/commands/callback_group', { command_id: 'x', from: '7903', to: '7904' });
    assert.deepEqual(r.json, { result: 3200, fields: { to: 3200 } });
    r = await api.post('/vpbx/commands/callback_group', { command_id: 'x', from: '500', to: '501' });
    assert.equal(r.json.result, 3200);
    // line_number is optional here (reference §2.2: libraries omit it).
    r = await api.post('/vpbx/commands/callback_group', { command_id: 'x', from: '500', to: '79031112233' });
    assert.equal(r.json.result, 1000);
  });

  it('sms: text length, unknown sender extension, short-number destination', async () => {
    let r = await api.post('/vpbx/commands/sms', {
      command_id: 'x',
      text: 'я'.repeat(269),
      from_extension: '101',
      to_number: '7903',
    });
    assert.deepEqual(r.json, { result: 3109, fields: { text: 3109 } });
    r = await api.post('/vpbx/commands/sms', {
      command_id: 'x',
      text: 'a'.repeat(612),
      from_extension: '101',
      to_number: '7903',
    });
    assert.equal(r.json.result, 1000);
    r = await api.post('/vpbx/commands/sms', {
      command_id: 'x',
      text: 'hi',
      from_extension: '555',
      to_number: '102',
    });
    assert.deepEqual(r.json, { result: 3100, fields: { from_extension: 3330, to_number: 3200 } });
  });

  it('recording/start: the party must be an employee extension or number', async () => {
    let r = await api.post('/vpbx/commands/recording/start', {
      command_id: 'x',
      call_id: 'c',
      call_party_number: '79160000002',
    });
    assert.equal(r.json.result, 1000);
    r = await api.post('/vpbx/commands/recording/start', {
      command_id: 'x',
      call_id: 'c',
      call_party_number: '79031112233',
    });
    assert.deepEqual(r.json, { result: 3330, fields: { call_party_number: 3330 } });
  });

  it('play/start: internal_id must name an audio file; an empty one only waits', async () => {
    let r = await api.post('/vpbx/commands/play/start', { command_id: 'x', call_id: 'c', internal_id: 999 });
    assert.deepEqual(r.json, { result: 3340, fields: { internal_id: 3340 } });
    r = await api.post('/vpbx/commands/play/start', { command_id: 'x', call_id: 'c', internal_id: '100' });
    assert.equal(r.json.result, 1000);
    r = await api.post('/vpbx/commands/play/start', {
      command_id: 'x',
      call_id: 'c',
      internal_id: '',
      after_play_time: 5,
    });
    assert.equal(r.json.result, 1000);
    r = await api.post('/vpbx/commands/play/start', { command_id: 'x', call_id: 'c' });
    assert.deepEqual(r.json, { result: 3103, fields: { internal_id: 3103 } });
  });

  it('transfer: method is blind or hold', async () => {
    const r = await api.post('/vpbx/commands/transfer', { ...VALID.transfer, method: 'warm' });
    assert.deepEqual(r.json, { result: 3104, fields: { method: 3104 } });
  });
});

describe('commands on the real sandbox engine', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('a callback is accepted and becomes a live call carrying the command_id', async () => {
    const r = await api.post('/vpbx/commands/callback', VALID.callback);
    assert.deepEqual(r.json, { result: 1000, command_id: 'cb-1' });
    api.advance(1);
    const live = api.sandbox.engine.liveCalls();
    assert.equal(live.length, 1);
    assert.ok(
      api.notifications.some(
        (n) => n.path === 'events/call' && (n.payload as { command_id?: string }).command_id === 'cb-1',
      ),
    );
  });

  it('a hangup of an unknown call is acknowledged, and result/call/hangup reports 4101 (reference §1.4, §2.3)', async () => {
    const r = await api.post('/vpbx/commands/call/hangup', { command_id: 'h-x', call_id: 'no-such-call' });
    assert.deepEqual(r.json, { result: 1000, command_id: 'h-x' });
    api.advance(1);
    const result = api.notifications.find((n) => n.path === 'result/call/hangup');
    assert.deepEqual(result?.payload, { command_id: 'h-x', result: 4101 });
  });
});
