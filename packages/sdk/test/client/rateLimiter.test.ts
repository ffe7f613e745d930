import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MangoAbortError, MangoClient } from 'mangokit';
import { RateLimiter } from '../../src/internal/rateLimiter.js';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';
import { ManualClock, settle } from './manualClock.js';

describe('client-side rate limiter (vendor table, §1.3)', () => {
  it('lets 4 callbacks per second through and queues the 5th until the window slides', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock);
    const started: number[] = [];
    const go = async (i: number) => {
      const w = limiter.acquire('commands/callback');
      if (w) await w;
      started.push(i);
    };
    const all = Promise.all([0, 1, 2, 3, 4, 5].map(go));
    await settle();
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.equal(limiter.queued('commands/callback'), 2);
    await clock.advance(999);
    assert.deepEqual(started, [0, 1, 2, 3]);
    await clock.advance(1);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
    await all;
  });

  it('paces 1-per-2s methods and keeps other methods independent', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock);
    assert.equal(limiter.acquire('commands/route'), undefined);
    const second = limiter.acquire('commands/route');
    assert.ok(second instanceof Promise);
    assert.equal(limiter.acquire('commands/hangup'), undefined, 'another method is not blocked');
    let done = false;
    second.then(() => {
      done = true;
    });
    await clock.advance(1999);
    assert.equal(done, false);
    await clock.advance(1);
    assert.equal(done, true);
  });

  it('reads the vendor table: users 1/2s, balance 2/s, recordings family, address book, cc, default', () => {
    const limiter = new RateLimiter(new ManualClock());
    assert.deepEqual(limiter.rateFor('config/users/request')[1], { limit: 1, intervalMs: 2000 });
    assert.deepEqual(limiter.rateFor('account/balance')[1], { limit: 2, intervalMs: 1000 });
    assert.equal(limiter.rateFor('queries/recording/post')[0], 'queries/recording/');
    assert.equal(limiter.rateFor('queries/recording/post/')[0], 'queries/recording/');
    assert.deepEqual(limiter.rateFor('ab/contacts/create/')[1], { limit: 10, intervalMs: 1000 });
    assert.deepEqual(limiter.rateFor('ab/contact/cursor')[1], { limit: 50, intervalMs: 1000 });
    assert.deepEqual(limiter.rateFor('../cc/task/add')[1], { limit: 5, intervalMs: 1000 });
    assert.equal(limiter.rateFor('../cc/get_presence')[0], '../cc/');
    assert.deepEqual(limiter.rateFor('roles'), ['roles', { limit: 10, intervalMs: 1000 }]);
    // One "stats start" row covers both statistics requests (§1.3).
    assert.deepEqual(limiter.rateFor('stats/calls/request/'), [
      'stats/request',
      { limit: 1, intervalMs: 2000 },
    ]);
  });

  it('counts both statistics requests in one bucket', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock);
    assert.equal(limiter.acquire('stats/request'), undefined);
    const second = limiter.acquire('stats/calls/request');
    assert.ok(second, 'the extended request waits for the basic one');
    await clock.advance(2000);
    await second;
  });

  it('accepts overrides', () => {
    const limiter = new RateLimiter(new ManualClock(), {
      default: { limit: 100, intervalMs: 1000 },
      methods: { 'commands/callback': { limit: 1, intervalMs: 500 } },
    });
    assert.deepEqual(limiter.rateFor('commands/callback')[1], { limit: 1, intervalMs: 500 });
    assert.deepEqual(limiter.rateFor('roles')[1], { limit: 100, intervalMs: 1000 });
  });

  it('drops a queued request when its signal aborts, without disturbing the queue', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(clock);
    limiter.acquire('commands/transfer');
    const ac = new AbortController();
    const a = limiter.acquire('commands/transfer', ac.signal)!;
    const b = limiter.acquire('commands/transfer')!;
    ac.abort();
    await assert.rejects(a, MangoAbortError);
    let bDone = false;
    b.then(() => {
      bDone = true;
    });
    await clock.advance(2000);
    assert.equal(bDone, true);
  });

  describe('through the client', () => {
    let fake: FakeVpbx;
    before(async () => {
      fake = await startFakeVpbx('k', 's');
      fake.on('commands/callback', () => ({ json: { result: 1000 } }));
    });
    after(() => fake.close());

    it('queues a burst instead of sending it: six callbacks wait for one window', async () => {
      const clock = new ManualClock(true);
      const c = new MangoClient({ apiKey: 'k', apiSalt: 's', baseUrl: fake.baseUrl, clock });
      const results = await Promise.all(
        Array.from({ length: 6 }, () => c.calls.callback({ from: { extension: '1' }, to_number: '2' })),
      );
      assert.equal(results.length, 6);
      assert.ok(clock.sleeps.length >= 1, 'the limiter waited');
      assert.ok(clock.sleeps.every((ms) => ms <= 1000));
    });

    it('can be turned off', async () => {
      const clock = new ManualClock(true);
      const c = new MangoClient({
        apiKey: 'k',
        apiSalt: 's',
        baseUrl: fake.baseUrl,
        clock,
        rateLimit: false,
      });
      await Promise.all(
        Array.from({ length: 6 }, () => c.calls.callback({ from: { extension: '1' }, to_number: '2' })),
      );
      assert.deepEqual(clock.sleeps, []);
    });
  });
});
