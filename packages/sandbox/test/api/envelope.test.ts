import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RATE_LIMITED_BODY } from '../../src/api/index.js';
import {
  createEnvelope,
  encodeEnvelope,
  multipartBoundary,
  parseMultipart,
  signJson,
} from 'mangokit/protocol';
import { API_KEY, API_SALT, multipartBody, startApi } from './harness.js';
import { type SandboxApi, startSandboxApi } from './sandboxHarness.js';

describe('envelope and authentication (reference §1.2–§1.3), real sandbox', () => {
  let api: SandboxApi;
  before(async () => {
    api = await startSandboxApi();
  });
  after(() => api.close());

  it('accepts a urlencoded envelope', async () => {
    const r = await api.post('/vpbx/account/balance', {});
    assert.equal(r.status, 200);
    assert.equal(r.json.result, 1000);
    assert.equal(r.json.balance, 1500.5);
    assert.match(r.headers.get('x-uuid') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('accepts a multipart envelope', async () => {
    const r = await api.post('/vpbx/config/users/request', { extension: '101' }, { multipart: true });
    assert.equal(r.status, 200);
    assert.equal(r.json.users.length, 1);
    assert.equal(r.json.users[0].telephony.extension, '101');
  });

  it('accepts multipart from a web FormData (another producer of boundaries)', async () => {
    const env = createEnvelope({ apiKey: API_KEY, apiSalt: API_SALT }, { extension: '102' });
    const form = new FormData();
    form.set('vpbx_api_key', env.vpbx_api_key);
    form.set('sign', env.sign);
    form.set('json', env.json);
    const r = await api.fetch('/vpbx/config/users/request', { method: 'POST', body: form });
    assert.equal(r.status, 200);
    assert.equal(r.json.users[0].general.name, 'Борис Иванов');
  });

  it('keeps UTF-8 and reserved characters of json intact in both encodings', async () => {
    const params = { name: 'Отдел & продаж + 100%', extension: '777' };
    const a = await api.post('/vpbx/group/create', params);
    assert.equal(a.json.result, 1000);
    const b = await api.post('/vpbx/group/create', { ...params, extension: '778' }, { multipart: true });
    assert.equal(b.json.result, 1000);
    const names = api.office.groups
      .filter((g) => g.extension === '777' || g.extension === '778')
      .map((g) => g.name);
    assert.deepEqual(names, [params.name, params.name]);
  });

  it('answers 401 for an unknown key and for a bad signature', async () => {
    const wrongKey = await api.post('/vpbx/account/balance', {}, { key: 'otherkey' });
    assert.equal(wrongKey.status, 401);
    const wrongSalt = await api.post('/vpbx/account/balance', {}, { salt: 'wrongsalt' });
    assert.equal(wrongSalt.status, 401);
    const env = createEnvelope({ apiKey: API_KEY, apiSalt: API_SALT }, {});
    const noSign = await api.fetch('/vpbx/account/balance', {
      method: 'POST',
      body: `vpbx_api_key=${API_KEY}&json=${encodeURIComponent(env.json)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(noSign.status, 401);
  });

  it('verifies the exact json string: re-serialised json fails', async () => {
    const env = createEnvelope({ apiKey: API_KEY, apiSalt: API_SALT }, { extension: '101' });
    const spaced = await api.fetch('/vpbx/config/users/request', {
      method: 'POST',
      body: encodeEnvelope({ ...env, json: '{"extension": "101"}' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(spaced.status, 401);
    // An upper-case hex signature of the right bytes is still the right signature.
    const upper = await api.fetch('/vpbx/config/users/request', {
      method: 'POST',
      body: encodeEnvelope({ ...env, sign: env.sign.toUpperCase() }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(upper.status, 200);
  });

  it('answers 3400 for malformed json and for json that is not an object', async () => {
    for (const raw of ['{"a":', '[1,2]', '"text"', 'null']) {
      const r = await api.post('/vpbx/account/balance', undefined, { rawJson: raw });
      assert.equal(r.status, 200, raw);
      assert.equal(r.json.result, 3400, raw);
    }
  });

  it('answers 3101 for a method other than POST and 404 for an unknown path', async () => {
    const get = await api.fetch('/vpbx/account/balance');
    assert.equal(get.json.result, 3101);
    const unknown = await api.post('/vpbx/commands/recording/stop', { command_id: 'x', call_id: 'y' });
    assert.equal(unknown.status, 404);
    const cc = await api.post('/cc/no_such_method', {});
    assert.equal(cc.status, 404);
  });

  it('tolerates a trailing slash', async () => {
    const r = await api.post('/vpbx/bwlists/state/', {});
    assert.equal(r.json.result, 1000);
    assert.equal(r.json.active, 'black');
  });

  it('answers 400 for a broken multipart body', async () => {
    const r = await api.fetch('/vpbx/account/balance', {
      method: 'POST',
      body: '--b\r\nContent-Disposition: form-data; name="json"\r\n\r\n{}',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    assert.equal(r.status, 400);
  });
});

describe('body limit and routing (handler alone)', () => {
  it('leaves other paths to the server', async () => {
    const api = await startApi();
    try {
      assert.equal((await api.fetch('/_sandbox/state')).status, 418);
      assert.equal((await api.fetch('/index.html')).status, 418);
    } finally {
      await api.close();
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const api = await startApi({ maxBodyBytes: 2048 });
    try {
      const big = createEnvelope({ apiKey: API_KEY, apiSalt: API_SALT }, { extension: '1'.repeat(5000) });
      const r = await api.fetch('/vpbx/config/users/request', {
        method: 'POST',
        body: encodeEnvelope(big),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(r.status, 413);
    } finally {
      await api.close();
    }
  });
});

describe('multipart parser', () => {
  it('reads fields, the first of a repeated name, and values with CRLF inside', () => {
    const { body, contentType } = multipartBody({ a: 'one', b: 'line1\r\nline2', c: '' });
    const boundary = multipartBoundary(contentType)!;
    const fields = parseMultipart(body, boundary);
    assert.equal(fields.get('a'), 'one');
    assert.equal(fields.get('b'), 'line1\r\nline2');
    assert.equal(fields.get('c'), '');
  });

  it('reads a quoted boundary', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary="x y"'), 'x y');
    assert.equal(multipartBoundary('multipart/form-data'), undefined);
  });
});

describe('invalid-request lock-out (reference §1.3)', () => {
  it('tolerates one invalid request per two minutes, then answers 401 until two minutes after the first', async () => {
    const api = await startSandboxApi({ lockout: true });
    try {
      const first = await api.post('/vpbx/commands/callback', { command_id: 'c1' });
      assert.equal(first.status, 200);
      assert.equal(first.json.result, 3103);
      api.advance(30);
      const second = await api.post('/vpbx/commands/callback', { command_id: 'c2' });
      assert.equal(second.status, 401);
      // Even a valid request is refused while locked.
      const valid = await api.post('/vpbx/account/balance', {});
      assert.equal(valid.status, 401);
      api.advance(89); // 119 s after the first invalid request
      assert.equal((await api.post('/vpbx/account/balance', {})).status, 401);
      api.advance(1); // 120 s
      const again = await api.post('/vpbx/account/balance', {});
      assert.equal(again.status, 200);
      assert.equal(again.json.result, 1000);
      // A fresh window: one more invalid request is tolerated.
      const third = await api.post('/vpbx/commands/callback', { command_id: 'c3' });
      assert.equal(third.json.result, 3103);
    } finally {
      await api.close();
    }
  });

  it('does not count forged requests (the key is public), and is off when switched off', async () => {
    const on = await startSandboxApi({ lockout: true });
    const off = await startSandboxApi({ lockout: false });
    try {
      // Two requests with the key but no valid signature: answered 401/3102, the API stays open.
      for (let i = 0; i < 3; i++) {
        const forged = await on.post('/vpbx/account/balance', {}, { salt: 'bad' });
        assert.equal(forged.status, 401);
        assert.equal(forged.json.result, 3102);
      }
      assert.equal((await on.post('/vpbx/account/balance', {})).json.result, 1000);
      for (let i = 0; i < 3; i++)
        assert.equal((await off.post('/vpbx/commands/callback', {})).json.result, 3103);
      assert.equal((await off.post('/vpbx/account/balance', {})).json.result, 1000);
    } finally {
      await on.close();
      await off.close();
    }
  });

  it('is cleared by an office reset or load', async () => {
    const api = await startSandboxApi({ lockout: true });
    try {
      await api.post('/vpbx/commands/callback', { command_id: 'c1' });
      assert.equal((await api.post('/vpbx/commands/callback', { command_id: 'c2' })).status, 401);
      assert.equal((await api.post('/vpbx/account/balance', {})).status, 401, 'locked');
      const reset = await api.fetch('/_sandbox/office/reset', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      assert.equal(reset.status, 200);
      const after = await api.post('/vpbx/account/balance', {});
      assert.equal(after.status, 200, 'a reset office starts with no lock-out');
      assert.equal(after.json.result, 1000);
    } finally {
      await api.close();
    }
  });

  it('does not count requests without the office key (a stranger cannot lock the key out)', async () => {
    const api = await startSandboxApi({ lockout: true });
    try {
      for (let i = 0; i < 3; i++) {
        assert.equal((await api.fetch('/vpbx/account/balance')).json.result, 3101);
        assert.equal((await api.post('/vpbx/account/balance', {}, { key: 'stranger' })).status, 401);
      }
      assert.equal((await api.post('/vpbx/account/balance', {})).json.result, 1000);
    } finally {
      await api.close();
    }
  });

  it('does not count a valid request', async () => {
    const api = await startSandboxApi({ lockout: true });
    try {
      for (let i = 0; i < 5; i++) assert.equal((await api.post('/vpbx/domains', {})).json.result, 1000);
      assert.equal((await api.post('/vpbx/commands/sms', {})).json.result, 3103);
      assert.equal((await api.post('/vpbx/domains', {})).json.result, 1000);
    } finally {
      await api.close();
    }
  });
});

describe('rate limits (reference §1.3)', () => {
  it('answers 429 with the vendor body past the per-method limit, and limits methods separately', async () => {
    const api = await startSandboxApi({ rateLimits: true });
    try {
      const users1 = await api.post('/vpbx/config/users/request', {});
      assert.equal(users1.status, 200);
      const users2 = await api.post('/vpbx/config/users/request', {});
      assert.equal(users2.status, 429);
      assert.deepEqual(users2.json, RATE_LIMITED_BODY);
      // Another method has its own bucket.
      assert.equal((await api.post('/vpbx/domains', {})).status, 200);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await api.post('/vpbx/account/balance', {})).status);
      assert.deepEqual(statuses.slice(0, 2), [200, 200]);
      assert.ok(statuses.slice(2).includes(429));
    } finally {
      await api.close();
    }
  });

  it('signals the Contact-Center limit with result 5008', async () => {
    const api = await startSandboxApi({ rateLimits: true });
    try {
      const results: number[] = [];
      for (let i = 0; i < 12; i++) results.push((await api.post('/cc/get_statuses', {})).json.result);
      assert.ok(results.includes(5008));
      assert.equal(results[0], 1000);
    } finally {
      await api.close();
    }
  });

  it('is off when switched off', async () => {
    const api = await startSandboxApi({ rateLimits: false });
    try {
      for (let i = 0; i < 3; i++)
        assert.equal((await api.post('/vpbx/config/users/request', {})).status, 200);
    } finally {
      await api.close();
    }
  });
});

describe('injected faults', () => {
  it('forces a status, a result code, or a delay for one request on a path', async () => {
    const api = await startSandboxApi();
    try {
      api.sandbox.faults.add({ path: 'commands/callback', status: 503 });
      const forced = await api.post('/vpbx/commands/callback', {
        command_id: 'a',
        from: { extension: '101' },
        to_number: '1',
      });
      assert.equal(forced.status, 503);
      assert.equal(api.sandbox.engine.liveCalls().length, 0);
      api.sandbox.faults.add({ path: 'commands/callback', result: 5001 });
      const coded = await api.post('/vpbx/commands/callback', {
        command_id: 'a',
        from: { extension: '101' },
        to_number: '1',
      });
      assert.equal(coded.json.result, 5001);
      api.sandbox.faults.add({ path: 'commands/callback', status: 429 });
      assert.deepEqual((await api.post('/vpbx/commands/callback', {})).json, RATE_LIMITED_BODY);
      api.sandbox.faults.add({ path: 'account/balance', delayMs: 150 });
      const started = Date.now();
      const delayed = await api.post('/vpbx/account/balance', {});
      assert.ok(Date.now() - started >= 140);
      assert.equal(delayed.json.result, 1000);
      api.sandbox.faults.add({ path: 'cc/get_statuses', result: 5008 });
      assert.equal((await api.post('/cc/get_statuses', {})).json.result, 5008);
      // Used up: the next request is handled normally.
      assert.equal((await api.post('/cc/get_statuses', {})).json.result, 1000);
    } finally {
      await api.close();
    }
  });
});

describe('signing helper shared with the SDK', () => {
  it('is the vendor formula of reference §1.2', () => {
    assert.equal(
      signJson(
        { apiKey: 'testkey123', apiSalt: 'testsalt456' },
        '{"command_id":"cb-1","from":{"extension":"101"},"to_number":"74951234567"}',
      ),
      '9f6524031cbc8a57597f6ceb08a2bae616c0b868b5817c6a85bce09e2a60cadd',
    );
  });
});
