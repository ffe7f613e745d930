import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  MangoAbortError,
  MangoClient,
  MangoTimeoutError,
  type Transport,
  type TransportRequest,
} from 'mangokit';
import { createFetchTransport } from '../../src/internal/fetchTransport.js';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';

const KEY = 'k-tr';
const SALT = 's-tr';

describe('transports: node:http default, fetch, injected', () => {
  let fake: FakeVpbx;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
    fake.on('account/balance', () => ({ json: { result: 1000, balance: 5, currency: 'RUB' } }));
    fake.on('queries/recording/post', () => ({ status: 302, headers: { location: '/files/x' } }));
    fake.on('/files/x', () => ({ body: 'audio', headers: { 'content-type': 'audio/mpeg' } }));
    fake.on('incominglines', () => new Promise(() => {}));
  });
  after(() => fake.close());

  for (const kind of ['node', 'fetch'] as const) {
    it(`${kind}: JSON call, redirect-following download, timeout and abort`, async () => {
      const c = new MangoClient({
        apiKey: KEY,
        apiSalt: SALT,
        baseUrl: fake.baseUrl,
        transport: kind,
        maxRetries: 0,
      });
      assert.equal((await c.account.balance()).balance, 5);
      const file = await c.recordings.download('R');
      assert.equal(await new Response(file.stream).text(), 'audio');
      await assert.rejects(c.lines.list({ timeoutMs: 50 }), MangoTimeoutError);
      const ac = new AbortController();
      const pending = c.lines.list({ signal: ac.signal, timeoutMs: 5000 });
      setTimeout(() => ac.abort(), 20);
      await assert.rejects(pending, MangoAbortError);
      assert.deepEqual(fake.problems, []);
    });
  }

  it('uses a given fetch implementation', async () => {
    const urls: string[] = [];
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      fetch: (url, init) => {
        urls.push(url);
        return fetch(url, init);
      },
    });
    await c.account.balance();
    assert.deepEqual(urls, [`${fake.baseUrl}account/balance`]);
    assert.ok(createFetchTransport);
  });

  it('accepts an injected transport (no network)', async () => {
    const seen: TransportRequest[] = [];
    const transport: Transport = async (req) => {
      seen.push(req);
      const text = '{"result":1000,"domains":["a.mangosip.ru"]}';
      return {
        status: 200,
        header: () => undefined,
        text: async () => text,
        chunks: async function* () {
          yield new TextEncoder().encode(text);
        },
        stream: () => new Response(text).body!,
        discard: () => {},
      };
    };
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: 'https://pbx.example/vpbx/',
      transport,
    });
    const out = await c.domains.list();
    assert.deepEqual(out.domains, ['a.mangosip.ru']);
    assert.equal(seen[0]?.url, 'https://pbx.example/vpbx/domains');
    assert.equal(seen[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(String(seen[0]?.body));
    assert.equal(form.get('json'), '{}');
    assert.equal(form.get('vpbx_api_key'), KEY);
  });

  it('resolves the Contact-Center base beside the vpbx base', () => {
    const c = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: 'https://app.mango-office.ru/vpbx/' });
    assert.equal(c.pipeline.url('../cc/get_presence'), 'https://app.mango-office.ru/cc/get_presence');
    assert.equal(c.pipeline.url('../s2t/queries/records'), 'https://app.mango-office.ru/s2t/queries/records');
    assert.throws(() => c.request('https://evil.example/x'), /relative/);
  });
});
