import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  MangoAbortError,
  MangoActionError,
  MangoApiError,
  MangoClient,
  MangoNotFoundError,
  MangoServerError,
  MangoTimeoutError,
  type StatsCallItem,
  type StatsRow,
} from 'mangokit';
import { type FakeVpbx, startFakeVpbx } from '../support/fakeVpbx.js';
import { ManualClock } from './manualClock.js';

const KEY = 'k-stats';
const SALT = 's-stats';
const DAY = 86_400;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('stats.history(): request → poll → streamed rows (§3.1)', () => {
  let fake: FakeVpbx;
  let clock: ManualClock;
  let client: MangoClient;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
  });
  after(() => fake.close());
  const make = () => {
    clock = new ManualClock(true);
    client = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: fake.baseUrl, clock, rateLimit: false });
  };

  it('polls every pollIntervalMs while 204, and does not sleep after the final answer', async () => {
    make();
    let polls = 0;
    fake.on('stats/request', () => ({ json: { key: 'K' } }));
    fake.on('stats/result', () => (++polls < 4 ? { status: 204 } : { body: '[];1;2;0;;;;;1100;;ivr\n' }));
    const rows = await collect(client.stats.history({ date_from: 1000, date_to: 2000 }));
    assert.equal(rows.length, 1);
    assert.equal(polls, 4);
    assert.deepEqual(clock.sleeps, [5000, 5000, 5000]);
    const custom = new ManualClock(true);
    const c2 = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      clock: custom,
      rateLimit: false,
    });
    polls = 0;
    await collect(c2.stats.history({ date_from: 1000, date_to: 2000 }, { pollIntervalMs: 1500 }));
    assert.deepEqual(custom.sleeps, [1500, 1500, 1500]);
  });

  it('sends the filters and the comma-separated fields string', async () => {
    make();
    fake.on('stats/request', () => ({ json: { key: 'K' } }));
    fake.on('stats/result', () => ({ body: 'E1;7\n' }));
    const rows = await collect(
      client.stats.history({
        date_from: new Date(1_767_225_600_000),
        date_to: 1_767_225_600 + 3600,
        fields: ['entry_id', 'disconnect_reason'],
        call_party: { extension: '101' },
        request_id: 'r-1',
      }),
    );
    assert.deepEqual(rows, [{ entry_id: 'E1', disconnect_reason: 7 }]);
    const sent = fake.requests.filter((r) => r.path === 'stats/request').at(-1)!.params;
    assert.deepEqual(sent, {
      date_from: 1_767_225_600,
      date_to: 1_767_225_600 + 3600,
      fields: 'entry_id,disconnect_reason',
      call_party: { extension: '101' },
      request_id: 'r-1',
    });
  });

  it('splits a 75-day period into month windows and yields them in order', async () => {
    make();
    const windows: [number, number][] = [];
    fake.on('stats/request', (r) => {
      windows.push([r.params.date_from as number, r.params.date_to as number]);
      return { json: { key: `K${windows.length}` } };
    });
    fake.on('stats/result', (r) => ({ body: `${String(r.params.key)};1\n${String(r.params.key)};2\n` }));
    const from = 1_700_000_000;
    const rows: StatsRow[] = await collect(
      client.stats.history({ date_from: from, date_to: from + 75 * DAY, fields: 'entry_id,start' }),
    );
    assert.equal(windows.length, 3);
    assert.equal(windows[0]![0], from);
    assert.equal(windows[2]![1], from + 75 * DAY);
    assert.equal(windows[1]![0], windows[0]![1] + 1);
    assert.deepEqual(
      rows.map((r) => r.entry_id),
      ['K1', 'K1', 'K2', 'K2', 'K3', 'K3'],
    );
  });

  it('throws MangoNotFoundError when the key expired (404)', async () => {
    make();
    fake.on('stats/request', () => ({ json: { key: 'K' } }));
    fake.on('stats/result', () => ({ status: 404, body: '' }));
    await assert.rejects(collect(client.stats.history({ date_from: 1, date_to: 2 })), MangoNotFoundError);
  });

  it('gives up at the deadline, and stops on abort', async () => {
    make();
    fake.on('stats/request', () => ({ json: { key: 'K' } }));
    fake.on('stats/result', () => ({ status: 204 }));
    await assert.rejects(
      collect(client.stats.history({ date_from: 1, date_to: 2 }, { deadlineMs: 12_000 })),
      MangoTimeoutError,
    );
    assert.deepEqual(clock.sleeps, [5000, 5000, 2000]);
    const ac = new AbortController();
    const realClock = new ManualClock(false);
    const c = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      clock: realClock,
      rateLimit: false,
    });
    const pending = collect(c.stats.history({ date_from: 1, date_to: 2 }, { signal: ac.signal }));
    while (realClock.pending === 0) await new Promise((r) => setTimeout(r, 2));
    ac.abort();
    await assert.rejects(pending, MangoAbortError);
  });

  it('maps a JSON error answer of stats/result', async () => {
    make();
    fake.on('stats/request', () => ({ json: { key: 'K' } }));
    fake.on('stats/result', () => ({ json: { result: 3104 } }));
    await assert.rejects(collect(client.stats.history({ date_from: 1, date_to: 2 })), (e: unknown) => {
      return e instanceof MangoApiError && e.result === 3104;
    });
  });

  it('rejects call_party together with from/to before sending', () => {
    make();
    assert.throws(() =>
      client.stats.history({
        date_from: 1,
        date_to: 2,
        call_party: { extension: '1' },
        from: { extension: '2' },
      }),
    );
  });
});

