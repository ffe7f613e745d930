import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEnvelope, encodeEnvelope } from 'mangokit/protocol';
import { readMp3 } from '../../src/media/index.js';
import { call, startApi, T0, type TestApi } from './harness.js';
import { startSandboxApi } from './sandboxHarness.js';

/**
 * What production accepts from real clients beyond the document (reference §9 item 16, §10):
 * each test names the client whose wire behaviour it reproduces.
 */
describe('tolerant input at the envelope (reference §9 item 16)', () => {
  let api: TestApi;
  before(async () => {
    api = await startApi();
  });
  after(() => api.close());

  it("reads json=[] as {} (PHP's json_encode(array()), the vendor FAQ's all-employees example)", async () => {
    const r = await api.post('/vpbx/config/users/request', undefined, { rawJson: '[]' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.users.length, 3);
    // Every method with only optional parameters takes it.
    for (const path of [
      '/vpbx/account/balance',
      '/vpbx/groups',
      '/vpbx/incominglines',
      '/vpbx/bwlists/state/',
    ]) {
      const res = await api.post(path, undefined, { rawJson: '[]' });
      assert.equal(res.json.result, 1000, `${path}: ${res.text}`);
    }
    // A method with required parameters answers as for {}.
    const cb = await api.post('/vpbx/commands/callback', undefined, { rawJson: '[]' });
    assert.equal(cb.json.result, 3103);
    // A list with items is not an object: malformed JSON for the API (3400).
    assert.deepEqual((await api.post('/vpbx/account/balance', undefined, { rawJson: '["x"]' })).json, {
      result: 3400,
    });
  });

  it('takes trailing slashes on every method', async () => {
    for (const path of ['/vpbx/config/users/request/', '/vpbx/account/balance//', '/vpbx/stats/request/']) {
      const res = await api.post(path, path.includes('stats') ? { date_from: T0, date_to: T0 + 60 } : {});
      assert.equal(res.status, 200, `${path}: ${res.text}`);
    }
  });

  it('takes numbers as strings and strings as numbers where clients send them', async () => {
    // The vendor's PHP examples send stats dates as strings (PHP-EX "Запрос статистики вызовов").
    const stats = await api.post('/vpbx/stats/request', {
      date_from: '1445288400',
      date_to: '1445374859',
      from: { extension: '', number: '' },
      to: { extension: '', number: '' },
    });
    assert.equal(typeof stats.json.key, 'string', stats.text);
    // Extensions as JSON numbers (Python snippets send `extension=103`).
    const cb = await api.post('/vpbx/commands/callback', {
      command_id: 7,
      from: { extension: 101 },
      to_number: 79031112233,
    });
    assert.equal(cb.json.result, 1000, cb.text);
    const sent = api.engine.commands.at(-1)!;
    assert.equal(sent.name, 'callback');
    // Ids as strings (CS-VOD reads numbers from strings; PY-DAS sends str(campaign_id)).
    const group = await api.post('/vpbx/groups', { group_id: '10' });
    assert.deepEqual(
      group.json.groups.map((g: { id: number }) => g.id),
      [10],
    );
    const users = await api.post('/vpbx/config/users/request', { extension: 101 });
    assert.equal(users.json.users.length, 1);
  });

  it('answers a result code, not an empty 404, on listed Contact-Center paths the office lacks', async () => {
    // PY-DAS calls cc/deal/* (with and without a trailing slash).
    for (const path of [
      '/cc/deal/list',
      '/cc/deal/create/',
      '/cc/deal/funnels.list/',
      '/cc/task/add',
      '/vpbx/script/',
    ]) {
      const res = await api.post(path, { product_id: 1 });
      assert.equal(res.status, 200, path);
      assert.deepEqual(res.json, { result: 5008 }, path);
    }
  });

  it('answers 404 naming the path meant, for a path without vpbx/ (PY-DAS) and assumed paths (§9 item 15)', async () => {
    const roles = await api.post('/roles', {});
    assert.equal(roles.status, 404);
    assert.equal(roles.json.did_you_mean, '/vpbx/roles');
    assert.match(roles.json.message, /\/vpbx\/roles/);
    for (const [path, meant] of [
      ['/sips', '/vpbx/sips'],
      ['/member/create', '/vpbx/member/create'],
      ['/commands/call/hangup', '/vpbx/commands/call/hangup'],
      ['/queries/recording/post/', '/vpbx/queries/recording/post'],
      ['/bwlists/state/', '/vpbx/bwlists/state'],
      ['/vpbx/queries/balance', '/vpbx/account/balance'],
      ['/vpbx/config/groups/request', '/vpbx/groups'],
      ['/vpbx/vpbx/account/balance', '/vpbx/account/balance'],
    ]) {
      const res = await api.post(path!, {});
      assert.equal(res.status, 404, path);
      assert.equal(res.json.did_you_mean, meant, path);
    }
    // PY-DAS's GET recording link without the prefix.
    const link = await api.fetch('/queries/recording/link/R1/download/key/1767225600/abc');
    assert.equal(link.status, 404);
    assert.match(link.json.did_you_mean, /^\/vpbx\/queries\/recording\/link\//);
    // Explained without an alternative.
    const stop = await api.post('/vpbx/commands/recording/stop', {});
    assert.equal(stop.status, 404);
    assert.match(stop.json.message, /no recording\/stop/);
    const unknown = await api.post('/vpbx/nothing/here', {});
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.did_you_mean, undefined);
    // Paths that are no method at all are left to the rest of the server.
    assert.equal((await api.fetch('/index.html')).status, 418);
  });
});

describe('one-time recording links and redirect-following clients (reference §9 item 16)', () => {
  let api: TestApi;
  const REC = 'MToxMDA2OjQ1Njc=';
  before(async () => {
    api = await startApi();
    api.engine.clock = T0 + 1000;
    api.engine.recordings.set(REC, {
      recording_id: REC,
      entry_id: 'E1',
      call_id: 'C1',
      extension: '101',
      started_at: T0 + 20,
      completed_at: T0 + 50,
      duration_sec: 30,
    });
    api.engine.finished.push(
      call({
        entry_id: 'E1',
        legs: [
          {
            entry_id: 'E1',
            call_id: 'C1',
            records: [REC],
            start: T0 + 10,
            finish: T0 + 50,
            answer: T0 + 20,
            to_extension: '101',
            disconnect_reason: 1110,
            location: 'abonent',
            create: T0 + 10,
            user_ids: [1],
          },
        ],
      }),
    );
  });
  after(() => api.close());

  async function location(): Promise<string> {
    const r = await api.post('/vpbx/queries/recording/post', { recording_id: REC, action: 'download' });
    assert.equal(r.status, 302);
    return r.headers.get('location')!;
  }

  it('serves the file to a re-POST with the same body (Guzzle, strict redirects: TimurTurdyev/Laravel-Mango-Office)', async () => {
    const body = encodeEnvelope(
      createEnvelope({ apiKey: api.office.api_key, apiSalt: api.office.api_salt }, { recording_id: REC }),
    );
    const first = await fetch(`${api.url}/vpbx/queries/recording/post`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    assert.equal(first.status, 302);
    const again = await fetch(first.headers.get('location')!, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(again.status, 200);
    assert.equal(again.headers.get('content-type'), 'audio/mpeg');
    const info = readMp3(Buffer.from(await again.arrayBuffer()));
    assert.ok(Math.abs(info.durationSec - 30) <= 0.036);
  });

  it('serves a GET (curl, fetch, requests switch to GET) and lets HEAD look without using the link up', async () => {
    const url = await location();
    const head = await fetch(url, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'audio/mpeg');
    const get = await fetch(url);
    assert.equal(get.status, 200);
    // One-time: used up by the GET.
    assert.equal((await fetch(url)).status, 404);
    // fetch following the redirect itself, as n8n and CS-CLINIC let their HTTP client do.
    const body = encodeEnvelope(
      createEnvelope({ apiKey: api.office.api_key, apiSalt: api.office.api_salt }, { recording_id: REC }),
    );
    const followed = await fetch(`${api.url}/vpbx/queries/recording/post/`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(followed.status, 200);
    assert.equal(followed.headers.get('content-type'), 'audio/mpeg');
  });

  it('refuses other methods on the file link', async () => {
    const res = await fetch(await location(), { method: 'DELETE' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD, POST');
  });
});

describe('the invalid-request lock-out and json=[] (reference §1.3, §9 item 16)', () => {
  it('never counts json=[] towards the lock-out', async () => {
    const api = await startSandboxApi({ lockout: true });
    try {
      for (let i = 0; i < 3; i++) {
        const users = await api.post('/vpbx/config/users/request', undefined, { rawJson: '[]' });
        assert.equal(users.status, 200);
        // Even where [] leaves a required parameter out.
        const cb = await api.post('/vpbx/commands/callback', undefined, { rawJson: '[]' });
        assert.equal(cb.status, 200);
        assert.equal(cb.json.result, 3103);
        api.advance(3);
      }
      // One real invalid request is still tolerated, the second locks the key out.
      assert.equal((await api.post('/vpbx/commands/callback', { command_id: 'x' })).json.result, 3103);
      assert.equal((await api.post('/vpbx/commands/callback', { command_id: 'y' })).status, 401);
    } finally {
      await api.close();
    }
  });
});

describe("the sandbox's request log", () => {
  it('records every API request with its status, code and the path a 404 probably meant', async () => {
    const api = await startSandboxApi();
    try {
      await api.post('/vpbx/account/balance', {});
      await api.post('/sips', {});
      await api.post('/vpbx/config/users/request', undefined, { rawJson: '[]' });
      const log = await api.fetch('/_sandbox/requests?limit=3');
      assert.equal(log.status, 200);
      const [balance, sips, users] = log.json.requests;
      assert.deepEqual(
        { method: balance.method, path: balance.path, status: balance.status, result: balance.result },
        { method: 'POST', path: '/vpbx/account/balance', status: 200, result: 1000 },
      );
      assert.equal(sips.status, 404);
      assert.equal(sips.did_you_mean, '/vpbx/sips');
      assert.match(sips.hint, /\/vpbx\/sips/);
      assert.equal(users.emptyArrayJson, true);
      // Secrets never reach the log.
      assert.doesNotMatch(JSON.stringify(log.json), new RegExp(api.office.api_salt));
    } finally {
      await api.close();
    }
  });
});

describe('slow report preparation through faults (reference §9 item 16)', () => {
  it('a stats/result fault answers 204 as many times as asked, then the report', async () => {
    const api = await startSandboxApi();
    try {
      const fault = await api.fetch('/_sandbox/faults', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: 'stats/result', status: 204, times: 2 }),
      });
      assert.equal(fault.status, 200, fault.text);
      const req = await api.post('/vpbx/stats/request', { date_from: T0 - 60, date_to: T0 + 60 });
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await api.post('/vpbx/stats/result', { key: req.json.key })).status);
      assert.deepEqual(statuses, [204, 204, 200]);
    } finally {
      await api.close();
    }
  });
});
