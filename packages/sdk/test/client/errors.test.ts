import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  MangoActionError,
  MangoApiError,
  MangoAuthError,
  MangoBillingError,
  MangoConnectionError,
  MangoClient,
  MangoError,
  MangoInvalidRequestError,
  MangoNotFoundError,
  MangoRateLimitError,
  MangoServerError,
  MangoValidationError,
} from 'mangokit';
import { createApiError } from '../../src/core/errors.js';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const KEY = 'k-errors';
const SALT = 'salt-that-must-not-leak';

describe('error mapping by result code class and HTTP status', () => {
  let fake: FakeVpbx;
  let client: MangoClient;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    client = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      rateLimit: false,
      maxRetries: 0,
    });
  });
  after(() => fake.close());

  const cases: [string, number, unknown, new (...a: never[]) => MangoApiError, number | undefined][] = [
    ['2xxx billing on HTTP 200', 200, { result: 2240 }, MangoBillingError, 2240],
    [
      '3100 invalid params with fields',
      200,
      { result: 3100, fields: { member_id: 3300, member_channel: '3104' } },
      MangoInvalidRequestError,
      3100,
    ],
    ['3102 bad sign on 401', 401, { result: 3102 }, MangoAuthError, 3102],
    ['3105 bad key as the 2017 `code` on 420', 420, { code: 3105 }, MangoAuthError, 3105],
    ['bare 401', 401, undefined, MangoAuthError, undefined],
    ['3320 recording not found', 200, { result: '3320' }, MangoNotFoundError, 3320],
    ['4101 call finished', 200, { result: 4101 }, MangoNotFoundError, 4101],
    ['4102 already recording', 200, { result: 4102 }, MangoActionError, 4102],
    [
      '429 rate limit body',
      429,
      { name: 'Service Unavailable', message: 'Rate limit exceeded.', code: 0, status: 429 },
      MangoRateLimitError,
      undefined,
    ],
    ['5004 database problems', 200, { result: 5004 }, MangoServerError, 5004],
    ['HTTP 503 without body', 503, undefined, MangoServerError, undefined],
    ['404 unknown path', 404, undefined, MangoNotFoundError, undefined],
    ['unknown code 2219 reads as 2210', 200, { result: 2219 }, MangoBillingError, 2219],
  ];

  for (const [name, status, body, Cls, result] of cases) {
    it(name, async () => {
      fake.on('commands/call/hangup', () =>
        body === undefined ? { status, body: '' } : { status, json: body },
      );
      const err = await client.calls.hangup({ call_id: 'x' }).catch((e: unknown) => e);
      assert.ok(err instanceof Cls, `expected ${Cls.name}, got ${String(err)}`);
      assert.ok(err instanceof MangoApiError);
      assert.ok(err instanceof MangoError);
      assert.equal(err.status, status);
      assert.equal(err.result, result);
      assert.equal(err.path, 'commands/call/hangup');
      assert.ok(!err.message.includes(SALT));
      assert.ok(!/[0-9a-f]{64}/.test(err.message), 'no signature in the message');
    });
  }

  it('keeps field codes and explains them', async () => {
    fake.on('commands/call/hangup', () => ({ json: { result: 3100, fields: { member_id: 3300 } } }));
    const err = (await client.calls.hangup({ call_id: 'x' }).catch((e: unknown) => e)) as MangoApiError;
    assert.deepEqual(err.fields, { member_id: 3300 });
    assert.match(err.message, /3100: invalid command parameters \[member_id: 3300 object does not exist\]/);
    assert.equal(err.messageRu, 'Переданы неверные параметры команды');
  });

  it('keeps the vendor description apart from the message', async () => {
    fake.on('commands/call/hangup', () => ({ json: { result: 3104, description: 'call_id: bad format' } }));
    const err = (await client.calls.hangup({ call_id: 'x' }).catch((e: unknown) => e)) as MangoApiError;
    assert.equal(err.description, 'call_id: bad format');
    assert.match(err.message, /^3104: parameter in wrong format/);
  });

  it('uses the nearest class message for unknown codes', () => {
    const err = createApiError({ status: 200, result: 2219, path: 'x' });
    assert.match(err.message, /^2219: restricted by usage period/);
  });

  it('treats 1xxx as success and returns the body with a numeric result', async () => {
    fake.on('account/balance', () => ({ json: { result: '1001', balance: '10.5', currency: 'RUB' } }));
    const out = await client.account.balance();
    assert.equal(out.result, 1001);
  });

  it('reports a non-JSON answer as a connection error', async () => {
    fake.on('account/balance', () => ({
      body: '<html>proxy error</html>',
      headers: { 'content-type': 'text/html' },
    }));
    await assert.rejects(client.account.balance(), MangoConnectionError);
  });

  it('reports a redirect of a JSON method instead of reading it as success', async () => {
    fake.on('roles', () => ({ status: 301, headers: { location: 'https://elsewhere.example/vpbx/roles' } }));
    await assert.rejects(client.roles.list(), (e: unknown) => {
      return (
        e instanceof MangoConnectionError &&
        /unexpected redirect \(HTTP 301\) to https:\/\/elsewhere/.test(e.message)
      );
    });
  });

  it('rejects bad input before sending anything', async () => {
    const n = fake.requests.length;
    // @ts-expect-error: missing required to_number on purpose
    await assert.rejects(client.calls.callback({ from: { extension: '101' } }), MangoValidationError);
    await assert.rejects(
      client.calls.callback({ from: { extension: '' }, to_number: '1' }),
      /from.extension is required/,
    );
    await assert.rejects(
      client.calls.hangup({ call_id: 'x', command_id: '' }),
      (e: unknown) => e instanceof MangoValidationError && /command_id/.test(e.message),
    );
    assert.throws(() => client.recordings.link('', { expiresAt: 1 }), MangoValidationError);
    // Async methods reject (never throw synchronously) on bad input.
    const pending = client.groups.delete({} as { group_id: number });
    assert.ok(pending instanceof Promise);
    await assert.rejects(pending, /group_id is required/);
    await assert.rejects(client.recordings.transcripts([]), MangoValidationError);
    assert.equal(fake.requests.length, n);
  });

  it('requires credentials, from options or the environment', () => {
    const saved = {
      key: process.env.MANGO_API_KEY,
      salt: process.env.MANGO_API_SALT,
      base: process.env.MANGO_BASE_URL,
    };
    try {
      delete process.env.MANGO_API_KEY;
      delete process.env.MANGO_API_SALT;
      assert.throws(() => new MangoClient({}), /apiKey is required/);
      process.env.MANGO_API_KEY = 'envkey';
      process.env.MANGO_API_SALT = 'envsalt';
      process.env.MANGO_BASE_URL = 'http://127.0.0.1:9/custom';
      const c = new MangoClient();
      assert.equal(c.baseUrl, 'http://127.0.0.1:9/custom/');
      assert.equal(new MangoClient({ baseUrl: 'http://h/v/' }).baseUrl, 'http://h/v/');
      assert.throws(() => new MangoClient({ baseUrl: 'not a url' }), MangoValidationError);
    } finally {
      for (const [k, v] of [
        ['MANGO_API_KEY', saved.key],
        ['MANGO_API_SALT', saved.salt],
        ['MANGO_BASE_URL', saved.base],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