describe('stats.calls(): extended statistics, paged and windowed (§3.2)', () => {
  let fake: FakeVpbx;
  before(async () => {
    fake = await startFakeVpbx(KEY, SALT);
  });
  after(() => fake.close());

  it('polls by status, pages over limit/offset, and sends Moscow dates', async () => {
    const clock = new ManualClock(true);
    const client = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      clock,
      rateLimit: false,
    });
    const total = 23;
    const jobs = new Map<string, { offset: number; limit: number; polls: number }>();
    fake.on('stats/calls/request', (r) => {
      const key = `J${jobs.size}`;
      jobs.set(key, { offset: r.params.offset as number, limit: r.params.limit as number, polls: 0 });
      return { json: { result: 1000, key } };
    });
    fake.on('stats/calls/result', (r) => {
      const job = jobs.get(String(r.params.key))!;
      job.polls++;
      if (job.polls === 1) return { status: 204 };
      if (job.polls === 2)
        return { json: { result: 1000, status: 'work', data: [{ list: [{ entry_id: 'partial' }] }] } };
      const ids = Array.from({ length: total }, (_, i) => `E${i}`).slice(job.offset, job.offset + job.limit);
      const half = Math.ceil(ids.length / 2);
      return {
        json: {
          result: 1000,
          status: 'complete',
          data: [
            { period: 'd1', list: ids.slice(0, half).map((entry_id) => ({ entry_id })) },
            { period: 'd2', list: ids.slice(half).map((entry_id) => ({ entry_id })) },
          ],
        },
      };
    });
    const items: StatsCallItem[] = await collect(
      client.stats.calls({
        start_date: 1_767_225_600,
        end_date: 1_767_225_600 + DAY,
        limit: 10,
        context_type: 1,
      }),
    );
    assert.deepEqual(
      items.map((i) => i.entry_id),
      Array.from({ length: total }, (_, i) => `E${i}`),
    );
    assert.equal(jobs.size, 3);
    const first = fake.requests.find((r) => r.path.startsWith('stats/calls/request'))!.params;
    assert.equal(first.start_date, '01.01.2026 03:00:00');
    assert.equal(first.end_date, '02.01.2026 03:00:00');
    assert.equal(first.context_type, 1);
    assert.equal(first.limit, 10);
  });

  it('rejects a page size the vendor does not accept', () => {
    const client = new MangoClient({ apiKey: KEY, apiSalt: SALT, baseUrl: fake.baseUrl });
    assert.throws(
      () => client.stats.calls({ start_date: 1, end_date: 2, limit: 7 as 5 }),
      /limit must be one of/,
    );
  });

  it('reports error and not-found statuses', async () => {
    const client = new MangoClient({
      apiKey: KEY,
      apiSalt: SALT,
      baseUrl: fake.baseUrl,
      clock: new ManualClock(true),
      rateLimit: false,
    });
    fake.on('stats/calls/request', () => ({ json: { result: 1000, key: 'X' } }));
    for (const [status, code, Cls] of [
      ['error', 5000, MangoServerError],
      ['not-found', 3300, MangoNotFoundError],
      ['cancel', 4000, MangoActionError],
    ] as const) {
      fake.on('stats/calls/result', () => ({ json: { result: 1000, status } }));
      await assert.rejects(collect(client.stats.calls({ start_date: 1, end_date: 2 })), (e: unknown) => {
        return e instanceof Cls && e.result === code && e.path.includes(status);
      });
    }
  });
});
