import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { COMMAND_NAMES, type CommandName, createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { type Sandbox, startSandbox } from '../../src/index.js';
import { MONDAY_10_MSK } from '../support/engineHarness.js';

// `/vpbx/commands/*` (signed, as clients call it) and `/_sandbox/commands/*` (the control API)
// check a command with the same rules, taken from the command's row in `COMMAND_SPECS`: the
// same parameters get the same result code and the same per-field codes on both.

let sb: Sandbox;

before(async () => {
  sb = await startSandbox({
    port: 0,
    clock: 'manual',
    startMs: MONDAY_10_MSK,
    rateLimits: false,
    lockout: false,
  });
});
after(() => sb.close());

type Answer = { result: unknown; fields?: unknown };

async function viaApi(name: CommandName, params: object): Promise<Answer> {
  const env = createEnvelope({ apiKey: sb.office.api_key, apiSalt: sb.office.api_salt }, params);
  const res = await fetch(`${sb.apiBaseUrl}commands/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeEnvelope(env),
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as Answer;
  return body.fields === undefined ? { result: body.result } : { result: body.result, fields: body.fields };
}

async function viaControl(name: CommandName, params: object): Promise<Answer> {
  const res = await fetch(`${sb.url}/_sandbox/commands/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  assert.equal(res.status, 200);
  const body = (await res.json()) as Answer;
  return body.fields === undefined ? { result: body.result } : { result: body.result, fields: body.fields };
}

async function both(name: CommandName, params: object): Promise<Answer> {
  const api = await viaApi(name, params);
  const control = await viaControl(name, params);
  assert.deepEqual(control, api, `${name} ${JSON.stringify(params).slice(0, 200)}`);
  return api;
}

const sms = (text: unknown) => ({ command_id: 's', text, from_extension: '101', to_number: '79031112233' });

describe('command checks are the same on the vendor API and the control API', () => {
  it('SMS text: four GSM-7 segments (612 septets) or four UCS-2 segments (268 characters), reference §2.4', async () => {
    const tooLong = { result: 3109, fields: { text: 3109 } };
    // é is in the GSM-7 alphabet: 300 of them are two Latin segments.
    assert.deepEqual(await both('sms', sms('é'.repeat(300))), { result: 1000 });
    assert.deepEqual(await both('sms', sms('ж'.repeat(300))), tooLong);
    assert.deepEqual(await both('sms', sms('ж'.repeat(268))), { result: 1000 });
    assert.deepEqual(await both('sms', sms('a'.repeat(612))), { result: 1000 });
    assert.deepEqual(await both('sms', sms('a'.repeat(613))), tooLong);
    // `{` takes two septets (the GSM-7 extension table); an emoji makes the text UCS-2.
    assert.deepEqual(await both('sms', sms('{'.repeat(307))), tooLong);
    assert.deepEqual(await both('sms', sms(`${'a'.repeat(267)}🙂`)), tooLong);
    assert.deepEqual(await both('sms', sms('')), { result: 3103, fields: { text: 3103 } });
    assert.deepEqual(await both('sms', sms(['hi'])), { result: 3104, fields: { text: 3104 } });
  });

  it('missing, ill-typed and too-long fields, and what the office does not know', async () => {
    assert.deepEqual(await both('callback', { command_id: 'c', from: { extension: '101' } }), {
      result: 3103,
      fields: { to_number: 3103 },
    });
    assert.deepEqual(await both('callback', { command_id: 'c', from: 'x', to_number: '7900' }), {
      result: 3100,
      fields: { from: 3104, 'from.extension': 3103 },
    });
    assert.deepEqual(
      await both('callback', { command_id: 'x'.repeat(129), from: { extension: '101' }, to_number: '7' }),
      {
        result: 3109,
        fields: { command_id: 3109 },
      },
    );
    assert.deepEqual(
      await both('callback', { command_id: 'c', from: { extension: '999' }, to_number: '7900' }),
      {
        result: 3330,
        fields: { 'from.extension': 3330 },
      },
    );
    assert.deepEqual(
      await both('transfer', {
        command_id: 't',
        call_id: 'A',
        method: 'warm',
        to_number: '1',
        initiator: '1',
      }),
      {
        result: 3104,
        fields: { method: 3104 },
      },
    );
    assert.deepEqual(
      await both('play/start', { command_id: 'p', call_id: 'A', internal_id: 7005, after_play_time: -1 }),
      {
        result: 3108,
        fields: { after_play_time: 3108 },
      },
    );
  });

  it('any parameters of any command get the same answer on both routes', async () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(''),
      fc.constantFrom('101', '102', '500', '7005', '79031112233', 'blind', 'hold', 'нет'),
      fc.string({ maxLength: 140 }),
      fc.integer({ min: -5, max: 9000 }),
      fc.double(),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.record({ extension: fc.constantFrom('101', '999', ''), number: fc.string({ maxLength: 3 }) }),
    );
    const names = [
      'from',
      'to',
      'to_number',
      'line_number',
      'call_id',
      'text',
      'from_extension',
      'sms_sender',
      'call_party_number',
      'internal_id',
      'after_play_time',
      'method',
      'initiator',
      'holded_call_id',
      'transfer_initiator_number',
      'transferred_call_id',
      'sip_headers',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMAND_NAMES),
        fc.oneof(fc.string({ minLength: 1, maxLength: 140 }), fc.integer()),
        fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 }),
        async (name, commandId, params) => {
          // Only shape and office errors are compared: a valid command would start calls.
          const withId = { ...params, command_id: commandId };
          const api = await viaApi(name, withId);
          if (api.result === 1000) return;
          assert.deepEqual(await viaControl(name, withId), api);
        },
      ),
      { numRuns: 150 },
    );
  });
});
