import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEvent } from 'mangokit';
import {
  CommitBatcher,
  CommitTimeoutError,
  createJsonLogger,
  eventIdentity,
  foldCall,
  Metrics,
  redact,
  safeName,
} from '../src/index.js';
import { ParsedEvents } from '../src/calls/parsedEvents.js';
import { callEvent } from './support/notifications.js';

describe('CommitBatcher', () => {
  it('commits concurrent submissions together and settles each after its commit', async () => {
    const commits: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const b = new CommitBatcher<number, string>(async (items) => {
      commits.push(items);
      if (commits.length === 1) await gate; // hold the first commit open
      return items.map((i) => `ok${i}`);
    });
    const first = b.submit(1);
    // Observed at once: on a loaded machine the 50 ms may pass before allSettled below is reached.
    first.catch(() => {});
    await new Promise((r) => setImmediate(r));
    const settled: string[] = [];
    const rest = [2, 3, 4].map((i) => b.submit(i).then((v) => settled.push(v)));
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(settled, [], 'nothing answers before its batch commits');
    assert.equal(b.backlog, 3);
    release();
    assert.equal(await first, 'ok1');
    await Promise.all(rest);
    assert.deepEqual(commits, [[1], [2, 3, 4]]);
    assert.deepEqual(settled, ['ok2', 'ok3', 'ok4']);
  });

  it('rejects every item of a failed commit and keeps going', async () => {
    let fail = true;
    const b = new CommitBatcher<number, number>(async (items) => {
      if (fail) throw new Error('disk full');
      return items;
    });
    const failed = await Promise.allSettled([b.submit(1), b.submit(2)]);
    assert.deepEqual(
      failed.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    fail = false;
    assert.equal(await b.submit(3), 3);
  });

  it('answers a submission that is not committed in time with CommitTimeoutError, and drops it if still queued', async () => {
    const commits: number[][] = [];
    let release!: (r: number[]) => void;
    const b = new CommitBatcher<number, number>(
      (items) => {
        commits.push(items);
        return new Promise<number[]>((r) => {
          release = r; // a store that hangs
        });
      },
      { timeoutMs: 50 },
    );
    const first = b.submit(1);
    // Observed at once: on a loaded machine the 50 ms may pass before allSettled below is reached.
    first.catch(() => {});
    await new Promise((r) => setImmediate(r));
    const queued = b.submit(2); // waits behind the hung commit (concurrency 1)
    const started = Date.now();
    const results = await Promise.allSettled([first, queued]);
    assert.ok(Date.now() - started < 1000);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok((r as PromiseRejectedResult).reason instanceof CommitTimeoutError);
    }
    // In flight since just after submit(1), whose 50 ms timer has fired; timers round to whole
    // milliseconds and the commit starts a turn after the submit, so its age may read 49.
    assert.ok(b.commitAgeMs() >= 40, `the hung commit is still in flight (age ${b.commitAgeMs()} ms)`);
    release([1]); // the late commit changes nothing for its already-answered caller
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(commits, [[1]], 'the expired queued item never reached the store');
    assert.equal(b.commitAgeMs(), 0);
  });

  it('never exceeds maxBatch per commit', async () => {
    const sizes: number[] = [];
    const b = new CommitBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items;
      },
      { maxBatch: 4 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => b.submit(i)));
    assert.deepEqual(sizes, [4, 4, 2]);
  });
});

describe('eventIdentity', () => {
  const id = (path: string, payload: object) => {
    const json = JSON.stringify(payload);
    return eventIdentity(parseEvent(path, json), json);
  };

  it('names a leg state change, whatever the JSON spelling', () => {
    const p = callEvent('E', 'L', 3, 'Connected');
    const a = id('events/call', p);
    const b = id('events/call', Object.fromEntries(Object.entries({ ...p, seq: '3' }).reverse()));
    assert.equal(a.dedupKey, b.dedupKey);
    assert.deepEqual([a.entryId, a.callId, a.seq], ['E', 'L', 3]);
    assert.notEqual(a.dedupKey, id('events/call', callEvent('E', 'L', 4, 'Connected')).dedupKey);
    assert.notEqual(a.dedupKey, id('events/call', callEvent('E', 'L2', 3, 'Connected')).dedupKey);
  });

  it('keys a summary by call and unknown paths by their raw bytes', () => {
    const s = {
      entry_id: 'E',
      call_direction: 1,
      from: {},
      to: {},
      create_time: 1,
      forward_time: 0,
      talk_time: 0,
      end_time: 2,
      entry_result: 0,
      disconnect_reason: 1100,
    };
    assert.equal(id('events/summary', s).dedupKey, 'summary|E');
    const u1 = id('events/brand/new', { a: 1 });
    assert.equal(u1.dedupKey, id('events/brand/new', { a: 1 }).dedupKey);
    assert.notEqual(u1.dedupKey, id('events/brand/new', { a: 2 }).dedupKey);
    assert.notEqual(u1.dedupKey, id('events/brand/other', { a: 1 }).dedupKey);
  });
});

