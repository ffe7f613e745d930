import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MangoClient } from 'mangokit';
import { encodeEnvelope, createEnvelope } from 'mangokit/protocol';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const KEY = 'k body&=+ é';
const SALT = 'salt-body';

// The command body is built without copying the parameters; its bytes must stay those of
// `JSON.stringify({ ...params, command_id })`, and the form those of `encodeEnvelope`.
describe('command JSON and form bytes', () => {
  let fake: FakeVpbx;
  let client: MangoClient;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    fake.on('commands/call/hangup', () => ({ json: { result: 1000 } }));
    client = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: fake.baseUrl, rateLimit: false });
  });
  after(() => fake.close());

  const cases: [string, Record<string, unknown>][] = [
    ['generated id appended after the parameters', { call_id: 'leg "1" ∑' }],
    ['an own command_id key holding undefined keeps its place', { command_id: undefined, call_id: 'leg-2' }],
    ['a given id is sent where the caller put it', { command_id: 'mine-1', call_id: 'leg-3' }],
  ];
  for (const [name, params] of cases) {
    it(name, async () => {
      const before = fake.requests.length;
      const out = await client.calls.hangup(params as { call_id: string });
      const req = fake.requests[before]!;
      assert.equal(req.json, JSON.stringify({ ...params, command_id: out.command_id }));
      if (params.command_id !== undefined) assert.equal(out.command_id, params.command_id);
    });
  }

  it('an object with toJSON is serialised as before', async () => {
    const before = fake.requests.length;
    const params = { call_id: 'leg-4', toJSON: () => ({ call_id: 'from-toJSON' }) };
    await client.calls.hangup(params);
    assert.equal(fake.requests[before]!.params.call_id, 'from-toJSON');
  });

  it('the form equals encodeEnvelope of the signed envelope', () => {
    const json = '{"a":"b & c=d+é"}';
    assert.equal(
      client.pipeline.form(json),
      encodeEnvelope(createEnvelope({ apiKey: KEY, apiSalt: SALT }, JSON.parse(json))),
    );
  });
});
