import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_RETRY_POLICY,
  MangoAbortError,
  MangoAuthError,
  MangoClient,
  MangoConnectionError,
  MangoRateLimitError,
  MangoServerError,
  MangoTimeoutError,
} from 'mangokit';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';
import { ManualClock } from './manualClock.js';

const KEY = 'k-retry';
const SALT = 's-retry';

describe('retries: which failures, how long, how often', () => {
  let fake: FakeVpbx;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
  });
  after(() => fake.close());

  function client(clock: ManualClock, extra: Partial<ConstructorParameters<typeof MangoClient>[0]> = {}) {
    return new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      rateLimit: false,
      clock,
      ...extra,
    });
  }

  it('retries 503 with exponential backoff and jitter, then succeeds with the same command_id', async () => {
    const clock = new ManualClock(true);
    const ids: unknown[] = [];
    let n = 0;
    fake.on('commands/callback', (r) => {
      ids.push(r.params.command_id);
      return ++n < 3 ? { status: 503, body: '' } : { json: { result: 1000 } };
    });
    const out = await client(clock, { maxRetries: 3 }).calls.callback({
      from: { extension: '1' },
      to_number: '2',
    });
    assert.equal(n, 3);
    assert.equal(new Set(ids).size, 1);
    assert.equal(ids[0], out.command_id);
    assert.equal(clock.sleeps.length, 2);
    const [first, second] = clock.sleeps as [number, number];
    assert.ok(first >= 500 * 0.75 && first <= 500, `first backoff ${first}`);
    assert.ok(second >= 1000 * 0.75 && second <= 1000, `second backoff ${second}`);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const clock = new ManualClock(true);
    let n = 0;
    fake.on('account/balance', () => {
      n++;
      return { json: { result: 5001 } };
    });
    await assert.rejects(client(clock, { maxRetries: 2 }).account.balance(), MangoServerError);
    assert.equal(n, 3);
  });

  it('honours Retry-After on 429 (seconds), capped by maxDelayMs', async () => {
    const clock = new ManualClock(true);
    let n = 0;
    fake.on('config/users/request', () =>
      ++n === 1
        ? {
            status: 429,
            json: { message: 'Rate limit exceeded.', code: 0, status: 429 },
            headers: { 'retry-after': '7' },
          }
        : { json: { users: [] } },
    );
    await client(clock).users.list();
    assert.deepEqual(clock.sleeps, [7000]);
    n = 0;
    const capped = new ManualClock(true);
    await client(capped, { retry: { maxDelayMs: 2000 } }).users.list();
    assert.deepEqual(capped.sleeps, [2000]);
  });

  it('never retries 3102/3105 even if told to retry their status (key lock-out, §1.3)', async () => {
    for (const result of [3102, 3105]) {
      const clock = new ManualClock(true);
      let n = 0;
      fake.on('commands/call/hangup', () => {
        n++;
        return { status: 401, json: { result } };
      });
      const c = client(clock, { maxRetries: 5, retry: { retryStatuses: [401, 429, 503] } });
      await assert.rejects(c.calls.hangup({ call_id: 'a' }), MangoAuthError);
      assert.equal(n, 1);
      assert.deepEqual(clock.sleeps, []);
    }
  });

  it('does not retry business errors', async () => {
    const clock = new ManualClock(true);
    let n = 0;
    fake.on('commands/route', () => {
      n++;
      return { json: { result: 4101 } };
    });
    await assert.rejects(client(clock).calls.route({ call_id: 'a', to_number: '1' }));
    assert.equal(n, 1);
  });

  it('retries connection failures, and maps them to MangoConnectionError', async () => {
    // A port with nothing listening: bind, read the port, close.
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    const clock = new ManualClock(true);
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: `http://127.0.0.1:${port}/vpbx/`,
      clock,
      maxRetries: 2,
    });
    await assert.rejects(c.account.balance(), MangoConnectionError);
    assert.equal(clock.sleeps.length, 2);
  });

  it('times out an attempt, retries it, and reports MangoTimeoutError', async () => {
    const clock = new ManualClock(true);
    let n = 0;
    fake.on('domains', () => {
      n++;
      return new Promise(() => {}); // never answers
    });
    const c = client(clock, { timeoutMs: 50, maxRetries: 1 });
    await assert.rejects(c.domains.list(), MangoTimeoutError);
    assert.equal(n, 2);
    const noRetry = client(new ManualClock(true), {
      timeoutMs: 50,
      maxRetries: 3,
      retry: { retryTimeouts: false },
    });
    n = 0;
    await assert.rejects(noRetry.domains.list(), MangoTimeoutError);
    assert.equal(n, 1);
  });

  it('aborts a waiting retry with the caller signal', async () => {
    const clock = new ManualClock(false);
    fake.on('roles', () => ({ status: 503, body: '' }));
    const ac = new AbortController();
    const pending = client(clock, { maxRetries: 5 }).roles.list({ signal: ac.signal });
    while (clock.pending === 0) await new Promise((r) => setTimeout(r, 2));
    ac.abort();
    await assert.rejects(pending, MangoAbortError);
  });

  it('per-call maxRetries overrides the client setting', async () => {
    const clock = new ManualClock(true);
    let n = 0;
    fake.on('incominglines', () => {
      n++;
      return { status: 502, body: '' };
    });
    await assert.rejects(client(clock, { maxRetries: 4 }).lines.list({ maxRetries: 0 }));
    assert.equal(n, 1);
  });

  it('the default policy is plain data', () => {
    assert.equal(DEFAULT_RETRY_POLICY.maxRetries, 2);
    assert.deepEqual([...DEFAULT_RETRY_POLICY.neverRetryResults], [3102, 3105]);
    assert.ok(DEFAULT_RETRY_POLICY.retryStatuses.includes(429));
    assert.ok(MangoRateLimitError);
  });
});