describe('logging and metrics', () => {
  it('redacts signatures, salts, tokens and URL passwords', () => {
    const out = redact({
      sign: 'abc',
      apiSalt: 's',
      nested: { password: 'p', url: 'postgres://gw:hunter2@db:5432/x', ok: 'visible' },
      error: new Error('connect to postgres://u:secret@h/db failed'),
    }) as Record<string, Record<string, unknown>>;
    const text = JSON.stringify(out);
    for (const secret of ['abc', 'hunter2', 'secret', '"s"', '"p"'])
      assert.ok(!text.includes(secret), secret);
    assert.ok(text.includes('visible'));
    assert.ok(text.includes('postgres://***@db:5432/x'));
  });

  it('writes one JSON object per line and drops lines below its level', () => {
    const lines: string[] = [];
    const log = createJsonLogger('warn', (l) => lines.push(l), { instance: 'a' });
    log.info('hidden');
    log.warn('shown', { sign: 'deadbeef', path: 'events/call' });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(entry.msg, 'shown');
    assert.equal(entry.level, 'warn');
    assert.equal(entry.sign, '[redacted]');
    assert.equal(entry.instance, 'a');
  });

  it('renders counters, gauges and histograms in the Prometheus text format', async () => {
    const m = new Metrics();
    m.inc('mangokit_gateway_requests_total', { status: '200' }, 3);
    m.observe('mangokit_gateway_ack_seconds', 0.003);
    m.gauge('mangokit_gateway_test_gauge', 'A test gauge.', () => 7);
    const text = await m.render();
    assert.match(text, /^mangokit_gateway_requests_total\{status="200"\} 3$/m);
    assert.match(text, /^mangokit_gateway_ack_seconds_bucket\{le="0.0025"\} 0$/m);
    assert.match(text, /^mangokit_gateway_ack_seconds_bucket\{le="0.005"\} 1$/m);
    assert.match(text, /^mangokit_gateway_ack_seconds_count 1$/m);
    assert.match(text, /^# TYPE mangokit_gateway_test_gauge gauge\nmangokit_gateway_test_gauge 7$/m);
  });

  it('makes file names from opaque recording ids without collisions', () => {
    assert.equal(safeName('abc-1.x'), 'abc-1.x');
    assert.notEqual(safeName('a/b'), safeName('a+b'));
    assert.match(safeName('../../etc/passwd'), /^[\w.=-]+$/);
  });
});

describe('foldCall with events parsed on arrival', () => {
  it('projects exactly what parsing the stored json projects', () => {
    const states = ['Appeared', 'Connected', 'Disconnected'] as const;
    const stored = states.map((state, i) => {
      const json = JSON.stringify(callEvent('EP', 'LP', i + 1, state));
      return {
        id: i + 1,
        path: 'events/call',
        type: 'call',
        name: 'call',
        json,
        receivedAt: 0,
        ...ids(json),
      };
    });
    const parsed = new Map(stored.map((s) => [s.id, parseEvent(s.path, s.json)]));
    const asked: number[] = [];
    const fromParsed = foldCall('EP', null, stored, (id) => {
      asked.push(id);
      return parsed.get(id);
    });
    const fromJson = foldCall('EP', null, stored);
    assert.deepEqual(asked, [1, 2, 3]);
    assert.deepEqual({ ...fromParsed.call, updatedAt: 0 }, { ...fromJson.call, updatedAt: 0 });
    assert.deepEqual(fromParsed.legs, fromJson.legs);
    assert.equal(fromParsed.call?.outcome, 'ended');
  });
});

describe('ParsedEvents', () => {
  const event = parseEvent('events/call', JSON.stringify(callEvent('EQ', 'LQ', 1, 'Appeared')));

  it('holds at most max events, dropping the oldest still held', () => {
    const held = new ParsedEvents(10);
    for (let id = 1; id <= 25; id++) held.add(id, event);
    assert.equal(held.size, 10);
    for (let id = 1; id <= 15; id++) assert.equal(held.take(id), undefined, `id ${id} dropped`);
    for (let id = 16; id <= 25; id++) assert.equal(held.take(id), event, `id ${id} held`);
    assert.equal(held.size, 0);
  });

  it('keeps what the projection has not taken, in order, across many adds and takes', () => {
    const held = new ParsedEvents(10);
    // The projection takes every event but those divisible by 7, for far longer than 2 × max.
    for (let id = 1; id <= 4_998; id++) {
      held.add(id, event);
      if (id % 7 !== 0) assert.equal(held.take(id), event);
    }
    assert.equal(held.size, 10);
    // The ten newest of the untaken ones are held: 4,935, 4,942, … 4,998.
    const untaken = Array.from({ length: 714 }, (_, i) => (i + 1) * 7).slice(-10);
    assert.equal(untaken[0], 4_935);
    assert.equal(held.take(4_928), undefined, 'older ones dropped');
    for (const id of untaken) assert.equal(held.take(id), event, `id ${id} held`);
  });
});

function ids(json: string) {
  const { entryId, callId, seq } = eventIdentity(parseEvent('events/call', json), json);
  return { entryId, callId, seq };
}
